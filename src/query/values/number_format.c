/* number_format.c - integers and doubles to text: the shortest digits that read back, laid out as DuckDB does. */
#include "query/values/value.h"
#include "query/values/number_internal.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* ------------------------------------------------------------------------------------------------
 * Integers.
 * ---------------------------------------------------------------------------------------------- */

size_t sq_format_int64(int64_t v, char *buf)
{
	size_t len = format_i64(v, buf);
	buf[len] = '\0';
	return len;
}

/* ------------------------------------------------------------------------------------------------
 * Doubles to text. Not a hot path: output is a few values per result row.
 * ---------------------------------------------------------------------------------------------- */

static const uint64_t pow10_u64[18] = {
	1u, 10u, 100u, 1000u, 10000u, 100000u, 1000000u, 10000000u, 100000000u, 1000000000u,
	10000000000u, 100000000000u, 1000000000000u, 10000000000000u, 100000000000000u,
	1000000000000000u, 10000000000000000u, 100000000000000000u,
};

/* v (finite, > 0) correctly rounded to k significant digits: v ~= *w * 10^*q with *w of exactly k
 * digits. glibc's printf rounds exactly; its decimal point belongs to LC_NUMERIC and may be any
 * run of non-digit bytes, so only digits and the exponent are read back. */
static bool round_to_digits(double v, int k, uint64_t *w, int *q)
{
	char tmp[64];
	int len = snprintf(tmp, sizeof tmp, "%.*e", k - 1, v);
	if (len <= 0 || (size_t)len >= sizeof tmp)
		return false;
	uint64_t m = 0;
	int nd = 0, i = 0;
	for (; i < len && tmp[i] != 'e'; i++) {
		if (is_digit(tmp[i])) {
			m = m * 10 + (uint64_t)(tmp[i] - '0');
			nd++;
		}
	}
	if (i == len || nd != k)
		return false;
	i++;
	bool eneg = i < len && tmp[i] == '-';
	if (i < len && (tmp[i] == '-' || tmp[i] == '+'))
		i++;
	int e = 0;
	for (; i < len && is_digit(tmp[i]); i++)
		e = e * 10 + (tmp[i] - '0');
	*w = m;
	*q = (eneg ? -e : e) - (k - 1);
	return true;
}

static bool round_trips(uint64_t w, int q, double v)
{
	double d = sq_decimal_to_double(w, q, false);
	return memcmp(&d, &v, sizeof d) == 0;
}

/* The k-digit decimal nearest v when it reads back as v. Where the gap below v is half the gap
 * above (v a power of two) the nearest one can miss while its upper neighbour hits, so
 * with_neighbours also tries one step either side, staying at k digits. */
static bool try_digits(double v, int k, bool with_neighbours, uint64_t *w, int *q)
{
	uint64_t m;
	int e;
	if (!round_to_digits(v, k, &m, &e))
		return false;
	uint64_t cand[3] = {m, m + 1, m - 1};
	int ncand = with_neighbours ? 3 : 1;
	for (int i = 0; i < ncand; i++) {
		if (cand[i] < pow10_u64[k - 1] || cand[i] >= pow10_u64[k])
			continue;
		if (round_trips(cand[i], e, v)) {
			*w = cand[i];
			*q = e;
			return true;
		}
	}
	return false;
}

/* Without printf, for v in [1e-7, 1e23): finds the shortest digits when they number at most 15.
 * Returns 1 when found, 0 when no string of <= 15 digits reads back as v, -1 outside the range.
 * Scaling v by an exact power of ten rounds once, an error under 0.11 units of the last digit
 * for values below 10^15; a string that reads back as v is within half an ulp of it, under 0.11
 * units as well. So the scaled value rounds to that string whenever it exists, and the exact
 * round_trips check rejects everything else. The scale's estimate of v's decade may be one too
 * high (v * 10^j rounding up to 1); trying one more length covers that. */
static int shortest_scaled(double v, uint64_t *w, int *q)
{
	int e = 0; /* 10^e <= v < 10^(e+1), or one more */
	if (v >= 1) {
		if (v >= 1e23)
			return -1;
		while (e < 22 && v >= pow10_exact[e + 1])
			e++;
	} else {
		for (int i = 1; i <= 7 && e == 0; i++)
			if (v * pow10_exact[i] >= 1)
				e = -i;
		if (e == 0)
			return -1;
	}
	for (int k = 1; k <= 16; k++) {
		int s = k - 1 - e; /* in [-22, 22] */
		double scaled = s >= 0 ? v * pow10_exact[s] : v / pow10_exact[-s];
		if (scaled >= 1e15)
			break;
		uint64_t m = (uint64_t)(scaled + 0.5);
		if (m != 0 && round_trips(m, -s, v)) {
			*w = m;
			*q = -s;
			return 1;
		}
	}
	return 0;
}

/* The shortest digits that read back as v (finite, > 0), nearest to v among equally short ones:
 * v = *w * 10^*q, *w without trailing zeros. */
static void shortest_digits(double v, uint64_t *w, int *q)
{
	bool found = false;
	if (v >= DBL_MIN) {
		/* Any decimal of at most DBL_DIG = 15 digits survives decimal -> double -> 15 digits, so
		 * when a string of <= 15 digits reads back as v, rounding v to 15 digits yields it
		 * (padded with zeros). Only 16 and 17 remain to try. */
		int small = shortest_scaled(v, w, q);
		found = small == 1 || (small < 0 && try_digits(v, 15, false, w, q)) || try_digits(v, 16, true, w, q);
	} else {
		/* Subnormals carry fewer than 15 digits of precision, so the shortcut does not hold. */
		for (int k = 1; k <= 16 && !found; k++)
			found = try_digits(v, k, true, w, q);
	}
	/* 17 digits always read back. */
	if (!found && !try_digits(v, 17, false, w, q)) {
		*w = 0; /* snprintf misbehaved; prints "0.0" rather than garbage */
		*q = 0;
	}
	while (*w != 0 && *w % 10 == 0) {
		*w /= 10;
		++*q;
	}
}

size_t sq_format_double(double v, char *buf)
{
	char *o = buf;
	if (isnan(v)) {
		memcpy(buf, "nan", 4);
		return 3;
	}
	if (signbit(v)) {
		*o++ = '-';
		v = -v;
	}
	if (isinf(v)) {
		memcpy(o, "inf", 4);
		return (size_t)(o - buf) + 3;
	}
	uint64_t w = 0;
	int q = 0;
	if (v != 0)
		shortest_digits(v, &w, &q);
	char d[20];
	int nd = (int)format_u64(w, d);
	int e = q + nd - 1; /* v = d[0].d[1..] * 10^e */
	if (e >= -4 && e < 16) {
		if (e < 0) {
			*o++ = '0';
			*o++ = '.';
			for (int i = 0; i < -e - 1; i++)
				*o++ = '0';
			memcpy(o, d, (size_t)nd);
			o += nd;
		} else if (e >= nd - 1) {
			memcpy(o, d, (size_t)nd);
			o += nd;
			for (int i = 0; i < e - (nd - 1); i++)
				*o++ = '0';
			*o++ = '.';
			*o++ = '0';
		} else {
			memcpy(o, d, (size_t)e + 1);
			o += e + 1;
			*o++ = '.';
			memcpy(o, d + e + 1, (size_t)(nd - e - 1));
			o += nd - e - 1;
		}
	} else {
		*o++ = d[0];
		if (nd > 1) {
			*o++ = '.';
			memcpy(o, d + 1, (size_t)nd - 1);
			o += nd - 1;
		}
		*o++ = 'e';
		*o++ = e < 0 ? '-' : '+';
		int ae = e < 0 ? -e : e;
		if (ae < 10)
			*o++ = '0';
		o += format_u64((uint64_t)ae, o);
	}
	*o = '\0';
	return (size_t)(o - buf);
}
