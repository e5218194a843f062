/* parse_expr.c - expressions by precedence climbing: operators, predicates, calls, casts and literals. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "query/sql/parse_state.h"

/* Recursion through parentheses, function arguments and prefix operators: bounds the parser's
 * own stack, so a hundred thousand '(' is an error rather than a crash. */
#define MAX_DEPTH 256

/* Tree height. Left-associative chains (a + b + c ...) grow the tree without recursing in the
 * parser, but everything that later walks the tree (free, format, planner, executor) recurses;
 * this bound is what keeps those walks within a small stack. */
#define MAX_HEIGHT 1000

/* Binding strength, loosest first. */
enum {
	PREC_OR = 1,
	PREC_AND,
	PREC_NOT,
	PREC_CMP,     /* comparisons, [NOT] IN / BETWEEN / LIKE / ILIKE, IS [NOT] NULL */
	PREC_CONCAT,
	PREC_ADD,
	PREC_MUL,
	PREC_UNARY,
};

static bool enter(parser *p)
{
	if (++p->depth > MAX_DEPTH) {
		sqp_fail(p, cur(p)->pos, "expression nested too deeply");
		return false;
	}
	return true;
}

static void leave(parser *p)
{
	p->depth--;
}

static sq_expr *parse_expr(parser *p, int *h);
static sq_expr *parse_binary(parser *p, int minprec, int *h);

sq_expr *sqp_new_expr(parser *p, int kind, size_t pos, size_t end)
{
	sq_expr *e = calloc(1, sizeof *e);
	if (!e) {
		sqp_fail_nomem(p);
		return NULL;
	}
	e->kind = kind;
	e->op = SQ_OP_NONE;
	e->pos = pos;
	e->end = end;
	e->type = SQ_T_NULL;
	e->column = -1;
	e->slot = -1;
	return e;
}

/* Appends a to e's arguments; on failure frees a (e stays the caller's). */
static bool add_arg(parser *p, sq_expr *e, sq_expr *a)
{
	void *arr = e->args;
	if (!sqp_grow(p, &arr, e->nargs, sizeof *e->args)) {
		sq_expr_free(a);
		return false;
	}
	e->args = arr;
	e->args[e->nargs++] = a;
	return true;
}

/* Raises a node's height *h to cover a child of height hc; false (and an error at `at`) past
 * MAX_HEIGHT. */
static bool height(parser *p, size_t at, int hc, int *h)
{
	if (hc + 1 > MAX_HEIGHT) {
		sqp_fail(p, at, "expression nested too deeply");
		return false;
	}
	if (hc + 1 > *h)
		*h = hc + 1;
	return true;
}

/* The node that arguments are added to, and its height. */
typedef struct arg_list {
	sq_expr *e;
	int *h;
} arg_list;

static bool one_arg(parser *p, void *ctx)
{
	arg_list *l = ctx;
	int ha = 0;
	sq_expr *a = parse_expr(p, &ha);
	return a && add_arg(p, l->e, a) && height(p, a->pos, ha, l->h);
}

/* expr (',' expr)* as e's arguments after those it has: a call's, or an IN list after its left
 * side. */
static bool parse_args(parser *p, sq_expr *e, int *h)
{
	arg_list l = {e, h};
	return sqp_list(p, one_arg, &l);
}

/* A node with the given children, which it takes over; on failure frees them all. */
static sq_expr *make_node(parser *p, int kind, int op, sq_expr *a, sq_expr *b, int ha, int hb, int *h)
{
	sq_expr *e = sqp_new_expr(p, kind, a->pos, b ? b->end : a->end);
	if (!e) {
		sq_expr_free(a);
		sq_expr_free(b);
		return NULL;
	}
	e->op = op;
	*h = 0;
	bool ok = add_arg(p, e, a);
	if (ok && b)
		ok = add_arg(p, e, b);
	else if (!ok)
		sq_expr_free(b);
	if (ok)
		ok = height(p, b ? b->pos : a->pos, ha > hb ? ha : hb, h);
	if (!ok) {
		sq_expr_free(e);
		return NULL;
	}
	return e;
}

/* A type name mapped onto the sq_types (DECIMAL, VARCHAR and CHAR parameters are accepted and
 * ignored: values are DOUBLE or unbounded text). Sets *end past it; returns -1 on an error. */
static int parse_type(parser *p, size_t *end)
{
	static const struct {
		const char *name;
		int type;
		bool params;  /* takes optional (p[, s]) or (n) */
	} types[] = {
		{"BIGINT", SQ_T_BIGINT, false},    {"INTEGER", SQ_T_BIGINT, false}, {"INT", SQ_T_BIGINT, false},
		{"INT8", SQ_T_BIGINT, false},      {"INT4", SQ_T_BIGINT, false},    {"INT2", SQ_T_BIGINT, false},
		{"SMALLINT", SQ_T_BIGINT, false},  {"TINYINT", SQ_T_BIGINT, false}, {"DOUBLE", SQ_T_DOUBLE, false},
		{"FLOAT", SQ_T_DOUBLE, false},     {"FLOAT8", SQ_T_DOUBLE, false},  {"FLOAT4", SQ_T_DOUBLE, false},
		{"REAL", SQ_T_DOUBLE, false},      {"DECIMAL", SQ_T_DOUBLE, true},  {"NUMERIC", SQ_T_DOUBLE, true},
		{"VARCHAR", SQ_T_VARCHAR, true},   {"TEXT", SQ_T_VARCHAR, false},   {"STRING", SQ_T_VARCHAR, false},
		{"CHAR", SQ_T_VARCHAR, true},      {"BOOLEAN", SQ_T_BOOLEAN, false}, {"BOOL", SQ_T_BOOLEAN, false},
		{"DATE", SQ_T_DATE, false},        {"TIMESTAMP", SQ_T_TIMESTAMP, false},
		{"DATETIME", SQ_T_TIMESTAMP, false}, {"TIMESTAMPTZ", SQ_T_TIMESTAMPTZ, false},
	};
	const sq_token *t = cur(p);
	for (size_t k = 0; k < sizeof types / sizeof types[0]; k++) {
		if (!word_eq(p, t, types[k].name))
			continue;
		*end = t->end;
		advance(p);
		if (strcmp(types[k].name, "DOUBLE") == 0 && kw(p, "PRECISION")) {
			*end = cur(p)->end;
			advance(p);
		}
		if (types[k].params && is(p, SQ_TK_LPAREN)) {
			advance(p);
			if (!sqp_expect(p, SQ_TK_INT, "expected an integer type parameter"))
				return -1;
			if (is(p, SQ_TK_COMMA)) {
				advance(p);
				if (!sqp_expect(p, SQ_TK_INT, "expected an integer type parameter"))
					return -1;
			}
			*end = cur(p)->end;
			if (!sqp_expect(p, SQ_TK_RPAREN, "expected ')' after type parameters"))
				return -1;
		}
		return types[k].type;
	}
	if (t->kind == SQ_TK_IDENT || t->kind == SQ_TK_QIDENT) {
		char text[64], msg[160];
		sqp_token_text(p, t, text, sizeof text);
		snprintf(msg, sizeof msg, "unknown type \"%s\"", text);
		sqp_fail(p, t->pos, msg);
	} else {
		sqp_fail_at(p, t, "expected a type name");
	}
	return -1;
}

static sq_expr *literal(parser *p, const sq_token *t)
{
	return sqp_new_expr(p, SQ_E_LITERAL, t->pos, t->end);
}

static sq_expr *string_literal(parser *p, const sq_token *t)
{
	sq_expr *e = literal(p, t);
	if (!e)
		return NULL;
	size_t n;
	char *s = sqp_unquote(p, t, &n);
	if (!s) {
		sq_expr_free(e);
		return NULL;
	}
	e->lit.type = SQ_T_VARCHAR;
	e->lit.u.s.ptr = s;
	e->lit.u.s.len = n;
	return e;
}

/* CAST '(' expr AS type ')' with the CAST token current. */
static sq_expr *parse_cast(parser *p, int *h)
{
	size_t pos = cur(p)->pos;
	advance(p);
	advance(p);
	int ha = 0;
	sq_expr *a = parse_expr(p, &ha);
	if (!a)
		return NULL;
	size_t end;
	int type = -1;
	if (sqp_expect_kw(p, "AS", "expected AS in CAST"))
		type = parse_type(p, &end);
	if (type >= 0) {
		end = cur(p)->end;
		if (!sqp_expect(p, SQ_TK_RPAREN, "expected ')' after CAST"))
			type = -1;
	}
	if (type < 0) {
		sq_expr_free(a);
		return NULL;
	}
	sq_expr *e = make_node(p, SQ_E_CAST, SQ_OP_NONE, a, NULL, ha, 0, h);
	if (e) {
		e->cast_type = type;
		e->pos = pos;
		e->end = end;
	}
	return e;
}

/* DATE 'YYYY-MM-DD' and TIMESTAMP '...': a CAST of the string so that one code path validates
 * and converts date text. */
static sq_expr *typed_literal(parser *p, int type, int *h)
{
	size_t pos = cur(p)->pos;
	advance(p);
	sq_expr *s = string_literal(p, cur(p));
	if (!s)
		return NULL;
	advance(p);
	sq_expr *e = make_node(p, SQ_E_CAST, SQ_OP_NONE, s, NULL, 1, 0, h);
	if (e) {
		e->cast_type = type;
		e->pos = pos;
	}
	return e;
}

/* name '(' [DISTINCT] args | '*' ')' with the name current. */
static sq_expr *parse_call(parser *p, int *h)
{
	const sq_token *name = cur(p);
	sq_expr *e = sqp_new_expr(p, SQ_E_FUNC, name->pos, name->end);
	if (!e)
		return NULL;
	e->name = sqp_copy_text(p, name, true);
	if (!e->name)
		goto fail;
	advance(p);
	advance(p);
	*h = 1;
	if (is(p, SQ_TK_STAR) && ahead(p, 1)->kind == SQ_TK_RPAREN) {
		sq_expr *star = sqp_new_expr(p, SQ_E_STAR, cur(p)->pos, cur(p)->end);
		if (!star || !add_arg(p, e, star))
			goto fail;
		*h = 2;
		advance(p);
	} else if (!is(p, SQ_TK_RPAREN)) {
		if (kw(p, "DISTINCT")) {
			e->distinct = true;
			advance(p);
		}
		if (!parse_args(p, e, h))
			goto fail;
	}
	e->end = cur(p)->end;
	if (!sqp_expect(p, SQ_TK_RPAREN, "expected ')' after function arguments"))
		goto fail;
	return e;
fail:
	sq_expr_free(e);
	return NULL;
}

static sq_expr *parse_primary(parser *p, int *h)
{
	const sq_token *t = cur(p);
	sq_expr *e = NULL;
	*h = 1;
	switch (t->kind) {
	case SQ_TK_INT:
	case SQ_TK_FLOAT:
		e = literal(p, t);
		if (e && !sqp_number(p, t, false, &e->lit)) {
			sq_expr_free(e);
			return NULL;
		}
		break;
	case SQ_TK_STRING:
		e = string_literal(p, t);
		break;
	case SQ_TK_QIDENT:
		e = sqp_new_expr(p, SQ_E_COLUMN, t->pos, t->end);
		if (e && !(e->name = sqp_ident_name(p, t))) {
			sq_expr_free(e);
			return NULL;
		}
		break;
	case SQ_TK_LPAREN: {
		size_t pos = t->pos;
		advance(p);
		e = parse_expr(p, h);
		if (!e)
			return NULL;
		size_t end = cur(p)->end;
		if (!sqp_expect(p, SQ_TK_RPAREN, "expected ')'")) {
			sq_expr_free(e);
			return NULL;
		}
		/* the slice of `(a + b)` is its text with the parentheses, as a header shows it */
		e->pos = pos;
		e->end = end;
		return e;
	}
	case SQ_TK_IDENT: {
		int next = ahead(p, 1)->kind;
		if (kw(p, "TRUE") || kw(p, "FALSE")) {
			e = literal(p, t);
			if (e) {
				e->lit.type = SQ_T_BOOLEAN;
				e->lit.u.b = kw(p, "TRUE");
			}
		} else if (kw(p, "NULL")) {
			e = literal(p, t);
			if (e) {
				e->lit.type = SQ_T_NULL;
				e->lit.null = true;
			}
		} else if (kw(p, "CAST") && next == SQ_TK_LPAREN) {
			return parse_cast(p, h);
		} else if (kw(p, "DATE") && next == SQ_TK_STRING) {
			return typed_literal(p, SQ_T_DATE, h);
		} else if (kw(p, "TIMESTAMP") && next == SQ_TK_STRING) {
			return typed_literal(p, SQ_T_TIMESTAMP, h);
		} else if (is_reserved(p, t)) {
			sqp_fail_at(p, t, NULL);
			return NULL;
		} else if (next == SQ_TK_LPAREN) {
			return parse_call(p, h);
		} else {
			e = sqp_new_expr(p, SQ_E_COLUMN, t->pos, t->end);
			if (e && !(e->name = sqp_ident_name(p, t))) {
				sq_expr_free(e);
				return NULL;
			}
		}
		break;
	}
	default:
		sqp_fail_at(p, t, NULL);
		return NULL;
	}
	if (e)
		advance(p);
	return e;
}

/* primary ('::' type)* */
static sq_expr *parse_postfix(parser *p, int *h)
{
	sq_expr *e = parse_primary(p, h);
	while (e && is(p, SQ_TK_DCOLON)) {
		advance(p);
		size_t end;
		int type = parse_type(p, &end);
		if (type < 0) {
			sq_expr_free(e);
			return NULL;
		}
		e = make_node(p, SQ_E_CAST, SQ_OP_NONE, e, NULL, *h, 0, h);
		if (e) {
			e->cast_type = type;
			e->end = end;
		}
	}
	return e;
}

/* Negates a numeric literal in place, so that `-5` is the value -5 rather than an operation;
 * false for anything else. */
static bool fold_negation(sq_expr *e)
{
	if (e->kind != SQ_E_LITERAL || e->lit.null)
		return false;
	if (e->lit.type == SQ_T_BIGINT) {
		if (e->lit.u.i == INT64_MIN) {
			e->lit.type = SQ_T_DOUBLE;
			e->lit.u.d = 9223372036854775808.0;
		} else {
			e->lit.u.i = -e->lit.u.i;
		}
		return true;
	}
	if (e->lit.type == SQ_T_DOUBLE) {
		e->lit.u.d = -e->lit.u.d;
		return true;
	}
	return false;
}

/* What a prefix operator (the current token) applies to: operators binding at least as tight as
 * prec. Counts as one level of nesting. */
static sq_expr *prefix_operand(parser *p, int prec, int *h)
{
	advance(p);
	if (!enter(p))
		return NULL;
	sq_expr *a = parse_binary(p, prec, h);
	leave(p);
	return a;
}

/* NOT, unary minus and plus, or a postfix expression. */
static sq_expr *parse_prefix(parser *p, int minprec, int *h)
{
	const sq_token *t = cur(p);
	size_t pos = t->pos;
	if (kw(p, "NOT")) {
		/* NOT binds looser than comparisons: `NOT a = b` is NOT (a = b), and `a = NOT b` has no
		 * reading */
		if (minprec > PREC_NOT) {
			sqp_fail_at(p, t, NULL);
			return NULL;
		}
		int ha = 0;
		sq_expr *a = prefix_operand(p, PREC_NOT, &ha);
		if (!a)
			return NULL;
		sq_expr *e = make_node(p, SQ_E_UNARY, SQ_OP_NOT, a, NULL, ha, 0, h);
		if (e)
			e->pos = pos;
		return e;
	}
	if (t->kind == SQ_TK_MINUS || t->kind == SQ_TK_PLUS) {
		bool neg = t->kind == SQ_TK_MINUS;
		const sq_token *n = ahead(p, 1);
		/* A literal straight after '-' is read with its sign, the one way INT64_MIN can be
		 * written; `-5::int` negates the cast instead, as '::' binds tighter. */
		if (neg && (n->kind == SQ_TK_INT || n->kind == SQ_TK_FLOAT) && ahead(p, 2)->kind != SQ_TK_DCOLON) {
			sq_expr *e = sqp_new_expr(p, SQ_E_LITERAL, pos, n->end);
			if (e && !sqp_number(p, n, true, &e->lit)) {
				sq_expr_free(e);
				return NULL;
			}
			if (e) {
				advance(p);
				advance(p);
				*h = 1;
			}
			return e;
		}
		int ha = 0;
		sq_expr *a = prefix_operand(p, PREC_UNARY, &ha);
		if (!a)
			return NULL;
		if (!neg || fold_negation(a)) {
			a->pos = pos;
			*h = ha;
			return a;
		}
		sq_expr *e = make_node(p, SQ_E_UNARY, SQ_OP_NEG, a, NULL, ha, 0, h);
		if (e)
			e->pos = pos;
		return e;
	}
	return parse_postfix(p, h);
}

/* The binary operator at the current token, if any: its node kind, op and precedence. */
static bool infix(const parser *p, int *kind, int *op, int *prec)
{
	static const struct {
		int tok, op, prec;
	} ops[] = {
		{SQ_TK_EQ, SQ_OP_EQ, PREC_CMP},          {SQ_TK_NE, SQ_OP_NE, PREC_CMP},
		{SQ_TK_LT, SQ_OP_LT, PREC_CMP},          {SQ_TK_LE, SQ_OP_LE, PREC_CMP},
		{SQ_TK_GT, SQ_OP_GT, PREC_CMP},          {SQ_TK_GE, SQ_OP_GE, PREC_CMP},
		{SQ_TK_CONCAT, SQ_OP_CONCAT, PREC_CONCAT}, {SQ_TK_PLUS, SQ_OP_ADD, PREC_ADD},
		{SQ_TK_MINUS, SQ_OP_SUB, PREC_ADD},      {SQ_TK_STAR, SQ_OP_MUL, PREC_MUL},
		{SQ_TK_SLASH, SQ_OP_DIV, PREC_MUL},      {SQ_TK_SLASH2, SQ_OP_INTDIV, PREC_MUL},      {SQ_TK_PERCENT, SQ_OP_MOD, PREC_MUL},
	};
	int t = cur(p)->kind;
	*kind = SQ_E_BINARY;
	*op = SQ_OP_NONE;
	for (size_t k = 0; k < sizeof ops / sizeof ops[0]; k++) {
		if (ops[k].tok == t) {
			*op = ops[k].op;
			*prec = ops[k].prec;
			return true;
		}
	}
	if (t != SQ_TK_IDENT)
		return false;
	size_t at = kw(p, "NOT") ? 1 : 0;
	*prec = PREC_CMP;
	if (at == 0 && kw(p, "OR")) {
		*op = SQ_OP_OR;
		*prec = PREC_OR;
	} else if (at == 0 && kw(p, "AND")) {
		*op = SQ_OP_AND;
		*prec = PREC_AND;
	} else if (at == 0 && kw(p, "IS")) {
		*kind = SQ_E_ISNULL;
	} else if (kw_at(p, at, "IN")) {
		*kind = SQ_E_IN;
	} else if (kw_at(p, at, "BETWEEN")) {
		*kind = SQ_E_BETWEEN;
	} else if (kw_at(p, at, "LIKE")) {
		*kind = SQ_E_LIKE;
		*op = SQ_OP_LIKE;
	} else if (kw_at(p, at, "ILIKE")) {
		*kind = SQ_E_LIKE;
		*op = SQ_OP_ILIKE;
	} else {
		return false;
	}
	return true;
}

/* The rest of `left IS [NOT] NULL | [NOT] IN (...) | [NOT] BETWEEN a AND b | [NOT] LIKE p` with
 * the operator's first word current. Takes over left. */
static sq_expr *parse_predicate(parser *p, int kind, int op, sq_expr *left, int hl, int *h)
{
	sq_expr *e = make_node(p, kind, op, left, NULL, hl, 0, h);
	if (!e)
		return NULL;
	if (kind == SQ_E_ISNULL) {
		advance(p);
		if (kw(p, "NOT")) {
			e->negated = true;
			advance(p);
		}
		e->end = cur(p)->end;
		if (!sqp_expect_kw(p, "NULL", "expected NULL after IS"))
			goto fail;
		return e;
	}
	if (kw(p, "NOT")) {
		e->negated = true;
		advance(p);
	}
	advance(p);
	if (kind == SQ_E_IN) {
		if (!sqp_expect(p, SQ_TK_LPAREN, "expected '(' after IN"))
			goto fail;
		if (!parse_args(p, e, h))
			goto fail;
		e->end = cur(p)->end;
		if (!sqp_expect(p, SQ_TK_RPAREN, "expected ')' after the IN list"))
			goto fail;
		return e;
	}
	/* BETWEEN bounds and LIKE patterns bind tighter than AND, so the AND of BETWEEN is its own */
	for (int k = 0; k < (kind == SQ_E_BETWEEN ? 2 : 1); k++) {
		if (k == 1 && !sqp_expect_kw(p, "AND", "expected AND in BETWEEN"))
			goto fail;
		int ha = 0;
		sq_expr *a = parse_binary(p, PREC_CMP + 1, &ha);
		if (!a || !add_arg(p, e, a) || !height(p, a->pos, ha, h))
			goto fail;
		e->end = a->end;
	}
	return e;
fail:
	sq_expr_free(e);
	return NULL;
}

/* Precedence climbing: operators at or above minprec, left-associative. */
static sq_expr *parse_binary(parser *p, int minprec, int *h)
{
	sq_expr *left = parse_prefix(p, minprec, h);
	int kind, op, prec;
	while (left && infix(p, &kind, &op, &prec) && prec >= minprec) {
		int hl = *h;
		if (kind != SQ_E_BINARY) {
			left = parse_predicate(p, kind, op, left, hl, h);
			continue;
		}
		advance(p);
		/* no depth check: this recursion climbs precedence, so it is at most a few levels deep
		 * before a parenthesis or a prefix operator counts one */
		int hr = 0;
		sq_expr *right = parse_binary(p, prec + 1, &hr);
		if (!right) {
			sq_expr_free(left);
			return NULL;
		}
		left = make_node(p, SQ_E_BINARY, op, left, right, hl, hr, h);
	}
	return left;
}

static sq_expr *parse_expr(parser *p, int *h)
{
	if (!enter(p))
		return NULL;
	*h = 0;
	sq_expr *e = parse_binary(p, PREC_OR, h);
	leave(p);
	return e;
}

sq_expr *sqp_expr(parser *p)
{
	int h = 0;
	return parse_expr(p, &h);
}
