/* gen.h - what the generator's two tables share: random numbers, number formatting, the calendar and
 * padded names, all inline (the row loops run at disk speed), and each table's three calls. */
#ifndef SLUICE_GEN_H
#define SLUICE_GEN_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

/* The most bytes a row takes, the fixed-width over-copies of the padded names (a word or a vendor
 * name is copied as a whole 16/32-byte block) included: the output buffer is flushed while at least
 * this much is free. */
#define ROW_MAX 1024

/* ---------------------------------------------------------------------------------------------
 * Random numbers: xoshiro256** seeded through splitmix64, so every seed (0 included) gives a
 * well-mixed state and the stream is the same on every platform.
 * ------------------------------------------------------------------------------------------- */
typedef struct rng {
	uint64_t s[4];
} rng;

static inline uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15u);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

static inline void rng_seed(rng *r, uint64_t seed)
{
	for (int i = 0; i < 4; i++)
		r->s[i] = splitmix64(&seed);
}

static inline uint64_t rotl64(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static inline uint64_t rng_next(rng *r)
{
	uint64_t *s = r->s;
	uint64_t result = rotl64(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl64(s[3], 45);
	return result;
}

/* Uniform in [0, n) for n < 2^32 by multiply-shift of the top 32 bits: no division, and a bias of
 * at most n / 2^32, far below what any distribution here is meant to show. */
static inline uint32_t rng_below(rng *r, uint32_t n)
{
	return (uint32_t)(((rng_next(r) >> 32) * n) >> 32);
}

/* Uniform in [lo, hi]. */
static inline uint32_t rng_range(rng *r, uint32_t lo, uint32_t hi)
{
	return lo + rng_below(r, hi - lo + 1);
}

/* ---------------------------------------------------------------------------------------------
 * Formatting without stdio: each helper writes at p and returns the new end.
 * ------------------------------------------------------------------------------------------- */
static const char digit_pairs[201] = "00010203040506070809"
                                     "10111213141516171819"
                                     "20212223242526272829"
                                     "30313233343536373839"
                                     "40414243444546474849"
                                     "50515253545556575859"
                                     "60616263646566676869"
                                     "70717273747576777879"
                                     "80818283848586878889"
                                     "90919293949596979899";

#define PUT_LIT(p, s)                          \
	do {                                   \
		memcpy((p), (s), sizeof(s) - 1); \
		(p) += sizeof(s) - 1;          \
	} while (0)

/* Two digits, zero-padded: v < 100. */
static inline char *put2(char *p, uint32_t v)
{
	memcpy(p, digit_pairs + 2 * v, 2);
	return p + 2;
}

/* v in decimal, no padding. Digits are produced two at a time from the right into a scratch
 * buffer, then copied once. */
static inline char *put_u64(char *p, uint64_t v)
{
	char tmp[20];
	char *t = tmp + sizeof tmp;
	while (v >= 100) {
		t -= 2;
		memcpy(t, digit_pairs + 2 * (v % 100), 2);
		v /= 100;
	}
	if (v >= 10) {
		t -= 2;
		memcpy(t, digit_pairs + 2 * v, 2);
	} else {
		*--t = (char)('0' + v);
	}
	size_t n = (size_t)(tmp + sizeof tmp - t);
	memcpy(p, t, n);
	return p + n;
}

/* Hundredths as "I.FF" (1234 -> "12.34", 5 -> "0.05"). */
static inline char *put_cents(char *p, uint32_t cents)
{
	p = put_u64(p, cents / 100);
	*p++ = '.';
	return put2(p, cents % 100);
}

/* v < 1000000 as exactly six digits. */
static inline char *put6(char *p, uint32_t v)
{
	p = put2(p, v / 10000);
	p = put2(p, v / 100 % 100);
	return put2(p, v % 100);
}

/* ---------------------------------------------------------------------------------------------
 * Calendar.
 * ------------------------------------------------------------------------------------------- */
static inline bool is_leap_year(uint32_t y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static inline uint32_t month_length(uint32_t y, uint32_t m)
{
	static const uint8_t days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return (m == 2 && is_leap_year(y)) ? 29 : days[m - 1];
}

/* "YYYY-MM-DD "; years past 9999 keep their last four digits. */
static inline void format_date(char out[11], uint32_t y, uint32_t m, uint32_t d)
{
	char *p = put2(out, y / 100 % 100);
	p = put2(p, y % 100);
	*p++ = '-';
	p = put2(p, m);
	*p++ = '-';
	p = put2(p, d);
	*p = ' ';
}

/* ---------------------------------------------------------------------------------------------
 * Names as they appear in the file (quoted when they hold a comma), padded to 16 or 32 bytes so
 * that a name is one fixed-size copy; the end then moves by its length only.
 * ------------------------------------------------------------------------------------------- */
typedef struct padded32 {
	char s[32];
	uint8_t len;
} padded32;

#define P32(lit) {lit, sizeof(lit) - 1}

typedef struct padded16 {
	char s[16];
	uint8_t len;
} padded16;

#define P16(lit) {lit, sizeof(lit) - 1}

/* A padded name is one fixed-size copy; the end then moves by its length only. */
static inline char *put_padded16(char *p, const padded16 *w)
{
	memcpy(p, w->s, sizeof w->s);
	return p + w->len;
}

static inline char *put_padded32(char *p, const padded32 *w)
{
	memcpy(p, w->s, sizeof w->s);
	return p + w->len;
}


/* ---------------------------------------------------------------------------------------------
 * The tables: each has a header line, a state made from the seed (free it with free()), and a
 * call that writes the next row at p and returns its end.
 * ------------------------------------------------------------------------------------------- */
typedef struct trips_gen trips_gen;
extern const char trips_header[];
trips_gen *trips_new(uint64_t seed);
char *trips_row(trips_gen *g, char *p);

typedef struct logs_gen logs_gen;
extern const char logs_header[];
logs_gen *logs_new(uint64_t seed);
char *logs_row(logs_gen *g, char *p);

#endif
