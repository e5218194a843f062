/* codec_iconv.c - any encoding glibc's iconv knows (latin1, cp1252, Shift_JIS ...) to UTF-8, a piece
 * at a time: a sequence cut off where a read ends waits for the next read. */
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>

#include "io/codec.h"
#include "sluice.h"

typedef struct iconv_codec {
	sl_codec base;
	iconv_t cd;
	bool flushed;   /* a stateful encoding's final shift sequence is written */
	char name[48];  /* for messages */
} iconv_codec;

static int64_t iconv_decode(sl_codec *c, sl_codec_in *in, uint8_t *dst, size_t room, char *msg, size_t cap)
{
	iconv_codec *ic = (iconv_codec *)c;
	char *op = (char *)dst;
	size_t ol = room;
	for (;;) {
		if (in->pos == in->len) {
			if (!in->eof) {
				const int r = in->more(in);
				if (r)
					return r;
				continue;
			}
			if (!ic->flushed && iconv(ic->cd, NULL, NULL, &op, &ol) != (size_t)-1)
				ic->flushed = true;
			return (int64_t)(room - ol);
		}
		char *ip = (char *)in->buf + in->pos;
		size_t il = in->len - in->pos;
		const size_t r = iconv(ic->cd, &ip, &il, &op, &ol);
		const int e = errno;
		in->pos = (size_t)((uint8_t *)ip - in->buf);
		if (r != (size_t)-1) {
			if (ol < room)
				return (int64_t)(room - ol);
			continue;
		}
		if (e == E2BIG && ol < room)
			return (int64_t)(room - ol);
		if (e == EINVAL && !in->eof) { /* cut off by the end of the read: the rest comes next */
			if (ol < room)
				return (int64_t)(room - ol);
			const int m = in->more(in);
			if (m)
				return m;
			continue;
		}
		snprintf(msg, cap, "invalid %s at byte %llu (0x%02x): %s", ic->name,
		         (unsigned long long)sl_codec_in_offset(in), in->buf[in->pos],
		         e == EINVAL ? "the input ends inside a character" : "no character in that encoding");
		return SLUICE_ERR_FORMAT;
	}
}

static void iconv_free(sl_codec *c)
{
	iconv_close(((iconv_codec *)c)->cd);
	free(c);
}

static const sl_codec_vt iconv_vt = {"iconv", iconv_decode, iconv_free};

sl_codec *sl_codec_iconv(const char *name)
{
	iconv_codec *ic = calloc(1, sizeof *ic);
	if (!ic)
		return NULL;
	ic->cd = iconv_open("UTF-8", name);
	if (ic->cd == (iconv_t)-1) {
		free(ic);
		return NULL;
	}
	ic->base.vt = &iconv_vt;
	snprintf(ic->name, sizeof ic->name, "%s", name);
	return &ic->base;
}
