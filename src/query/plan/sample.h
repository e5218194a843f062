/* sample.h - the first records of the input, read for the sniffers and type inference. */
#ifndef SLUICE_QUERY_PLAN_SAMPLE_H
#define SLUICE_QUERY_PLAN_SAMPLE_H

#include "query/plan/engine.h"

/* The reject callback of a sampling reader: rejects pass without a word (the scan reports them). */
void sq_sample_reject(void *user, const sluice_reject *rj);

/* Lets a sampling reader with options o take the fast path when nothing keeps it to next(). */
void sq_sample_fast(sluice_reader *r, const sluice_options *o);

/* Hands field i of up to limit records of r to field(user, r, i, f), for the i < nout with want[i]
 * (all when want is NULL). Returns 0 at the limit or the end, else field's return or the reader's
 * negative status. */
int sq_sample_fields(sluice_reader *r, uint64_t limit, size_t nout, const bool *want,
                     int (*field)(void *user, const sluice_reader *r, size_t i, const sluice_field *f), void *user);

/* The options of a reader that samples the input: q's, without progress and quiet on rejects. */
sluice_options sq_sample_options(const sluice_query *q);

#endif
