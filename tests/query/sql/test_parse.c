/* test_parse.c - unit tests of the query parser: tree shapes, literals, positions, errors, formatting. */
#include <criterion/criterion.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "query/sql/ast.h"

/* ------------------------------------------------------------------------------------------ */
/* Helpers */

static sq_query *parse_ok(const char *sql)
{
	sq_query *q = NULL;
	sq_parse_error err;
	int rc = sq_parse(sql, strlen(sql), &q, &err);
	cr_assert_eq(rc, 0, "parse of \"%s\" failed at %zu: %s", sql, err.pos, err.message);
	cr_assert_not_null(q);
	return q;
}

/* Parses `SELECT <text> FROM 'f.csv'`; the one select item is q->items[0].expr. */
static sq_query *parse_item(const char *text)
{
	char sql[1024];
	snprintf(sql, sizeof sql, "SELECT %s FROM 'f.csv'", text);
	sq_query *q = parse_ok(sql);
	cr_assert_eq(q->nitems, 1, "\"%s\": %zu items", text, q->nitems);
	return q;
}

static void expect_error(const char *sql, size_t pos, const char *message)
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

static void expect_format(const char *text, const char *want)
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

static const sq_expr *arg(const sq_expr *e, size_t k)
{
	cr_assert_lt(k, e->nargs, "argument %zu of %zu", k, e->nargs);
	return e->args[k];
}

static void expect_column(const sq_expr *e, const char *name)
{
	cr_assert_eq(e->kind, SQ_E_COLUMN);
	cr_assert_str_eq(e->name, name);
	cr_assert_eq(e->nargs, 0);
}

static void expect_binary(const sq_expr *e, int op)
{
	cr_assert_eq(e->kind, SQ_E_BINARY);
	cr_assert_eq(e->op, op);
	cr_assert_eq(e->nargs, 2);
}

static void expect_bigint(const sq_expr *e, int64_t v)
{
	cr_assert_eq(e->kind, SQ_E_LITERAL);
	cr_assert_eq(e->lit.type, SQ_T_BIGINT);
	cr_assert_eq(e->lit.null, false);
	cr_assert_eq(e->lit.u.i, v);
}

static void expect_double(const sq_expr *e, double v)
{
	cr_assert_eq(e->kind, SQ_E_LITERAL);
	cr_assert_eq(e->lit.type, SQ_T_DOUBLE);
	cr_assert_eq(e->lit.u.d, v);
}

static void expect_string(const sq_expr *e, const char *s)
{
	cr_assert_eq(e->kind, SQ_E_LITERAL);
	cr_assert_eq(e->lit.type, SQ_T_VARCHAR);
	cr_assert_eq(e->lit.u.s.len, strlen(s));
	cr_assert_eq(memcmp(e->lit.u.s.ptr, s, strlen(s)), 0);
}

/* The text an expression covers, checked against what it should be. */
static void expect_slice(const char *sql, const sq_expr *e, const char *want)
{
	cr_assert_leq(e->pos, e->end);
	cr_assert_leq(e->end, strlen(sql));
	cr_assert_eq(e->end - e->pos, strlen(want), "slice \"%.*s\", want \"%s\"", (int)(e->end - e->pos), sql + e->pos,
	             want);
	cr_assert_eq(memcmp(sql + e->pos, want, strlen(want)), 0, "slice \"%.*s\", want \"%s\"", (int)(e->end - e->pos),
	             sql + e->pos, want);
}

/* ------------------------------------------------------------------------------------------ */
/* Statement shape */

Test(parse, minimal_select)
{
	sq_query *q = parse_ok("SELECT a FROM 'f.csv'");
	cr_assert_eq(q->nitems, 1);
	expect_column(q->items[0].expr, "a");
	cr_assert_null(q->items[0].alias);
	cr_assert_str_eq(q->from_path, "f.csv");
	cr_assert_eq(q->from_pos, 14);
	cr_assert_eq(q->noptions, 0);
	cr_assert_null(q->where);
	cr_assert_eq(q->ngroup, 0);
	cr_assert_null(q->having);
	cr_assert_eq(q->norder, 0);
	cr_assert_eq(q->limit, -1);
	cr_assert_eq(q->offset, 0);
	const sq_expr *e = q->items[0].expr;
	cr_assert_eq(e->column, -1);
	cr_assert_eq(e->slot, -1);
	sq_query_free(q);
}

Test(parse, keywords_any_case_names_as_written)
{
	sq_query *q = parse_ok("sElEcT Fare_Amount, VendorID fRoM 'x.csv' WhErE Fare_Amount > 1 LiMiT 3");
	expect_column(q->items[0].expr, "Fare_Amount");
	expect_column(q->items[1].expr, "VendorID");
	expect_binary(q->where, SQ_OP_GT);
	cr_assert_eq(q->limit, 3);
	sq_query_free(q);
}

Test(parse, star_and_items)
{
	sq_query *q = parse_ok("SELECT *, a, b + 1 FROM 'f.csv'");
	cr_assert_eq(q->nitems, 3);
	cr_assert_eq(q->items[0].expr->kind, SQ_E_STAR);
	expect_slice("SELECT *, a, b + 1 FROM 'f.csv'", q->items[0].expr, "*");
	expect_column(q->items[1].expr, "a");
	expect_binary(q->items[2].expr, SQ_OP_ADD);
	sq_query_free(q);
}

Test(parse, aliases)
{
	sq_query *q = parse_ok("SELECT a AS x, b y, c AS \"Total Fare\", d \"q\"\"d\", e AS Mixed FROM 'f.csv'");
	cr_assert_eq(q->nitems, 5);
	cr_assert_str_eq(q->items[0].alias, "x");
	cr_assert_str_eq(q->items[1].alias, "y");
	cr_assert_str_eq(q->items[2].alias, "Total Fare");
	cr_assert_str_eq(q->items[3].alias, "q\"d");
	cr_assert_str_eq(q->items[4].alias, "Mixed");
	sq_query_free(q);
}

Test(parse, quoted_identifiers)
{
	const char *sql = "SELECT \"fare amount\", \"say \"\"hi\"\"\", \"SELECT\", \"Ünïcode\" FROM 'f.csv'";
	sq_query *q = parse_ok(sql);
	cr_assert_eq(q->nitems, 4);
	expect_column(q->items[0].expr, "fare amount");
	expect_column(q->items[1].expr, "say \"hi\"");
	expect_column(q->items[2].expr, "SELECT");
	expect_column(q->items[3].expr, "Ünïcode");
	expect_slice(sql, q->items[0].expr, "\"fare amount\"");
	expect_slice(sql, q->items[1].expr, "\"say \"\"hi\"\"\"");
	sq_query_free(q);
}

Test(parse, clauses)
{
	const char *sql = "SELECT vendor, count(*) FROM 'trips.csv' WHERE fare > 50 GROUP BY vendor, lower(zone) "
	                  "HAVING count(*) > 10 ORDER BY 2 DESC, vendor ASC, zone LIMIT 20 OFFSET 5";
	sq_query *q = parse_ok(sql);
	expect_binary(q->where, SQ_OP_GT);
	expect_slice(sql, q->where, "fare > 50");
	cr_assert_eq(q->ngroup, 2);
	expect_column(q->group_by[0], "vendor");
	cr_assert_eq(q->group_by[1]->kind, SQ_E_FUNC);
	expect_binary(q->having, SQ_OP_GT);
	cr_assert_eq(q->norder, 3);
	expect_bigint(q->order_by[0].expr, 2);
	cr_assert_eq(q->order_by[0].desc, true);
	expect_column(q->order_by[1].expr, "vendor");
	cr_assert_eq(q->order_by[1].desc, false);
	expect_column(q->order_by[2].expr, "zone");
	cr_assert_eq(q->order_by[2].desc, false);
	cr_assert_eq(q->limit, 20);
	cr_assert_eq(q->offset, 5);
	sq_query_free(q);
}

Test(parse, offset_before_limit_and_semicolon)
{
	sq_query *q = parse_ok("SELECT a FROM 'f.csv' OFFSET 7 LIMIT 0 ;");
	cr_assert_eq(q->limit, 0);
	cr_assert_eq(q->offset, 7);
	sq_query_free(q);
	q = parse_ok("SELECT a FROM 'f.csv';");
	cr_assert_eq(q->limit, -1);
	sq_query_free(q);
	q = parse_ok("SELECT a FROM 'f.csv' LIMIT 9223372036854775807");
	cr_assert_eq(q->limit, INT64_MAX);
	sq_query_free(q);
}

Test(parse, comments_and_whitespace)
{
	sq_query *q = parse_ok("-- leading comment\nSELECT /* inline */ a\t,\r\n b -- trailing\nFROM 'f.csv' /* end */");
	cr_assert_eq(q->nitems, 2);
	expect_column(q->items[1].expr, "b");
	sq_query_free(q);
}

Test(parse, source_alias_ignored)
{
	sq_query *q = parse_ok("SELECT t FROM 'f.csv' AS t WHERE t > 0");
	cr_assert_str_eq(q->from_path, "f.csv");
	cr_assert_not_null(q->where);
	sq_query_free(q);
	q = parse_ok("SELECT a FROM 'it''s.csv' t");
	cr_assert_str_eq(q->from_path, "it's.csv");
	sq_query_free(q);
}

/* ------------------------------------------------------------------------------------------ */
/* read_csv */

Test(parse, read_csv_options)
{
	const char *sql = "SELECT a FROM read_csv('data/t.csv', HEADER=true, delim=';', Skip=2, sample=0.5, "
	                  "quote='''', all_varchar=FALSE, shift=-3)";
	sq_query *q = parse_ok(sql);
	cr_assert_str_eq(q->from_path, "data/t.csv");
	cr_assert_eq(q->from_pos, (size_t)(strstr(sql, "'data") - sql));
	cr_assert_eq(q->noptions, 7);
	cr_assert_str_eq(q->options[0].key, "header");
	cr_assert_eq(q->options[0].value.type, SQ_T_BOOLEAN);
	cr_assert_eq(q->options[0].value.u.b, true);
	cr_assert_eq(q->options[0].pos, (size_t)(strstr(sql, "HEADER") - sql));
	cr_assert_str_eq(q->options[1].key, "delim");
	cr_assert_eq(q->options[1].value.type, SQ_T_VARCHAR);
	cr_assert_eq(q->options[1].value.u.s.len, 1);
	cr_assert_eq(q->options[1].value.u.s.ptr[0], ';');
	cr_assert_str_eq(q->options[2].key, "skip");
	cr_assert_eq(q->options[2].value.type, SQ_T_BIGINT);
	cr_assert_eq(q->options[2].value.u.i, 2);
	cr_assert_eq(q->options[3].value.type, SQ_T_DOUBLE);
	cr_assert_eq(q->options[3].value.u.d, 0.5);
	cr_assert_eq(q->options[4].value.u.s.len, 1);
	cr_assert_eq(q->options[4].value.u.s.ptr[0], '\'');
	cr_assert_eq(q->options[5].value.type, SQ_T_BOOLEAN);
	cr_assert_eq(q->options[5].value.u.b, false);
	cr_assert_eq(q->options[6].value.u.i, -3);
	sq_query_free(q);
}

Test(parse, read_csv_auto_and_alias)
{
	sq_query *q = parse_ok("SELECT * FROM READ_CSV_AUTO('x.csv') AS src LIMIT 1");
	cr_assert_str_eq(q->from_path, "x.csv");
	cr_assert_eq(q->noptions, 0);
	cr_assert_eq(q->limit, 1);
	sq_query_free(q);
}

Test(parse, read_csv_errors)
{
	expect_error("SELECT a FROM read_csv(x)", 23, "expected a file path string at or near \"x\"");
	expect_error("SELECT a FROM read_csv('f', header)", 34, "expected '=' after the option name at or near \")\"");
	expect_error("SELECT a FROM read_csv('f', header=yes)", 35,
	             "expected a literal read_csv option value at or near \"yes\"");
	expect_error("SELECT a FROM read_csv('f'", 26, "expected ')' after read_csv arguments at end of input");
	expect_error("SELECT a FROM t", 14, "expected a file path string or read_csv(...) after FROM at or near \"t\"");

	static const char nul[] = "SELECT a FROM 'f\0g'";
	sq_query *q;
	sq_parse_error err;
	cr_assert_eq(sq_parse(nul, sizeof nul - 1, &q, &err), -1);
	cr_assert_str_eq(err.message, "file path contains a NUL byte");
	cr_assert_eq(err.pos, 14);
}

/* ------------------------------------------------------------------------------------------ */
/* Operators and precedence */

Test(parse, or_binds_looser_than_and)
{
	sq_query *q = parse_item("a OR b AND c");
	const sq_expr *e = q->items[0].expr;
	expect_binary(e, SQ_OP_OR);
	expect_column(arg(e, 0), "a");
	expect_binary(arg(e, 1), SQ_OP_AND);
	expect_column(arg(arg(e, 1), 0), "b");
	expect_column(arg(arg(e, 1), 1), "c");
	sq_query_free(q);

	q = parse_item("a AND b OR c");
	e = q->items[0].expr;
	expect_binary(e, SQ_OP_OR);
	expect_binary(arg(e, 0), SQ_OP_AND);
	sq_query_free(q);
}

Test(parse, not_binds_looser_than_comparison)
{
	sq_query *q = parse_item("NOT a = b");
	const sq_expr *e = q->items[0].expr;
	cr_assert_eq(e->kind, SQ_E_UNARY);
	cr_assert_eq(e->op, SQ_OP_NOT);
	expect_binary(arg(e, 0), SQ_OP_EQ);
	sq_query_free(q);

	q = parse_item("NOT a AND NOT NOT b");
	e = q->items[0].expr;
	expect_binary(e, SQ_OP_AND);
	cr_assert_eq(arg(e, 0)->op, SQ_OP_NOT);
	cr_assert_eq(arg(e, 1)->op, SQ_OP_NOT);
	cr_assert_eq(arg(arg(e, 1), 0)->op, SQ_OP_NOT);
	expect_column(arg(arg(arg(e, 1), 0), 0), "b");
	sq_query_free(q);
}

Test(parse, unary_minus_binds_tighter_than_multiplication)
{
	const char *sql = "SELECT -x * y FROM 'f.csv'";
	sq_query *q = parse_ok(sql);
	const sq_expr *e = q->items[0].expr;
	expect_binary(e, SQ_OP_MUL);
	cr_assert_eq(arg(e, 0)->kind, SQ_E_UNARY);
	cr_assert_eq(arg(e, 0)->op, SQ_OP_NEG);
	expect_column(arg(arg(e, 0), 0), "x");
	expect_column(arg(e, 1), "y");
	expect_slice(sql, arg(e, 0), "-x");
	expect_slice(sql, e, "-x * y");
	sq_query_free(q);
}

Test(parse, concat_binds_looser_than_addition)
{
	sq_query *q = parse_item("a || b");
	expect_binary(q->items[0].expr, SQ_OP_CONCAT);
	sq_query_free(q);

	q = parse_item("a || b + 1 = c");
	const sq_expr *e = q->items[0].expr;
	expect_binary(e, SQ_OP_EQ);
	expect_binary(arg(e, 0), SQ_OP_CONCAT);
	expect_binary(arg(arg(e, 0), 1), SQ_OP_ADD);
	sq_query_free(q);
}

Test(parse, arithmetic_precedence_and_associativity)
{
	sq_query *q = parse_item("a + b * c % d - e / f");
	const sq_expr *e = q->items[0].expr;
	expect_binary(e, SQ_OP_SUB);
	expect_binary(arg(e, 0), SQ_OP_ADD);
	expect_binary(arg(arg(e, 0), 1), SQ_OP_MOD);
	expect_binary(arg(arg(arg(e, 0), 1), 0), SQ_OP_MUL);
	expect_binary(arg(e, 1), SQ_OP_DIV);
	sq_query_free(q);

	q = parse_item("(a + b) * c");
	e = q->items[0].expr;
	expect_binary(e, SQ_OP_MUL);
	expect_binary(arg(e, 0), SQ_OP_ADD);
	sq_query_free(q);
}

Test(parse, comparison_operators)
{
	static const struct {
		const char *text;
		int op;
	} cases[] = {
		{"a = 1", SQ_OP_EQ},  {"a == 1", SQ_OP_EQ}, {"a != 1", SQ_OP_NE}, {"a <> 1", SQ_OP_NE},
		{"a < 1", SQ_OP_LT},  {"a <= 1", SQ_OP_LE}, {"a > 1", SQ_OP_GT},  {"a >= 1", SQ_OP_GE},
		{"a>=1", SQ_OP_GE},   {"a<>1", SQ_OP_NE},
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		sq_query *q = parse_item(cases[k].text);
		expect_binary(q->items[0].expr, cases[k].op);
		expect_column(arg(q->items[0].expr, 0), "a");
		expect_bigint(arg(q->items[0].expr, 1), 1);
		sq_query_free(q);
	}
}

Test(parse, in_lists)
{
	sq_query *q = parse_item("x IN (1, 'b', y + 1)");
	const sq_expr *e = q->items[0].expr;
	cr_assert_eq(e->kind, SQ_E_IN);
	cr_assert_eq(e->negated, false);
	cr_assert_eq(e->nargs, 4);
	expect_column(arg(e, 0), "x");
	expect_bigint(arg(e, 1), 1);
	expect_string(arg(e, 2), "b");
	expect_binary(arg(e, 3), SQ_OP_ADD);
	sq_query_free(q);

	q = parse_item("x NOT IN (1) AND y");
	e = q->items[0].expr;
	expect_binary(e, SQ_OP_AND);
	cr_assert_eq(arg(e, 0)->kind, SQ_E_IN);
	cr_assert_eq(arg(e, 0)->negated, true);
	cr_assert_eq(arg(e, 0)->nargs, 2);
	sq_query_free(q);
}

Test(parse, between)
{
	const char *sql = "SELECT x BETWEEN 1 AND 2 + 3 AND y FROM 'f.csv'";
	sq_query *q = parse_ok(sql);
	const sq_expr *e = q->items[0].expr;
	expect_binary(e, SQ_OP_AND);
	const sq_expr *b = arg(e, 0);
	cr_assert_eq(b->kind, SQ_E_BETWEEN);
	cr_assert_eq(b->negated, false);
	cr_assert_eq(b->nargs, 3);
	expect_column(arg(b, 0), "x");
	expect_bigint(arg(b, 1), 1);
	expect_binary(arg(b, 2), SQ_OP_ADD);
	expect_slice(sql, b, "x BETWEEN 1 AND 2 + 3");
	expect_column(arg(e, 1), "y");
	sq_query_free(q);

	q = parse_item("x NOT BETWEEN a AND b");
	cr_assert_eq(q->items[0].expr->kind, SQ_E_BETWEEN);
	cr_assert_eq(q->items[0].expr->negated, true);
	sq_query_free(q);
}

Test(parse, like_and_ilike)
{
	sq_query *q = parse_item("name LIKE 'a%'");
	const sq_expr *e = q->items[0].expr;
	cr_assert_eq(e->kind, SQ_E_LIKE);
	cr_assert_eq(e->op, SQ_OP_LIKE);
	cr_assert_eq(e->negated, false);
	expect_string(arg(e, 1), "a%");
	sq_query_free(q);

	q = parse_item("name NOT ILIKE '%x_'");
	e = q->items[0].expr;
	cr_assert_eq(e->kind, SQ_E_LIKE);
	cr_assert_eq(e->op, SQ_OP_ILIKE);
	cr_assert_eq(e->negated, true);
	sq_query_free(q);
}

Test(parse, is_null)
{
	const char *sql = "SELECT a IS NULL, b IS NOT NULL FROM 'f.csv'";
	sq_query *q = parse_ok(sql);
	cr_assert_eq(q->items[0].expr->kind, SQ_E_ISNULL);
	cr_assert_eq(q->items[0].expr->negated, false);
	cr_assert_eq(q->items[1].expr->kind, SQ_E_ISNULL);
	cr_assert_eq(q->items[1].expr->negated, true);
	expect_slice(sql, q->items[1].expr, "b IS NOT NULL");
	sq_query_free(q);

	q = parse_item("a + 1 IS NULL");
	cr_assert_eq(q->items[0].expr->kind, SQ_E_ISNULL);
	expect_binary(arg(q->items[0].expr, 0), SQ_OP_ADD);
	sq_query_free(q);
}

/* ------------------------------------------------------------------------------------------ */
/* Literals */

Test(parse, integer_literals)
{
	sq_query *q = parse_ok("SELECT 0, 42, 9223372036854775807, 9223372036854775808, -9223372036854775808, -7, - 7, "
	                       "-(7) FROM 'f.csv'");
	expect_bigint(q->items[0].expr, 0);
	expect_bigint(q->items[1].expr, 42);
	expect_bigint(q->items[2].expr, INT64_MAX);
	expect_double(q->items[3].expr, 9223372036854775808.0);
	expect_bigint(q->items[4].expr, INT64_MIN);
	expect_bigint(q->items[5].expr, -7);
	expect_bigint(q->items[6].expr, -7);
	expect_bigint(q->items[7].expr, -7);
	sq_query_free(q);

	q = parse_item("99999999999999999999999");
	expect_double(q->items[0].expr, 1e23);
	sq_query_free(q);
}

Test(parse, decimal_literals)
{
	sq_query *q = parse_ok("SELECT 1.5, .5, 1e-3, 2.5E+10, 3., -0.25, 1E2 FROM 'f.csv'");
	expect_double(q->items[0].expr, 1.5);
	expect_double(q->items[1].expr, 0.5);
	expect_double(q->items[2].expr, 1e-3);
	expect_double(q->items[3].expr, 2.5e10);
	expect_double(q->items[4].expr, 3.0);
	expect_double(q->items[5].expr, -0.25);
	expect_double(q->items[6].expr, 100.0);
	sq_query_free(q);
}

Test(parse, negative_literal_positions)
{
	const char *sql = "SELECT a - -5, -1.5 FROM 'f.csv'";
	sq_query *q = parse_ok(sql);
	const sq_expr *e = q->items[0].expr;
	expect_binary(e, SQ_OP_SUB);
	expect_bigint(arg(e, 1), -5);
	expect_slice(sql, arg(e, 1), "-5");
	expect_slice(sql, q->items[1].expr, "-1.5");
	sq_query_free(q);
}

Test(parse, string_and_keyword_literals)
{
	sq_query *q = parse_ok("SELECT 'abc', 'it''s', '', TRUE, false, NULL FROM 'f.csv'");
	expect_string(q->items[0].expr, "abc");
	expect_string(q->items[1].expr, "it's");
	expect_string(q->items[2].expr, "");
	cr_assert_eq(q->items[3].expr->lit.type, SQ_T_BOOLEAN);
	cr_assert_eq(q->items[3].expr->lit.u.b, true);
	cr_assert_eq(q->items[4].expr->lit.type, SQ_T_BOOLEAN);
	cr_assert_eq(q->items[4].expr->lit.u.b, false);
	cr_assert_eq(q->items[5].expr->kind, SQ_E_LITERAL);
	cr_assert_eq(q->items[5].expr->lit.type, SQ_T_NULL);
	cr_assert_eq(q->items[5].expr->lit.null, true);
	sq_query_free(q);
}

Test(parse, typed_literals)
{
	const char *sql = "SELECT DATE '2024-01-31', timestamp '2024-01-31 12:34:56' FROM 'f.csv'";
	sq_query *q = parse_ok(sql);
	const sq_expr *d = q->items[0].expr;
	cr_assert_eq(d->kind, SQ_E_CAST);
	cr_assert_eq(d->cast_type, SQ_T_DATE);
	expect_string(arg(d, 0), "2024-01-31");
	expect_slice(sql, d, "DATE '2024-01-31'");
	const sq_expr *t = q->items[1].expr;
	cr_assert_eq(t->kind, SQ_E_CAST);
	cr_assert_eq(t->cast_type, SQ_T_TIMESTAMP);
	expect_string(arg(t, 0), "2024-01-31 12:34:56");
	sq_query_free(q);

	/* without a string after it, date is an ordinary name */
	q = parse_ok("SELECT date, date(ts) FROM 'f.csv' WHERE date >= DATE '2020-01-01'");
	expect_column(q->items[0].expr, "date");
	cr_assert_eq(q->items[1].expr->kind, SQ_E_FUNC);
	cr_assert_str_eq(q->items[1].expr->name, "date");
	expect_column(arg(q->where, 0), "date");
	cr_assert_eq(arg(q->where, 1)->kind, SQ_E_CAST);
	sq_query_free(q);
}

/* ------------------------------------------------------------------------------------------ */
/* Functions and casts */

Test(parse, functions)
{
	const char *sql = "SELECT LOWER(Vendor), COUNT(*), count(DISTINCT x), coalesce(a, b, 0), now() FROM 'f.csv'";
	sq_query *q = parse_ok(sql);
	const sq_expr *e = q->items[0].expr;
	cr_assert_eq(e->kind, SQ_E_FUNC);
	cr_assert_str_eq(e->name, "lower");
	cr_assert_eq(e->nargs, 1);
	expect_column(arg(e, 0), "Vendor");
	cr_assert_eq(e->distinct, false);
	expect_slice(sql, e, "LOWER(Vendor)");

	e = q->items[1].expr;
	cr_assert_str_eq(e->name, "count");
	cr_assert_eq(e->nargs, 1);
	cr_assert_eq(arg(e, 0)->kind, SQ_E_STAR);
	expect_slice(sql, e, "COUNT(*)");

	e = q->items[2].expr;
	cr_assert_str_eq(e->name, "count");
	cr_assert_eq(e->distinct, true);
	expect_column(arg(e, 0), "x");

	e = q->items[3].expr;
	cr_assert_eq(e->nargs, 3);
	expect_bigint(arg(e, 2), 0);

	e = q->items[4].expr;
	cr_assert_str_eq(e->name, "now");
	cr_assert_eq(e->nargs, 0);
	sq_query_free(q);
}

Test(parse, cast_types)
{
	static const struct {
		const char *type;
		int want;
	} cases[] = {
		{"BIGINT", SQ_T_BIGINT},     {"integer", SQ_T_BIGINT},       {"INT", SQ_T_BIGINT},
		{"INT8", SQ_T_BIGINT},       {"int4", SQ_T_BIGINT},          {"SMALLINT", SQ_T_BIGINT},
		{"DOUBLE", SQ_T_DOUBLE},     {"float", SQ_T_DOUBLE},         {"REAL", SQ_T_DOUBLE},
		{"DECIMAL", SQ_T_DOUBLE},    {"decimal(18, 3)", SQ_T_DOUBLE}, {"NUMERIC", SQ_T_DOUBLE},
		{"double precision", SQ_T_DOUBLE}, {"VARCHAR", SQ_T_VARCHAR}, {"varchar(20)", SQ_T_VARCHAR},
		{"TEXT", SQ_T_VARCHAR},      {"string", SQ_T_VARCHAR},       {"CHAR", SQ_T_VARCHAR},
		{"char(3)", SQ_T_VARCHAR},   {"BOOLEAN", SQ_T_BOOLEAN},      {"bool", SQ_T_BOOLEAN},
		{"DATE", SQ_T_DATE},         {"TIMESTAMP", SQ_T_TIMESTAMP},  {"datetime", SQ_T_TIMESTAMP},
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		char text[96];
		snprintf(text, sizeof text, "CAST(x AS %s)", cases[k].type);
		sq_query *q = parse_item(text);
		const sq_expr *e = q->items[0].expr;
		cr_assert_eq(e->kind, SQ_E_CAST, "%s", text);
		cr_assert_eq(e->cast_type, cases[k].want, "%s", text);
		expect_column(arg(e, 0), "x");
		char sql[160];
		snprintf(sql, sizeof sql, "SELECT %s FROM 'f.csv'", text);
		expect_slice(sql, e, text);
		sq_query_free(q);

		snprintf(text, sizeof text, "x::%s", cases[k].type);
		q = parse_item(text);
		e = q->items[0].expr;
		cr_assert_eq(e->kind, SQ_E_CAST, "%s", text);
		cr_assert_eq(e->cast_type, cases[k].want, "%s", text);
		snprintf(sql, sizeof sql, "SELECT %s FROM 'f.csv'", text);
		expect_slice(sql, e, text);
		sq_query_free(q);
	}
}

Test(parse, postfix_casts)
{
	sq_query *q = parse_item("x::INT::VARCHAR");
	const sq_expr *e = q->items[0].expr;
	cr_assert_eq(e->cast_type, SQ_T_VARCHAR);
	cr_assert_eq(arg(e, 0)->kind, SQ_E_CAST);
	cr_assert_eq(arg(e, 0)->cast_type, SQ_T_BIGINT);
	sq_query_free(q);

	/* '::' binds tighter than unary minus and than arithmetic */
	q = parse_item("-5::DOUBLE");
	e = q->items[0].expr;
	cr_assert_eq(e->kind, SQ_E_UNARY);
	cr_assert_eq(e->op, SQ_OP_NEG);
	cr_assert_eq(arg(e, 0)->kind, SQ_E_CAST);
	expect_bigint(arg(arg(e, 0), 0), 5);
	sq_query_free(q);

	q = parse_item("a + b::DOUBLE");
	e = q->items[0].expr;
	expect_binary(e, SQ_OP_ADD);
	cr_assert_eq(arg(e, 1)->kind, SQ_E_CAST);
	sq_query_free(q);

	q = parse_item("(a + b)::DOUBLE");
	cr_assert_eq(q->items[0].expr->kind, SQ_E_CAST);
	expect_binary(arg(q->items[0].expr, 0), SQ_OP_ADD);
	sq_query_free(q);
}

/* ------------------------------------------------------------------------------------------ */
/* Positions */

Test(parse, expression_positions)
{
	const char *sql = "SELECT  lower( v ) AS l, (a+b) * 2, CAST(x AS INT) FROM 'f.csv' WHERE x IN (1, 2) ";
	sq_query *q = parse_ok(sql);
	expect_slice(sql, q->items[0].expr, "lower( v )");
	expect_slice(sql, arg(q->items[0].expr, 0), "v");
	expect_slice(sql, q->items[1].expr, "(a+b) * 2");
	expect_slice(sql, arg(q->items[1].expr, 0), "(a+b)");
	expect_slice(sql, arg(arg(q->items[1].expr, 0), 1), "b");
	expect_slice(sql, q->items[2].expr, "CAST(x AS INT)");
	expect_slice(sql, q->where, "x IN (1, 2)");
	sq_query_free(q);
}

/* ------------------------------------------------------------------------------------------ */
/* Errors */

Test(parse, error_bad_keyword)
{
	expect_error("SELEC a FROM 'f.csv'", 0, "syntax error at or near \"SELEC\"");
	expect_error("SELECT * FORM 'f.csv'", 9, "expected FROM at or near \"FORM\"");
	expect_error("SELECT a b c FROM 'f.csv'", 11, "expected FROM at or near \"c\"");
}

Test(parse, error_missing_parts)
{
	expect_error("SELECT FROM 'f.csv'", 7, "syntax error at or near \"FROM\"");
	expect_error("SELECT a FROM 'f.csv' WHERE", 27, "syntax error at end of input");
	expect_error("SELECT a FROM 'f.csv' WHERE a >", 31, "syntax error at end of input");
	expect_error("SELECT a FROM", 13, "expected a file path string or read_csv(...) after FROM at end of input");
	expect_error("SELECT a", 8, "expected FROM at end of input");
	expect_error("", 0, "syntax error at end of input");
	expect_error("SELECT a, FROM 'f.csv'", 10, "syntax error at or near \"FROM\"");
	expect_error("SELECT a FROM 'f.csv' GROUP a", 28, "expected BY after GROUP at or near \"a\"");
}

Test(parse, error_lexical)
{
	expect_error("SELECT a FROM 'f.csv' WHERE b = 'x", 32, "unterminated string literal");
	expect_error("SELECT 'abc", 7, "unterminated string literal");
	expect_error("SELECT \"abc FROM 'f.csv'", 7, "unterminated quoted identifier");
	expect_error("SELECT \"\" FROM 'f.csv'", 7, "zero-length quoted identifier");
	expect_error("SELECT 1e FROM 'f.csv'", 7, "trailing junk after numeric literal");
	expect_error("SELECT a /* FROM 'f.csv'", 9, "unterminated /* comment");
	/* a syntax error earlier in the text wins over a lexical one later */
	expect_error("SELECT FROM 'abc", 7, "syntax error at or near \"FROM\"");
}

Test(parse, error_limit)
{
	expect_error("SELECT a FROM 'f.csv' LIMIT -1", 28, "LIMIT expects a non-negative integer");
	expect_error("SELECT a FROM 'f.csv' LIMIT x", 28, "LIMIT expects a non-negative integer");
	expect_error("SELECT a FROM 'f.csv' LIMIT 1.5", 28, "LIMIT expects a non-negative integer");
	expect_error("SELECT a FROM 'f.csv' LIMIT", 27, "LIMIT expects a non-negative integer");
	expect_error("SELECT a FROM 'f.csv' LIMIT 9223372036854775808", 28, "LIMIT expects a non-negative integer");
	expect_error("SELECT a FROM 'f.csv' OFFSET -2", 29, "OFFSET expects a non-negative integer");
	expect_error("SELECT a FROM 'f.csv' LIMIT 1 LIMIT 2", 30, "syntax error at or near \"LIMIT\"");
}

Test(parse, error_expressions)
{
	expect_error("SELECT f(a FROM 'f.csv'", 11, "expected ')' after function arguments at or near \"FROM\"");
	expect_error("SELECT (a FROM 'f.csv'", 10, "expected ')' at or near \"FROM\"");
	expect_error("SELECT count(DISTINCT *) FROM 'f.csv'", 22, "syntax error at or near \"*\"");
	expect_error("SELECT a = NOT b FROM 'f.csv'", 11, "syntax error at or near \"NOT\"");
	expect_error("SELECT CAST(a AS blob) FROM 'f.csv'", 17, "unknown type \"blob\"");
	expect_error("SELECT CAST(a, b) FROM 'f.csv'", 13, "expected AS in CAST at or near \",\"");
	expect_error("SELECT a::(x) FROM 'f.csv'", 10, "expected a type name at or near \"(\"");
	expect_error("SELECT a IN 1 FROM 'f.csv'", 12, "expected '(' after IN at or near \"1\"");
	expect_error("SELECT a BETWEEN 1 OR 2 FROM 'f.csv'", 19, "expected AND in BETWEEN at or near \"OR\"");
	expect_error("SELECT a IS 5 FROM 'f.csv'", 12, "expected NULL after IS at or near \"5\"");
	expect_error("SELECT a AS FROM 'f.csv'", 12, "expected a name after AS at or near \"FROM\"");
	expect_error("SELECT a FROM 'f.csv' x y", 24, "syntax error at or near \"y\"");
	expect_error("SELECT a FROM 'f.csv'; SELECT", 23, "syntax error at or near \"SELECT\"");
	expect_error("SELECT a ! b FROM 'f.csv'", 9, "expected FROM at or near \"!\"");
	expect_error("SELECT CASE WHEN a THEN 1 END FROM 'f.csv'", 7, "syntax error at or near \"CASE\"");
	expect_error("SELECT 1e999 FROM 'f.csv'", 7, "numeric literal out of range");
}

Test(parse, error_message_token_is_shortened)
{
	sq_query *q;
	sq_parse_error err;
	const char *sql = "SELECT a FROM 'f.csv' t "
	                  "this_is_a_very_long_identifier_that_goes_on_and_on_and_on_forever_and_ever";
	cr_assert_eq(sq_parse(sql, strlen(sql), &q, &err), -1);
	cr_assert_str_eq(err.message, "syntax error at or near \"this_is_a_very_long_identifier_that_goes...\"");
	const char ctl[] = "SELECT a FROM 'f.csv' \x01";
	cr_assert_eq(sq_parse(ctl, sizeof ctl - 1, &q, &err), -1);
	cr_assert_str_eq(err.message, "syntax error at or near \"?\"");
	cr_assert_eq(err.pos, 22);
}

Test(parse, error_nesting_too_deep)
{
	size_t n = 100000;
	char *sql = malloc(n + 64);
	cr_assert_not_null(sql);
	const char *prefixes[] = {"(", "-", "NOT ", "f("};
	for (size_t k = 0; k < sizeof prefixes / sizeof prefixes[0]; k++) {
		size_t len = strlen(prefixes[k]), m = 0;
		memcpy(sql, "SELECT ", 7);
		for (m = 7; m + len + 16 < n; m += len)
			memcpy(sql + m, prefixes[k], len);
		if (k == 1) /* "--" starts a comment: make it "- - - ..." */
			for (size_t j = 8; j < m; j += 2)
				sql[j] = ' ';
		memcpy(sql + m, "1 FROM 'f.csv'", 14);
		sq_query *q;
		sq_parse_error err;
		cr_assert_eq(sq_parse(sql, m + 14, &q, &err), -1, "prefix %s", prefixes[k]);
		cr_assert_str_eq(err.message, "expression nested too deeply");
		cr_assert_gt(err.pos, 7);
	}

	/* a long left-associative chain is a tall tree with no recursion in the parser */
	size_t m = 7;
	memcpy(sql, "SELECT ", 7);
	for (; m + 32 < n; m += 2)
		memcpy(sql + m, "a+", 2);
	memcpy(sql + m, "a FROM 'f.csv'", 14);
	sq_query *q;
	sq_parse_error err;
	cr_assert_eq(sq_parse(sql, m + 14, &q, &err), -1);
	cr_assert_str_eq(err.message, "expression nested too deeply");
	free(sql);

	/* moderate nesting is fine */
	sq_query *ok = parse_item("((((((((((a))))))))))");
	expect_column(ok->items[0].expr, "a");
	sq_query_free(ok);
}

Test(parse, error_arguments)
{
	sq_query *q = NULL;
	sq_parse_error err;
	cr_assert_eq(sq_parse(NULL, 0, &q, &err), -1);
	cr_assert_null(q);
	cr_assert_eq(sq_parse("SELECT a FROM 'f'", 17, NULL, &err), -1);
	cr_assert_eq(sq_parse("SELECT", 6, &q, NULL), -1);
	cr_assert_null(q);
	/* the length bounds the text, not a NUL */
	cr_assert_eq(sq_parse("SELECT a FROM 'f.csv' garbage", 21, &q, &err), 0);
	cr_assert_str_eq(q->from_path, "f.csv");
	sq_query_free(q);
	sq_query_free(NULL);
	sq_expr_free(NULL);
}

/* ------------------------------------------------------------------------------------------ */
/* Formatting */

Test(parse, format_canonical)
{
	expect_format("fare > 50", "(fare > 50)");
	expect_format("a OR b AND c", "(a OR (b AND c))");
	expect_format("NOT a = b", "(NOT (a = b))");
	expect_format("-x * y", "((-x) * y)");
	expect_format("a - -5", "(a - -5)");
	expect_format("- -5", "5");
	expect_format("-(-x)", "(-(-x))");
	expect_format("-(x::INT)", "(-CAST(x AS BIGINT))");
	expect_format("a || b", "(a || b)");
	expect_format("a != b", "(a <> b)");
	expect_format("count(DISTINCT x)", "count(DISTINCT x)");
	expect_format("COUNT(*)", "count(*)");
	expect_format("LOWER(vendor)", "lower(vendor)");
	expect_format("f()", "f()");
	expect_format("coalesce(a, b, 'x')", "coalesce(a, b, 'x')");
	expect_format("CAST(x AS decimal(10,2))", "CAST(x AS DOUBLE)");
	expect_format("x::text", "CAST(x AS VARCHAR)");
	expect_format("DATE '2024-01-01'", "CAST('2024-01-01' AS DATE)");
	expect_format("x NOT IN (1, 2)", "(x NOT IN (1, 2))");
	expect_format("x BETWEEN 1 AND 2", "(x BETWEEN 1 AND 2)");
	expect_format("x NOT ILIKE 'a%'", "(x NOT ILIKE 'a%')");
	expect_format("x LIKE 'it''s'", "(x LIKE 'it''s')");
	expect_format("x IS NOT NULL", "(x IS NOT NULL)");
	expect_format("NULL", "NULL");
	expect_format("true", "TRUE");
	expect_format("1.5", "1.5");
	expect_format("0.1", "0.1");
	expect_format("2.", "2.0");
	expect_format("1e300", "1e+300");
	expect_format("-9223372036854775808", "-9223372036854775808");
	expect_format("\"fare amount\"", "\"fare amount\"");
	expect_format("\"a\"\"b\"", "\"a\"\"b\"");
	expect_format("\"from\"", "\"from\"");
	expect_format("\"2x\"", "\"2x\"");
	expect_format("\"Mixed_Case\"", "Mixed_Case");
}

/* Planner-folded DATE and TIMESTAMP values print as typed literals. */
Test(parse, format_date_and_timestamp_values)
{
	static const struct {
		int type;
		int64_t v;
		const char *want;
	} cases[] = {
		{SQ_T_DATE, 0, "DATE '1970-01-01'"},
		{SQ_T_DATE, 19723, "DATE '2024-01-01'"},
		{SQ_T_DATE, 11016, "DATE '2000-02-29'"},
		{SQ_T_DATE, -1, "DATE '1969-12-31'"},
		{SQ_T_TIMESTAMP, INT64_C(1704110400000000), "TIMESTAMP '2024-01-01 12:00:00'"},
		{SQ_T_TIMESTAMP, INT64_C(1704110400000123), "TIMESTAMP '2024-01-01 12:00:00.000123'"},
		{SQ_T_TIMESTAMP, -1, "TIMESTAMP '1969-12-31 23:59:59.999999'"},
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		sq_expr e;
		memset(&e, 0, sizeof e);
		e.kind = SQ_E_LITERAL;
		e.lit.type = (uint8_t)cases[k].type;
		e.lit.u.i = cases[k].v;
		char buf[96];
		sq_expr_format(&e, buf, sizeof buf);
		cr_assert_str_eq(buf, cases[k].want);
	}
}

Test(parse, format_truncates_like_snprintf)
{
	sq_query *q = parse_item("lower(vendor) = 'x'");
	const sq_expr *e = q->items[0].expr;
	const char *want = "(lower(vendor) = 'x')";
	char buf[8];
	memset(buf, '#', sizeof buf);
	cr_assert_eq(sq_expr_format(e, buf, sizeof buf), strlen(want));
	cr_assert_str_eq(buf, "(lower(");
	cr_assert_eq(sq_expr_format(e, NULL, 0), strlen(want));
	buf[0] = '#';
	cr_assert_eq(sq_expr_format(e, buf, 0), strlen(want));
	cr_assert_eq(buf[0], '#');
	cr_assert_eq(sq_expr_format(e, buf, 1), strlen(want));
	cr_assert_eq(buf[0], '\0');
	sq_query_free(q);
}

/* ------------------------------------------------------------------------------------------ */
/* Robustness: arbitrary input fails cleanly (the sanitizer build checks for leaks and overruns) */

Test(parse, random_input_never_crashes)
{
	static const char *const words[] = {
		"SELECT", "FROM", "WHERE", "GROUP", "BY", "ORDER", "LIMIT", "AND", "OR", "NOT", "IN", "BETWEEN", "LIKE",
		"IS", "NULL", "AS", "CAST", "DATE", "count", "read_csv", "a", "\"q\"", "'s'", "1", "1.5", "(", ")",
		",", ";", "*", "-", "+", "=", "<>", "||", "::", "INT", "DISTINCT", "'", "\"", "/*", "--", "\x01",
	};
	uint64_t s = 0x9E3779B97F4A7C15u;
	char sql[512];
	int parsed = 0;
	for (int it = 0; it < 20000; it++) {
		size_t n = 0;
		s = s * 6364136223846793005u + 1442695040888963407u;
		int k = (int)(s >> 59);
		if (it % 4 == 0) {
			for (int j = 0; j < k * 4; j++) {
				s = s * 6364136223846793005u + 1442695040888963407u;
				sql[n++] = (char)(s >> 56);
			}
		} else {
			n = (size_t)snprintf(sql, sizeof sql, "SELECT ");
			for (int j = 0; j < k && n + 16 < sizeof sql - 32; j++) {
				s = s * 6364136223846793005u + 1442695040888963407u;
				n += (size_t)snprintf(sql + n, sizeof sql - n, "%s ", words[(s >> 33) % (sizeof words / sizeof words[0])]);
			}
			n += (size_t)snprintf(sql + n, sizeof sql - n, "FROM 'f.csv'");
		}
		sq_query *q = NULL;
		sq_parse_error err;
		if (sq_parse(sql, n, &q, &err) == 0) {
			parsed++;
			char buf[64];
			for (size_t j = 0; j < q->nitems; j++)
				sq_expr_format(q->items[j].expr, buf, sizeof buf);
			sq_query_free(q);
		} else {
			cr_assert_null(q);
			cr_assert_leq(err.pos, n);
			cr_assert_gt(strlen(err.message), 0);
		}
	}
	cr_assert_gt(parsed, 0);
}
