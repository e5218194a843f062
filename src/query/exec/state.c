/* state.c - a query's execution state: batches, scratch, results, aggregate states, and its memory limit. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "query/exec/state.h"
#include "query/exec/agg.h"

int sq_exec_alloc(sluice_query *q)
{
	size_t ns = q->nread ? q->nread : 1;
	/* a batch row costs a slice, a value, a mark and a double per column read and a value per
	 * expression node and result column: very wide queries get fewer rows, so that memory stays
	 * bounded */
	const size_t per_row = ns * (sizeof(sluice_field) + sizeof(sq_value) + sizeof(uint32_t) + sizeof(double)) +
	                       ((size_t)q->next_node + q->nout + 1) * sizeof(sq_value);
	q->bcap = SQ_BATCH;
	while (q->bcap > 1 && q->bcap * per_row > SQ_BATCH_BYTES)
		q->bcap /= 2;
	q->in.fields = calloc(ns * q->bcap, sizeof *q->in.fields);
	q->in.vals = calloc(ns * q->bcap, sizeof *q->in.vals);
	q->in.gen = calloc(ns * q->bcap, sizeof *q->in.gen);
	q->in.dbl = calloc(ns * q->bcap, sizeof *q->in.dbl);
	q->in.dense = calloc(ns, sizeof *q->in.dense);
	q->in.line = calloc(q->bcap, sizeof *q->in.line);
	q->in.offset = calloc(q->bcap, sizeof *q->in.offset);
	q->sel = calloc(q->bcap, sizeof *q->sel);
	q->scratch.n = (size_t)q->next_node;
	q->scratch.bufs = calloc(q->scratch.n + 1, sizeof *q->scratch.bufs);
	q->res_cap = q->bcap;
	q->res = calloc((q->nout + 1) * q->bcap, sizeof *q->res);
	q->res_cols = calloc(q->nout + 1, sizeof *q->res_cols);
	q->row_out = calloc(q->nout + 1, sizeof *q->row_out);
	if (!q->in.fields || !q->in.vals || !q->in.gen || !q->in.dbl || !q->in.dense || !q->in.line || !q->in.offset ||
	    !q->sel || !q->scratch.bufs || !q->res || !q->res_cols || !q->row_out)
		return SLUICE_ERR_NOMEM;
	for (size_t i = 0; i < q->scratch.n; i++) {
		q->scratch.bufs[i] = calloc(q->bcap, sizeof(sq_value));
		if (!q->scratch.bufs[i])
			return SLUICE_ERR_NOMEM;
	}
	for (size_t c = 0; c < q->nout; c++)
		q->res_cols[c] = q->res + c * q->bcap;
	if (q->aggregate) {
		if (q->ngroup) {
			q->groups = sq_groups_new(q->ngroup, q->naggs);
			if (!q->groups)
				return SLUICE_ERR_NOMEM;
		} else {
			q->global = calloc(q->naggs + 1, sizeof *q->global);
			if (!q->global)
				return SLUICE_ERR_NOMEM;
		}
	}
	return 0;
}

int sq_check_memory(sluice_query *q)
{
	if (!q->qo.memory_limit)
		return 0;
	size_t used = q->out_arena.used + (q->groups ? sq_groups_bytes(q->groups) : 0);
	if (used <= q->qo.memory_limit)
		return 0;
	q->failed = true;
	memset(&q->err, 0, sizeof q->err);
	q->err.status = SLUICE_ERR_MEMORY_LIMIT;
	q->err.file = q->path;
	snprintf(q->err.message, sizeof q->err.message, "query state exceeds the memory limit of %llu bytes",
	         (unsigned long long)q->qo.memory_limit);
	return SLUICE_ERR_MEMORY_LIMIT;
}

void sq_exec_free(sluice_query *q)
{
	sluice_reader_close(q->r);
	sl_stream_close(q->stream);
	free(q->in.fields);
	free(q->in.vals);
	free(q->in.gen);
	free(q->in.dbl);
	free(q->in.dense);
	free(q->in.line);
	free(q->take_out);
	free(q->in.offset);
	for (size_t i = 0; i < q->scratch.n; i++)
		free(q->scratch.bufs ? q->scratch.bufs[i] : NULL);
	free(q->scratch.bufs);
	free(q->sel);
	sq_arena_free(&q->batch_arena);
	sq_arena_free(&q->out_arena);
	sq_groups_free(q->groups);
	if (q->global) {
		sq_agg_free(q->global, q->naggs);
		free(q->global);
	}
	if (q->final_aggs)
		for (size_t a = 0; a < q->naggs; a++)
			free(q->final_aggs[a]);
	free(q->final_aggs);
	if (q->final_keys)
		for (size_t k = 0; k < q->ngroup; k++)
			free(q->final_keys[k]);
	free(q->final_keys);
	free(q->res);
	free(q->res_cols);
	free(q->rows);
	free(q->row_out);
}
