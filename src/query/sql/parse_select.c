/* parse_select.c - the SELECT statement: items, the FROM source with read_csv options, clauses, and sq_parse. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "query/sql/parse_state.h"

/* [AS] alias after a select item or the source; NULL with no error when there is none. */
static char *parse_alias(parser *p, bool *ok)
{
	const sq_token *t = cur(p);
	*ok = true;
	if (kw(p, "AS")) {
		advance(p);
		t = cur(p);
		if (t->kind != SQ_TK_QIDENT && (t->kind != SQ_TK_IDENT || is_reserved(p, t))) {
			sqp_fail_at(p, t, "expected a name after AS");
			*ok = false;
			return NULL;
		}
	} else if (t->kind != SQ_TK_QIDENT && (t->kind != SQ_TK_IDENT || is_reserved(p, t))) {
		return NULL;
	}
	char *name = sqp_ident_name(p, t);
	if (!name)
		*ok = false;
	else
		advance(p);
	return name;
}

/* One item of the select list, appended to the query's. */
static bool select_item(parser *p, void *ctx)
{
	sq_query *q = ctx;
	void *arr = q->items;
	if (!sqp_grow(p, &arr, q->nitems, sizeof *q->items))
		return false;
	q->items = arr;
	sq_select_item *it = &q->items[q->nitems];
	it->alias = NULL;
	if (is(p, SQ_TK_STAR)) {
		it->expr = sqp_new_expr(p, SQ_E_STAR, cur(p)->pos, cur(p)->end);
		if (!it->expr)
			return false;
		q->nitems++;
		advance(p);
		return true;
	}
	bool ok;
	it->expr = sqp_expr(p);
	if (!it->expr)
		return false;
	q->nitems++;
	it->alias = parse_alias(p, &ok);
	return ok;
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
		if (!sqp_number(p, t, neg, v))
			return false;
	} else if (t->kind == SQ_TK_STRING) {
		size_t n;
		char *s = sqp_unquote(p, t, &n);
		if (!s)
			return false;
		v->type = SQ_T_VARCHAR;
		v->u.s.ptr = s;
		v->u.s.len = n;
	} else if (kw(p, "TRUE") || kw(p, "FALSE")) {
		v->type = SQ_T_BOOLEAN;
		v->u.b = kw(p, "TRUE");
	} else {
		sqp_fail_at(p, t, "expected a literal read_csv option value");
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
	q->from_path = sqp_unquote(p, t, &n);
	if (!q->from_path)
		return false;
	/* a path cut short at a NUL byte would name some other file */
	if (strlen(q->from_path) != n) {
		sqp_fail(p, t->pos, "file path contains a NUL byte");
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
		sqp_fail_at(p, cur(p), "expected a file path string");
		return false;
	}
	if (!path_string(p, q))
		return false;
	while (is(p, SQ_TK_COMMA)) {
		advance(p);
		const sq_token *t = cur(p);
		if (t->kind != SQ_TK_IDENT) {
			sqp_fail_at(p, t, "expected a read_csv option name");
			return false;
		}
		void *arr = q->options;
		if (!sqp_grow(p, &arr, q->noptions, sizeof *q->options))
			return false;
		q->options = arr;
		sq_option *o = &q->options[q->noptions];
		memset(o, 0, sizeof *o);
		o->pos = t->pos;
		if (!(o->key = sqp_copy_text(p, t, true)))
			return false;
		q->noptions++;
		advance(p);
		if (!sqp_expect(p, SQ_TK_EQ, "expected '=' after the option name") || !option_value(p, &o->value))
			return false;
	}
	return sqp_expect(p, SQ_TK_RPAREN, "expected ')' after read_csv arguments");
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
		sqp_fail_at(p, cur(p), "expected a file path string or read_csv(...) after FROM");
		return false;
	}
	bool ok;
	free(parse_alias(p, &ok));
	return ok;
}

/* One GROUP BY key. */
static bool group_key(parser *p, void *ctx)
{
	sq_query *q = ctx;
	void *arr = q->group_by;
	if (!sqp_grow(p, &arr, q->ngroup, sizeof *q->group_by))
		return false;
	q->group_by = arr;
	sq_expr *e = sqp_expr(p);
	if (!e)
		return false;
	q->group_by[q->ngroup++] = e;
	return true;
}

/* One ORDER BY key with its direction and where its NULLs go. */
static bool order_key(parser *p, void *ctx)
{
	sq_query *q = ctx;
	void *arr = q->order_by;
	if (!sqp_grow(p, &arr, q->norder, sizeof *q->order_by))
		return false;
	q->order_by = arr;
	sq_expr *e = sqp_expr(p);
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
			sqp_fail(p, cur(p)->pos, "expected FIRST or LAST after NULLS");
			return false;
		}
		advance(p);
	}
	return true;
}

/* LIMIT or OFFSET's count, with the keyword current. */
static bool parse_count(parser *p, const char *what, int64_t *out)
{
	advance(p);
	const sq_token *t = cur(p);
	uint64_t v;
	if (t->kind != SQ_TK_INT || !sqp_digits_u64(p->sql + t->pos, t->end - t->pos, &v) || v > (uint64_t)INT64_MAX) {
		char msg[80];
		snprintf(msg, sizeof msg, "%s expects a non-negative integer", what);
		if (t->kind == SQ_TK_ERROR)
			sqp_fail_at(p, t, NULL);
		else
			sqp_fail(p, t->pos, msg);
		return false;
	}
	*out = (int64_t)v;
	advance(p);
	return true;
}

static bool parse_query(parser *p, sq_query *q)
{
	if (!sqp_expect_kw(p, "SELECT", NULL) || !sqp_list(p, select_item, q) || !sqp_expect_kw(p, "FROM", "expected FROM") ||
	    !parse_source(p, q))
		return false;
	if (kw(p, "WHERE")) {
		advance(p);
		if (!(q->where = sqp_expr(p)))
			return false;
	}
	if (kw(p, "GROUP")) {
		advance(p);
		if (!sqp_expect_kw(p, "BY", "expected BY after GROUP") || !sqp_list(p, group_key, q))
			return false;
	}
	if (kw(p, "HAVING")) {
		advance(p);
		if (!(q->having = sqp_expr(p)))
			return false;
	}
	if (kw(p, "ORDER")) {
		advance(p);
		if (!sqp_expect_kw(p, "BY", "expected BY after ORDER") || !sqp_list(p, order_key, q))
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
		sqp_fail_at(p, cur(p), NULL);
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
		sqp_fail_nomem(&p);
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
