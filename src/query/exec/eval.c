/* eval.c - expression evaluation over column batches: decoding fields lazily, operators, functions. */
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "query/exec/eval.h"
#include "query/exec/func.h"
#include "query/plan/sql_error.h"
#include "query/values/casefold.h"
#include "query/values/cast.h"
#include "query/values/compare.h"
#include "query/values/value.h"

/* ------------------------------------------------------------------------------------------ */
/* Decoding: a field becomes a typed value the first time an expression reads it.              */

__attribute__((cold, noinline)) static int type_error(sluice_query *q, size_t slot, size_t row, const sluice_field *f)
{
	if (!q->qo.strict_types) {
		q->stats.type_errors++;
		return 0;
	}
	const long col = q->slot_col[slot];
	char shown[64];
	size_t n = f->len < 40 ? f->len : 40;
	memcpy(shown, f->ptr, n);
	shown[n] = '\0';
	q->failed = true;
	memset(&q->err, 0, sizeof q->err);
	q->err.status = SLUICE_ERR_TYPE;
	q->err.file = sluice_reader_source(q->r, q->in.offset[row]);
	q->err.line = sluice_reader_line_at(q->r, q->in.offset[row]);
	q->err.column = (uint64_t)col + 1;
	q->err.offset = q->in.offset[row];
	snprintf(q->err.message, sizeof q->err.message, "value '%s%s' of column %s does not fit type %s", shown,
	         f->len > 40 ? "..." : "", q->in_names[col], sq_type_name(q->in_types[col]));
	return SLUICE_ERR_TYPE;
}

static bool is_null_text(const sluice_query *q, const char *p, size_t n)
{
	if (n == 0)
		return true;
	for (size_t i = 0; i < q->nnulls; i++) {
		if (strlen(q->nulls[i]) == n && memcmp(q->nulls[i], p, n) == 0)
			return true;
	}
	return false;
}

static int decode(sluice_query *q, size_t slot, size_t row)
{
	sq_batch *b = &q->in;
	const size_t at = slot * q->bcap + row;
	sq_value *v = &b->vals[at];
	b->gen[at] = b->cur_gen;
	const sluice_field *f = &b->fields[at];
	const int type = q->in_types[q->slot_col[slot]];
	q->stats.fields_materialized++;
	if (!f->ptr || (f->flags & SLUICE_FIELD_MISSING)) { /* the record has fewer fields */
		*v = sq_null(type);
		return 0;
	}
	const char *p = f->ptr;
	size_t n = f->len;
	if (f->flags & SLUICE_FIELD_NEEDS_UNESCAPE) {
		char *buf = sq_arena_alloc(&q->batch_arena, f->len ? f->len : 1);
		if (!buf)
			return SLUICE_ERR_NOMEM;
		n = sluice_field_unescape(sluice_reader_dialect(q->r), f, buf, f->len);
		p = buf;
	}
	if (is_null_text(q, p, n)) {
		*v = sq_null(type);
		return 0;
	}
	const sq_text_format *fmt = &q->in_fmt[q->slot_col[slot]];
	if (type == SQ_T_DOUBLE && p == f->ptr && q->in_end && fmt->decimal == '.' && !fmt->thousands) {
		/* in the input's bytes, which may be read past the field */
		v->type = SQ_T_DOUBLE;
		v->null = false;
		if (sq_parse_double_at(p, n, q->in_end, &v->u.d))
			return 0;
		*v = sq_null(type);
		return type_error(q, slot, row, f);
	}
	if (!sq_parse_as_fmt(type, fmt, p, n, v)) {
		*v = sq_null(type);
		return type_error(q, slot, row, f);
	}
	return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Comparison and arithmetic.                                                                  */

static double as_double(const sq_value *v)
{
	return v->type == SQ_T_DOUBLE ? v->u.d : (double)v->u.i;
}

static int arith(sluice_query *q, const sq_expr *e, const sq_value *a, const sq_value *b, sq_value *out)
{
	if (a->null || b->null) {
		*out = sq_null(e->type);
		return 0;
	}
	out->null = false;
	out->type = (uint8_t)e->type;
	if (e->type == SQ_T_BIGINT) {
		int64_t x = a->u.i, y = b->u.i, r = 0;
		bool ovf = false;
		switch (e->op) {
		case SQ_OP_ADD:
			ovf = __builtin_add_overflow(x, y, &r);
			break;
		case SQ_OP_SUB:
			ovf = __builtin_sub_overflow(x, y, &r);
			break;
		case SQ_OP_MUL:
			ovf = __builtin_mul_overflow(x, y, &r);
			break;
		case SQ_OP_MOD:
			if (y == 0) {
				*out = sq_null(e->type);
				return 0;
			}
			r = (y == -1) ? 0 : x % y;
			break;
		case SQ_OP_INTDIV:
			if (y == 0) {
				*out = sq_null(e->type);
				return 0;
			}
			if (y == -1)
				ovf = __builtin_sub_overflow((int64_t)0, x, &r);
			else
				r = x / y;
			break;
		default:
			break;
		}
		if (ovf) {
			q->failed = true;
			return sq_sql_error(q, e->pos, "integer overflow in %s", "arithmetic");
		}
		out->u.i = r;
		return 0;
	}
	if (e->type == SQ_T_VARCHAR) { /* || */
		char *buf = sq_arena_alloc(&q->batch_arena, a->u.s.len + b->u.s.len + 1);
		if (!buf)
			return SLUICE_ERR_NOMEM;
		memcpy(buf, a->u.s.ptr, a->u.s.len);
		memcpy(buf + a->u.s.len, b->u.s.ptr, b->u.s.len);
		out->u.s.ptr = buf;
		out->u.s.len = a->u.s.len + b->u.s.len;
		return 0;
	}
	double x = as_double(a), y = as_double(b), r = 0;
	switch (e->op) {
	case SQ_OP_ADD:
		r = x + y;
		break;
	case SQ_OP_SUB:
		r = x - y;
		break;
	case SQ_OP_MUL:
		r = x * y;
		break;
	case SQ_OP_DIV:
		/* integers divided by zero give NULL; doubles follow IEEE (inf, nan), as in DuckDB */
		if (y == 0 && a->type != SQ_T_DOUBLE && b->type != SQ_T_DOUBLE) {
			*out = sq_null(e->type);
			return 0;
		}
		r = x / y;
		break;
	case SQ_OP_INTDIV:
		if (y == 0) {
			*out = sq_null(e->type);
			return 0;
		}
		r = trunc(x / y);
		break;
	case SQ_OP_MOD:
		if (y == 0) {
			*out = sq_null(e->type);
			return 0;
		}
		r = fmod(x, y);
		break;
	default:
		break;
	}
	out->u.d = r;
	return 0;
}

static sq_value truth(int t)
{
	sq_value v;
	memset(&v, 0, sizeof v);
	v.type = SQ_T_BOOLEAN;
	if (t < 0)
		v.null = true;
	else
		v.u.b = t != 0;
	return v;
}

static int cmp_op(int op, int c)
{
	switch (op) {
	case SQ_OP_EQ:
		return c == 0;
	case SQ_OP_NE:
		return c != 0;
	case SQ_OP_LT:
		return c < 0;
	case SQ_OP_LE:
		return c <= 0;
	case SQ_OP_GT:
		return c > 0;
	default:
		return c >= 0;
	}
}

/* ------------------------------------------------------------------------------------------ */
/* LIKE: % any run, _ one character (a whole UTF-8 sequence), no escape character.            */

static size_t utf8_len(unsigned char c)
{
	return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

static unsigned char fold(unsigned char c, bool ci)
{
	return ci ? (unsigned char)tolower(c) : c;
}

static bool like(const unsigned char *s, size_t n, const unsigned char *p, size_t m, bool ci)
{
	size_t si = 0, pi = 0, star_p = (size_t)-1, star_s = 0;
	while (si < n) {
		if (pi < m && p[pi] == '%') {
			star_p = ++pi;
			star_s = si;
			continue;
		}
		if (pi < m && p[pi] == '_') {
			si += utf8_len(s[si]);
			if (si > n)
				si = n;
			pi++;
			continue;
		}
		if (pi < m && fold(p[pi], ci) == fold(s[si], ci)) {
			si++;
			pi++;
			continue;
		}
		if (star_p != (size_t)-1) {
			star_s += utf8_len(s[star_s]);
			si = star_s;
			pi = star_p;
			if (si > n)
				return false;
			continue;
		}
		return false;
	}
	while (pi < m && p[pi] == '%')
		pi++;
	return pi == m;
}

/* ------------------------------------------------------------------------------------------ */

/* The values of e's children, evaluated into their scratch buffers. */
static int eval_args(sluice_query *q, sq_expr *e, const uint16_t *sel, size_t n)
{
	for (size_t i = 0; i < e->nargs; i++) {
		int rc = sq_eval(q, e->args[i], sel, n, sq_scratch_get(q, e->args[i]));
		if (rc)
			return rc;
	}
	return 0;
}

/* The evaluators of each kind of node below run after eval_args: their children's values are in
 * the children's scratch buffers, row k at index k. */

static int eval_column(sluice_query *q, const sq_expr *e, const uint16_t *sel, size_t n, sq_value *out)
{
	const size_t slot = (size_t)q->in_slot[e->column];
	const sq_value *vals = q->in.vals + slot * q->bcap;
	int rc = sq_decode_rows(q, slot, sel, n);
	for (size_t k = 0; k < n && !rc; k++)
		out[k] = vals[sel[k]];
	return rc;
}

static int eval_unary(sluice_query *q, const sq_expr *e, size_t n, sq_value *out)
{
	const sq_value *a = sq_scratch_get(q, e->args[0]);
	for (size_t k = 0; k < n; k++) {
		if (a[k].null) {
			out[k] = sq_null(e->type);
		} else if (e->op == SQ_OP_NOT) {
			out[k] = truth(!a[k].u.b);
		} else {
			out[k] = a[k];
			if (a[k].type == SQ_T_DOUBLE) {
				out[k].u.d = -a[k].u.d;
			} else if (a[k].u.i == INT64_MIN) {
				return sq_sql_error(q, e->pos, "integer overflow in %s", "negation");
			} else {
				out[k].u.i = -a[k].u.i;
			}
		}
	}
	return 0;
}

/* AND and OR in three-valued logic: NULL is -1. */
static int eval_logic(sluice_query *q, const sq_expr *e, size_t n, sq_value *out)
{
	const sq_value *a = sq_scratch_get(q, e->args[0]), *b = sq_scratch_get(q, e->args[1]);
	for (size_t k = 0; k < n; k++) {
		int x = a[k].null ? -1 : a[k].u.b, y = b[k].null ? -1 : b[k].u.b;
		int t;
		if (e->op == SQ_OP_AND)
			t = (x == 0 || y == 0) ? 0 : (x < 0 || y < 0) ? -1 : 1;
		else
			t = (x == 1 || y == 1) ? 1 : (x < 0 || y < 0) ? -1 : 0;
		out[k] = truth(t);
	}
	return 0;
}

/* Comparisons and arithmetic. */
static int eval_binary(sluice_query *q, const sq_expr *e, size_t n, sq_value *out)
{
	if (e->op == SQ_OP_AND || e->op == SQ_OP_OR)
		return eval_logic(q, e, n, out);
	const sq_value *a = sq_scratch_get(q, e->args[0]), *b = sq_scratch_get(q, e->args[1]);
	if (e->op >= SQ_OP_EQ && e->op <= SQ_OP_GE) {
		for (size_t k = 0; k < n; k++)
			out[k] = (a[k].null || b[k].null) ? truth(-1) : truth(cmp_op(e->op, sq_compare_values(&a[k], &b[k])));
		return 0;
	}
	for (size_t k = 0; k < n; k++) {
		int rc = arith(q, e, &a[k], &b[k], &out[k]);
		if (rc)
			return rc;
	}
	return 0;
}

static int eval_between(sluice_query *q, const sq_expr *e, size_t n, sq_value *out)
{
	const sq_value *a = sq_scratch_get(q, e->args[0]), *lo = sq_scratch_get(q, e->args[1]),
	               *hi = sq_scratch_get(q, e->args[2]);
	for (size_t k = 0; k < n; k++) {
		int t1 = (a[k].null || lo[k].null) ? -1 : sq_compare_values(&a[k], &lo[k]) >= 0;
		int t2 = (a[k].null || hi[k].null) ? -1 : sq_compare_values(&a[k], &hi[k]) <= 0;
		int t = (t1 == 0 || t2 == 0) ? 0 : (t1 < 0 || t2 < 0) ? -1 : 1;
		if (e->negated && t >= 0)
			t = !t;
		out[k] = truth(t);
	}
	return 0;
}

/* x IN (list): true on an equal item, else NULL when x or an item is NULL, else false. */
static int eval_in(sluice_query *q, const sq_expr *e, size_t n, sq_value *out)
{
	const sq_value *a = sq_scratch_get(q, e->args[0]);
	for (size_t k = 0; k < n; k++) {
		int t = 0;
		if (a[k].null) {
			t = -1;
		} else {
			for (size_t i = 1; i < e->nargs && t != 1; i++) {
				const sq_value *x = &sq_scratch_get(q, e->args[i])[k];
				if (x->null)
					t = -1;
				else if (sq_compare_values(&a[k], x) == 0)
					t = 1;
			}
		}
		if (e->negated && t >= 0)
			t = !t;
		out[k] = truth(t);
	}
	return 0;
}

/* LIKE compares bytes; ILIKE case-folds both sides first. */
static int eval_like(sluice_query *q, const sq_expr *e, size_t n, sq_value *out)
{
	const sq_value *a = sq_scratch_get(q, e->args[0]), *p = sq_scratch_get(q, e->args[1]);
	for (size_t k = 0; k < n; k++) {
		if (a[k].null || p[k].null) {
			out[k] = truth(-1);
			continue;
		}
		bool m;
		if (e->op == SQ_OP_ILIKE) {
			char *x = sq_arena_alloc(&q->batch_arena, 3 * (a[k].u.s.len + p[k].u.s.len) + 2);
			if (!x)
				return SLUICE_ERR_NOMEM;
			size_t xn = sq_utf8_case(a[k].u.s.ptr, a[k].u.s.len, x, false);
			char *y = x + xn;
			size_t yn = sq_utf8_case(p[k].u.s.ptr, p[k].u.s.len, y, false);
			m = like((const unsigned char *)x, xn, (const unsigned char *)y, yn, false);
		} else {
			m = like((const unsigned char *)a[k].u.s.ptr, a[k].u.s.len, (const unsigned char *)p[k].u.s.ptr,
			         p[k].u.s.len, false);
		}
		out[k] = truth(m != e->negated);
	}
	return 0;
}

static int eval_cast(sluice_query *q, const sq_expr *e, size_t n, sq_value *out)
{
	const sq_value *a = sq_scratch_get(q, e->args[0]);
	for (size_t k = 0; k < n; k++) {
		if (sq_cast(&a[k], e->cast_type, &out[k], &q->batch_arena)) {
			char what[96];
			sq_expr_format(e, what, sizeof what);
			return sq_sql_error(q, e->pos, "cannot cast the value to %s in %s", sq_type_name(e->cast_type), what);
		}
	}
	return 0;
}

int sq_eval(sluice_query *q, sq_expr *e, const uint16_t *sel, size_t n, sq_value *out)
{
	if (e->ref)
		return sq_eval(q, e->ref, sel, n, out);
	/* After aggregation, aggregate calls and group keys read their final values. */
	if (q->final_phase && e->slot != -1) {
		const sq_value *src = e->slot >= 0 ? q->final_aggs[e->slot] : q->final_keys[-2 - e->slot];
		for (size_t k = 0; k < n; k++)
			out[k] = src[sel[k]];
		return 0;
	}
	if (e->kind == SQ_E_COLUMN)
		return eval_column(q, e, sel, n, out);
	if (e->kind == SQ_E_LITERAL) {
		for (size_t k = 0; k < n; k++)
			out[k] = e->lit;
		return 0;
	}
	int rc = eval_args(q, e, sel, n);
	if (rc)
		return rc;
	switch (e->kind) {
	case SQ_E_UNARY:
		return eval_unary(q, e, n, out);
	case SQ_E_BINARY:
		return eval_binary(q, e, n, out);
	case SQ_E_ISNULL: {
		const sq_value *a = sq_scratch_get(q, e->args[0]);
		for (size_t k = 0; k < n; k++)
			out[k] = truth(a[k].null != e->negated);
		return 0;
	}
	case SQ_E_BETWEEN:
		return eval_between(q, e, n, out);
	case SQ_E_IN:
		return eval_in(q, e, n, out);
	case SQ_E_LIKE:
		return eval_like(q, e, n, out);
	case SQ_E_CAST:
		return eval_cast(q, e, n, out);
	case SQ_E_FUNC:
		return sq_func_eval(q, e, n, out);
	default: /* SQ_E_STAR, which has no children */
		return sq_sql_error(q, e->pos, "%s", "unsupported expression");
	}
}

int sq_decode(sluice_query *q, size_t slot, size_t row)
{
	return decode(q, slot, row);
}

/* The column of a numeric input column compared with a numeric literal (either side), or NULL. */
static const sq_expr *column_vs_literal(const sluice_query *q, const sq_expr *e, const sq_value **lit, int *op)
{
	if (e->ref || e->kind != SQ_E_BINARY || e->op < SQ_OP_EQ || e->op > SQ_OP_GE || q->final_phase)
		return NULL;
	const sq_expr *a = e->args[0], *b = e->args[1];
	static const int flip[] = {[SQ_OP_EQ] = SQ_OP_EQ, [SQ_OP_NE] = SQ_OP_NE, [SQ_OP_LT] = SQ_OP_GT,
	                           [SQ_OP_LE] = SQ_OP_GE, [SQ_OP_GT] = SQ_OP_LT, [SQ_OP_GE] = SQ_OP_LE};
	*op = e->op;
	if (a->kind == SQ_E_LITERAL && b->kind == SQ_E_COLUMN) {
		const sq_expr *t = a;
		a = b;
		b = t;
		*op = flip[e->op];
	}
	if (a->kind != SQ_E_COLUMN || a->ref || b->kind != SQ_E_LITERAL || b->ref || b->lit.null)
		return NULL;
	const int ct = q->in_types[a->column], lt = b->lit.type;
	if ((ct != SQ_T_DOUBLE && ct != SQ_T_BIGINT) || (lt != SQ_T_DOUBLE && lt != SQ_T_BIGINT))
		return NULL;
	*lit = &b->lit;
	return a;
}

/*
 * `column op literal` over numbers, straight from the decoded values into the selection: no value
 * is copied and no truth value is made. The same order as sq_compare_values: numbers as doubles
 * when either side is one, NaN after everything.
 */
static int filter_column_vs_literal(sluice_query *q, const sq_expr *col, const sq_value *lit, int op, uint16_t *sel,
                                    size_t *n)
{
	const size_t slot = (size_t)q->in_slot[col->column];
	const sq_value *vals = q->in.vals + slot * q->bcap;
	const bool as_int = q->in_types[col->column] == SQ_T_BIGINT && lit->type == SQ_T_BIGINT;
	const double y = as_double(lit);
	const int64_t yi = lit->u.i;
	/* One loop per operator that writes each row and keeps it by the comparison's truth, without a
	 * branch: ROW(k) is the row of selection entry k, X(row) its value, PRESENT(row) 0 for a NULL.
	 * A NaN sorts after every number (sq_compare_values): it passes >, >= and <>. */
#define FILTER_ROWS(keep)                                                                                              \
	for (size_t k = 0; k < *n; k++) {                                                                              \
		const size_t row = ROW(k);                                                                             \
		const double x = X(row);                                                                               \
		sel[m] = (uint16_t)row;                                                                                \
		m += (size_t)((PRESENT(row)) & (keep));                                                                \
	}
#define FILTER_BY_OP()                                                                                                 \
	switch (op) {                                                                                                  \
	case SQ_OP_EQ: FILTER_ROWS(x == y); break;                                                                     \
	case SQ_OP_NE: FILTER_ROWS(x != y); break;                                                                     \
	case SQ_OP_LT: FILTER_ROWS(x < y); break;                                                                      \
	case SQ_OP_LE: FILTER_ROWS(x <= y); break;                                                                     \
	case SQ_OP_GT: FILTER_ROWS((x > y) | (x != x)); break;                                                         \
	default: FILTER_ROWS((x >= y) | (x != x)); break;                                                              \
	}
	const double *dv = as_int || y != y ? NULL : sq_dense_doubles(q, slot, sel, *n);
	if (dv) {
		/* every row of the batch, all plain doubles: the dense copy */
		size_t m = 0;
#define ROW(k) (k)
#define X(row) dv[row]
#define PRESENT(row) 1
		FILTER_BY_OP();
#undef ROW
#undef X
#undef PRESENT
		*n = m;
		return 0;
	}
	int rc = sq_decode_rows(q, slot, sel, *n);
	if (rc)
		return rc;
	if (!as_int && y == y) {
		/* when every value is a double or NULL */
		bool doubles = true;
		for (size_t k = 0; k < *n; k++)
			doubles &= vals[sel[k]].null || vals[sel[k]].type == SQ_T_DOUBLE;
		if (doubles) {
			size_t m = 0;
#define ROW(k) sel[k]
#define X(row) vals[row].u.d
#define PRESENT(row) !vals[row].null
			FILTER_BY_OP();
#undef ROW
#undef X
#undef PRESENT
			*n = m;
			return 0;
		}
	}
#undef FILTER_BY_OP
#undef FILTER_ROWS
	size_t m = 0;
	for (size_t k = 0; k < *n; k++) {
		const size_t row = sel[k];
		const sq_value *v = &vals[row];
		if (v->null)
			continue;
		int c;
		if (as_int) {
			c = v->u.i < yi ? -1 : v->u.i > yi;
		} else {
			const double x = as_double(v);
			c = x < y ? -1 : x > y ? 1 : x == y ? 0 : sq_compare_values(v, lit);
		}
		if (cmp_op(op, c))
			sel[m++] = (uint16_t)row;
	}
	*n = m;
	return 0;
}

/* Narrows sel to the rows where e is true. AND narrows step by step, so the columns of a later
 * conjunct are decoded only for the rows that passed the earlier ones. */
int sq_eval_predicate(sluice_query *q, sq_expr *e, uint16_t *sel, size_t *n)
{
	if (e->kind == SQ_E_BINARY && e->op == SQ_OP_AND && !(q->final_phase && e->slot != -1)) {
		int rc = sq_eval_predicate(q, e->args[0], sel, n);
		if (rc || *n == 0)
			return rc;
		return sq_eval_predicate(q, e->args[1], sel, n);
	}
	const sq_value *lit;
	int op;
	const sq_expr *col = column_vs_literal(q, e, &lit, &op);
	if (col)
		return filter_column_vs_literal(q, col, lit, op, sel, n);
	sq_value *v = sq_scratch_get(q, e);
	int rc = sq_eval(q, e, sel, *n, v);
	if (rc)
		return rc;
	size_t m = 0;
	for (size_t k = 0; k < *n; k++) {
		if (!v[k].null && v[k].u.b)
			sel[m++] = sel[k];
	}
	*n = m;
	return 0;
}
