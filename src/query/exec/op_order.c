/* op_order.c - the order operator: result rows collected (kept to the top N as they come when told), sorted by ORDER BY, handed out from OFFSET to LIMIT. */
#include <stdlib.h>

#include "query/exec/op.h"
#include "query/exec/sort.h"

typedef struct order_op {
	sq_operator op;
	size_t keep;      /* LIMIT + OFFSET, or SIZE_MAX */
	bool prune;       /* keep only the first keep rows while they come */
} order_op;

static int order_push(sq_operator *op, const sq_view *in)
{
	const order_op *o = (const order_op *)op;
	sluice_query *q = op->q;
	int rc = 0;
	for (size_t r = 0; r < in->n && !rc; r++)
		rc = sq_push_row(q, in->vals + r, in->stride);
	if (!rc && o->prune && q->nrows > 2 * o->keep + q->bcap)
		rc = sq_prune_rows(q, o->keep);
	return rc;
}

static int order_finish(sq_operator *op)
{
	const order_op *o = (const order_op *)op;
	sluice_query *q = op->q;
	if (q->norder)
		sq_sort_rows(q);
	q->rows_pos = q->offset > 0 ? (size_t)q->offset : 0;
	size_t end = q->nrows;
	if (o->keep != SIZE_MAX && o->keep < end)
		end = o->keep;
	q->rows_end = end;
	return 0;
}

/* The next bcap rows (row-major in q->rows) into q->res, column-major. */
static int order_next(sq_operator *op, sq_view *out)
{
	sluice_query *q = op->q;
	if (q->rows_pos >= q->rows_end)
		return SLUICE_END;
	size_t n = q->rows_end - q->rows_pos < q->bcap ? q->rows_end - q->rows_pos : q->bcap;
	for (size_t r = 0; r < n; r++)
		for (size_t c = 0; c < q->nout; c++)
			q->res[c * q->bcap + r] = q->rows[(q->rows_pos + r) * q->nout + c];
	q->rows_pos += n;
	*out = (sq_view){.n = n, .vals = q->res, .stride = q->bcap};
	return SLUICE_OK;
}

static const sq_operator_vt order_vt = {.name = "order", .push = order_push, .finish = order_finish, .next = order_next};
static const sq_operator_vt top_n_vt = {.name = "top_n", .push = order_push, .finish = order_finish, .next = order_next};
static const sq_operator_vt collect_vt = {.name = "collect", .push = order_push, .finish = order_finish, .next = order_next};

sq_operator *sq_order_op_new(sluice_query *q, size_t keep, bool prune)
{
	order_op *o = calloc(1, sizeof *o);
	if (!o)
		return NULL;
	const sq_operator_vt *vt = !q->norder ? &collect_vt : prune ? &top_n_vt : &order_vt;
	o->op = (sq_operator){.vt = vt, .q = q};
	o->keep = keep;
	o->prune = prune;
	return &o->op;
}
