/* utf8.c - the scalar UTF-8 validator: the scalar kernel's, and the SIMD kernels' way to name the bad byte. */
#include "kernels/utf8.h"

#include <string.h>

/* The length a lead byte announces (2..4), counting F5..FF as 4 (they are invalid anyway). */
static inline size_t lead_length(uint8_t c)
{
	return c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
}

size_t sluice_utf8_check(const uint8_t *p, size_t n)
{
	size_t i = 0;
	while (i < n) {
		uint8_t c = p[i];
		if (c < 0x80) {
			/* ASCII runs eight bytes at a time: no byte of the word has its high bit set */
			for (i++; i + 8 <= n; i += 8) {
				uint64_t w;
				memcpy(&w, p + i, 8);
				if (w & 0x8080808080808080ULL)
					break;
			}
			while (i < n && p[i] < 0x80)
				i++;
			continue;
		}
		/* The second byte's range is narrower after E0 (overlong), ED (surrogates), F0
		 * (overlong) and F4 (above U+10FFFF); the other continuation bytes are 80..BF. */
		uint8_t lo = 0x80, hi = 0xBF;
		size_t len;
		if (c < 0xC2 || c > 0xF4)
			return i;
		len = lead_length(c);
		if (c == 0xE0)
			lo = 0xA0;
		else if (c == 0xED)
			hi = 0x9F;
		else if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F;
		if (n - i < len || p[i + 1] < lo || p[i + 1] > hi)
			return i;
		for (size_t k = 2; k < len; k++)
			if ((p[i + k] & 0xC0) != 0x80)
				return i;
		i += len;
	}
	return n;
}

size_t sluice_utf8_locate(const uint8_t *p, size_t n, size_t at)
{
	size_t s = at;
	for (size_t k = 1; k <= 3 && k <= at; k++) {
		const uint8_t c = p[at - k];
		if (c < 0x80)
			break;
		if (c >= 0xC0) {
			if (lead_length(c) > k)
				s = at - k;
			break;
		}
	}
	return s + sluice_utf8_check(p + s, n - s);
}

size_t sluice_utf8_complete(const uint8_t *p, size_t n)
{
	for (size_t k = 1; k <= 3 && k <= n; k++) {
		const uint8_t c = p[n - k];
		if (c < 0x80)
			break;
		if (c >= 0xC0)
			return lead_length(c) > k ? n - k : n;
	}
	return n;
}
