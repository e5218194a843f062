/* run.h - a query's results by batch: materialized, or streamed from the scan. */
#ifndef SLUICE_QUERY_EXEC_RUN_H
#define SLUICE_QUERY_EXEC_RUN_H

#include "query/plan/engine.h"

/* sluice_query_next_batch, without the fault guard. */
int sq_next_batch(sluice_query *q, sluice_batch *b);

#endif
