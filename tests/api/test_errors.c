/* test_errors.c - unit tests of strict-mode error reports and lenient-mode repair counters. */
#include <criterion/criterion.h>

#include <string.h>

#include "fixture.h"
#include "sluice.h"

static sluice_options strict_options(void)
{
	sluice_options o = fixture_options();
	o.dialect.header = false;
	o.dialect.strict = true;
	return o;
}

/* Reads good records, then expects SLUICE_ERR_QUOTE at line, column and offset. */
static void expect_strict_error(const char *csv, size_t good, uint64_t line, uint64_t column, uint64_t offset)
{
	sluice_options o = strict_options();
	sluice_reader *r = fixture_open(csv, &o);
	sluice_row row;
	for (size_t i = 0; i < good; i++)
		fixture_next(r, &row);
	cr_assert_eq(sluice_reader_next(r, &row), SLUICE_ERR_QUOTE, "input \"%s\"", csv);
	const sluice_error *e = sluice_reader_error(r);
	cr_assert_eq(e->status, SLUICE_ERR_QUOTE);
	cr_assert_eq(e->line, line, "input \"%s\": line %llu, want %llu", csv, (unsigned long long)e->line,
	             (unsigned long long)line);
	cr_assert_eq(e->column, column, "input \"%s\": column %llu, want %llu", csv, (unsigned long long)e->column,
	             (unsigned long long)column);
	cr_assert_eq(e->offset, offset, "input \"%s\": offset %llu, want %llu", csv, (unsigned long long)e->offset,
	             (unsigned long long)offset);
	cr_assert_eq(e->sys_errno, 0);
	cr_assert_gt(strlen(e->message), 0, "no message");
	cr_assert_lt(sluice_reader_next(r, &row), 0, "reading goes on after a strict error");
	sluice_reader_close(r);

	/* count stops at the same error */
	r = fixture_open(csv, &o);
	uint64_t n = 0;
	cr_assert_eq(sluice_reader_count_records(r, &n), SLUICE_ERR_QUOTE, "count of \"%s\"", csv);
	cr_assert_eq(sluice_reader_error(r)->offset, offset);
	sluice_reader_close(r);
}

Test(strict, bare_quote)
{
	expect_strict_error("a,b\nc,d\"e\n", 1, 2, 2, 7);
	expect_strict_error("\"\"\"\",x\"", 0, 1, 2, 6);
}

Test(strict, text_after_closing_quote)
{
	expect_strict_error("x\n\"ab\"c,d\n", 1, 2, 1, 6);
	/* the line is the physical line of the fault, after a quoted line break */
	expect_strict_error("1,\"a\nb\",\"c\"d", 0, 2, 3, 11);
	/* with double quote off, a second quote is text after the closing quote */
	sluice_options o = strict_options();
	o.dialect.double_quote = false;
	sluice_reader *r = fixture_open("\"a\"\"b\"", &o);
	sluice_row row;
	cr_assert_eq(sluice_reader_next(r, &row), SLUICE_ERR_QUOTE);
	cr_assert_eq(sluice_reader_error(r)->offset, 3);
	sluice_reader_close(r);
}

Test(strict, spaces_around_quotes)
{
	/* without trim, spaces make the quote a bare quote */
	expect_strict_error("a, \"b\"\n", 0, 1, 2, 3);
	/* with trim they are dropped */
	sluice_options o = strict_options();
	o.dialect.trim = true;
	sluice_reader *r = fixture_open("a, \"b\" \n", &o);
	sluice_row row;
	char buf[8];
	fixture_next(r, &row);
	cr_assert_str_eq(fixture_value(r, &row, 1, buf, sizeof buf), "b");
	sluice_reader_close(r);
}

Test(strict, unterminated_quote)
{
	sluice_options o = strict_options();
	sluice_reader *r = fixture_open("a\n\"bc\nd", &o);
	sluice_row row;
	fixture_next(r, &row);
	cr_assert_eq(sluice_reader_next(r, &row), SLUICE_ERR_QUOTE);
	const sluice_error *e = sluice_reader_error(r);
	cr_assert_eq(e->column, 1);
	cr_assert_gt(strlen(e->message), 0);
	sluice_reader_close(r);
}

Test(strict, error_in_header_fails_open)
{
	sluice_options o = fixture_options();
	o.dialect.strict = true;
	const char *csv = "a\"b,c\n1,2\n";
	sluice_reader *r = NULL;
	sluice_error err;
	memset(&err, 0, sizeof err);
	int rc = sluice_reader_open_memory(&r, csv, strlen(csv), "h.csv", &o, &err);
	cr_assert_eq(rc, SLUICE_ERR_QUOTE, "%s", sluice_status_name(rc));
	cr_assert_null(r);
	cr_assert_eq(err.status, SLUICE_ERR_QUOTE);
	cr_assert_eq(err.line, 1);
	cr_assert_eq(err.column, 1);
	cr_assert_eq(err.offset, 1);
}

Test(strict, well_formed_input_reads_through)
{
	sluice_options o = strict_options();
	sluice_reader *r = fixture_open("\"a\"\"b\",\"c\nd\",e\r\n,\"\"\n", &o);
	sluice_row row;
	fixture_next(r, &row);
	fixture_next(r, &row);
	cr_assert_eq(sluice_reader_next(r, &row), SLUICE_END);
	cr_assert_eq(sluice_reader_error(r)->status, SLUICE_OK);
	sluice_reader_close(r);
}

Test(lenient, repairs_are_counted)
{
	sluice_options o = fixture_options();
	o.dialect.header = false;
	sluice_reader *r = fixture_open("\"a\"b\nc\"d\n\"x\"\"y\"\n\"f", &o);
	static const char *const want[] = { "ab", "c\"d", "x\"y", "f" };
	sluice_row row;
	char buf[8];
	for (size_t i = 0; i < 4; i++) {
		fixture_next(r, &row);
		cr_assert_eq(row.nfields, 1);
		cr_assert_str_eq(fixture_value(r, &row, 0, buf, sizeof buf), want[i], "record %zu", i);
	}
	cr_assert_eq(sluice_reader_next(r, &row), SLUICE_END);
	cr_assert_eq(sluice_reader_error(r)->status, SLUICE_OK);
	const sluice_scan_stats *s = sluice_reader_stats(r);
	cr_assert_eq(s->repaired_after_quote, 1);
	cr_assert_eq(s->repaired_bare_quote, 1);
	cr_assert_eq(s->repaired_unterminated, 1);
	cr_assert_eq(s->repaired_records, 3);
	cr_assert_eq(s->records, 4);
	cr_assert_eq(s->comment_lines, 0);
	cr_assert_eq(s->empty_lines, 0);
	cr_assert_gt(s->bytes_indexed, 0);
	cr_assert_leq(s->scalar_bytes, s->bytes_indexed);
	sluice_reader_close(r);
}

Test(lenient, repairs_in_an_unterminated_last_record_are_counted)
{
	sluice_options o = fixture_options();
	o.dialect.header = false;
	sluice_reader *r = fixture_open("x\na\"b,\"c\"d,\"e", &o);
	sluice_row row;
	char buf[8];
	fixture_next(r, &row);
	fixture_next(r, &row);
	cr_assert_eq(row.nfields, 3);
	cr_assert_str_eq(fixture_value(r, &row, 0, buf, sizeof buf), "a\"b");
	cr_assert_str_eq(fixture_value(r, &row, 1, buf, sizeof buf), "cd");
	cr_assert_str_eq(fixture_value(r, &row, 2, buf, sizeof buf), "e");
	cr_assert_eq(sluice_reader_next(r, &row), SLUICE_END);
	const sluice_scan_stats *s = sluice_reader_stats(r);
	cr_assert_eq(s->repaired_unterminated, 1);
	cr_assert_eq(s->repaired_bare_quote, 1);
	cr_assert_eq(s->repaired_after_quote, 1);
	sluice_reader_close(r);
}

Test(lenient, repairs_count_records)
{
	sluice_options o = fixture_options();
	o.dialect.header = false;
	/* two bare quotes and two joined texts in one record, then a clean record, then one bare quote */
	sluice_reader *r = fixture_open("a\"b\"c,\"x\"y,\"z\"w\nok\nq\"\n", &o);
	sluice_row row;
	char buf[16];
	fixture_next(r, &row);
	cr_assert_str_eq(fixture_value(r, &row, 0, buf, sizeof buf), "a\"b\"c");
	cr_assert_str_eq(fixture_value(r, &row, 1, buf, sizeof buf), "xy");
	cr_assert_str_eq(fixture_value(r, &row, 2, buf, sizeof buf), "zw");
	fixture_next(r, &row);
	fixture_next(r, &row);
	cr_assert_eq(sluice_reader_next(r, &row), SLUICE_END);
	const sluice_scan_stats *s = sluice_reader_stats(r);
	cr_assert_eq(s->repaired_records, 2);
	cr_assert_eq(s->repaired_bare_quote, 2);
	cr_assert_eq(s->repaired_after_quote, 1);
	cr_assert_eq(s->repaired_unterminated, 0);
	sluice_reader_close(r);
}

Test(lenient, quote_after_trimmed_spaces_is_text)
{
	sluice_options o = fixture_options();
	o.dialect.header = false;
	o.dialect.trim = true;
	sluice_reader *r = fixture_open("\"a\" \"b\" ,\"c\"\"d\"\t", &o);
	sluice_row row;
	char buf[16];
	fixture_next(r, &row);
	cr_assert_eq(row.nfields, 2);
	cr_assert_str_eq(fixture_value(r, &row, 0, buf, sizeof buf), "a\"b\"");
	cr_assert_str_eq(fixture_value(r, &row, 1, buf, sizeof buf), "c\"d");
	cr_assert(row.fields[0].flags & SLUICE_FIELD_QUOTED);
	cr_assert_eq(sluice_reader_next(r, &row), SLUICE_END);
	cr_assert_eq(sluice_reader_stats(r)->repaired_after_quote, 1);
	sluice_reader_close(r);

	o.dialect.strict = true;
	r = fixture_open("\"a\" \"b\"", &o);
	cr_assert_eq(sluice_reader_next(r, &row), SLUICE_ERR_QUOTE);
	cr_assert_eq(sluice_reader_error(r)->offset, 4);
	sluice_reader_close(r);
}

Test(lenient, well_formed_input_has_no_repairs)
{
	sluice_reader *r = fixture_open("a,b\n\"1\",\"x\"\"y\"\n", NULL);
	sluice_row row;
	fixture_next(r, &row);
	cr_assert_eq(sluice_reader_next(r, &row), SLUICE_END);
	const sluice_scan_stats *s = sluice_reader_stats(r);
	cr_assert_eq(s->repaired_after_quote, 0);
	cr_assert_eq(s->repaired_bare_quote, 0);
	cr_assert_eq(s->repaired_unterminated, 0);
	cr_assert_eq(s->records, 1);
	sluice_reader_close(r);
}

Test(lenient, no_byte_is_dropped)
{
	sluice_options o = fixture_options();
	o.dialect.header = false;
	sluice_reader *r = fixture_open("12\" monitor,  \"a\"  ,\"x\"y\"z", &o);
	sluice_row row;
	char buf[32];
	fixture_next(r, &row);
	cr_assert_eq(row.nfields, 3);
	cr_assert_str_eq(fixture_value(r, &row, 0, buf, sizeof buf), "12\" monitor");
	cr_assert_str_eq(fixture_value(r, &row, 1, buf, sizeof buf), "  \"a\"  ");
	cr_assert_str_eq(fixture_value(r, &row, 2, buf, sizeof buf), "xy\"z");
	cr_assert_eq(sluice_reader_next(r, &row), SLUICE_END);
	sluice_reader_close(r);
}
