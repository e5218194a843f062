/* run.c - running a query: the scan to its end, the materialized results, the streaming batches. */
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
#include "query/exec/scan.h"
#include "query/exec/sort.h"

static int materialize(sluice_query *q)
{
	const size_t keep = q->limit >= 0 ? (size_t)(q->limit + q->offset) : SIZE_MAX;
	bool count_only = q->aggregate && !q->ngroup && !q->where && q->naggs == 1 &&
	                  q->aggs[0].kind == SQ_AGG_COUNT_STAR && !q->pf_lit;
	if (count_only) {
		/* count(*) of everything: the counting loop, no fields at all */
		uint64_t n = 0;
		int rc = sluice_reader_count_all(q->r, &q->ropts, &n);
		if (rc)
			return sq_reader_failed(q, rc);
		q->global[0].n = n;
		q->stats.records_seen = n;
		q->finished = true;
	}
	if (q->aggregate && !q->finished) {
		int rc = sq_parallel_aggregate(q);
		if (rc < 0)
			return rc;
	}
	int rc = sq_scan_all(q, keep);
	if (rc)
		return rc;
	if (q->aggregate) {
		rc = sq_finish_aggregate(q);
		if (rc)
			return rc;
	}
	if (q->norder)
		sq_sort_rows(q);
	q->rows_pos = q->offset > 0 ? (size_t)q->offset : 0;
	size_t end = q->nrows;
	if (keep != SIZE_MAX && keep < end)
		end = keep;
	q->rows_end = end;
	q->materialized = true;
	sluice_reader_stats(q->r); /* counters stay readable */
	return 0;
}

int sq_next_batch(sluice_query *q, sluice_batch *b)
{
	memset(b, 0, sizeof *b);
	if (q->failed)
		return q->err.status;
	b->ncols = q->nvisible;
	b->columns = q->res_cols;
	if (q->aggregate || q->norder) {
		if (!q->materialized) {
			int rc = materialize(q);
			if (rc)
				return rc;
		}
		if (q->rows_pos >= q->rows_end)
			return SLUICE_END;
		size_t n = q->rows_end - q->rows_pos < q->bcap ? q->rows_end - q->rows_pos : q->bcap;
		for (size_t r = 0; r < n; r++)
			for (size_t c = 0; c < q->nout; c++)
				q->res[c * q->bcap + r] = q->rows[(q->rows_pos + r) * q->nout + c];
		q->rows_pos += n;
		q->stats.rows_out += n;
		b->nrows = n;
		return SLUICE_OK;
	}
	/* Streaming: filter a batch, skip OFFSET rows, stop at LIMIT. */
	if (!q->par_checked)
		sq_rows_par_start(q);
	for (;;) {
		if (q->limit >= 0 && q->emitted >= (uint64_t)q->limit)
			return SLUICE_END;
		if (q->finished && q->par) {
			/* the main query's range is done: the other ranges' rows, in order */
			int rc = sq_rows_par_next(q, b);
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
		if (q->finished)
			return SLUICE_END;
		int rc = sq_fill_batch(q);
		if (rc)
			return rc;
		size_t n = q->in.n;
		for (size_t i = 0; i < n; i++)
			q->sel[i] = (uint16_t)i;
		if (q->where && n) {
			rc = sq_eval_predicate(q, q->where, q->sel, &n);
			if (rc)
				return rc;
		}
		size_t from = 0;
		if (q->skipped_offset < q->offset) {
			size_t drop = (size_t)(q->offset - q->skipped_offset);
			from = drop < n ? drop : n;
			q->skipped_offset += (int64_t)from;
		}
		uint16_t *sel = q->sel + from;
		n -= from;
		if (q->limit >= 0 && n > (uint64_t)q->limit - q->emitted)
			n = (size_t)((uint64_t)q->limit - q->emitted);
		if (!n)
			continue;
		for (size_t c = 0; c < q->nvisible; c++) {
			rc = sq_eval(q, q->out_exprs[c], sel, n, q->res + c * q->bcap);
			if (rc)
				return rc;
		}
		q->emitted += n;
		q->stats.rows_out += n;
		b->nrows = n;
		return SLUICE_OK;
	}
}

