/* codec.h - one interface over the decoders of compressed inputs (gzip, zstd, xz, bzip2, zip) and the
 * transcoders of text to UTF-8 (UTF-16, UTF-32, iconv), through which a stream (io/stream.c) reads
 * each of its inputs: one file a codec. A transcoder reads what a decompressor wrote, when both. */
#ifndef SLUICE_IO_CODEC_H
#define SLUICE_IO_CODEC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "io/detect.h"

/* Compressed bytes as the stream reads them from an input: [pos, len) of buf are not decoded yet. */
typedef struct sl_codec_in {
	uint8_t *buf;
	size_t len, pos, cap;
	bool eof;            /* the input has no more bytes after len */
	uint64_t read;       /* bytes read from the input so far */
	/* Reads more bytes into buf (what is left is moved to its start first). SLUICE_OK, or the
	 * stream's error status, its message already set; check eof after. */
	int (*more)(struct sl_codec_in *in);
	void *user;          /* the stream's */
} sl_codec_in;

/* Where the compressed bytes not decoded yet begin, as an offset in the input (for messages). */
static inline uint64_t sl_codec_in_offset(const sl_codec_in *in)
{
	return in->read - (in->len - in->pos);
}

typedef struct sl_codec sl_codec;

typedef struct sl_codec_vt {
	const char *name; /* "gzip", ... */
	/* Decodes up to room bytes into dst. Returns the bytes written, 0 once the input has ended
	 * where its compressed data ends, or a negative status: one more() returned, or
	 * SLUICE_ERR_IO / SLUICE_ERR_FORMAT with msg[0..cap) saying what is wrong (truncated or
	 * corrupt data, an archive that is not one file). */
	int64_t (*decode)(sl_codec *c, sl_codec_in *in, uint8_t *dst, size_t room, char *msg, size_t cap);
	void (*free)(sl_codec *c);
} sl_codec_vt;

struct sl_codec {
	const sl_codec_vt *vt;
};

/* A decoder of format f (not SL_FORMAT_TEXT or SL_FORMAT_REFUSED) for the input at path (NULL for
 * standard input), or NULL when out of memory. */
sl_codec *sl_codec_new(sl_format f, const char *path);

/* The constructors, one file each. */
sl_codec *sl_codec_gzip(void);
sl_codec *sl_codec_zstd(void);
sl_codec *sl_codec_xz(void);
sl_codec *sl_codec_bzip2(void);
sl_codec *sl_codec_zip(const char *path);
/* UTF-16 (unit 2) or UTF-32 (unit 4) of either byte order to UTF-8, strictly: a lone surrogate, a
 * code point past U+10FFFF or input that ends inside a unit or a pair is SLUICE_ERR_FORMAT. */
sl_codec *sl_codec_unicode(unsigned unit, bool big_endian);
/* The encoding iconv knows as name to UTF-8 (no replacement: a byte it cannot convert is
 * SLUICE_ERR_FORMAT); NULL when iconv does not know it or out of memory. */
sl_codec *sl_codec_iconv(const char *name);

/*
 * The loop every push decoder runs around its library: makes compressed bytes available. Returns 1
 * when some are, 0 when the input has ended and clean_end (the data ended at a frame's end), or a
 * negative status (more()'s, or SLUICE_ERR_IO for data cut off inside a frame, msg set).
 */
int sl_codec_need(sl_codec_in *in, bool clean_end, const char *name, char *msg, size_t cap);

#endif
