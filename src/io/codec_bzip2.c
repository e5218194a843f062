/* codec_bzip2.c - bzip2 (libbz2), stream after stream (pbzip2 and concatenated files write several). */
#include <bzlib.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/codec.h"
#include "sluice.h"

typedef struct bzip2_codec {
	sl_codec base;
	bz_stream s;
	bool stream_end; /* a stream ended: the input may end, or another stream follow */
	bool full;       /* the last call filled the output: more may be waiting inside the decoder */
} bzip2_codec;

/* A stream ended: the next bytes start another ("BZh" and a block size), or there are none.
 * Returns 1 when the decoder is ready for it, 0 when there is none, or a negative status. */
static int next_stream(bzip2_codec *b, sl_codec_in *in, char *msg, size_t cap)
{
	while (in->len - in->pos < 4 && !in->eof) {
		int rc = in->more(in);
		if (rc)
			return rc;
	}
	if (in->len == in->pos)
		return 0;
	const uint8_t *p = in->buf + in->pos;
	if (in->len - in->pos < 4 || p[0] != 'B' || p[1] != 'Z' || p[2] != 'h' || p[3] < '1' || p[3] > '9') {
		snprintf(msg, cap, "unexpected bytes after the bzip2 data (at compressed byte %llu)",
		         (unsigned long long)sl_codec_in_offset(in));
		return SLUICE_ERR_IO;
	}
	BZ2_bzDecompressEnd(&b->s);
	memset(&b->s, 0, sizeof b->s);
	if (BZ2_bzDecompressInit(&b->s, 0, 0) != BZ_OK)
		return SLUICE_ERR_NOMEM;
	b->stream_end = false;
	return 1;
}

static int64_t bzip2_decode(sl_codec *c, sl_codec_in *in, uint8_t *dst, size_t room, char *msg, size_t cap)
{
	bzip2_codec *b = (bzip2_codec *)c;
	if (room > UINT_MAX)
		room = UINT_MAX;
	for (;;) {
		if (b->stream_end) {
			int rc = next_stream(b, in, msg, cap);
			if (rc <= 0)
				return rc;
		}
		if (!b->full) {
			int rc = sl_codec_need(in, false, "bzip2", msg, cap);
			if (rc < 0)
				return rc;
		}
		const size_t avail = in->len - in->pos;
		b->s.next_in = (char *)(in->buf + in->pos);
		b->s.avail_in = avail > UINT_MAX ? UINT_MAX : (unsigned)avail;
		b->s.next_out = (char *)dst;
		b->s.avail_out = (unsigned)room;
		const unsigned before = b->s.avail_in;
		const int r = BZ2_bzDecompress(&b->s);
		in->pos += before - b->s.avail_in;
		const size_t out_n = room - b->s.avail_out;
		b->full = b->s.avail_out == 0;
		if (r == BZ_STREAM_END) {
			b->stream_end = true;
		} else if (r != BZ_OK) {
			snprintf(msg, cap, "corrupt bzip2 data near compressed byte %llu%s",
			         (unsigned long long)sl_codec_in_offset(in), r == BZ_MEM_ERROR ? ": out of memory" : "");
			return r == BZ_MEM_ERROR ? SLUICE_ERR_NOMEM : SLUICE_ERR_IO;
		}
		if (out_n)
			return (int64_t)out_n;
	}
}

static void bzip2_free(sl_codec *c)
{
	BZ2_bzDecompressEnd(&((bzip2_codec *)c)->s);
	free(c);
}

static const sl_codec_vt bzip2_vt = {"bzip2", bzip2_decode, bzip2_free};

sl_codec *sl_codec_bzip2(void)
{
	bzip2_codec *b = calloc(1, sizeof *b);
	if (!b)
		return NULL;
	b->base.vt = &bzip2_vt;
	if (BZ2_bzDecompressInit(&b->s, 0, 0) != BZ_OK) {
		free(b);
		return NULL;
	}
	return &b->base;
}
