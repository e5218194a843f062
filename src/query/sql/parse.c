/* parse.c - recursive-descent, precedence-climbing parser from one SELECT statement to sq_query. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "query/sql/ast.h"
#include "query/sql/lex.h"

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

typedef struct parser {
	const char *sql;
	const sq_token *tok;
	size_t ntok;
	size_t i;             /* current token */
	int depth;
	bool failed;          /* the first error wins; later ones are consequences */
	const char *lex_error;
	sq_parse_error *err;
} parser;

/* ------------------------------------------------------------------------------------------ */
/* Tokens and errors */

static const sq_token *cur(const parser *p)
{
	return &p->tok[p->i];
}

static const sq_token *ahead(const parser *p, size_t k)
{
	size_t j = p->i + k;
	return &p->tok[j < p->ntok ? j : p->ntok - 1];
}

static void advance(parser *p)
{
	if (p->i + 1 < p->ntok)
		p->i++;
}

static bool is(const parser *p, int kind)
{
	return cur(p)->kind == kind;
}

/* ASCII-only case folding: keywords must not depend on the process locale. */
static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
}

static bool word_eq(const parser *p, const sq_token *t, const char *word)
{
	size_t n = strlen(word);
	if (t->kind != SQ_TK_IDENT || t->end - t->pos != n)
		return false;
	for (size_t k = 0; k < n; k++)
		if (lower(p->sql[t->pos + k]) != lower(word[k]))
			return false;
	return true;
}

static bool kw(const parser *p, const char *word)
{
	return word_eq(p, cur(p), word);
}

static bool kw_at(const parser *p, size_t k, const char *word)
{
	return word_eq(p, ahead(p, k), word);
}

static bool is_reserved(const parser *p, const sq_token *t)
{
	return t->kind == SQ_TK_IDENT && sq_lex_reserved(p->sql + t->pos, t->end - t->pos);
}

static void fail(parser *p, size_t pos, const char *msg)
{
	if (p->failed)
		return;
	p->failed = true;
	p->err->pos = pos;
	snprintf(p->err->message, sizeof p->err->message, "%s", msg);
}

/* Writes the token's text for a message: short, on a UTF-8 boundary, control bytes as '?'. */
static void token_text(const parser *p, const sq_token *t, char *buf, size_t cap)
{
	size_t n = t->end - t->pos, max = 40, k;
	bool cut = n > max;
	if (cut) {
		n = max;
		while (n > 0 && ((unsigned char)p->sql[t->pos + n] & 0xC0) == 0x80)
			n--;
	}
	for (k = 0; k < n && k + 4 < cap; k++) {
		unsigned char c = (unsigned char)p->sql[t->pos + k];
		buf[k] = c < 0x20 || c == 0x7F ? '?' : (char)c;
	}
	if (cut && k + 4 <= cap) {
		memcpy(buf + k, "...", 3);
		k += 3;
	}
	buf[k] = '\0';
}

/* Reports a problem at token t: `what` is the expectation ("expected FROM"), or NULL for a
 * plain syntax error. A lexical error token reports the lexer's message instead: it is the
 * first thing wrong in the text. */
static void fail_at(parser *p, const sq_token *t, const char *what)
{
	char text[64], msg[160];
	if (p->failed)
		return;
	if (t->kind == SQ_TK_ERROR) {
		fail(p, t->pos, p->lex_error);
		return;
	}
	if (t->kind == SQ_TK_EOF) {
		snprintf(msg, sizeof msg, "%s at end of input", what ? what : "syntax error");
	} else {
		token_text(p, t, text, sizeof text);
		snprintf(msg, sizeof msg, "%s at or near \"%s\"", what ? what : "syntax error", text);
	}
	fail(p, t->pos, msg);
}

static void fail_nomem(parser *p)
{
	fail(p, cur(p)->pos, "out of memory");
}

/* Consumes a token of this kind, or reports `what` and returns false. */
static bool expect(parser *p, int kind, const char *what)
{
	if (!is(p, kind)) {
		fail_at(p, cur(p), what);
		return false;
	}
	advance(p);
	return true;
}

static bool expect_kw(parser *p, const char *word, const char *what)
{
	if (!kw(p, word)) {
		fail_at(p, cur(p), what);
		return false;
	}
	advance(p);
	return true;
}

static bool enter(parser *p)
{
	if (++p->depth > MAX_DEPTH) {
		fail(p, cur(p)->pos, "expression nested too deeply");
		return false;
	}
	return true;
}

static void leave(parser *p)
{
	p->depth--;
}

/* Grows an array whose capacity is implied by its count: 4, then doubling at powers of two. */
static bool grow(parser *p, void **arr, size_t n, size_t elem)
{
	if (n != 0 && (n < 4 || (n & (n - 1)) != 0))
		return true;
	size_t cap = n ? 2 * n : 4;
	void *a = realloc(*arr, cap * elem);
	if (!a) {
		fail_nomem(p);
		return false;
	}
	*arr = a;
	return true;
}

/* ------------------------------------------------------------------------------------------ */
/* Text of names and literals */

/* The body of a quoted token with doubled quotes collapsed, malloc'd and NUL-terminated. */
static char *unquote(parser *p, const sq_token *t, size_t *out_len)
{
	const char *s = p->sql + t->pos + 1;
	size_t n = t->end - t->pos - 2, k = 0;
	char q = p->sql[t->pos];
	char *r = malloc(n + 1);
	if (!r) {
		fail_nomem(p);
		return NULL;
	}
	for (size_t j = 0; j < n; j++) {
		r[k++] = s[j];
		if (s[j] == q)
			j++;
	}
	r[k] = '\0';
	if (out_len)
		*out_len = k;
	return r;
}

static char *copy_text(parser *p, const sq_token *t, bool fold)
{
	size_t n = t->end - t->pos;
	char *r = malloc(n + 1);
	if (!r) {
		fail_nomem(p);
		return NULL;
	}
	for (size_t k = 0; k < n; k++)
		r[k] = fold ? lower(p->sql[t->pos + k]) : p->sql[t->pos + k];
	r[n] = '\0';
	return r;
}

/* An identifier's name: bare ones as written (the planner matches them case-insensitively),
 * quoted ones with their exact bytes. */
static char *ident_name(parser *p, const sq_token *t)
{
	return t->kind == SQ_TK_QIDENT ? unquote(p, t, NULL) : copy_text(p, t, false);
}

/* Digits to an unsigned magnitude; false when they exceed UINT64_MAX. */
static bool digits_u64(const char *s, size_t n, uint64_t *out)
{
	uint64_t v = 0;
	for (size_t k = 0; k < n; k++) {
		unsigned d = (unsigned)(s[k] - '0');
		if (v > (UINT64_MAX - d) / 10)
			return false;
		v = v * 10 + d;
	}
	*out = v;
	return true;
}

/* A numeric token as a value, negated when `neg`. Integers keep BIGINT while they fit, which
 * for a negated one includes INT64_MIN; anything else becomes DOUBLE. */
static bool number_value(parser *p, const sq_token *t, bool neg, sq_value *v)
{
	const char *s = p->sql + t->pos;
	size_t n = t->end - t->pos;
	uint64_t mag;
	memset(v, 0, sizeof *v);
	if (t->kind == SQ_TK_INT && digits_u64(s, n, &mag) && mag <= (uint64_t)INT64_MAX + (neg ? 1 : 0)) {
		v->type = SQ_T_BIGINT;
		v->u.i = neg ? (mag == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)mag) : (int64_t)mag;
		return true;
	}
	double d;
	if (sq_lex_strtod(s, n, &d) != 0) {
		fail_nomem(p);
		return false;
	}
	if (isinf(d)) {
		fail(p, t->pos, "numeric literal out of range");
		return false;
	}
	v->type = SQ_T_DOUBLE;
	v->u.d = neg ? -d : d;
	return true;
}

/* ------------------------------------------------------------------------------------------ */
/* Expressions */

static sq_expr *parse_expr(parser *p, int *h);
static sq_expr *parse_binary(parser *p, int minprec, int *h);

static sq_expr *new_expr(parser *p, int kind, size_t pos, size_t end)
{
	sq_expr *e = calloc(1, sizeof *e);
	if (!e) {
		fail_nomem(p);
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
	if (!grow(p, &arr, e->nargs, sizeof *e->args)) {
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
		fail(p, at, "expression nested too deeply");
		return false;
	}
	if (hc + 1 > *h)
		*h = hc + 1;
	return true;
}

/* A node with the given children, which it takes over; on failure frees them all. */
static sq_expr *make_node(parser *p, int kind, int op, sq_expr *a, sq_expr *b, int ha, int hb, int *h)
{
	sq_expr *e = new_expr(p, kind, a->pos, b ? b->end : a->end);
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
		{"DATETIME", SQ_T_TIMESTAMP, false},
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
			if (!expect(p, SQ_TK_INT, "expected an integer type parameter"))
				return -1;
			if (is(p, SQ_TK_COMMA)) {
				advance(p);
				if (!expect(p, SQ_TK_INT, "expected an integer type parameter"))
					return -1;
			}
			*end = cur(p)->end;
			if (!expect(p, SQ_TK_RPAREN, "expected ')' after type parameters"))
				return -1;
		}
		return types[k].type;
	}
	if (t->kind == SQ_TK_IDENT || t->kind == SQ_TK_QIDENT) {
		char text[64], msg[160];
		token_text(p, t, text, sizeof text);
		snprintf(msg, sizeof msg, "unknown type \"%s\"", text);
		fail(p, t->pos, msg);
	} else {
		fail_at(p, t, "expected a type name");
	}
	return -1;
}

static sq_expr *literal(parser *p, const sq_token *t)
{
	return new_expr(p, SQ_E_LITERAL, t->pos, t->end);
}

static sq_expr *string_literal(parser *p, const sq_token *t)
{
	sq_expr *e = literal(p, t);
	if (!e)
		return NULL;
	size_t n;
	char *s = unquote(p, t, &n);
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
	if (expect_kw(p, "AS", "expected AS in CAST"))
		type = parse_type(p, &end);
	if (type >= 0) {
		end = cur(p)->end;
		if (!expect(p, SQ_TK_RPAREN, "expected ')' after CAST"))
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
	sq_expr *e = new_expr(p, SQ_E_FUNC, name->pos, name->end);
	if (!e)
		return NULL;
	e->name = copy_text(p, name, true);
	if (!e->name)
		goto fail;
	advance(p);
	advance(p);
	*h = 1;
	if (is(p, SQ_TK_STAR) && ahead(p, 1)->kind == SQ_TK_RPAREN) {
		sq_expr *star = new_expr(p, SQ_E_STAR, cur(p)->pos, cur(p)->end);
		if (!star || !add_arg(p, e, star))
			goto fail;
		*h = 2;
		advance(p);
	} else if (!is(p, SQ_TK_RPAREN)) {
		if (kw(p, "DISTINCT")) {
			e->distinct = true;
			advance(p);
		}
		for (;;) {
			int ha = 0;
			sq_expr *a = parse_expr(p, &ha);
			if (!a || !add_arg(p, e, a) || !height(p, a->pos, ha, h))
				goto fail;
			if (!is(p, SQ_TK_COMMA))
				break;
			advance(p);
		}
	}
	e->end = cur(p)->end;
	if (!expect(p, SQ_TK_RPAREN, "expected ')' after function arguments"))
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
		if (e && !number_value(p, t, false, &e->lit)) {
			sq_expr_free(e);
			return NULL;
		}
		break;
	case SQ_TK_STRING:
		e = string_literal(p, t);
		break;
	case SQ_TK_QIDENT:
		e = new_expr(p, SQ_E_COLUMN, t->pos, t->end);
		if (e && !(e->name = ident_name(p, t))) {
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
		if (!expect(p, SQ_TK_RPAREN, "expected ')'")) {
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
			fail_at(p, t, NULL);
			return NULL;
		} else if (next == SQ_TK_LPAREN) {
			return parse_call(p, h);
		} else {
			e = new_expr(p, SQ_E_COLUMN, t->pos, t->end);
			if (e && !(e->name = ident_name(p, t))) {
				sq_expr_free(e);
				return NULL;
			}
		}
		break;
	}
	default:
		fail_at(p, t, NULL);
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

/* NOT, unary minus and plus, or a postfix expression. */
static sq_expr *parse_prefix(parser *p, int minprec, int *h)
{
	const sq_token *t = cur(p);
	size_t pos = t->pos;
	if (kw(p, "NOT")) {
		/* NOT binds looser than comparisons: `NOT a = b` is NOT (a = b), and `a = NOT b` has no
		 * reading */
		if (minprec > PREC_NOT) {
			fail_at(p, t, NULL);
			return NULL;
		}
		advance(p);
		if (!enter(p))
			return NULL;
		int ha = 0;
		sq_expr *a = parse_binary(p, PREC_NOT, &ha);
		leave(p);
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
			sq_expr *e = new_expr(p, SQ_E_LITERAL, pos, n->end);
			if (e && !number_value(p, n, true, &e->lit)) {
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
		advance(p);
		if (!enter(p))
			return NULL;
		int ha = 0;
		sq_expr *a = parse_binary(p, PREC_UNARY, &ha);
		leave(p);
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
		if (!expect_kw(p, "NULL", "expected NULL after IS"))
			goto fail;
		return e;
	}
	if (kw(p, "NOT")) {
		e->negated = true;
		advance(p);
	}
	advance(p);
	if (kind == SQ_E_IN) {
		if (!expect(p, SQ_TK_LPAREN, "expected '(' after IN"))
			goto fail;
		for (;;) {
			int ha = 0;
			sq_expr *a = parse_expr(p, &ha);
			if (!a || !add_arg(p, e, a) || !height(p, a->pos, ha, h))
				goto fail;
			if (!is(p, SQ_TK_COMMA))
				break;
			advance(p);
		}
		e->end = cur(p)->end;
		if (!expect(p, SQ_TK_RPAREN, "expected ')' after the IN list"))
			goto fail;
		return e;
	}
	/* BETWEEN bounds and LIKE patterns bind tighter than AND, so the AND of BETWEEN is its own */
	for (int k = 0; k < (kind == SQ_E_BETWEEN ? 2 : 1); k++) {
		if (k == 1 && !expect_kw(p, "AND", "expected AND in BETWEEN"))
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

static sq_expr *expr(parser *p)
{
	int h = 0;
	return parse_expr(p, &h);
}

/* ------------------------------------------------------------------------------------------ */
/* Statement */

/* [AS] alias after a select item or the source; NULL with no error when there is none. */
static char *parse_alias(parser *p, bool *ok)
{
	const sq_token *t = cur(p);
	*ok = true;
	if (kw(p, "AS")) {
		advance(p);
		t = cur(p);
		if (t->kind != SQ_TK_QIDENT && (t->kind != SQ_TK_IDENT || is_reserved(p, t))) {
			fail_at(p, t, "expected a name after AS");
			*ok = false;
			return NULL;
		}
	} else if (t->kind != SQ_TK_QIDENT && (t->kind != SQ_TK_IDENT || is_reserved(p, t))) {
		return NULL;
	}
	char *name = ident_name(p, t);
	if (!name)
		*ok = false;
	else
		advance(p);
	return name;
}

static bool parse_items(parser *p, sq_query *q)
{
	for (;;) {
		void *arr = q->items;
		if (!grow(p, &arr, q->nitems, sizeof *q->items))
			return false;
		q->items = arr;
		sq_select_item *it = &q->items[q->nitems];
		it->alias = NULL;
		if (is(p, SQ_TK_STAR)) {
			it->expr = new_expr(p, SQ_E_STAR, cur(p)->pos, cur(p)->end);
			if (!it->expr)
				return false;
			q->nitems++;
			advance(p);
		} else {
			bool ok;
			it->expr = expr(p);
			if (!it->expr)
				return false;
			q->nitems++;
			it->alias = parse_alias(p, &ok);
			if (!ok)
				return false;
		}
		if (!is(p, SQ_TK_COMMA))
			return true;
		advance(p);
	}
}

/* An option value of read_csv: a literal, optionally signed when numeric. */
static bool option_value(parser *p, sq_value *v)
{
	const sq_token *t = cur(p);
	bool neg = false;
	memset(v, 0, sizeof *v);
	if ((t->kind == SQ_TK_MINUS || t->kind == SQ_TK_PLUS) &&
	    (ahead(p, 1)->kind == SQ_TK_INT || ahead(p, 1)->kind == SQ_TK_FLOAT)) {
		neg = t->kind == SQ_TK_MINUS;
		advance(p);
		t = cur(p);
	}
	if (t->kind == SQ_TK_INT || t->kind == SQ_TK_FLOAT) {
		if (!number_value(p, t, neg, v))
			return false;
	} else if (t->kind == SQ_TK_STRING) {
		size_t n;
		char *s = unquote(p, t, &n);
		if (!s)
			return false;
		v->type = SQ_T_VARCHAR;
		v->u.s.ptr = s;
		v->u.s.len = n;
	} else if (kw(p, "TRUE") || kw(p, "FALSE")) {
		v->type = SQ_T_BOOLEAN;
		v->u.b = kw(p, "TRUE");
	} else {
		fail_at(p, t, "expected a literal read_csv option value");
		return false;
	}
	advance(p);
	return true;
}

/* The source's path from the current string token. */
static bool path_string(parser *p, sq_query *q)
{
	const sq_token *t = cur(p);
	size_t n;
	q->from_pos = t->pos;
	q->from_path = unquote(p, t, &n);
	if (!q->from_path)
		return false;
	/* a path cut short at a NUL byte would name some other file */
	if (strlen(q->from_path) != n) {
		fail(p, t->pos, "file path contains a NUL byte");
		return false;
	}
	advance(p);
	return true;
}

/* read_csv('path' (, key = literal)*) with the function name current. */
static bool parse_read_csv(parser *p, sq_query *q)
{
	advance(p);
	advance(p);
	if (!is(p, SQ_TK_STRING)) {
		fail_at(p, cur(p), "expected a file path string");
		return false;
	}
	if (!path_string(p, q))
		return false;
	while (is(p, SQ_TK_COMMA)) {
		advance(p);
		const sq_token *t = cur(p);
		if (t->kind != SQ_TK_IDENT) {
			fail_at(p, t, "expected a read_csv option name");
			return false;
		}
		void *arr = q->options;
		if (!grow(p, &arr, q->noptions, sizeof *q->options))
			return false;
		q->options = arr;
		sq_option *o = &q->options[q->noptions];
		memset(o, 0, sizeof *o);
		o->pos = t->pos;
		if (!(o->key = copy_text(p, t, true)))
			return false;
		q->noptions++;
		advance(p);
		if (!expect(p, SQ_TK_EQ, "expected '=' after the option name") || !option_value(p, &o->value))
			return false;
	}
	return expect(p, SQ_TK_RPAREN, "expected ')' after read_csv arguments");
}

static bool parse_source(parser *p, sq_query *q)
{
	if (is(p, SQ_TK_STRING)) {
		if (!path_string(p, q))
			return false;
	} else if ((kw(p, "read_csv") || kw(p, "read_csv_auto")) && ahead(p, 1)->kind == SQ_TK_LPAREN) {
		if (!parse_read_csv(p, q))
			return false;
	} else {
		fail_at(p, cur(p), "expected a file path string or read_csv(...) after FROM");
		return false;
	}
	bool ok;
	free(parse_alias(p, &ok));
	return ok;
}

static bool parse_group_by(parser *p, sq_query *q)
{
	for (;;) {
		void *arr = q->group_by;
		if (!grow(p, &arr, q->ngroup, sizeof *q->group_by))
			return false;
		q->group_by = arr;
		sq_expr *e = expr(p);
		if (!e)
			return false;
		q->group_by[q->ngroup++] = e;
		if (!is(p, SQ_TK_COMMA))
			return true;
		advance(p);
	}
}

static bool parse_order_by(parser *p, sq_query *q)
{
	for (;;) {
		void *arr = q->order_by;
		if (!grow(p, &arr, q->norder, sizeof *q->order_by))
			return false;
		q->order_by = arr;
		sq_expr *e = expr(p);
		if (!e)
			return false;
		sq_order_item *o = &q->order_by[q->norder++];
		o->expr = e;
		o->desc = false;
		if (kw(p, "ASC")) {
			advance(p);
		} else if (kw(p, "DESC")) {
			o->desc = true;
			advance(p);
		}
		o->nulls_first = false;
		if (kw(p, "NULLS")) {
			advance(p);
			if (kw(p, "FIRST"))
				o->nulls_first = true;
			else if (!kw(p, "LAST")) {
				fail(p, cur(p)->pos, "expected FIRST or LAST after NULLS");
				return false;
			}
			advance(p);
		}
		if (!is(p, SQ_TK_COMMA))
			return true;
		advance(p);
	}
}

/* LIMIT or OFFSET's count, with the keyword current. */
static bool parse_count(parser *p, const char *what, int64_t *out)
{
	advance(p);
	const sq_token *t = cur(p);
	uint64_t v;
	if (t->kind != SQ_TK_INT || !digits_u64(p->sql + t->pos, t->end - t->pos, &v) || v > (uint64_t)INT64_MAX) {
		char msg[80];
		snprintf(msg, sizeof msg, "%s expects a non-negative integer", what);
		if (t->kind == SQ_TK_ERROR)
			fail_at(p, t, NULL);
		else
			fail(p, t->pos, msg);
		return false;
	}
	*out = (int64_t)v;
	advance(p);
	return true;
}

static bool parse_query(parser *p, sq_query *q)
{
	if (!expect_kw(p, "SELECT", NULL) || !parse_items(p, q) || !expect_kw(p, "FROM", "expected FROM") ||
	    !parse_source(p, q))
		return false;
	if (kw(p, "WHERE")) {
		advance(p);
		if (!(q->where = expr(p)))
			return false;
	}
	if (kw(p, "GROUP")) {
		advance(p);
		if (!expect_kw(p, "BY", "expected BY after GROUP") || !parse_group_by(p, q))
			return false;
	}
	if (kw(p, "HAVING")) {
		advance(p);
		if (!(q->having = expr(p)))
			return false;
	}
	if (kw(p, "ORDER")) {
		advance(p);
		if (!expect_kw(p, "BY", "expected BY after ORDER") || !parse_order_by(p, q))
			return false;
	}
	/* LIMIT and OFFSET in either order, each at most once */
	bool limit = false, offset = false;
	for (;;) {
		if (!limit && kw(p, "LIMIT")) {
			limit = true;
			if (!parse_count(p, "LIMIT", &q->limit))
				return false;
		} else if (!offset && kw(p, "OFFSET")) {
			offset = true;
			if (!parse_count(p, "OFFSET", &q->offset))
				return false;
		} else {
			break;
		}
	}
	if (is(p, SQ_TK_SEMI))
		advance(p);
	if (!is(p, SQ_TK_EOF)) {
		fail_at(p, cur(p), NULL);
		return false;
	}
	return true;
}

int sq_parse(const char *sql, size_t len, sq_query **out, sq_parse_error *err)
{
	sq_parse_error scratch;
	sq_lexed lx;
	parser p;
	if (!err)
		err = &scratch;
	memset(err, 0, sizeof *err);
	if (out)
		*out = NULL;
	if (!out || (!sql && len > 0)) {
		snprintf(err->message, sizeof err->message, "no query text or no place for the result");
		return -1;
	}
	if (!sql)
		sql = "";
	if (sq_lex(sql, len, &lx) != 0) {
		snprintf(err->message, sizeof err->message, "out of memory");
		return -1;
	}
	memset(&p, 0, sizeof p);
	p.sql = sql;
	p.tok = lx.tok;
	p.ntok = lx.n;
	p.lex_error = lx.error;
	p.err = err;
	sq_query *q = calloc(1, sizeof *q);
	if (!q) {
		fail_nomem(&p);
	} else {
		q->limit = -1;
		q->offset = 0;
		parse_query(&p, q);
	}
	sq_lexed_free(&lx);
	if (p.failed) {
		sq_query_free(q);
		return -1;
	}
	*out = q;
	return 0;
}
