/* explain.c - EXPLAIN: the plan as text (what the scan reads, the predicate and prefilter pushed into
 * it, the aggregate, order and limit, the pipelines of operators that run it), and with ANALYZE the
 * counters of the run. */
#include <stdio.h>

#include "query/exec/pipeline.h"
#include "query/plan/engine.h"
#include "query/sql/ast.h"

#define OUT(...) at += (size_t)snprintf(buf + (at < cap ? at : cap), at < cap ? cap - at : 0, __VA_ARGS__)

size_t sluice_query_explain(const sluice_query *q, bool analyze, char *buf, size_t cap)
{
	size_t at = 0;
	char tmp[512];
	OUT("scan %s (kernel %s)\n", q->path, sluice_kernel_name(sluice_reader_kernel(q->r)));
	OUT("  columns read: %zu of %zu:", q->nread, q->nin);
	for (size_t s = 0; s < q->nread; s++)
		OUT(" %s%s", q->in_names[q->slot_col[s]], q->slot_in_where[s] ? "*" : "");
	OUT("\n  tokenizer stops after field %zu of %zu\n", q->max_fields, q->nin);
	if (q->where) {
		sq_expr_format(q->where, tmp, sizeof tmp);
		OUT("  predicate pushed into the scan: %s\n", tmp);
		OUT("  (* = decoded first; other columns only for records that pass)\n");
	}
	if (q->pf_lit)
		OUT("  prefilter: raw-byte search for \"%s\"\n", q->pf_lit);
	else
		OUT("  prefilter: off%s\n", q->qo.prefilter ? " (no literal a match must contain)" : " (--no-prefilter)");
	if (q->aggregate) {
		OUT("aggregate%s:", q->ngroup ? " by hash group" : "");
		for (size_t i = 0; i < q->naggs; i++) {
			static const char *const names[] = {"count(*)", "count", "sum", "avg", "min", "max",
			                                    "var_samp", "var_pop", "stddev_samp", "stddev_pop",
			                                    "approx_count_distinct", "approx_top_count"};
			if (q->aggs[i].arg)
				sq_expr_format(q->aggs[i].arg, tmp, sizeof tmp);
			OUT(" %s%s%s%s%s", names[q->aggs[i].kind], q->aggs[i].arg ? "(" : "", q->aggs[i].distinct ? "DISTINCT " : "",
			    q->aggs[i].arg ? tmp : "", q->aggs[i].arg ? ")" : "");
		}
		OUT("\n");
		for (size_t i = 0; i < q->ngroup; i++) {
			sq_expr_format(q->group_exprs[i], tmp, sizeof tmp);
			OUT("  group key: %s\n", tmp);
		}
		if (q->having) {
			sq_expr_format(q->having, tmp, sizeof tmp);
			OUT("  having: %s\n", tmp);
		}
	}
	if (q->norder)
		OUT("order by %zu key%s%s\n", q->norder, q->norder > 1 ? "s" : "", q->limit >= 0 ? " (top-N)" : "");
	if (q->limit >= 0)
		OUT("limit %lld offset %lld%s\n", (long long)q->limit, (long long)q->offset,
		    !q->norder && !q->aggregate ? " (the scan stops early)" : "");
	OUT("output: %zu column%s\n", q->nvisible, q->nvisible == 1 ? "" : "s");
	if (q->pipe) {
		sq_pipeline_describe(q->pipe, tmp, sizeof tmp);
		OUT("pipelines: %s\n", tmp);
	}
	if (analyze) {
		const sluice_exec_stats *s = &q->stats;
		OUT("analyze:\n");
		OUT("  records seen:          %llu\n", (unsigned long long)s->records_seen);
		OUT("  fields tokenized:      %llu\n", (unsigned long long)s->fields_tokenized);
		OUT("  fields materialized:   %llu\n", (unsigned long long)s->fields_materialized);
		OUT("  bytes in input:        %llu\n", (unsigned long long)s->bytes_total);
		OUT("  bytes skipped by prefilter: %llu\n", (unsigned long long)s->bytes_prefiltered);
		OUT("  type errors (NULL):    %llu\n", (unsigned long long)s->type_errors);
		if (q->aggregate)
			OUT("  groups:                %llu\n", (unsigned long long)s->groups);
		OUT("  rows out:              %llu\n", (unsigned long long)s->rows_out);
	}
	if (cap)
		buf[at < cap ? at : cap - 1] = '\0';
	return at;
}
