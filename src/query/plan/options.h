/* options.h - read_csv(...) options of the FROM clause. */
#ifndef SLUICE_QUERY_PLAN_OPTIONS_H
#define SLUICE_QUERY_PLAN_OPTIONS_H

#include "query/plan/engine.h"

/* Applies the query's read_csv options to q->ropts and the query's settings; *delim_set and
 * *header_set tell whether the delimiter and header were given (and are not to be sniffed).
 * Returns 0 or an error (an SQL error in q->err). */
int sq_apply_options(sluice_query *q, bool *delim_set, bool *header_set);

#endif
