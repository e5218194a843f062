/* scratch.h - each expression node's buffer of values for the batch being evaluated. */
#ifndef SLUICE_QUERY_EXEC_SCRATCH_H
#define SLUICE_QUERY_EXEC_SCRATCH_H

#include "query/plan/engine.h"

/* The buffer of bcap values of expression e (by its node number), where its results go. */
static inline sq_value *sq_scratch_get(sluice_query *q, const sq_expr *e)
{
	return q->scratch.bufs[e->node];
}

#endif
