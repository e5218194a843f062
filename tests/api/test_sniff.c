/* test_sniff.c - the sniffer through the public API: sluice_sniff() and a reader opened with AUTO
 * fields decide the same dialect; what it guesses for each pattern (delimiter, quote, escape,
 * comments, spaced delimiters, line ends, preambles, headers); a field given explicitly is never
 * guessed; the sample stays bounded; several files read as one must share a dialect. */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "sluice.h"

/* Sniffs csv (written to a temporary file) with every field AUTO, or with opts when not NULL. */
static sluice_sniff_info sniff_text(const char *csv, const sluice_options *opts)
{
	char *path = fixture_write(csv, strlen(csv));
	sluice_options o;
	sluice_options_init(&o);
	if (opts)
		o = *opts;
	sluice_sniff_info info;
	sluice_error err;
	const sluice_status rc = sluice_sniff(path, &o, &info, &err);
	cr_assert_eq(rc, SLUICE_OK, "sluice_sniff: %d %s", rc, err.message);
	fixture_remove(path);
	return info;
}

Test(sniff, defaults_are_auto)
{
	sluice_options o;
	sluice_options_init(&o);
	cr_assert_eq(o.dialect.delimiter, SLUICE_AUTO);
	cr_assert_eq(o.dialect.quote, SLUICE_AUTO);
	cr_assert_eq(o.dialect.escape, SLUICE_AUTO);
	cr_assert_eq(o.dialect.trim, SLUICE_AUTO);
	cr_assert_eq(o.dialect.header, SLUICE_AUTO);
	cr_assert_eq(o.dialect.skip, SLUICE_AUTO);
	cr_assert_str_eq(o.dialect.comment, SLUICE_COMMENT_AUTO);
	sluice_dialect_fill_auto(&o.dialect);
	cr_assert_eq(o.dialect.delimiter, ',');
	cr_assert_eq(o.dialect.quote, '"');
	cr_assert_eq(o.dialect.escape, SLUICE_NO_CHAR);
	cr_assert_eq(o.dialect.trim, 0);
	cr_assert_eq(o.dialect.header, 1);
	cr_assert_eq(o.dialect.skip, 0);
	cr_assert_str_eq(o.dialect.comment, "");
}

Test(sniff, delimiters)
{
	static const struct {
		const char *csv;
		int delimiter;
	} cases[] = {
	    {"a;b;c\n1;2,5;x\n3;4,0;y\n5;6,1;z\n", ';'},
	    {"a\tb\tc\n1\t2\tx y\n3\t4\tz, w\n", '\t'},
	    {"a|b|c\n1|2|x,y\n3|4|z\n", '|'},
	    {"a,b,c\n1,2,x;y\n3,4,z\n", ','},
	    {"a:b:c\n1:2:x\n3:4:z\n5:6:w\n", ':'},
	    {"id name score\n1 ann 3.5\n2 bob 4.0\n3 cy 2.5\n", ' '},
	    {"a\x1f" "b\x1f" "c\n1\x1f" "2\x1f" "x\n3\x1f" "4\x1f" "y\n", 0x1f},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const sluice_sniff_info info = sniff_text(cases[i].csv, NULL);
		cr_assert_eq(info.dialect.delimiter, cases[i].delimiter, "case %zu: 0x%02x", i,
		             (unsigned)info.dialect.delimiter);
		cr_assert_eq(info.columns, 3, "case %zu: %zu columns", i, info.columns);
		cr_assert(info.sniffed & SLUICE_SNIFFED_DELIMITER);
	}
}

Test(sniff, quotes_and_escapes)
{
	/* a field wrapped in single quotes with the delimiter inside */
	sluice_sniff_info info = sniff_text("id,name\n1,'Smith, J'\n2,'Lee, K'\n3,'Ng, A'\n", NULL);
	cr_assert_eq(info.dialect.quote, '\'');
	/* a backslash before a quote inside quotes */
	info = sniff_text("id,text\n1,\"say \\\"hi\\\"\"\n2,\"plain\"\n3,\"a \\\"b\\\" c\"\n", NULL);
	cr_assert_eq(info.dialect.quote, '"');
	cr_assert_eq(info.dialect.escape, '\\');
	/* doubled quotes: no escape byte */
	info = sniff_text("id,text\n1,\"say \"\"hi\"\"\"\n2,\"x, y\"\n", NULL);
	cr_assert_eq(info.dialect.quote, '"');
	cr_assert_eq(info.dialect.escape, SLUICE_NO_CHAR);
	/* inch marks that open fields and never close: read without quotes */
	info = sniff_text("item,size\nscreen,\"27 wide\nboard,\"15 long\ncable,3\n", NULL);
	cr_assert_eq(info.dialect.quote, SLUICE_NO_CHAR);
	cr_assert_eq(info.columns, 2);
}

Test(sniff, strict_keeps_double_quotes)
{
	sluice_options o;
	sluice_options_init(&o);
	o.dialect.strict = true;
	const sluice_sniff_info info = sniff_text("item,size\nscreen,\"27 wide\nboard,\"15 long\ncable,3\n", &o);
	cr_assert_eq(info.dialect.quote, '"');
	cr_assert(info.dialect.strict);
}

Test(sniff, comments_and_spaced_delimiters)
{
	sluice_sniff_info info = sniff_text("# exported 2024-01-01\n# by hand\na,b\n1,2\n3,4\n", NULL);
	cr_assert_str_eq(info.dialect.comment, "#");
	cr_assert_eq(info.dialect.skip, 0);
	cr_assert_eq(info.dialect.header, 1);
	info = sniff_text("name, age, city\nann, 31, Oslo\nbob, 42, Bergen\ncy, 27, Tromso\n", NULL);
	cr_assert_eq(info.dialect.delimiter, ',');
	cr_assert_eq(info.dialect.trim, 1);
	info = sniff_text("a,b\n1,2\n", NULL);
	cr_assert_str_eq(info.dialect.comment, "");
	cr_assert_eq(info.dialect.trim, 0);
}

Test(sniff, line_endings)
{
	cr_assert_eq(sniff_text("a,b\n1,2\n", NULL).line_ending, SLUICE_LINE_ENDING_LF);
	cr_assert_eq(sniff_text("a,b\r\n1,2\r\n", NULL).line_ending, SLUICE_LINE_ENDING_CRLF);
	const sluice_sniff_info info = sniff_text("a;b\r1;2\r3;4\r", NULL);
	cr_assert_eq(info.line_ending, SLUICE_LINE_ENDING_CR);
	cr_assert_eq(info.dialect.delimiter, ';');
	cr_assert_eq(info.sample_records, 3);
	cr_assert_eq(sniff_text("a", NULL).line_ending, SLUICE_LINE_ENDING_NONE);
}

Test(sniff, preamble)
{
	const char *csv = "Account statement\n"
	                  "Account: 1234 5678\n"
	                  "Period: 2024-01-01 to 2024-01-31\n"
	                  "date;text;amount\n"
	                  "2024-01-02;rent;-950,00\n"
	                  "2024-01-03;salary;3200,00\n"
	                  "2024-01-09;food;-61,20\n";
	const sluice_sniff_info info = sniff_text(csv, NULL);
	cr_assert_eq(info.dialect.delimiter, ';');
	cr_assert_eq(info.dialect.skip, 3);
	cr_assert_eq(info.dialect.header, 1);
	cr_assert_eq(info.columns, 3);
	/* the reader steps over the preamble and reads the header */
	char *path = fixture_write(csv, strlen(csv));
	sluice_reader *r;
	sluice_error err;
	cr_assert_eq(sluice_reader_open(&r, path, NULL, &err), SLUICE_OK);
	cr_assert_eq(sluice_reader_column_count(r), 3);
	size_t len;
	const char *name = sluice_reader_column_name(r, 2, &len);
	cr_assert_eq(len, 6);
	cr_assert_eq(memcmp(name, "amount", 6), 0);
	sluice_row row;
	fixture_next(r, &row);
	cr_assert_eq(row.line, 5);
	cr_assert_eq(row.nfields, 3);
	sluice_reader_close(r);
	fixture_remove(path);
}

Test(sniff, headers)
{
	/* names over numbers */
	cr_assert_eq(sniff_text("id,amount\n1,2.5\n2,3.5\n", NULL).dialect.header, 1);
	/* numbers only: data */
	cr_assert_eq(sniff_text("1,2.5\n2,3.5\n3,4.5\n", NULL).dialect.header, 0);
	/* a header of years over decimals */
	cr_assert_eq(sniff_text("2023,2024,2025\n1.5,2.5,3.5\n4.5,5.5,6.5\n", NULL).dialect.header, 1);
	/* text that comes again in its column is data */
	cr_assert_eq(sniff_text("oslo,red\nbergen,blue\noslo,green\n", NULL).dialect.header, 0);
	/* text names over text values that never repeat the names */
	cr_assert_eq(sniff_text("city,colour\noslo,red\nbergen,blue\n", NULL).dialect.header, 1);
	/* a second header where two files were joined does not hide the first */
	cr_assert_eq(sniff_text("id,v\n1,2\n3,4\n5,6\n7,8\n9,1\n2,3\n4,5\n6,7\n8,9\nid,v\n1,2\n", NULL).dialect.header, 1);
}

Test(sniff, explicit_fields_win)
{
	sluice_options o;
	sluice_options_init(&o);
	o.dialect.delimiter = ',';
	o.dialect.header = 0;
	const sluice_sniff_info info = sniff_text("a;b;c\n1;2;3\n4;5;6\n", &o);
	cr_assert_eq(info.dialect.delimiter, ',');
	cr_assert_eq(info.dialect.header, 0);
	cr_assert_eq(info.columns, 1);
	cr_assert_eq(info.sniffed & (SLUICE_SNIFFED_DELIMITER | SLUICE_SNIFFED_HEADER), 0);
	cr_assert(info.sniffed & SLUICE_SNIFFED_QUOTE);
	/* nothing left AUTO: nothing sniffed, confidence 1 */
	sluice_dialect_fill_auto(&o.dialect);
	const sluice_sniff_info none = sniff_text("a;b;c\n1;2;3\n", &o);
	cr_assert_eq(none.sniffed, 0);
	cr_assert_float_eq(none.confidence, 1.0, 1e-12);
	cr_assert_eq(none.dialect.delimiter, ',');
}

Test(sniff, reader_agrees_with_sniff)
{
	const char *csv = "k|v|w\n1|x|2.5\n2|y|3.5\n3|z|4.5\n";
	char *path = fixture_write(csv, strlen(csv));
	sluice_sniff_info info;
	sluice_error err;
	cr_assert_eq(sluice_sniff(path, NULL, &info, &err), SLUICE_OK);
	sluice_reader *r;
	cr_assert_eq(sluice_reader_open(&r, path, NULL, &err), SLUICE_OK);
	const sluice_sniff_info *ri = sluice_reader_sniff_info(r);
	cr_assert_not_null(ri);
	cr_assert_eq(memcmp(&ri->dialect, &info.dialect, sizeof info.dialect), 0);
	cr_assert_eq(ri->columns, 3);
	cr_assert_eq(sluice_reader_column_count(r), 3);
	size_t n = 0;
	sluice_row row;
	while (sluice_reader_next(r, &row) == SLUICE_OK)
		n++;
	cr_assert_eq(n, 3);
	sluice_reader_close(r);
	/* a reader opened without AUTO fields reports its dialect, sniffed nothing */
	sluice_options o;
	sluice_options_init(&o);
	sluice_dialect_fill_auto(&o.dialect);
	cr_assert_eq(sluice_reader_open(&r, path, &o, &err), SLUICE_OK);
	cr_assert_eq(sluice_reader_sniff_info(r)->sniffed, 0);
	cr_assert_eq(sluice_reader_sniff_info(r)->dialect.delimiter, ',');
	sluice_reader_close(r);
	fixture_remove(path);
}

/* The sample is bounded: a large file is sniffed from its head and a few probes, and a record
 * longer than the head (a quoted field of line breaks) does not make the sniffer read it all. */
Test(sniff, bounded_sample)
{
	const size_t size = 24u << 20;
	char *p = malloc(size);
	cr_assert_not_null(p);
	size_t n = (size_t)snprintf(p, size, "id,name,amount\n");
	for (unsigned i = 0; n + 64 < size; i++)
		n += (size_t)snprintf(p + n, size - n, "%u,name%u,%u.%02u\n", i, i % 977, i % 5000, i % 100);
	char *path = fixture_write(p, n);
	sluice_sniff_info info;
	sluice_error err;
	cr_assert_eq(sluice_sniff(path, NULL, &info, &err), SLUICE_OK);
	cr_assert_eq(info.dialect.delimiter, ',');
	cr_assert_eq(info.dialect.header, 1);
	cr_assert_leq(info.sample_bytes, (uint64_t)1 << 20, "%llu bytes", (unsigned long long)info.sample_bytes);
	cr_assert_gt(info.sample_bytes, (uint64_t)64 << 10, "the probes count too");
	fixture_remove(path);

	/* a header, then one quoted field of line breaks filling the file */
	n = (size_t)snprintf(p, size, "blob,n\n\"");
	memset(p + n, '\n', size - n - 8);
	n = size - 8;
	n += (size_t)snprintf(p + n, 8, "\",1\n");
	path = fixture_write(p, n);
	cr_assert_eq(sluice_sniff(path, NULL, &info, &err), SLUICE_OK);
	cr_assert_eq(info.dialect.quote, '"', "the open quote at the sample's end is no repair");
	cr_assert_eq(info.dialect.header, 1);
	cr_assert_leq(info.sample_bytes, (uint64_t)1 << 20);
	sluice_reader *r;
	cr_assert_eq(sluice_reader_open(&r, path, NULL, &err), SLUICE_OK);
	sluice_row row;
	size_t records = 0;
	while (sluice_reader_next(r, &row) == SLUICE_OK)
		records++;
	cr_assert_eq(records, 1);
	sluice_reader_close(r);
	fixture_remove(path);
	free(p);
}

Test(sniff, inputs_share_a_dialect)
{
	char *a = fixture_write("a;b\n1;2\n3;4\n", 12);
	char *b = fixture_write("a;b\n5;6\n7;8\n", 12);
	char *c = fixture_write("a,b\n5,6\n7,8\n", 12);
	sluice_reader *r;
	sluice_error err;
	const char *same[] = {a, b};
	cr_assert_eq(sluice_reader_open_paths(&r, same, 2, NULL, &err), SLUICE_OK);
	size_t n = 0;
	sluice_row row;
	while (sluice_reader_next(r, &row) == SLUICE_OK) {
		cr_assert_eq(row.nfields, 2);
		n++;
	}
	cr_assert_eq(n, 4);
	sluice_reader_close(r);
	const char *differ[] = {a, c};
	cr_assert_eq(sluice_reader_open_paths(&r, differ, 2, NULL, &err), SLUICE_ERR_FORMAT);
	cr_assert_str_eq(err.file, c);
	cr_assert_not_null(strstr(err.message, "differs"), "%s", err.message);
	fixture_remove(a);
	fixture_remove(b);
	fixture_remove(c);
}
