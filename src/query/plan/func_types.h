/* func_types.h - the SQL functions the binder knows: aggregates by name, scalar calls' types. */
#ifndef SLUICE_QUERY_PLAN_FUNC_TYPES_H
#define SLUICE_QUERY_PLAN_FUNC_TYPES_H

#include <stdbool.h>

#include "query/plan/engine.h"

/* True when name is an aggregate function; *kind gets its sq_agg_kind. */
bool sq_func_is_aggregate(const char *name, bool distinct, int *kind);

/* Checks arguments of scalar function e (args already typed) and sets e->type. Returns 0, or an
 * SQL error through sq_sql_error. */
int sq_func_check(sluice_query *q, sq_expr *e);

#endif
