/* digits.h - eight ASCII digits at a time, and the short decimals they make; shared by the number
 * parser and the engine's hot decoding loops. */
#ifndef SLUICE_QUERY_DIGITS_H
#define SLUICE_QUERY_DIGITS_H

#include <float.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Eight bytes as a little-endian word, so that the first character is the low byte everywhere. */
static inline uint64_t load8(const char *s)
{
	uint64_t v;
	memcpy(&v, s, sizeof v);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	v = __builtin_bswap64(v);
#endif
	return v;
}

/* True when all eight bytes are '0'..'9'. A digit is 0x30..0x39: its high nibble is 3, and adding
 * 6 keeps the high nibble at 3 only for 0x30..0x39 (0x3A + 6 = 0x40). Bytes never carry into their
 * neighbour because 0x39 + 6 < 0x100 and bytes >= 0xFA fail the first test anyway.
 *
 *   bytes          '1'  '2'  '.'  '4'  ...
 *   v              31   32   2E   34
 *   v & F0..       30   30   20   30      <- '.' already breaks the 0x33.. pattern
 *   (v + 06..)     37   38   34   3A
 *   ... & F0 >> 4  03   03   03   03
 *   or             33   33   23   33   != 0x3333333333333333
 */
static inline bool all_digits8(uint64_t v)
{
	uint64_t hi = v & 0xF0F0F0F0F0F0F0F0u;
	uint64_t lo = ((v + 0x0606060606060606u) & 0xF0F0F0F0F0F0F0F0u) >> 4;
	return (hi | lo) == 0x3333333333333333u;
}

/* The value of eight ASCII digits in three multiplies instead of eight: neighbours are combined
 * pairwise into 2-digit lanes, then 4-digit lanes, then the whole.
 *
 *   "12345678" as bytes (low first)   01 02 03 04 05 06 07 08       after - '0'
 *   v * 10 + (v >> 8)                 12 .. 34 .. 56 .. 78 ..       byte 0, 2, 4, 6 hold 12, 34, 56, 78
 *   mask 0x000000FF000000FF           12 and 56 (bytes 0, 4); (v >> 16) gives 34 and 78
 *   12 * 1000000 + 56 * 100 + 34 * 10000 + 78 * 1 lands in bits 32..63 through the two
 *   multipliers 100 + 1000000 << 32 and 1 + 10000 << 32.
 */
static inline uint32_t parse_digits8(uint64_t v)
{
	const uint64_t mask = 0x000000FF000000FFu;
	const uint64_t mul1 = 100u + ((uint64_t)1000000u << 32);
	const uint64_t mul2 = 1u + ((uint64_t)10000u << 32);
	v -= 0x3030303030303030u;
	v = v * 10 + (v >> 8);
	v = (((v & mask) * mul1) + (((v >> 16) & mask) * mul2)) >> 32;
	return (uint32_t)v;
}

/* 10^0..10^22 are exact doubles, the basis of Clinger's fast path. */
static const double pow10_exact[23] = {
	1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

#if FLT_EVAL_METHOD == 0
/*
 * parse_short_decimal on eight bytes at once, for [-]digits[.digits] of at most 8 bytes after the
 * sign whose 8 bytes from the first digit may be read (the caller knows the bytes that follow):
 *
 *   "17.02"   bytes 31 37 2e 30 32 | x x x        the n = 5 bytes, low byte first
 *   to top    00 00 00 31 37 2e 30 32             shifted up by 8 - n bytes: the rest falls off
 *   dot out   00 00 00 00 31 37 30 32             the bytes below the dot move up over it
 *   '0's      30 30 30 30 31 37 30 32             the zero bytes below read as '0'
 *   value     1702 (parse_digits8), / 10^2        the digits above the dot: 7 - its byte
 */
static inline bool sq_parse_decimal8(const char *p, size_t n, double *out)
{
	const bool neg = p[0] == '-';
	p += neg;
	n -= neg;
	if (n - 1 > 7) /* 1..8 bytes (n == 0 wraps) */
		return false;
	uint64_t x = load8(p) << (64 - 8 * n);
	/* the dot: the lowest zero byte of x ^ "........" (the zero bytes below are 0x2e there) */
	const uint64_t t = x ^ 0x2e2e2e2e2e2e2e2eu;
	const uint64_t dot = (t - 0x0101010101010101u) & ~t & 0x8080808080808080u;
	size_t pad = 8 - n, frac = 0;
	if (dot) {
		if (n == 1)
			return false; /* a dot alone */
		const unsigned at = (unsigned)__builtin_ctzll(dot) >> 3;
		const uint64_t below = ((uint64_t)1 << (8 * at)) - 1;
		x = (x & (~below << 8)) | ((x & below) << 8);
		frac = 7 - at;
		pad++;
	}
	x |= 0x3030303030303030u & (((uint64_t)1 << (8 * pad)) - 1); /* pad <= 7 */
	if (!all_digits8(x))
		return false; /* a second dot or any other byte */
	const double d = (double)parse_digits8(x) / pow10_exact[frac];
	*out = neg ? -d : d;
	return true;
}
#endif

#endif
