/* func.h - scalar SQL functions evaluated over batches, and the calendar arithmetic they share. */
#ifndef SLUICE_QUERY_EXEC_FUNC_H
#define SLUICE_QUERY_EXEC_FUNC_H

#include "query/plan/engine.h"

/* Evaluates scalar function e for n rows whose arguments are in their scratch buffers. */
int sq_func_eval(sluice_query *q, sq_expr *e, size_t n, sq_value *out);

/* Civil date from days since 1970-01-01. */
void sq_civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d);
int64_t sq_days_from_civil(int64_t y, unsigned m, unsigned d);

#endif
