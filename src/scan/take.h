/* take.h - the query's fast path: batches of whole records cut straight into columns of fields. */
#ifndef SLUICE_TAKE_H
#define SLUICE_TAKE_H

#include <stddef.h>
#include <stdint.h>

#include "sluice.h"

/*
 * Reads up to max whole records from the entries the indexer has already emitted, cutting field j
 * (j < nout) of the k-th record into out[j][k] when out[j] is not NULL ({NULL, 0, 0} when the
 * record has fewer fields) and its offset into offsets[k]; adds the fields cut to *nfields. The
 * caller owns out (nout columns of at least max fields) and offsets (max); the fields point into
 * r's bytes and stay valid while they are pinned (sluice_reader_pin), else until the next read.
 * Returns the records read, 0 when the next record needs next(): it goes on past the indexed
 * entries, the input ends, or the reader runs with something the fast path leaves to next() (line
 * tracking, comments, empty-line skipping, a ragged policy). Call it between next() calls at will:
 * records are handed out in order as next() would, without line numbers. A fault of the mapping
 * returns 0 and next() reports it.
 */
size_t sluice_reader_take_columns(sluice_reader *r, size_t max, sluice_field *const *out, size_t nout,
                                  uint64_t *offsets, uint64_t *nfields);

#endif
