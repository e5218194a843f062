/* encoding.c - encoding names, the byte order mark's say, and the transcoder of each (see encoding.h). */
#include "io/encoding.h"

#include <ctype.h>
#include <iconv.h>
#include <stdio.h>
#include <string.h>

#include "io/detect.h"
#include "sluice.h"

/* The Unicode names sluice transcodes itself, written without case, '-' or '_'. */
static const struct {
	const char *key;
	sl_encoding e;
	const char *name;
} unicode_names[] = {
	{"utf8", SL_ENC_UTF8, "utf-8"},
	{"utf16", SL_ENC_UTF16, "utf-16"},
	{"utf16le", SL_ENC_UTF16LE, "utf-16le"},
	{"utf16be", SL_ENC_UTF16BE, "utf-16be"},
	{"utf32", SL_ENC_UTF32, "utf-32"},
	{"utf32le", SL_ENC_UTF32LE, "utf-32le"},
	{"utf32be", SL_ENC_UTF32BE, "utf-32be"},
};
#define NUNICODE (sizeof unicode_names / sizeof unicode_names[0])

/* name without case, '-' or '_' into key; false when it does not fit (no Unicode name then). */
static bool name_key(const char *name, char *key, size_t cap)
{
	size_t k = 0;
	for (const char *c = name; *c; c++) {
		if (*c == '-' || *c == '_')
			continue;
		if (k + 1 >= cap)
			return false;
		key[k++] = (char)tolower((unsigned char)*c);
	}
	key[k] = '\0';
	return true;
}

static bool unicode_name(const char *name, sl_encoding *out)
{
	char key[16];
	if (!name_key(name, key, sizeof key))
		return false;
	for (size_t i = 0; i < NUNICODE; i++) {
		if (strcmp(key, unicode_names[i].key) == 0) {
			*out = unicode_names[i].e;
			return true;
		}
	}
	return false;
}

int sl_encoding_parse(const char *name, sl_encoding *out, char *msg, size_t cap)
{
	*out = SL_ENC_UTF8;
	if (!name || !name[0] || unicode_name(name, out))
		return SLUICE_OK;
	iconv_t cd = iconv_open("UTF-8", name);
	if (cd == (iconv_t)-1) {
		snprintf(msg, cap, "unknown encoding '%s' (not one iconv converts to UTF-8; see iconv --list)", name);
		return SLUICE_ERR_INVALID_OPTION;
	}
	iconv_close(cd);
	*out = SL_ENC_ICONV;
	return SLUICE_OK;
}

bool sl_encoding_is_utf8(const char *name)
{
	sl_encoding e;
	char msg[8];
	return sl_encoding_parse(name, &e, msg, sizeof msg) == SLUICE_OK && e == SL_ENC_UTF8;
}

/* UTF-16 or UTF-32 without a byte order mark: text that is mostly ASCII has its NULs in the high
 * bytes, so the side they fall on tells the byte order; little-endian (as Windows writes it) when
 * it does not tell. */
static bool nuls_say_big_endian(const uint8_t *p, size_t n, size_t unit)
{
	size_t low = 0, high = 0;
	for (size_t i = 0; i + unit <= n; i += unit) {
		low += p[i] == 0;
		high += p[i + unit - 1] == 0;
	}
	return low > high;
}

sl_encoding sl_encoding_pick(sl_encoding e, const uint8_t *p, size_t n, size_t *skip)
{
	size_t len;
	const sl_bom bom = sl_detect_bom(p, n, &len);
	*skip = 0;
	switch (e) {
	case SL_ENC_UTF8:
		switch (bom) {
		case SL_BOM_UTF16LE: *skip = len; return SL_ENC_UTF16LE;
		case SL_BOM_UTF16BE: *skip = len; return SL_ENC_UTF16BE;
		case SL_BOM_UTF32LE: *skip = len; return SL_ENC_UTF32LE;
		case SL_BOM_UTF32BE: *skip = len; return SL_ENC_UTF32BE;
		case SL_BOM_NONE:
		case SL_BOM_UTF8:
			break;
		}
		return SL_ENC_UTF8;
	case SL_ENC_UTF16:
		if (bom == SL_BOM_UTF16LE || bom == SL_BOM_UTF16BE) {
			*skip = 2;
			return bom == SL_BOM_UTF16LE ? SL_ENC_UTF16LE : SL_ENC_UTF16BE;
		}
		return nuls_say_big_endian(p, n, 2) ? SL_ENC_UTF16BE : SL_ENC_UTF16LE;
	case SL_ENC_UTF32:
		if (bom == SL_BOM_UTF32LE || bom == SL_BOM_UTF32BE) {
			*skip = 4;
			return bom == SL_BOM_UTF32LE ? SL_ENC_UTF32LE : SL_ENC_UTF32BE;
		}
		return nuls_say_big_endian(p, n, 4) ? SL_ENC_UTF32BE : SL_ENC_UTF32LE;
	/* a mark of the byte order given is dropped; one of the other order is a character, U+FFFE */
	case SL_ENC_UTF16LE: *skip = bom == SL_BOM_UTF16LE || bom == SL_BOM_UTF32LE ? 2 : 0; return e;
	case SL_ENC_UTF16BE: *skip = bom == SL_BOM_UTF16BE ? 2 : 0; return e;
	case SL_ENC_UTF32LE: *skip = bom == SL_BOM_UTF32LE ? 4 : 0; return e;
	case SL_ENC_UTF32BE: *skip = bom == SL_BOM_UTF32BE ? 4 : 0; return e;
	case SL_ENC_ICONV:
		break;
	}
	return e;
}

const char *sl_encoding_name(sl_encoding e, const char *given, char *buf)
{
	if (e == SL_ENC_ICONV) {
		size_t k = 0;
		for (; given && given[k] && k + 1 < SL_ENCODING_NAME_MAX; k++)
			buf[k] = (char)tolower((unsigned char)given[k]);
		buf[k] = '\0';
		return buf;
	}
	for (size_t i = 0; i < NUNICODE; i++)
		if (unicode_names[i].e == e)
			snprintf(buf, SL_ENCODING_NAME_MAX, "%s", unicode_names[i].name);
	return buf;
}

sl_codec *sl_encoding_codec(sl_encoding e, const char *given)
{
	switch (e) {
	case SL_ENC_UTF16LE: return sl_codec_unicode(2, false);
	case SL_ENC_UTF16BE: return sl_codec_unicode(2, true);
	case SL_ENC_UTF32LE: return sl_codec_unicode(4, false);
	case SL_ENC_UTF32BE: return sl_codec_unicode(4, true);
	case SL_ENC_ICONV: return sl_codec_iconv(given);
	case SL_ENC_UTF8:
	case SL_ENC_UTF16:
	case SL_ENC_UTF32:
		break;
	}
	return NULL;
}
