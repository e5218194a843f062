/* codec_gzip.c - gzip, with ISA-L's inflate where it is built (about three times zlib's speed), else
 * zlib's; concatenated members decode as one. */
#include <stdio.h>
#include <stdlib.h>
#include <zlib.h>
#if SLUICE_HAVE_ISAL
#include <isa-l/igzip_lib.h>
#endif

#include "io/codec.h"
#include "sluice.h"

typedef struct gzip_codec {
	sl_codec base;
	bool member_end; /* a member ended: the input may end, or another member follow */
	bool full;       /* the last call filled the output: more may be waiting inside the decoder */
#if SLUICE_HAVE_ISAL
	struct inflate_state st;
#else
	z_stream z;
#endif
} gzip_codec;

/* A member ended: the next bytes start another, or there are none. Returns 1 when the decoder is
 * reset for the next member, 0 when there is none, or a negative status. */
static int next_member(gzip_codec *g, sl_codec_in *in, char *msg, size_t cap)
{
	while (in->len - in->pos < 2 && !in->eof) {
		int rc = in->more(in);
		if (rc)
			return rc;
	}
	if (in->len == in->pos)
		return 0;
	if (in->len - in->pos < 2 || in->buf[in->pos] != 0x1f || in->buf[in->pos + 1] != 0x8b) {
		snprintf(msg, cap, "unexpected bytes after the gzip data (at compressed byte %llu)",
		         (unsigned long long)sl_codec_in_offset(in));
		return SLUICE_ERR_IO;
	}
#if SLUICE_HAVE_ISAL
	isal_inflate_reset(&g->st);
	g->st.crc_flag = ISAL_GZIP;
#else
	inflateReset(&g->z);
#endif
	g->member_end = false;
	return 1;
}

static int64_t gzip_decode(sl_codec *c, sl_codec_in *in, uint8_t *dst, size_t room, char *msg, size_t cap)
{
	gzip_codec *g = (gzip_codec *)c;
	for (;;) {
		if (g->member_end) {
			int rc = next_member(g, in, msg, cap);
			if (rc <= 0)
				return rc;
		}
		if (!g->full) {
			int rc = sl_codec_need(in, false, "gzip", msg, cap);
			if (rc < 0)
				return rc;
		}
		size_t out_n;
#if SLUICE_HAVE_ISAL
		struct inflate_state *st = &g->st;
		st->next_in = in->buf + in->pos;
		st->avail_in = (uint32_t)(in->len - in->pos);
		st->next_out = dst;
		st->avail_out = (uint32_t)room;
		const int ir = isal_inflate(st);
		in->pos = in->len - st->avail_in;
		out_n = room - st->avail_out;
		if (ir < 0 || ir == ISAL_NEED_DICT) {
			snprintf(msg, cap, "corrupt gzip data near compressed byte %llu: %s",
			         (unsigned long long)sl_codec_in_offset(in),
			         ir == ISAL_INCORRECT_CHECKSUM ? "incorrect data check" : "invalid data");
			return SLUICE_ERR_IO;
		}
		g->member_end = st->block_state == ISAL_BLOCK_FINISH;
		g->full = st->avail_out == 0;
#else
		g->z.next_in = in->buf + in->pos;
		g->z.avail_in = (uInt)(in->len - in->pos);
		g->z.next_out = dst;
		g->z.avail_out = (uInt)room;
		const int zr = inflate(&g->z, Z_NO_FLUSH);
		in->pos = in->len - g->z.avail_in;
		out_n = room - g->z.avail_out;
		if (zr != Z_OK && zr != Z_STREAM_END && zr != Z_BUF_ERROR) {
			snprintf(msg, cap, "corrupt gzip data near compressed byte %llu: %s",
			         (unsigned long long)sl_codec_in_offset(in), g->z.msg ? g->z.msg : "invalid data");
			return SLUICE_ERR_IO;
		}
		g->member_end = zr == Z_STREAM_END;
		g->full = g->z.avail_out == 0;
#endif
		if (out_n)
			return (int64_t)out_n;
	}
}

static void gzip_free(sl_codec *c)
{
#if !SLUICE_HAVE_ISAL
	inflateEnd(&((gzip_codec *)c)->z);
#endif
	free(c);
}

static const sl_codec_vt gzip_vt = {"gzip", gzip_decode, gzip_free};

sl_codec *sl_codec_gzip(void)
{
	gzip_codec *g = calloc(1, sizeof *g);
	if (!g)
		return NULL;
	g->base.vt = &gzip_vt;
#if SLUICE_HAVE_ISAL
	isal_inflate_init(&g->st);
	g->st.crc_flag = ISAL_GZIP;
#else
	if (inflateInit2(&g->z, 15 + 16) != Z_OK) {
		free(g);
		return NULL;
	}
#endif
	return &g->base;
}
