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
