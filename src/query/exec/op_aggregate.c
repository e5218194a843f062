/* op_aggregate.c - the aggregate operator: input batches into aggregate states (group.c), parts' states merged, then a row per group. */
#include <stdlib.h>

#include "query/exec/op.h"
#include "query/exec/agg.h"
#include "query/exec/eval.h"
#include "query/exec/group.h"
#include "query/exec/state.h"

typedef struct agg_op {
	sq_operator op;
	size_t ngroups;   /* groups to hand out (1 without GROUP BY), known at finish */
	size_t next;      /* the first group of the next result view */
} agg_op;

/* The rows are q->sel[0..n): the scan's selection, which group.c's loops read. */
static int agg_push(sq_operator *op, const sq_view *in)
{
	return sq_aggregate_batch(op->q, in->n);
}

/* A part's states into the query's: its global states, or group by group (a group the query has
 * not seen is added). */
static int agg_merge(sq_operator *op, sq_operator *part)
{
	sluice_query *q = op->q, *w = part->q;
	int rc = 0;
	if (!q->groups) {
		for (size_t a = 0; a < q->naggs && !rc; a++)
			rc = sq_agg_merge(&q->aggs[a], &q->global[a], &w->global[a], &q->out_arena);
	} else {
		const size_t ng = sq_groups_count(w->groups);
		for (size_t g = 0; g < ng && !rc; g++) {
			const sq_value *keys;
			sq_agg_state *src;
			sq_groups_get(w->groups, g, &keys, &src);
			sq_agg_state *dst = sq_groups_find(q->groups, keys, &q->out_arena);
			if (!dst)
				return SLUICE_ERR_NOMEM;
			for (size_t a = 0; a < q->naggs && !rc; a++)
				rc = sq_agg_merge(&q->aggs[a], &dst[a], &src[a], &q->out_arena);
		}
	}
	return rc ? rc : sq_check_memory(q);
}

/* The final phase begins: the per-batch buffers of final values, which the result expressions
 * read in place of the input (eval.c, by q->final_phase). */
static int agg_finish(sq_operator *op)
{
	agg_op *ag = (agg_op *)op;
	sluice_query *q = op->q;
	ag->ngroups = q->groups ? sq_groups_count(q->groups) : 1;
	q->stats.groups = q->groups ? ag->ngroups : 0;
	q->final_aggs = calloc(q->naggs + 1, sizeof *q->final_aggs);
	q->final_keys = calloc(q->ngroup + 1, sizeof *q->final_keys);
	if (!q->final_aggs || !q->final_keys)
		return SLUICE_ERR_NOMEM;
	for (size_t a = 0; a < q->naggs; a++)
		if (!(q->final_aggs[a] = calloc(q->bcap, sizeof(sq_value))))
			return SLUICE_ERR_NOMEM;
	for (size_t k = 0; k < q->ngroup; k++)
		if (!(q->final_keys[k] = calloc(q->bcap, sizeof(sq_value))))
			return SLUICE_ERR_NOMEM;
	q->final_phase = true;
	return 0;
}

/* Up to bcap groups at a time: their final values, HAVING, then the result expressions into q->res. */
static int agg_next(sq_operator *op, sq_view *out)
{
	agg_op *ag = (agg_op *)op;
	sluice_query *q = op->q;
	while (ag->next < ag->ngroups) {
		const size_t base = ag->next;
		const size_t m = ag->ngroups - base < q->bcap ? ag->ngroups - base : q->bcap;
		ag->next += m;
		sq_arena_reset(&q->batch_arena);
		for (size_t g = 0; g < m; g++) {
			const sq_value *keys = NULL;
			sq_agg_state *st = q->global;
			if (q->groups)
				sq_groups_get(q->groups, base + g, &keys, &st);
			for (size_t a = 0; a < q->naggs; a++)
				sq_agg_final(&q->aggs[a], &st[a], &q->final_aggs[a][g]);
			for (size_t k = 0; k < q->ngroup; k++)
				q->final_keys[k][g] = keys[k];
			q->sel[g] = (uint16_t)g;
		}
		size_t n = m;
		if (q->having) {
			int rc = sq_eval_predicate(q, q->having, q->sel, &n);
			if (rc)
				return rc;
		}
		for (size_t c = 0; c < q->nout; c++) {
			int rc = sq_eval(q, q->out_exprs[c], q->sel, n, q->res + c * q->bcap);
			if (rc)
				return rc;
		}
		if (!n)
			continue;
		*out = (sq_view){.n = n, .vals = q->res, .stride = q->bcap};
		return SLUICE_OK;
	}
	return SLUICE_END;
}

static const sq_operator_vt agg_vt = {.name = "aggregate", .push = agg_push, .finish = agg_finish, .merge = agg_merge, .next = agg_next};
static const sq_operator_vt group_vt = {.name = "group_by", .push = agg_push, .finish = agg_finish, .merge = agg_merge, .next = agg_next};

sq_operator *sq_aggregate_op_new(sluice_query *q)
{
	agg_op *ag = calloc(1, sizeof *ag);
	if (ag)
		ag->op = (sq_operator){.vt = q->ngroup ? &group_vt : &agg_vt, .q = q};
	return ag ? &ag->op : NULL;
}
