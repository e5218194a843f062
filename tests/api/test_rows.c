/* test_rows.c - unit tests of rows and fields: column lookup, line numbers, offsets, flags, unescaping. */
#include <criterion/criterion.h>

#include <stdio.h>
#include <string.h>

#include "fixture.h"
#include "sluice.h"

static long column(const sluice_reader *r, const char *name)
{
	return sluice_reader_column_index(r, name, strlen(name));
}

Test(columns, lookup_by_name)
{
	/* names that need unescaping, a duplicate, an empty name */
	const char *csv = "id,\"na\"\"me\",\"x,y\",id,\"line\nbreak\",,plain\n1,2,3,4,5,6,7\n";
	sluice_reader *r = fixture_open(csv, NULL);
	cr_assert_eq(sluice_reader_column_count(r), 7);
	cr_assert_eq(column(r, "id"), 0, "a duplicate name finds the first column");
	cr_assert_eq(column(r, "na\"me"), 1);
	cr_assert_eq(column(r, "x,y"), 2);
	cr_assert_eq(column(r, "line\nbreak"), 4);
	cr_assert_eq(column(r, ""), 5);
	cr_assert_eq(column(r, "plain"), 6);
	cr_assert_eq(column(r, "nope"), -1);
	cr_assert_eq(column(r, "na\"\"me"), -1, "the raw spelling is not the name");
	cr_assert_eq(column(r, "\"id\""), -1);
	cr_assert_eq(column(r, "pla"), -1, "a prefix is not the name");
	cr_assert_eq(column(r, "plainer"), -1);
	cr_assert_eq(sluice_reader_column_index(r, "plainer", 5), 6, "only len bytes of the name count");

	size_t len = 0;
	const char *name = sluice_reader_column_name(r, 1, &len);
	cr_assert_eq(len, 5);
	cr_assert_arr_eq(name, "na\"me", 5);
	name = sluice_reader_column_name(r, 4, &len);
	cr_assert_eq(len, 10);
	cr_assert_arr_eq(name, "line\nbreak", 10);
	name = sluice_reader_column_name(r, 5, &len);
	cr_assert_not_null(name);
	cr_assert_eq(len, 0);

	sluice_row row;
	char buf[16];
	fixture_next(r, &row);
	cr_assert_str_eq(fixture_value(r, &row, (size_t)column(r, "x,y"), buf, sizeof buf), "3");
	cr_assert_eq(row.line, 3, "the header spans two lines");
	sluice_reader_close(r);
}

Test(columns, lookup_with_escapes_and_trim)
{
	sluice_options o = fixture_options();
	o.dialect.escape = '\\';
	o.dialect.trim = true;
	sluice_reader *r = fixture_open(" a\\,b , \"c\\\"d\"  ,e\\\\\n", &o);
	cr_assert_eq(sluice_reader_column_count(r), 3);
	cr_assert_eq(column(r, "a,b"), 0);
	cr_assert_eq(column(r, "c\"d"), 1);
	cr_assert_eq(column(r, "e\\"), 2);
	cr_assert_eq(column(r, " a\\,b "), -1);
	sluice_reader_close(r);
}

Test(columns, none_without_header)
{
	sluice_options o = fixture_options();
	o.dialect.header = false;
	sluice_reader *r = fixture_open("a,b\n", &o);
	cr_assert_eq(sluice_reader_column_count(r), 0);
	cr_assert_eq(column(r, "a"), -1);
	sluice_row row;
	fixture_next(r, &row);
	cr_assert_eq(row.nfields, 2);
	sluice_reader_close(r);
}

Test(columns, many_columns)
{
	/* more columns than any small initial table */
	char csv[4096];
	size_t n = 0;
	for (int i = 0; i < 300; i++)
		n += (size_t)snprintf(csv + n, sizeof csv - n, "%scol%d", i ? "," : "", i);
	csv[n++] = '\n';
	csv[n] = '\0';
	sluice_reader *r = fixture_open(csv, NULL);
	cr_assert_eq(sluice_reader_column_count(r), 300);
	for (int i = 0; i < 300; i++) {
		char name[16];
		snprintf(name, sizeof name, "col%d", i);
		cr_assert_eq(column(r, name), i);
	}
	cr_assert_eq(column(r, "col300"), -1);
	sluice_reader_close(r);
}

/* Expects the next record to start at line and offset and to hold n fields. */
static void expect_row(sluice_reader *r, uint64_t index, uint64_t line, uint64_t offset, size_t n)
{
	sluice_row row;
	fixture_next(r, &row);
	cr_assert_eq(row.index, index);
	cr_assert_eq(row.line, line, "record %llu: line %llu, want %llu", (unsigned long long)index,
	             (unsigned long long)row.line, (unsigned long long)line);
	cr_assert_eq(row.offset, offset, "record %llu: offset %llu, want %llu", (unsigned long long)index,
	             (unsigned long long)row.offset, (unsigned long long)offset);
	cr_assert_eq(row.nfields, n, "record %llu: %zu fields, want %zu", (unsigned long long)index, row.nfields, n);
}

Test(rows, lines_and_offsets)
{
	sluice_options o = fixture_options();
	o.dialect.header = false;
	const char *csv = "a,b\n\"x\ny\",z\nc,d\r\ne\rf";
	sluice_reader *r = fixture_open(csv, &o);
	expect_row(r, 0, 1, 0, 2);
	expect_row(r, 1, 2, 4, 2);
	expect_row(r, 2, 4, 12, 2); /* after a quoted line break */
	expect_row(r, 3, 5, 17, 1); /* after a CRLF */
	expect_row(r, 4, 6, 19, 1); /* after a lone CR */
	sluice_row row;
	cr_assert_eq(sluice_reader_next(r, &row), SLUICE_END);
	sluice_reader_close(r);
}

Test(rows, lines_and_offsets_with_header_and_crlf)
{
	const char *csv = "h1,h2\r\n1,\"a\r\nb\"\r\n3,4\r\n\r\n5,6";
	char *path = fixture_write(csv, strlen(csv));
	sluice_reader *r = NULL;
	cr_assert_eq(sluice_reader_open(&r, path, NULL, NULL), SLUICE_OK);
	expect_row(r, 0, 2, 7, 2);
	expect_row(r, 1, 4, 17, 2);
	expect_row(r, 2, 5, 22, 1); /* an empty line is one empty field */
	expect_row(r, 3, 6, 24, 2);
	sluice_row row;
	cr_assert_eq(sluice_reader_next(r, &row), SLUICE_END);
	sluice_reader_close(r);

	/* the CRLF inside quotes is kept, the CR of the line end is not */
	cr_assert_eq(sluice_reader_open(&r, path, NULL, NULL), SLUICE_OK);
	char buf[16];
	fixture_next(r, &row);
	cr_assert_str_eq(fixture_value(r, &row, 0, buf, sizeof buf), "1");
	cr_assert_str_eq(fixture_value(r, &row, 1, buf, sizeof buf), "a\r\nb");
	fixture_next(r, &row);
	cr_assert_str_eq(fixture_value(r, &row, 1, buf, sizeof buf), "4");
	sluice_reader_close(r);
	fixture_remove(path);
}

Test(rows, skipped_lines_keep_the_numbering)
{
	sluice_options o = fixture_options();
	o.dialect.header = false;
	strcpy(o.dialect.comment, "#");
	o.dialect.skip_empty_lines = true;
	const char *csv = "a\n# x,\"y\n\n\nb\n#\n";
	sluice_reader *r = fixture_open(csv, &o);
	expect_row(r, 0, 1, 0, 1);
	expect_row(r, 1, 5, 11, 1);
	sluice_row row;
	cr_assert_eq(sluice_reader_next(r, &row), SLUICE_END);
	const sluice_scan_stats *s = sluice_reader_stats(r);
	cr_assert_eq(s->comment_lines, 2);
	cr_assert_eq(s->empty_lines, 2);
	cr_assert_eq(s->records, 2);
	sluice_reader_close(r);
}

Test(rows, records_are_ragged_and_trailing_breaks_add_none)
{
	sluice_options o = fixture_options();
	o.dialect.header = false;
	sluice_reader *r = fixture_open("a,b,c\nd\ne,\n\n", &o);
	expect_row(r, 0, 1, 0, 3);
	expect_row(r, 1, 2, 6, 1);
	expect_row(r, 2, 3, 8, 2);
	expect_row(r, 3, 4, 11, 1);
	sluice_row row;
	cr_assert_eq(sluice_reader_next(r, &row), SLUICE_END);
	sluice_reader_close(r);

	r = fixture_open("\n", &o);
	expect_row(r, 0, 1, 0, 1);
	cr_assert_eq(sluice_reader_next(r, &row), SLUICE_END);
	sluice_reader_close(r);
}

Test(rows, count_from_the_middle)
{
	sluice_reader *r = fixture_open("h\n1\n2\n\"3\n3\"\n4", NULL);
	sluice_row row;
	fixture_next(r, &row);
	uint64_t n = 0;
	cr_assert_eq(sluice_reader_count_records(r, &n), SLUICE_OK);
	cr_assert_eq(n, 3, "count goes from the current record on");
	cr_assert_eq(sluice_reader_next(r, &row), SLUICE_END, "count leaves the reader at the end");
	sluice_reader_close(r);
}

Test(fields, flags_and_values)
{
	sluice_options o = fixture_options();
	o.dialect.header = false;
	const char *csv = "plain,\"quoted\",\"with\"\"dq\",,\"\",\"a,b\nc\"\n";
	sluice_reader *r = fixture_open(csv, &o);
	sluice_row row;
	fixture_next(r, &row);
	cr_assert_eq(row.nfields, 6);
	char buf[32];

	/* plain: a slice of the input, no flags */
	cr_assert_eq(row.fields[0].flags, 0);
	cr_assert_eq(row.fields[0].len, 5);
	cr_assert_arr_eq(row.fields[0].ptr, "plain", 5);
	cr_assert_eq((const char *)row.fields[0].ptr, csv, "zero-copy: the field points into the input");

	/* quoted without anything to decode */
	cr_assert(row.fields[1].flags & SLUICE_FIELD_QUOTED);
	cr_assert_str_eq(fixture_value(r, &row, 1, buf, sizeof buf), "quoted");

	/* a doubled quote cannot be a slice: it needs unescaping */
	cr_assert(row.fields[2].flags & SLUICE_FIELD_QUOTED);
	cr_assert(row.fields[2].flags & SLUICE_FIELD_NEEDS_UNESCAPE);
	cr_assert_str_eq(fixture_value(r, &row, 2, buf, sizeof buf), "with\"dq");

	/* empty, unquoted and quoted */
	cr_assert_eq(row.fields[3].flags, 0);
	cr_assert_eq(row.fields[3].len, 0);
	cr_assert(row.fields[4].flags & SLUICE_FIELD_QUOTED);
	cr_assert_str_eq(fixture_value(r, &row, 4, buf, sizeof buf), "");

	cr_assert(row.fields[5].flags & SLUICE_FIELD_QUOTED);
	cr_assert_str_eq(fixture_value(r, &row, 5, buf, sizeof buf), "a,b\nc");
	sluice_reader_close(r);
}

Test(fields, escapes_and_trim_need_unescape)
{
	sluice_options o = fixture_options();
	o.dialect.header = false;
	o.dialect.escape = '\\';
	o.dialect.trim = true;
	sluice_reader *r = fixture_open("a\\,b, x y ,\t\"q\\\"\" ,\\ ,e\\", &o);
	sluice_row row;
	fixture_next(r, &row);
	cr_assert_eq(row.nfields, 5);
	char buf[32];
	cr_assert(row.fields[0].flags & SLUICE_FIELD_NEEDS_UNESCAPE);
	cr_assert_str_eq(fixture_value(r, &row, 0, buf, sizeof buf), "a,b");
	cr_assert_str_eq(fixture_value(r, &row, 1, buf, sizeof buf), "x y");
	cr_assert(row.fields[2].flags & SLUICE_FIELD_QUOTED);
	cr_assert_str_eq(fixture_value(r, &row, 2, buf, sizeof buf), "q\"");
	cr_assert_str_eq(fixture_value(r, &row, 3, buf, sizeof buf), " ", "an escaped space is data, not trimmed");
	cr_assert_str_eq(fixture_value(r, &row, 4, buf, sizeof buf), "e\\", "an escape at the end of input is data");
	sluice_reader_close(r);
}

Test(fields, unescape_into_a_short_buffer)
{
	sluice_options o = fixture_options();
	o.dialect.header = false;
	sluice_reader *r = fixture_open("\"ab\"\"cd\"\"ef\",plain", &o);
	sluice_row row;
	fixture_next(r, &row);
	const sluice_dialect *d = sluice_reader_dialect(r);
	const sluice_field *f = &row.fields[0];
	cr_assert(f->flags & SLUICE_FIELD_NEEDS_UNESCAPE);

	char buf[16];
	memset(buf, '#', sizeof buf);
	cr_assert_eq(sluice_field_unescape(d, f, buf, f->len), 8, "a buffer of len bytes always suffices");
	cr_assert_arr_eq(buf, "ab\"cd\"ef", 8);

	for (size_t cap = 0; cap < 8; cap++) {
		memset(buf, '#', sizeof buf);
		size_t n = sluice_field_unescape(d, f, buf, cap);
		cr_assert_eq(n, cap, "cap %zu: returned %zu", cap, n);
		cr_assert_arr_eq(buf, "ab\"cd\"ef", cap, "cap %zu: not a prefix of the value", cap);
		cr_assert_eq(buf[cap], '#', "cap %zu: wrote past cap", cap);
	}

	/* a field without NEEDS_UNESCAPE is copied, cut the same way */
	f = &row.fields[1];
	cr_assert_eq(f->flags, 0);
	memset(buf, '#', sizeof buf);
	cr_assert_eq(sluice_field_unescape(d, f, buf, 3), 3);
	cr_assert_arr_eq(buf, "pla", 3);
	cr_assert_eq(buf[3], '#');
	cr_assert_eq(sluice_field_unescape(d, f, buf, sizeof buf), 5);
	cr_assert_arr_eq(buf, "plain", 5);
	sluice_reader_close(r);
}
