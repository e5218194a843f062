/* codec_zstd.c - zstd, frame after frame (zstd -T0 and concatenated files write several). */
#include <stdio.h>
#include <stdlib.h>
#include <zstd.h>

#include "io/codec.h"
#include "sluice.h"

typedef struct zstd_codec {
	sl_codec base;
	ZSTD_DStream *zs;
	size_t last; /* the last ZSTD_decompressStream result: 0 at a frame's end, fully flushed */
	bool full;   /* the last call filled the output: more may be waiting inside the decoder */
} zstd_codec;

static int64_t zstd_decode(sl_codec *c, sl_codec_in *in, uint8_t *dst, size_t room, char *msg, size_t cap)
{
	zstd_codec *z = (zstd_codec *)c;
	for (;;) {
		if (!z->full) {
			int rc = sl_codec_need(in, z->last == 0, "zstd", msg, cap);
			if (rc <= 0)
				return rc;
		}
		ZSTD_inBuffer zin = {in->buf, in->len, in->pos};
		ZSTD_outBuffer out = {dst, room, 0};
		const size_t zr = ZSTD_decompressStream(z->zs, &out, &zin);
		if (ZSTD_isError(zr)) {
			snprintf(msg, cap, "corrupt zstd data near compressed byte %llu: %s",
			         (unsigned long long)(in->read - (in->len - zin.pos)), ZSTD_getErrorName(zr));
			return SLUICE_ERR_IO;
		}
		in->pos = zin.pos;
		z->last = zr;
		z->full = out.pos == room;
		if (out.pos)
			return (int64_t)out.pos;
	}
}

static void zstd_free(sl_codec *c)
{
	ZSTD_freeDStream(((zstd_codec *)c)->zs);
	free(c);
}

static const sl_codec_vt zstd_vt = {"zstd", zstd_decode, zstd_free};

sl_codec *sl_codec_zstd(void)
{
	zstd_codec *z = calloc(1, sizeof *z);
	if (!z)
		return NULL;
	z->base.vt = &zstd_vt;
	z->last = 1;
	z->zs = ZSTD_createDStream();
	if (!z->zs || ZSTD_isError(ZSTD_initDStream(z->zs))) {
		zstd_free(&z->base);
		return NULL;
	}
	return &z->base;
}
