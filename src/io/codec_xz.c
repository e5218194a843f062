/* codec_xz.c - xz (liblzma), concatenated streams and their padding decoded as one. */
#include <lzma.h>
#include <stdio.h>
#include <stdlib.h>

#include "io/codec.h"
#include "sluice.h"

typedef struct xz_codec {
	sl_codec base;
	lzma_stream s;
	bool ended; /* the last stream ended with the input */
	bool full;  /* the last call filled the output: more may be waiting inside the decoder */
} xz_codec;

static const char *lzma_problem(lzma_ret r)
{
	switch (r) {
	case LZMA_FORMAT_ERROR: return "not xz data";
	case LZMA_OPTIONS_ERROR: return "options this liblzma does not support";
	case LZMA_DATA_ERROR: return "corrupt data";
	case LZMA_BUF_ERROR: return "the input ends inside a compressed block (truncated)";
	case LZMA_MEM_ERROR: return "out of memory";
	case LZMA_MEMLIMIT_ERROR: return "over the decoder's memory limit";
	default: return "the decoder failed";
	}
}

static int64_t xz_decode(sl_codec *c, sl_codec_in *in, uint8_t *dst, size_t room, char *msg, size_t cap)
{
	xz_codec *x = (xz_codec *)c;
	while (!x->ended) {
		/* at the input's end LZMA_FINISH tells the decoder so: it ends, or says the data is cut */
		lzma_action act = LZMA_RUN;
		if (!x->full && in->pos == in->len) {
			if (!in->eof) {
				int rc = in->more(in);
				if (rc)
					return rc;
				continue;
			}
			act = LZMA_FINISH;
		}
		x->s.next_in = in->buf + in->pos;
		x->s.avail_in = in->len - in->pos;
		x->s.next_out = dst;
		x->s.avail_out = room;
		const lzma_ret r = lzma_code(&x->s, act);
		in->pos = in->len - x->s.avail_in;
		const size_t out_n = room - x->s.avail_out;
		x->full = x->s.avail_out == 0;
		if (r == LZMA_STREAM_END) {
			x->ended = true;
		} else if (r != LZMA_OK) {
			snprintf(msg, cap, "xz data near compressed byte %llu: %s", (unsigned long long)sl_codec_in_offset(in),
			         lzma_problem(r));
			return r == LZMA_MEM_ERROR ? SLUICE_ERR_NOMEM : SLUICE_ERR_IO;
		}
		if (out_n)
			return (int64_t)out_n;
	}
	return 0;
}

static void xz_free(sl_codec *c)
{
	lzma_end(&((xz_codec *)c)->s);
	free(c);
}

static const sl_codec_vt xz_vt = {"xz", xz_decode, xz_free};

sl_codec *sl_codec_xz(void)
{
	xz_codec *x = calloc(1, sizeof *x);
	if (!x)
		return NULL;
	x->base.vt = &xz_vt;
	const lzma_stream init = LZMA_STREAM_INIT;
	x->s = init;
	if (lzma_stream_decoder(&x->s, UINT64_MAX, LZMA_CONCATENATED) != LZMA_OK) {
		free(x);
		return NULL;
	}
	return &x->base;
}
