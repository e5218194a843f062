/* encoding.h - the text encoding of an input: the names the encoding option takes, what a byte
 * order mark says, and the transcoder to UTF-8 a stream decodes through (io/stream.c). */
#ifndef SLUICE_IO_ENCODING_H
#define SLUICE_IO_ENCODING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "io/codec.h"

typedef enum sl_encoding {
	SL_ENC_UTF8,       /* read as it is (the default); a UTF-16 or UTF-32 byte order mark overrules it */
	SL_ENC_UTF16,      /* the byte order from the byte order mark, else from where the NULs are */
	SL_ENC_UTF16LE,
	SL_ENC_UTF16BE,
	SL_ENC_UTF32,      /* as SL_ENC_UTF16 */
	SL_ENC_UTF32LE,
	SL_ENC_UTF32BE,
	SL_ENC_ICONV,      /* any other name: glibc's iconv transcodes it */
} sl_encoding;

/* Room for an encoding's name as the stream reports it. */
#define SL_ENCODING_NAME_MAX 48

/* The encoding `name` means (NULL or "" is UTF-8; case, '-' and '_' do not count in the Unicode
 * names: "UTF16LE", "utf-16le"). A name iconv does not know from UTF-8 is SLUICE_ERR_INVALID_OPTION
 * with msg[0..cap) saying so; else SLUICE_OK with *out set. */
int sl_encoding_parse(const char *name, sl_encoding *out, char *msg, size_t cap);

/* True when an input read with the encoding option `name` may be mapped as it is: UTF-8 (an
 * unknown name is not: the stream says what is wrong with it). */
bool sl_encoding_is_utf8(const char *name);

/* The encoding of an input read with encoding e whose first bytes are p[0..n) (all it has, when
 * fewer than SL_DETECT_BYTES): a byte order mark decides between byte orders, and overrules UTF-8.
 * *skip gets the length of the byte order mark the transcoder drops (0 for UTF-8: the reader steps
 * over a UTF-8 one itself, and for an iconv encoding, whose marks are iconv's to read). */
sl_encoding sl_encoding_pick(sl_encoding e, const uint8_t *p, size_t n, size_t *skip);

/* The name of encoding e for reports ("utf-16le"); for SL_ENC_ICONV, given in lower case. Writes
 * at most SL_ENCODING_NAME_MAX bytes to buf, NUL-terminated, and returns buf. */
const char *sl_encoding_name(sl_encoding e, const char *given, char *buf);

/* The transcoder of encoding e (not SL_ENC_UTF8; not SL_ENC_UTF16 or _UTF32 either: pick first)
 * to UTF-8, given naming an iconv encoding; NULL when out of memory. Its decode leaves in->pos at
 * the start of a sequence it rejects, so that the caller can name the byte offset. */
sl_codec *sl_encoding_codec(sl_encoding e, const char *given);

#endif
