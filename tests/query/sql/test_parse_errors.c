/* test_parse_errors.c - unit tests of the query parser: error positions and messages, canonical formatting. */
#include <criterion/criterion.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse_check.h"

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
