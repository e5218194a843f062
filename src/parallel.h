/* parallel.h - byte ranges for parallel scans and the thread count. */
#ifndef SLUICE_PARALLEL_H
#define SLUICE_PARALLEL_H

#include <stddef.h>
#include <stdint.h>

#include "sluice.h"

/* requested, or one per online core when 0; at most 256. */
unsigned sluice_thread_count(unsigned requested);

/* Splits the rest of r's input (from its current record) into at most max ranges: starts[0] is
 * r's position, starts[i] a guessed record start, starts[k] = UINT64_MAX. Returns k. Uses
 * opts->split_offsets when given (test hook), else equal spans of at least 1 MiB. */
size_t sluice_plan_ranges(sluice_reader *r, const sluice_options *opts, unsigned threads, uint64_t *starts,
                          size_t max);

/* Counts the records from r's position to the end, on opts->threads threads. */
int sluice_reader_count_all(sluice_reader *r, const sluice_options *opts, uint64_t *n);

#endif
