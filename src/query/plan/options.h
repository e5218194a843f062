/* options.h - read_csv(...) options of the FROM clause. */
#ifndef SLUICE_QUERY_PLAN_OPTIONS_H
#define SLUICE_QUERY_PLAN_OPTIONS_H

#include "query/plan/engine.h"

/* Applies the query's read_csv options to q->ropts and the query's settings: a dialect field they
 * give is no longer SLUICE_AUTO, and so is not sniffed. Returns 0 or an error (an SQL error in
 * q->err). */
int sq_apply_options(sluice_query *q);

#endif
