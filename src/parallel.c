/* parallel.c - splitting a file into byte ranges scanned by threads, with exact record boundaries. */
#include "parallel.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "reader_internal.h"

unsigned sluice_thread_count(unsigned requested)
{
	if (requested)
		return requested > 256 ? 256 : requested;
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > 256 ? 256 : (unsigned)n;
}

size_t sluice_plan_ranges(sluice_reader *r, const sluice_options *opts, unsigned threads, uint64_t *starts,
                          size_t max)
{
	uint64_t len;
	(void)sluice_reader_bytes(r, &len);
	const uint64_t first = sluice_reader_position(r);
	size_t k = 0;
	starts[k++] = first;
	if (!sluice_reader_is_mapped(r)) {
		/* a stream is read once, in order; memory has no path to open again */
	} else if (opts->nsplits) {
		for (size_t i = 0; i < opts->nsplits && k < max; i++) {
			uint64_t g = sluice_reader_guess_record_start(r, opts->split_offsets[i]);
			if (g > starts[k - 1] && g < len)
				starts[k++] = g;
		}
	} else {
		/* ranges below 1 MiB are not worth a thread */
		uint64_t span = len - first;
		unsigned t = threads;
		while (t > 1 && span / t < ((uint64_t)1 << 20))
			t--;
		for (unsigned i = 1; i < t && k < max; i++) {
			uint64_t g = sluice_reader_guess_record_start(r, first + span / t * i);
			if (g > starts[k - 1] && g < len)
				starts[k++] = g;
		}
	}
	starts[k] = UINT64_MAX;
	return k;
}

typedef struct count_job {
	const char *path;
	const sluice_options *opts;
	uint64_t start, end;
	uint64_t n;
	uint64_t stop;       /* where the range really ended: the first record start >= end */
	int rc;
	sluice_error err;
	bool defer;          /* rejects are only counted: the range is read again to hand them out */
	uint64_t rejects;    /* records diverted while deferring */
	sluice_stats stats;  /* the range reader's counters (repairs, ...) */
} count_job;

/* The reject callback of a deferred range. A range that starts at a wrong guess (inside a quoted
 * field) may see rejects that are not there, and ranges run at once: so the ranges after the first
 * only count their rejects, and those that had any are read again, in order, on the calling thread,
 * once their start is known to be right. Rejects are rare; memory stays constant. */
static void note_reject(void *user, const sluice_reject *rj)
{
	(void)rj;
	((count_job *)user)->rejects++;
}

static void run_count(count_job *j)
{
	sluice_reader *r;
	sluice_options o = *j->opts;
	o.threads = 1;
	j->rejects = 0;
	if (o.reject && j->defer) {
		o.reject = note_reject;
		o.reject_user = j;
	}
	j->rc = sluice_reader_open(&r, j->path, &o, &j->err);
	if (j->rc) {
		j->err.file = j->path;
		return;
	}
	/* a count needs no line numbers as it goes: an error counts its line when it happens */
	sluice_reader_set_line_tracking(r, false);
	j->rc = sluice_reader_set_range(r, j->start, j->end);
	if (!j->rc)
		j->rc = sluice_reader_count_serial(r, &j->n);
	if (j->rc) {
		j->err = *sluice_reader_error(r);
		j->err.file = j->path;
	}
	j->stats = *sluice_reader_stats(r);
	j->stop = sluice_reader_position(r);
	sluice_reader_close(r);
}

static void *count_thread(void *arg)
{
	run_count(arg);
	return NULL;
}

/* Counts the ranges [starts[i], starts[i + 1]) of the file at path on threads, adding each
 * range reader's counters to acc. */
static int count_ranges(const char *path, const sluice_options *opts, const uint64_t *starts, size_t k, uint64_t *n,
                        sluice_stats *acc, sluice_error *err)
{
	sluice_options o = *opts;
	int rc;
	count_job *jobs = calloc(k, sizeof *jobs);
	pthread_t *tids = calloc(k, sizeof *tids);
	bool *started = calloc(k, sizeof *started);
	if (!jobs || !tids || !started) {
		free(jobs);
		free(tids);
		free(started);
		return SLUICE_ERR_NOMEM;
	}
	for (size_t i = 0; i < k; i++) {
		jobs[i] = (count_job){.path = path, .opts = &o, .start = starts[i], .end = starts[i + 1], .defer = i > 0};
		started[i] = i > 0 && pthread_create(&tids[i], NULL, count_thread, &jobs[i]) == 0;
	}
	run_count(&jobs[0]);
	for (size_t i = 1; i < k; i++) {
		if (started[i])
			pthread_join(tids[i], NULL);
		else
			run_count(&jobs[i]);
	}
	/* Check each guess against where the range before it really ended; re-read a range from the
	 * right place when they differ (its guess fell inside a quoted field). */
	rc = 0;
	uint64_t total = 0;
	for (size_t i = 0; i < k && !rc; i++) {
		if (i > 0 && jobs[i].start != jobs[i - 1].stop) {
			jobs[i].start = jobs[i - 1].stop;
			jobs[i].defer = false;
			if (jobs[i].start >= jobs[i].end && jobs[i].end != UINT64_MAX) {
				jobs[i].n = 0;
				jobs[i].stop = jobs[i].start;
				jobs[i].rc = 0;
			} else {
				run_count(&jobs[i]);
			}
		} else if (jobs[i].defer && jobs[i].rejects) {
			/* the right start: read it again to hand its rejects out (up to its error, if any) */
			jobs[i].defer = false;
			run_count(&jobs[i]);
		}
		rc = jobs[i].rc;
		if (rc && err)
			*err = jobs[i].err;
		total += jobs[i].n;
		const sluice_stats *js = &jobs[i].stats;
		acc->repaired_records += js->repaired_records;
		acc->repaired_bare_quote += js->repaired_bare_quote;
		acc->repaired_after_quote += js->repaired_after_quote;
		acc->repaired_unterminated += js->repaired_unterminated;
		acc->ragged_padded += js->ragged_padded;
		acc->ragged_truncated += js->ragged_truncated;
		acc->comment_lines += js->comment_lines;
		acc->empty_lines += js->empty_lines;
		acc->bytes_indexed += js->bytes_indexed;
		acc->scalar_bytes += js->scalar_bytes;
		acc->bytes_skipped += js->bytes_skipped;
	}
	free(jobs);
	free(tids);
	free(started);
	if (!rc)
		*n = total;
	return rc;
}

int sluice_reader_count_all(sluice_reader *r, const sluice_options *opts, uint64_t *n)
{
	const unsigned t = sluice_thread_count(opts->threads);
	if ((t <= 1 && !opts->nsplits) || opts->ragged == SLUICE_RAGGED_ERROR)
		return sluice_reader_count_serial(r, n);
	uint64_t starts[257];
	size_t k = sluice_plan_ranges(r, opts, t, starts, 256);
	if (k <= 1)
		return sluice_reader_count_serial(r, n);
	sluice_error err;
	sluice_stats acc;
	memset(&acc, 0, sizeof acc);
	/* the file is reopened per range; r only planned the split, and gets their counters */
	int rc = count_ranges(sluice_reader_path(r), opts, starts, k, n, &acc, &err);
	if (rc) {
		sluice_reader_set_error(r, &err);
		return rc;
	}
	/* Repairs are counted by the indexer, which reads a little past a range's end: summed over
	 * ranges they can count a record twice. A file that needed any (lenient reading of malformed
	 * quoting, rare in practice) is counted again on one thread for exact figures. */
	if (acc.repaired_records)
		return sluice_reader_count_serial(r, n);
	sluice_reader_counted(r, &acc, *n);
	return SLUICE_OK;
}

int sluice_reader_count(sluice_reader *r, uint64_t *n)
{
	return sluice_reader_count_all(r, sluice_reader_options(r), n);
}

int sluice_count_file(const char *path, const sluice_options *opts, uint64_t *n, sluice_error *err)
{
	*n = 0;
	sluice_reader *r;
	int rc = sluice_reader_open(&r, path, opts, err);
	if (rc)
		return rc;
	rc = sluice_reader_count(r, n);
	if (rc && err) {
		*err = *sluice_reader_error(r);
		err->file = path; /* the reader's copy dies with it */
	}
	sluice_reader_close(r);
	return rc;
}
