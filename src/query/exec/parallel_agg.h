/* parallel_agg.h - an aggregate query on several threads. */
#ifndef SLUICE_QUERY_EXEC_PARALLEL_AGG_H
#define SLUICE_QUERY_EXEC_PARALLEL_AGG_H

#include "query/plan/engine.h"

/* Aggregates the whole input on several threads, into q's states. Returns 0, 1 when the input is
 * not to be split (the caller scans it serially), or an error. */
int sq_parallel_aggregate(sluice_query *q);

/* Adds the scan counters of w, a part of q, to q's. */
void sq_add_counters(sluice_query *q, const sluice_query *w);

/* Adds the counters of s to *acc. */
void sq_add_scan_stats(sluice_scan_stats *acc, const sluice_scan_stats *s);

#endif
