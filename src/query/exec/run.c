/* run.c - running a query: its pipelines of operators (exec/pipeline.h) driven to the result batches, with the parallel paths around them. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "query/exec/run.h"
#include "io/fault.h"
#include "scan/parallel.h"
#include "scan/scan.h"
#include "query/exec/agg.h"
#include "query/exec/eval.h"
#include "query/exec/group.h"
#include "query/exec/parallel_agg.h"
#include "query/exec/parallel_rows.h"
#include "query/exec/pipeline.h"
#include "query/exec/scan.h"

static int next_batch(sluice_query *q, sluice_batch *b);

/* Runs every pipeline but the last to its end: the scan into the aggregate (on several threads when
 * the input splits, each part's states merged by the aggregate operator) or the order operator,
 * the aggregate's groups into the rows, each sink finished. */
static int run_breakers(sluice_query *q)
{
	sq_pipeline *pl = q->pipe;
	if (pl->parallel_agg && !q->finished) {
		int rc = sq_parallel_aggregate(q);
		if (rc < 0)
			return rc;
	}
	for (size_t i = 0; i + 1 < pl->npipes; i++) {
		int rc = sq_pipe_drain(&pl->pipe[i]);
		if (!rc)
			rc = sq_pipe_finish(&pl->pipe[i]);
		if (rc)
			return rc;
	}
	q->materialized = true;
	sluice_reader_stats(q->r); /* counters stay readable */
	return 0;
}

/* q->stats.scan as of now: the parts' counters and q->r's, unless q->r only planned the parts. At the
 * end, repairs counted by parts are counted again on one thread: an indexer reads a little past its
 * range's end, so a sum over ranges can count a record twice (as sluice_reader_count_records does). */
static void note_scan_stats(sluice_query *q, bool ended)
{
	sluice_scan_stats s = q->parts_scan;
	if (!q->planned_only)
		sq_add_scan_stats(&s, sluice_reader_stats(q->r));
	if (ended && q->parts_ran && s.repaired_records && !q->streamed) {
		sluice_options o = q->ropts;
		o.threads = 1;
		o.nsplits = 0;
		o.reject = NULL;
		sluice_reader *r = NULL;
		uint64_t n;
		if (sluice_reader_open(&r, q->path, &o, NULL) == SLUICE_OK && sluice_reader_count_records(r, &n) == SLUICE_OK) {
			const sluice_scan_stats *e = sluice_reader_stats(r);
			s.repaired_records = e->repaired_records;
			s.repaired_bare_quote = e->repaired_bare_quote;
			s.repaired_after_quote = e->repaired_after_quote;
			s.repaired_unterminated = e->repaired_unterminated;
		}
		sluice_reader_close(r);
		q->parts_scan = s; /* exact now: q->r's share is in it */
		q->planned_only = true;
		q->parts_ran = false;
	}
	q->stats.scan = s;
}

int sq_next_batch(sluice_query *q, sluice_batch *b)
{
	const int rc = next_batch(q, b);
	if (q->r)
		note_scan_stats(q, rc == SLUICE_END);
	return rc;
}

static int next_batch(sluice_query *q, sluice_batch *b)
{
	memset(b, 0, sizeof *b);
	if (q->failed)
		return q->err.status;
	b->ncols = q->nvisible;
	b->columns = q->res_cols;
	sq_pipeline *pl = q->pipe;
	int rc = sq_pipeline_open(pl);
	if (rc)
		return rc;
	if (pl->npipes > 1) {
		if (!q->materialized && (rc = run_breakers(q)) != 0)
			return rc;
	} else if (!q->par_checked) {
		sq_rows_par_start(q); /* rows as they are read: perhaps from several threads */
	}
	sq_pipe *last = &pl->pipe[pl->npipes - 1];
	for (;;) {
		sq_view v;
		rc = sq_pipe_pull(last, &v);
		if (rc == SLUICE_OK) {
			q->stats.rows_out += v.n;
			b->nrows = v.n;
			return SLUICE_OK;
		}
		if (rc != SLUICE_END || !q->par || last->done)
			return rc;
		/* the main query's range is done: the other ranges' rows, in order */
		rc = sq_rows_par_next(q, b);
		if (rc != 1)
			return rc;
		/* read the rest serially, from where the ranges went wrong */
		const uint64_t at = sq_rows_par_resume(q->par, sluice_reader_position(q->r));
		sq_rows_par_free(q->par);
		q->par = NULL;
		rc = sluice_reader_set_range(q->r, at, UINT64_MAX);
		if (rc)
			return sq_reader_failed(q, rc);
		q->finished = false;
	}
}
