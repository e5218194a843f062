/* sort.c - collected result rows: kept, ordered by ORDER BY, pruned to the top N. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* qsort_r */
#endif
#include <stdlib.h>
#include <string.h>

#include "query/exec/sort.h"
#include "query/exec/state.h"
#include "query/values/arena.h"
#include "query/values/compare.h"

int sq_push_row(sluice_query *q, const sq_value *src, size_t stride)
{
	if (q->nrows == q->rows_cap) {
		size_t cap = q->rows_cap ? q->rows_cap * 2 : 1024;
		sq_value *n = realloc(q->rows, cap * q->nout * sizeof *n);
		if (!n)
			return SLUICE_ERR_NOMEM;
		q->rows = n;
		q->rows_cap = cap;
	}
	sq_value *dst = q->rows + q->nrows * q->nout;
	for (size_t c = 0; c < q->nout; c++) {
		dst[c] = src[c * stride];
		if (!dst[c].null && dst[c].type == SQ_T_VARCHAR && dst[c].u.s.len) {
			char *p = sq_arena_alloc(&q->out_arena, dst[c].u.s.len);
			if (!p)
				return SLUICE_ERR_NOMEM;
			memcpy(p, dst[c].u.s.ptr, dst[c].u.s.len);
			dst[c].u.s.ptr = p;
		}
	}
	q->nrows++;
	return sq_check_memory(q);
}

/* ORDER BY comparison of two rows of q (the context qsort_r passes, so that queries sorting on
 * two threads share nothing); NULLs last in both directions unless NULLS FIRST (DuckDB's default). */
static int row_cmp(const void *pa, const void *pb, void *ctx)
{
	const sluice_query *q = ctx;
	const sq_value *a = pa, *b = pb;
	for (size_t i = 0; i < q->norder; i++) {
		size_t c = q->order_cols[i];
		int r;
		if (a[c].null || b[c].null) {
			r = a[c].null == b[c].null ? 0 : a[c].null ? 1 : -1;
			if (q->order_nulls_first[i])
				r = -r;
		} else {
			r = sq_compare_values(&a[c], &b[c]);
			if (q->order_desc[i])
				r = -r;
		}
		if (r)
			return r;
	}
	return 0;
}

void sq_sort_rows(sluice_query *q)
{
	if (q->nrows < 2)
		return;
	qsort_r(q->rows, q->nrows, q->nout * sizeof(sq_value), row_cmp, q);
}

/* Keeps only the first `keep` rows in order (top-N), moving their strings to a fresh arena. */
int sq_prune_rows(sluice_query *q, size_t keep)
{
	sq_sort_rows(q);
	if (q->nrows <= keep)
		return 0;
	q->nrows = keep;
	sq_arena fresh = {0};
	for (size_t r = 0; r < q->nrows; r++) {
		sq_value *row = q->rows + r * q->nout;
		for (size_t c = 0; c < q->nout; c++) {
			if (!row[c].null && row[c].type == SQ_T_VARCHAR && row[c].u.s.len) {
				char *p = sq_arena_alloc(&fresh, row[c].u.s.len);
				if (!p) {
					sq_arena_free(&fresh);
					return SLUICE_ERR_NOMEM;
				}
				memcpy(p, row[c].u.s.ptr, row[c].u.s.len);
				row[c].u.s.ptr = p;
			}
		}
	}
	sq_arena_free(&q->out_arena);
	q->out_arena = fresh;
	return 0;
}
