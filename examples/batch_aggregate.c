/* batch_aggregate.c - runs a filtered GROUP BY over a trips table with the libsluice query API and
 * reads the result as column batches.
 *
 * usage: batch_aggregate FILE [MIN_FARE]
 *
 * FILE is a CSV file with the columns payment_type and fare (the `trips` table of tools/gen/sluice-gen
 * has them). It runs
 *
 *   SELECT payment_type, count(*) AS trips, sum(fare) AS total_fare, avg(fare) AS avg_fare
 *   FROM 'FILE' WHERE fare > MIN_FARE GROUP BY payment_type ORDER BY payment_type
 *
 * (MIN_FARE 50 by default) on one thread per core and prints the result as CSV, the column names
 * first. Exit status: 0 on success, 1 for an unreadable file or bad data, 2 for bad usage or a query
 * that does not fit the file (a missing column, say).
 *
 * Build against an installed libsluice with
 *   cc -std=c11 -O2 batch_aggregate.c $(pkg-config --cflags --libs sluice) -o batch_aggregate
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sluice.h>

/* Writes a CSV field, quoted when it holds a delimiter, a quote or a line break. */
static void put_csv(const char *p, size_t len)
{
	if (memchr(p, ',', len) || memchr(p, '"', len) || memchr(p, '\n', len) || memchr(p, '\r', len)) {
		putchar('"');
		for (size_t i = 0; i < len; i++) {
			if (p[i] == '"')
				putchar('"');
			putchar(p[i]);
		}
		putchar('"');
	} else {
		fwrite(p, 1, len, stdout);
	}
}

/* Writes one value as text: sluice_value_format gives numbers that read back the same, and ""
 * for NULL. Returns 0, or -1 when memory runs out. */
static int put_value(const sluice_value *v)
{
	char small[64];
	size_t need = sluice_value_format(v, small, sizeof small);
	if (need < sizeof small) {
		put_csv(small, need);
		return 0;
	}
	char *big = malloc(need + 1); /* a long VARCHAR */
	if (!big)
		return -1;
	sluice_value_format(v, big, need + 1);
	put_csv(big, need);
	free(big);
	return 0;
}

/* SELECT ... FROM 'path' ...: the path between single quotes, each quote in it doubled. Returns a
 * string the caller frees, or NULL when memory runs out. */
static char *build_sql(const char *path, double min_fare)
{
	static const char head[] = "SELECT payment_type, count(*) AS trips, sum(fare) AS total_fare, "
	                           "avg(fare) AS avg_fare FROM '";
	char tail[128];
	snprintf(tail, sizeof tail, "' WHERE fare > %.17g GROUP BY payment_type ORDER BY payment_type", min_fare);
	size_t quotes = 0;
	for (const char *p = path; *p; p++)
		quotes += *p == '\'';
	size_t len = strlen(head) + strlen(path) + quotes + strlen(tail);
	char *sql = malloc(len + 1);
	if (!sql)
		return NULL;
	char *w = sql;
	memcpy(w, head, strlen(head));
	w += strlen(head);
	for (const char *p = path; *p; p++) {
		if (*p == '\'')
			*w++ = '\'';
		*w++ = *p;
	}
	memcpy(w, tail, strlen(tail) + 1);
	return sql;
}

/* Prints an error of sluice_query_open or of the scan, with its location when it has one. An SQL
 * error (a column the file lacks, say) is about the file here: this program wrote the SQL. */
static void print_error(const sluice_error *e, const char *path)
{
	const char *file = e->file && e->status != SLUICE_ERR_SQL ? e->file : path;
	if (e->line)
		fprintf(stderr, "batch_aggregate: %s:%llu:%llu: %s\n", file, (unsigned long long)e->line,
		        (unsigned long long)e->column, e->message);
	else
		fprintf(stderr, "batch_aggregate: %s: %s\n", file, e->message);
}

/* Prints every batch of q. Returns 0, or 1 after printing an error. */
static int print_result(sluice_query *q, const char *path)
{
	size_t ncols = sluice_query_column_count(q);
	for (size_t c = 0; c < ncols; c++) {
		const char *name = sluice_query_column_name(q, c);
		if (c)
			putchar(',');
		put_csv(name, strlen(name));
	}
	putchar('\n');

	sluice_batch b;
	int rc;
	while ((rc = sluice_query_next_batch(q, &b)) == SLUICE_OK) {
		/* Column-major: b.columns[c] is an array of b.nrows values, valid until the next call. */
		for (size_t i = 0; i < b.nrows; i++) {
			for (size_t c = 0; c < b.ncols; c++) {
				if (c)
					putchar(',');
				if (put_value(&b.columns[c][i]) != 0) {
					fputs("batch_aggregate: out of memory\n", stderr);
					return 1;
				}
			}
			putchar('\n');
		}
	}
	if (rc < 0) {
		print_error(sluice_query_error(q), path);
		return 1;
	}
	const sluice_exec_stats *st = sluice_query_stats(q);
	if (st->type_errors)
		fprintf(stderr, "batch_aggregate: %s: %llu values did not fit their column's type and were read as NULL\n",
		        path, (unsigned long long)st->type_errors);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 2 || argc > 3 || argv[1][0] == '\0') {
		fputs("usage: batch_aggregate FILE [MIN_FARE]\n", stderr);
		return 2;
	}
	const char *path = argv[1];
	double min_fare = 50;
	if (argc == 3) {
		char *end;
		min_fare = strtod(argv[2], &end);
		if (end == argv[2] || *end != '\0' || !isfinite(min_fare)) {
			fprintf(stderr, "batch_aggregate: MIN_FARE must be a number, not '%s'\n", argv[2]);
			return 2;
		}
	}

	char *sql = build_sql(path, min_fare);
	if (!sql) {
		fputs("batch_aggregate: out of memory\n", stderr);
		return 1;
	}
	sluice_query_options qo;
	sluice_query_options_init(&qo);
	qo.reader.threads = 0; /* aggregate on one thread per core */
	sluice_query *q;
	sluice_error err;
	int status = sluice_query_open(&q, sql, &qo, &err);
	free(sql);
	if (status != SLUICE_OK) {
		print_error(&err, path);
		return status == SLUICE_ERR_SQL || status == SLUICE_ERR_INVALID_OPTION ? 2 : 1;
	}
	int rc = print_result(q, path);
	sluice_query_close(q);
	if (rc == 0 && (fflush(stdout) != 0 || ferror(stdout))) {
		perror("batch_aggregate: standard output");
		rc = 1;
	}
	return rc;
}
