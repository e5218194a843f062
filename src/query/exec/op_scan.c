/* op_scan.c - the scan operators: the input as filtered batches, or counted without any. */
#include <stdlib.h>

#include "query/exec/op.h"
#include "scan/parallel.h"
#include "query/exec/agg.h"
#include "query/exec/eval.h"
#include "query/exec/scan.h"

/* A batch at a time: the WHERE runs here, right after the fill, so that every operator after it
 * sees only the rows that match (and the prefilter, inside the fill, skips what cannot). */
static int scan_next(sq_operator *op, sq_view *out)
{
	sluice_query *q = op->q;
	while (!q->finished) {
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
		if (!n)
			continue;
		*out = (sq_view){.n = n, .sel = q->sel};
		return SLUICE_OK;
	}
	return SLUICE_END;
}

static const sq_operator_vt scan_vt = {.name = "scan", .next = scan_next};

sq_operator *sq_scan_op_new(sluice_query *q)
{
	sq_operator *op = calloc(1, sizeof *op);
	if (op)
		*op = (sq_operator){.vt = &scan_vt, .q = q};
	return op;
}

/* count(*) of everything: the reader's counting loop, no fields at all, straight into the one
 * aggregate state (which the aggregate operator then finishes as if it had seen the rows). */
static int count_next(sq_operator *op, sq_view *out)
{
	(void)out;
	sluice_query *q = op->q;
	if (q->finished)
		return SLUICE_END;
	uint64_t n = 0;
	int rc = sluice_reader_count_all(q->r, &q->ropts, &n);
	if (rc)
		return sq_reader_failed(q, rc);
	q->global[0].n = n;
	q->stats.records_seen = n;
	q->finished = true;
	return SLUICE_END;
}

static const sq_operator_vt count_vt = {.name = "count", .next = count_next};

sq_operator *sq_count_op_new(sluice_query *q)
{
	sq_operator *op = calloc(1, sizeof *op);
	if (op)
		*op = (sq_operator){.vt = &count_vt, .q = q};
	return op;
}
