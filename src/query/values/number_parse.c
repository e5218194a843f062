/* number_parse.c - integers and doubles from text: SWAR digits, Clinger, Eisel-Lemire with a strtod fallback. */
#include "query/values/value.h"
#include "query/values/number_internal.h"
#include "query/values/pow5.h"

#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

__extension__ typedef unsigned __int128 u128;

/* ------------------------------------------------------------------------------------------------
 * Integers.
 * ---------------------------------------------------------------------------------------------- */

bool sq_parse_int64(const char *p, size_t n, int64_t *out)
{
	if (n == 0) /* also spares p + n when an empty field comes as (NULL, 0) */
		return false;
	const char *s = p, *end = p + n;
	bool neg = false;
	if (s < end && (*s == '-' || *s == '+')) {
		neg = *s == '-';
		s++;
	}
	const char *digits = s;
	uint64_t w = 0;
	s = eat_digits(s, end, &w);
	size_t nd = (size_t)(s - digits);
	if (nd == 0 || s != end)
		return false;
	/* 19 digits cannot wrap (10^19 - 1 < 2^64); beyond that only leading zeros are harmless. */
	if (nd > 19 && nd - leading_zeros(digits, nd, NULL, 0) > 19)
		return false;
	if (neg) {
		if (w > (uint64_t)INT64_MAX + 1)
			return false;
		*out = (int64_t)(0 - w); /* wraps to INT64_MIN for 2^63, as intended */
	} else {
		if (w > (uint64_t)INT64_MAX)
			return false;
		*out = (int64_t)w;
	}
	return true;
}

/* ------------------------------------------------------------------------------------------------
 * Doubles from decimal: w * 10^q, w < 2^64.
 * ---------------------------------------------------------------------------------------------- */

static inline double make_double(uint64_t mantissa, int64_t biased_exp, bool neg)
{
	uint64_t bits = (mantissa & ~((uint64_t)1 << 52)) | ((uint64_t)biased_exp << 52) | ((uint64_t)neg << 63);
	double d;
	memcpy(&d, &bits, sizeof d);
	return d;
}

/* floor(q * log2(10)) without floating point: 217706 / 2^16 exceeds log2(10) by 1.8e-6, too little
 * to matter before |q| = 643, and q stays within [-342, 308]. */
static inline int64_t floor_log2_pow10(int64_t q)
{
	int64_t t = q * 217706;
	return t >= 0 ? t / 65536 : -((-t + 65535) / 65536);
}

/* Eisel-Lemire: the correctly rounded w * 10^q for w != 0 and q in [POW5_MIN, POW5_MAX], or false
 * in the rare case where 128 bits of 5^q cannot tell which way to round. */
static bool eisel_lemire(uint64_t w, int64_t q, bool neg, double *out)
{
	int lz = __builtin_clzll(w);
	w <<= lz;
	const uint64_t *p5 = pow5_128[q - POW5_MIN];
	u128 first = (u128)w * p5[0];
	uint64_t hi = (uint64_t)(first >> 64), lo = (uint64_t)first;
	/* The top 55 bits of hi are final unless its low 9 bits are all ones, when the error of the
	 * truncated 5^q could still carry into them: then refine with the next 64 bits of 5^q. */
	if ((hi & 0x1FF) == 0x1FF) {
		u128 second = (u128)w * p5[1];
		uint64_t carry_in = (uint64_t)(second >> 64);
		lo += carry_in;
		if (carry_in > lo)
			hi++;
		if (lo == UINT64_MAX) /* still a possible carry: undecidable here */
			return false;
	}
	/* Both factors have bit 63 set, so the product has bit 127 or bit 126 set. */
	int upper = (int)(hi >> 63);
	uint64_t mantissa = hi >> (upper + 9); /* 54 bits: 53 of mantissa and a rounding bit */
	lz += 1 ^ upper;
	int64_t exp2 = floor_log2_pow10(q) + 1024 + 63 - lz;

	if (exp2 <= 0) {
		/* Subnormal. Halfway cases cannot occur this far from 1, so plain round-half-up is right. */
		if (-exp2 + 1 >= 64) {
			*out = neg ? -0.0 : 0.0;
			return true;
		}
		mantissa >>= -exp2 + 1;
		mantissa += mantissa & 1;
		mantissa >>= 1;
		/* Rounding up may just reach the smallest normal. */
		*out = make_double(mantissa, mantissa < ((uint64_t)1 << 52) ? 0 : 1, neg);
		return true;
	}
	/* An exact halfway point needs w * 5^q to end in many zero bits, possible only for small |q|;
	 * there, ties go to even instead of up. */
	if (lo <= 1 && q >= -4 && q <= 23 && (mantissa & 3) == 1 &&
	    (mantissa << (upper + 64 - 53 - 2)) == hi)
		mantissa &= ~(uint64_t)1;
	mantissa += mantissa & 1;
	mantissa >>= 1;
	if (mantissa >= (uint64_t)1 << 53) { /* rounded up to the next power of two */
		mantissa = (uint64_t)1 << 52;
		exp2++;
	}
	if (exp2 > 2046) {
		*out = neg ? -HUGE_VAL : HUGE_VAL;
		return true;
	}
	*out = make_double(mantissa, exp2, neg);
	return true;
}

/* The digits that matter: a halfway point between two doubles has at most 767 significant digits,
 * so digits past the 780th only decide whether the value sits exactly on one. */
#define FALLBACK_DIGITS 780

/* The slow, always-right path for what Eisel-Lemire leaves undecided (never for a million printed
 * doubles or CSV-style decimals; about 1 in 600 numbers of 20 to 40 digits):
 * (digits of a then b) * 10^e10 through strtod. The text handed to strtod has no decimal point
 * (just significant digits and an exponent), which every locale reads the same way; and it is
 * bounded: beyond FALLBACK_DIGITS the rest collapses to one sticky nonzero digit, which keeps the
 * value on the same side of every halfway point. */
static double fallback_strtod(const char *a, size_t na, const char *b, size_t nb, int64_t e10, bool neg)
{
	char buf[FALLBACK_DIGITS + 48];
	size_t len = 0;
	if (neg)
		buf[len++] = '-';
	size_t total = na + nb;
	size_t i = leading_zeros(a, na, b, nb);
	size_t keep = total - i;
	bool sticky = false;
	if (keep > FALLBACK_DIGITS) {
		for (size_t j = i + FALLBACK_DIGITS; j < total; j++) {
			if (digit_at(a, na, b, j) != '0') {
				sticky = true;
				break;
			}
		}
		keep = FALLBACK_DIGITS;
	}
	if (keep == 0)
		return neg ? -0.0 : 0.0;
	e10 += (int64_t)(total - i - keep);
	for (size_t j = 0; j < keep; j++)
		buf[len++] = digit_at(a, na, b, i + j);
	if (sticky) {
		buf[len++] = '1';
		e10--;
	}
	buf[len++] = 'e';
	len += format_i64(e10, buf + len);
	buf[len] = '\0';
	int saved = errno; /* ERANGE on overflow or underflow is expected here, not news to the caller */
	double d = strtod(buf, NULL);
	errno = saved;
	return d;
}

/* w * 10^q correctly rounded, for w of at most 19 digits that are all the digits. */
static double decimal_to_double(uint64_t w, int64_t q, bool neg)
{
	if (w == 0 || q < POW5_MIN)
		return neg ? -0.0 : 0.0;
	if (q > POW5_MAX)
		return neg ? -HUGE_VAL : HUGE_VAL;
#if FLT_EVAL_METHOD == 0
	/* Clinger: both operands exact, so the one rounding of the multiply or divide is the right
	 * one. Needs double-precision evaluation, hence the guard against x87 extended precision. */
	if (q >= -22 && q <= 22 && w <= (uint64_t)1 << 53) {
		double d = (double)w;
		d = q < 0 ? d / pow10_exact[-q] : d * pow10_exact[q];
		return neg ? -d : d;
	}
#endif
	double d;
	if (eisel_lemire(w, q, neg, &d))
		return d;
	char digits[24];
	size_t nd = format_u64(w, digits);
	return fallback_strtod(digits, nd, NULL, 0, q, neg);
}

double sq_decimal_to_double(uint64_t w, int64_t q, bool neg)
{
	return decimal_to_double(w, q, neg);
}

/* Case-insensitive match against a lower-case word of letters, whose two cases differ in bit 5
 * alone; no locale involved. */
static bool match_ci(const char *s, size_t n, const char *lower)
{
	size_t k = strlen(lower);
	if (n != k)
		return false;
	for (size_t i = 0; i < n; i++)
		if ((s[i] | 0x20) != lower[i])
			return false;
	return true;
}

#if FLT_EVAL_METHOD == 0
/* The common short form, [-]digits[.digits] with at most 15 digits, in one pass: the digits make an
 * exact double and 10^fraction digits is exact, so one division rounds correctly (Clinger), the
 * result decimal_to_double would give. False: not of this form (the full parser decides). */
static inline bool parse_short_decimal(const char *p, size_t n, double *out)
{
	size_t i = p[0] == '-';
	const size_t first = i;
	uint64_t w = 0;
	size_t dot = SIZE_MAX;
	for (; i < n; i++) {
		const unsigned c = (unsigned char)p[i] - (unsigned)'0';
		if (c < 10)
			w = w * 10 + c;
		else if (p[i] == '.' && dot == SIZE_MAX)
			dot = i;
		else
			return false;
	}
	const size_t nd = n - first - (dot != SIZE_MAX);
	if (nd == 0 || nd > 15)
		return false;
	double d = (double)w;
	if (dot != SIZE_MAX && dot + 1 < n)
		d /= pow10_exact[n - dot - 1];
	*out = p[0] == '-' ? -d : d;
	return true;
}
#endif

bool sq_parse_double_at(const char *p, size_t n, const char *end, double *out)
{
#if FLT_EVAL_METHOD == 0
	if (n && n <= 9 && end - p >= 9 && sq_parse_decimal8(p, n, out))
		return true;
#else
	(void)end;
#endif
	return sq_parse_double(p, n, out);
}

bool sq_parse_double(const char *p, size_t n, double *out)
{
	if (n == 0) /* also spares p + n when an empty field comes as (NULL, 0) */
		return false;
#if FLT_EVAL_METHOD == 0
	if (n <= 17 && parse_short_decimal(p, n, out))
		return true;
#endif
	const char *s = p, *end = p + n;
	bool neg = false;
	if (s < end && (*s == '-' || *s == '+')) {
		neg = *s == '-';
		s++;
	}
	const char *ip = s;
	uint64_t w = 0;
	s = eat_digits(s, end, &w);
	size_t ni = (size_t)(s - ip);
	const char *fp = s;
	size_t nf = 0;
	if (s < end && *s == '.') {
		fp = ++s;
		s = eat_digits(s, end, &w);
		nf = (size_t)(s - fp);
	}
	if (ni + nf == 0) {
		size_t rest = (size_t)(end - ip);
		if (match_ci(ip, rest, "inf") || match_ci(ip, rest, "infinity")) {
			*out = neg ? -HUGE_VAL : HUGE_VAL;
			return true;
		}
		if (match_ci(ip, rest, "nan")) {
			*out = neg ? -NAN : NAN;
			return true;
		}
		return false;
	}
	int64_t e = 0;
	if (s < end && (*s | 0x20) == 'e') {
		s++;
		bool eneg = false;
		if (s < end && (*s == '-' || *s == '+')) {
			eneg = *s == '-';
			s++;
		}
		if (s == end || !is_digit(*s))
			return false;
		/* Saturate far beyond any exponent that a field of this size could bring back in range. */
		for (; s < end && is_digit(*s); s++)
			if (e < 100000000000000000)
				e = e * 10 + (*s - '0');
		if (eneg)
			e = -e;
	}
	if (s != end)
		return false;

	int64_t q = e - (int64_t)nf;
	size_t nd = ni + nf;
	if (nd <= 19) {
		*out = decimal_to_double(w, q, neg);
		return true;
	}
	/* More than 19 digits: w wrapped unless most of them are leading zeros. */
	size_t lz = leading_zeros(ip, ni, fp, nf);
	size_t sig = nd - lz;
	if (sig <= 19) {
		*out = decimal_to_double(w, q, neg);
		return true;
	}
	/* Keep the first 19 significant digits: the value lies in [w, w + 1) * 10^q'. When both ends
	 * round to the same double, so does everything between them. */
	w = 0;
	for (size_t i = lz; i < lz + 19; i++)
		w = w * 10 + (uint64_t)(digit_at(ip, ni, fp, i) - '0');
	bool inexact = false;
	for (size_t i = lz + 19; i < nd; i++) {
		if (digit_at(ip, ni, fp, i) != '0') {
			inexact = true;
			break;
		}
	}
	int64_t qt = q + (int64_t)(sig - 19);
	if (qt < POW5_MIN || qt > POW5_MAX) {
		*out = decimal_to_double(w, qt, neg); /* zero or infinity for all of [w, w + 1) */
		return true;
	}
	double lo, hi;
	if (eisel_lemire(w, qt, neg, &lo)) {
		if (!inexact) {
			*out = lo;
			return true;
		}
		if (eisel_lemire(w + 1, qt, neg, &hi) && memcmp(&lo, &hi, sizeof lo) == 0) {
			*out = lo;
			return true;
		}
	}
	*out = fallback_strtod(ip, ni, fp, nf, q, neg);
	return true;
}

/* The number is rewritten in the one grammar sq_parse_double knows ('.' for the decimal mark, no
 * groups) and handed to it, so both read every digit the same way. */
bool sq_parse_double_sep(const char *p, size_t n, char decimal, char thousands, double *out)
{
	if (decimal == '.' && !thousands)
		return sq_parse_double(p, n, out);
	char buf[128];
	if (n == 0 || n >= sizeof buf)
		return false;
	size_t len = 0;
	int group = -1;             /* digits since the last separator; -1 before the first one */
	int lead = 0;               /* digits before the first separator */
	bool integer_part = true;
	for (size_t i = 0; i < n; i++) {
		const char c = p[i];
		if (integer_part && is_digit(c)) {
			if (group >= 0)
				group++;
			else
				lead++;
		}
		if (thousands && c == thousands && integer_part) {
			/* a group is 3 digits, the first 1 to 3 */
			if ((group < 0 && (lead < 1 || lead > 3)) || (group >= 0 && group != 3))
				return false;
			group = 0;
			continue;
		}
		if (integer_part && !is_digit(c) && !(len == 0 && (c == '-' || c == '+'))) {
			if (group >= 0 && group != 3)
				return false;
			integer_part = false;
		}
		if (c == decimal) {
			buf[len++] = '.';
			continue;
		}
		if (c == '.' || c == ',')
			return false; /* a mark this format does not have, or a second one */
		buf[len++] = c;
	}
	if (group >= 0 && group != 3)
		return false;
	return sq_parse_double(buf, len, out);
}
