/* sluice-gen.c - writes the synthetic CSV tables "trips" and "logs", deterministic by seed, at disk speed. */
#ifndef _GNU_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gen/gen.h"

/* Output is staged in one large buffer handed to write(2) whole. A row is formatted straight into
 * the buffer, so the buffer is flushed while at least ROW_MAX bytes (gen.h) are free. */
#define OUT_BUF_SIZE ((size_t)4 << 20)

/* ---------------------------------------------------------------------------------------------
 * Output sink.
 * ------------------------------------------------------------------------------------------- */
typedef struct sink {
	int fd;
	const char *name;
	char *buf;
	size_t pos;
	uint64_t flushed; /* bytes already written out */
} sink;

static bool sink_flush(sink *o)
{
	size_t done = 0;
	while (done < o->pos) {
		ssize_t n = write(o->fd, o->buf + done, o->pos - done);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			fprintf(stderr, "sluice-gen: write %s: %s\n", o->name, strerror(errno));
			return false;
		}
		done += (size_t)n;
	}
	o->flushed += o->pos;
	o->pos = 0;
	return true;
}

/* ---------------------------------------------------------------------------------------------
 * Command line.
 * ------------------------------------------------------------------------------------------- */
static void usage(FILE *f)
{
	fputs("usage: sluice-gen trips|logs [--rows N | --size BYTES] [--seed S] [-o FILE]\n"
	      "  --rows N      write N records (default 1000000)\n"
	      "  --size BYTES  write records until the output, header included, reaches BYTES;\n"
	      "                suffixes K M G T are powers of 1000, Ki Mi Gi Ti powers of 1024\n"
	      "                (case-insensitive, optional trailing B: 2G = 2GB = 2000000000)\n"
	      "  --seed S      64-bit seed (default 42); equal seeds give equal rows\n"
	      "  -o FILE       write to FILE instead of stdout (\"-\": stdout)\n"
	      "The number of records written (header excluded) is printed on stderr as \"records: N\".\n",
	      f);
}

static int usage_error(const char *what, const char *arg)
{
	if (arg)
		fprintf(stderr, "sluice-gen: %s: '%s'\n", what, arg);
	else
		fprintf(stderr, "sluice-gen: %s\n", what);
	fputs("usage: sluice-gen trips|logs [--rows N | --size BYTES] [--seed S] [-o FILE]   (--help for more)\n",
	      stderr);
	return 2;
}

/* Parses a decimal unsigned 64-bit number; *end gets the first byte after the digits. */
static bool parse_u64(const char *s, uint64_t *out, const char **end)
{
	uint64_t v = 0;
	const char *p = s;
	if (*p < '0' || *p > '9')
		return false;
	for (; *p >= '0' && *p <= '9'; p++) {
		uint64_t d = (uint64_t)(*p - '0');
		if (v > (UINT64_MAX - d) / 10)
			return false;
		v = v * 10 + d;
	}
	*out = v;
	*end = p;
	return true;
}

static bool parse_number(const char *s, uint64_t *out)
{
	const char *end;
	return parse_u64(s, out, &end) && *end == '\0';
}

static bool parse_size(const char *s, uint64_t *out)
{
	const char *p;
	uint64_t v;
	if (!parse_u64(s, &v, &p))
		return false;
	uint64_t unit = 1;
	int power = 0;
	switch (*p) {
	case 'k': case 'K': power = 1; break;
	case 'm': case 'M': power = 2; break;
	case 'g': case 'G': power = 3; break;
	case 't': case 'T': power = 4; break;
	default: break;
	}
	if (power) {
		p++;
		uint64_t base = 1000;
		if (*p == 'i' || *p == 'I') {
			base = 1024;
			p++;
		}
		while (power--)
			unit *= base;
	}
	if (*p == 'b' || *p == 'B')
		p++;
	if (*p != '\0' || v > UINT64_MAX / unit)
		return false;
	*out = v * unit;
	return true;
}

/* The command line, parsed. */
typedef struct gen_args {
	const char *table, *path;
	uint64_t rows, size, seed;
	bool have_rows, have_size;
} gen_args;

/* Which option a is, and its value: after its '=' or the next argument. Returns 0, or 2 after a usage error. */
static int option_value(const char *a, int argc, char **argv, int *i, const char **name, const char **val)
{
	static const char *const names[] = {"--rows", "--size", "--seed", "-o", "--output"};
	*name = NULL;
	*val = NULL;
	for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
		size_t n = strlen(names[k]);
		if (strncmp(a, names[k], n) == 0 && (a[n] == '\0' || (a[n] == '=' && a[1] == '-'))) {
			*name = names[k];
			*val = a[n] == '=' ? a + n + 1 : NULL;
			break;
		}
	}
	if (!*name)
		return usage_error("unknown option", a);
	if (!*val) {
		if (*i + 1 >= argc)
			return usage_error("missing value for", a);
		*val = argv[++*i];
	}
	return 0;
}

/* Fills *g from argv. Returns -1 to go on, or the exit status (0 after --help). */
static int parse_args(int argc, char **argv, gen_args *g)
{
	*g = (gen_args){.rows = 1000000, .seed = 42};
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			usage(stdout);
			return 0;
		}
		if (a[0] != '-' || a[1] == '\0') {
			if (g->table)
				return usage_error("unexpected argument", a);
			g->table = a;
			continue;
		}
		const char *name, *val;
		if (option_value(a, argc, argv, &i, &name, &val) != 0)
			return 2;
		if (strcmp(name, "--rows") == 0) {
			if (!parse_number(val, &g->rows))
				return usage_error("--rows wants a non-negative integer, got", val);
			g->have_rows = true;
		} else if (strcmp(name, "--size") == 0) {
			if (!parse_size(val, &g->size))
				return usage_error("--size wants BYTES with an optional K/M/G/T or Ki/Mi/Gi/Ti suffix, got", val);
			g->have_size = true;
		} else if (strcmp(name, "--seed") == 0) {
			if (!parse_number(val, &g->seed))
				return usage_error("--seed wants an unsigned 64-bit integer, got", val);
		} else {
			g->path = val;
		}
	}
	if (!g->table)
		return usage_error("missing table name (trips or logs)", NULL);
	if (strcmp(g->table, "trips") != 0 && strcmp(g->table, "logs") != 0)
		return usage_error("unknown table (want trips or logs)", g->table);
	if (g->have_rows && g->have_size)
		return usage_error("--rows and --size exclude each other", NULL);
	return -1;
}

int main(int argc, char **argv)
{
	gen_args args;
	int status = parse_args(argc, argv, &args);
	if (status >= 0)
		return status;
	const bool trips = strcmp(args.table, "trips") == 0;

	sink o = {.fd = STDOUT_FILENO, .name = "<stdout>"};
	if (args.path && strcmp(args.path, "-") != 0) {
		o.fd = open(args.path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (o.fd < 0) {
			fprintf(stderr, "sluice-gen: %s: %s\n", args.path, strerror(errno));
			return 1;
		}
		o.name = args.path;
	}
	o.buf = malloc(OUT_BUF_SIZE);
	/* The table state (a few KiB) lives on the heap with the buffer. */
	trips_gen *tg = trips ? trips_new(args.seed) : NULL;
	logs_gen *lg = trips ? NULL : logs_new(args.seed);
	if (!o.buf || (trips ? !tg : !lg)) {
		fputs("sluice-gen: out of memory\n", stderr);
		return 1;
	}

	const char *header = trips ? trips_header : logs_header;
	size_t header_len = strlen(header);
	memcpy(o.buf, header, header_len);
	o.pos = header_len;

	uint64_t n = 0;
	bool ok = true;
	for (;;) {
		if (args.have_size ? o.flushed + o.pos >= args.size : n == args.rows)
			break;
		if (OUT_BUF_SIZE - o.pos < ROW_MAX && !(ok = sink_flush(&o)))
			break;
		char *end = trips ? trips_row(tg, o.buf + o.pos) : logs_row(lg, o.buf + o.pos);
		o.pos = (size_t)(end - o.buf);
		n++;
	}
	if (ok)
		ok = sink_flush(&o);
	if (ok && o.fd != STDOUT_FILENO && close(o.fd) != 0) {
		fprintf(stderr, "sluice-gen: close %s: %s\n", o.name, strerror(errno));
		ok = false;
	}
	free(o.buf);
	free(tg);
	free(lg);
	if (!ok)
		return 1;
	fprintf(stderr, "records: %llu\n", (unsigned long long)n);
	return 0;
}
