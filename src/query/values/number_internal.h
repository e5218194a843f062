/* number_internal.h - what the number parser and printer share: digit loops, integer digits, w * 10^q as a double. */
#ifndef SLUICE_QUERY_NUMBER_INTERNAL_H
#define SLUICE_QUERY_NUMBER_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "kernels/digits.h"

static inline bool is_digit(char c)
{
	return (unsigned char)(c - '0') < 10;
}

/* Consumes digits from s, folding them into *w modulo 2^64; the callers count digits to know when
 * the wrap-around happened. Short fields (the common case in CSV) never enter the 8-byte loop
 * body more than once. */
static inline const char *eat_digits(const char *s, const char *end, uint64_t *w)
{
	uint64_t v = *w;
	while (end - s >= 8) {
		uint64_t chunk = load8(s);
		if (!all_digits8(chunk))
			break;
		v = v * 100000000u + parse_digits8(chunk);
		s += 8;
	}
	while (s < end && is_digit(*s)) {
		v = v * 10 + (uint64_t)(*s - '0');
		s++;
	}
	*w = v;
	return s;
}

/* Number of '0' digits at the start of a[0..na) followed by b[0..nb). */
static inline size_t leading_zeros(const char *a, size_t na, const char *b, size_t nb)
{
	size_t z = 0;
	while (z < na && a[z] == '0')
		z++;
	if (z < na)
		return z;
	size_t k = 0;
	while (k < nb && b[k] == '0')
		k++;
	return z + k;
}

static inline char digit_at(const char *a, size_t na, const char *b, size_t i)
{
	return i < na ? a[i] : b[i - na];
}

/* Decimal digits of m at buf, no terminator; returns their count (1..20). */
static inline size_t format_u64(uint64_t m, char *buf)
{
	char tmp[20];
	size_t k = sizeof tmp;
	do {
		tmp[--k] = (char)('0' + m % 10);
		m /= 10;
	} while (m);
	memcpy(buf, tmp + k, sizeof tmp - k);
	return sizeof tmp - k;
}

/* Decimal digits of v with a '-' for negatives, no terminator; returns their count (1..20).
 * Negates in unsigned arithmetic so that INT64_MIN has a magnitude. */
static inline size_t format_i64(int64_t v, char *buf)
{
	size_t len = 0;
	if (v < 0)
		buf[len++] = '-';
	len += format_u64(v < 0 ? 0 - (uint64_t)v : (uint64_t)v, buf + len);
	return len;
}

/* w * 10^q correctly rounded, for w of at most 19 digits that are all the digits
 * (number_parse.c; the printer checks its candidates with it). */
double sq_decimal_to_double(uint64_t w, int64_t q, bool neg);

#endif
