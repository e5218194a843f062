/* test_number_parse.c - unit tests of BIGINT and DOUBLE parsing, differential against glibc's strtoll and strtod. */
#include <criterion/criterion.h>

#include <errno.h>
#include <float.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "query/values/value.h"
#include "values_check.h"

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
