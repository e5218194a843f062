/* detect.h - what an input is, told from its first bytes (never from its name): CSV text, one of the
 * compressed formats a stream decodes, or something sluice does not read. */
#ifndef SLUICE_IO_DETECT_H
#define SLUICE_IO_DETECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum sl_format {
	SL_FORMAT_TEXT,    /* plain bytes, read as CSV (UTF-8, or as its byte order mark or
	                    * the encoding option says: io/encoding.h) */
	SL_FORMAT_GZIP,
	SL_FORMAT_ZSTD,
	SL_FORMAT_XZ,
	SL_FORMAT_BZIP2,
	SL_FORMAT_ZIP,     /* an archive: read when it holds one file */
	SL_FORMAT_REFUSED, /* not text sluice reads: a binary format, UTF-16 without a byte order mark */
} sl_format;

/* The bytes sl_detect looks at, at most: an input shorter than this is judged by all it has. */
#define SL_DETECT_BYTES 4096

/* The format of an input whose first n bytes are p (n < SL_DETECT_BYTES only when the input is that
 * short). For SL_FORMAT_REFUSED, *what says what the input looks like ("a PDF document"). With
 * guard false (the caller was told the input's encoding), bytes that look binary (NULs, controls:
 * UTF-16 or UTF-32 without a byte order mark) are text too; the magic numbers still count. */
sl_format sl_detect(const uint8_t *p, size_t n, bool guard, const char **what);

/* The Unicode forms a byte order mark names. */
typedef enum sl_bom {
	SL_BOM_NONE,
	SL_BOM_UTF8,       /* EF BB BF */
	SL_BOM_UTF16LE,    /* FF FE */
	SL_BOM_UTF16BE,    /* FE FF */
	SL_BOM_UTF32LE,    /* FF FE 00 00 (taken for UTF-32: as UTF-16 it would begin with U+0000) */
	SL_BOM_UTF32BE,    /* 00 00 FE FF */
} sl_bom;

/* The byte order mark p[0..n) starts with, and its length in *len (0 for none). */
sl_bom sl_detect_bom(const uint8_t *p, size_t n, size_t *len);

/* The name of a compressed format, for messages ("gzip"); "text" for SL_FORMAT_TEXT. */
const char *sl_format_name(sl_format f);

#endif
