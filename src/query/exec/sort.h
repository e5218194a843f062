/* sort.h - collected result rows: kept, sorted, pruned. */
#ifndef SLUICE_QUERY_EXEC_SORT_H
#define SLUICE_QUERY_EXEC_SORT_H

#include "query/plan/engine.h"

/* Appends a result row (src[c * stride] for column c), its strings copied into q->out_arena. */
int sq_push_row(sluice_query *q, const sq_value *src, size_t stride);

/* Sorts the collected rows by ORDER BY. */
void sq_sort_rows(sluice_query *q);

/* Sorts and keeps the first keep rows (top-N), their strings moved to a fresh arena. */
int sq_prune_rows(sluice_query *q, size_t keep);

#endif
