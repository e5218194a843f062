/* projection.c - the columns the query reads: the reader cuts only those, and decodes the hot ones eagerly. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "query/plan/projection.h"
#include "scan/scan.h"

/* Marks in want[] the input columns whose names expression e reads (exactly or case-folded, as
 * the planner finds them: a superset is harmless); all of them for a * other than count(*)'s. */
static void mark_read_columns(const sluice_query *q, const sq_expr *e, bool in_func, bool *want, size_t n)
{
	if (!e)
		return;
	if (e->kind == SQ_E_STAR && !in_func)
		memset(want, true, n * sizeof *want);
	else if (e->kind == SQ_E_COLUMN && e->name)
		for (size_t i = 0; i < n; i++)
			want[i] |= strcasecmp(e->name, q->in_names[i]) == 0;
	for (size_t i = 0; i < e->nargs; i++)
		mark_read_columns(q, e->args[i], e->kind == SQ_E_FUNC, want, n);
}

/* The input columns the query reads, by name, into want[0..n); returns how many. */
size_t sq_read_columns(const sluice_query *q, bool *want, size_t n)
{
	const sq_query *a = q->ast;
	mark_read_columns(q, a->where, false, want, n);
	mark_read_columns(q, a->having, false, want, n);
	for (size_t i = 0; i < a->nitems; i++)
		mark_read_columns(q, a->items[i].expr, false, want, n);
	for (size_t i = 0; i < a->ngroup; i++)
		mark_read_columns(q, a->group_by[i], false, want, n);
	for (size_t i = 0; i < a->norder; i++)
		mark_read_columns(q, a->order_by[i].expr, false, want, n);
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += want[i];
	return k;
}

#define TAKE_MAX 1024

/* The DOUBLE slots every record needs: all of them without a WHERE (a query whose every record
 * reaches its select list, aggregates or groups), else the column of the WHERE's first
 * `column op number`, which is compared on every record. */
static void choose_eager(sluice_query *q)
{
	q->neager = 0;
	const sq_expr *w = q->where;
	while (w && w->kind == SQ_E_BINARY && w->op == SQ_OP_AND)
		w = w->args[0];
	long only = -1;
	if (w) {
		only = -2;
		if (!w->ref && w->kind == SQ_E_BINARY && w->op >= SQ_OP_EQ && w->op <= SQ_OP_GE)
			for (int i = 0; i < 2; i++)
				if (w->args[i]->kind == SQ_E_COLUMN && !w->args[i]->ref &&
				    w->args[1 - i]->kind == SQ_E_LITERAL)
					only = w->args[i]->column;
	}
	for (size_t s = 0; s < q->nread && q->neager < SQ_EAGER; s++) {
		const long col = q->slot_col[s];
		/* the kernel's decimals know only '.' numbers without digit groups */
		const bool plain = q->in_fmt[col].decimal == '.' && !q->in_fmt[col].thousands;
		if (col != q->filename_col && q->in_types[col] == SQ_T_DOUBLE && plain && (only == -1 || only == col))
			q->eager[q->neager++] = s;
	}
}

/* The scan cuts only the columns the query reads, and leaves line numbers to errors. */
int sq_apply_projection(sluice_query *q, sluice_reader *r)
{
	bool *want = calloc(q->nin + 1, sizeof *want);
	if (!want)
		return SLUICE_ERR_NOMEM;
	for (size_t s = 0; s < q->nread; s++)
		want[q->slot_col[s]] = q->slot_col[s] != q->filename_col;
	int rc = sluice_reader_set_columns(r, want, q->nin);
	/* the fast path's column table: field j's place in the batch, for the fields up to the last
	 * one read (not for very wide projections, whose table would cost more than it saves) */
	size_t last = 0;
	for (size_t c = 0; c < q->nin; c++)
		if (want[c])
			last = c + 1;
	free(want);
	sluice_reader_set_line_tracking(r, false);
	free(q->take_out);
	q->take_out = NULL;
	q->take_n = last;
	if (!rc && last && last <= TAKE_MAX) {
		q->take_out = calloc(last, sizeof *q->take_out);
		if (!q->take_out)
			rc = SLUICE_ERR_NOMEM;
	}
	choose_eager(q);
	return rc;
}
