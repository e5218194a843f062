/* pipeline.c - the plan as chains of operators: which operators a query needs, chained once after binding, and the loops that drive a chain. */
#include <stdio.h>
#include <stdlib.h>

#include "query/exec/pipeline.h"

/* Chains ops[0..n) (a source, then the operators it pushes into, the last one a sink) as pipeline
 * pl->pipe[pl->npipes]. A source that is an earlier pipeline's sink is not listed twice. */
static void chain(sq_pipeline *pl, sq_operator *const *ops, size_t n)
{
	for (size_t i = 1; i + 1 < n; i++)
		ops[i]->to = ops[i + 1];
	pl->pipe[pl->npipes++] = (sq_pipe){.source = ops[0], .head = ops[1], .sink = ops[n - 1]};
}

static sq_operator *keep_op(sq_pipeline *pl, sq_operator *op, bool *ok)
{
	if (!op)
		*ok = false;
	else
		pl->ops[pl->nops++] = op;
	return op;
}

int sq_pipeline_build(sluice_query *q)
{
	sq_pipeline *pl = calloc(1, sizeof *pl);
	if (!pl)
		return SLUICE_ERR_NOMEM;
	q->pipe = pl;
	bool ok = true;
	const size_t keep = q->limit >= 0 ? (size_t)(q->limit + q->offset) : SIZE_MAX;
	if (q->aggregate) {
		/* count(*) of everything needs no batches: the reader counts the records */
		const bool count_only = !q->ngroup && !q->where && q->naggs == 1 && q->aggs[0].kind == SQ_AGG_COUNT_STAR &&
		                        !q->pf_lit;
		sq_operator *src = keep_op(pl, count_only ? sq_count_op_new(q) : sq_scan_op_new(q), &ok);
		sq_operator *agg = keep_op(pl, sq_aggregate_op_new(q), &ok);
		sq_operator *rows = keep_op(pl, sq_order_op_new(q, keep, false), &ok);
		sq_operator *out = keep_op(pl, sq_output_op_new(q), &ok);
		if (ok) {
			chain(pl, (sq_operator *[]){src, agg}, 2);
			chain(pl, (sq_operator *[]){agg, rows}, 2);
			chain(pl, (sq_operator *[]){rows, out}, 2);
		}
		pl->aggregate = agg;
		pl->parallel_agg = !count_only;
	} else if (q->norder) {
		sq_operator *src = keep_op(pl, sq_scan_op_new(q), &ok);
		sq_operator *proj = keep_op(pl, sq_project_op_new(q, q->nout), &ok);
		sq_operator *rows = keep_op(pl, sq_order_op_new(q, keep, keep != SIZE_MAX), &ok);
		sq_operator *out = keep_op(pl, sq_output_op_new(q), &ok);
		if (ok) {
			chain(pl, (sq_operator *[]){src, proj, rows}, 3);
			chain(pl, (sq_operator *[]){rows, out}, 2);
		}
	} else {
		/* rows as they are read: LIMIT before the projection, so that rows past it are not evaluated */
		const bool limited = q->limit >= 0 || q->offset > 0;
		sq_operator *src = keep_op(pl, sq_scan_op_new(q), &ok);
		sq_operator *lim = limited ? keep_op(pl, sq_limit_op_new(q), &ok) : NULL;
		sq_operator *proj = keep_op(pl, sq_project_op_new(q, q->nvisible), &ok);
		sq_operator *out = keep_op(pl, sq_output_op_new(q), &ok);
		if (ok) {
			if (limited)
				chain(pl, (sq_operator *[]){src, lim, proj, out}, 4);
			else
				chain(pl, (sq_operator *[]){src, proj, out}, 3);
		}
	}
	return ok ? 0 : SLUICE_ERR_NOMEM;
}

int sq_pipeline_open(sq_pipeline *pl)
{
	if (pl->opened)
		return 0;
	pl->opened = true;
	for (size_t i = 0; i < pl->nops; i++) {
		sq_operator *op = pl->ops[i];
		int rc = op->vt->open ? op->vt->open(op) : 0;
		if (rc < 0)
			return rc;
		if (rc == SQ_OPERATOR_DONE)
			for (size_t p = 0; p < pl->npipes; p++)
				for (sq_operator *o = pl->pipe[p].head; o; o = o->to)
					if (o == op)
						pl->pipe[p].done = true;
	}
	return 0;
}

/* One view from p's source pushed through p: 0, SLUICE_END when the source has no more, or an error;
 * p->done is set when an operator wants no more input. */
static int pipe_step(sq_pipe *p)
{
	sq_view v;
	int rc = p->source->vt->next(p->source, &v);
	if (rc)
		return rc;
	rc = p->head->vt->push(p->head, &v);
	if (rc < 0)
		return rc;
	if (rc == SQ_OPERATOR_DONE)
		p->done = true;
	return 0;
}

int sq_pipe_drain(sq_pipe *p)
{
	while (!p->done) {
		int rc = pipe_step(p);
		if (rc == SLUICE_END)
			return 0;
		if (rc)
			return rc;
	}
	return 0;
}

int sq_pipe_finish(sq_pipe *p)
{
	return p->sink->vt->finish ? p->sink->vt->finish(p->sink) : 0;
}

int sq_pipe_pull(sq_pipe *p, sq_view *out)
{
	for (;;) {
		int rc = p->sink->vt->next(p->sink, out);
		if (rc != SLUICE_END)
			return rc;
		if (p->done)
			return SLUICE_END;
		rc = pipe_step(p);
		if (rc)
			return rc;
	}
}

size_t sq_pipeline_describe(const sq_pipeline *pl, char *buf, size_t cap)
{
	size_t at = 0;
	for (size_t i = 0; i < pl->npipes; i++) {
		const sq_pipe *p = &pl->pipe[i];
		const char *sep = i ? " | " : "";
		for (const sq_operator *o = p->source; o; o = o == p->source ? p->head : o->to) {
			int k = snprintf(at < cap ? buf + at : NULL, at < cap ? cap - at : 0, "%s%s", sep, o->vt->name);
			at += k > 0 ? (size_t)k : 0;
			sep = " -> ";
			if (o == p->sink)
				break;
		}
	}
	if (cap && at >= cap)
		buf[cap - 1] = '\0';
	return at;
}

void sq_pipeline_free(sq_pipeline *pl)
{
	if (!pl)
		return;
	for (size_t i = 0; i < pl->nops; i++) {
		sq_operator *op = pl->ops[i];
		if (op->vt->free)
			op->vt->free(op);
		free(op);
	}
	free(pl);
}
