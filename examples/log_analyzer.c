/* log_analyzer.c - streams a logs table through the libsluice cursor and keeps a moving average of
 * the latency of each service.
 *
 * usage: log_analyzer [-a ALPHA] FILE
 *
 * FILE is a CSV file with a header naming at least the columns service, level and latency_ms (the
 * `logs` table of tools/gen/sluice-gen has them): a file, '-' for standard input, or gzip or zstd
 * data, as sluice_reader_open reads them. For each service it prints one CSV line, services
 * in byte order:
 *
 *   service,records,errors,ewma_latency_ms,max_latency_ms
 *
 * where ewma_latency_ms is the exponentially weighted moving average of latency_ms in file order
 * (the first value starts it; then ewma += ALPHA * (x - ewma), ALPHA 0.1 by default), errors counts
 * the records whose level is ERROR, and a record with an empty latency_ms counts but does not move
 * the average. Exit status: 0 on success, 1 for an unreadable file or bad data, 2 for bad usage.
 *
 * Build against an installed libsluice with
 *   cc -std=c11 -O2 log_analyzer.c $(pkg-config --cflags --libs sluice) -o log_analyzer
 */
#define _POSIX_C_SOURCE 200809L /* write(2) in the fault handler */

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sluice.h>

/* One service's running numbers. */
typedef struct service {
	char *name;
	size_t len;
	unsigned long long records;
	unsigned long long errors;
	unsigned long long latencies; /* records that had a latency */
	double ewma;
	double max;
} service;

typedef struct service_table {
	service *items;
	size_t n, cap;
} service_table;

/* The entry for name, added when it is new; NULL when memory runs out. A log has a handful of
 * services, so a linear search that first tries the last hit is all it takes. */
static service *service_find(service_table *t, const char *name, size_t len, size_t *last)
{
	if (*last < t->n && t->items[*last].len == len && memcmp(t->items[*last].name, name, len) == 0)
		return &t->items[*last];
	for (size_t i = 0; i < t->n; i++) {
		if (t->items[i].len == len && memcmp(t->items[i].name, name, len) == 0) {
			*last = i;
			return &t->items[i];
		}
	}
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 16;
		service *items = realloc(t->items, cap * sizeof *items);
		if (!items)
			return NULL;
		t->items = items;
		t->cap = cap;
	}
	service *s = &t->items[t->n];
	memset(s, 0, sizeof *s);
	s->name = malloc(len + 1);
	if (!s->name)
		return NULL;
	memcpy(s->name, name, len);
	s->name[len] = '\0';
	s->len = len;
	*last = t->n++;
	return s;
}

static void service_table_free(service_table *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->items[i].name);
	free(t->items);
}

static int by_name(const void *a, const void *b)
{
	const service *x = a, *y = b;
	size_t n = x->len < y->len ? x->len : y->len;
	int c = memcmp(x->name, y->name, n);
	return c ? c : (x->len > y->len) - (x->len < y->len);
}

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

/* The value of field f: its bytes in the input when it needs no unescaping, else unescaped into
 * buf (a value is never longer than its raw field, so cap bytes hold any field up to cap). Returns
 * NULL when the field is longer than cap. */
static const char *field_value(const sluice_reader *r, const sluice_field *f, char *buf, size_t cap, size_t *len)
{
	if (!(f->flags & SLUICE_FIELD_NEEDS_UNESCAPE)) {
		*len = f->len;
		return f->ptr;
	}
	*len = 0;
	if (f->len > cap)
		return NULL;
	*len = sluice_field_unescape(sluice_reader_dialect(r), f, buf, cap);
	return buf;
}

/* Parses a latency: a finite decimal number. Returns 0 and sets *out, or -1. */
static int parse_number(const char *p, size_t len, double *out)
{
	char text[64];
	if (len == 0 || len >= sizeof text)
		return -1;
	memcpy(text, p, len);
	text[len] = '\0';
	char *end;
	double v = strtod(text, &end);
	if (end != text + len || !isfinite(v))
		return -1;
	*out = v;
	return 0;
}

/* The index of a header column, or -1 after saying that it is missing. */
static long need_column(const sluice_reader *r, const char *path, const char *name)
{
	long i = sluice_reader_column_index(r, name, strlen(name));
	if (i < 0)
		fprintf(stderr, "log_analyzer: %s: no column '%s'\n", path, name);
	return i;
}

/* Lists the header's columns after a missing one. */
static void print_columns(const sluice_reader *r)
{
	fputs("log_analyzer: the columns are:", stderr);
	for (size_t c = 0; c < sluice_reader_column_count(r); c++) {
		size_t len;
		const char *col = sluice_reader_column_name(r, c, &len);
		fprintf(stderr, " %.*s", (int)len, col);
	}
	fputc('\n', stderr);
}

static void print_reader_error(const sluice_error *e)
{
	const char *file = e->file ? e->file : "input";
	if (e->line)
		fprintf(stderr, "log_analyzer: %s:%llu:%llu: %s\n", file, (unsigned long long)e->line,
		        (unsigned long long)e->column, e->message);
	else
		fprintf(stderr, "log_analyzer: %s: %s\n", file, e->message);
}

/* A mapped file that another process truncates faults when its lost pages are read. Inside library
 * calls the guard turns that into SLUICE_ERR_FAULT; while this program itself reads a field, it
 * calls this, from a signal handler: so only write(2), and exit without returning. */
static void fault_outside(const char *path, uint64_t offset)
{
	static const char head[] = "log_analyzer: ", tail[] = ": the file shrank while it was being read\n";
	(void)offset;
	ssize_t n = write(2, head, sizeof head - 1);
	n = write(2, path ? path : "input", path ? strlen(path) : 5);
	n = write(2, tail, sizeof tail - 1);
	(void)n;
	_Exit(1);
}

/* Reads every record of r into t. Returns 0, or 1 after printing an error. */
static int scan(sluice_reader *r, const char *path, service_table *t, double alpha)
{
	long c_service = need_column(r, path, "service");
	long c_level = need_column(r, path, "level");
	long c_latency = need_column(r, path, "latency_ms");
	if (c_service < 0 || c_level < 0 || c_latency < 0) {
		print_columns(r);
		return 1;
	}

	/* Projection: only these three fields are cut out of each record; the tokenizer steps over
	 * the others (the message column, say) to the end of the record. */
	size_t width = (size_t)c_service;
	if ((size_t)c_level > width)
		width = (size_t)c_level;
	if ((size_t)c_latency > width)
		width = (size_t)c_latency;
	width++;
	bool *wanted = calloc(width, sizeof *wanted);
	if (!wanted) {
		fputs("log_analyzer: out of memory\n", stderr);
		return 1;
	}
	wanted[c_service] = wanted[c_level] = wanted[c_latency] = true;
	int rc = sluice_reader_set_columns(r, wanted, width);
	free(wanted);
	if (rc != SLUICE_OK) {
		print_reader_error(sluice_reader_error(r));
		return 1;
	}

	size_t last = 0;
	char name_buf[256], level_buf[16], latency_buf[64];
	sluice_row row;
	while ((rc = sluice_reader_next(r, &row)) == SLUICE_OK) {
		if (row.nfields < width) {
			fprintf(stderr, "log_analyzer: %s:%llu: only %zu fields, too few for service, level and latency_ms\n",
			        path, (unsigned long long)row.line, row.nfields);
			return 1;
		}
		size_t name_len = 0, level_len = 0, latency_len = 0;
		const char *name = field_value(r, &row.fields[c_service], name_buf, sizeof name_buf, &name_len);
		const char *level = field_value(r, &row.fields[c_level], level_buf, sizeof level_buf, &level_len);
		const char *latency = field_value(r, &row.fields[c_latency], latency_buf, sizeof latency_buf, &latency_len);
		if (!name) {
			fprintf(stderr, "log_analyzer: %s:%llu: service name longer than %zu bytes\n", path,
			        (unsigned long long)row.line, sizeof name_buf);
			return 1;
		}
		service *s = service_find(t, name, name_len, &last);
		if (!s) {
			fputs("log_analyzer: out of memory\n", stderr);
			return 1;
		}
		s->records++;
		if (level && level_len == 5 && memcmp(level, "ERROR", 5) == 0)
			s->errors++;
		if (latency && latency_len == 0)
			continue; /* no latency: counted, but the average does not move */
		double x;
		if (!latency || parse_number(latency, latency_len, &x) != 0) {
			fprintf(stderr, "log_analyzer: %s:%llu:%ld: latency_ms is not a number\n", path,
			        (unsigned long long)row.line, c_latency + 1);
			return 1;
		}
		s->ewma = s->latencies++ ? s->ewma + alpha * (x - s->ewma) : x;
		if (s->latencies == 1 || x > s->max)
			s->max = x;
	}
	if (rc < 0) {
		print_reader_error(sluice_reader_error(r));
		return 1;
	}
	return 0;
}

static int usage(void)
{
	fputs("usage: log_analyzer [-a ALPHA] FILE\n"
	      "  prints service,records,errors,ewma_latency_ms,max_latency_ms per service;\n"
	      "  ALPHA (0 < ALPHA <= 1, default 0.1) weighs the newest latency in the moving average\n",
	      stderr);
	return 2;
}

int main(int argc, char **argv)
{
	double alpha = 0.1;
	const char *path = NULL;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-a") == 0 && i + 1 < argc) {
			char *end;
			alpha = strtod(argv[++i], &end);
			if (*end != '\0' || end == argv[i] || !(alpha > 0 && alpha <= 1))
				return usage();
		} else if (!path && (argv[i][0] != '-' || argv[i][1] == '\0')) {
			path = argv[i];
		} else {
			return usage();
		}
	}
	if (!path)
		return usage();

	if (sluice_fault_guard_install(fault_outside) != 0)
		perror("log_analyzer: the guard against files that shrink is off");
	sluice_options opts;
	sluice_options_init(&opts); /* RFC 4180, a header, the best kernel this CPU has */
	sluice_reader *r;
	sluice_error err;
	if (sluice_reader_open(&r, path, &opts, &err) != SLUICE_OK) {
		print_reader_error(&err);
		return 1;
	}
	service_table t = {0};
	int rc = scan(r, path, &t, alpha);
	sluice_reader_close(r);
	if (rc == 0) {
		qsort(t.items, t.n, sizeof *t.items, by_name);
		printf("service,records,errors,ewma_latency_ms,max_latency_ms\n");
		for (size_t i = 0; i < t.n; i++) {
			const service *s = &t.items[i];
			put_csv(s->name, s->len);
			printf(",%llu,%llu,", s->records, s->errors);
			if (s->latencies)
				printf("%.3f,%.3f\n", s->ewma, s->max);
			else
				printf(",\n");
		}
		if (fflush(stdout) != 0 || ferror(stdout)) {
			perror("log_analyzer: standard output");
			rc = 1;
		}
	}
	service_table_free(&t);
	return rc;
}
