/* test_parallel.c - parallel scans split at every byte give the single-thread answers. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "scan/parallel.h"
#include "scan/scan.h"

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
	int rc = sluice_file_count_records(path, &o, &n, &err);
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
	sluice_query_options qo;
	sluice_query_options_init(&qo);
	qo.reader.threads = nsplits ? 4 : 1;
	qo.reader.split_offsets = splits;
	qo.reader.nsplits = nsplits;
	char *rows = fixture_query_rows(sql_fmt, path, &qo, NULL);
	cr_assert_lt(strlen(rows), cap);
	strcpy(out, rows);
	free(rows);
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

/* More pieces than threads: the threads take them in turn, the pieces that end early wait to be
 * checked and merged in file order, and wrong guesses are read again. */
Test(parallel, pieces_outnumber_threads)
{
	char *path = fixture_write(awkward, sizeof awkward - 1);
	const char *sql = "SELECT count(*), sum(amount), min(name), max(name), count(DISTINCT name) FROM '%s'";
	const char *grouped = "SELECT amount > 30 AS big, count(*), sum(id) FROM '%s' GROUP BY big ORDER BY big";
	char want[1024], want_g[1024];
	run_query(sql, path, NULL, 0, want, sizeof want);
	run_query(grouped, path, NULL, 0, want_g, sizeof want_g);
	sluice_options o = fixture_options();
	for (uint64_t at = 0; at <= sizeof awkward; at++) {
		uint64_t splits[7] = {at, at + 3, at + 7, at + 12, at + 18, at + 25, at + 33};
		/* strict: a piece read from a wrong guess fails, so only the check of its start can save it
		 * (lenient reading would repair it and count the file again on one thread) */
		for (unsigned threads = 1; threads <= 3; threads++) {
			o.threads = threads;
			o.dialect.strict = threads != 3;
			o.split_offsets = splits;
			o.nsplits = 7;
			uint64_t n = 0;
			sluice_error err;
			cr_assert_eq(sluice_file_count_records(path, &o, &n, &err), SLUICE_OK, "%s", err.message);
			cr_assert_eq(n, 7, "splits from %llu on %u threads", (unsigned long long)at, threads);
		}
		sluice_query_options qo;
		sluice_query_options_init(&qo);
		qo.reader.threads = 2;
		qo.reader.split_offsets = splits;
		qo.reader.nsplits = 7;
		char *rows = fixture_query_rows(sql, path, &qo, NULL);
		cr_assert_str_eq(rows, want, "splits from %llu", (unsigned long long)at);
		free(rows);
		rows = fixture_query_rows(grouped, path, &qo, NULL);
		cr_assert_str_eq(rows, want_g, "splits from %llu", (unsigned long long)at);
		free(rows);
	}
	fixture_remove(path);
}

/* Without the test hook a file is cut into pieces that shrink toward its end, each starting at a
 * line start, together covering it; counts and aggregates over them equal one thread's. */
Test(parallel, pieces_shrink_toward_the_end)
{
	const size_t n = 1000000;
	char *text = malloc(n * 48 + 32);
	size_t len = (size_t)sprintf(text, "id,label,amount\n");
	for (size_t i = 0; i < n; i++)
		len += (size_t)sprintf(text + len, i % 89 ? "%zu,row %zu,%zu\n" : "%zu,\"quoted\nrow %zu\",%zu\n", i, i,
		                       i % 1000);
	cr_assert_gt(len, 8 * SLUICE_PIECE_MIN);
	char *path = fixture_write(text, len);
	sluice_options o = fixture_options();
	sluice_reader *r;
	sluice_error err;
	cr_assert_eq(sluice_reader_open(&r, path, &o, &err), SLUICE_OK, "%s", err.message);
	sluice_row row;
	cr_assert_eq(sluice_reader_next(r, &row), SLUICE_OK); /* past the header: the split starts there */
	uint64_t starts[257];
	const size_t k = sluice_plan_pieces(r, &o, 2, starts, 256);
	const uint64_t first = sluice_reader_position(r);
	sluice_reader_close(r);
	cr_assert_gt(k, 4, "%zu pieces", k);
	cr_assert_eq(starts[0], first);
	cr_assert_eq(starts[k], UINT64_MAX);
	for (size_t i = 1; i < k; i++) {
		cr_assert_gt(starts[i], starts[i - 1]);
		cr_assert_eq(text[starts[i] - 1], '\n', "piece %zu starts after a line end", i);
		const uint64_t size = starts[i] - starts[i - 1], rest = len - starts[i - 1];
		/* a quarter of what is left (two threads), moved on to the next line end */
		cr_assert_geq(size, rest / 4 > SLUICE_PIECE_MIN ? rest / 4 : SLUICE_PIECE_MIN, "piece %zu", i - 1);
		cr_assert_lt(size, (rest / 4 > SLUICE_PIECE_MIN ? rest / 4 : SLUICE_PIECE_MIN) + 64, "piece %zu", i - 1);
	}
	cr_assert_lt(len - starts[k - 1], 2 * SLUICE_PIECE_MIN, "the last piece takes what is left");

	uint64_t one = 0, two = 0;
	o.threads = 1;
	cr_assert_eq(sluice_file_count_records(path, &o, &one, &err), SLUICE_OK, "%s", err.message);
	o.threads = 2;
	cr_assert_eq(sluice_file_count_records(path, &o, &two, &err), SLUICE_OK, "%s", err.message);
	cr_assert_eq(one, n);
	cr_assert_eq(two, n);
	const char *sql = "SELECT count(*), sum(amount), min(label), max(id) FROM '%s'";
	sluice_query_options qo;
	sluice_query_options_init(&qo);
	qo.reader.threads = 1;
	char *want = fixture_query_rows(sql, path, &qo, NULL);
	qo.reader.threads = 2;
	char *got = fixture_query_rows(sql, path, &qo, NULL);
	cr_assert_str_eq(got, want);
	char expect[128];
	snprintf(expect, sizeof expect, "%zu|%zu|quoted\nrow 0|%zu|\n", n, (size_t)(n / 1000) * 499500, n - 1);
	cr_assert_str_eq(want, expect);
	free(want);
	free(got);
	fixture_remove(path);
	free(text);
}

/* Queries that print rows: the ranges' rows come back in file order, whatever the guesses. */
Test(parallel, rows_split_at_every_byte)
{
	char *path = fixture_write(awkward, sizeof awkward - 1);
	const char *all = "SELECT id, name, amount FROM '%s'";
	const char *some = "SELECT name || '!' AS n, id FROM '%s' WHERE amount > 15 AND amount <> 50";
	char want[1024], got[1024], want_s[1024], got_s[1024];
	run_query(all, path, NULL, 0, want, sizeof want);
	run_query(some, path, NULL, 0, want_s, sizeof want_s);
	cr_assert_str_eq(want_s, "say \"hi\"!|2|\nx\r\ny!|3|\nNULL|4|\nc,d!|6|\nplain!|7|\n");
	for (uint64_t at = 0; at <= sizeof awkward; at++) {
		for (uint64_t gap = 1; gap < 30; gap += 4) {
			uint64_t splits[3] = {at, at + gap, at + 2 * gap + 3};
			run_query(all, path, splits, 3, got, sizeof got);
			cr_assert_str_eq(got, want, "splits at %llu +%llu", (unsigned long long)at, (unsigned long long)gap);
			run_query(some, path, splits, 3, got_s, sizeof got_s);
			cr_assert_str_eq(got_s, want_s, "splits at %llu +%llu", (unsigned long long)at,
			                 (unsigned long long)gap);
		}
	}
	fixture_remove(path);
}

/* Many rows per range: the queues fill and drain (their bound is smaller than a range's rows). */
Test(parallel, rows_of_large_ranges_keep_their_order)
{
	const size_t n = 1200000; /* about 20 MiB of result rows a range: more than a queue holds */
	char *text = malloc(n * 40 + 32);
	size_t len = (size_t)sprintf(text, "id,label\n");
	for (size_t i = 0; i < n; i++)
		len += (size_t)sprintf(text + len, i % 97 ? "%zu,row %zu\n" : "%zu,\"quoted\nrow %zu\"\n", i, i);
	char *path = fixture_write(text, len);
	char sql[512];
	snprintf(sql, sizeof sql, "SELECT id, label FROM '%s'", path);
	sluice_query_options qo;
	sluice_query_options_init(&qo);
	qo.reader.threads = 4;
	uint64_t splits[3] = {len / 4, len / 2, len / 4 * 3};
	qo.reader.split_offsets = splits;
	qo.reader.nsplits = 3;
	sluice_query *q;
	sluice_error err;
	cr_assert_eq(sluice_query_open(&q, sql, &qo, &err), SLUICE_OK, "%s", err.message);
	const sluice_value *row;
	size_t i = 0;
	int rc;
	char want[64];
	while ((rc = sluice_query_next(q, &row)) == SLUICE_OK) {
		cr_assert_eq(row[0].u.i, (int64_t)i, "row %zu has id %lld", i, (long long)row[0].u.i);
		int wl = snprintf(want, sizeof want, i % 97 ? "row %zu" : "quoted\nrow %zu", i);
		cr_assert_eq(row[1].u.s.len, (size_t)wl);
		cr_assert(memcmp(row[1].u.s.ptr, want, (size_t)wl) == 0, "row %zu", i);
		i++;
	}
	cr_assert_eq(rc, SLUICE_END, "%s", sluice_query_error(q)->message);
	cr_assert_eq(i, n);
	sluice_query_close(q);

	/* closing in the middle stops the threads */
	cr_assert_eq(sluice_query_open(&q, sql, &qo, &err), SLUICE_OK, "%s", err.message);
	for (size_t k = 0; k < 1000; k++)
		cr_assert_eq(sluice_query_next(q, &row), SLUICE_OK);
	sluice_query_close(q);
	fixture_remove(path);
	free(text);
}
