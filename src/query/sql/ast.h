/* ast.h - the query language's syntax tree, shared by the parser, planner and executor. */
#ifndef SLUICE_QUERY_AST_H
#define SLUICE_QUERY_AST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "query/values/types.h"

typedef enum sq_expr_kind {
	SQ_E_COLUMN,     /* name: column name (unquoted or "quoted") */
	SQ_E_LITERAL,    /* lit: a literal value (strings owned by the tree) */
	SQ_E_STAR,       /* '*' in SELECT * or count(*) */
	SQ_E_UNARY,      /* op: SQ_OP_NEG, SQ_OP_NOT; args[0] */
	SQ_E_BINARY,     /* op: arithmetic, comparison, AND, OR; args[0], args[1] */
	SQ_E_FUNC,       /* name: lower-cased function name; args; distinct for count(DISTINCT x) */
	SQ_E_CAST,       /* args[0] AS cast_type */
	SQ_E_IN,         /* args[0] [NOT] IN (args[1..]) ; negated */
	SQ_E_BETWEEN,    /* args[0] [NOT] BETWEEN args[1] AND args[2] ; negated */
	SQ_E_LIKE,       /* args[0] [NOT] LIKE|ILIKE args[1] ; negated; op = SQ_OP_LIKE or SQ_OP_ILIKE */
	SQ_E_ISNULL,     /* args[0] IS [NOT] NULL ; negated */
} sq_expr_kind;

typedef enum sq_op {
	SQ_OP_NONE = 0,
	SQ_OP_ADD, SQ_OP_SUB, SQ_OP_MUL, SQ_OP_DIV, SQ_OP_MOD,
	SQ_OP_EQ, SQ_OP_NE, SQ_OP_LT, SQ_OP_LE, SQ_OP_GT, SQ_OP_GE,
	SQ_OP_AND, SQ_OP_OR, SQ_OP_NOT, SQ_OP_NEG,
	SQ_OP_LIKE, SQ_OP_ILIKE,
	SQ_OP_CONCAT,    /* || */
	SQ_OP_INTDIV,    /* // */
} sq_op;

typedef struct sq_expr {
	int kind;        /* sq_expr_kind */
	int op;          /* sq_op */
	size_t pos;      /* byte offset of the expression's first token in the query text */
	size_t end;      /* byte offset just past its last token */
	char *name;      /* COLUMN / FUNC (malloc'd, NUL-terminated) */
	sq_value lit;    /* LITERAL; a VARCHAR literal's bytes are malloc'd and owned here */
	struct sq_expr **args;
	size_t nargs;
	bool negated;
	bool distinct;
	int cast_type;   /* sq_type for CAST */

	/* Filled by the planner, not the parser. */
	int type;        /* result sq_type */
	long column;     /* COLUMN: the input column index */
	int slot;        /* aggregate calls: index >= 0; group keys: -2 - key index; others: -1 */
	int node;        /* the node's number: its scratch buffer during batch evaluation */
	struct sq_expr *ref; /* a column name that is a select alias (HAVING): evaluate this instead */
} sq_expr;

typedef struct sq_select_item {
	sq_expr *expr;
	char *alias;     /* NULL when none; otherwise malloc'd */
} sq_select_item;

typedef struct sq_order_item {
	sq_expr *expr;   /* may be a column, an alias name, an expression, or a 1-based position literal */
	bool desc;
	bool nulls_first; /* NULLS FIRST; the default is NULLS LAST in both directions, as in DuckDB */
} sq_order_item;

/* One `key=value` option of read_csv('path', key=value, ...). value is the literal as written. */
typedef struct sq_option {
	char *key;       /* lower-cased */
	sq_value value;  /* VARCHAR, BIGINT, DOUBLE or BOOLEAN literal */
	size_t pos;
} sq_option;

typedef struct sq_query {
	sq_select_item *items;
	size_t nitems;
	char *from_path;         /* the file path (malloc'd) */
	size_t from_pos;
	sq_option *options;      /* from read_csv(...) */
	size_t noptions;
	sq_expr *where;          /* NULL when absent */
	sq_expr **group_by;
	size_t ngroup;
	sq_expr *having;
	sq_order_item *order_by;
	size_t norder;
	int64_t limit;           /* -1 when absent */
	int64_t offset;          /* 0 when absent */
} sq_query;

typedef struct sq_parse_error {
	size_t pos;              /* byte offset in the query text where the problem is */
	char message[160];
} sq_parse_error;

/* Parses one SELECT statement (an optional trailing ';' is allowed). On success returns 0 and
 * stores a tree the caller frees with sq_query_free. On a syntax error returns -1, stores NULL,
 * and fills *err. Thread-safe. */
int sq_parse(const char *sql, size_t len, sq_query **out, sq_parse_error *err);
void sq_query_free(sq_query *q);
void sq_expr_free(sq_expr *e);

/* Writes the expression back as SQL text (for column headers and --explain): the original text
 * slice sql[pos..end) when available is preferred by callers; this is the canonical form. */
size_t sq_expr_format(const sq_expr *e, char *buf, size_t cap);

#endif
