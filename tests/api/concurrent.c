/* concurrent.c - independent queries on several threads at once (sluice.h promises they may run so):
 * each of two threads runs, again and again, a query that sorts and one that groups, over one file,
 * and checks every row against answers computed here. Plain C and pthreads, no test framework, so
 * that tools/run-tests.sh also runs it built with ThreadSanitizer, which then reports any state two
 * queries share. Exit 0 when every answer is right, 1 otherwise. */
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sluice.h>

enum { ROWS = 6000, GROUPS = 37, THREADS = 2, ROUNDS = 4 };

typedef struct row {
	int64_t id, grp, v;
} row;

static row rows[ROWS];        /* the file's rows, written once before the threads start */
static row sorted[ROWS];      /* ORDER BY v DESC, id */
static int64_t group_count[GROUPS], group_sum[GROUPS];
static char path[64];
static pthread_barrier_t start;

static int by_v_desc_id(const void *pa, const void *pb)
{
	const row *a = pa, *b = pb;
	if (a->v != b->v)
		return a->v > b->v ? -1 : 1;
	return (a->id > b->id) - (a->id < b->id);
}

/* The table: distinct ids in a shuffled order, values with many ties, GROUPS groups. */
static int write_table(void)
{
	int fd = -1;
	snprintf(path, sizeof path, "%s", "/tmp/sluice-concurrent-XXXXXX");
	if ((fd = mkstemp(path)) < 0)
		return -1;
	FILE *f = fdopen(fd, "w");
	if (!f)
		return -1;
	fprintf(f, "id,grp,v\n");
	for (int i = 0; i < ROWS; i++) {
		int64_t id = (int64_t)((i * 7919L) % ROWS); /* 7919 is prime to ROWS: a permutation */
		rows[i] = (row){id, id % GROUPS, (id * 31) % 500};
		fprintf(f, "%lld,%lld,%lld\n", (long long)id, (long long)rows[i].grp, (long long)rows[i].v);
		group_count[rows[i].grp]++;
		group_sum[rows[i].grp] += rows[i].v;
	}
	memcpy(sorted, rows, sizeof rows);
	qsort(sorted, ROWS, sizeof sorted[0], by_v_desc_id);
	return fclose(f) == 0 ? 0 : -1;
}

/* Runs sql and hands each row to check(k, row); false when anything differs or fails. */
static bool run(const char *sql, size_t want_rows, bool (*check)(size_t, const sluice_value *))
{
	sluice_query_options qo;
	sluice_query_options_init(&qo);
	sluice_query *q = NULL;
	sluice_error err;
	if (sluice_query_open(&q, sql, &qo, &err) != SLUICE_OK) {
		fprintf(stderr, "concurrent: %s: %s\n", sql, err.message);
		return false;
	}
	bool ok = true;
	size_t k = 0;
	const sluice_value *v;
	int rc;
	while ((rc = sluice_query_next(q, &v)) == SLUICE_OK) {
		if (k >= want_rows || !check(k, v)) {
			fprintf(stderr, "concurrent: %s: row %zu is wrong\n", sql, k);
			ok = false;
			break;
		}
		k++;
	}
	if (ok && rc != SLUICE_END) {
		fprintf(stderr, "concurrent: %s: %s\n", sql, sluice_query_error(q)->message);
		ok = false;
	}
	if (ok && k != want_rows) {
		fprintf(stderr, "concurrent: %s: %zu rows, want %zu\n", sql, k, want_rows);
		ok = false;
	}
	sluice_query_close(q);
	return ok;
}

static bool sorted_row(size_t k, const sluice_value *v)
{
	return !v[0].null && !v[1].null && v[0].u.i == sorted[k].id && v[1].u.i == sorted[k].v;
}

static bool group_row(size_t k, const sluice_value *v)
{
	return v[0].u.i == (int64_t)k && v[1].u.i == group_count[k] && v[2].u.i == group_sum[k];
}

static void *worker(void *arg)
{
	bool *ok = arg;
	char sort_sql[128], group_sql[160];
	snprintf(sort_sql, sizeof sort_sql, "SELECT id, v FROM '%s' ORDER BY v DESC, id", path);
	snprintf(group_sql, sizeof group_sql, "SELECT grp, count(*), sum(v) FROM '%s' GROUP BY grp ORDER BY grp", path);
	pthread_barrier_wait(&start);
	for (int r = 0; r < ROUNDS && *ok; r++)
		*ok = run(sort_sql, ROWS, sorted_row) && run(group_sql, GROUPS, group_row);
	return NULL;
}

int main(void)
{
	if (write_table()) {
		perror("concurrent: writing the table");
		return 1;
	}
	pthread_t t[THREADS];
	bool ok[THREADS];
	pthread_barrier_init(&start, NULL, THREADS);
	for (int i = 0; i < THREADS; i++) {
		ok[i] = true;
		if (pthread_create(&t[i], NULL, worker, &ok[i])) {
			perror("concurrent: pthread_create");
			unlink(path);
			return 1;
		}
	}
	bool all = true;
	for (int i = 0; i < THREADS; i++) {
		pthread_join(t[i], NULL);
		all = all && ok[i];
	}
	pthread_barrier_destroy(&start);
	unlink(path);
	printf("concurrent: %d threads x %d rounds of a sort and a group-by: %s\n", THREADS, ROUNDS,
	       all ? "all answers right" : "WRONG ANSWERS");
	return all ? 0 : 1;
}
