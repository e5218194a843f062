/* tokenize.c - sluice-bench-tokenize: times a full field-by-field scan of one file with one forced kernel. */
#ifndef _GNU_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "sluice.h"

#define EXIT_USAGE 2
#define EXIT_SKIP 77 /* the kernel is not supported here: the meson/automake "skipped" code */

/* What one scan saw. The sums depend on every field's length and first byte, so the compiler
 * cannot drop the loop, and two kernels that split the file differently print different sums. */
typedef struct scan_result {
	uint64_t records;
	uint64_t fields;
	uint64_t field_bytes; /* sum of field lengths (raw bytes for fields that need unescaping) */
	uint64_t first_bytes; /* sum of the first byte of each non-empty field */
	double seconds;       /* open to close, CLOCK_MONOTONIC */
	sluice_kernel kernel; /* the kernel the reader ran (AUTO resolved) */
} scan_result;

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void print_error(const char *path, int status, const sluice_error *e)
{
	if (e)
		fprintf(stderr, "sluice-bench-tokenize: %s: %s (line %" PRIu64 ", field %" PRIu64 ", offset %" PRIu64
		                "): %s\n",
		        path, sluice_status_name(status), e->line, e->column, e->offset, e->message);
	else
		fprintf(stderr, "sluice-bench-tokenize: %s: %s\n", path, sluice_status_name(status));
}

/* Returns 0, or 1 after printing the error. */
static int scan(const char *path, const sluice_options *opts, scan_result *res)
{
	memset(res, 0, sizeof *res);
	double t0 = now_seconds();

	sluice_error err;
	sluice_reader *r = NULL;
	int st = sluice_reader_open(&r, path, opts, &err);
	if (st < 0) {
		print_error(path, st, &err);
		return 1;
	}
	res->kernel = sluice_reader_kernel(r);
	sluice_row row;
	uint64_t records = 0, fields = 0, field_bytes = 0, first_bytes = 0;
	while ((st = sluice_reader_next(r, &row)) == SLUICE_OK) {
		records++;
		fields += row.nfields;
		for (size_t i = 0; i < row.nfields; i++) {
			const sluice_field *f = &row.fields[i];
			field_bytes += f->len;
			if (f->len)
				first_bytes += (unsigned char)f->ptr[0];
		}
	}
	if (st < 0) {
		print_error(path, st, sluice_reader_error(r));
		sluice_reader_close(r);
		return 1;
	}
	sluice_reader_close(r);

	res->seconds = now_seconds() - t0;
	res->records = records;
	res->fields = fields;
	res->field_bytes = field_bytes;
	res->first_bytes = first_bytes;
	return 0;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static int usage_error(const char *msg)
{
	if (msg)
		fprintf(stderr, "sluice-bench-tokenize: %s\n", msg);
	fputs("usage: sluice-bench-tokenize FILE KERNEL [--runs N]\n"
	      "  KERNEL: scalar, sse42, avx2, avx512, neon or auto; exit status 77 when not supported here\n",
	      stderr);
	return EXIT_USAGE;
}

int main(int argc, char **argv)
{
	if (argc != 3 && argc != 5)
		return usage_error(NULL);
	const char *path = argv[1];
	const char *kname = argv[2];
	long runs = 1;
	if (argc == 5) {
		char *end;
		if (strcmp(argv[3], "--runs") != 0)
			return usage_error("unknown option");
		errno = 0;
		runs = strtol(argv[4], &end, 10);
		if (errno || *end || end == argv[4] || runs < 1 || runs > 1000)
			return usage_error("--runs wants an integer from 1 to 1000");
	}

	sluice_kernel kernel;
	if (sluice_kernel_from_name(kname, &kernel) != SLUICE_OK)
		return usage_error("unknown kernel name");
	if (!sluice_kernel_supported(kernel)) {
		fprintf(stderr, "sluice-bench-tokenize: kernel %s is not supported on this machine\n", kname);
		return EXIT_SKIP;
	}

	struct stat sb;
	if (stat(path, &sb) != 0) {
		fprintf(stderr, "sluice-bench-tokenize: %s: %s\n", path, strerror(errno));
		return 1;
	}
	uint64_t bytes = (uint64_t)sb.st_size;

	sluice_options opts;
	sluice_options_init(&opts);
	opts.kernel = kernel;

	double *secs = malloc((size_t)runs * sizeof *secs);
	if (!secs) {
		fputs("sluice-bench-tokenize: out of memory\n", stderr);
		return 1;
	}
	scan_result res;
	const char *ran = "?";
	for (long i = 0; i < runs; i++) {
		if (scan(path, &opts, &res) != 0) {
			free(secs);
			return 1;
		}
		secs[i] = res.seconds;
		ran = sluice_kernel_name(res.kernel);
		printf("kernel=%s bytes=%" PRIu64 " records=%" PRIu64 " fields=%" PRIu64 " sum=%" PRIu64 ":%" PRIu64
		       " seconds=%.6f GB/s=%.3f\n",
		       ran, bytes, res.records, res.fields, res.field_bytes, res.first_bytes, res.seconds,
		       res.seconds > 0 ? (double)bytes / 1e9 / res.seconds : 0.0);
	}
	if (runs > 1) {
		qsort(secs, (size_t)runs, sizeof *secs, cmp_double);
		double med = runs % 2 ? secs[runs / 2] : (secs[runs / 2 - 1] + secs[runs / 2]) / 2;
		printf("kernel=%s runs=%ld median_seconds=%.6f median_GB/s=%.3f\n", ran, runs, med,
		       med > 0 ? (double)bytes / 1e9 / med : 0.0);
	}
	free(secs);
	return 0;
}
