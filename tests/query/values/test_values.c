/* test_values.c - unit tests of typed values: BOOLEAN, DATE and TIMESTAMP text, value formatting, other number and date formats. */
#include <criterion/criterion.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <math.h>

#include "query/values/layout.h"
#include "query/values/value.h"
#include "values_check.h"

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
		{"yes", 1}, {"Yes", 1}, {"NO", 0}, {"no", 0},
		{"", -1}, {"1", -1}, {"0", -1}, {"y", -1}, {"n", -1}, {"ye", -1}, {"yess", -1}, {"tru", -1},
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
	cr_assert_eq(sq_type_from_name(NULL, 0), -1);
	sq_value v = {.type = SQ_T_VARCHAR, .u.s = {NULL, 0}};
	char buf[4] = "xyz";
	cr_assert_eq(sq_format_value(&v, buf, sizeof buf), 0u);
	cr_assert_str_eq(buf, "");
}

Test(types, names)
{
	for (int t = SQ_T_NULL; t <= SQ_T_TIMESTAMPTZ; t++) {
		const char *name = sq_type_name(t);
		cr_assert_eq(sq_type_from_name(name, strlen(name)), t, "%s", name);
	}
	cr_assert_str_eq(sq_type_name(SQ_T_BIGINT), "BIGINT");
	cr_assert_str_eq(sq_type_name(SQ_T_TIMESTAMP), "TIMESTAMP");
	cr_assert_str_eq(sq_type_name(-1), "?");
	cr_assert_str_eq(sq_type_name(SQ_T_TIMESTAMPTZ + 1), "?");
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

/* ------------------------------------------------------------------------------------------------
 * Other decimal marks and digit groups; dates and timestamps in layouts.
 * ---------------------------------------------------------------------------------------------- */

Test(formats, decimal_comma_and_groups)
{
	static const struct {
		const char *s;
		char dec, th;
		bool ok;
		double want;
	} cases[] = {
		{"1,50", ',', 0, true, 1.5}, {"-866,96", ',', 0, true, -866.96}, {"+3", ',', 0, true, 3},
		{",5", ',', 0, true, 0.5}, {"1,5e3", ',', 0, true, 1500}, {"1.5", ',', 0, false, 0},
		{"1.234,56", ',', '.', true, 1234.56}, {"12.345.678", ',', '.', true, 12345678},
		{"-1.234", ',', '.', true, -1234}, {"1.23,4", ',', '.', false, 0}, {"1234.567", ',', '.', false, 0},
		{".123", ',', '.', false, 0}, {"1.234,5.6", ',', '.', false, 0}, {"1.2345", ',', '.', false, 0},
		{"1,234.56", '.', ',', true, 1234.56}, {"1,234,567", '.', ',', true, 1234567}, {"1,23", '.', ',', false, 0},
		{"1 234,5", ',', ' ', true, 1234.5}, {"1,5", '.', 0, false, 0}, {"2.5", '.', 0, true, 2.5},
		{"1,2,3", ',', 0, false, 0}, {"", ',', 0, false, 0}, {"inf", ',', '.', true, HUGE_VAL},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		double d = -42;
		const bool ok = sq_parse_double_sep(cases[i].s, strlen(cases[i].s), cases[i].dec, cases[i].th, &d);
		cr_assert_eq(ok, cases[i].ok, "\"%s\" with '%c' and '%c'", cases[i].s, cases[i].dec, cases[i].th ? cases[i].th : '0');
		if (ok)
			cr_assert_eq(d, cases[i].want, "\"%s\" read as %.17g", cases[i].s, d);
	}
}

Test(formats, layouts)
{
	static const struct {
		const char *layout, *s;
		bool timestamp, ok;
		const char *want; /* the value printed as ISO */
	} cases[] = {
		{"%d.%m.%Y", "25.03.2024", false, true, "2024-03-25"},
		{"%d.%m.%Y", "1.2.2024", false, true, "2024-02-01"},
		{"%d.%m.%Y", "29.02.2023", false, false, NULL},
		{"%d.%m.%Y", "25.03.2024x", false, false, NULL},
		{"%m/%d/%Y", "03/25/2024", false, true, "2024-03-25"},
		{"%m/%d/%Y", "25/03/2024", false, false, NULL},
		{"%d/%m/%y", "25/03/24", false, true, "2024-03-25"},
		{"%d/%m/%y", "25/03/70", false, true, "1970-03-25"},
		{"%Y%m%d", "20240325", false, true, "2024-03-25"},
		{"%m/%d/%Y %I:%M %p", "03/25/2024 02:30 PM", true, true, "2024-03-25 14:30:00"},
		{"%m/%d/%Y %I:%M %p", "03/25/2024 12:05 am", true, true, "2024-03-25 00:05:00"},
		{"%m/%d/%Y %I:%M %p", "03/25/2024 12:05 PM", true, true, "2024-03-25 12:05:00"},
		{"%m/%d/%Y %I:%M %p", "03/25/2024 13:05 PM", true, false, NULL},
		{"%m/%d/%Y %I:%M %p", "03/25/2024", true, true, "2024-03-25 00:00:00"},
		{"%d.%m.%Y %H:%M:%S.%f", "25.03.2024 14:30:01.25", true, true, "2024-03-25 14:30:01.25"},
		{"%d.%m.%Y %H:%M:%S", "25.03.2024 24:00:00", true, false, NULL},
		{"%d.%m.%Y %H:%M:%S", "25.03.2024 ", true, false, NULL},
		{"100%% %d.%m.%Y", "100% 01.01.2000", false, true, "2000-01-01"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int64_t v = -42;
		const bool ok = sq_parse_layout(cases[i].layout, cases[i].s, strlen(cases[i].s), cases[i].timestamp, &v);
		cr_assert_eq(ok, cases[i].ok, "\"%s\" in %s", cases[i].s, cases[i].layout);
		if (!ok) {
			cr_assert_eq(v, -42);
			continue;
		}
		char buf[SQ_FORMAT_CAP];
		if (cases[i].timestamp)
			sq_format_timestamp(v, buf);
		else
			sq_format_date(v, buf);
		cr_assert_str_eq(buf, cases[i].want, "\"%s\" in %s", cases[i].s, cases[i].layout);
	}
	cr_assert_null(sq_layout_problem("%d.%m.%Y", false));
	cr_assert_null(sq_layout_problem("%m/%d/%Y %I:%M %p", true));
	cr_assert_not_null(sq_layout_problem("%d.%m.%Y %H", false), "a date has no hours");
	cr_assert_not_null(sq_layout_problem("%d.%m", false), "no year");
	cr_assert_not_null(sq_layout_problem("%d.%m.%Y %q", true));
	cr_assert_not_null(sq_layout_problem("%d.%m.%Y %I:%M", true), "%I without %p");
	cr_assert_not_null(sq_layout_problem("%d.%m.%Y%", false));
}

Test(formats, timestamptz)
{
	static const struct {
		const char *s;
		const char *want; /* NULL: rejected */
	} cases[] = {
		{"2024-03-25 14:30:00+02:00", "2024-03-25 12:30:00+00"}, {"2024-03-25 14:30:00+02", "2024-03-25 12:30:00+00"},
		{"2024-03-25 14:30:00+0200", "2024-03-25 12:30:00+00"}, {"2024-03-25T14:30:00Z", "2024-03-25 14:30:00+00"},
		{"2024-03-25 00:30:00-05:30", "2024-03-25 06:00:00+00"}, {"2024-03-25 23:30:00.25-01", "2024-03-26 00:30:00.25+00"},
		{"2024-03-25 14:30:00", "2024-03-25 14:30:00+00"}, {"2024-03-05", "2024-03-05 00:00:00+00"},
		{"2024-03-25Z", NULL}, {"2024-03-25 14:30:00+24:00", NULL},
		{"2024-03-25 14:30:00+02:60", NULL}, {"2024-03-25 14:30:00+020", NULL}, {"Z", NULL}, {"", NULL},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int64_t us = -42;
		const bool ok = sq_parse_timestamptz(cases[i].s, strlen(cases[i].s), &us);
		cr_assert_eq(ok, cases[i].want != NULL, "\"%s\"", cases[i].s);
		if (!ok)
			continue;
		char buf[SQ_FORMAT_CAP];
		sq_format_timestamptz(us, buf);
		cr_assert_str_eq(buf, cases[i].want, "\"%s\"", cases[i].s);
	}
}
