/* detect.h - what an input is, told from its first bytes (never from its name): CSV text, one of the
 * compressed formats a stream decodes, or something sluice does not read. */
#ifndef SLUICE_IO_DETECT_H
#define SLUICE_IO_DETECT_H

#include <stddef.h>
#include <stdint.h>

typedef enum sl_format {
	SL_FORMAT_TEXT,    /* plain bytes, read as CSV */
	SL_FORMAT_GZIP,
	SL_FORMAT_ZSTD,
	SL_FORMAT_XZ,
	SL_FORMAT_BZIP2,
	SL_FORMAT_ZIP,     /* an archive: read when it holds one file */
	SL_FORMAT_REFUSED, /* not text sluice reads: a binary format, UTF-16 or UTF-32 */
} sl_format;

/* The bytes sl_detect looks at, at most: an input shorter than this is judged by all it has. */
#define SL_DETECT_BYTES 4096

/* The format of an input whose first n bytes are p (n < SL_DETECT_BYTES only when the input is that
 * short). For SL_FORMAT_REFUSED, *what says what the input looks like ("a PDF document"). */
sl_format sl_detect(const uint8_t *p, size_t n, const char **what);

/* The name of a compressed format, for messages ("gzip"); "text" for SL_FORMAT_TEXT. */
const char *sl_format_name(sl_format f);

#endif
