/* test_open.c - unit tests of opening files and memory: I/O errors, empty input, header-only input, BOM. */
#include <criterion/criterion.h>

#include <errno.h>
#include <string.h>

#include "fixture.h"
#include "sluice.h"

Test(open, missing_file_is_an_io_error)
{
	const char *path = "/nonexistent-sluice-dir/missing.csv";
	sluice_reader *r = (sluice_reader *)&path; /* must be overwritten with NULL */
	sluice_error err;
	memset(&err, 0, sizeof err);
	int rc = sluice_reader_open(&r, path, NULL, &err);
	cr_assert_eq(rc, SLUICE_ERR_IO, "%s", sluice_status_name(rc));
	cr_assert_null(r);
	cr_assert_eq(err.status, SLUICE_ERR_IO);
	cr_assert_eq(err.sys_errno, ENOENT, "sys_errno %d (%s)", err.sys_errno, strerror(err.sys_errno));
	cr_assert_eq(err.line, 0);
	cr_assert_eq(err.column, 0);

	/* err may be NULL */
	cr_assert_eq(sluice_reader_open(&r, path, NULL, NULL), SLUICE_ERR_IO);
	cr_assert_null(r);
}

Test(open, directory_is_an_io_error)
{
	sluice_reader *r = NULL;
	sluice_error err;
	memset(&err, 0, sizeof err);
	int rc = sluice_reader_open(&r, "/", NULL, &err);
	cr_assert_lt(rc, 0, "opening a directory succeeded");
	cr_assert_null(r);
	sluice_reader_close(r);
}

Test(open, empty_file_has_no_records)
{
	char *path = fixture_write("", 0);
	for (int header = 0; header <= 1; header++) {
		sluice_options o = fixture_options();
		o.dialect.header = header;
		sluice_reader *r = NULL;
		sluice_error err;
		int rc = sluice_reader_open(&r, path, &o, &err);
		cr_assert_eq(rc, SLUICE_OK, "%s (%s)", sluice_status_name(rc), err.message);
		cr_assert_eq(sluice_reader_column_count(r), 0);
		sluice_row row;
		cr_assert_eq(sluice_reader_next(r, &row), SLUICE_END);
		cr_assert_eq(sluice_reader_next(r, &row), SLUICE_END, "END again after the end");
		cr_assert_eq(sluice_reader_stats(r)->records, 0);
		sluice_reader_close(r);

		cr_assert_eq(sluice_reader_open(&r, path, &o, NULL), SLUICE_OK);
		uint64_t n = 99;
		cr_assert_eq(sluice_reader_count_records(r, &n), SLUICE_OK);
		cr_assert_eq(n, 0);
		sluice_reader_close(r);
	}
	fixture_remove(path);
}

Test(open, empty_memory_has_no_records)
{
	sluice_reader *r = NULL;
	cr_assert_eq(sluice_reader_open_memory(&r, "", 0, NULL, NULL, NULL), SLUICE_OK);
	sluice_row row;
	cr_assert_eq(sluice_reader_next(r, &row), SLUICE_END);
	sluice_reader_close(r);
}

/* Opens a header-only file, with and without its final line break. */
static void header_only(const char *csv)
{
	char *path = fixture_write(csv, strlen(csv));
	sluice_reader *r = NULL;
	cr_assert_eq(sluice_reader_open(&r, path, NULL, NULL), SLUICE_OK);
	cr_assert_eq(sluice_reader_column_count(r), 3);
	static const char *const names[] = { "a", "b", "c d" };
	for (size_t i = 0; i < 3; i++) {
		size_t len = 0;
		const char *name = sluice_reader_column_name(r, i, &len);
		cr_assert_not_null(name);
		cr_assert_eq(len, strlen(names[i]));
		cr_assert_arr_eq(name, names[i], len);
	}
	sluice_row row;
	cr_assert_eq(sluice_reader_next(r, &row), SLUICE_END);
	sluice_reader_close(r);

	cr_assert_eq(sluice_reader_open(&r, path, NULL, NULL), SLUICE_OK);
	uint64_t n = 99;
	cr_assert_eq(sluice_reader_count_records(r, &n), SLUICE_OK);
	cr_assert_eq(n, 0);
	sluice_reader_close(r);
	fixture_remove(path);
}

Test(open, header_only_file)
{
	header_only("a,b,c d\n");
	header_only("a,b,c d");
	header_only("a,\"b\",c d\r\n");
}

Test(open, reads_a_file)
{
	const char *csv = "x,y\n1,2\n3,4\n";
	char *path = fixture_write(csv, strlen(csv));
	sluice_reader *r = NULL;
	sluice_error err;
	cr_assert_eq(sluice_reader_open(&r, path, NULL, &err), SLUICE_OK);
	cr_assert_eq(sluice_reader_error(r)->status, SLUICE_OK);
	sluice_row row;
	char buf[16];
	fixture_next(r, &row);
	cr_assert_str_eq(fixture_value(r, &row, 1, buf, sizeof buf), "2");
	fixture_next(r, &row);
	cr_assert_str_eq(fixture_value(r, &row, 0, buf, sizeof buf), "3");
	cr_assert_eq(sluice_reader_next(r, &row), SLUICE_END);
	cr_assert_eq(sluice_reader_stats(r)->records, 2);
	sluice_reader_close(r);
	fixture_remove(path);
}

Test(open, bom_is_skipped)
{
	const char csv[] = "\xEF\xBB\xBFid,name\n1,\xEF\xBB\xBFx\n";
	char *path = fixture_write(csv, sizeof csv - 1);
	sluice_reader *r = NULL;
	cr_assert_eq(sluice_reader_open(&r, path, NULL, NULL), SLUICE_OK);
	cr_assert_eq(sluice_reader_column_count(r), 2);
	size_t len = 0;
	const char *name = sluice_reader_column_name(r, 0, &len);
	cr_assert_eq(len, 2);
	cr_assert_arr_eq(name, "id", 2);
	cr_assert_eq(sluice_reader_column_index(r, "id", 2), 0);
	sluice_row row;
	char buf[16];
	fixture_next(r, &row);
	cr_assert_str_eq(fixture_value(r, &row, 0, buf, sizeof buf), "1");
	/* only at offset 0: inside a field it is data */
	cr_assert_str_eq(fixture_value(r, &row, 1, buf, sizeof buf), "\xEF\xBB\xBFx");
	cr_assert_eq(row.line, 2);
	sluice_reader_close(r);
	fixture_remove(path);

	/* without a header, the first record's first field has no BOM either */
	sluice_options o = fixture_options();
	o.dialect.header = false;
	r = fixture_open(csv, &o);
	fixture_next(r, &row);
	cr_assert_str_eq(fixture_value(r, &row, 0, buf, sizeof buf), "id");
	cr_assert_eq(row.line, 1);
	sluice_reader_close(r);

	/* a BOM alone is an empty input */
	r = fixture_open("\xEF\xBB\xBF", &o);
	cr_assert_eq(sluice_reader_next(r, &row), SLUICE_END);
	sluice_reader_close(r);
}

Test(open, memory_name_labels_errors)
{
	sluice_options o = fixture_options();
	o.dialect.header = false;
	o.dialect.strict = true;
	const char *csv = "a\"b\n";
	sluice_reader *r = NULL;
	cr_assert_eq(sluice_reader_open_memory(&r, csv, strlen(csv), NULL, &o, NULL), SLUICE_OK);
	sluice_row row;
	cr_assert_eq(sluice_reader_next(r, &row), SLUICE_ERR_QUOTE);
	cr_assert_str_eq(sluice_reader_error(r)->file, "<memory>");
	sluice_reader_close(r);

	cr_assert_eq(sluice_reader_open_memory(&r, csv, strlen(csv), "input.csv", &o, NULL), SLUICE_OK);
	cr_assert_eq(sluice_reader_next(r, &row), SLUICE_ERR_QUOTE);
	cr_assert_str_eq(sluice_reader_error(r)->file, "input.csv");
	sluice_reader_close(r);
}

Test(open, file_errors_name_the_path)
{
	const char *csv = "a,b\n1,\"2\"x\n";
	char *path = fixture_write(csv, strlen(csv));
	sluice_options o = fixture_options();
	o.dialect.strict = true;
	sluice_reader *r = NULL;
	cr_assert_eq(sluice_reader_open(&r, path, &o, NULL), SLUICE_OK);
	sluice_row row;
	cr_assert_eq(sluice_reader_next(r, &row), SLUICE_ERR_QUOTE);
	const sluice_error *e = sluice_reader_error(r);
	cr_assert_str_eq(e->file, path);
	cr_assert_eq(e->line, 2);
	cr_assert_eq(e->column, 2);
	cr_assert_eq(e->offset, 9);
	sluice_reader_close(r);
	fixture_remove(path);
}

Test(open, reports_the_kernel_and_dialect)
{
	sluice_options o = fixture_options();
	o.dialect.delimiter = ';';
	o.dialect.escape = '\\';
	sluice_reader *r = fixture_open("a;b\n", &o);
	cr_assert_eq(sluice_reader_kernel(r), sluice_kernel_best());
	const sluice_dialect *d = sluice_reader_dialect(r);
	cr_assert_not_null(d);
	cr_assert_eq(d->delimiter, ';');
	cr_assert_eq(d->escape, '\\');
	cr_assert_eq(d->quote, '"');
	sluice_reader_close(r);

	o.kernel = SLUICE_KERNEL_SCALAR;
	r = fixture_open("a;b\n", &o);
	cr_assert_eq(sluice_reader_kernel(r), SLUICE_KERNEL_SCALAR);
	sluice_reader_close(r);
}
