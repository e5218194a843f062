/* test_column_sniff.c - a column's type and value format from its sample (plan/column_sniff.c). */
#include <criterion/criterion.h>
#include <string.h>

#include "query/plan/column_sniff.h"
#include "query/values/value.h"

/* The type of a column of values (NULL-terminated; "" is NULL), in an input split by delimiter
 * with the formats o fixes, its format in *fmt. */
static int column_type(const char *const *vals, int delimiter, const sq_format_options *o, sq_text_format *fmt)
{
	const sq_format_options none = {0};
	sq_sniff_formats f;
	sq_sniff_formats_init(&f, o ? o : &none, delimiter);
	sq_column_sniff c = {0};
	for (const char *const *v = vals; *v; v++)
		if (**v)
			sq_column_sniff_add(&c, &f, *v, strlen(*v));
	return sq_column_sniff_type(&c, &f, fmt);
}

static int one_type(const char *v)
{
	const char *vals[] = {v, NULL};
	sq_text_format fmt;
	return column_type(vals, ',', NULL, &fmt);
}

Test(column_sniff, one_value)
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
		{"2024-01-02", SQ_T_DATE}, {"0000-01-01", SQ_T_DATE}, {"25.03.2024", SQ_T_DATE}, {"3/25/2024", SQ_T_DATE},
		{"2024-01-02 03:04:05", SQ_T_TIMESTAMP}, {"2024-01-02T03:04:05.123", SQ_T_TIMESTAMP},
		{"25.03.2024 14:30", SQ_T_TIMESTAMP}, {"03/25/2024 02:30 PM", SQ_T_TIMESTAMP},
		{"2024-03-25 14:30:00+02:00", SQ_T_TIMESTAMPTZ}, {"2024-03-25T12:30:00Z", SQ_T_TIMESTAMPTZ},
		{"2024-03-25 14:30:00.5-0530", SQ_T_TIMESTAMPTZ}, {"2024-03-25 14:30:00+02", SQ_T_TIMESTAMPTZ},
		{"2024-03-25+02:00", SQ_T_VARCHAR}, {"2024-03-25 14:30:00+2", SQ_T_VARCHAR},
		{"2024-02-30", SQ_T_VARCHAR}, {"2024-01-02 25:00:00", SQ_T_VARCHAR}, {"30.02.2024", SQ_T_VARCHAR},
		{"03/25/2024 13:30 PM", SQ_T_VARCHAR}, {"25.03.24", SQ_T_VARCHAR},
		{"abc", SQ_T_VARCHAR}, {" 1", SQ_T_VARCHAR}, {"1 ", SQ_T_VARCHAR}, {"yes", SQ_T_BOOLEAN},
		{"No", SQ_T_BOOLEAN}, {"y", SQ_T_VARCHAR}, {"NA", SQ_T_VARCHAR}, {"N/A", SQ_T_VARCHAR}, {"\\N", SQ_T_VARCHAR},
		{"0x10", SQ_T_VARCHAR}, {"1,5", SQ_T_VARCHAR}, {"-", SQ_T_VARCHAR}, {".", SQ_T_VARCHAR}, {"e", SQ_T_VARCHAR},
		{"NULL", SQ_T_VARCHAR}, {"\"1\"", SQ_T_VARCHAR},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		cr_assert_eq(one_type(cases[i].s), cases[i].type, "\"%s\" sniffed as %s", cases[i].s,
		             sq_type_name(one_type(cases[i].s)));
}

/* Types that mix: integers with decimals are DOUBLE, dates with timestamps TIMESTAMP, all else VARCHAR. */
Test(column_sniff, mixes)
{
	static const struct {
		const char *vals[6];
		int type;
	} cases[] = {
		{{"", "1", "", "2.5", "-3"}, SQ_T_DOUBLE},
		{{"1", "2", "", NULL}, SQ_T_BIGINT},
		{{"true", "1", NULL}, SQ_T_VARCHAR},
		{{"2024-01-02", "2024-01-02 10:00:00", NULL}, SQ_T_TIMESTAMP},
		{{"25.03.2024", "26.03.2024 10:00", NULL}, SQ_T_TIMESTAMP},
		{{"5", "2024-01-02", NULL}, SQ_T_VARCHAR},
		{{"2024-01-02", "5", NULL}, SQ_T_VARCHAR},
		{{"25.03.2024", "03/25/2024", NULL}, SQ_T_VARCHAR},
		{{"", "", NULL}, SQ_T_NULL},
		{{"2024-01-02 10:00:00Z", "2024-01-02 10:00:00", "2024-01-03", NULL}, SQ_T_TIMESTAMPTZ},
		{{"2024-01-02 10:00:00Z", "25.03.2024 10:00", NULL}, SQ_T_VARCHAR},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		sq_text_format fmt;
		cr_assert_eq(column_type(cases[i].vals, ';', NULL, &fmt), cases[i].type, "case %zu", i);
	}
}

/* The number format a column's values are read in, where the delimiter is ';'. */
Test(column_sniff, decimal_comma_and_groups)
{
	static const struct {
		const char *vals[4];
		int type;
		char decimal, thousands;
	} cases[] = {
		{{"1,50", "-866,96", "3", NULL}, SQ_T_DOUBLE, ',', '\0'},
		{{"1.234,56", "12,5", NULL}, SQ_T_DOUBLE, ',', '.'},
		{{"1,234.56", "12.5", NULL}, SQ_T_DOUBLE, '.', ','},
		{{"1.5", "2.25", NULL}, SQ_T_DOUBLE, '.', '\0'},
		/* "1,234" alone is a decimal comma before it is a thousands comma */
		{{"1,234", "5,678", NULL}, SQ_T_DOUBLE, ',', '\0'},
		/* "1.234" with a decimal comma elsewhere is a digit group */
		{{"1.234", "5,5", NULL}, SQ_T_DOUBLE, ',', '.'},
		{{"1.5", "1,5", NULL}, SQ_T_VARCHAR, '.', '\0'},
		{{"1.2345,6", NULL}, SQ_T_VARCHAR, '.', '\0'},
		{{"1,2,3", NULL}, SQ_T_VARCHAR, '.', '\0'},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		sq_text_format fmt;
		cr_assert_eq(column_type(cases[i].vals, ';', NULL, &fmt), cases[i].type, "case %zu", i);
		cr_assert_eq(fmt.decimal, cases[i].decimal, "case %zu", i);
		cr_assert_eq(fmt.thousands, cases[i].thousands, "case %zu", i);
	}
	/* a ',' splits fields of a comma file: no number there has one */
	const char *comma[] = {"1,5", NULL};
	sq_text_format fmt;
	cr_assert_eq(column_type(comma, ',', NULL, &fmt), SQ_T_VARCHAR);
	/* unless the flags say so */
	const sq_format_options dec = {.decimal = ','};
	cr_assert_eq(column_type(comma, ',', &dec, &fmt), SQ_T_DOUBLE);
	cr_assert_eq(fmt.decimal, ',');
	const char *grouped[] = {"1.234,5", NULL};
	cr_assert_eq(column_type(grouped, ';', &dec, &fmt), SQ_T_VARCHAR, "--decimal , alone has no groups");
	const sq_format_options th = {.thousands = '.', .thousands_given = true};
	cr_assert_eq(column_type(grouped, ',', &th, &fmt), SQ_T_DOUBLE, "--thousands . means a decimal comma");
	cr_assert_eq(fmt.decimal, ',');
	cr_assert_eq(fmt.thousands, '.');
}

static const char *layout_of(const char *const *vals, const sq_format_options *o, int want_type)
{
	sq_text_format fmt;
	int t = column_type(vals, ';', o, &fmt);
	cr_assert_eq(t, want_type, "%s: %s", vals[0], sq_type_name(t));
	return fmt.layout ? fmt.layout : "ISO";
}

Test(column_sniff, date_order)
{
	const char *dots[] = {"03.04.2024", "01.02.2024", NULL};
	cr_assert_str_eq(layout_of(dots, NULL, SQ_T_DATE), "%d.%m.%Y", "ambiguous '.' dates are day first");
	const char *slashes[] = {"03/04/2024", "01/02/2024", NULL};
	cr_assert_str_eq(layout_of(slashes, NULL, SQ_T_DATE), "%m/%d/%Y", "ambiguous '/' dates are month first");
	const char *day_first[] = {"03/04/2024", "25/02/2024", NULL};
	cr_assert_str_eq(layout_of(day_first, NULL, SQ_T_DATE), "%d/%m/%Y", "a first part past 12 is the day");
	const char *month_first[] = {"03/04/2024", "02/25/2024", NULL};
	cr_assert_str_eq(layout_of(month_first, NULL, SQ_T_DATE), "%m/%d/%Y");
	const char *iso[] = {"2024-03-04", NULL};
	cr_assert_str_eq(layout_of(iso, NULL, SQ_T_DATE), "ISO");
	const char *ampm[] = {"03/25/2024 02:30 PM", "03/26/2024 12:00 AM", NULL};
	cr_assert_str_eq(layout_of(ampm, NULL, SQ_T_TIMESTAMP), "%m/%d/%Y %I:%M %p");
	const char *secs[] = {"25.03.2024 14:30:00", "25.03.2024", NULL};
	cr_assert_str_eq(layout_of(secs, NULL, SQ_T_TIMESTAMP), "%d.%m.%Y %H:%M:%S");
	/* a given layout is tried first */
	char ymd[] = "%Y%m%d";
	const sq_format_options o = {.date_layout = ymd};
	const char *compact[] = {"2024-0325", NULL};
	(void)layout_of(compact, &o, SQ_T_VARCHAR);
	char slash_dm[] = "%d/%m/%Y";
	const sq_format_options dm = {.date_layout = slash_dm};
	cr_assert_str_eq(layout_of(slashes, &dm, SQ_T_DATE), "%d/%m/%Y");
}
