/* eval.h - expression evaluation over a batch, and the decoding of its fields into values. */
#ifndef SLUICE_QUERY_EXEC_EVAL_H
#define SLUICE_QUERY_EXEC_EVAL_H

#include "kernels/decimals.h"
#include "kernels/digits.h"
#include "query/exec/scratch.h"
#include "query/plan/engine.h"

/* Decodes the field of a slot in a row of the input batch into its value (marking it decoded). */
int sq_decode(sluice_query *q, size_t slot, size_t row);

/* Decodes the field of a slot in a row of the input batch, the common cases here: a plain
 * non-empty field of a VARCHAR column is its own value, one of a DOUBLE column a short decimal
 * parsed in the input's bytes (with no NULL spellings to compare). Anything else goes through
 * sq_decode. */
static inline int sq_decode_fast(sluice_query *q, size_t slot, size_t row)
{
	sq_batch *b = &q->in;
	const size_t at = slot * q->bcap + row;
	const sluice_field *f = &b->fields[at];
	if (f->flags == 0 && f->len && !q->nnulls) {
		sq_value *v = &b->vals[at];
		const int type = q->in_types[q->slot_col[slot]];
		bool done = false;
		if (type == SQ_T_VARCHAR) {
			v->u.s.ptr = f->ptr;
			v->u.s.len = f->len;
			done = true;
		}
#if FLT_EVAL_METHOD == 0
		else if (type == SQ_T_DOUBLE && q->in_end && bl_decimal_candidate(f, q->in_end) &&
		         q->in_fmt[q->slot_col[slot]].decimal == '.' && !q->in_fmt[q->slot_col[slot]].thousands)
			done = sq_parse_decimal8(f->ptr, f->len, &v->u.d); /* a '.' number without digit groups */
#endif
		if (done) {
			v->type = (uint8_t)type;
			v->null = false;
			b->gen[at] = b->cur_gen;
			q->stats.fields_materialized++;
			return 0;
		}
	}
	return sq_decode(q, slot, row);
}

/* The slot's values as plain doubles when the selection is every row of the batch and all of
 * them are (see sq_batch's dense), else NULL. */
static inline const double *sq_dense_doubles(const sluice_query *q, size_t slot, const uint16_t *sel, size_t n)
{
	/* a selection is ascending: n rows of a batch of n, the last of them n - 1, are all of them */
	if (!n || n != q->in.n || sel[n - 1] != n - 1 || q->in.dense[slot] < n)
		return NULL;
	return q->in.dbl + slot * q->bcap;
}

/* Decodes the rows sel[0..n) of a slot that are not decoded yet in this batch, so that the loops
 * after it read values only. */
static inline int sq_decode_rows(sluice_query *q, size_t slot, const uint16_t *sel, size_t n)
{
	const uint32_t *gen = q->in.gen + slot * q->bcap;
	const uint32_t cur = q->in.cur_gen;
	for (size_t k = 0; k < n; k++) {
		if (gen[sel[k]] != cur) {
			int rc = sq_decode_fast(q, slot, sel[k]);
			if (rc)
				return rc;
		}
	}
	return 0;
}

/* Evaluates e for the n rows sel[0..n) of the batch into out[0..n); the predicate form narrows
 * the selection sel[0..*n) to the rows where e is true. */
int sq_eval(sluice_query *q, sq_expr *e, const uint16_t *sel, size_t n, sq_value *out);
int sq_eval_predicate(sluice_query *q, sq_expr *e, uint16_t *sel, size_t *n);

#endif
