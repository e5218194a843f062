/* test_sketch.c - the HyperLogLog and Space-Saving sketches, alone and as SQL aggregates. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "fixture.h"
#include "query/exec/hll.h"
#include "query/exec/topk.h"

/* An allocator that remembers its blocks, so a test frees them all at the end (as an arena does). */
typedef struct pool {
	void **blocks;
	size_t n, cap;
	size_t bytes;
} pool;

static void *pool_alloc(void *ctx, size_t n)
{
	pool *p = ctx;
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 64;
		p->blocks = realloc(p->blocks, p->cap * sizeof *p->blocks);
		cr_assert_not_null(p->blocks);
	}
	void *b = malloc(n);
	cr_assert_not_null(b);
	p->blocks[p->n++] = b;
	p->bytes += n;
	return b;
}

static void pool_free(pool *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->blocks[i]);
	free(p->blocks);
	memset(p, 0, sizeof *p);
}

static uint64_t hash_of(uint64_t x)
{
	return XXH3_64bits(&x, sizeof x);
}

static void add_range(sq_hll *h, uint64_t from, uint64_t to, pool *p)
{
	for (uint64_t x = from; x < to; x++)
		cr_assert_eq(sq_hll_add(h, hash_of(x), pool_alloc, p), 0);
}

/* ------------------------------------------------------------------------------------------ */

Test(hll, empty_is_zero)
{
	sq_hll h;
	sq_hll_init(&h);
	cr_assert_eq(sq_hll_estimate(&h), 0);
	cr_assert(sq_hll_is_exact(&h));
}

Test(hll, small_counts_are_exact)
{
	static const uint64_t sizes[] = {1, 2, 3, 10, 100, 511, 512, 513, 1000, SQ_HLL_SPARSE_MAX};
	for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
		pool p = {0};
		sq_hll h;
		sq_hll_init(&h);
		/* every value three times, in three passes */
		for (int rep = 0; rep < 3; rep++)
			add_range(&h, 0, sizes[s], &p);
		cr_assert_eq(sq_hll_estimate(&h), sizes[s], "n = %llu: got %llu", (unsigned long long)sizes[s],
		             (unsigned long long)sq_hll_estimate(&h));
		cr_assert(sq_hll_is_exact(&h));
		pool_free(&p);
	}
}

Test(hll, zero_hash_counts_once)
{
	pool p = {0};
	sq_hll h;
	sq_hll_init(&h);
	for (int i = 0; i < 3; i++)
		cr_assert_eq(sq_hll_add(&h, 0, pool_alloc, &p), 0);
	cr_assert_eq(sq_hll_estimate(&h), 1);
	add_range(&h, 0, 5000, &p); /* dense: the zero hash is kept in the registers */
	cr_assert_not(sq_hll_is_exact(&h));
	pool_free(&p);
}

/* Past the sparse phase: within 3% (almost four standard errors of 0.81%) at every size, and
 * within 2.5% at 1M. The hashes are fixed, so the outcome is too. */
Test(hll, large_counts_are_close)
{
	static const uint64_t sizes[] = {1025, 2000, 5000, 20000, 50000, 100000, 300000, 1000000};
	pool p = {0};
	sq_hll h;
	sq_hll_init(&h);
	uint64_t done = 0;
	for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
		add_range(&h, done, sizes[s], &p);
		done = sizes[s];
		double est = (double)sq_hll_estimate(&h), truth = (double)sizes[s];
		double rel = fabs(est - truth) / truth;
		cr_assert_lt(rel, 0.03, "n = %.0f: estimate %.0f is %.2f%% off", truth, est, rel * 100);
		if (sizes[s] == 1000000)
			cr_assert_lt(rel, 0.025, "1M: estimate %.0f", est);
	}
	/* duplicates change nothing */
	uint64_t before = sq_hll_estimate(&h);
	add_range(&h, 0, 1000, &p);
	cr_assert_eq(sq_hll_estimate(&h), before);
	/* the memory stays bounded: the registers took over the sparse set's last table */
	cr_assert_leq(p.bytes, 2 * SQ_HLL_M);
	pool_free(&p);
}

/* Merging sketches of two overlapping ranges gives exactly the sketch of their union, whichever
 * phase each side is in. */
static void check_merge(uint64_t a_to, uint64_t b_from, uint64_t b_to)
{
	pool p = {0};
	sq_hll a, b, u;
	sq_hll_init(&a);
	sq_hll_init(&b);
	sq_hll_init(&u);
	add_range(&a, 0, a_to, &p);
	add_range(&b, b_from, b_to, &p);
	add_range(&u, 0, a_to > b_to ? a_to : b_to, &p);
	cr_assert_leq(b_from, a_to, "ranges must overlap or touch");
	sq_hll ab = a, ba = b;
	/* merge into copies: a's and b's memory must not be shared with the result */
	sq_hll a2, b2;
	sq_hll_init(&a2);
	sq_hll_init(&b2);
	cr_assert_eq(sq_hll_merge(&a2, &ab, pool_alloc, &p), 0);
	cr_assert_eq(sq_hll_merge(&a2, &ba, pool_alloc, &p), 0);
	cr_assert_eq(sq_hll_merge(&b2, &ba, pool_alloc, &p), 0);
	cr_assert_eq(sq_hll_merge(&b2, &ab, pool_alloc, &p), 0);
	const uint64_t want = sq_hll_estimate(&u);
	cr_assert_eq(sq_hll_estimate(&a2), want, "a+b: %llu, union: %llu", (unsigned long long)sq_hll_estimate(&a2),
	             (unsigned long long)want);
	cr_assert_eq(sq_hll_estimate(&b2), want);
	cr_assert_eq(sq_hll_is_exact(&a2), sq_hll_is_exact(&u));
	if (!sq_hll_is_exact(&u)) {
		cr_assert_eq(memcmp(a2.reg, u.reg, SQ_HLL_M), 0, "registers differ from the union's");
		cr_assert_eq(memcmp(b2.reg, u.reg, SQ_HLL_M), 0);
		cr_assert_neq(a2.reg, a.reg);
	}
	/* the sources are unchanged */
	sq_hll a_again;
	sq_hll_init(&a_again);
	add_range(&a_again, 0, a_to, &p);
	cr_assert_eq(sq_hll_estimate(&a), sq_hll_estimate(&a_again));
	pool_free(&p);
}

Test(hll, merge_equals_union)
{
	check_merge(300, 200, 600);          /* sparse + sparse, stays sparse */
	check_merge(800, 500, 1100);         /* sparse + sparse, the union is past the sparse phase */
	check_merge(200, 100, 50000);        /* sparse + dense */
	check_merge(50000, 100, 200);        /* dense + sparse */
	check_merge(600000, 400000, 1000000); /* dense + dense */
}

/* ------------------------------------------------------------------------------------------ */

static sq_value text_value(const char *s)
{
	sq_value v;
	memset(&v, 0, sizeof v);
	v.type = SQ_T_VARCHAR;
	v.u.s.ptr = s;
	v.u.s.len = strlen(s);
	return v;
}

static void topk_add_int(sq_topk *t, int64_t x, pool *p)
{
	sq_value v;
	memset(&v, 0, sizeof v);
	v.type = SQ_T_BIGINT;
	v.u.i = x;
	cr_assert_eq(sq_topk_add(t, &v, XXH3_64bits(&x, sizeof x), pool_alloc, p), 0);
}

/* The buckets go by strictly increasing count, none is empty, every counter is in the bucket it
 * names, and every count is at least the floor. */
static void check_structure(const sq_topk *t)
{
	uint32_t seen = 0, prev = UINT32_MAX;
	uint64_t last = 0;
	for (uint32_t x = t->head; x != UINT32_MAX; x = t->b[x].next) {
		cr_assert_eq(t->b[x].prev, prev);
		cr_assert(prev == UINT32_MAX || t->b[x].count > last, "bucket counts must increase");
		cr_assert_neq(t->b[x].first, UINT32_MAX, "empty bucket");
		cr_assert_geq(t->b[x].count, t->floor);
		uint32_t before = UINT32_MAX;
		for (uint32_t id = t->b[x].first; id != UINT32_MAX; id = t->e[id].next) {
			cr_assert_eq(t->e[id].bucket, x);
			cr_assert_eq(t->e[id].prev, before);
			cr_assert_lt(t->e[id].err, t->b[x].count);
			before = id;
			seen++;
		}
		last = t->b[x].count;
		prev = x;
	}
	cr_assert_eq(seen, t->n);
}

/* Random streams over few values with few counters, split in parts and merged: every bound holds
 * against the true counts, and the structure stays sound. */
Test(topk, random_streams_keep_their_bounds)
{
	uint64_t x = 0x9E3779B97F4A7C15ULL;
	for (int round = 0; round < 200; round++) {
		pool p = {0};
		enum { VALUES = 40, PARTS = 3 };
		uint32_t truth[VALUES] = {0};
		sq_topk part[PARTS];
		const uint32_t k = 1 + round % 12;
		for (int i = 0; i < PARTS; i++)
			sq_topk_init(&part[i], k);
		const int n = 1 + (round * 37) % 600;
		for (int i = 0; i < n; i++) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			/* skewed: small values are more likely */
			int64_t v = (int64_t)((x % VALUES) * ((x >> 32) % VALUES) / VALUES);
			truth[v]++;
			topk_add_int(&part[(x >> 40) % PARTS], v, &p);
		}
		for (int i = 0; i < PARTS; i++)
			check_structure(&part[i]);
		for (int i = 1; i < PARTS; i++) {
			cr_assert_eq(sq_topk_merge(&part[0], &part[i], pool_alloc, &p), 0);
			check_structure(&part[0]);
		}
		const sq_topk *t = &part[0];
		cr_assert_leq(t->n, k);
		for (int64_t v = 0; v < VALUES; v++) {
			long id = -1;
			for (uint32_t i = 0; i < t->n; i++)
				if (t->e[i].v.u.i == v)
					id = (long)i;
			if (id < 0) {
				cr_assert_leq(truth[v], t->floor, "round %d: value %lld", round, (long long)v);
				continue;
			}
			cr_assert_geq(sq_topk_count(t, (uint32_t)id), truth[v], "round %d", round);
			cr_assert_leq(sq_topk_count(t, (uint32_t)id) - t->e[id].err, truth[v], "round %d", round);
		}
		sq_topk_item items[VALUES];
		size_t got = sq_topk_result(t, items, VALUES);
		for (size_t i = 0; i < got; i++) {
			if (items[i].exact)
				cr_assert_eq(items[i].count, truth[items[i].v->u.i], "round %d", round);
			cr_assert_gt(items[i].count, t->floor);
			if (i)
				cr_assert_geq(items[i - 1].count, items[i].count);
		}
		for (int i = 0; i < PARTS; i++)
			sq_topk_free(&part[i]);
		pool_free(&p);
	}
}

Test(topk, exact_while_few_distinct)
{
	pool p = {0};
	sq_topk t;
	sq_topk_init(&t, 16);
	static const char *const words[] = {"b", "a", "it's", "a", "c", "a", "b", ""};
	for (int rep = 0; rep < 2; rep++) {
		for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
			char copy[8]; /* the sketch must copy the bytes */
			snprintf(copy, sizeof copy, "%s", words[i]);
			sq_value v = text_value(copy);
			cr_assert_eq(sq_topk_add(&t, &v, XXH3_64bits(copy, strlen(copy)), pool_alloc, &p), 0);
			memset(copy, 'x', sizeof copy);
		}
	}
	const char *text;
	size_t len;
	cr_assert_eq(sq_topk_format(&t, 10, &text, &len), 0);
	/* ties by value: '' < 'b'... and "it's" quoted SQL-style */
	cr_assert_str_eq(text, "'a' 6, 'b' 4, '' 2, 'c' 2, 'it''s' 2");
	cr_assert_eq(len, strlen(text));
	cr_assert_eq(sq_topk_format(&t, 2, &text, &len), 0);
	cr_assert_str_eq(text, "'a' 6, 'b' 4");
	sq_topk_free(&t);
	pool_free(&p);
}

/* A skewed stream with many more distinct values than counters: the heavy values are found, each
 * count is an upper bound and count - error a lower bound of the truth. */
Test(topk, bounds_hold_past_capacity)
{
	pool p = {0};
	enum { N = 200000, HEAVY = 5 };
	static uint32_t truth[N];
	memset(truth, 0, sizeof truth);
	sq_topk a, b;
	sq_topk_init(&a, 64);
	sq_topk_init(&b, 64);
	uint64_t x = 88172645463325252ULL;
	for (int i = 0; i < N; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		/* value v < HEAVY with weight, else a mostly unique one */
		int64_t v = (x % 10 < 4) ? (int64_t)((x >> 20) % HEAVY) : (int64_t)(HEAVY + (x >> 20) % (N - HEAVY));
		truth[v]++;
		topk_add_int(i % 3 ? &a : &b, v, &p);
	}
	sq_topk_item items[HEAVY];
	for (int side = 0; side < 3; side++) {
		sq_topk *t = side == 0 ? &a : &b;
		if (side == 2) {
			cr_assert_eq(sq_topk_merge(&a, &b, pool_alloc, &p), 0);
			t = &a;
		}
		cr_assert_gt(t->floor, 0);
		check_structure(t);
		for (uint32_t i = 0; i < t->n; i++) {
			const sq_topk_entry *e = &t->e[i];
			if (side == 2) { /* after the merge the counts are of the whole stream */
				cr_assert_geq(sq_topk_count(t, i), truth[e->v.u.i]);
				cr_assert_leq(sq_topk_count(t, i) - e->err, truth[e->v.u.i]);
			}
		}
		if (side < 2)
			continue;
		size_t n = sq_topk_result(t, items, HEAVY);
		cr_assert_eq(n, HEAVY);
		for (size_t i = 0; i < n; i++) {
			cr_assert_lt(items[i].v->u.i, HEAVY, "item %zu is %lld", i, (long long)items[i].v->u.i);
			cr_assert_geq(items[i].count, truth[items[i].v->u.i]);
		}
	}
	/* a value that is not monitored occurs at most floor times */
	for (int64_t v = 0; v < N; v++) {
		bool monitored = false;
		for (uint32_t i = 0; i < a.n && !monitored; i++)
			monitored = a.e[i].v.u.i == v;
		if (!monitored)
			cr_assert_leq(truth[v], a.floor, "value %lld", (long long)v);
	}
	sq_topk_free(&a);
	sq_topk_free(&b);
	pool_free(&p);
}

Test(topk, unique_values_report_nothing)
{
	pool p = {0};
	sq_topk t;
	sq_topk_init(&t, 32);
	for (int64_t v = 0; v < 10000; v++)
		topk_add_int(&t, v, &p);
	const char *text;
	size_t len;
	cr_assert_eq(sq_topk_format(&t, 5, &text, &len), 0);
	cr_assert_str_eq(text, "");
	sq_topk_free(&t);
	pool_free(&p);
}

Test(topk, merge_of_exact_sketches_is_exact)
{
	pool p = {0};
	sq_topk a, b;
	sq_topk_init(&a, 8);
	sq_topk_init(&b, 8);
	for (int64_t i = 0; i < 100; i++)
		topk_add_int(i % 2 ? &a : &b, i % 5, &p);
	topk_add_int(&b, 7, &p);
	cr_assert_eq(sq_topk_merge(&a, &b, pool_alloc, &p), 0);
	const char *text;
	size_t len;
	cr_assert_eq(sq_topk_format(&a, 10, &text, &len), 0);
	cr_assert_str_eq(text, "0 20, 1 20, 2 20, 3 20, 4 20, 7 1");
	sq_topk_free(&a);
	sq_topk_free(&b);
	pool_free(&p);
}

/* ------------------------------------------------------------------------------------------ */
/* Through SQL.                                                                                 */

/* Runs sql (with %s for the path) and returns the first row's values as text, '|'-separated. */
static char *first_row(const char *sql_fmt, const char *path, unsigned threads, const uint64_t *splits,
                       size_t nsplits)
{
	sluice_query_options qo;
	sluice_query_options_init(&qo);
	qo.reader.threads = threads;
	qo.reader.split_offsets = splits;
	qo.reader.nsplits = nsplits;
	char *rows = fixture_query_rows(sql_fmt, path, &qo, NULL);
	char *end = strchr(rows, '\n');
	cr_assert_not_null(end, "%s: no row", sql_fmt);
	end[-1] = '\0'; /* the first row, without its last '|' */
	return rows;
}

/* id, k (id mod m, distinct count m), s (a string of k), e (empty every third record) */
static char *make_file(size_t rows, size_t m)
{
	size_t cap = rows * 48 + 64, at = 0;
	char *buf = malloc(cap);
	cr_assert_not_null(buf);
	at += (size_t)snprintf(buf + at, cap - at, "id,k,s,e\n");
	for (size_t i = 0; i < rows; i++)
		at += (size_t)snprintf(buf + at, cap - at, "%zu,%zu,v%zu,%s\n", i, (i * 7919) % m, (i * 7919) % m,
		                       i % 3 ? "x" : "");
	char *path = fixture_write(buf, at);
	free(buf);
	return path;
}

Test(sql, approx_count_distinct_small_is_exact)
{
	char *path = make_file(5000, 700);
	char *got = first_row("SELECT approx_count_distinct(k), count(DISTINCT k), approx_count_distinct(s), "
	                      "approx_count_distinct(e), approx_count_distinct(DISTINCT k) FROM '%s'",
	                      path, 1, NULL, 0);
	cr_assert_str_eq(got, "700|700|700|1|700");
	free(got);
	/* NULLs only: 0, like count */
	got = first_row("SELECT approx_count_distinct(e) FROM '%s' WHERE e IS NULL", path, 1, NULL, 0);
	cr_assert_str_eq(got, "0");
	free(got);
	fixture_remove(path);
}

Test(sql, approx_count_distinct_large_and_parallel)
{
	char *path = make_file(300000, 150001);
	char *one = first_row("SELECT approx_count_distinct(k), approx_count_distinct(id), count(*) FROM '%s'", path, 1,
	                      NULL, 0);
	long long k, id, n;
	cr_assert_eq(sscanf(one, "%lld|%lld|%lld", &k, &id, &n), 3);
	cr_assert_eq(n, 300000);
	cr_assert_lt(fabs((double)k - 150001) / 150001, 0.03, "k: %lld", k);
	cr_assert_lt(fabs((double)id - 300000) / 300000, 0.03, "id: %lld", id);
	/* split into parts on threads: the merged sketch is the same sketch, so the same numbers */
	static const uint64_t splits[] = {1000, 2000000, 3000000, 4500000};
	char *parts = first_row("SELECT approx_count_distinct(k), approx_count_distinct(id), count(*) FROM '%s'", path, 4,
	                        splits, 4);
	cr_assert_str_eq(parts, one);
	free(one);
	free(parts);
	fixture_remove(path);
}

Test(sql, approx_count_distinct_by_group)
{
	char *path = make_file(20000, 1000);
	/* within each e group every k value shows up: exact (sparse) counts, on parts too */
	static const uint64_t splits[] = {5000, 90000};
	for (int run = 0; run < 2; run++) {
		char *got = first_row("SELECT count(*), approx_count_distinct(k), count(DISTINCT k) FROM '%s' GROUP BY e "
		                      "ORDER BY e NULLS FIRST",
		                      path, run ? 3 : 1, run ? splits : NULL, run ? 2 : 0);
		cr_assert_str_eq(got, "6667|1000|1000");
		free(got);
	}
	fixture_remove(path);
}

Test(sql, approx_top_count)
{
	char *path = make_file(1000, 4);
	char *got = first_row("SELECT approx_top_count(k, 2), approx_top_count(s, 10), approx_top_count(e, 1) FROM '%s'",
	                      path, 1, NULL, 0);
	cr_assert_str_eq(got, "0 250, 1 250|'v0' 250, 'v1' 250, 'v2' 250, 'v3' 250|'x' 666");
	free(got);
	static const uint64_t splits[] = {777, 5555};
	got = first_row("SELECT approx_top_count(k, 2), approx_top_count(s, 10), approx_top_count(e, 1) FROM '%s'", path,
	                3, splits, 2);
	cr_assert_str_eq(got, "0 250, 1 250|'v0' 250, 'v1' 250, 'v2' 250, 'v3' 250|'x' 666");
	free(got);
	got = first_row("SELECT approx_top_count(e, 3) FROM '%s' WHERE e IS NULL", path, 1, NULL, 0);
	cr_assert_str_eq(got, "NULL");
	free(got);

	sluice_query_options qo;
	sluice_query_options_init(&qo);
	sluice_query *q;
	sluice_error err;
	char sql[256];
	static const char *const bad[] = {"approx_top_count(k)", "approx_top_count(k, 0)", "approx_top_count(k, id)",
	                                  "approx_top_count(k, 1.5)", "approx_count_distinct(k, 2)"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		snprintf(sql, sizeof sql, "SELECT %s FROM '%s'", bad[i], path);
		cr_assert_eq(sluice_query_open(&q, sql, &qo, &err), SLUICE_ERR_SQL, "%s", bad[i]);
	}
	fixture_remove(path);
}
