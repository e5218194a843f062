/* test_parallel.c - parallel scans split at every byte give the single-thread answers. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"

/* Records with everything a split can land in: quoted line breaks (LF and CRLF), doubled quotes,
 * CRLF record ends, empty fields, a quoted delimiter. */
static const char awkward[] =
	"id,name,amount\r\n"
	"1,\"a\nb\",10\r\n"
	"2,\"say \"\"hi\"\"\",20\n"
	"3,\"x\r\ny\",30\r\n"
	"4,,40\n"
	"5,\"\"\"\",50\r\n"
	"6,\"c,d\",60\n"
	"7,plain,70\n";

static uint64_t count_with_split(const char *path, uint64_t at, unsigned threads)
{
	sluice_options o = fixture_options();
	o.threads = threads;
	uint64_t splits[1] = {at};
	o.split_offsets = splits;
	o.nsplits = threads > 1 ? 1 : 0;
	uint64_t n = 0;
	sluice_error err;
	int rc = sluice_count_file(path, &o, &n, &err);
	cr_assert_eq(rc, SLUICE_OK, "split at %llu: %s", (unsigned long long)at, err.message);
	return n;
}

Test(parallel, count_split_at_every_byte)
{
	char *path = fixture_write(awkward, sizeof awkward - 1);
	uint64_t want = count_with_split(path, 0, 1);
	cr_assert_eq(want, 7);
	for (uint64_t at = 0; at <= sizeof awkward; at++)
		cr_assert_eq(count_with_split(path, at, 2), want, "split at byte %llu", (unsigned long long)at);
	fixture_remove(path);
}

/* The result of an aggregate query as one string. */
static void run_query(const char *sql_fmt, const char *path, const uint64_t *splits, size_t nsplits, char *out,
                      size_t cap)
{
	char sql[512];
	snprintf(sql, sizeof sql, sql_fmt, path);
	sluice_query_options qo;
	sluice_query_options_init(&qo);
	qo.reader.threads = nsplits ? 4 : 1;
	qo.reader.split_offsets = splits;
	qo.reader.nsplits = nsplits;
	sluice_query *q;
	sluice_error err;
	int rc = sluice_query_open(&q, sql, &qo, &err);
	cr_assert_eq(rc, SLUICE_OK, "%s: %s", sql, err.message);
	const sluice_value *row;
	size_t at = 0;
	while ((rc = sluice_query_next(q, &row)) == SLUICE_OK) {
		for (size_t i = 0; i < sluice_query_column_count(q); i++) {
			char v[64];
			sluice_value_format(&row[i], v, sizeof v);
			at += (size_t)snprintf(out + at, cap - at, "%s|", row[i].null ? "NULL" : v);
		}
		at += (size_t)snprintf(out + at, cap - at, "\n");
	}
	cr_assert_eq(rc, SLUICE_END, "%s", sluice_query_error(q)->message);
	sluice_query_close(q);
}

Test(parallel, aggregates_split_at_every_byte)
{
	char *path = fixture_write(awkward, sizeof awkward - 1);
	const char *sql = "SELECT count(*), sum(amount), min(name), max(name), count(DISTINCT name) FROM '%s'";
	const char *grouped = "SELECT amount > 30 AS big, count(*), sum(id) FROM '%s' GROUP BY big ORDER BY big";
	char want[1024], got[1024], want_g[1024], got_g[1024];
	run_query(sql, path, NULL, 0, want, sizeof want);
	run_query(grouped, path, NULL, 0, want_g, sizeof want_g);
	cr_assert_str_eq(want, "7|280|\"|x\r\ny|6|\n"); /* the empty name is NULL */
	for (uint64_t at = 0; at <= sizeof awkward; at++) {
		uint64_t splits[3] = {at, at + 7, at + 23};
		run_query(sql, path, splits, 3, got, sizeof got);
		cr_assert_str_eq(got, want, "splits at %llu", (unsigned long long)at);
		run_query(grouped, path, splits, 3, got_g, sizeof got_g);
		cr_assert_str_eq(got_g, want_g, "splits at %llu", (unsigned long long)at);
	}
	fixture_remove(path);
}
