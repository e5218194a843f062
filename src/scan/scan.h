/* scan.h - what the query layer, inside the library, asks of a reader beyond the public API:
 * the input's bytes, the cursor's position, byte ranges for parallel scans, rejects. */
#ifndef SLUICE_SCAN_H
#define SLUICE_SCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sluice_experimental.h" /* the library implements both headers */
#include "io/stream.h"

/*
 * Opening. A reader over a stream that the caller owns and shares among several readers (a query
 * reads it with its sampling readers first, then its scan; it holds the stream, sl_stream_hold,
 * so that each reads from the first byte). The reader never closes s: the caller closes it after
 * the last reader over it is closed. name names the input in errors and is copied. Returns
 * SLUICE_OK and sets *out, or a negative status with *err set (*out NULL).
 */
/* The dialect of several inputs read as one: the first input's AUTO fields sniffed from it alone,
 * into o->dialect and *info; each other input is sniffed too, and one that would be read another
 * way is SLUICE_ERR_FORMAT naming it (the header follows the first input). With standard input
 * among them nothing is sniffed here (it cannot be read twice): an AUTO header becomes 1, an AUTO
 * skip 0, and info->sniffed stays 0. Returns SLUICE_OK or an open error with *err filled. */
int sluice_sniff_inputs(const char *const *paths, size_t n, sluice_options *o, sluice_sniff_info *info,
                        sluice_error *err);

int sluice_reader_open_shared(sluice_reader **out, sl_stream *s, const char *name, const sluice_options *opts,
                              sluice_error *err);

/* The options r runs with, after defaults; owned by r, valid until it is closed. */
const sluice_options *sluice_reader_options(const sluice_reader *r);

/* True when the input can be split into byte ranges that readers of their own read again (a
 * mapped file, by its path). False for a stream, read once on one thread, and for a caller's
 * buffer, which has no path to open again. Fixed from open on. */
bool sluice_reader_splittable(const sluice_reader *r);

/*
 * The input bytes read so far: [0, *len) from the returned address (the mapping, the caller's
 * buffer or the decoded stream). Owned by r. The pointer and the length hold until the next call
 * that reads on (next, take_columns, skip_to, find, count): a stream's grow then, and its bytes
 * behind the pin (sluice_reader_pin) may be released. A mapped file's are all there from open.
 */
const uint8_t *sluice_reader_bytes(const sluice_reader *r, uint64_t *len);

/* The byte offset where the next record starts (after next, take_columns and skip_to). */
uint64_t sluice_reader_position(const sluice_reader *r);

/* Keeps the bytes from offset on readable (mapped and not released) while the caller still holds
 * records there, such as a batch of fields pointing into them; a later pin replaces it.
 * UINT64_MAX (the default): release behind the cursor. */
void sluice_reader_pin(sluice_reader *r, uint64_t offset);

/* The offset of the first occurrence of needle[0..m) at or after from (the kernel's SIMD search),
 * or the input's length when there is none. For a stream, searches what is decoded so far plus a
 * step ahead. A stream's error is not returned: from comes back, and the next read reports it. */
uint64_t sluice_reader_find(sluice_reader *r, uint64_t from, const char *needle, size_t m);

/*
 * Parallel scans: makes r hand out the records that start in [start, end). Call after open (the
 * header, if any, is read) and before reading on; later calls may only move end (the reader of the
 * first range takes over the ranges after it when their threads cannot start). start must be a
 * record start (the cursor jumps there with fresh quote state): a guess the caller checks
 * afterwards against where the range before it stopped (sluice_reader_position). Line numbers
 * count from start. Returns SLUICE_OK, or r's sticky error.
 */
int sluice_reader_set_range(sluice_reader *r, uint64_t start, uint64_t end);

/* Drops every page of r's mapping from the resident set, as when r is done with its range but its
 * results are kept for a while (a part waiting to be merged); a later read maps them again. Only
 * a mapped file has anything to drop. */
void sluice_reader_release_all(sluice_reader *r);

/*
 * Rejects (opts.reject): hands the record that starts at offset, which next() or take_columns has
 * handed out and whose bytes are still held (pinned), to the callback as diverted, with status,
 * its 1-based field number column and reason (copied by the callback if it keeps it); line is its
 * physical line when known, else 0. Calls must come in file order. Does nothing without a
 * callback. Returns SLUICE_OK, or a negative status (a stream's error).
 */
int sluice_reader_divert(sluice_reader *r, int status, uint64_t offset, uint64_t line, uint64_t column,
                         const char *reason);

#endif
