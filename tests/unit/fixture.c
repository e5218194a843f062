/* fixture.c - temporary files and readers over literal CSV for the unit tests. */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE 1 /* mkstemps */
#endif

#include "fixture.h"

#include <criterion/criterion.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

char *fixture_write(const void *bytes, size_t len)
{
	const char *dir = getenv("TMPDIR");
	if (dir == NULL || *dir == '\0')
		dir = "/tmp";
	size_t n = strlen(dir) + sizeof "/sluice-unit-XXXXXX.csv";
	char *path = malloc(n);
	cr_assert_not_null(path);
	snprintf(path, n, "%s/sluice-unit-XXXXXX.csv", dir);
	int fd = mkstemps(path, 4);
	cr_assert_geq(fd, 0, "mkstemps(%s): %s", path, strerror(errno));
	const char *p = bytes;
	while (len) {
		ssize_t w = write(fd, p, len);
		cr_assert_gt(w, 0, "write(%s): %s", path, strerror(errno));
		p += w;
		len -= (size_t)w;
	}
	cr_assert_eq(close(fd), 0);
	return path;
}

void fixture_remove(char *path)
{
	if (path == NULL)
		return;
	unlink(path);
	free(path);
}

sluice_options fixture_options(void)
{
	sluice_options o;
	sluice_options_init(&o);
	return o;
}

sluice_reader *fixture_open(const char *csv, const sluice_options *opts)
{
	sluice_reader *r = NULL;
	sluice_error err;
	memset(&err, 0, sizeof err);
	int rc = sluice_reader_open_memory(&r, csv, strlen(csv), NULL, opts, &err);
	cr_assert_eq(rc, SLUICE_OK, "open: %s (%s)", sluice_status_name(rc), err.message);
	cr_assert_not_null(r);
	return r;
}

void fixture_next(sluice_reader *r, sluice_row *row)
{
	int rc = sluice_reader_next(r, row);
	cr_assert_eq(rc, SLUICE_OK, "next: %s (%s)", sluice_status_name(rc), sluice_reader_error(r)->message);
}

const char *fixture_value(const sluice_reader *r, const sluice_row *row, size_t i, char *buf, size_t cap)
{
	cr_assert_lt(i, row->nfields, "field %zu of a record with %zu fields", i, row->nfields);
	const sluice_field *f = &row->fields[i];
	cr_assert_lt(f->len, cap, "field %zu is %zu bytes long", i, f->len);
	size_t n = sluice_field_unescape(sluice_reader_dialect(r), f, buf, cap - 1);
	buf[n] = '\0';
	return buf;
}

char *fixture_query_rows(const char *sql_fmt, const char *path, const sluice_query_options *qo,
                         sluice_exec_stats *stats)
{
	char sql[512];
	snprintf(sql, sizeof sql, sql_fmt, path);
	sluice_query *q;
	sluice_error err;
	int rc = sluice_query_open(&q, sql, qo, &err);
	cr_assert_eq(rc, SLUICE_OK, "%s: %s", sql, err.message);
	size_t cap = 1 << 16, at = 0;
	char *out = malloc(cap);
	cr_assert_not_null(out);
	const sluice_value *row;
	while ((rc = sluice_query_next(q, &row)) == SLUICE_OK) {
		for (size_t i = 0; i <= sluice_query_column_count(q); i++) {
			char v[1024] = "\n";
			if (i < sluice_query_column_count(q)) {
				sluice_value_format(&row[i], v, sizeof v - 1);
				if (row[i].null)
					strcpy(v, "NULL");
				strcat(v, "|");
			}
			const size_t n = strlen(v);
			if (at + n + 1 > cap) {
				cap = 2 * (at + n + 1);
				out = realloc(out, cap);
				cr_assert_not_null(out);
			}
			memcpy(out + at, v, n);
			at += n;
		}
	}
	out[at] = '\0';
	cr_assert_eq(rc, SLUICE_END, "%s: %s", sql, sluice_query_error(q)->message);
	if (stats)
		*stats = *sluice_query_stats(q);
	sluice_query_close(q);
	return out;
}
