/* field.c - decoding a field's raw bytes into its value by re-running the reading machine. */
#include <string.h>

#include "kernels/machine.h"

size_t sluice_field_unescape(const sluice_dialect *dialect, const sluice_field *f, char *buf, size_t cap)
{
	if (!(f->flags & SLUICE_FIELD_NEEDS_UNESCAPE)) {
		size_t n = f->len < cap ? f->len : cap;
		if (n)
			memcpy(buf, f->ptr, n);
		return n;
	}
	ix_dialect d;
	ix_dialect_from(&d, dialect);
	const uint8_t *p = (const uint8_t *)f->ptr;
	int state = SM_FIELD_START;
	size_t out = 0;  /* bytes of the value so far */
	size_t keep = 0; /* the value's length without trailing unquoted spaces (trim) */
	for (size_t i = 0; i < f->len; i++) {
		const uint8_t c = p[i];
		const int a = sm_step(&d, &state, c);
		if (a == SM_A_DATA || a == SM_A_DATA_WS || a == SM_A_BARE_QUOTE || a == SM_A_AFTER_QUOTE) {
			if (out < cap)
				buf[out] = (char)c;
			out++;
			if (a != SM_A_DATA_WS || state != SM_UNQUOTED)
				keep = out;
		} else if (a == SM_A_FIELD || a == SM_A_RECORD) {
			break; /* cannot happen for a field the cursor cut; stop rather than run on */
		}
	}
	if (state == SM_ESCAPED_QUOTED || state == SM_ESCAPED_UNQUOTED) {
		if (out < cap)
			buf[out] = (char)d.escape;
		out++;
		keep = out;
	}
	if (d.trim)
		out = keep;
	return out < cap ? out : cap;
}
