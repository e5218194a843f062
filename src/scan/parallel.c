/* parallel.c - splitting a file into byte ranges scanned by threads, with exact record boundaries. */
#include "scan/parallel.h"

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "scan/reader_state.h"
#include "scan/scan.h"

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
	if (!sluice_reader_splittable(r)) {
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

size_t sluice_plan_pieces(sluice_reader *r, const sluice_options *opts, unsigned threads, uint64_t *starts,
                          size_t max)
{
	if (!sluice_reader_splittable(r) || opts->nsplits)
		return sluice_plan_ranges(r, opts, threads, starts, max);
	uint64_t len;
	(void)sluice_reader_bytes(r, &len);
	uint64_t at = sluice_reader_position(r);
	size_t k = 0;
	starts[k++] = at;
	/* pieces below SLUICE_PIECE_MIN are not worth their start-up; one of them is not worth a thread */
	const uint64_t div = 2 * (uint64_t)(threads ? threads : 1);
	while (threads > 1 && k < max && len - at >= 2 * SLUICE_PIECE_MIN) {
		uint64_t size = (len - at) / div;
		if (size < SLUICE_PIECE_MIN)
			size = SLUICE_PIECE_MIN;
		uint64_t g = sluice_reader_guess_record_start(r, at + size);
		if (g <= at || g >= len)
			break;
		starts[k++] = at = g;
	}
	starts[k] = UINT64_MAX;
	return k;
}

typedef struct pieces {
	cpu_set_t allowed;                /* the CPUs the caller may run on */
	bool placed;                      /* the workers start on one of them each */
	size_t k;
	_Atomic(size_t) next;             /* the next piece not yet begun */
	_Atomic(unsigned char) *done;     /* per piece: it has run */
	void (*run)(void *user, size_t i);
	void *user;
} pieces;

/* Runs pieces from the shared counter until none is left. */
static void run_some(pieces *p)
{
	for (;;) {
		size_t i = atomic_fetch_add_explicit(&p->next, 1, memory_order_relaxed);
		if (i >= p->k)
			return;
		p->run(p->user, i);
		atomic_store_explicit(&p->done[i], 1, memory_order_release);
	}
}

static void *pieces_thread(void *arg)
{
	pieces *p = arg;
	/* it was started on one CPU (see start_workers); from here on it may run on any */
	if (p->placed)
		(void)pthread_setaffinity_np(pthread_self(), sizeof p->allowed, &p->allowed);
	run_some(p);
	return NULL;
}

/* Starts up to n threads running pieces; returns how many started. Each starts on a CPU other than
 * the caller's: left to itself the scheduler often starts a new thread on the caller's CPU, and the
 * caller then waits, for as long as 2 to 5 ms on a VM, until an idle CPU wakes up and takes it. */
static size_t start_workers(pieces *p, pthread_t *tids, size_t n)
{
	pthread_attr_t attr;
	if (pthread_attr_init(&attr))
		return 0;
	const int here = sched_getcpu();
	p->placed = sched_getaffinity(0, sizeof p->allowed, &p->allowed) == 0 && CPU_COUNT(&p->allowed) > 1;
	int cpu = -1;
	size_t started = 0;
	while (started < n) {
		if (p->placed) {
			do
				cpu = (cpu + 1) % CPU_SETSIZE;
			while (cpu == here || !CPU_ISSET(cpu, &p->allowed));
			cpu_set_t one;
			CPU_ZERO(&one);
			CPU_SET(cpu, &one);
			(void)pthread_attr_setaffinity_np(&attr, sizeof one, &one);
		}
		if (pthread_create(&tids[started], &attr, pieces_thread, p))
			break;
		started++;
	}
	pthread_attr_destroy(&attr);
	return started;
}

int sluice_run_pieces(size_t k, unsigned threads, void (*run)(void *user, size_t i), int (*take)(void *user, size_t i),
                      void *user)
{
	if (!k)
		return 0;
	size_t nw = threads > 1 ? threads - 1 : 0;
	if (nw > k - 1)
		nw = k - 1;
	pieces p = {.k = k, .run = run, .user = user};
	p.done = calloc(k, sizeof *p.done);
	pthread_t *tids = calloc(nw ? nw : 1, sizeof *tids);
	if (!p.done || !tids) {
		free(p.done);
		free(tids);
		return SLUICE_ERR_NOMEM;
	}
	atomic_init(&p.next, 1);
	for (size_t i = 0; i < k; i++)
		atomic_init(&p.done[i], 0);
	const size_t started = start_workers(&p, tids, nw);
	/* piece 0 here (it alone hands out rejects as it goes), then the others as they come; the
	 * pieces that have run are taken in order between them */
	size_t taken = 0;
	int rc = 0;
	for (size_t i = 0; i < k && !rc;) {
		run(user, i);
		atomic_store_explicit(&p.done[i], 1, memory_order_release);
		while (!rc && taken < k && atomic_load_explicit(&p.done[taken], memory_order_acquire))
			rc = take(user, taken++);
		i = atomic_fetch_add_explicit(&p.next, 1, memory_order_relaxed);
	}
	if (rc)
		atomic_store_explicit(&p.next, k, memory_order_relaxed);
	for (size_t w = 0; w < started; w++)
		pthread_join(tids[w], NULL);
	while (!rc && taken < k)
		rc = take(user, taken++);
	free(p.done);
	free(tids);
	return rc;
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
	bool ran;            /* read once: its bytes are reported to opts->progress, not again */
	uint64_t rejects;    /* records diverted while deferring */
	sluice_scan_stats stats;  /* the range reader's counters (repairs, ...) */
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
	if (j->ran)
		o.progress = NULL;
	j->ran = true;
	/* A piece starts past the header, which the planning reader has read: unless a ragged policy
	 * measures records against it, the piece's reader need not read it again (it would index a
	 * window at the file's start for it). */
	if (o.ragged == SLUICE_RAGGED_KEEP)
		o.dialect.header = false;
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

typedef struct count_run {
	count_job *jobs;
	uint64_t total;
	sluice_scan_stats *acc;
	sluice_error *err;
} count_run;

static void run_count_piece(void *user, size_t i)
{
	run_count(&((count_run *)user)->jobs[i]);
}

/* Reads a piece again when sluice_piece_rerun says so; then adds it up. */
static int take_count_piece(void *user, size_t i)
{
	count_run *c = user;
	count_job *j = &c->jobs[i];
	if (sluice_piece_rerun(i == 0, i ? j[-1].stop : 0, &j->start, &j->defer, j->rejects)) {
		if (j->start >= j->end && j->end != UINT64_MAX) {
			/* the piece before it ran past all of it */
			j->n = 0;
			j->stop = j->start;
			j->rc = 0;
		} else {
			run_count(j);
		}
	}
	if (j->rc) {
		if (c->err)
			*c->err = j->err;
		return j->rc;
	}
	c->total += j->n;
	const sluice_scan_stats *js = &j->stats;
	sluice_scan_stats *acc = c->acc;
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
	return 0;
}

/* Counts the pieces [starts[i], starts[i + 1]) of the file at path on threads, adding each
 * piece's counters to acc. */
static int count_pieces(const char *path, const sluice_options *opts, unsigned threads, const uint64_t *starts,
                        size_t k, uint64_t *n, sluice_scan_stats *acc, sluice_error *err)
{
	sluice_options o = *opts;
	count_job *jobs = calloc(k, sizeof *jobs);
	if (!jobs)
		return SLUICE_ERR_NOMEM;
	for (size_t i = 0; i < k; i++)
		jobs[i] = (count_job){.path = path, .opts = &o, .start = starts[i], .end = starts[i + 1], .defer = i > 0};
	count_run c = {.jobs = jobs, .acc = acc, .err = err};
	int rc = sluice_run_pieces(k, threads, run_count_piece, take_count_piece, &c);
	free(jobs);
	if (!rc)
		*n = c.total;
	return rc;
}

int sluice_reader_count_all(sluice_reader *r, const sluice_options *opts, uint64_t *n)
{
	const unsigned t = sluice_thread_count(opts->threads);
	if ((t <= 1 && !opts->nsplits) || opts->ragged == SLUICE_RAGGED_ERROR)
		return sluice_reader_count_serial(r, n);
	uint64_t starts[257];
	size_t k = sluice_plan_pieces(r, opts, t, starts, 256);
	if (k <= 1)
		return sluice_reader_count_serial(r, n);
	sluice_error err;
	sluice_scan_stats acc;
	memset(&acc, 0, sizeof acc);
	/* the file is reopened per piece; r only planned the split, and gets their counters */
	int rc = count_pieces(r->path, opts, t, starts, k, n, &acc, &err);
	progress_handed_over(r);
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

sluice_status sluice_reader_count_records(sluice_reader *r, uint64_t *n)
{
	return sluice_reader_count_all(r, sluice_reader_options(r), n);
}

sluice_status sluice_file_count_records(const char *path, const sluice_options *opts, uint64_t *n, sluice_error *err)
{
	*n = 0;
	sluice_reader *r;
	int rc = sluice_reader_open(&r, path, opts, err);
	if (rc)
		return rc;
	rc = sluice_reader_count_records(r, n);
	if (rc && err) {
		*err = *sluice_reader_error(r);
		err->file = path; /* the reader's copy dies with it */
	}
	sluice_reader_close(r);
	return rc;
}
