/* test_values.c - unit tests of value parsing and printing, differential against glibc where it has an answer. */
#include <criterion/criterion.h>

#include <errno.h>
#include <float.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "query/values/value.h"

/* ------------------------------------------------------------------------------------------------
 * Helpers. The generator is splitmix64 so that expected digests can be computed elsewhere from the
 * same sequence.
 * ---------------------------------------------------------------------------------------------- */

typedef struct rng {
	uint64_t s;
} rng;

static uint64_t rng_next(rng *r)
{
	uint64_t z = (r->s += 0x9E3779B97F4A7C15u);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
	return z ^ (z >> 31);
}

static uint64_t rng_below(rng *r, uint64_t n)
{
	return rng_next(r) % n;
}

static uint64_t bits_of(double d)
{
	uint64_t b;
	memcpy(&b, &d, sizeof b);
	return b;
}

static double from_bits(uint64_t b)
{
	double d;
	memcpy(&d, &b, sizeof d);
	return d;
}

/* Any finite double, subnormals and zeros included, each bit pattern about equally likely. */
static double random_finite(rng *r)
{
	uint64_t b = rng_next(r);
	if (((b >> 52) & 0x7FF) == 0x7FF)
		b &= ~((uint64_t)1 << 62);
	return from_bits(b);
}

/* glibc's verdict on s in the grammar sq_parse_double documents: strtod must consume everything,
 * and the forms strtod accepts beyond that grammar (leading space, hex, nan(...)) are excluded. */
static bool ref_double(const char *s, double *out)
{
	size_t n = strlen(s);
	if (n == 0 || s[0] == ' ' || s[0] == '\t' || strpbrk(s, "xX(") != NULL)
		return false;
	char *end;
	*out = strtod(s, &end);
	return end == s + n;
}

/* Runs sq_parse_double on s and requires the same verdict and bit-identical value as strtod. */
static void check_double(const char *s)
{
	double ref = 0, got = 0;
	bool ref_ok = ref_double(s, &ref);
	bool ok = sq_parse_double(s, strlen(s), &got);
	cr_assert_eq(ok, ref_ok, "\"%.200s\": accepted %d, strtod %d", s, ok, ref_ok);
	if (!ok)
		return;
	if (isnan(ref)) {
		cr_assert(isnan(got), "\"%s\": not nan", s);
		cr_assert_eq(!!signbit(got), !!signbit(ref), "\"%s\": nan sign", s);
		return;
	}
	cr_assert_eq(bits_of(got), bits_of(ref), "\"%.200s\": got %.17g (%016" PRIx64 "), strtod %.17g (%016" PRIx64 ")",
	             s, got, bits_of(got), ref, bits_of(ref));
}

/* FNV-1a, to compare long runs of output with a digest computed independently. */
static uint64_t fnv1a(uint64_t h, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3u;
	}
	return h;
}

#define FNV_INIT 0xcbf29ce484222325u

/* ------------------------------------------------------------------------------------------------
 * BIGINT
 * ---------------------------------------------------------------------------------------------- */

static bool ref_int64(const char *s, int64_t *out)
{
	size_t n = strlen(s);
	if (n == 0 || !(s[0] == '+' || s[0] == '-' || (s[0] >= '0' && s[0] <= '9')))
		return false;
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (end != s + n || errno != 0)
		return false;
	*out = v;
	return true;
}

static void check_int64(const char *s)
{
	int64_t ref = 0, got = 0;
	bool ref_ok = ref_int64(s, &ref);
	bool ok = sq_parse_int64(s, strlen(s), &got);
	cr_assert_eq(ok, ref_ok, "\"%s\": accepted %d, strtoll %d", s, ok, ref_ok);
	if (ok)
		cr_assert_eq(got, ref, "\"%s\": %" PRId64 " vs %" PRId64, s, got, ref);
}

Test(int64, edges)
{
	static const char *cases[] = {
		"0", "-0", "+0", "7", "-7", "+7", "42", "00042", "123456", "12345678", "123456789",
		"1234567890123456789", "9223372036854775807", "-9223372036854775808", "9223372036854775808",
		"-9223372036854775809", "9999999999999999999", "10000000000000000000", "18446744073709551615",
		"18446744073709551616", "18446744073709551617", "99999999999999999999", "123456789012345678901234",
		"000000000000000000000000000009223372036854775807", "-00000000000000000000000009223372036854775808",
		"0000000000000000000000000000", "00000000000000000000000000009223372036854775808",
		"", "+", "-", "--1", "+-1", " 1", "1 ", "1x", "x1", "1.0", "1e3", "0x10", "12345678a", "1234567a9",
		"1234567890123456a", "١",
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		check_int64(cases[i]);
	int64_t v = 5;
	cr_assert_not(sq_parse_int64("12", 0, &v));
	cr_assert_eq(v, 5, "a failed parse leaves *out alone");
	cr_assert(sq_parse_int64("123456789", 3, &v), "only n bytes are read");
	cr_assert_eq(v, 123);
}

Test(int64, random_vs_strtoll)
{
	rng r = {1};
	static const char alphabet[] = "0123456789000000000099999999+- .xe";
	char s[40];
	for (int iter = 0; iter < 300000; iter++) {
		size_t n = 0, len = 1 + rng_below(&r, 24);
		int mode = (int)rng_below(&r, 4);
		if (mode == 0 && rng_below(&r, 2))
			s[n++] = rng_below(&r, 2) ? '-' : '+';
		for (; n < len; n++) {
			if (mode == 3)
				s[n] = alphabet[rng_below(&r, sizeof alphabet - 1)];
			else
				s[n] = (char)('0' + rng_below(&r, 10));
		}
		s[n] = '\0';
		check_int64(s);
	}
}

Test(int64, format)
{
	char buf[SQ_FORMAT_CAP], ref[32];
	static const int64_t edges[] = {0, 1, -1, 9, 10, -10, 99, 100, INT64_MAX, INT64_MIN, INT64_MIN + 1, 1000000000000000000};
	for (size_t i = 0; i < sizeof edges / sizeof edges[0]; i++) {
		size_t len = sq_format_int64(edges[i], buf);
		snprintf(ref, sizeof ref, "%" PRId64, edges[i]);
		cr_assert_str_eq(buf, ref);
		cr_assert_eq(len, strlen(ref));
	}
	cr_assert_eq(sq_format_int64(INT64_MIN, buf), 20u);
	rng r = {2};
	for (int i = 0; i < 100000; i++) {
		int64_t v = (int64_t)(rng_next(&r) >> rng_below(&r, 64));
		if (rng_below(&r, 2))
			v = -v;
		size_t len = sq_format_int64(v, buf);
		snprintf(ref, sizeof ref, "%" PRId64, v);
		cr_assert_str_eq(buf, ref);
		int64_t back;
		cr_assert(sq_parse_int64(buf, len, &back));
		cr_assert_eq(back, v);
	}
}

/* ------------------------------------------------------------------------------------------------
 * DOUBLE parsing
 * ---------------------------------------------------------------------------------------------- */

Test(double_parse, edges)
{
	static const char *cases[] = {
		"0", "-0", "+0", "0.0", "-0.0", "0e0", "0e-999999", "-0e+999999", "00000.00000", "1", "-1", "1.", ".5", "-.5",
		"+.5e1", "1.e3", "1E3", "1e+3", "1e-3", "12.34", "-73.981234", "123456", "0.1", "0.2", "0.3", "1.1", "3.14159",
		"1e22", "1e23", "1e-22", "1e-23", "9007199254740992", "9007199254740993", "9007199254740994", "9007199254740995",
		"9007199254740993.0000000000000000001", "18446744073709551615", "18446744073709551616", "7.2057594037927933e+16",
		"1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308", "1.797693134862315807e308",
		"1.797693134862315808e308", "1.79769313486231580793728971405301e308", "1e308", "1e309", "-1e309", "1e400",
		"2.2250738585072014e-308", "2.2250738585072011e-308", "2.2250738585072012e-308", "2.225073858507201136e-308",
		"4.9406564584124654e-324", "4.9406564584124654e-325", "2.4703282292062327e-324", "2.4703282292062328e-324",
		"2.47032822920623272e-324", "2.470328229206232720882e-324", "7.4109846876186981e-324", "1e-324", "3e-324", "5e-324",
		"1e-400", "-1e-400", "1e-342", "1e-343", "9.99e-343", "1e308", "8.98846567431158e307", "0.000001",
		"123456789012345678901234567890", "1234567890123456789012345678901234567890e-20", "0.1e-1000000000000000",
		"1e9999999999999999999999", "1e-9999999999999999999999", "0.00000000000000000000000000000000000001e38",
		"100000000000000000000000000000000000000e-38", "3.4028235677973366e+38", "2.5e-1", "0.5", "1.5", "2.5",
		"4503599627370496.5", "4503599627370497.5", "1448997445238699", "1.448997445238699e15",
		"6.02214076e23", "1.602176634e-19", "299792458", "3.141592653589793238462643383279502884197",
		"inf", "-inf", "+inf", "INF", "Inf", "infinity", "-Infinity", "INFINITY", "nan", "NaN", "-nan", "+NAN",
		"infin", "infinit", "infinityy", "nana", "na", "in", "i", "n", "", "+", "-", ".", "-.", "e", "e5", ".e5",
		"1e", "1e+", "1e-", "1ee5", "1e5.0", "1.2.3", "1..2", "--1", "+-1", "1+", " 1", "1 ", "\t1", "1,5", "1_000",
		"0x10", "0x1p3", "nan(123)", "1e+-5", "١",
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		check_double(cases[i]);
	double d = 5;
	cr_assert_not(sq_parse_double("1", 0, &d));
	cr_assert_eq(d, 5.0, "a failed parse leaves *out alone");
	cr_assert(sq_parse_double("12.345e7", 4, &d), "only n bytes are read");
	cr_assert_eq(d, 12.3);
}

/* Random doubles printed the ways CSV writers print them. */
Test(double_parse, printed_doubles)
{
	rng r = {3};
	char s[64];
	for (int i = 0; i < 1000000; i++) {
		double x = random_finite(&r);
		snprintf(s, sizeof s, "%.17g", x);
		double got;
		cr_assert(sq_parse_double(s, strlen(s), &got), "\"%s\" rejected", s);
		cr_assert_eq(bits_of(got), bits_of(x), "\"%s\": got %.17g", s, got);
	}
	for (int i = 0; i < 200000; i++) {
		double x = random_finite(&r);
		snprintf(s, sizeof s, i & 1 ? "%.15g" : "%g", x);
		check_double(s);
	}
	/* Magnitudes that CSV files are full of: a few digits either side of the point. */
	for (int i = 0; i < 200000; i++) {
		int dec = 1 + (int)rng_below(&r, 12);
		uint64_t scale = 1;
		for (int k = 0; k < dec; k++)
			scale *= 10;
		snprintf(s, sizeof s, "%s%" PRIu64 ".%0*" PRIu64, rng_below(&r, 2) ? "-" : "", rng_below(&r, 1000000), dec,
		         rng_below(&r, scale));
		check_double(s);
	}
}

/* Random digit strings with a random point and exponent: many more than 17 digits, exponents that
 * push into subnormals and overflow. */
Test(double_parse, random_digit_strings)
{
	rng r = {4};
	char s[128];
	for (int i = 0; i < 300000; i++) {
		size_t n = 0;
		if (rng_below(&r, 2))
			s[n++] = rng_below(&r, 2) ? '-' : '+';
		size_t nd = 1 + rng_below(&r, i % 8 == 0 ? 60 : 20);
		size_t point = rng_below(&r, nd + 2);
		for (size_t k = 0; k < nd; k++) {
			if (k == point)
				s[n++] = '.';
			int z = (int)rng_below(&r, 10);
			s[n++] = (char)('0' + (rng_below(&r, 4) == 0 ? (z < 5 ? 0 : 9) : z));
		}
		if (rng_below(&r, 3)) {
			s[n++] = rng_below(&r, 2) ? 'e' : 'E';
			n += (size_t)snprintf(s + n, sizeof s - n, "%d", (int)rng_below(&r, 720) - 360);
		}
		s[n] = '\0';
		check_double(s);
	}
}

/* The eight-bytes-at-once parser (sq_parse_double_at, which reads past the field) against strtod on
 * short fields of digits, dots, signs and other bytes, followed by arbitrary bytes. */
Test(double_parse, read_past_the_field)
{
	rng r = {6};
	static const char alphabet[] = "0123456789..-+e /:";
	char buf[32];
	for (int i = 0; i < 400000; i++) {
		const size_t n = rng_below(&r, 11);
		for (size_t k = 0; k < sizeof buf; k++)
			buf[k] = rng_below(&r, 3) ? (char)('0' + rng_below(&r, 10)) : alphabet[rng_below(&r, sizeof alphabet - 1)];
		for (size_t k = 0; k < n; k++) /* mostly digits and one dot, sometimes anything */
			buf[k] = rng_below(&r, 8) ? (char)('0' + rng_below(&r, 10)) : alphabet[rng_below(&r, sizeof alphabet - 1)];
		if (n && rng_below(&r, 4) == 0)
			buf[0] = '-';
		if (n > 2 && rng_below(&r, 2))
			buf[1 + rng_below(&r, (unsigned)n - 1)] = '.';
		char s[16];
		memcpy(s, buf, n);
		s[n] = '\0';
		double ref = 0, got = 0;
		const bool ref_ok = ref_double(s, &ref);
		const bool ok = sq_parse_double_at(buf, n, buf + sizeof buf, &got);
		cr_assert_eq(ok, ref_ok, "\"%s\": accepted %d, strtod %d", s, ok, ref_ok);
		if (ok)
			cr_assert_eq(bits_of(got), bits_of(ref), "\"%s\": got %.17g, strtod %.17g", s, got, ref);
	}
}

/* The exact decimal value of the midpoint between two neighbouring doubles must round to the even
 * one; a hair above or below must go that way. Midpoints need 54 bits, which long double holds. */
Test(double_parse, halfway_cases)
{
#if LDBL_MANT_DIG >= 64
	rng r = {5};
	static char exact[1200], s[1300];
	for (int i = 0; i < 6000; i++) {
		double x = random_finite(&r);
		if (i % 3 == 0)
			x = from_bits(bits_of(x) & 0x800FFFFFFFFFFFFFu); /* subnormal */
		else if (i % 3 == 1)
			x = ldexp(1.0 + (double)rng_below(&r, 1u << 20) / (1u << 20), (int)rng_below(&r, 200) - 100);
		x = fabs(x);
		double next = nextafter(x, INFINITY);
		if (isinf(next))
			continue;
		long double mid = ((long double)x + (long double)next) / 2;
		int len = snprintf(exact, sizeof exact, "%.1100Le", mid);
		cr_assert(len > 0 && (size_t)len < sizeof exact);
		/* "d.ddd...000e-xx": drop the zeros of the exact expansion. */
		char *e = strchr(exact, 'e');
		char *z = e;
		while (z[-1] == '0')
			z--;
		memmove(z, e, strlen(e) + 1);
		check_double(exact);
		/* Just above: a 1 far past the last digit. */
		e = strchr(exact, 'e');
		snprintf(s, sizeof s, "%.*s0000001%s", (int)(e - exact), exact, e);
		check_double(s);
		/* Just below: truncated at a random length. */
		size_t digits_end = (size_t)(e - exact);
		size_t cut = 3 + rng_below(&r, digits_end > 40 ? 40 : digits_end - 2);
		if (cut < digits_end) {
			snprintf(s, sizeof s, "%.*s%s", (int)cut, exact, e);
			check_double(s);
		}
		/* The neighbours themselves, exactly. */
		snprintf(s, sizeof s, "%.800Le", (long double)next);
		check_double(s);
	}
#endif
}

/* Inputs far longer than the digits that matter. */
Test(double_parse, long_inputs)
{
	static char s[6000];
	size_t n = 0;
	/* 0.000...0001 with 3000 zeros, scaled back up. */
	n = (size_t)snprintf(s, sizeof s, "0.");
	memset(s + n, '0', 3000);
	n += 3000;
	n += (size_t)snprintf(s + n, sizeof s - n, "1e3000");
	check_double(s);
	/* 5000 digits of 9s with a point in the middle. */
	memset(s, '9', 5000);
	s[2500] = '.';
	strcpy(s + 5000, "e-2490");
	check_double(s);
	/* The midpoint between 1 and the next double, then 3000 zeros and a 1: above the midpoint. */
	n = (size_t)snprintf(s, sizeof s, "1.00000000000000011102230246251565404236316680908203125");
	memset(s + n, '0', 3000);
	n += 3000;
	strcpy(s + n, "1");
	check_double(s);
	s[n] = '\0';
	check_double(s); /* exactly the midpoint: ties to even, 1.0 */
	/* A long integer part. */
	memset(s, '7', 4000);
	strcpy(s + 4000, "e-3700");
	check_double(s);
}

/* A grammar fuzz: short strings over the characters that matter. */
Test(double_parse, grammar_vs_strtod)
{
	rng r = {6};
	static const char alphabet[] = "0123456789.eE+-in";
	char s[16];
	for (int i = 0; i < 300000; i++) {
		size_t len = rng_below(&r, 9);
		for (size_t k = 0; k < len; k++)
			s[k] = alphabet[rng_below(&r, sizeof alphabet - 1)];
		s[len] = '\0';
		check_double(s);
	}
}

/* ------------------------------------------------------------------------------------------------
 * DOUBLE printing
 * ---------------------------------------------------------------------------------------------- */

/* Expected texts from Python's repr(), which prints the shortest round-tripping digits (nearest
 * first) with the same layout rules. */
static const struct {
	uint64_t bits;
	const char *text;
} repr_cases[] = {
	{0x0000000000000000u, "0.0"},
	{0x8000000000000000u, "-0.0"},
	{0x3ff0000000000000u, "1.0"},
	{0xbff0000000000000u, "-1.0"},
	{0x3fb999999999999au, "0.1"},
	{0x3fc999999999999au, "0.2"},
	{0x3fd3333333333333u, "0.3"},
	{0x3fd5555555555555u, "0.3333333333333333"},
	{0x3fe5555555555555u, "0.6666666666666666"},
	{0x4028ae147ae147aeu, "12.34"},
	{0xc0527ecc89b0ee4au, "-73.981234"},
	{0x423cbe991a148000u, "123456789012.5"},
	{0x430c6bf526340000u, "1000000000000000.0"},
	{0x4341c37937e08000u, "1e+16"},
	{0x4341c37937e07fffu, "9999999999999998.0"},
	{0x4415af1d78b58c40u, "1e+20"},
	{0x444b1ae4d6e2ef50u, "1e+21"},
	{0x4480f0cf064dd592u, "1e+22"},
	{0x44b52d02c7e14af6u, "1e+23"},
	{0x3f1a36e2eb1c432du, "0.0001"},
	{0x3ee4f8b588e368f1u, "1e-05"},
	{0x3f202e4b6ce5dc68u, "0.00012345"},
	{0x3eef75104d551d69u, "1.5e-05"},
	{0x7e41eb2d66005835u, "1.5e+300"},
	{0x81bac9a7b3b7302fu, "-2.5e-300"},
	{0x0000000000000001u, "5e-324"},
	{0x0000000000000002u, "1e-323"},
	{0x0010000000000000u, "2.2250738585072014e-308"},
	{0x000fffffffffffffu, "2.225073858507201e-308"},
	{0x7fefffffffffffffu, "1.7976931348623157e+308"},
	{0x4011666666666666u, "4.35"},
	{0x4340000000000000u, "9007199254740992.0"},
	{0x4340000000000001u, "9007199254740994.0"},
	{0x43e0000000000000u, "9.223372036854776e+18"},
	{0x43f0000000000000u, "1.8446744073709552e+19"},
	{0x0008000000000000u, "1.1125369292536007e-308"},
	{0x0000000000000003u, "1.5e-323"},
	{0x7c90000000000000u, "9.9792015476736e+291"},
	{0x3d30000000000000u, "5.684341886080802e-14"},
	{0x3fd3333333333334u, "0.30000000000000004"},
	{0x3ff0000000000001u, "1.0000000000000002"},
	{0x3fefffffffffffffu, "0.9999999999999999"},
	{0x4059000000000000u, "100.0"},
	{0x40934a456d5cfaadu, "1234.5678"},
	{0x40fe240000000000u, "123456.0"},
	{0x3e7ad7f29abcaf48u, "1e-07"},
	{0x447c7e83209e90b2u, "8.41e+21"},
	{0x00005c0ab9347ed7u, "5e-310"},
	{0x0000000000000007u, "3.5e-323"},
	{0x7e6ddd4baa009303u, "1e+301"},
	{0x41b1de784a000000u, "299792458.0"},
	{0x44dfe185ca57c517u, "6.02214076e+23"},
	{0x3c07a4da290c1653u, "1.602176634e-19"},
	{0x0000000000000010u, "8e-323"},
	{0x0170000000000000u, "9.332636185032189e-302"},
	{0x1a70000000000000u, "2.409919865102884e-181"},
	{0x2d30000000000000u, "4.909093465297727e-91"},
	{0x39b0000000000000u, "7.888609052210118e-31"},
	{0x3c70000000000000u, "1.3877787807814457e-17"},
	{0x3fe0000000000000u, "0.5"},
	{0x4000000000000000u, "2.0"},
	{0x4350000000000000u, "1.8014398509481984e+16"},
	{0x4630000000000000u, "1.2676506002282294e+30"},
	{0x4c70000000000000u, "1.6069380442589903e+60"},
	{0x52b0000000000000u, "2.037035976334486e+90"},
	{0x5f30000000000000u, "3.273390607896142e+150"},
	{0x7e70000000000000u, "1.0715086071862673e+301"},
	{0x7fe0000000000000u, "8.98846567431158e+307"},
	{0x68925370be18119cu, "5.351104559717967e+195"},
	{0xe93f8df845cbd31eu, "-9.434945943528045e+198"},
	{0xc4b8462a5ccbbbb6u, "-1.1463112021268568e+23"},
	{0x750044721269383bu, "3.816485031166464e+255"},
	{0x7deebc8d1d60399au, "4.020319160692685e+298"},
	{0xd4612fccbc0f1fa5u, "-2.93684850469219e+98"},
	{0x05ad25448c54ba53u, "2.508803942894815e-281"},
	{0x3023ab8153d5cf91u, "8.493646785508243e-77"},
	{0x2ccd5521012f6837u, "7.031062265878392e-93"},
	{0xaa4b098530d5152cu, "-5.894311073719324e-105"},
	{0x857feb23a331ac0bu, "-3.434367138962909e-282"},
	{0x1fec98662dc2ed99u, "6.664798711293017e-155"},
};

Test(double_format, python_repr)
{
	char buf[SQ_FORMAT_CAP];
	for (size_t i = 0; i < sizeof repr_cases / sizeof repr_cases[0]; i++) {
		size_t len = sq_format_double(from_bits(repr_cases[i].bits), buf);
		cr_assert_str_eq(buf, repr_cases[i].text, "%016" PRIx64, repr_cases[i].bits);
		cr_assert_eq(len, strlen(buf));
	}
	cr_assert_eq(sq_format_double(INFINITY, buf), 3u);
	cr_assert_str_eq(buf, "inf");
	sq_format_double(-INFINITY, buf);
	cr_assert_str_eq(buf, "-inf");
	sq_format_double(NAN, buf);
	cr_assert_str_eq(buf, "nan");
	sq_format_double(-NAN, buf);
	cr_assert_str_eq(buf, "nan");
}

/* Every power of two and 50000 random doubles (half subnormal), compared as one digest with the
 * digest of Python's repr() over the same values. The powers of two are where the gap below a
 * double is half the gap above it. */
Test(double_format, python_repr_digests)
{
	char buf[SQ_FORMAT_CAP];
	uint64_t h = FNV_INIT;
	for (int e = -1074; e <= 1023; e++) {
		size_t len = sq_format_double(ldexp(1.0, e), buf);
		buf[len++] = '\n';
		h = fnv1a(h, buf, len);
	}
	cr_assert_eq(h, 0x8a2ce174d3479c89u, "powers of two differ from repr()");
	rng r = {12345};
	h = FNV_INIT;
	for (int i = 0; i < 50000; i++) {
		uint64_t b = rng_next(&r);
		if (i & 1)
			b &= 0x800FFFFFFFFFFFFFu;
		else if (((b >> 52) & 0x7FF) == 0x7FF)
			b &= ~((uint64_t)1 << 62);
		size_t len = sq_format_double(from_bits(b), buf);
		buf[len++] = '\n';
		h = fnv1a(h, buf, len);
	}
	cr_assert_eq(h, 0xaeca2d128e52414eu, "random doubles differ from repr()");
}

/* The documented layout, written independently: digits d (no leading or trailing zeros) times
 * 10^e in the form d[0].d[1..] x 10^e. */
static void layout(const char *d, int e, char *out)
{
	int nd = (int)strlen(d);
	char *o = out;
	if (e < -4 || e >= 16) {
		*o++ = d[0];
		if (nd > 1)
			o += sprintf(o, ".%s", d + 1);
		sprintf(o, "e%c%02d", e < 0 ? '-' : '+', abs(e));
	} else if (e < 0) {
		o += sprintf(o, "0.");
		for (int i = 0; i < -e - 1; i++)
			*o++ = '0';
		strcpy(o, d);
	} else if (e >= nd - 1) {
		o += sprintf(o, "%s", d);
		for (int i = 0; i < e - (nd - 1); i++)
			*o++ = '0';
		strcpy(o, ".0");
	} else {
		sprintf(o, "%.*s.%s", e + 1, d, d + e + 1);
	}
}

/* A decimal of at most DBL_DIG = 15 significant digits is the only string that short which reads
 * back as its double, so it must print exactly as written (in the documented layout). */
Test(double_format, short_decimals_print_as_written)
{
	rng r = {9};
	char d[20], want[64], buf[SQ_FORMAT_CAP];
	for (int i = 0; i < 300000; i++) {
		int nd = 1 + (int)rng_below(&r, 15);
		for (int k = 0; k < nd; k++)
			d[k] = (char)('0' + rng_below(&r, 10));
		d[0] = (char)('1' + rng_below(&r, 9));
		while (nd > 1 && d[nd - 1] == '0')
			nd--;
		d[nd] = '\0';
		int e = i & 1 ? (int)rng_below(&r, 30) - 7 : (int)rng_below(&r, 616) - 307;
		layout(d, e, want);
		double x = strtod(want, NULL);
		if (isinf(x) || x < DBL_MIN)
			continue;
		sq_format_double(x, buf);
		cr_assert_str_eq(buf, want);
		sq_format_double(-x, buf);
		cr_assert_eq(buf[0], '-');
		cr_assert_str_eq(buf + 1, want);
	}
}

/* parse(format(x)) == x, by both parsers, and no output is longer than %.17g's digits. */
Test(double_format, round_trip)
{
	rng r = {7};
	char buf[SQ_FORMAT_CAP];
	for (int i = 0; i < 200000; i++) {
		double x = random_finite(&r);
		if (i % 4 == 0)
			x = from_bits(bits_of(x) & 0x800FFFFFFFFFFFFFu);
		else if (i % 4 == 1)
			x = (double)(int64_t)rng_below(&r, 100000000) / 100.0;
		size_t len = sq_format_double(x, buf);
		cr_assert_leq(len, 24u);
		cr_assert_eq(len, strlen(buf));
		double back;
		cr_assert(sq_parse_double(buf, len, &back), "\"%s\" rejected", buf);
		cr_assert_eq(bits_of(back), bits_of(x), "%.17g printed as \"%s\"", x, buf);
		cr_assert_eq(bits_of(strtod(buf, NULL)), bits_of(x), "%.17g printed as \"%s\"", x, buf);
	}
}

/* ------------------------------------------------------------------------------------------------
 * BOOLEAN
 * ---------------------------------------------------------------------------------------------- */

Test(boolean, parse)
{
	static const struct {
		const char *s;
		int want; /* -1: rejected */
	} cases[] = {
		{"true", 1}, {"TRUE", 1}, {"True", 1}, {"tRuE", 1}, {"t", 1}, {"T", 1},
		{"false", 0}, {"FALSE", 0}, {"False", 0}, {"f", 0}, {"F", 0},
		{"", -1}, {"1", -1}, {"0", -1}, {"yes", -1}, {"no", -1}, {"y", -1}, {"n", -1}, {"tru", -1},
		{"truee", -1}, {" true", -1}, {"true ", -1}, {"fals", -1}, {"4rue", -1}, {"TRU\xc5", -1},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		bool b = false;
		bool ok = sq_parse_bool(cases[i].s, strlen(cases[i].s), &b);
		cr_assert_eq(ok, cases[i].want >= 0, "\"%s\"", cases[i].s);
		if (ok)
			cr_assert_eq(b, cases[i].want == 1, "\"%s\"", cases[i].s);
	}
	bool b = false;
	cr_assert(sq_parse_bool("trueish", 4, &b));
	cr_assert(b);
}

/* ------------------------------------------------------------------------------------------------
 * DATE and TIMESTAMP
 * ---------------------------------------------------------------------------------------------- */

static int month_days(int y, int m)
{
	static const int dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 && leap ? 29 : dim[m - 1];
}

/* Every day from 1600 to 2400: consecutive, equal to timegm()'s count, and printed back as read. */
Test(date, every_day_1600_2400)
{
	char s[48], buf[SQ_FORMAT_CAP];
	int64_t prev = 0;
	bool first = true;
	for (int y = 1600; y <= 2400; y++) {
		for (int m = 1; m <= 12; m++) {
			for (int d = 1; d <= month_days(y, m); d++) {
				snprintf(s, sizeof s, "%04d-%02d-%02d", y, m, d);
				int64_t days;
				cr_assert(sq_parse_date(s, 10, &days), "%s rejected", s);
				if (!first)
					cr_assert_eq(days, prev + 1, "%s", s);
				first = false;
				prev = days;
				if (d == 1 || d == 28 || d == 29) {
					struct tm tm = {.tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d};
					cr_assert_eq((int64_t)timegm(&tm), days * 86400, "%s vs timegm", s);
				}
				cr_assert_eq(sq_format_date(days, buf), 10u);
				cr_assert_str_eq(buf, s);
				int64_t micros;
				cr_assert(sq_parse_timestamp(s, 10, &micros));
				cr_assert_eq(micros, days * 86400 * INT64_C(1000000));
			}
			char bad[48];
			snprintf(bad, sizeof bad, "%04d-%02d-%02d", y, m, month_days(y, m) + 1);
			int64_t days;
			cr_assert_not(sq_parse_date(bad, 10, &days), "%s accepted", bad);
		}
	}
}

Test(date, edges)
{
	static const struct {
		const char *s;
		int64_t days;
		bool ok;
	} cases[] = {
		{"1970-01-01", 0, true}, {"1970-01-02", 1, true}, {"1969-12-31", -1, true},
		{"2000-02-29", 11016, true}, {"2024-02-29", 19782, true}, {"0000-01-01", -719528, true},
		{"0000-02-29", -719528 + 59, true}, {"9999-12-31", 2932896, true}, {"0001-01-01", -719162, true},
		{"1900-02-29", 0, false}, {"2023-02-29", 0, false}, {"2024-02-30", 0, false}, {"2024-04-31", 0, false},
		{"2024-13-01", 0, false}, {"2024-00-10", 0, false}, {"2024-01-00", 0, false}, {"2024-01-32", 0, false},
		{"2024-1-01", 0, false}, {"24-01-01", 0, false}, {"2024/01/01", 0, false}, {"2024-01-01 ", 0, false},
		{"+024-01-01", 0, false}, {"-024-01-01", 0, false}, {"20240101", 0, false}, {"2024-01-0a", 0, false},
		{"", 0, false}, {"2024-01-011", 0, false}, {"10000-01-01", 0, false},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int64_t days = 12345;
		bool ok = sq_parse_date(cases[i].s, strlen(cases[i].s), &days);
		cr_assert_eq(ok, cases[i].ok, "\"%s\"", cases[i].s);
		if (ok)
			cr_assert_eq(days, cases[i].days, "\"%s\": %" PRId64, cases[i].s, days);
		else
			cr_assert_eq(days, 12345);
	}
	char buf[SQ_FORMAT_CAP];
	/* Years outside the parser's range still print, without overflow. */
	sq_format_date(-719528 - 1, buf);
	cr_assert_str_eq(buf, "-0001-12-31");
	sq_format_date(2932897, buf);
	cr_assert_str_eq(buf, "10000-01-01");
	cr_assert_eq(sq_format_date(INT64_MAX, buf), 23u);
	cr_assert_str_eq(buf, "25252734927768524-07-27");
	cr_assert_eq(sq_format_date(INT64_MIN, buf), 24u);
	cr_assert_str_eq(buf, "-25252734927764585-06-07");
}

Test(timestamp, parse_and_format)
{
	static const struct {
		const char *s;
		int64_t micros;
		bool ok;
		const char *printed; /* NULL: same as s */
	} cases[] = {
		{"1970-01-01 00:00:00", 0, true, NULL},
		{"1970-01-01", 0, true, "1970-01-01 00:00:00"},
		{"1970-01-01T00:00:01", 1000000, true, "1970-01-01 00:00:01"},
		{"1969-12-31 23:59:59.999999", -1, true, NULL},
		{"1969-12-31 23:59:59.5", -500000, true, NULL},
		{"2024-01-02 03:04:05", INT64_C(1704164645000000), true, NULL},
		{"2024-01-02 03:04:05.5", INT64_C(1704164645500000), true, NULL},
		{"2024-01-02T03:04:05.50", INT64_C(1704164645500000), true, "2024-01-02 03:04:05.5"},
		{"2024-01-02 03:04:05.000001", INT64_C(1704164645000001), true, NULL},
		{"2024-01-02 03:04:05.000000", INT64_C(1704164645000000), true, "2024-01-02 03:04:05"},
		{"2024-01-02 03:04:05.123", INT64_C(1704164645123000), true, NULL},
		{"2024-02-29 23:59:59", INT64_C(1709251199000000), true, NULL},
		{"0000-01-01 00:00:00", INT64_C(-62167219200000000), true, NULL},
		{"9999-12-31 23:59:59.999999", INT64_C(253402300799999999), true, NULL},
		{"2024-01-02 24:00:00", 0, false, NULL}, {"2024-01-02 23:60:00", 0, false, NULL},
		{"2024-01-02 23:59:60", 0, false, NULL}, {"2024-01-02 1:02:03", 0, false, NULL},
		{"2024-01-02 01:02:03.", 0, false, NULL}, {"2024-01-02 01:02:03.1234567", 0, false, NULL},
		{"2024-01-02 01:02", 0, false, NULL}, {"2024-01-02x01:02:03", 0, false, NULL},
		{"2024-01-02 01:02:03Z", 0, false, NULL}, {"2024-01-02 01:02:03.12a", 0, false, NULL},
		{"2024-01-02 01-02-03", 0, false, NULL}, {"2024-01-02 ", 0, false, NULL},
		{"2024-02-30 00:00:00", 0, false, NULL}, {"2024-01-02 0a:02:03", 0, false, NULL},
		{"2024-01-02  01:02:03", 0, false, NULL}, {"", 0, false, NULL},
	};
	char buf[SQ_FORMAT_CAP];
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int64_t us = 777;
		bool ok = sq_parse_timestamp(cases[i].s, strlen(cases[i].s), &us);
		cr_assert_eq(ok, cases[i].ok, "\"%s\"", cases[i].s);
		if (!ok) {
			cr_assert_eq(us, 777);
			continue;
		}
		cr_assert_eq(us, cases[i].micros, "\"%s\": %" PRId64, cases[i].s, us);
		size_t len = sq_format_timestamp(us, buf);
		cr_assert_str_eq(buf, cases[i].printed ? cases[i].printed : cases[i].s);
		cr_assert_eq(len, strlen(buf));
	}
	/* The ends of the int64 range, as PostgreSQL and DuckDB print them. */
	cr_assert_eq(sq_format_timestamp(INT64_MAX, buf), 28u);
	cr_assert_str_eq(buf, "294247-01-10 04:00:54.775807");
	cr_assert_eq(sq_format_timestamp(INT64_MIN, buf), 29u);
	cr_assert_str_eq(buf, "-290308-12-21 19:59:05.224192");
}

/* Random instants in years 0000..9999: print, read back, and agree with gmtime_r. */
Test(timestamp, random_round_trip)
{
	rng r = {8};
	const int64_t lo = INT64_C(-62167219200000000), hi = INT64_C(253402300800000000);
	char buf[SQ_FORMAT_CAP], ref[64];
	for (int i = 0; i < 200000; i++) {
		int64_t us = lo + (int64_t)rng_below(&r, (uint64_t)(hi - lo));
		if (i & 1)
			us -= us % 1000000; /* whole seconds print without a fraction */
		size_t len = sq_format_timestamp(us, buf);
		int64_t back;
		cr_assert(sq_parse_timestamp(buf, len, &back), "\"%s\" rejected", buf);
		cr_assert_eq(back, us, "\"%s\"", buf);
		time_t secs = (time_t)(us >= 0 ? us / 1000000 : -((-us + 999999) / 1000000));
		struct tm tm;
		cr_assert_not_null(gmtime_r(&secs, &tm));
		snprintf(ref, sizeof ref, "%04d-%02d-%02d %02d:%02d:%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
		         tm.tm_hour, tm.tm_min, tm.tm_sec);
		cr_assert_eq(strncmp(buf, ref, 19), 0, "%s vs gmtime %s", buf, ref);
		cr_assert_eq(len == 19, us % 1000000 == 0, "%s", buf);
	}
}

/* ------------------------------------------------------------------------------------------------
 * sq_format_value
 * ---------------------------------------------------------------------------------------------- */

Test(format_value, types_and_truncation)
{
	char buf[SQ_FORMAT_CAP];
	sq_value v = {.type = SQ_T_BOOLEAN, .u.b = true};
	cr_assert_eq(sq_format_value(&v, buf, sizeof buf), 4u);
	cr_assert_str_eq(buf, "true");
	v.u.b = false;
	sq_format_value(&v, buf, sizeof buf);
	cr_assert_str_eq(buf, "false");
	v = (sq_value){.type = SQ_T_BIGINT, .u.i = -42};
	sq_format_value(&v, buf, sizeof buf);
	cr_assert_str_eq(buf, "-42");
	v = (sq_value){.type = SQ_T_DOUBLE, .u.d = 0.1};
	sq_format_value(&v, buf, sizeof buf);
	cr_assert_str_eq(buf, "0.1");
	v = (sq_value){.type = SQ_T_DATE, .u.i = 19782};
	sq_format_value(&v, buf, sizeof buf);
	cr_assert_str_eq(buf, "2024-02-29");
	v = (sq_value){.type = SQ_T_TIMESTAMP, .u.i = INT64_C(1704164645500000)};
	sq_format_value(&v, buf, sizeof buf);
	cr_assert_str_eq(buf, "2024-01-02 03:04:05.5");
	v = (sq_value){.type = SQ_T_VARCHAR, .u.s = {"hello, world", 5}};
	cr_assert_eq(sq_format_value(&v, buf, sizeof buf), 5u);
	cr_assert_str_eq(buf, "hello");
	v = (sq_value){.type = SQ_T_BIGINT, .null = true};
	sq_format_value(&v, buf, sizeof buf);
	cr_assert_str_eq(buf, "NULL");
	v = (sq_value){.type = SQ_T_NULL};
	sq_format_value(&v, buf, sizeof buf);
	cr_assert_str_eq(buf, "NULL");

	/* Cut at cap; a NUL only when it fits. */
	memset(buf, 'x', sizeof buf);
	v = (sq_value){.type = SQ_T_BOOLEAN, .u.b = false};
	cr_assert_eq(sq_format_value(&v, buf, 3), 3u);
	cr_assert_eq(memcmp(buf, "falx", 4), 0);
	cr_assert_eq(sq_format_value(&v, buf, 5), 5u);
	cr_assert_eq(buf[5], 'x');
	cr_assert_eq(sq_format_value(&v, buf, 6), 5u);
	cr_assert_eq(buf[5], '\0');
	cr_assert_eq(sq_format_value(&v, NULL, 0), 0u);
	v = (sq_value){.type = 99};
	cr_assert_eq(sq_format_value(&v, buf, sizeof buf), 0u);
	cr_assert_str_eq(buf, "");
}

/* ------------------------------------------------------------------------------------------------
 * Types
 * ---------------------------------------------------------------------------------------------- */

Test(types, empty_slices_may_be_null)
{
	int64_t i;
	double d;
	bool b;
	cr_assert_not(sq_parse_int64(NULL, 0, &i));
	cr_assert_not(sq_parse_double(NULL, 0, &d));
	cr_assert_not(sq_parse_bool(NULL, 0, &b));
	cr_assert_not(sq_parse_date(NULL, 0, &i));
	cr_assert_not(sq_parse_timestamp(NULL, 0, &i));
	cr_assert_eq(sq_sniff_type(NULL, 0), SQ_T_NULL);
	cr_assert_eq(sq_type_from_name(NULL, 0), -1);
	sq_value v = {.type = SQ_T_VARCHAR, .u.s = {NULL, 0}};
	char buf[4] = "xyz";
	cr_assert_eq(sq_format_value(&v, buf, sizeof buf), 0u);
	cr_assert_str_eq(buf, "");
}

Test(types, sniff)
{
	static const struct {
		const char *s;
		int type;
	} cases[] = {
		{"", SQ_T_NULL},
		{"true", SQ_T_BOOLEAN}, {"F", SQ_T_BOOLEAN}, {"FALSE", SQ_T_BOOLEAN},
		{"0", SQ_T_BIGINT}, {"1", SQ_T_BIGINT}, {"-0", SQ_T_BIGINT}, {"+7", SQ_T_BIGINT}, {"007", SQ_T_BIGINT},
		{"-9223372036854775808", SQ_T_BIGINT}, {"9223372036854775808", SQ_T_DOUBLE},
		{"1.5", SQ_T_DOUBLE}, {"1e5", SQ_T_DOUBLE}, {".5", SQ_T_DOUBLE}, {"1.", SQ_T_DOUBLE}, {"-73.981234", SQ_T_DOUBLE},
		{"inf", SQ_T_DOUBLE}, {"NaN", SQ_T_DOUBLE},
		{"2024-01-02", SQ_T_DATE}, {"0000-01-01", SQ_T_DATE},
		{"2024-01-02 03:04:05", SQ_T_TIMESTAMP}, {"2024-01-02T03:04:05.123", SQ_T_TIMESTAMP},
		{"2024-02-30", SQ_T_VARCHAR}, {"2024-01-02 25:00:00", SQ_T_VARCHAR},
		{"abc", SQ_T_VARCHAR}, {" 1", SQ_T_VARCHAR}, {"1 ", SQ_T_VARCHAR}, {"yes", SQ_T_VARCHAR},
		{"0x10", SQ_T_VARCHAR}, {"1,5", SQ_T_VARCHAR}, {"-", SQ_T_VARCHAR}, {".", SQ_T_VARCHAR}, {"e", SQ_T_VARCHAR},
		{"NULL", SQ_T_VARCHAR}, {"\"1\"", SQ_T_VARCHAR},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		cr_assert_eq(sq_sniff_type(cases[i].s, strlen(cases[i].s)), cases[i].type, "\"%s\" sniffed as %s",
		             cases[i].s, sq_type_name(sq_sniff_type(cases[i].s, strlen(cases[i].s))));
}

Test(types, merge)
{
	enum { N = SQ_T_VARCHAR + 1 };
	for (int a = 0; a < N; a++) {
		for (int b = 0; b < N; b++) {
			int want;
			if (a == b || b == SQ_T_NULL)
				want = a;
			else if (a == SQ_T_NULL)
				want = b;
			else if ((a == SQ_T_BIGINT && b == SQ_T_DOUBLE) || (a == SQ_T_DOUBLE && b == SQ_T_BIGINT))
				want = SQ_T_DOUBLE;
			else if ((a == SQ_T_DATE && b == SQ_T_TIMESTAMP) || (a == SQ_T_TIMESTAMP && b == SQ_T_DATE))
				want = SQ_T_TIMESTAMP;
			else
				want = SQ_T_VARCHAR;
			cr_assert_eq(sq_type_merge(a, b), want, "%s + %s", sq_type_name(a), sq_type_name(b));
		}
	}
	cr_assert_eq(sq_type_merge(-1, SQ_T_BIGINT), SQ_T_VARCHAR);
	cr_assert_eq(sq_type_merge(SQ_T_BIGINT, 42), SQ_T_VARCHAR);
	/* Folding a column's sniffed types. */
	static const char *column[] = {"", "1", "", "2.5", "-3"};
	int t = SQ_T_NULL;
	for (size_t i = 0; i < 5; i++)
		t = sq_type_merge(t, sq_sniff_type(column[i], strlen(column[i])));
	cr_assert_eq(t, SQ_T_DOUBLE);
}

Test(types, names)
{
	for (int t = SQ_T_NULL; t <= SQ_T_VARCHAR; t++) {
		const char *name = sq_type_name(t);
		cr_assert_eq(sq_type_from_name(name, strlen(name)), t, "%s", name);
	}
	cr_assert_str_eq(sq_type_name(SQ_T_BIGINT), "BIGINT");
	cr_assert_str_eq(sq_type_name(SQ_T_TIMESTAMP), "TIMESTAMP");
	cr_assert_str_eq(sq_type_name(-1), "?");
	cr_assert_str_eq(sq_type_name(SQ_T_VARCHAR + 1), "?");
	static const struct {
		const char *name;
		int type;
	} cases[] = {
		{"integer", SQ_T_BIGINT}, {"INT", SQ_T_BIGINT}, {"Int8", SQ_T_BIGINT}, {"INT4", SQ_T_BIGINT},
		{"smallint", SQ_T_BIGINT}, {"TINYINT", SQ_T_BIGINT}, {"HUGEINT", SQ_T_BIGINT}, {"long", SQ_T_BIGINT},
		{"float", SQ_T_DOUBLE}, {"REAL", SQ_T_DOUBLE}, {"Decimal", SQ_T_DOUBLE}, {"numeric", SQ_T_DOUBLE},
		{"double precision", SQ_T_DOUBLE}, {"FLOAT8", SQ_T_DOUBLE},
		{"text", SQ_T_VARCHAR}, {"STRING", SQ_T_VARCHAR}, {"char", SQ_T_VARCHAR}, {"BPCHAR", SQ_T_VARCHAR},
		{"bool", SQ_T_BOOLEAN}, {"Logical", SQ_T_BOOLEAN}, {"datetime", SQ_T_TIMESTAMP}, {"date", SQ_T_DATE},
		{"", -1}, {"inte", -1}, {"integers", -1}, {"varchar2", -1}, {"time", -1}, {"blob", -1}, {"int ", -1},
		{"double  precision", -1}, {"\xc9NT", -1},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		cr_assert_eq(sq_type_from_name(cases[i].name, strlen(cases[i].name)), cases[i].type, "\"%s\"",
		             cases[i].name);
	cr_assert_eq(sq_type_from_name("DATETIME2", 8), SQ_T_TIMESTAMP, "only n bytes are read");
}
