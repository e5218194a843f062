/* parse_check.h - the SQL parser tests' shared checks: parse or fail, and what a tree node must be. */
#ifndef SLUICE_TESTS_PARSE_CHECK_H
#define SLUICE_TESTS_PARSE_CHECK_H

#include <stddef.h>
#include <stdint.h>

#include "query/sql/ast.h"

/* Parses sql and asserts success; free the tree with sq_query_free. */
sq_query *parse_ok(const char *sql);

/* Parses `SELECT <text> FROM 'f.csv'`; the one select item is q->items[0].expr. */
sq_query *parse_item(const char *text);

/* Asserts that sql fails to parse at pos with message, and that the output tree is cleared. */
void expect_error(const char *sql, size_t pos, const char *message);

/* Asserts that the expression text formats as want, and that want formats as itself. */
void expect_format(const char *text, const char *want);

/* Argument k of e, asserting that it has one. */
const sq_expr *arg(const sq_expr *e, size_t k);

void expect_column(const sq_expr *e, const char *name);
void expect_binary(const sq_expr *e, int op);
void expect_bigint(const sq_expr *e, int64_t v);
void expect_double(const sq_expr *e, double v);
void expect_string(const sq_expr *e, const char *s);

/* The text an expression covers, checked against what it should be. */
void expect_slice(const char *sql, const sq_expr *e, const char *want);

#endif /* SLUICE_TESTS_PARSE_CHECK_H */
