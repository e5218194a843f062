/* inputs.h - the query's inputs and the readers opened over them. */
#ifndef SLUICE_QUERY_PLAN_INPUTS_H
#define SLUICE_QUERY_PLAN_INPUTS_H

#include "query/plan/engine.h"

/* Fills q->paths (qo.paths, the glob's matches or FROM's path), q->path and q->streamed. */
int sq_resolve_inputs(sluice_query *q);

/* Opens a reader over the inputs from their start, with options o (sq_open_reader: q->ropts).
 * Sets q->failed and q->err on failure. */
int sq_open_with(sluice_query *q, sluice_reader **r, const sluice_options *o);
int sq_open_reader(sluice_query *q, sluice_reader **r);

/* Opens q->r: the dialect's AUTO fields are sniffed and q->ropts.dialect becomes the decided
 * dialect, which every later reader of the query reads with. Sets q->failed and q->err on failure. */
int sq_open_input(sluice_query *q);

#endif
