/* parallel_rows.h - result rows read from several threads, handed out in file order. */
#ifndef SLUICE_QUERY_EXEC_PARALLEL_ROWS_H
#define SLUICE_QUERY_EXEC_PARALLEL_ROWS_H

#include "query/plan/engine.h"

typedef struct sq_rows_par sq_rows_par;

/* Decides, at the first batch of a query that prints rows, whether they come from several
 * threads, and starts them (q->par). */
void sq_rows_par_start(sluice_query *q);

/* The next batch from the later ranges, once the main query's range has ended: SLUICE_OK,
 * SLUICE_END, 1 when the rest is to be read serially, or an error. */
int sq_rows_par_next(sluice_query *q, sluice_batch *b);

/* Where the serial read resumes after sq_rows_par_next returned 1: the furthest stop of the ranges
 * handed out so far, and at least from. */
uint64_t sq_rows_par_resume(const sq_rows_par *pr, uint64_t from);

/* Stops the threads and frees their work; NULL is a no-op. */
void sq_rows_par_free(sq_rows_par *pr);

#endif
