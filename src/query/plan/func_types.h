/* func_types.h - the SQL functions the binder knows: aggregates by name, scalar calls' types. */
#ifndef SLUICE_QUERY_PLAN_FUNC_TYPES_H
#define SLUICE_QUERY_PLAN_FUNC_TYPES_H

#include <stdbool.h>

#include "query/plan/engine.h"

/* The scalar functions, each under one id: a name's synonyms share it. The binder (sq_func_check) and
 * evaluation (exec/func.c) both dispatch on the id, so a name is spelled once. */
typedef enum sq_fn {
	SQ_FN_NONE,
	SQ_FN_LOWER, SQ_FN_UPPER, SQ_FN_TRIM, SQ_FN_LTRIM, SQ_FN_RTRIM, SQ_FN_LENGTH, SQ_FN_STRLEN, SQ_FN_SUBSTR,
	SQ_FN_STARTS_WITH, SQ_FN_ENDS_WITH, SQ_FN_CONTAINS,
	SQ_FN_ABS, SQ_FN_ROUND, SQ_FN_FLOOR, SQ_FN_CEIL,
	SQ_FN_YEAR, SQ_FN_MONTH, SQ_FN_DAY, SQ_FN_HOUR, SQ_FN_MINUTE, SQ_FN_SECOND, SQ_FN_DAYOFWEEK, SQ_FN_QUARTER, SQ_FN_WEEK, SQ_FN_DATE_TRUNC,
	SQ_FN_COALESCE, SQ_FN_CONCAT,
} sq_fn;

/* The id of scalar function name, SQ_FN_NONE when there is none. */
sq_fn sq_fn_lookup(const char *name);

/* True when name is an aggregate function; *kind gets its sq_agg_kind. */
bool sq_func_is_aggregate(const char *name, bool distinct, int *kind);

/* Checks arguments of scalar function e (args already typed) and sets e->type. Returns 0, or an
 * SQL error through sq_sql_error. */
int sq_func_check(sluice_query *q, sq_expr *e);

#endif
