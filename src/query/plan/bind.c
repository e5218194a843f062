/* bind.c - the binder and planner: name resolution, type checking, aggregate extraction, prefilter choice, EXPLAIN. */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#define XXH_INLINE_ALL
#include <xxhash.h>

#include "query/plan/bind.h"
#include "query/plan/func_types.h"
#include "query/plan/sql_error.h"
#include "query/values/cast.h"
#include "query/values/compare.h"
#include "query/values/value.h"

static sq_expr *own(sluice_query *q, sq_expr *e)
{
	if (!e)
		return NULL;
	if (q->nown == q->cown) {
		size_t c = q->cown ? q->cown * 2 : 16;
		sq_expr **n = realloc(q->own_exprs, c * sizeof *n);
		if (!n) {
			sq_expr_free(e);
			return NULL;
		}
		q->own_exprs = n;
		q->cown = c;
	}
	q->own_exprs[q->nown++] = e;
	return e;
}

static sq_expr *new_column(sluice_query *q, long col)
{
	sq_expr *e = calloc(1, sizeof *e);
	if (!e)
		return NULL;
	e->kind = SQ_E_COLUMN;
	e->name = strdup(q->in_names[col]);
	e->slot = -1;
	return own(q, e);
}

/* XXH3 of a name, or of its ASCII lower case (the case strcasecmp ignores). */
static uint64_t name_hash(const char *name, bool fold)
{
	const size_t n = strlen(name);
	if (!fold)
		return XXH3_64bits(name, n);
	XXH3_state_t st;
	XXH3_64bits_reset(&st);
	char buf[256];
	for (size_t i = 0; i < n; i += sizeof buf) {
		const size_t m = n - i < sizeof buf ? n - i : sizeof buf;
		for (size_t k = 0; k < m; k++)
			buf[k] = (char)tolower((unsigned char)name[i + k]);
		XXH3_64bits_update(&st, buf, m);
	}
	return XXH3_64bits_digest(&st);
}

/* Builds the name index: column + 1 by hash of the exact name, then by hash of the folded name,
 * each keeping the first column of a name (as a scan in column order would find). */
static int index_names(sluice_query *q)
{
	size_t cap = 16;
	while (cap < 2 * q->nin)
		cap *= 2;
	q->name_slots = calloc(2 * cap, sizeof *q->name_slots);
	if (!q->name_slots)
		return SLUICE_ERR_NOMEM;
	q->name_mask = cap - 1;
	for (int fold = 0; fold <= 1; fold++) {
		uint32_t *t = q->name_slots + (size_t)fold * cap;
		for (size_t i = 0; i < q->nin; i++) {
			size_t j = name_hash(q->in_names[i], fold) & q->name_mask;
			for (; t[j]; j = (j + 1) & q->name_mask)
				if ((fold ? strcasecmp : strcmp)(q->in_names[t[j] - 1], q->in_names[i]) == 0)
					break;
			if (!t[j])
				t[j] = (uint32_t)i + 1;
		}
	}
	return 0;
}

/* The input column called name (exactly, else ignoring ASCII case), -1 when there is none, -2
 * when out of memory. */
static long find_column(sluice_query *q, const char *name)
{
	if (!q->name_slots && q->nin && index_names(q))
		return -2;
	for (int fold = 0; fold <= 1 && q->nin; fold++) {
		const uint32_t *t = q->name_slots + (size_t)fold * (q->name_mask + 1);
		for (size_t j = name_hash(name, fold) & q->name_mask; t[j]; j = (j + 1) & q->name_mask)
			if ((fold ? strcasecmp : strcmp)(q->in_names[t[j] - 1], name) == 0)
				return (long)t[j] - 1;
	}
	return -1;
}

static int unknown_column(sluice_query *q, const sq_expr *e)
{
	if (q->nin == 0)
		return sq_sql_error(q, e->pos, "unknown column \"%s\" (the input has no columns)", e->name);
	char list[120];
	size_t at = 0;
	for (size_t i = 0; i < q->nin && at < sizeof list - 8; i++)
		at += (size_t)snprintf(list + at, sizeof list - at, "%s%s", i ? ", " : "", q->in_names[i]);
	if (at >= sizeof list - 8)
		snprintf(list + sizeof list - 8, 8, ", ...");
	return sq_sql_error(q, e->pos, "unknown column \"%s\" (columns: %s)", e->name, list);
}

static bool is_numeric(int t)
{
	return t == SQ_T_BIGINT || t == SQ_T_DOUBLE;
}

static bool is_temporal(int t)
{
	return t == SQ_T_DATE || t == SQ_T_TIMESTAMP || t == SQ_T_TIMESTAMPTZ;
}

/* Turns a VARCHAR literal into `type` at plan time, so comparisons with typed columns work. */
static int coerce_literal(sluice_query *q, sq_expr *lit, int type, const sq_expr *ctx)
{
	sq_value out;
	if (lit->lit.null) {
		lit->lit.type = (uint8_t)type;
		lit->type = type;
		return 0;
	}
	if (sq_cast(&lit->lit, type, &out, &q->out_arena) != 0) {
		char what[128];
		sq_expr_format(ctx, what, sizeof what);
		return sq_sql_error(q, lit->pos, "cannot read '%.*s' as %s in %s", (int)lit->lit.u.s.len, lit->lit.u.s.ptr,
		                    sq_type_name(type), what);
	}
	if (lit->lit.type == SQ_T_VARCHAR)
		free((void *)lit->lit.u.s.ptr);
	lit->lit = out;
	lit->type = type;
	return 0;
}

/* Makes a and b comparable, coercing a literal side when the other is typed. */
static int comparable(sluice_query *q, sq_expr *a, sq_expr *b, const sq_expr *ctx)
{
	int ta = a->type, tb = b->type;
	if (ta == SQ_T_NULL || tb == SQ_T_NULL || ta == tb)
		return 0;
	if (is_numeric(ta) && is_numeric(tb))
		return 0;
	if (is_temporal(ta) && is_temporal(tb))
		return 0;
	if (tb == SQ_T_VARCHAR && b->kind == SQ_E_LITERAL)
		return coerce_literal(q, b, ta, ctx);
	if (ta == SQ_T_VARCHAR && a->kind == SQ_E_LITERAL)
		return coerce_literal(q, a, tb, ctx);
	char what[128];
	sq_expr_format(ctx, what, sizeof what);
	return sq_sql_error(q, ctx->pos, "cannot compare %s with %s in %s", sq_type_name(ta), sq_type_name(tb), what);
}

static int type_error(sluice_query *q, const sq_expr *e, const char *need)
{
	char what[128];
	sq_expr_format(e, what, sizeof what);
	return sq_sql_error(q, e->pos, "type error: %s needs %s in %s", what, need, what);
}

enum { CTX_ROW = 0, CTX_AGG_ALLOWED = 1, CTX_IN_AGG = 2 };

static int add_agg(sluice_query *q, sq_expr *e, int kind)
{
	sq_agg *n = realloc(q->aggs, (q->naggs + 1) * sizeof *n);
	if (!n)
		return SLUICE_ERR_NOMEM;
	q->aggs = n;
	sq_agg *a = &q->aggs[q->naggs];
	memset(a, 0, sizeof *a);
	bool star = e->nargs == 1 && e->args[0]->kind == SQ_E_STAR;
	if (kind == SQ_AGG_COUNT && (star || e->nargs == 0))
		kind = SQ_AGG_COUNT_STAR;
	a->kind = kind;
	a->distinct = e->distinct;
	a->arg = kind == SQ_AGG_COUNT_STAR ? NULL : e->args[0];
	a->arg_type = a->arg ? a->arg->type : SQ_T_NULL;
	switch (kind) {
	case SQ_AGG_COUNT_STAR:
	case SQ_AGG_COUNT:
		a->result_type = SQ_T_BIGINT;
		break;
	case SQ_AGG_SUM:
		if (!is_numeric(a->arg_type) && a->arg_type != SQ_T_NULL)
			return type_error(q, e, "a number");
		a->result_type = a->arg_type == SQ_T_BIGINT ? SQ_T_BIGINT : SQ_T_DOUBLE;
		break;
	case SQ_AGG_MIN:
	case SQ_AGG_MAX:
		a->result_type = a->arg_type == SQ_T_NULL ? SQ_T_VARCHAR : a->arg_type;
		break;
	case SQ_AGG_APPROX_DISTINCT:
		a->distinct = false; /* counts distinct values anyway */
		a->result_type = SQ_T_BIGINT;
		break;
	case SQ_AGG_APPROX_TOP:
		a->distinct = false;
		a->param = e->args[1]->lit.u.i;
		a->result_type = SQ_T_VARCHAR;
		break;
	default:
		if (!is_numeric(a->arg_type) && a->arg_type != SQ_T_NULL)
			return type_error(q, e, "a number");
		a->result_type = SQ_T_DOUBLE;
		break;
	}
	e->slot = (int)q->naggs++;
	e->type = a->result_type;
	return 0;
}

static int resolve(sluice_query *q, sq_expr *e, int ctx);

/* An aggregate call: where it may stand, its arguments, and its slot. */
static int resolve_aggregate(sluice_query *q, sq_expr *e, int kind, int ctx)
{
	if (ctx != CTX_AGG_ALLOWED)
		return sq_sql_error(q, e->pos, "aggregate %s() is not allowed %s", e->name,
		                    ctx == CTX_IN_AGG ? "inside another aggregate" : "here (WHERE or GROUP BY)");
	if (kind == SQ_AGG_APPROX_TOP) {
		/* approx_top_count(x, k): k a whole number literal */
		const sq_expr *k = e->nargs == 2 ? e->args[1] : NULL;
		if (!k || k->kind != SQ_E_LITERAL || k->lit.null || k->lit.type != SQ_T_BIGINT || k->lit.u.i < 1 ||
		    k->lit.u.i > 1000)
			return sq_sql_error(q, k ? k->pos : e->pos, "%s() takes a value and a count from 1 to 1000", e->name);
	} else if (e->nargs != 1) {
		return sq_sql_error(q, e->pos, "%s() takes one argument", e->name);
	}
	if (e->args[0]->kind == SQ_E_STAR) {
		if (strcmp(e->name, "count") != 0)
			return sq_sql_error(q, e->pos, "%s(*) is not allowed; only count(*)", e->name);
		e->args[0]->node = q->next_node++;
	} else {
		int rc = resolve(q, e->args[0], CTX_IN_AGG);
		if (rc)
			return rc;
	}
	q->aggregate = true;
	return add_agg(q, e, kind);
}

/* A column name: an input column, or in HAVING a select alias. */
static int resolve_column(sluice_query *q, sq_expr *e, int ctx)
{
	e->column = find_column(q, e->name);
	if (e->column == -2)
		return SLUICE_ERR_NOMEM;
	if (e->column < 0 && ctx == CTX_AGG_ALLOWED) {
		for (size_t i = 0; i < q->ast->nitems; i++) {
			const sq_select_item *it = &q->ast->items[i];
			if (it->alias && strcasecmp(it->alias, e->name) == 0 && it->expr->kind != SQ_E_STAR) {
				e->ref = it->expr;
				e->type = it->expr->type;
				return 0;
			}
		}
	}
	if (e->column < 0)
		return unknown_column(q, e);
	e->type = q->in_types[e->column];
	return 0;
}

static int resolve_unary(sluice_query *q, sq_expr *e)
{
	const int t = e->args[0]->type;
	if (e->op == SQ_OP_NOT) {
		if (t != SQ_T_BOOLEAN && t != SQ_T_NULL)
			return type_error(q, e, "a boolean");
		e->type = SQ_T_BOOLEAN;
	} else {
		if (!is_numeric(t) && t != SQ_T_NULL)
			return type_error(q, e, "a number");
		e->type = t == SQ_T_NULL ? SQ_T_BIGINT : t;
	}
	return 0;
}

/* Both operands of e are of type t (or NULL); otherwise a type error that names need. */
static int operands_of(sluice_query *q, const sq_expr *e, int t, const char *need)
{
	for (int i = 0; i < 2; i++)
		if (e->args[i]->type != t && e->args[i]->type != SQ_T_NULL)
			return type_error(q, e, need);
	return 0;
}

static int resolve_binary(sluice_query *q, sq_expr *e)
{
	sq_expr **a = e->args;
	switch (e->op) {
	case SQ_OP_AND:
	case SQ_OP_OR:
		e->type = SQ_T_BOOLEAN;
		return operands_of(q, e, SQ_T_BOOLEAN, "boolean operands");
	case SQ_OP_EQ:
	case SQ_OP_NE:
	case SQ_OP_LT:
	case SQ_OP_LE:
	case SQ_OP_GT:
	case SQ_OP_GE:
		e->type = SQ_T_BOOLEAN;
		return comparable(q, a[0], a[1], e);
	case SQ_OP_CONCAT:
		e->type = SQ_T_VARCHAR;
		return operands_of(q, e, SQ_T_VARCHAR, "strings");
	default:
		for (int i = 0; i < 2; i++)
			if (!is_numeric(a[i]->type) && a[i]->type != SQ_T_NULL)
				return type_error(q, e, "numbers");
		/* / always divides as doubles; the others (// too) stay whole on whole numbers */
		if (e->op == SQ_OP_DIV)
			e->type = SQ_T_DOUBLE;
		else
			e->type = (a[0]->type == SQ_T_DOUBLE || a[1]->type == SQ_T_DOUBLE) ? SQ_T_DOUBLE : SQ_T_BIGINT;
		return 0;
	}
}

/* Resolves names and types in e. ctx says whether aggregates may appear here. */
static int resolve(sluice_query *q, sq_expr *e, int ctx)
{
	e->slot = -1;
	e->node = q->next_node++;
	int kind;
	if (e->kind == SQ_E_FUNC && sq_func_is_aggregate(e->name, e->distinct, &kind))
		return resolve_aggregate(q, e, kind, ctx);
	for (size_t i = 0; i < e->nargs; i++) {
		if (e->args[i]->kind == SQ_E_STAR)
			return sq_sql_error(q, e->args[i]->pos, "%s", "'*' is only allowed as SELECT * or count(*)");
		int rc = resolve(q, e->args[i], ctx);
		if (rc)
			return rc;
	}
	switch (e->kind) {
	case SQ_E_COLUMN:
		return resolve_column(q, e, ctx);
	case SQ_E_LITERAL:
		e->type = e->lit.null ? SQ_T_NULL : e->lit.type;
		return 0;
	case SQ_E_STAR:
		return sq_sql_error(q, e->pos, "%s", "'*' is only allowed as SELECT * or count(*)");
	case SQ_E_UNARY:
		return resolve_unary(q, e);
	case SQ_E_BINARY:
		return resolve_binary(q, e);
	case SQ_E_FUNC:
		return sq_func_check(q, e);
	case SQ_E_CAST:
		e->type = e->cast_type;
		return 0;
	case SQ_E_IN:
	case SQ_E_BETWEEN:
		for (size_t i = 1; i < e->nargs; i++) {
			int rc = comparable(q, e->args[0], e->args[i], e);
			if (rc)
				return rc;
		}
		e->type = SQ_T_BOOLEAN;
		return 0;
	case SQ_E_LIKE:
		e->type = SQ_T_BOOLEAN;
		return operands_of(q, e, SQ_T_VARCHAR, "strings");
	case SQ_E_ISNULL:
		e->type = SQ_T_BOOLEAN;
		return 0;
	default:
		return sq_sql_error(q, e->pos, "%s", "unsupported expression");
	}
}

static bool same_expr(const sq_expr *a, const sq_expr *b)
{
	if (a->kind != b->kind || a->op != b->op || a->nargs != b->nargs || a->negated != b->negated ||
	    a->distinct != b->distinct)
		return false;
	switch (a->kind) {
	case SQ_E_COLUMN:
		return a->column == b->column;
	case SQ_E_LITERAL:
		return a->lit.null == b->lit.null && (a->lit.null || (a->lit.type == b->lit.type && sq_values_equal(&a->lit, &b->lit)));
	case SQ_E_FUNC:
		if (strcmp(a->name, b->name) != 0)
			return false;
		break;
	case SQ_E_CAST:
		if (a->cast_type != b->cast_type)
			return false;
		break;
	default:
		break;
	}
	for (size_t i = 0; i < a->nargs; i++)
		if (!same_expr(a->args[i], b->args[i]))
			return false;
	return true;
}

/* In an aggregate query, marks subtrees equal to group keys and checks that no bare column is left. */
static int bind_groups(sluice_query *q, sq_expr *e)
{
	if (e->slot >= 0 || e->ref)
		return 0; /* an aggregate call, or an alias of a select item (bound on its own) */
	for (size_t k = 0; k < q->ngroup; k++) {
		if (same_expr(e, q->group_exprs[k])) {
			e->slot = -2 - (int)k;
			return 0;
		}
	}
	if (e->kind == SQ_E_COLUMN)
		return sq_sql_error(q, e->pos, "column \"%s\" must appear in the GROUP BY clause or be used in an aggregate function",
		                    e->name);
	for (size_t i = 0; i < e->nargs; i++) {
		int rc = bind_groups(q, e->args[i]);
		if (rc)
			return rc;
	}
	return 0;
}

static void mark_columns(sluice_query *q, const sq_expr *e, bool where)
{
	if (!e)
		return;
	if (e->kind == SQ_E_COLUMN && e->column >= 0) {
		if (q->in_slot[e->column] < 0) {
			q->in_slot[e->column] = (long)q->nread;
			q->slot_col[q->nread++] = e->column;
		}
		if (where)
			q->slot_in_where[q->in_slot[e->column]] = true;
	}
	for (size_t i = 0; i < e->nargs; i++)
		mark_columns(q, e->args[i], where);
}

/* An output column's name, as DuckDB names it: a column reference by the column it names (so
 * "user id" is user id, and X is x when the header says x), any other expression by its SQL text. */
static void expr_name(const sluice_query *q, const sq_expr *e, char **out)
{
	if (e->kind == SQ_E_COLUMN && e->column >= 0 && (size_t)e->column < q->nin) {
		*out = strdup(q->in_names[e->column]);
	} else if (e->kind == SQ_E_COLUMN) {
		*out = strdup(e->name); /* a select alias that HAVING or ORDER BY names */
	} else if (e->pos < e->end && e->end <= q->sql_len) {
		*out = strndup(q->sql + e->pos, e->end - e->pos);
	} else {
		char buf[256];
		sq_expr_format(e, buf, sizeof buf);
		*out = strdup(buf);
	}
}

/* Finds a literal that every record passing the WHERE clause must contain in its raw bytes. */
static void choose_prefilter(sluice_query *q, const sq_expr *e)
{
	if (!e || !q->qo.prefilter)
		return;
	if (e->kind == SQ_E_BINARY && e->op == SQ_OP_AND) {
		choose_prefilter(q, e->args[0]);
		choose_prefilter(q, e->args[1]);
		return;
	}
	const char *lit = NULL;
	size_t len = 0;
	const sq_expr *col = NULL;
	if (e->kind == SQ_E_BINARY && e->op == SQ_OP_EQ && e->args[0]->kind == SQ_E_COLUMN &&
	    e->args[1]->kind == SQ_E_LITERAL) {
		col = e->args[0];
		if (!e->args[1]->lit.null && e->args[1]->lit.type == SQ_T_VARCHAR) {
			lit = e->args[1]->lit.u.s.ptr;
			len = e->args[1]->lit.u.s.len;
		}
	} else if (e->kind == SQ_E_LIKE && !e->negated && e->op == SQ_OP_LIKE && e->args[0]->kind == SQ_E_COLUMN &&
	           e->args[1]->kind == SQ_E_LITERAL && !e->args[1]->lit.null) {
		/* the longest run of the pattern without wildcards */
		col = e->args[0];
		const char *p = e->args[1]->lit.u.s.ptr;
		size_t m = e->args[1]->lit.u.s.len, i = 0;
		while (i < m) {
			while (i < m && (p[i] == '%' || p[i] == '_'))
				i++;
			size_t j = i;
			while (j < m && p[j] != '%' && p[j] != '_')
				j++;
			if (j - i > len) {
				lit = p + i;
				len = j - i;
			}
			i = j;
		}
	} else if (e->kind == SQ_E_FUNC && (!strcmp(e->name, "contains") || !strcmp(e->name, "starts_with") ||
	                                    !strcmp(e->name, "ends_with")) &&
	           e->nargs == 2 && e->args[0]->kind == SQ_E_COLUMN && e->args[1]->kind == SQ_E_LITERAL &&
	           !e->args[1]->lit.null) {
		col = e->args[0];
		lit = e->args[1]->lit.u.s.ptr;
		len = e->args[1]->lit.u.s.len;
	}
	if (!lit || len < 2 || !col || col->type != SQ_T_VARCHAR)
		return;
	/* Quotes and escapes change how a value is spelled in the raw bytes: no prefilter then. */
	const sluice_dialect *d = &q->ropts.dialect;
	for (size_t i = 0; i < len; i++) {
		int c = (unsigned char)lit[i];
		if (c == d->quote || c == d->escape)
			return;
	}
	/* A NULL spelling could never match anyway; keep the longest literal. */
	if (len > q->pf_len) {
		free(q->pf_lit);
		q->pf_lit = strndup(lit, len);
		q->pf_len = q->pf_lit ? len : 0;
	}
}

/* GROUP BY keys: a position, an alias of a select item, or an expression over input columns. */
static int plan_groups(sluice_query *q)
{
	sq_query *a = q->ast;
	q->ngroup = a->ngroup;
	q->group_exprs = calloc(a->ngroup ? a->ngroup : 1, sizeof *q->group_exprs);
	if (!q->group_exprs)
		return SLUICE_ERR_NOMEM;
	for (size_t i = 0; i < a->ngroup; i++) {
		sq_expr *g = a->group_by[i];
		if (g->kind == SQ_E_LITERAL && g->lit.type == SQ_T_BIGINT && !g->lit.null) {
			int64_t k = g->lit.u.i;
			if (k < 1 || (size_t)k > a->nitems || a->items[k - 1].expr->kind == SQ_E_STAR)
				return sq_sql_error(q, g->pos, "GROUP BY position %lld is not a select item", (long long)k);
			g = a->items[k - 1].expr;
		} else if (g->kind == SQ_E_COLUMN && find_column(q, g->name) < 0) {
			for (size_t j = 0; j < a->nitems; j++)
				if (a->items[j].alias && strcasecmp(a->items[j].alias, g->name) == 0)
					g = a->items[j].expr;
		}
		q->group_exprs[i] = g;
	}
	for (size_t i = 0; i < q->ngroup; i++) {
		int rc = resolve(q, q->group_exprs[i], CTX_ROW);
		if (rc)
			return rc;
	}
	if (q->ngroup)
		q->aggregate = true;
	return 0;
}

/* SELECT * as one output column per input column, by position: header names may repeat. */
static int plan_star(sluice_query *q, const sq_expr *star)
{
	for (size_t c = 0; c < q->nin; c++) {
		sq_expr *ce = new_column(q, (long)c);
		if (!ce)
			return SLUICE_ERR_NOMEM;
		ce->pos = star->pos;
		int rc = resolve(q, ce, CTX_ROW);
		if (rc)
			return rc;
		ce->column = (long)c;
		ce->type = q->in_types[c];
		q->out_exprs[q->nout] = ce;
		q->out_names[q->nout++] = strdup(q->in_names[c]);
	}
	return 0;
}

/* The output columns: SELECT items with * expanded, and room for hidden ORDER BY columns. */
static int plan_select(sluice_query *q)
{
	sq_query *a = q->ast;
	size_t cap = 0;
	for (size_t i = 0; i < a->nitems; i++)
		cap += a->items[i].expr->kind == SQ_E_STAR ? q->nin : 1;
	cap += a->norder;
	q->out_exprs = calloc(cap + 1, sizeof *q->out_exprs);
	q->out_names = calloc(cap + 1, sizeof *q->out_names);
	q->out_types = calloc(cap + 1, sizeof *q->out_types);
	if (!q->out_exprs || !q->out_names || !q->out_types)
		return SLUICE_ERR_NOMEM;
	for (size_t i = 0; i < a->nitems; i++) {
		sq_expr *e = a->items[i].expr;
		if (e->kind == SQ_E_STAR) {
			int rc = plan_star(q, e);
			if (rc)
				return rc;
			continue;
		}
		/* a group key is resolved already */
		if (e != q->group_exprs[0] || !q->ngroup) {
			bool is_key = false;
			for (size_t k = 0; k < q->ngroup; k++)
				is_key |= e == q->group_exprs[k];
			if (!is_key) {
				int rc = resolve(q, e, CTX_AGG_ALLOWED);
				if (rc)
					return rc;
			}
		}
		q->out_exprs[q->nout] = e;
		if (a->items[i].alias)
			q->out_names[q->nout] = strdup(a->items[i].alias);
		else
			expr_name(q, e, &q->out_names[q->nout]);
		q->nout++;
	}
	q->nvisible = q->nout;
	return 0;
}

/* A WHERE or HAVING condition: resolved in ctx, and boolean. */
static int plan_condition(sluice_query *q, sq_expr *cond, int ctx)
{
	int rc = resolve(q, cond, ctx);
	if (rc)
		return rc;
	if (cond->type != SQ_T_BOOLEAN && cond->type != SQ_T_NULL)
		return type_error(q, cond, "a boolean condition");
	return 0;
}

static int plan_conditions(sluice_query *q)
{
	sq_query *a = q->ast;
	if (a->where) {
		int rc = plan_condition(q, a->where, CTX_ROW);
		if (rc)
			return rc;
		q->where = a->where;
	}
	if (a->having) {
		q->aggregate = true;
		int rc = plan_condition(q, a->having, CTX_AGG_ALLOWED);
		if (rc)
			return rc;
		q->having = a->having;
	}
	return 0;
}

/* The output column an ORDER BY key sorts on: a position, a result column name, or an
 * expression, computed as a hidden column unless a result column is the same. */
static int plan_order_key(sluice_query *q, sq_expr *o, long *out)
{
	long col = -1;
	if (o->kind == SQ_E_LITERAL && o->lit.type == SQ_T_BIGINT && !o->lit.null) {
		if (o->lit.u.i < 1 || (size_t)o->lit.u.i > q->nvisible)
			return sq_sql_error(q, o->pos, "ORDER BY position %lld is not a result column", (long long)o->lit.u.i);
		col = (long)o->lit.u.i - 1;
	} else if (o->kind == SQ_E_COLUMN) {
		for (size_t j = 0; j < q->nvisible && col < 0; j++)
			if (strcmp(q->out_names[j], o->name) == 0)
				col = (long)j;
		for (size_t j = 0; j < q->nvisible && col < 0; j++)
			if (strcasecmp(q->out_names[j], o->name) == 0)
				col = (long)j;
	}
	if (col < 0) {
		int rc = resolve(q, o, q->aggregate ? CTX_AGG_ALLOWED : CTX_ROW);
		if (rc)
			return rc;
		for (size_t j = 0; j < q->nvisible && col < 0; j++)
			if (same_expr(q->out_exprs[j], o))
				col = (long)j;
		if (col < 0) {
			col = (long)q->nout;
			q->out_exprs[q->nout] = o;
			expr_name(q, o, &q->out_names[q->nout]);
			q->nout++;
		}
	}
	*out = col;
	return 0;
}

static int plan_order(sluice_query *q)
{
	sq_query *a = q->ast;
	q->norder = a->norder;
	q->order_cols = calloc(a->norder ? a->norder : 1, sizeof *q->order_cols);
	q->order_desc = calloc(a->norder ? a->norder : 1, sizeof *q->order_desc);
	q->order_nulls_first = calloc(a->norder ? a->norder : 1, sizeof *q->order_nulls_first);
	if (!q->order_cols || !q->order_desc || !q->order_nulls_first)
		return SLUICE_ERR_NOMEM;
	for (size_t i = 0; i < a->norder; i++) {
		q->order_desc[i] = a->order_by[i].desc;
		q->order_nulls_first[i] = a->order_by[i].nulls_first;
		long col = -1;
		int rc = plan_order_key(q, a->order_by[i].expr, &col);
		if (rc)
			return rc;
		q->order_cols[i] = (size_t)col;
	}
	return 0;
}

/* Aggregate queries: everything outside aggregates must be a group key. Then the output types. */
static int plan_outputs(sluice_query *q)
{
	if (q->aggregate) {
		for (size_t i = 0; i < q->nout; i++) {
			int rc = bind_groups(q, q->out_exprs[i]);
			if (rc)
				return rc;
		}
		if (q->having) {
			int rc = bind_groups(q, q->having);
			if (rc)
				return rc;
		}
	}
	for (size_t i = 0; i < q->nout; i++) {
		q->out_types[i] = q->out_exprs[i]->type == SQ_T_NULL ? SQ_T_VARCHAR : q->out_exprs[i]->type;
		if (!q->out_names[i])
			return SLUICE_ERR_NOMEM;
	}
	return 0;
}

/* Projection: the columns read, in slots; WHERE columns are decoded first. */
static int plan_projection(sluice_query *q)
{
	q->in_slot = malloc(q->nin * sizeof *q->in_slot + 1);
	q->slot_col = malloc(q->nin * sizeof *q->slot_col + 1);
	q->slot_in_where = calloc(q->nin + 1, sizeof *q->slot_in_where);
	if (!q->in_slot || !q->slot_col || !q->slot_in_where)
		return SLUICE_ERR_NOMEM;
	for (size_t i = 0; i < q->nin; i++)
		q->in_slot[i] = -1;
	mark_columns(q, q->where, true);
	for (size_t i = 0; i < q->ngroup; i++)
		mark_columns(q, q->group_exprs[i], false);
	for (size_t i = 0; i < q->naggs; i++)
		mark_columns(q, q->aggs[i].arg, false);
	if (!q->aggregate)
		for (size_t i = 0; i < q->nout; i++)
			mark_columns(q, q->out_exprs[i], false);
	q->max_fields = 0;
	for (size_t s = 0; s < q->nread; s++)
		if ((size_t)q->slot_col[s] + 1 > q->max_fields)
			q->max_fields = (size_t)q->slot_col[s] + 1;
	return 0;
}

int sq_plan(sluice_query *q)
{
	q->limit = q->ast->limit;
	q->offset = q->ast->offset;
	int rc = plan_groups(q);
	if (!rc)
		rc = plan_select(q);
	if (!rc)
		rc = plan_conditions(q);
	if (!rc)
		rc = plan_order(q);
	if (!rc)
		rc = plan_outputs(q);
	if (!rc)
		rc = plan_projection(q);
	if (rc)
		return rc;
	choose_prefilter(q, q->where);
	return 0;
}
