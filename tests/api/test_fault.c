/* test_fault.c - a file truncated by another process while mapped gives SLUICE_ERR_FAULT, no crash. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fixture.h"

/* About 4 MB of records. */
static char *big_csv(size_t *len)
{
	size_t rows = 100000, cap = rows * 48 + 64, at = 0;
	char *buf = malloc(cap);
	cr_assert_not_null(buf);
	at += (size_t)snprintf(buf, cap, "id,text,n\n");
	for (size_t i = 0; i < rows; i++)
		at += (size_t)snprintf(buf + at, cap - at, "%zu,\"row, number %zu\",%zu\n", i, i, i * 7);
	*len = at;
	return buf;
}

/* Truncates path to len bytes from a child process, as another program would. */
static void truncate_from_another_process(const char *path, off_t len)
{
	pid_t pid = fork();
	cr_assert(pid >= 0);
	if (pid == 0)
		_exit(truncate(path, len) == 0 ? 0 : 1);
	int st;
	cr_assert_eq(waitpid(pid, &st, 0), pid);
	cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

Test(fault, reader_reports_a_file_that_shrinks)
{
	size_t len;
	char *csv = big_csv(&len);
	char *path = fixture_write(csv, len);
	cr_assert_eq(sluice_fault_guard_install(NULL), 0);
	sluice_options o = fixture_options();
	o.window_size = 4096;
	sluice_reader *r;
	sluice_error err;
	cr_assert_eq(sluice_reader_open(&r, path, &o, &err), SLUICE_OK);
	sluice_row row;
	for (int i = 0; i < 10; i++)
		cr_assert_eq(sluice_reader_next(r, &row), SLUICE_OK);
	truncate_from_another_process(path, 8192);
	int rc;
	uint64_t n = 0;
	while ((rc = sluice_reader_next(r, &row)) == SLUICE_OK)
		n++;
	cr_assert_eq(rc, SLUICE_ERR_FAULT, "got %s after %llu more records", sluice_status_name(rc), (unsigned long long)n);
	const sluice_error *e = sluice_reader_error(r);
	cr_assert_str_eq(e->file, path);
	cr_assert(e->offset >= 8192, "offset %llu", (unsigned long long)e->offset);
	cr_assert(strstr(e->message, "shrank") != NULL, "%s", e->message);
	/* the error is sticky, and close is safe */
	cr_assert_eq(sluice_reader_next(r, &row), SLUICE_ERR_FAULT);
	sluice_reader_close(r);
	fixture_remove(path);
	free(csv);
}

Test(fault, count_and_query_report_a_file_that_shrinks)
{
	size_t len;
	char *csv = big_csv(&len);
	char *path = fixture_write(csv, len);
	cr_assert_eq(sluice_fault_guard_install(NULL), 0);
	sluice_reader *r;
	sluice_error err;
	cr_assert_eq(sluice_reader_open(&r, path, NULL, &err), SLUICE_OK);
	truncate_from_another_process(path, 4096);
	uint64_t n;
	cr_assert_eq(sluice_reader_count_records(r, &n), SLUICE_ERR_FAULT);
	sluice_reader_close(r);

	/* a query: opened (types sampled) before the truncation, read after it */
	fixture_remove(path);
	path = fixture_write(csv, len);
	char sql[512];
	snprintf(sql, sizeof sql, "SELECT sum(n) FROM '%s' WHERE text LIKE '%%number 9%%'", path);
	sluice_query *q;
	cr_assert_eq(sluice_query_open(&q, sql, NULL, &err), SLUICE_OK, "%s", err.message);
	truncate_from_another_process(path, 4096);
	const sluice_value *row;
	cr_assert_eq(sluice_query_next(q, &row), SLUICE_ERR_FAULT);
	cr_assert_eq(sluice_query_error(q)->status, SLUICE_ERR_FAULT);
	sluice_query_close(q);
	fixture_remove(path);
	free(csv);
}
