/* parse_check.c - the SQL parser tests' shared checks, asserted with criterion. */
#include "parse_check.h"

#include <criterion/criterion.h>

#include <stdio.h>
#include <string.h>

sq_query *parse_ok(const char *sql)
{
	sq_query *q = NULL;
	sq_parse_error err;
	int rc = sq_parse(sql, strlen(sql), &q, &err);
	cr_assert_eq(rc, 0, "parse of \"%s\" failed at %zu: %s", sql, err.pos, err.message);
	cr_assert_not_null(q);
	return q;
}

sq_query *parse_item(const char *text)
{
	char sql[1024];
	snprintf(sql, sizeof sql, "SELECT %s FROM 'f.csv'", text);
	sq_query *q = parse_ok(sql);
	cr_assert_eq(q->nitems, 1, "\"%s\": %zu items", text, q->nitems);
	return q;
}

void expect_error(const char *sql, size_t pos, const char *message)
{
	static sq_query sentinel;
	sq_query *q = &sentinel; /* not NULL, so that the test sees it being cleared */
	sq_parse_error err;
	int rc = sq_parse(sql, strlen(sql), &q, &err);
	cr_assert_eq(rc, -1, "\"%s\" parsed", sql);
	cr_assert_null(q, "\"%s\": output not cleared", sql);
	cr_assert_str_eq(err.message, message, "\"%s\"", sql);
	cr_assert_eq(err.pos, pos, "\"%s\": error at %zu, want %zu (%s)", sql, err.pos, pos, err.message);
}

void expect_format(const char *text, const char *want)
{
	sq_query *q = parse_item(text);
	char buf[512];
	size_t n = sq_expr_format(q->items[0].expr, buf, sizeof buf);
	cr_assert_str_eq(buf, want, "\"%s\"", text);
	cr_assert_eq(n, strlen(want));
	sq_query_free(q);

	/* the canonical text parses back to a tree with the same canonical text */
	q = parse_item(want);
	char again[512];
	sq_expr_format(q->items[0].expr, again, sizeof again);
	cr_assert_str_eq(again, want);
	sq_query_free(q);
}

const sq_expr *arg(const sq_expr *e, size_t k)
{
	cr_assert_lt(k, e->nargs, "argument %zu of %zu", k, e->nargs);
	return e->args[k];
}

void expect_column(const sq_expr *e, const char *name)
{
	cr_assert_eq(e->kind, SQ_E_COLUMN);
	cr_assert_str_eq(e->name, name);
	cr_assert_eq(e->nargs, 0);
}

void expect_binary(const sq_expr *e, int op)
{
	cr_assert_eq(e->kind, SQ_E_BINARY);
	cr_assert_eq(e->op, op);
	cr_assert_eq(e->nargs, 2);
}

void expect_bigint(const sq_expr *e, int64_t v)
{
	cr_assert_eq(e->kind, SQ_E_LITERAL);
	cr_assert_eq(e->lit.type, SQ_T_BIGINT);
	cr_assert_eq(e->lit.null, false);
	cr_assert_eq(e->lit.u.i, v);
}

void expect_double(const sq_expr *e, double v)
{
	cr_assert_eq(e->kind, SQ_E_LITERAL);
	cr_assert_eq(e->lit.type, SQ_T_DOUBLE);
	cr_assert_eq(e->lit.u.d, v);
}

void expect_string(const sq_expr *e, const char *s)
{
	cr_assert_eq(e->kind, SQ_E_LITERAL);
	cr_assert_eq(e->lit.type, SQ_T_VARCHAR);
	cr_assert_eq(e->lit.u.s.len, strlen(s));
	cr_assert_eq(memcmp(e->lit.u.s.ptr, s, strlen(s)), 0);
}

void expect_slice(const char *sql, const sq_expr *e, const char *want)
{
	cr_assert_leq(e->pos, e->end);
	cr_assert_leq(e->end, strlen(sql));
	cr_assert_eq(e->end - e->pos, strlen(want), "slice \"%.*s\", want \"%s\"", (int)(e->end - e->pos), sql + e->pos,
	             want);
	cr_assert_eq(memcmp(sql + e->pos, want, strlen(want)), 0, "slice \"%.*s\", want \"%s\"", (int)(e->end - e->pos),
	             sql + e->pos, want);
}
