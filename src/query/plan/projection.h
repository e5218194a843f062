/* projection.h - the columns the query reads, and the reader set to cut only those. */
#ifndef SLUICE_QUERY_PLAN_PROJECTION_H
#define SLUICE_QUERY_PLAN_PROJECTION_H

#include "query/plan/engine.h"

/* Marks in want[0..n) the input columns the query reads, by name; returns how many. */
size_t sq_read_columns(const sluice_query *q, bool *want, size_t n);

/* Sets reader r to cut only the columns the plan reads, makes the fast path's column table and
 * chooses the slots decoded eagerly. */
int sq_apply_projection(sluice_query *q, sluice_reader *r);

#endif
