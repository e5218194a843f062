/* op_limit.c - the limit operator: OFFSET rows dropped, then LIMIT rows passed on, of a stream of views. */
#include <stdlib.h>

#include "query/exec/op.h"

static int limit_open(sq_operator *op)
{
	const sluice_query *q = op->q;
	return q->limit >= 0 && q->emitted >= (uint64_t)q->limit ? SQ_OPERATOR_DONE : 0;
}

/* Drops from the front of an input view (sel) or a result view (vals), whichever it is. */
static int limit_push(sq_operator *op, const sq_view *in)
{
	sluice_query *q = op->q;
	sq_view v = *in;
	if (q->skipped_offset < q->offset) {
		const size_t drop = (size_t)(q->offset - q->skipped_offset);
		const size_t from = drop < v.n ? drop : v.n;
		q->skipped_offset += (int64_t)from;
		if (v.sel)
			v.sel += from;
		else
			v.vals += from;
		v.n -= from;
	}
	if (q->limit >= 0 && v.n > (uint64_t)q->limit - q->emitted)
		v.n = (size_t)((uint64_t)q->limit - q->emitted);
	if (!v.n)
		return 0;
	int rc = op->to->vt->push(op->to, &v);
	if (rc < 0)
		return rc;
	q->emitted += v.n;
	return q->limit >= 0 && q->emitted >= (uint64_t)q->limit ? SQ_OPERATOR_DONE : rc;
}

static const sq_operator_vt limit_vt = {.name = "limit", .open = limit_open, .push = limit_push};

sq_operator *sq_limit_op_new(sluice_query *q)
{
	sq_operator *op = calloc(1, sizeof *op);
	if (op)
		*op = (sq_operator){.vt = &limit_vt, .q = q};
	return op;
}
