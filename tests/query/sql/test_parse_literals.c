/* test_parse_literals.c - unit tests of the query parser: literals, functions, casts and positions. */
#include <criterion/criterion.h>

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "parse_check.h"

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
