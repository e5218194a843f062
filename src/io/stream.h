/* stream.h - inputs that cannot be mapped: standard input, pipes, compressed files, text that is
 * not UTF-8, and several files read as one table. They are decoded, a piece at a time, into one reserved stretch of
 * address space, so that the cursor reads a stream by the same offsets as a mapped file. */
#ifndef SLUICE_STREAM_H
#define SLUICE_STREAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sluice.h"

typedef struct sl_stream sl_stream;

/* True when path is one plain regular file of UTF-8 text (no UTF-16 or UTF-32 byte order mark, and
 * read with the encoding option `encoding` that is UTF-8 or NULL), which the reader maps instead
 * of streaming. */
bool sl_path_maps(const char *path, const char *encoding);

/* The offset just past the first `lines` raw lines of p[0..n) (LF, CRLF or a lone CR ends one;
 * quotes do not count), or n when there are fewer; *found (when not NULL) gets how many there were. */
size_t sl_skip_lines(const uint8_t *p, size_t n, uint64_t lines, uint64_t *found);

/*
 * Opens paths[0..n) as one stream ("-" is standard input). Each input may be plain or compressed
 * (gzip, zstd, xz, bzip2, zip, told by its first bytes), and is text in `encoding` (NULL: UTF-8;
 * io/encoding.h names the others), which is transcoded to UTF-8 after any decompression: a UTF-16
 * or UTF-32 byte order mark overrules UTF-8 and is dropped. With d->header, the first record of each input after the
 * first that has any is its header: it must equal the first one (else SLUICE_ERR_HEADER naming the
 * file) and is dropped. An input that does not end with a line break gets one. Returns SLUICE_OK
 * and sets *out, or a negative status with *err set.
 */
int sl_stream_open(sl_stream **out, const char *const *paths, size_t n, const sluice_dialect *d,
                   const char *encoding, sluice_error *err);

/* The encoding the first input is read in, as a name ("utf-8", "utf-16le", "latin1"). Owned by s. */
const char *sl_stream_encoding(const sl_stream *s);

/* The bytes of the stream (valid from the released offset to the available length). */
const uint8_t *sl_stream_data(const sl_stream *s);

/* Decodes until at least `upto` bytes are available or the input ends. Sets *len to the bytes
 * available and *eof once they are all there is. Returns SLUICE_OK or a negative status with *err
 * set (a read error, corrupt or truncated compressed data, a header that differs, or text that is
 * not valid in its encoding: SLUICE_ERR_FORMAT with err->offset the byte of the input, counted after
 * any decompression, where the bad sequence starts). */
int sl_stream_fill(sl_stream *s, uint64_t upto, uint64_t *len, bool *eof, sluice_error *err);

/* Gives back the memory of the bytes before `upto` (rounded down to whole pages). Ignored while the
 * stream is held. */
void sl_stream_release(sl_stream *s, uint64_t upto);

/* While held, no byte is released, so that several readers may read the stream from its start
 * (sniffing the dialect and the types before the scan). */
void sl_stream_hold(sl_stream *s, bool hold);

/* Where input `input` ends in the stream of several inputs: the first byte of the next input, once
 * that has begun; UINT64_MAX while it has not, for the last input, and for a stream of one input. */
uint64_t sl_stream_part_end(const sl_stream *s, size_t input);

/* The name of the input that byte `offset` of the stream came from. */
const char *sl_stream_source(const sl_stream *s, uint64_t offset);

/* The line in its own input of byte offset, which is on line `line` of the stream. */
uint64_t sl_stream_file_line(const sl_stream *s, uint64_t offset, uint64_t line);

/* Input bytes read so far (compressed bytes for compressed inputs) and their total when known
 * (regular files), else 0: for progress reports. */
void sl_stream_progress(const sl_stream *s, uint64_t *done, uint64_t *total);

/* Closes the inputs and frees the stream. NULL is allowed. */
void sl_stream_close(sl_stream *s);

#endif
