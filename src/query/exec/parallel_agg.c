/* parallel_agg.c - an aggregate query on several threads: a part per piece of the input, merged in file order. */
#include <stdlib.h>
#include <string.h>

#include "query/exec/parallel_agg.h"
#include "io/fault.h"
#include "scan/parallel.h"
#include "scan/scan.h"
#include "query/exec/agg.h"
#include "query/exec/part.h"
#include "query/exec/pipeline.h"
#include "query/exec/scan.h"


/* One thread's share of a parallel aggregate: a part of the query (exec/part.c) over a byte range,
 * whose first pipeline (scan -> aggregate) runs to the range's end, unfinished. */
typedef struct part {
	sluice_query *q;
	const sluice_query *parent;
	uint64_t start, end, stop;
	int rc;
	bool defer;          /* rejects are only counted: the part is run again to hand them out */
	bool ran;            /* run once: its bytes are reported to the progress callback, not again */
	uint64_t rejects;    /* records diverted while deferring */
} part;

/* The reject callback of a deferred part. Parts run at once and may start at a wrong guess, so the
 * parts after the first only count their rejects; those that had any run again, in order, on the
 * calling thread once their start is known to be right (as parallel.c does for counts). */
static void note_part_reject(void *user, const sluice_reject *rj)
{
	(void)rj;
	((part *)user)->rejects++;
}

static void run_part(part *p)
{
	sluice_query_options o = p->parent->qo;
	o.reader.threads = 1;
	o.reader.split_offsets = NULL;
	o.reader.nsplits = 0;
	if (p->ran)
		o.reader.progress = NULL;
	p->ran = true;
	p->rejects = 0;
	if (o.reader.reject && p->defer) {
		o.reader.reject = note_part_reject;
		o.reader.reject_user = p;
	}
	sq_part_close(p->q);
	p->q = NULL;
	p->rc = sq_part_open(&p->q, p->parent, &o);
	if (p->rc)
		return;
	p->rc = sluice_reader_set_range(p->q->r, p->start, p->end);
	if (!p->rc)
		SLUICE_GUARDED(p->rc, sq_pipe_drain(&p->q->pipe->pipe[0]), sq_query_fault(p->q));
	p->stop = sluice_reader_position(p->q->r);
	sluice_reader_release_all(p->q->r); /* it may wait for the parts before it */
}

/* Adds the scan counters of w, a part of q, to q's. */
void sq_add_counters(sluice_query *q, const sluice_query *w)
{
	q->stats.records_seen += w->stats.records_seen;
	q->stats.fields_tokenized += w->stats.fields_tokenized;
	q->stats.fields_materialized += w->stats.fields_materialized;
	q->stats.bytes_prefiltered += w->stats.bytes_prefiltered;
	q->stats.type_errors += w->stats.type_errors;
	if (w->r)
		sq_add_scan_stats(&q->parts_scan, sluice_reader_stats(w->r));
	q->parts_ran = true;
}

void sq_add_scan_stats(sluice_scan_stats *acc, const sluice_scan_stats *s)
{
	acc->records += s->records;
	acc->bytes_indexed += s->bytes_indexed;
	acc->scalar_bytes += s->scalar_bytes;
	acc->repaired_records += s->repaired_records;
	acc->repaired_bare_quote += s->repaired_bare_quote;
	acc->repaired_after_quote += s->repaired_after_quote;
	acc->repaired_unterminated += s->repaired_unterminated;
	acc->fields_skipped += s->fields_skipped;
	acc->bytes_skipped += s->bytes_skipped;
	acc->ragged_padded += s->ragged_padded;
	acc->ragged_truncated += s->ragged_truncated;
	acc->comment_lines += s->comment_lines;
	acc->empty_lines += s->empty_lines;
}

typedef struct part_run {
	sluice_query *q;
	part *parts;
} part_run;

static void run_part_piece(void *user, size_t i)
{
	run_part(&((part_run *)user)->parts[i]);
}

/* Takes the parts in file order: a part runs again when sluice_piece_rerun says so (a wrong guess
 * of its first record, or rejects to hand out); then its states are merged into the query's and
 * it is closed. */
static int take_part_piece(void *user, size_t i)
{
	part_run *run = user;
	sluice_query *q = run->q;
	part *p = &run->parts[i];
	if (sluice_piece_rerun(i == 0, i ? p[-1].stop : 0, &p->start, &p->defer, p->rejects))
		run_part(p);
	int rc = p->rc;
	if (rc) {
		q->failed = true;
		if (p->q)
			q->err = p->q->err;
		else
			q->err.status = rc;
		if (p->q && q->err.file && strcmp(q->err.file, "<query>") != 0)
			q->err.file = q->path; /* the part's strings die with it */
		return rc;
	}
	/* the part's aggregate states into the query's, as its aggregate operator merges them */
	sq_operator *agg = q->pipe->aggregate;
	rc = agg->vt->merge(agg, p->q->pipe->aggregate);
	sq_add_counters(q, p->q);
	sq_part_close(p->q);
	p->q = NULL;
	return rc;
}

/* Aggregates on several threads, which take the pieces of the input in turn. Returns 1 when the
 * input is too small to split. */
int sq_parallel_aggregate(sluice_query *q)
{
	const unsigned t = sluice_thread_count(q->ropts.threads);
	if (t <= 1 && !q->ropts.nsplits)
		return 1;
	/* without a header, a ragged policy measures against the first record: read in order */
	if (q->ropts.ragged != SLUICE_RAGGED_KEEP && !q->ropts.dialect.header)
		return 1;
	uint64_t starts[257];
	size_t k = sluice_plan_pieces(q->r, &q->ropts, t, starts, 256);
	if (k <= 1)
		return 1;
	part *parts = calloc(k, sizeof *parts);
	if (!parts)
		return SLUICE_ERR_NOMEM;
	for (size_t i = 0; i < k; i++)
		parts[i] = (part){.parent = q, .start = starts[i], .end = starts[i + 1], .defer = i > 0};
	part_run run = {.q = q, .parts = parts};
	q->planned_only = true;
	int rc = sluice_run_pieces(k, t, run_part_piece, take_part_piece, &run);
	if (rc == SLUICE_ERR_NOMEM && !q->failed) {
		q->failed = true;
		q->err.status = rc;
	}
	q->finished = true;
	for (size_t i = 0; i < k; i++)
		sq_part_close(parts[i].q);
	free(parts);
	return rc;
}
