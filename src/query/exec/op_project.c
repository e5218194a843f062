/* op_project.c - the projection (the result expressions of the input rows) and the output that holds a result batch for the caller. */
#include <stdlib.h>

#include "query/exec/op.h"
#include "query/exec/eval.h"

typedef struct project_op {
	sq_operator op;
	size_t ncols;     /* result columns evaluated: the visible ones, or all with ORDER BY's hidden keys */
} project_op;

static int project_push(sq_operator *op, const sq_view *in)
{
	sluice_query *q = op->q;
	const size_t ncols = ((const project_op *)op)->ncols;
	for (size_t c = 0; c < ncols; c++) {
		int rc = sq_eval(q, q->out_exprs[c], in->sel, in->n, q->res + c * q->bcap);
		if (rc)
			return rc;
	}
	const sq_view out = {.n = in->n, .vals = q->res, .stride = q->bcap};
	return op->to->vt->push(op->to, &out);
}

static const sq_operator_vt project_vt = {.name = "project", .push = project_push};

sq_operator *sq_project_op_new(sluice_query *q, size_t ncols)
{
	project_op *p = calloc(1, sizeof *p);
	if (!p)
		return NULL;
	p->op = (sq_operator){.vt = &project_vt, .q = q};
	p->ncols = ncols;
	return &p->op;
}

typedef struct output_op {
	sq_operator op;
	sq_view held;
	bool full;
} output_op;

static int output_push(sq_operator *op, const sq_view *in)
{
	output_op *o = (output_op *)op;
	o->held = *in;
	o->full = true;
	return 0;
}

static int output_next(sq_operator *op, sq_view *out)
{
	output_op *o = (output_op *)op;
	if (!o->full)
		return SLUICE_END;
	*out = o->held;
	o->full = false;
	return SLUICE_OK;
}

static const sq_operator_vt output_vt = {.name = "output", .push = output_push, .next = output_next};

sq_operator *sq_output_op_new(sluice_query *q)
{
	output_op *o = calloc(1, sizeof *o);
	if (o)
		o->op = (sq_operator){.vt = &output_vt, .q = q};
	return o ? &o->op : NULL;
}
