/* func.h - scalar SQL functions: their result types (for the planner) and batch evaluation. */
#ifndef SLUICE_QUERY_FUNC_H
#define SLUICE_QUERY_FUNC_H

#include "query/engine.h"

/* True when name is an aggregate function; *kind gets its sq_agg_kind. */
bool sq_func_is_aggregate(const char *name, bool distinct, int *kind);

/* Checks arguments of scalar function e (args already typed) and sets e->type. Returns 0, or an
 * SQL error through sq_sql_error. */
int sq_func_check(sluice_query *q, sq_expr *e);

/* Evaluates scalar function e for n rows whose arguments are in their scratch buffers. */
int sq_func_eval(sluice_query *q, sq_expr *e, size_t n, sq_value *out);

/* Civil date from days since 1970-01-01. */
void sq_civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d);
int64_t sq_days_from_civil(int64_t y, unsigned m, unsigned d);

#endif
