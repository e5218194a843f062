/* ast.c - freeing query trees and writing expressions back as canonical SQL text. */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "query/sql/ast.h"
#include "query/sql/lex.h"
#include "query/values/value.h"

static void value_free(sq_value *v)
{
	if (v->type == SQ_T_VARCHAR && !v->null)
		free((char *)v->u.s.ptr);
}

void sq_expr_free(sq_expr *e)
{
	if (!e)
		return;
	for (size_t k = 0; k < e->nargs; k++)
		sq_expr_free(e->args[k]);
	free(e->args);
	free(e->name);
	if (e->kind == SQ_E_LITERAL)
		value_free(&e->lit);
	free(e);
}

void sq_query_free(sq_query *q)
{
	if (!q)
		return;
	for (size_t k = 0; k < q->nitems; k++) {
		sq_expr_free(q->items[k].expr);
		free(q->items[k].alias);
	}
	free(q->items);
	free(q->from_path);
	for (size_t k = 0; k < q->noptions; k++) {
		free(q->options[k].key);
		value_free(&q->options[k].value);
	}
	free(q->options);
	sq_expr_free(q->where);
	for (size_t k = 0; k < q->ngroup; k++)
		sq_expr_free(q->group_by[k]);
	free(q->group_by);
	sq_expr_free(q->having);
	for (size_t k = 0; k < q->norder; k++)
		sq_expr_free(q->order_by[k].expr);
	free(q->order_by);
	free(q);
}

/* ------------------------------------------------------------------------------------------ */
/* Formatting: snprintf-like, counting every byte it would write even past the buffer. */

typedef struct writer {
	char *buf;
	size_t cap;
	size_t n;
} writer;

static void put(writer *w, const char *s, size_t n)
{
	if (w->n < w->cap) {
		size_t room = w->cap - w->n;
		memcpy(w->buf + w->n, s, n < room ? n : room);
	}
	w->n += n;
}

static void puts_(writer *w, const char *s)
{
	put(w, s, strlen(s));
}

/* s quoted with q, doubling any q inside, so the parser reads back the same bytes. */
static void put_quoted(writer *w, const char *s, size_t n, char q)
{
	size_t run = 0;
	put(w, &q, 1);
	for (size_t k = 0; k < n; k++) {
		if (s[k] != q)
			continue;
		put(w, s + run, k + 1 - run);
		put(w, &q, 1);
		run = k + 1;
	}
	put(w, s + run, n - run);
	put(w, &q, 1);
}

/* A column name bare when it lexes back as the same identifier, else "quoted". */
static void put_name(writer *w, const char *name)
{
	size_t n = strlen(name);
	const unsigned char *u = (const unsigned char *)name;
	bool bare = n > 0 && !(u[0] >= '0' && u[0] <= '9') && u[0] != '$' && !sq_lex_reserved(name, n);
	for (size_t k = 0; bare && k < n; k++)
		bare = sq_lex_ident_byte(u[k]);
	if (bare)
		put(w, name, n);
	else
		put_quoted(w, name, n, '"');
}

/* The shortest %g text that reads back as the same double, in the C notation whatever the
 * locale, and with a '.' or an exponent so that it reads back as a DOUBLE, not a BIGINT. */
static void put_double(writer *w, double d)
{
	char t[48];
	if (isnan(d)) {
		puts_(w, "CAST('nan' AS DOUBLE)");
		return;
	}
	if (isinf(d)) {
		puts_(w, d < 0 ? "CAST('-inf' AS DOUBLE)" : "CAST('inf' AS DOUBLE)");
		return;
	}
	for (int prec = 15; prec <= 17; prec++) {
		char raw[48];
		size_t k = 0;
		snprintf(raw, sizeof raw, "%.*g", prec, d);
		/* a locale's radix character (possibly several bytes) becomes '.' */
		for (size_t j = 0; raw[j] != '\0'; j++) {
			char c = raw[j];
			if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == 'e' || c == 'E')
				t[k++] = c;
			else if (k == 0 || t[k - 1] != '.')
				t[k++] = '.';
		}
		t[k] = '\0';
		double back;
		if (prec == 17 || (sq_lex_strtod(t, k, &back) == 0 && back == d))
			break;
	}
	puts_(w, t);
	if (!strpbrk(t, ".e"))
		puts_(w, ".0");
}

/* Proleptic Gregorian date of a day count since 1970-01-01 (H. Hinnant's civil_from_days). */
static void civil(int64_t days, int64_t *y, int *m, int *d)
{
	int64_t z = days + 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

/* DATE and TIMESTAMP values (the planner folds typed literals into them) as typed literals. */
static void put_datetime(writer *w, int type, int64_t v)
{
	char t[96];
	const int64_t day_us = INT64_C(86400000000);
	/* a day count far beyond any calendar would overflow civil()'s arithmetic: show it raw */
	if (type == SQ_T_DATE && (v > (INT64_C(1) << 40) || v < -(INT64_C(1) << 40))) {
		snprintf(t, sizeof t, "CAST(%" PRId64 " AS %s)", v, sq_type_name(type));
		puts_(w, t);
		return;
	}
	int64_t days = v, us = 0, y;
	int m, d;
	if (type == SQ_T_TIMESTAMP) {
		days = v / day_us;
		us = v % day_us;
		if (us < 0) {
			us += day_us;
			days--;
		}
	}
	civil(days, &y, &m, &d);
	if (type == SQ_T_DATE) {
		snprintf(t, sizeof t, "DATE '%04" PRId64 "-%02d-%02d'", y, m, d);
	} else {
		int64_t s = us / 1000000, frac = us % 1000000;
		int n = snprintf(t, sizeof t, "TIMESTAMP '%04" PRId64 "-%02d-%02d %02d:%02d:%02d", y, m, d, (int)(s / 3600),
		                 (int)(s / 60 % 60), (int)(s % 60));
		if (frac && n > 0 && (size_t)n < sizeof t)
			n += snprintf(t + n, sizeof t - (size_t)n, ".%06d", (int)frac);
		if (n > 0 && (size_t)n + 1 < sizeof t)
			memcpy(t + n, "'", 2);
	}
	puts_(w, t);
}

static void put_value(writer *w, const sq_value *v)
{
	char t[32];
	if (v->null || v->type == SQ_T_NULL) {
		puts_(w, "NULL");
		return;
	}
	switch (v->type) {
	case SQ_T_BOOLEAN:
		puts_(w, v->u.b ? "TRUE" : "FALSE");
		break;
	case SQ_T_BIGINT:
		snprintf(t, sizeof t, "%" PRId64, v->u.i);
		puts_(w, t);
		break;
	case SQ_T_DOUBLE:
		put_double(w, v->u.d);
		break;
	case SQ_T_DATE:
	case SQ_T_TIMESTAMP:
		put_datetime(w, v->type, v->u.i);
		break;
	case SQ_T_TIMESTAMPTZ: {
		/* no TIMESTAMPTZ '...' literal in the grammar: a cast reads back */
		char z[SQ_FORMAT_CAP + 32] = "CAST('";
		size_t len = strlen(z);
		len += sq_format_timestamptz(v->u.i, z + len);
		memcpy(z + len, "' AS TIMESTAMPTZ)", 18);
		puts_(w, z);
		break;
	}
	case SQ_T_VARCHAR:
		put_quoted(w, v->u.s.ptr ? v->u.s.ptr : "", v->u.s.ptr ? v->u.s.len : 0, '\'');
		break;
	default:
		puts_(w, "?");
		break;
	}
}

static const char *op_text(int op)
{
	switch (op) {
	case SQ_OP_ADD: return "+";
	case SQ_OP_SUB: return "-";
	case SQ_OP_MUL: return "*";
	case SQ_OP_DIV: return "/";
	case SQ_OP_MOD: return "%";
	case SQ_OP_INTDIV: return "//";
	case SQ_OP_EQ: return "=";
	case SQ_OP_NE: return "<>";
	case SQ_OP_LT: return "<";
	case SQ_OP_LE: return "<=";
	case SQ_OP_GT: return ">";
	case SQ_OP_GE: return ">=";
	case SQ_OP_AND: return "AND";
	case SQ_OP_OR: return "OR";
	case SQ_OP_CONCAT: return "||";
	case SQ_OP_LIKE: return "LIKE";
	case SQ_OP_ILIKE: return "ILIKE";
	default: return "?";
	}
}

static void put_expr(writer *w, const sq_expr *e);

/* Argument k, or "?" for a tree missing it: formatting serves error messages, so it must not
 * fail on a half-built tree. */
static void put_arg(writer *w, const sq_expr *e, size_t k)
{
	put_expr(w, k < e->nargs ? e->args[k] : NULL);
}

static void put_args(writer *w, const sq_expr *e, size_t from)
{
	for (size_t k = from; k < e->nargs; k++) {
		if (k > from)
			puts_(w, ", ");
		put_expr(w, e->args[k]);
	}
}

static bool negative_literal(const sq_expr *e)
{
	if (!e || e->kind != SQ_E_LITERAL || e->lit.null)
		return false;
	return (e->lit.type == SQ_T_BIGINT && e->lit.u.i < 0) || (e->lit.type == SQ_T_DOUBLE && signbit(e->lit.u.d));
}

static void put_expr(writer *w, const sq_expr *e)
{
	if (!e) {
		puts_(w, "?");
		return;
	}
	switch (e->kind) {
	case SQ_E_COLUMN:
		put_name(w, e->name ? e->name : "");
		break;
	case SQ_E_LITERAL:
		put_value(w, &e->lit);
		break;
	case SQ_E_STAR:
		puts_(w, "*");
		break;
	case SQ_E_UNARY:
		if (e->op == SQ_OP_NOT) {
			puts_(w, "(NOT ");
		} else {
			/* "(--5)" would start a comment */
			puts_(w, negative_literal(e->nargs ? e->args[0] : NULL) ? "(- " : "(-");
		}
		put_arg(w, e, 0);
		puts_(w, ")");
		break;
	case SQ_E_BINARY:
		puts_(w, "(");
		put_arg(w, e, 0);
		puts_(w, " ");
		puts_(w, op_text(e->op));
		puts_(w, " ");
		put_arg(w, e, 1);
		puts_(w, ")");
		break;
	case SQ_E_FUNC:
		puts_(w, e->name ? e->name : "?");
		puts_(w, e->distinct ? "(DISTINCT " : "(");
		put_args(w, e, 0);
		puts_(w, ")");
		break;
	case SQ_E_CAST:
		puts_(w, "CAST(");
		put_arg(w, e, 0);
		puts_(w, " AS ");
		puts_(w, sq_type_name(e->cast_type));
		puts_(w, ")");
		break;
	case SQ_E_IN:
		puts_(w, "(");
		put_arg(w, e, 0);
		puts_(w, e->negated ? " NOT IN (" : " IN (");
		put_args(w, e, 1);
		puts_(w, "))");
		break;
	case SQ_E_BETWEEN:
		puts_(w, "(");
		put_arg(w, e, 0);
		puts_(w, e->negated ? " NOT BETWEEN " : " BETWEEN ");
		put_arg(w, e, 1);
		puts_(w, " AND ");
		put_arg(w, e, 2);
		puts_(w, ")");
		break;
	case SQ_E_LIKE:
		puts_(w, "(");
		put_arg(w, e, 0);
		puts_(w, e->negated ? " NOT " : " ");
		puts_(w, op_text(e->op == SQ_OP_ILIKE ? SQ_OP_ILIKE : SQ_OP_LIKE));
		puts_(w, " ");
		put_arg(w, e, 1);
		puts_(w, ")");
		break;
	case SQ_E_ISNULL:
		puts_(w, "(");
		put_arg(w, e, 0);
		puts_(w, e->negated ? " IS NOT NULL)" : " IS NULL)");
		break;
	default:
		puts_(w, "?");
		break;
	}
}

size_t sq_expr_format(const sq_expr *e, char *buf, size_t cap)
{
	writer w = {buf, buf ? cap : 0, 0};
	put_expr(&w, e);
	if (w.cap > 0)
		w.buf[w.n < w.cap ? w.n : w.cap - 1] = '\0';
	return w.n;
}
