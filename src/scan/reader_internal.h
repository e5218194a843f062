/* reader_internal.h - what the query engine, inside the library, may ask of a reader. */
#ifndef SLUICE_READER_INTERNAL_H
#define SLUICE_READER_INTERNAL_H

#include <stdint.h>

#include "sluice_experimental.h" /* the library implements both headers */
#include "io/stream.h"

/* The input bytes (the mapping or the caller's buffer) and their length. */
const uint8_t *sluice_reader_bytes(const sluice_reader *r, uint64_t *len);
/* Where the next record starts. */
uint64_t sluice_reader_position(const sluice_reader *r);

/* Keeps the pages from offset on resident-eligible: nothing at or after it is released while the
 * caller still reads records there (a batch). UINT64_MAX: release behind the cursor. */
void sluice_reader_pin(sluice_reader *r, uint64_t offset);

/* The offset of the first occurrence of needle at or after from (the kernel's SIMD search), or
 * the input length when there is none. */
uint64_t sluice_reader_find(sluice_reader *r, uint64_t from, const char *needle, size_t m);

/* Parallel scans. set_range makes the reader hand out the records that start in [start, end):
 * start must be a record start (the cursor jumps there with fresh quote state); the caller checks
 * that guess afterwards. Call before the first next() after open (the header, if any, is read). */
int sluice_reader_set_range(sluice_reader *r, uint64_t start, uint64_t end);
/* Drops every page of r's mapping from the resident set, as when r is done with its range but its
 * results are kept for a while (a part waiting to be merged); a later read maps them again. */
void sluice_reader_release_all(sluice_reader *r);
/* A likely record start at or after offset: just past the next LF (wrong only when that LF is
 * inside a quoted field, which the caller detects by comparing with the previous range's end).
 * The pages of a mapping read to find it are dropped from the resident set again when they lie
 * beyond what r has indexed. */
uint64_t sluice_reader_guess_record_start(const sluice_reader *r, uint64_t offset);

/* A reader over a stream that the caller (a query sharing it among its sampling readers and its
 * scan) owns and closes after the reader. It reads from the stream's first byte. */
int sluice_reader_open_shared(sluice_reader **out, sl_stream *s, const char *name, const sluice_options *opts,
                              sluice_error *err);
/* True for a streamed input: it is read once, on one thread (no ranges, no re-reading). */
bool sluice_reader_is_stream(const sluice_reader *r);
/* True for a mapped file, which byte ranges may read again from their own readers. */
bool sluice_reader_is_mapped(const sluice_reader *r);
/* A parallel count of r's records found n more: adds them and the range readers' counters s
 * (repairs, ...) to r's, and leaves r at the end of its input. */
void sluice_reader_counted(sluice_reader *r, const sluice_scan_stats *s, uint64_t n);
/* The options r runs with (after defaults). */
const sluice_options *sluice_reader_options(const sluice_reader *r);
/* sluice_reader_count_records on this thread only (the public call splits a mapped file over threads). */
int sluice_reader_count_serial(sluice_reader *r, uint64_t *n);

/* Rejects (opts.reject): hands the record that starts at offset, which next() has handed out and
 * whose bytes are still held (a pinned batch), to the callback as diverted, with status, its 1-based
 * field number column and reason; line is its physical line when known, else 0. Calls must come in
 * file order. Does nothing without a callback. Returns SLUICE_OK, or a negative status. */
int sluice_reader_divert(sluice_reader *r, int status, uint64_t offset, uint64_t line, uint64_t column,
                         const char *reason);

/*
 * The query's fast path: reads up to max whole records from the entries the indexer has already
 * emitted, cutting field j (j < nout) of the k-th record into out[j][k] when out[j] is not NULL
 * ({NULL, 0, 0} when the record has fewer fields) and its offset into offsets[k]; adds the fields
 * cut to *nfields. Returns the records read, 0 when the next record needs next(): it goes on past
 * the indexed entries, the input ends, or the reader runs with something the fast path leaves to
 * next() (line tracking, comments, empty-line skipping, a ragged policy). Records are handed out
 * as next() would, without line numbers.
 */
size_t sluice_reader_take_columns(sluice_reader *r, size_t max, sluice_field *const *out, size_t nout,
                                  uint64_t *offsets, uint64_t *nfields);

/* The path the reader was opened with. */
const char *sluice_reader_path(const sluice_reader *r);
/* Makes err the reader's (sticky) error, for errors found by helpers on its behalf. */
void sluice_reader_set_error(sluice_reader *r, const sluice_error *err);

#endif
