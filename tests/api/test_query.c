/* test_query.c - the lazy query engine: projected and filtered scans equal full scans, on every kernel. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "sluice_experimental.h" /* sluice_query_input_* */

/* A table with 11 columns where 'disputed' is rare, with quoted fields and line breaks in quotes. */
static char *make_table(size_t rows)
{
	size_t cap = rows * 160 + 256, at = 0;
	char *buf = malloc(cap);
	cr_assert_not_null(buf);
	at += (size_t)snprintf(buf + at, cap - at, "id,ts,n,dist,fare,pay,vendor,note,lat,lon,flag\n");
	static const char *const pays[] = {"card", "cash", "card", "no_charge", "card", "cash"};
	uint64_t x = 88172645463325252ULL;
	for (size_t i = 0; i < rows; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		const char *pay = (x % 997 == 0) ? "disputed" : pays[x % 6];
		const char *note = (x % 5 == 0) ? "\"multi\nline, \"\"quoted\"\"\"" : (x % 3 == 0) ? "" : "plain note";
		at += (size_t)snprintf(buf + at, cap - at, "%zu,2024-03-%02u 10:00:00,%u,%u.%02u,%s%u.%02u,%s,\"V, %u\",%s,40.%06u,-73.%06u,%c\n",
		                       i + 1, (unsigned)(x % 28) + 1, (unsigned)(x % 7), (unsigned)(x % 60),
		                       (unsigned)(x % 100), (x % 11 == 0) ? "-" : "", (unsigned)(x % 90), (unsigned)(x >> 8) % 100,
		                       pay, (unsigned)(x % 20), note, (unsigned)(x % 1000000), (unsigned)((x >> 20) % 1000000),
		                       (x & 1) ? 'Y' : 'N');
	}
	buf[at] = '\0';
	return buf;
}

/* Runs sql over path with the given kernel and prefilter setting; returns the rows as text. */
static char *run(const char *sql_fmt, const char *path, sluice_kernel k, bool prefilter, sluice_exec_stats *stats)
{
	sluice_query_options qo;
	sluice_query_options_init(&qo);
	qo.reader.kernel = k;
	qo.prefilter = prefilter;
	return fixture_query_rows(sql_fmt, path, &qo, stats);
}

/* The same filter done by hand over a full scan with the reader API: id,fare of 'disputed' rows. */
static char *full_scan_filter(const char *path, sluice_kernel k)
{
	sluice_options o = fixture_options();
	o.kernel = k;
	sluice_reader *r;
	sluice_error err;
	cr_assert_eq(sluice_reader_open(&r, path, &o, &err), SLUICE_OK);
	long pay = sluice_reader_column_index(r, "pay", 3), id = sluice_reader_column_index(r, "id", 2),
	     fare = sluice_reader_column_index(r, "fare", 4);
	size_t cap = 1 << 20, at = 0;
	char *out = malloc(cap);
	sluice_row row;
	while (sluice_reader_next(r, &row) == SLUICE_OK) {
		const sluice_field *p = &row.fields[pay];
		if (p->len == 8 && memcmp(p->ptr, "disputed", 8) == 0) {
			/* the engine prints doubles in shortest form: 7.50 reads back as 7.5 */
			char fbuf[32];
			snprintf(fbuf, sizeof fbuf, "%.*s", (int)row.fields[fare].len, row.fields[fare].ptr);
			char shortest[32];
			snprintf(shortest, sizeof shortest, "%.15g", strtod(fbuf, NULL));
			if (!strchr(shortest, '.') && !strchr(shortest, 'e'))
				strcat(shortest, ".0");
			at += (size_t)snprintf(out + at, cap - at, "%.*s|%s|\n", (int)row.fields[id].len, row.fields[id].ptr,
			                       shortest);
		}
	}
	out[at] = '\0';
	sluice_reader_close(r);
	return out;
}

Test(query, projected_filtered_scan_equals_full_scan_on_every_kernel)
{
	char *csv = make_table(20000);
	char *path = fixture_write(csv, strlen(csv));
	for (int k = SLUICE_KERNEL_SCALAR; k < SLUICE_KERNEL_COUNT; k++) {
		if (!sluice_kernel_supported((sluice_kernel)k))
			continue;
		char *want = full_scan_filter(path, (sluice_kernel)k);
		cr_assert(strlen(want) > 0);
		char *got = run("SELECT id, fare FROM '%s' WHERE pay = 'disputed'", path, (sluice_kernel)k, true, NULL);
		char *got_nopf = run("SELECT id, fare FROM '%s' WHERE pay = 'disputed'", path, (sluice_kernel)k, false, NULL);
		cr_assert_str_eq(got, want, "kernel %s", sluice_kernel_name((sluice_kernel)k));
		cr_assert_str_eq(got_nopf, want, "kernel %s without prefilter", sluice_kernel_name((sluice_kernel)k));
		free(want);
		free(got);
		free(got_nopf);
	}
	fixture_remove(path);
	free(csv);
}

Test(query, counters_show_lazy_materialization_and_prefilter)
{
	char *csv = make_table(20000);
	char *path = fixture_write(csv, strlen(csv));
	sluice_exec_stats s;
	char *out = run("SELECT id, fare, pay FROM '%s' WHERE pay = 'disputed'", path, SLUICE_KERNEL_AUTO, true, &s);
	size_t rows = 0;
	for (const char *p = out; *p; p++)
		rows += *p == '\n';
	cr_assert(rows > 5 && rows < 100, "rows %zu", rows);
	/* 3 of 11 columns: the tokenizer stops after 'pay' (field 6); only pay for every record seen
	 * and id, fare for the matches are ever decoded */
	cr_assert(s.fields_tokenized <= s.records_seen * 6, "tokenized %llu", (unsigned long long)s.fields_tokenized);
	cr_assert_eq(s.fields_materialized, s.records_seen + 2 * rows);
	/* the literal is rare: most bytes are skipped without tokenizing */
	cr_assert(s.bytes_prefiltered > s.bytes_total / 2, "skipped %llu of %llu", (unsigned long long)s.bytes_prefiltered,
	          (unsigned long long)s.bytes_total);
	cr_assert(s.records_seen < 20000 / 2, "records seen %llu", (unsigned long long)s.records_seen);
	free(out);

	/* without the prefilter every record is seen, and the answer is the same */
	sluice_exec_stats s2;
	char *out2 = run("SELECT id, fare, pay FROM '%s' WHERE pay = 'disputed'", path, SLUICE_KERNEL_AUTO, false, &s2);
	cr_assert_eq(s2.records_seen, 20000);
	cr_assert_eq(s2.bytes_prefiltered, 0);
	free(out2);
	fixture_remove(path);
	free(csv);
}

Test(query, prefilter_literal_with_quote_or_delimiter_has_no_false_negative)
{
	const char *csv = "k,v\n"
	                  "1,\"a,b\"\n"
	                  "2,\"say \"\"x\"\"\"\n"
	                  "3,plain\n";
	char *path = fixture_write(csv, strlen(csv));
	char *a = run("SELECT k FROM '%s' WHERE v = 'a,b'", path, SLUICE_KERNEL_AUTO, true, NULL);
	cr_assert_str_eq(a, "1|\n");
	char *b = run("SELECT k FROM '%s' WHERE v = 'say \"x\"'", path, SLUICE_KERNEL_AUTO, true, NULL);
	cr_assert_str_eq(b, "2|\n");
	char *c = run("SELECT k FROM '%s' WHERE v LIKE '%%\"x%%'", path, SLUICE_KERNEL_AUTO, true, NULL);
	cr_assert_str_eq(c, "2|\n");
	free(a);
	free(b);
	free(c);
	fixture_remove(path);
}

Test(query, limit_stops_the_scan_early)
{
	char *csv = make_table(20000);
	char *path = fixture_write(csv, strlen(csv));
	sluice_exec_stats s;
	char *out = run("SELECT id FROM '%s' LIMIT 10", path, SLUICE_KERNEL_AUTO, true, &s);
	cr_assert_str_eq(out, "1|\n2|\n3|\n4|\n5|\n6|\n7|\n8|\n9|\n10|\n");
	cr_assert(s.records_seen <= 1024, "records seen %llu", (unsigned long long)s.records_seen);
	free(out);
	fixture_remove(path);
	free(csv);
}

Test(query, type_violation_is_null_or_error)
{
	const char *csv = "a,b\n1,x\n2,y\n";
	char *path = fixture_write(csv, strlen(csv));
	char sql[256];
	snprintf(sql, sizeof sql, "SELECT a, b FROM '%s'", path);
	sluice_query_options qo;
	sluice_query_options_init(&qo);
	qo.types = "b=BIGINT";
	sluice_query *q;
	sluice_error err;
	cr_assert_eq(sluice_query_open(&q, sql, &qo, &err), SLUICE_OK);
	const sluice_value *row;
	cr_assert_eq(sluice_query_next(q, &row), SLUICE_OK);
	cr_assert(row[1].null, "lenient: a value that does not fit is NULL");
	cr_assert_eq(sluice_query_next(q, &row), SLUICE_OK);
	cr_assert_eq(sluice_query_next(q, &row), SLUICE_END);
	cr_assert_eq(sluice_query_stats(q)->type_errors, 2);
	sluice_query_close(q);

	qo.strict_types = true;
	cr_assert_eq(sluice_query_open(&q, sql, &qo, &err), SLUICE_OK);
	cr_assert_eq(sluice_query_next(q, &row), SLUICE_ERR_TYPE);
	const sluice_error *e = sluice_query_error(q);
	cr_assert_eq(e->line, 2);
	cr_assert_eq(e->column, 2);
	cr_assert(strstr(e->message, "'x'") != NULL, "%s", e->message);
	sluice_query_close(q);
	fixture_remove(path);
}

Test(query, bad_sql_and_unknown_column)
{
	sluice_query *q;
	sluice_error err;
	cr_assert_eq(sluice_query_open(&q, "SELEC 1", NULL, &err), SLUICE_ERR_SQL);
	cr_assert_eq(err.offset, 0);
	const char *csv = "alpha,beta\n1,2\n";
	char *path = fixture_write(csv, strlen(csv));
	char sql[256];
	snprintf(sql, sizeof sql, "SELECT gamma FROM '%s'", path);
	cr_assert_eq(sluice_query_open(&q, sql, NULL, &err), SLUICE_ERR_SQL);
	cr_assert_eq(err.offset, 7);
	cr_assert(strstr(err.message, "alpha, beta") != NULL, "%s", err.message);
	snprintf(sql, sizeof sql, "SELECT alpha FROM '%s' WHERE alpha = 'x'", path);
	cr_assert_eq(sluice_query_open(&q, sql, NULL, &err), SLUICE_ERR_SQL);
	cr_assert(strstr(err.message, "alpha") != NULL, "%s", err.message);
	fixture_remove(path);
}

Test(query, open_select_builds_the_statement)
{
	const char *csv = "k,v\n1,a\n2,b\n3,c\n";
	char *path = fixture_write(csv, strlen(csv));
	sluice_query *q;
	sluice_error err;
	cr_assert_eq(sluice_query_open_select(&q, path, "v, k * 10 AS k10", "k >= 2", NULL, &err), SLUICE_OK, "%s",
	             err.message);
	cr_assert_str_eq(sluice_query_column_name(q, 1), "k10");
	const sluice_value *row;
	cr_assert_eq(sluice_query_next(q, &row), SLUICE_OK);
	cr_assert_eq(row[0].u.s.len, 1);
	cr_assert_eq(row[0].u.s.ptr[0], 'b');
	cr_assert_eq(row[1].u.i, 20);
	cr_assert_eq(sluice_query_next(q, &row), SLUICE_OK);
	cr_assert_eq(sluice_query_next(q, &row), SLUICE_END);
	sluice_query_close(q);
	fixture_remove(path);
}

/* Numbers that take every branch of the typed paths: NaN, infinities, -0, exponents, long and
 * quoted decimals, NULLs, integers near the int64 limits; text keys short, long (past the group
 * cache's 32 bytes), quoted and NULL, more of them than the cache holds. */
/* rows of id, g, x and k; with `plain`, x is a plain short decimal but in about one row in 2000,
 * so that most batches of x decode whole (the dense loops) and a few do not */
static char *make_numbers(size_t rows, bool plain)
{
	static const size_t plain_xs[] = {0, 1, 2, 11, 14, 15, 10};
	static const char *const xs[] = {"1.5", "-0", "0", "nan", "inf", "-inf", "1e300", "\"2.25\"", "", "123456789.125",
	                                 "-7", "0.1", "3.", ".5", "-12.75", "99999999", "1.25e-3", "42"};
	static const char *const ks[] = {"3", "-2", "", "9223372036854775000", "-9223372036854775000", "0", "17"};
	static const char *const gs[] = {"a", "bb", "", "\"q, x\"", "a key longer than the thirty-two bytes of the cache",
	                                 "c", "d", "e", "f", "g", "h", "i", "j"};
	size_t cap = rows * 100 + 64, at = 0;
	char *buf = malloc(cap);
	cr_assert_not_null(buf);
	at += (size_t)snprintf(buf + at, cap - at, "id,g,x,k\n");
	uint64_t s = 0x9e3779b97f4a7c15ULL;
	for (size_t i = 0; i < rows; i++) {
		s ^= s << 13;
		s ^= s >> 7;
		s ^= s << 17;
		/* the extreme integers rarely, so that sums stay in range */
		const size_t ki = (s >> 40) % 64 == 0 ? 3 + (s >> 50) % 2 : (s >> 40) % 7 == 3 || (s >> 40) % 7 == 4 ? 0 : (s >> 40) % 7;
		size_t xi = (s >> 16) % 18;
		if (plain && (s >> 30) % 2048)
			xi = plain_xs[(s >> 16) % 7];
		at += (size_t)snprintf(buf + at, cap - at, "%zu,%s,%s,%s\n", i + 1, gs[(s >> 8) % 13], xs[xi], ks[ki]);
	}
	buf[at] = '\0';
	return buf;
}

/* The typed loops (a column compared with a literal, aggregates of a column, a single column key
 * and its cache) against the generic evaluation of the same queries, forced by writing x * 1 for x
 * and by a second, constant group key. */
Test(query, typed_paths_equal_generic_evaluation)
{
	static const char *const pairs[][2] = {
		{"SELECT count(x), sum(x), avg(x), min(x), max(x), sum(k), avg(k), min(k), max(k), count(*) FROM '%s'",
		 "SELECT count(x * 1), sum(x * 1), avg(x * 1), min(x * 1), max(x * 1), sum(k * 1), avg(k * 1), min(k * 1), "
		 "max(k * 1), count(*) FROM '%s'"},
		{"SELECT g, count(*), count(x), sum(x), min(x), max(x), sum(k), min(k) FROM '%s' GROUP BY g ORDER BY g",
		 "SELECT g || '' AS h, sum(1), count(x * 1), sum(x * 1), min(x * 1), max(x * 1), sum(k * 1), min(k * 1) "
		 "FROM '%s' GROUP BY 1, 'one key more: no key cache' ORDER BY 1"},
		/* two sums over the same group runs, in one loop */
		{"SELECT g, sum(x), count(*), avg(x), max(x) FROM '%s' GROUP BY g ORDER BY g",
		 "SELECT g || '' AS h, sum(x * 1), sum(1), avg(x * 1), max(x * 1) FROM '%s' "
		 "GROUP BY 1, 'one key more: no key cache' ORDER BY 1"},
		/* up to 8 groups: the runs' counts kept in registers */
		{"SELECT k, count(*), sum(x), avg(x), min(x) FROM '%s' GROUP BY k ORDER BY k",
		 "SELECT k * 1 AS kk, sum(1), sum(x * 1), avg(x * 1), min(x * 1) FROM '%s' GROUP BY 1, 'one key more' ORDER BY 1"},
		{"SELECT id % 8 AS m, count(*), sum(x), max(x) FROM '%s' GROUP BY 1 ORDER BY 1",
		 "SELECT id % 8 AS m, sum(1), sum(x * 1), max(x * 1) FROM '%s' GROUP BY 1, 'one key more' ORDER BY 1"},
		/* more groups than the batch's runs by group take (RUNS_GROUPS) */
		{"SELECT id % 97 AS m, count(*), count(x), sum(x), avg(x), min(x), max(x) FROM '%s' GROUP BY 1 ORDER BY 1",
		 "SELECT id % 97 AS m, sum(1), count(x * 1), sum(x * 1), avg(x * 1), min(x * 1), max(x * 1) FROM '%s' "
		 "GROUP BY 1, 'one key more' ORDER BY 1"},
		{"SELECT count(*), sum(k) FROM '%s' WHERE x > 1.5", "SELECT count(*), sum(k) FROM '%s' WHERE x * 1 > 1.5"},
		{"SELECT count(*), sum(k) FROM '%s' WHERE 2 <= x", "SELECT count(*), sum(k) FROM '%s' WHERE 2 <= x * 1"},
		{"SELECT count(*), sum(k) FROM '%s' WHERE x = 0", "SELECT count(*), sum(k) FROM '%s' WHERE x * 1 = 0"},
		{"SELECT count(*), sum(k) FROM '%s' WHERE x <= 0", "SELECT count(*), sum(k) FROM '%s' WHERE x * 1 <= 0"},
		{"SELECT count(*), sum(k) FROM '%s' WHERE x < 0", "SELECT count(*), sum(k) FROM '%s' WHERE x * 1 < 0"},
		{"SELECT count(*), sum(k) FROM '%s' WHERE x <> 1.5", "SELECT count(*), sum(k) FROM '%s' WHERE x * 1 <> 1.5"},
		{"SELECT count(*), sum(x) FROM '%s' WHERE k >= 3", "SELECT count(*), sum(x) FROM '%s' WHERE k * 1 >= 3"},
		{"SELECT count(*), sum(x) FROM '%s' WHERE k < 2.5", "SELECT count(*), sum(x) FROM '%s' WHERE k * 1 < 2.5"},
		{"SELECT count(*) FROM '%s' WHERE x > 3 AND k > -5", "SELECT count(*) FROM '%s' WHERE x * 1 > 3 AND k * 1 > -5"},
		{"SELECT count(*) FROM '%s' WHERE x >= CAST('inf' AS DOUBLE)", "SELECT count(*) FROM '%s' WHERE x * 1 >= CAST('inf' AS DOUBLE)"},
	};
	for (int plain = 0; plain <= 1; plain++) {
		char *csv = make_numbers(30000, plain);
		char *path = fixture_write(csv, strlen(csv));
		for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
			char *fast = run(pairs[i][0], path, SLUICE_KERNEL_AUTO, true, NULL);
			char *slow = run(pairs[i][1], path, SLUICE_KERNEL_AUTO, true, NULL);
			cr_assert(strlen(fast) > 2, "%s: no rows", pairs[i][0]);
			cr_assert_str_eq(fast, slow, "plain %d: %s\n%s", plain, pairs[i][0], pairs[i][1]);
			free(fast);
			free(slow);
		}
		fixture_remove(path);
		free(csv);
	}
}

/* A query samples the types of the columns it reads; the others only when they are asked for,
 * before or after its scan: they equal those of a query that reads every column. */
Test(query, types_of_columns_a_query_does_not_read_are_sampled_when_asked)
{
	char *csv = make_table(3000);
	char *path = fixture_write(csv, strlen(csv));
	sluice_query_options qo;
	sluice_query_options_init(&qo);
	qo.reader.threads = 2;
	char sql[512];
	snprintf(sql, sizeof sql, "SELECT * FROM '%s' LIMIT 0", path);
	sluice_query *all;
	sluice_error err;
	cr_assert_eq(sluice_query_open(&all, sql, &qo, &err), SLUICE_OK, "%s", err.message);
	const size_t n = sluice_query_input_count(all);
	cr_assert_eq(n, 11);
	/* the table's columns are not all text: a placeholder of VARCHAR everywhere would fail */
	cr_assert_eq(sluice_query_input_type(all, 0), SLUICE_TYPE_BIGINT);
	cr_assert_eq(sluice_query_input_type(all, 4), SLUICE_TYPE_DOUBLE);
	static const char *const sqls[] = {"SELECT count(*) AS n FROM '%s'",
	                                   "SELECT count(*) AS n FROM '%s' WHERE FARE > -1000 AND n >= 0"};
	for (int run = 0; run < 4; run++) {
		const int after = run & 1;
		snprintf(sql, sizeof sql, sqls[run >> 1], path);
		sluice_query *q;
		cr_assert_eq(sluice_query_open(&q, sql, &qo, &err), SLUICE_OK, "%s", err.message);
		if (after) {
			const sluice_value *row;
			cr_assert_eq(sluice_query_next(q, &row), SLUICE_OK);
			cr_assert_eq(row[0].u.i, 3000);
			cr_assert_eq(sluice_query_next(q, &row), SLUICE_END);
		}
		cr_assert_eq(sluice_query_input_count(q), n);
		for (size_t i = 0; i < n; i++)
			cr_assert_eq(sluice_query_input_type(q, i), sluice_query_input_type(all, i), "%s: column %zu (%s), %s the scan",
			             sql, i, sluice_query_input_name(q, i), after ? "after" : "before");
		sluice_query_close(q);
	}
	sluice_query_close(all);
	fixture_remove(path);
	free(csv);
}
