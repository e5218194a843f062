/* codec_unicode.c - UTF-16 and UTF-32, either byte order, to UTF-8, strictly: what is not a code
 * point (a lone surrogate, a value past U+10FFFF, a unit cut off by the end) is an error naming its
 * byte offset, never a replacement character. */
#include <stdio.h>
#include <stdlib.h>

#include "io/codec.h"
#include "sluice.h"

typedef struct unicode_codec {
	sl_codec base;
	unsigned unit;    /* 2 or 4 bytes */
	bool big_endian;
	char name[12];    /* "UTF-16LE", for messages */
} unicode_codec;

static uint32_t unit_at(const unicode_codec *u, const uint8_t *p)
{
	if (u->unit == 2)
		return u->big_endian ? (uint32_t)p[0] << 8 | p[1] : (uint32_t)p[1] << 8 | p[0];
	return u->big_endian ? (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]
	                     : (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

enum { CP_OK, CP_SHORT, CP_BAD };

/* The code point at p[0..n) in *cp and the bytes it takes in *used; CP_SHORT when n cuts it off,
 * CP_BAD (with *why) when it is none. */
static int next_cp(const unicode_codec *u, const uint8_t *p, size_t n, uint32_t *cp, size_t *used, const char **why)
{
	if (n < u->unit)
		return CP_SHORT;
	const uint32_t c = unit_at(u, p);
	*cp = c;
	*used = u->unit;
	if (u->unit == 4) {
		if (c > 0x10FFFF)
			return *why = "a value past U+10FFFF", CP_BAD;
		if (c >= 0xD800 && c <= 0xDFFF)
			return *why = "a surrogate, which is no code point", CP_BAD;
		return CP_OK;
	}
	if (c < 0xD800 || c > 0xDFFF)
		return CP_OK;
	if (c >= 0xDC00)
		return *why = "a low surrogate without a high one before it", CP_BAD;
	if (n < 4)
		return CP_SHORT;
	const uint32_t lo = unit_at(u, p + 2);
	if (lo < 0xDC00 || lo > 0xDFFF)
		return *why = "a high surrogate without a low one after it", CP_BAD;
	*cp = 0x10000 + ((c - 0xD800) << 10) + (lo - 0xDC00);
	*used = 4;
	return CP_OK;
}

static size_t put_utf8(uint8_t *d, uint32_t c)
{
	if (c < 0x80) {
		d[0] = (uint8_t)c;
		return 1;
	}
	if (c < 0x800) {
		d[0] = (uint8_t)(0xC0 | c >> 6);
		d[1] = (uint8_t)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		d[0] = (uint8_t)(0xE0 | c >> 12);
		d[1] = (uint8_t)(0x80 | (c >> 6 & 0x3F));
		d[2] = (uint8_t)(0x80 | (c & 0x3F));
		return 3;
	}
	d[0] = (uint8_t)(0xF0 | c >> 18);
	d[1] = (uint8_t)(0x80 | (c >> 12 & 0x3F));
	d[2] = (uint8_t)(0x80 | (c >> 6 & 0x3F));
	d[3] = (uint8_t)(0x80 | (c & 0x3F));
	return 4;
}

static int64_t unicode_decode(sl_codec *c, sl_codec_in *in, uint8_t *dst, size_t room, char *msg, size_t cap)
{
	const unicode_codec *u = (const unicode_codec *)c;
	size_t w = 0;
	for (;;) {
		const uint8_t *p = in->buf + in->pos;
		const size_t n = in->len - in->pos;
		size_t i = 0;
		int rc = CP_OK;
		const char *why = NULL;
		while (room - w >= 4) { /* a code point takes at most 4 bytes of UTF-8 */
			uint32_t cp;
			size_t used;
			rc = next_cp(u, p + i, n - i, &cp, &used, &why);
			if (rc != CP_OK)
				break;
			w += put_utf8(dst + w, cp);
			i += used;
		}
		in->pos += i;
		if (rc == CP_BAD) {
			snprintf(msg, cap, "invalid %s at byte %llu: %s", u->name,
			         (unsigned long long)sl_codec_in_offset(in), why);
			return SLUICE_ERR_FORMAT;
		}
		if (rc == CP_OK || w > 0) /* the output is full, or what is done goes out before a wait */
			return (int64_t)w;
		/* a unit or a pair cut off where the bytes read so far end: carried over to the next read */
		if (in->eof) {
			if (in->pos == in->len)
				return 0;
			snprintf(msg, cap, "invalid %s at byte %llu: the input ends inside %s", u->name,
			         (unsigned long long)sl_codec_in_offset(in),
			         in->len - in->pos >= u->unit ? "a surrogate pair"
			         : u->unit == 2 ? "a code unit (an odd byte count)" : "a code unit (bytes not a multiple of 4)");
			return SLUICE_ERR_FORMAT;
		}
		const int r = in->more(in);
		if (r)
			return r;
	}
}

static void unicode_free(sl_codec *c)
{
	free(c);
}

static const sl_codec_vt unicode_vt = {"unicode", unicode_decode, unicode_free};

sl_codec *sl_codec_unicode(unsigned unit, bool big_endian)
{
	unicode_codec *u = calloc(1, sizeof *u);
	if (!u)
		return NULL;
	u->base.vt = &unicode_vt;
	u->unit = unit;
	u->big_endian = big_endian;
	snprintf(u->name, sizeof u->name, "UTF-%u%s", unit * 8, big_endian ? "BE" : "LE");
	return &u->base;
}
