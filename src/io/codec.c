/* codec.c - the codec by format, and the input loop the push decoders share (see codec.h). */
#include "io/codec.h"

#include <stdio.h>

#include "sluice.h"

sl_codec *sl_codec_new(sl_format f, const char *path)
{
	switch (f) {
	case SL_FORMAT_GZIP: return sl_codec_gzip();
	case SL_FORMAT_ZSTD: return sl_codec_zstd();
	case SL_FORMAT_XZ: return sl_codec_xz();
	case SL_FORMAT_BZIP2: return sl_codec_bzip2();
	case SL_FORMAT_ZIP: return sl_codec_zip(path);
	case SL_FORMAT_TEXT:
	case SL_FORMAT_REFUSED:
		break;
	}
	return NULL;
}

int sl_codec_need(sl_codec_in *in, bool clean_end, const char *name, char *msg, size_t cap)
{
	while (in->pos == in->len) {
		if (in->eof) {
			if (clean_end)
				return 0;
			snprintf(msg, cap, "truncated %s data: the input ends inside a compressed block (after %llu bytes)", name,
			         (unsigned long long)in->read);
			return SLUICE_ERR_IO;
		}
		int rc = in->more(in);
		if (rc)
			return rc;
	}
	return 1;
}
