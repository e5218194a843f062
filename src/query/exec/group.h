/* group.h - the aggregate operator: batches into aggregate states, then one row per group. */
#ifndef SLUICE_QUERY_EXEC_GROUP_H
#define SLUICE_QUERY_EXEC_GROUP_H

#include "query/plan/engine.h"

/* Feeds the n selected rows (q->sel) of the current batch to the aggregates. */
int sq_aggregate_batch(sluice_query *q, size_t n);

#endif
