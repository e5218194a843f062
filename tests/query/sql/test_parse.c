/* test_parse.c - unit tests of the query parser: statement shapes, read_csv, operators and precedence. */
#include <criterion/criterion.h>

#include <stdint.h>
#include <string.h>

#include "parse_check.h"

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
