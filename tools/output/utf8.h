/* utf8.h - strict UTF-8 sequence check shared by the formats that must not pass or split bad bytes. */
#ifndef SLUICE_TOOLS_UTF8_H
#define SLUICE_TOOLS_UTF8_H

#include <stddef.h>

/* Length (2..4) of the well-formed UTF-8 sequence that starts at s (n bytes available, s[0] >= 0x80),
 * or 0 when s[0] does not start one. Follows the table of well-formed byte sequences of the
 * Unicode standard, so overlong forms (C0, C1, E0 80..9F, F0 80..8F), surrogates (ED A0..BF),
 * code points above U+10FFFF (F4 90.., F5..FF) and truncated sequences are all rejected.
 *
 * Callers that treat a rejected lead byte as a single bad byte and move on by one byte get
 * the same split as a decoder that rejects the maximal ill-formed subpart, because every byte
 * of such a subpart after its lead is a continuation byte, which is never a valid lead. */
static inline size_t out_utf8_sequence_length(const unsigned char *s, size_t n)
{
	unsigned char c = s[0];
	unsigned char lo = 0x80, hi = 0xBF; /* allowed range of the second byte */
	size_t len;

	if (c >= 0xC2 && c <= 0xDF) {
		len = 2;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		if (c == 0xE0)
			lo = 0xA0;
		else if (c == 0xED)
			hi = 0x9F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F;
	} else {
		return 0;
	}
	if (n < len || s[1] < lo || s[1] > hi)
		return 0;
	for (size_t i = 2; i < len; i++)
		if ((s[i] & 0xC0) != 0x80)
			return 0;
	return len;
}

#endif /* SLUICE_TOOLS_UTF8_H */
