/* source.h - the one byte-source interface the cursor reads: a mapped file, a caller's buffer, or a
 * decoded stream (stdin, pipes, gzip, zstd, several files), all read by the same offsets. */
#ifndef SLUICE_SOURCE_H
#define SLUICE_SOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sluice.h"
#include "io/map.h"
#include "io/stream.h"

/* A stream is decoded this far past what the reader asks for, so that the indexer never takes the
 * end of what is decoded so far for the end of the input. */
#define SL_FEED_AHEAD ((uint64_t)64 << 10)

enum sl_source_kind {
	SL_SOURCE_MEMORY, /* the caller's bytes: all there, nothing to release */
	SL_SOURCE_MAP,    /* a mapped file: all there, re-readable by ranges from other readers */
	SL_SOURCE_STREAM, /* decoded bytes: they grow as asked for, and once released are gone */
};

/*
 * The bytes [released, len) of data are readable. For a memory or mapped source len is the whole
 * input from the start; a stream's grows at sl_source_need until eof. Readers read the fields
 * directly (the hot loops keep data and len in locals) and change them only through the calls.
 */
typedef struct sl_source {
	const uint8_t *data;
	uint64_t len;
	uint64_t released;   /* bytes before this are given back (a stream's are gone) */
	bool eof;            /* len is the final length (of the input `part`, when part_end) */
	/* A stream of several inputs is read one input at a time: len stops at the end of input
	 * `part`, which then reads as the end of the data (part_end; eof too), so that a record left
	 * open there (a quoted field) ends with its file, repaired or an error, as at the end of a
	 * file of its own. sl_source_next_part moves on to the next input. */
	size_t part;
	bool part_end;
	int kind;
	sl_map map;          /* SL_SOURCE_MAP */
	sl_stream *stream;   /* SL_SOURCE_STREAM */
	bool own_stream;     /* false when a query shares the stream among its readers */
} sl_source;

/* The caller's len bytes at data (which outlive the source); data may be NULL when len is 0. */
void sl_source_memory(sl_source *s, const void *data, size_t len);

/* Maps the regular file at path read-only; a directory, pipe or device is refused (a caller that
 * reads those opens them as a stream: sl_path_maps). name names the file in fault reports and must
 * outlive the source. Returns SLUICE_OK, or SLUICE_ERR_IO with *err set (file = path); the source
 * may be closed either way. */
int sl_source_map(sl_source *s, const char *path, const char *name, sluice_error *err);

/* Reads stream st from its first byte, decoding the first bytes now; with own, closing the source
 * closes st. Returns SLUICE_OK, or the stream's error with *err set (close the source then). */
int sl_source_stream(sl_source *s, sl_stream *st, bool own, sluice_error *err);

int sl_source_need_slow(sl_source *s, uint64_t upto, sluice_error *err);

/* Makes the bytes before upto readable (and SL_FEED_AHEAD more), or all there are: only a stream
 * has anything to do. Returns SLUICE_OK, or the stream's error with *err set. */
static inline int sl_source_need(sl_source *s, uint64_t upto, sluice_error *err)
{
	if (s->eof || s->len >= upto + SL_FEED_AHEAD)
		return SLUICE_OK;
	return sl_source_need_slow(s, upto, err);
}

/* At the end of an input of several (part_end): moves on to the next one, whose bytes start at
 * len; the next sl_source_need makes them readable. False, changing nothing, when there is none. */
bool sl_source_next_part(sl_source *s);

/* Gives back the memory of the bytes before to (the caller rounds it to its release step); a
 * stream's are gone after it, a mapped file's are read again from the page cache if touched. A
 * caller's buffer is left alone. */
void sl_source_release(sl_source *s, uint64_t to);

/* Drops every page from the released offset on from the resident set (a reader that is done for
 * now but kept); a mapped file only. */
void sl_source_release_all(sl_source *s);

/* Drops the pages of [from, to) that lie beyond read_to (what the reader has reached) from the
 * resident set again, after a look ahead (guessing a record start); a mapped file only. */
void sl_source_drop_ahead(const sl_source *s, uint64_t from, uint64_t to, uint64_t read_to);

/* The input's length when it is known before reading (UINT64_MAX for a stream). */
static inline uint64_t sl_source_size_hint(const sl_source *s)
{
	return s->kind == SL_SOURCE_STREAM ? UINT64_MAX : s->len;
}

/* One pass: bytes behind what was released cannot be read again (a stream). */
static inline bool sl_source_one_pass(const sl_source *s)
{
	return s->kind == SL_SOURCE_STREAM;
}

/* Re-readable by ranges: other readers may open the same input and read parts of it (a mapped
 * file, by its path). */
static inline bool sl_source_ranges(const sl_source *s)
{
	return s->kind == SL_SOURCE_MAP;
}

/* The name of the input that byte offset came from: fallback, but for several inputs read as one. */
const char *sl_source_name(const sl_source *s, uint64_t offset, const char *fallback);

/* The line in its own input of byte offset, which is on line `line` of the source. */
uint64_t sl_source_file_line(const sl_source *s, uint64_t offset, uint64_t line);

/* The encoding the input's bytes were in before the source made them UTF-8 ("utf-16le"; "utf-8"
 * for a mapped file or a caller's buffer, which are read as they are). */
static inline const char *sl_source_encoding(const sl_source *s)
{
	return s->kind == SL_SOURCE_STREAM ? sl_stream_encoding(s->stream) : "utf-8";
}

/* For progress reports: *done and *total are the reader's position and the length, except for a
 * stream, whose input bytes read and their total when known say more. */
void sl_source_progress(const sl_source *s, uint64_t pos, uint64_t *done, uint64_t *total);

/* Unmaps a mapped file, closes an owned stream. The source may be zeroed or never opened. */
void sl_source_close(sl_source *s);

#endif
