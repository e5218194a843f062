/* part.h - a part of a parallel scan: the query's plan, shared, with an execution state of its own. */
#ifndef SLUICE_QUERY_EXEC_PART_H
#define SLUICE_QUERY_EXEC_PART_H

#include "query/plan/engine.h"

/*
 * Opens a part of parent over its inputs with options qo (the parent's, with one thread and the
 * part's reject callback): the parsed statement and the plan (expressions, aggregates, columns,
 * names, NULL spellings, prefilter) are the parent's, read only, and the parent must outlive the
 * part and leave its plan as it is meanwhile. The part has a reader, a copy of the column types
 * and an execution state of its own, so that parts run on threads of their own. Returns 0, or an
 * error (with *out NULL).
 */
int sq_part_open(sluice_query **out, const sluice_query *parent, const sluice_query_options *qo);

/* Closes a part: its execution state, not the plan it shares. NULL is a no-op. */
void sq_part_close(sluice_query *q);

#endif
