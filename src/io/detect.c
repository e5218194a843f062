/* detect.c - an input's format from its magic bytes, and a guard against reading binary data as CSV
 * (see detect.h). */
#include "io/detect.h"

#include <stdbool.h>
#include <string.h>

typedef struct magic {
	const char *bytes;
	size_t len;
	size_t at;           /* offset of the bytes in the input */
	sl_format format;
	const char *what;    /* for SL_FORMAT_REFUSED */
} magic;

#define M(lit, at, format, what) {lit, sizeof(lit) - 1, at, format, what}

static const magic magics[] = {
	M("\x1f\x8b", 0, SL_FORMAT_GZIP, NULL),
	M("\x28\xb5\x2f\xfd", 0, SL_FORMAT_ZSTD, NULL),
	M("\xfd" "7zXZ\x00", 0, SL_FORMAT_XZ, NULL),
	M("PK\x03\x04", 0, SL_FORMAT_ZIP, NULL),
	M("PK\x05\x06", 0, SL_FORMAT_ZIP, NULL), /* an empty archive: its end record only */
	M("%PDF-", 0, SL_FORMAT_REFUSED, "a PDF document"),
	M("\x89PNG\r\n\x1a\n", 0, SL_FORMAT_REFUSED, "a PNG image"),
	M("\xff\xd8\xff", 0, SL_FORMAT_REFUSED, "a JPEG image"),
	M("GIF87a", 0, SL_FORMAT_REFUSED, "a GIF image"),
	M("GIF89a", 0, SL_FORMAT_REFUSED, "a GIF image"),
	M("PAR1", 0, SL_FORMAT_REFUSED, "a Parquet file"),
	M("ARROW1", 0, SL_FORMAT_REFUSED, "an Arrow file"),
	M("SQLite format 3\x00", 0, SL_FORMAT_REFUSED, "an SQLite database"),
	M("\x7f" "ELF", 0, SL_FORMAT_REFUSED, "an ELF executable"),
	M("7z\xbc\xaf\x27\x1c", 0, SL_FORMAT_REFUSED, "a 7-Zip archive"),
	M("Rar!\x1a\x07", 0, SL_FORMAT_REFUSED, "a RAR archive"),
	M("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 0, SL_FORMAT_REFUSED, "an OLE2 document (an old Excel or Word file)"),
	M("ustar\x00", 257, SL_FORMAT_REFUSED, "a tar archive"), /* POSIX */
	M("ustar ", 257, SL_FORMAT_REFUSED, "a tar archive"),    /* GNU */
};

/* bzip2: "BZh" and the block size, a digit 1-9. */
static bool is_bzip2(const uint8_t *p, size_t n)
{
	return n >= 4 && p[0] == 'B' && p[1] == 'Z' && p[2] == 'h' && p[3] >= '1' && p[3] <= '9';
}

/* Bytes that no text file holds but binary data is full of: NUL and the C0 controls other than tab,
 * line ends, form feed and escape. A CSV field may hold a few (a NUL inside a quoted field is
 * read as data), so only a share of them condemns an input, and only one long enough to judge.
 * UTF-16 without a byte order mark shows as NULs at every other byte, the even or the odd ones. */
#define JUDGE_MIN 512
static const char *looks_binary(const uint8_t *p, size_t n)
{
	if (n < JUDGE_MIN)
		return NULL;
	size_t odd = 0, nul[2] = {0, 0};
	for (size_t i = 0; i < n; i++) {
		const uint8_t c = p[i];
		odd += c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1b;
		nul[i & 1] += c == 0;
	}
	const size_t half = n / 2;
	if (nul[1] * 10 > half * 9 && nul[0] * 10 < half) /* "i\0d\0": the high bytes second */
		return "UTF-16 text without a byte order mark (give the encoding utf-16le to read it)";
	if (nul[0] * 10 > half * 9 && nul[1] * 10 < half)
		return "UTF-16 text without a byte order mark (give the encoding utf-16be to read it)";
	if (odd * 10 > n)
		return "binary data (over a tenth of its first bytes are NUL or control bytes)";
	return NULL;
}

sl_bom sl_detect_bom(const uint8_t *p, size_t n, size_t *len)
{
	static const struct {
		const char *bytes;
		size_t len;
		sl_bom bom;
	} boms[] = { /* UTF-32LE before UTF-16LE: FF FE 00 00 starts both */
		{"\xff\xfe\x00\x00", 4, SL_BOM_UTF32LE}, {"\x00\x00\xfe\xff", 4, SL_BOM_UTF32BE},
		{"\xef\xbb\xbf", 3, SL_BOM_UTF8},         {"\xff\xfe", 2, SL_BOM_UTF16LE},
		{"\xfe\xff", 2, SL_BOM_UTF16BE},
	};
	for (size_t i = 0; i < sizeof boms / sizeof boms[0]; i++) {
		if (n >= boms[i].len && memcmp(p, boms[i].bytes, boms[i].len) == 0) {
			*len = boms[i].len;
			return boms[i].bom;
		}
	}
	*len = 0;
	return SL_BOM_NONE;
}

sl_format sl_detect(const uint8_t *p, size_t n, bool guard, const char **what)
{
	*what = NULL;
	for (size_t i = 0; i < sizeof magics / sizeof magics[0]; i++) {
		const magic *m = &magics[i];
		if (n >= m->at + m->len && memcmp(p + m->at, m->bytes, m->len) == 0) {
			*what = m->what;
			return m->format;
		}
	}
	if (is_bzip2(p, n))
		return SL_FORMAT_BZIP2;
	/* UTF-16 and UTF-32 with a byte order mark are text a stream transcodes, NULs and all */
	size_t bom_len;
	const sl_bom bom = sl_detect_bom(p, n, &bom_len);
	if (!guard || (bom != SL_BOM_NONE && bom != SL_BOM_UTF8))
		return SL_FORMAT_TEXT;
	if ((*what = looks_binary(p, n)) != NULL)
		return SL_FORMAT_REFUSED;
	return SL_FORMAT_TEXT;
}

const char *sl_format_name(sl_format f)
{
	switch (f) {
	case SL_FORMAT_TEXT: return "text";
	case SL_FORMAT_GZIP: return "gzip";
	case SL_FORMAT_ZSTD: return "zstd";
	case SL_FORMAT_XZ: return "xz";
	case SL_FORMAT_BZIP2: return "bzip2";
	case SL_FORMAT_ZIP: return "zip";
	case SL_FORMAT_REFUSED: break;
	}
	return "unreadable";
}
