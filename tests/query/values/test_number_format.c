/* test_number_format.c - unit tests of BIGINT and DOUBLE printing: shortest round-tripping digits, against Python and glibc. */
#include <criterion/criterion.h>

#include <float.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "query/values/value.h"
#include "values_check.h"

/* ------------------------------------------------------------------------------------------------
 * BIGINT printing
 * ---------------------------------------------------------------------------------------------- */

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
