/* parallel_agg.h - an aggregate query on several threads. */
#ifndef SLUICE_QUERY_EXEC_PARALLEL_AGG_H
#define SLUICE_QUERY_EXEC_PARALLEL_AGG_H

#include "query/plan/engine.h"

/* Aggregates the whole input on several threads, into q's states. Returns 0, 1 when the input is
 * not to be split (the caller scans it serially), or an error. */
int sq_parallel_aggregate(sluice_query *q);

/* Adds the scan counters of w, a part of q, to q's. */
void sq_add_counters(sluice_query *q, const sluice_query *w);

/* Defined by query.c: opens a part of the query `like` (the SQL text parsed and planned again),
 * which takes its dialect and columns. */
int sq_query_open(sluice_query **out, const char *sql, const sluice_query_options *qo, sluice_error *err,
                  const sluice_query *like);

#endif
