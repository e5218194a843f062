/* bind.h - the binder and planner: names to columns, types checked, aggregates and the plan made. */
#ifndef SLUICE_QUERY_PLAN_BIND_H
#define SLUICE_QUERY_PLAN_BIND_H

#include "query/plan/engine.h"

/* Binds the parsed query (q->ast) to the input columns and makes the plan. Returns 0, or an error
 * set in q->err. */
int sq_plan(sluice_query *q);

#endif
