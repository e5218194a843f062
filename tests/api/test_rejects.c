/* test_rejects.c - diverted records (sluice_options.reject) against lenient reading, and max_record_size in counts. */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"

#define MAX_RECS 4096

/* What a reject callback saw, in the order it saw it. */
typedef struct rejected {
	size_t n;
	const char *base;          /* the input, for memory readers: record must point into it */
	uint64_t offset[MAX_RECS];
	uint64_t line[MAX_RECS];
	uint64_t column[MAX_RECS];
	uint64_t length[MAX_RECS];
	int status[MAX_RECS];
	char reason[64];           /* the first reason */
} rejected;

static void collect(void *user, const sluice_reject *rj)
{
	rejected *c = user;
	cr_assert_lt(c->n, MAX_RECS);
	cr_assert_not_null(rj->reason);
	cr_assert_gt(strlen(rj->reason), 0);
	cr_assert_not_null(rj->file);
	cr_assert_geq(rj->column, 1);
	if (c->base)
		cr_assert_eq(rj->record, c->base + rj->offset, "the record's bytes are the input's");
	if (c->n == 0)
		snprintf(c->reason, sizeof c->reason, "%s", rj->reason);
	c->offset[c->n] = rj->offset;
	c->line[c->n] = rj->line;
	c->column[c->n] = rj->column;
	c->length[c->n] = rj->length;
	c->status[c->n] = rj->status;
	c->n++;
}

/* Records as a reader hands them out. */
typedef struct records {
	size_t n;
	uint64_t offset[MAX_RECS];
	uint64_t line[MAX_RECS];
	size_t nfields[MAX_RECS];
	uint64_t hash[MAX_RECS];   /* of the unescaped values */
} records;

static uint64_t hash_row(const sluice_reader *r, const sluice_row *row)
{
	uint64_t h = 1469598103934665603ULL;
	char buf[4096];
	for (size_t i = 0; i < row->nfields; i++) {
		size_t n = sluice_field_unescape(sluice_reader_dialect(r), &row->fields[i], buf, sizeof buf);
		for (size_t k = 0; k < n; k++)
			h = (h ^ (uint8_t)buf[k]) * 1099511628211ULL;
		h = (h ^ 0x100) * 1099511628211ULL;
	}
	return h;
}

/* Reads all of csv with o; returns the status that ended it. */
static int read_all(const char *csv, size_t len, const sluice_options *o, records *out)
{
	sluice_reader *r;
	sluice_error err;
	int rc = sluice_reader_open_memory(&r, csv, len, NULL, o, &err);
	cr_assert_eq(rc, SLUICE_OK, "open: %s", err.message);
	sluice_row row;
	out->n = 0;
	while ((rc = sluice_reader_next(r, &row)) == SLUICE_OK) {
		cr_assert_lt(out->n, MAX_RECS);
		out->offset[out->n] = row.offset;
		out->line[out->n] = row.line;
		out->nfields[out->n] = row.nfields;
		out->hash[out->n] = hash_row(r, &row);
		out->n++;
	}
	sluice_reader_close(r);
	return rc;
}

/* The span of lenient record i ends with its line end (if any): what a reject's record leaves out. */
static bool is_line_end(const char *p, size_t n, bool last)
{
	if (n == 0)
		return last;
	if (n == 1)
		return p[0] == '\n' || p[0] == '\r';
	return n == 2 && p[0] == '\r' && p[1] == '\n';
}

/* Strict reading with a reject callback hands out exactly the records of lenient reading that are
 * well formed, diverts the others with lenient reading's extent and line, and counts agree, on
 * one thread and on several. */
static void check_against_lenient(const char *csv, size_t len, sluice_kernel k, size_t window, bool parallel)
{
	sluice_options lo = fixture_options();
	lo.dialect.header = false;
	lo.kernel = k;
	lo.window_size = window;
	records *lenient = calloc(1, sizeof *lenient);
	records *kept = calloc(1, sizeof *kept);
	rejected *div = calloc(1, sizeof *div);
	rejected *div2 = calloc(1, sizeof *div2);
	cr_assert(lenient && kept && div && div2);
	cr_assert_eq(read_all(csv, len, &lo, lenient), SLUICE_END);

	sluice_options so = lo;
	so.dialect.strict = true;
	so.reject = collect;
	so.reject_user = div;
	div->base = csv;
	cr_assert_eq(read_all(csv, len, &so, kept), SLUICE_END, "strict with rejects reads to the end");

	/* the kept and the diverted records are the lenient ones, in order, none twice */
	size_t ik = 0, id = 0;
	for (size_t i = 0; i < lenient->n; i++) {
		const uint64_t off = lenient->offset[i];
		if (ik < kept->n && kept->offset[ik] == off) {
			cr_assert_eq(kept->line[ik], lenient->line[i]);
			cr_assert_eq(kept->nfields[ik], lenient->nfields[i]);
			cr_assert_eq(kept->hash[ik], lenient->hash[i], "record at %llu", (unsigned long long)off);
			cr_assert(id >= div->n || div->offset[id] != off, "kept and diverted");
			ik++;
		} else {
			cr_assert_lt(id, div->n, "lenient record at %llu is neither kept nor diverted",
			             (unsigned long long)off);
			cr_assert_eq(div->offset[id], off, "diverted at %llu, want %llu", (unsigned long long)div->offset[id],
			             (unsigned long long)off);
			cr_assert_eq(div->line[id], lenient->line[i], "line of the reject at %llu", (unsigned long long)off);
			cr_assert_eq(div->status[id], SLUICE_ERR_QUOTE);
			const uint64_t next = i + 1 < lenient->n ? lenient->offset[i + 1] : len;
			const uint64_t end = off + div->length[id];
			cr_assert_leq(end, next);
			cr_assert(is_line_end(csv + end, (size_t)(next - end), i + 1 == lenient->n),
			          "the reject at %llu leaves out %llu bytes", (unsigned long long)off,
			          (unsigned long long)(next - end));
			id++;
		}
	}
	cr_assert_eq(ik, kept->n, "strict reading handed out a record lenient reading does not have");
	cr_assert_eq(id, div->n, "a reject that lenient reading does not have");

	/* count: the kept records, the same rejects */
	sluice_reader *r;
	sluice_options co = so;
	co.reject_user = div2;
	div2->base = csv;
	cr_assert_eq(sluice_reader_open_memory(&r, csv, len, NULL, &co, NULL), SLUICE_OK);
	uint64_t n = 0;
	cr_assert_eq(sluice_reader_count_records(r, &n), SLUICE_OK, "%s", sluice_reader_error(r)->message);
	sluice_reader_close(r);
	cr_assert_eq(n, kept->n);
	cr_assert_eq(n + div2->n, lenient->n, "count + diverted = lenient count");
	cr_assert_eq(div2->n, div->n);
	for (size_t i = 0; i < div->n; i++) {
		cr_assert_eq(div2->offset[i], div->offset[i]);
		cr_assert_eq(div2->line[i], div->line[i]);
		cr_assert_eq(div2->column[i], div->column[i]);
		cr_assert_eq(div2->length[i], div->length[i]);
	}

	if (parallel) {
		/* split in several places: the same count, the same rejects in file order */
		char *path = fixture_write(csv, len);
		uint64_t splits[5] = {len / 6, len / 3, len / 2, 2 * len / 3, 5 * len / 6};
		co.threads = 4;
		co.split_offsets = splits;
		co.nsplits = 5;
		memset(div2, 0, sizeof *div2);
		sluice_error err;
		cr_assert_eq(sluice_file_count_records(path, &co, &n, &err), SLUICE_OK, "%s", err.message);
		cr_assert_eq(n, kept->n);
		cr_assert_eq(div2->n, div->n);
		for (size_t i = 0; i < div->n; i++) {
			cr_assert_eq(div2->offset[i], div->offset[i]);
			cr_assert_eq(div2->line[i], div->line[i]);
			cr_assert_eq(div2->length[i], div->length[i]);
		}
		fixture_remove(path);
	}
	free(lenient);
	free(kept);
	free(div);
	free(div2);
}

static void check_every_kernel(const char *csv, bool parallel)
{
	for (int k = SLUICE_KERNEL_SCALAR; k < SLUICE_KERNEL_COUNT; k++) {
		if (!sluice_kernel_supported((sluice_kernel)k))
			continue;
		check_against_lenient(csv, strlen(csv), (sluice_kernel)k, 64, parallel);
		check_against_lenient(csv, strlen(csv), (sluice_kernel)k, 256 * 1024, false);
	}
}

Test(rejects, each_kind_of_quoting_error)
{
	check_every_kernel("a,b\n1,x\"y\n2,ok\n", true);                 /* bare quote */
	check_every_kernel("a,b\n1,\"x\"y\n2,ok\n", true);               /* text after a closing quote */
	check_every_kernel("a,b\n1,ok\n2,\"open\n3,x\n", true);          /* unterminated: runs to the end */
	check_every_kernel("a,b\r1,x\"y\r2,ok\r", true);                 /* lone CR line ends */
	check_every_kernel("a,b\r\n1,\"x\"y\r\n\r\n2,ok", true);         /* CRLF, an empty line, no final line end */
	check_every_kernel("\"x\"y\n\"a\nb\"c,d\n3,\"\"\"\"\n", true);   /* the first record, a quoted line break */
}

/* A fixed-seed generator of short malformed CSV: quotes, delimiters and line ends in any order. */
static uint64_t rng_state = 0x9E3779B97F4A7C15ULL;

static unsigned rnd(unsigned n)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (unsigned)(rng_state % n);
}

Test(rejects, random_inputs_match_lenient_reading)
{
	static const char alphabet[] = "aaaaaabbbc,,,,\"\"\n\n\r ";
	char csv[3001];
	for (int iter = 0; iter < 400; iter++) {
		size_t len = 1 + rnd(iter % 4 == 0 ? 3000 : 300);
		for (size_t i = 0; i < len; i++) {
			char c = alphabet[rnd(sizeof alphabet - 1)];
			csv[i] = c;
		}
		csv[len] = '\0';
		check_every_kernel(csv, iter % 8 == 0);
	}
}

Test(rejects, ragged_records)
{
	const char csv[] = "a,b,c\n1,2,3\n4,5\n6,7,8,9\n10,11,12\n";
	sluice_options o = fixture_options();
	o.ragged = SLUICE_RAGGED_ERROR;
	rejected *div = calloc(1, sizeof *div);
	div->base = csv;
	o.reject = collect;
	o.reject_user = div;
	sluice_reader *r = fixture_open(csv, &o);
	sluice_row row;
	char buf[16];
	fixture_next(r, &row);
	cr_assert_str_eq(fixture_value(r, &row, 0, buf, sizeof buf), "1");
	cr_assert_eq(row.index, 0);
	fixture_next(r, &row);
	cr_assert_str_eq(fixture_value(r, &row, 0, buf, sizeof buf), "10");
	cr_assert_eq(row.index, 1, "a diverted record takes no index");
	cr_assert_eq(row.line, 5);
	cr_assert_eq(sluice_reader_next(r, &row), SLUICE_END);
	cr_assert_eq(sluice_reader_stats(r)->records, 2);
	sluice_reader_close(r);
	cr_assert_eq(div->n, 2);
	cr_assert_eq(div->status[0], SLUICE_ERR_RAGGED);
	cr_assert_eq(div->offset[0], 12);
	cr_assert_eq(div->line[0], 3);
	cr_assert_eq(div->column[0], 3);
	cr_assert_eq(div->length[0], 3);
	cr_assert_str_eq(div->reason, "record has 2 fields, expected 3");
	cr_assert_eq(div->offset[1], 16);
	cr_assert_eq(div->column[1], 4);
	cr_assert_eq(div->length[1], 7);

	/* count reads the records to check their width, and diverts the same ones */
	memset(div, 0, sizeof *div);
	r = fixture_open(csv, &o);
	uint64_t n;
	cr_assert_eq(sluice_reader_count_records(r, &n), SLUICE_OK);
	cr_assert_eq(n, 2);
	cr_assert_eq(div->n, 2);
	sluice_reader_close(r);
	free(div);
}

Test(rejects, header_is_never_diverted)
{
	sluice_options o = fixture_options();
	o.dialect.strict = true;
	rejected *div = calloc(1, sizeof *div);
	o.reject = collect;
	o.reject_user = div;
	sluice_reader *r = NULL;
	sluice_error err;
	const char csv[] = "a,\"b\"c\n1,2\n";
	cr_assert_eq(sluice_reader_open_memory(&r, csv, sizeof csv - 1, NULL, &o, &err), SLUICE_ERR_QUOTE);
	cr_assert_eq(err.line, 1);
	cr_assert_eq(div->n, 0);
	free(div);
}

Test(rejects, lines_without_line_tracking)
{
	const char csv[] = "a,b\n1,\"x\ny\"\n2,q\"\n3,\"p\nq\"z\n4,ok\n";
	sluice_options o = fixture_options();
	o.dialect.strict = true;
	rejected *div = calloc(1, sizeof *div);
	o.reject = collect;
	o.reject_user = div;
	sluice_reader *r = fixture_open(csv, &o);
	sluice_reader_set_line_tracking(r, false);
	sluice_row row;
	fixture_next(r, &row);
	fixture_next(r, &row);
	cr_assert_eq(sluice_reader_next(r, &row), SLUICE_END);
	sluice_reader_close(r);
	cr_assert_eq(div->n, 2);
	cr_assert_eq(div->line[0], 4);
	cr_assert_eq(div->line[1], 5);
	cr_assert_eq(div->column[1], 2);
	free(div);
}

Test(rejects, a_diverted_record_longer_than_the_limit_is_an_error)
{
	/* an unterminated quote would make the rest of the input one record */
	char *csv = malloc(20000);
	strcpy(csv, "a,b\n1,\"open\n");
	size_t at = strlen(csv);
	while (at < 19000)
		at += (size_t)sprintf(csv + at, "%zu,x\n", at);
	sluice_options o = fixture_options();
	o.dialect.strict = true;
	o.max_record_size = 4096;
	rejected *div = calloc(1, sizeof *div);
	o.reject = collect;
	o.reject_user = div;
	sluice_reader *r = fixture_open(csv, &o);
	sluice_row row;
	cr_assert_eq(sluice_reader_next(r, &row), SLUICE_ERR_RECORD_TOO_LARGE);
	cr_assert_eq(sluice_reader_error(r)->offset, 4);
	cr_assert_eq(sluice_reader_error(r)->line, 2);
	sluice_reader_close(r);
	r = fixture_open(csv, &o);
	uint64_t n;
	cr_assert_eq(sluice_reader_count_records(r, &n), SLUICE_ERR_RECORD_TOO_LARGE);
	cr_assert_eq(sluice_reader_error(r)->offset, 4);
	sluice_reader_close(r);
	cr_assert_eq(div->n, 0);
	free(div);
	free(csv);
}

/* A query over path with strict types and a reject callback: the result as text. */
static void run_query(const char *path, const char *select, const uint64_t *splits, size_t nsplits, unsigned threads,
                      rejected *div, char *out, size_t cap)
{
	char sql[512];
	snprintf(sql, sizeof sql, "SELECT %s FROM '%s'", select, path);
	sluice_query_options qo;
	sluice_query_options_init(&qo);
	qo.types = "v=BIGINT";
	qo.strict_types = true;
	qo.reader.dialect.strict = true;
	qo.reader.threads = threads;
	qo.reader.split_offsets = splits;
	qo.reader.nsplits = nsplits;
	qo.reader.reject = collect;
	qo.reader.reject_user = div;
	sluice_query *q;
	sluice_error err;
	cr_assert_eq(sluice_query_open(&q, sql, &qo, &err), SLUICE_OK, "%s: %s", sql, err.message);
	const sluice_value *row;
	int rc;
	size_t at = 0;
	out[0] = '\0';
	while ((rc = sluice_query_next(q, &row)) == SLUICE_OK) {
		for (size_t c = 0; c < sluice_query_column_count(q); c++) {
			char v[64];
			sluice_value_format(&row[c], v, sizeof v);
			at += (size_t)snprintf(out + at, cap - at, "%s%s", c ? "," : "", v);
		}
		at += (size_t)snprintf(out + at, cap - at, "\n");
	}
	cr_assert_eq(rc, SLUICE_END, "%s", sluice_query_error(q)->message);
	sluice_query_close(q);
}

Test(rejects, type_violations_in_queries)
{
	/* 1000 records; every 37th has a v that is no BIGINT, every 101st a bare quote */
	char *csv = malloc(64 * 1024);
	size_t at = (size_t)sprintf(csv, "k,v\n");
	uint64_t sum = 0, good = 0, bad_type = 0, bad_quote = 0;
	for (int i = 1; i <= 1000; i++) {
		if (i % 101 == 0) {
			at += (size_t)sprintf(csv + at, "k%d\",%d\n", i % 3, i);
			bad_quote++;
		} else if (i % 37 == 0) {
			at += (size_t)sprintf(csv + at, "k%d,x%d\n", i % 3, i);
			bad_type++;
		} else {
			at += (size_t)sprintf(csv + at, "k%d,%d\n", i % 3, i);
			sum += (uint64_t)i;
			good++;
		}
	}
	char *path = fixture_write(csv, at);
	char want[128], got[4096];
	snprintf(want, sizeof want, "%llu,%llu\n", (unsigned long long)good, (unsigned long long)sum);

	rejected *serial = calloc(1, sizeof *serial);
	run_query(path, "count(*), sum(v)", NULL, 0, 1, serial, got, sizeof got);
	cr_assert_str_eq(got, want);
	cr_assert_eq(serial->n, bad_type + bad_quote);
	size_t types = 0;
	for (size_t i = 0; i < serial->n; i++) {
		types += serial->status[i] == SLUICE_ERR_TYPE;
		if (i)
			cr_assert_gt(serial->offset[i], serial->offset[i - 1], "rejects in file order");
		if (serial->status[i] == SLUICE_ERR_TYPE)
			cr_assert_eq(serial->column[i], 2);
	}
	cr_assert_eq(types, bad_type);

	/* in parallel, split anywhere: the same answer and the same rejects in the same order, with
	 * a piece per thread and with more pieces than threads (taken in turn) */
	uint64_t splits[7] = {at / 4, at / 2, 3 * at / 4, 0, 0, 0, 0};
	rejected *par = calloc(1, sizeof *par);
	for (int many = 0; many <= 1; many++) {
		if (many)
			for (size_t i = 0; i < 7; i++)
				splits[i] = at / 8 * (i + 1) + i;
		memset(par, 0, sizeof *par);
		run_query(path, "count(*), sum(v)", splits, many ? 7 : 3, many ? 2 : 4, par, got, sizeof got);
		cr_assert_str_eq(got, want);
		cr_assert_eq(par->n, serial->n);
		for (size_t i = 0; i < serial->n; i++) {
			cr_assert_eq(par->offset[i], serial->offset[i]);
			cr_assert_eq(par->line[i], serial->line[i]);
			cr_assert_eq(par->status[i], serial->status[i]);
		}
	}

	/* a row query diverts the same records and returns the others */
	memset(par, 0, sizeof *par);
	char *rows = malloc(64 * 1024);
	run_query(path, "v", NULL, 0, 1, par, rows, 64 * 1024);
	size_t nlines = 0;
	for (const char *p = rows; *p; p++)
		nlines += *p == '\n';
	cr_assert_eq(nlines, good);
	cr_assert_eq(par->n, serial->n);
	free(rows);
	free(serial);
	free(par);
	fixture_remove(path);
	free(csv);
}

/* max_record_size: count, serial or parallel, refuses a long record as the cursor does. */
static int count_file(const char *path, uint64_t limit, const uint64_t *splits, size_t nsplits, uint64_t *n,
                      sluice_error *err)
{
	sluice_options o = fixture_options();
	o.max_record_size = limit;
	o.threads = 3;
	o.split_offsets = splits;
	o.nsplits = nsplits;
	return sluice_file_count_records(path, &o, n, err);
}

Test(max_record_size, count_refuses_a_long_record)
{
	const size_t big = 3 << 20;
	char *csv = malloc(big + 4096);
	size_t at = (size_t)sprintf(csv, "a,b\n");
	for (int i = 0; i < 50; i++)
		at += (size_t)sprintf(csv + at, "%d,x\n", i);
	const size_t long_at = at;
	at += (size_t)sprintf(csv + at, "50,");
	memset(csv + at, 'y', big);
	at += big;
	csv[at++] = '\n';
	for (int i = 51; i < 100; i++)
		at += (size_t)sprintf(csv + at, "%d,x\n", i);
	char *path = fixture_write(csv, at);

	/* the cursor's error */
	sluice_options o = fixture_options();
	o.max_record_size = 1024;
	sluice_reader *r;
	cr_assert_eq(sluice_reader_open(&r, path, &o, NULL), SLUICE_OK);
	sluice_row row;
	int rc;
	while ((rc = sluice_reader_next(r, &row)) == SLUICE_OK)
		;
	cr_assert_eq(rc, SLUICE_ERR_RECORD_TOO_LARGE);
	const sluice_error want = *sluice_reader_error(r);
	sluice_reader_close(r);
	cr_assert_eq(want.offset, long_at);
	cr_assert_eq(want.line, 52);

	/* the serial count */
	cr_assert_eq(sluice_reader_open(&r, path, &o, NULL), SLUICE_OK);
	uint64_t n = 0;
	cr_assert_eq(sluice_reader_count_records(r, &n), SLUICE_ERR_RECORD_TOO_LARGE);
	const sluice_error *e = sluice_reader_error(r);
	cr_assert_eq(e->offset, want.offset);
	cr_assert_eq(e->line, want.line);
	cr_assert_eq(e->column, want.column);
	cr_assert_str_eq(e->message, want.message);
	sluice_reader_close(r);

	/* the parallel count, with the long record in any range */
	sluice_error err;
	uint64_t splits[3][2] = {{100, 200}, {long_at + 10, long_at + big / 2}, {at - 40, at - 20}};
	for (int s = 0; s < 3; s++) {
		cr_assert_eq(count_file(path, 1024, splits[s], 2, &n, &err), SLUICE_ERR_RECORD_TOO_LARGE, "split %d", s);
		cr_assert_eq(err.offset, want.offset);
		cr_assert_eq(err.line, want.line);
		cr_assert_str_eq(err.message, want.message);
		/* a limit of 1 MiB: the record is longer by more than a count's step, wherever it starts */
		cr_assert_eq(count_file(path, 1 << 20, splits[s], 2, &n, &err), SLUICE_ERR_RECORD_TOO_LARGE, "split %d", s);
		cr_assert_eq(err.offset, want.offset);
	}
	/* a limit the records fit in */
	o.max_record_size = big + 64;
	cr_assert_eq(sluice_reader_open(&r, path, &o, NULL), SLUICE_OK);
	cr_assert_eq(sluice_reader_count_records(r, &n), SLUICE_OK);
	cr_assert_eq(n, 100);
	sluice_reader_close(r);
	fixture_remove(path);
	free(csv);
}
