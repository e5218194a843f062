/* sql_error.h - a mistake in the query text, with its position, into the query's error. */
#ifndef SLUICE_QUERY_PLAN_SQL_ERROR_H
#define SLUICE_QUERY_PLAN_SQL_ERROR_H

#include "query/plan/engine.h"

/* Sets q->err (and q->failed) to an SQL error at byte pos of the query text; returns SLUICE_ERR_SQL. */
int sq_sql_error(sluice_query *q, size_t pos, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
