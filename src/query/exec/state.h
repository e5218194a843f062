/* state.h - a query's execution state and its memory limit. */
#ifndef SLUICE_QUERY_EXEC_STATE_H
#define SLUICE_QUERY_EXEC_STATE_H

#include "query/plan/engine.h"

/* Allocates the batches, scratch buffers, results and aggregate states of a planned query. */
int sq_exec_alloc(sluice_query *q);

/* SLUICE_ERR_MEMORY_LIMIT (set in q->err) once the query's state is past qo.memory_limit, else 0. */
int sq_check_memory(sluice_query *q);

/* Frees the execution state (the reader and its stream included), not the plan, nor q->par. */
void sq_exec_free(sluice_query *q);

#endif
