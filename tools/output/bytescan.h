/* bytescan.h - eight-bytes-at-a-time search for the few bytes an output format has to escape. */
#ifndef SLUICE_TOOLS_BYTESCAN_H
#define SLUICE_TOOLS_BYTESCAN_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Lane i of a loaded word holds p[i]. Each test sets the high bit of a byte lane whose byte matches. Only the lowest set bit is
 * exact (a borrow can flag lanes above a real match), which is all the scanners need: they
 * stop at the first match. Example, looking for ',' (0x2C) in "ab,d" (lanes low to high):
 *
 *     bytes        61 62 2C 64
 *     x ^ 2C..2C   4D 4E 00 48
 *     flag         .. .. 80 ..    -> first match at lane 2
 *
 * An OR of several tests keeps that property: its lowest bit is the earliest real match. */
#define OUT_BYTESCAN_ONES  UINT64_C(0x0101010101010101)
#define OUT_BYTESCAN_HIGHS UINT64_C(0x8080808080808080)

static inline uint64_t out_bytescan_load(const char *p)
{
	uint64_t x;
	memcpy(&x, p, sizeof x);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	x = __builtin_bswap64(x); /* lane i holds p[i] in both byte orders */
#endif
	return x;
}

/* Lanes equal to c. */
static inline uint64_t out_bytescan_eq(uint64_t x, unsigned char c)
{
	uint64_t y = x ^ (OUT_BYTESCAN_ONES * c);
	return (y - OUT_BYTESCAN_ONES) & ~y & OUT_BYTESCAN_HIGHS;
}

/* Lanes below c (c <= 128). */
static inline uint64_t out_bytescan_lt(uint64_t x, unsigned char c)
{
	return (x - OUT_BYTESCAN_ONES * c) & ~x & OUT_BYTESCAN_HIGHS;
}

/* Lanes with the high bit set (bytes >= 0x80). */
static inline uint64_t out_bytescan_high(uint64_t x)
{
	return x & OUT_BYTESCAN_HIGHS;
}

/* Index (0..7) of the first flagged lane of a non-zero mask. */
static inline size_t out_bytescan_first(uint64_t mask)
{
	return (size_t)__builtin_ctzll(mask) >> 3;
}

#endif /* SLUICE_TOOLS_BYTESCAN_H */
