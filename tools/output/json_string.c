/* json_string.c - JSON string escaping with a word-at-a-time fast path for plain ASCII runs. */
#include "output/json_string.h"

#include "output/bytescan.h"
#include "output/utf8.h"

/* Number of leading bytes that are printable ASCII other than '"' and '\\'. */
static size_t plain_prefix(const char *p, size_t n)
{
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		uint64_t x = out_bytescan_load(p + i);
		uint64_t m = out_bytescan_lt(x, 0x20) | out_bytescan_high(x) | out_bytescan_eq(x, '"') | out_bytescan_eq(x, '\\');
		if (m)
			return i + out_bytescan_first(m);
	}
	for (; i < n; i++) {
		unsigned char c = (unsigned char)p[i];
		if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\')
			break;
	}
	return i;
}

static const char hex[] = "0123456789abcdef";

/* Writes the escape for one ASCII byte that plain_prefix stopped at. */
static void put_ascii_escape(out_writer *w, unsigned char c)
{
	char *o = out_writer_reserve(w, 6);
	o[0] = '\\';
	switch (c) {
	case '"': o[1] = '"'; break;
	case '\\': o[1] = '\\'; break;
	case '\n': o[1] = 'n'; break;
	case '\r': o[1] = 'r'; break;
	case '\t': o[1] = 't'; break;
	case '\b': o[1] = 'b'; break;
	case '\f': o[1] = 'f'; break;
	default:
		memcpy(o + 1, "u00", 3);
		o[4] = hex[c >> 4];
		o[5] = hex[c & 15];
		out_writer_commit(w, 6);
		return;
	}
	out_writer_commit(w, 2);
}

void out_json_put_string(out_writer *w, const char *p, size_t n)
{
	out_writer_byte(w, '"');
	while (n > 0) {
		size_t k = plain_prefix(p, n);
		out_writer_put(w, p, k);
		p += k;
		n -= k;
		if (n == 0)
			break;
		unsigned char c = (unsigned char)*p;
		if (c < 0x80) {
			put_ascii_escape(w, c);
			p++;
			n--;
			continue;
		}
		/* A run of non-ASCII text: copy well-formed sequences, escape each stray byte. */
		while (n > 0 && (unsigned char)*p >= 0x80) {
			size_t len = out_utf8_sequence_length((const unsigned char *)p, n);
			char *o = out_writer_reserve(w, 6);
			if (len > 0) {
				memcpy(o, p, len);
				out_writer_commit(w, len);
			} else {
				unsigned char b = (unsigned char)*p;
				memcpy(o, "\\udc", 4);
				o[4] = hex[b >> 4];
				o[5] = hex[b & 15];
				out_writer_commit(w, 6);
				len = 1;
			}
			p += len;
			n -= len;
		}
	}
	out_writer_byte(w, '"');
}
