/* schema.h - the input columns: their names and types. */
#ifndef SLUICE_QUERY_PLAN_SCHEMA_H
#define SLUICE_QUERY_PLAN_SCHEMA_H

#include "query/plan/engine.h"

/* Names the input columns (the header's, made distinct, or column0..) and types them from a
 * sample; with a header over one mapped file, the columns the query does not read wait (q->typed). */
int sq_infer_columns(sluice_query *q);

/* Applies --types name=TYPE,... (q->qo.types) to the inferred types. */
int sq_force_types(sluice_query *q);

/* Types the columns sq_infer_columns left (q->typed), from a reader of its own; a failure leaves
 * them VARCHAR. */
void sq_resolve_deferred_types(sluice_query *q);

#endif
