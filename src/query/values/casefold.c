/* casefold.c - lower and upper case for UTF-8 text (Latin, Greek and Cyrillic letters). */
#include "query/values/casefold.h"

#include <stdint.h>

/* The other case of code point c, or c. Covers ASCII, Latin-1, Latin Extended-A, basic Greek and
 * Cyrillic, the blocks where DuckDB's and this mapping agree one to one. */
static uint32_t other_case(uint32_t c, bool upper)
{
	if (upper) {
		if (c >= 'a' && c <= 'z')
			return c - 32;
		if ((c >= 0xE0 && c <= 0xFE && c != 0xF7))
			return c - 32;
		if (c == 0xFF)
			return 0x178;
		if (c == 0xDF)
			return 0x1E9E;
		if ((c >= 0x101 && c <= 0x12F) || (c >= 0x133 && c <= 0x137) || (c >= 0x14B && c <= 0x177))
			return (c & 1) ? c - 1 : c;
		if ((c >= 0x13A && c <= 0x148) || (c >= 0x17A && c <= 0x17E))
			return (c & 1) ? c : c - 1;
		if (c >= 0x3B1 && c <= 0x3C9 && c != 0x3C2)
			return c - 32;
		if (c == 0x3C2)
			return 0x3A3;
		if (c >= 0x430 && c <= 0x44F)
			return c - 32;
		if (c >= 0x450 && c <= 0x45F)
			return c - 80;
		return c;
	}
	if (c >= 'A' && c <= 'Z')
		return c + 32;
	if (c >= 0xC0 && c <= 0xDE && c != 0xD7)
		return c + 32;
	if (c == 0x178)
		return 0xFF;
	if (c == 0x1E9E)
		return 0xDF;
	if ((c >= 0x100 && c <= 0x12E) || (c >= 0x132 && c <= 0x136) || (c >= 0x14A && c <= 0x176))
		return (c & 1) ? c : c + 1;
	if ((c >= 0x139 && c <= 0x147) || (c >= 0x179 && c <= 0x17D))
		return (c & 1) ? c + 1 : c;
	if (c >= 0x391 && c <= 0x3A9 && c != 0x3A2)
		return c + 32;
	if (c >= 0x410 && c <= 0x42F)
		return c + 32;
	if (c >= 0x400 && c <= 0x40F)
		return c + 80;
	return c;
}

static size_t put_utf8(uint32_t c, char *out)
{
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xC0 | (c >> 6));
		out[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	out[0] = (char)(0xE0 | (c >> 12));
	out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
	out[2] = (char)(0x80 | (c & 0x3F));
	return 3;
}

size_t sq_utf8_case(const char *s, size_t n, char *out, bool upper)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t o = 0;
	for (size_t i = 0; i < n;) {
		unsigned char b = u[i];
		if (b < 0x80) {
			out[o++] = (char)(upper ? (b >= 'a' && b <= 'z' ? b - 32 : b) : (b >= 'A' && b <= 'Z' ? b + 32 : b));
			i++;
			continue;
		}
		uint32_t c;
		size_t len;
		if ((b & 0xE0) == 0xC0 && i + 1 < n && (u[i + 1] & 0xC0) == 0x80 && b >= 0xC2) {
			c = ((uint32_t)(b & 0x1F) << 6) | (u[i + 1] & 0x3F);
			len = 2;
		} else if ((b & 0xF0) == 0xE0 && i + 2 < n && (u[i + 1] & 0xC0) == 0x80 && (u[i + 2] & 0xC0) == 0x80) {
			c = ((uint32_t)(b & 0x0F) << 12) | ((uint32_t)(u[i + 1] & 0x3F) << 6) | (u[i + 2] & 0x3F);
			len = 3;
			if (c < 0x800 || (c >= 0xD800 && c <= 0xDFFF)) {
				out[o++] = (char)b; /* not valid UTF-8: copy the byte */
				i++;
				continue;
			}
		} else {
			out[o++] = (char)b; /* 4-byte sequences and invalid bytes are copied */
			i++;
			continue;
		}
		uint32_t m = other_case(c, upper);
		if (m == c) {
			for (size_t k = 0; k < len; k++)
				out[o++] = (char)u[i + k];
		} else {
			o += put_utf8(m, out + o);
		}
		i += len;
	}
	return o;
}
