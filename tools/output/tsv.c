/* tsv.c - tab-separated output with backslash, tab, CR and LF written as \\ \t \r \n. */
#include "bytescan.h"
#include "output.h"

/* Number of leading bytes that are written as they are. */
static size_t plain_prefix(const char *p, size_t n)
{
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		uint64_t x = out_bytescan_load(p + i);
		uint64_t m = out_bytescan_eq(x, '\\') | out_bytescan_eq(x, '\t') | out_bytescan_eq(x, '\r') | out_bytescan_eq(x, '\n');
		if (m)
			return i + out_bytescan_first(m);
	}
	for (; i < n; i++)
		if (p[i] == '\\' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n')
			break;
	return i;
}

static void put_value(out_writer *w, const char *p, size_t n)
{
	while (n > 0) {
		size_t k = plain_prefix(p, n);
		out_writer_put(w, p, k);
		if (k == n)
			break;
		char esc[2] = { '\\', 0 };
		switch (p[k]) {
		case '\\': esc[1] = '\\'; break;
		case '\t': esc[1] = 't'; break;
		case '\r': esc[1] = 'r'; break;
		default: esc[1] = 'n'; break;
		}
		out_writer_put(w, esc, 2);
		p += k + 1;
		n -= k + 1;
	}
}

static void put_record(out_writer *w, const out_field *f, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			out_writer_byte(w, '\t');
		put_value(w, f[i].ptr, f[i].len);
	}
	out_writer_byte(w, '\n');
}

static int tsv_begin(out_stream *o, const out_field *names, size_t n)
{
	if (names)
		put_record(o->w, names, n);
	return 0;
}

static int tsv_row(out_stream *o, const out_field *fields, size_t n)
{
	put_record(o->w, fields, n);
	return 0;
}

static int tsv_end(out_stream *o)
{
	(void)o;
	return 0;
}

const out_format out_tsv = {
	.name = "tsv",
	.help = "tab-separated, with \\\\ \\t \\r \\n escapes",
	.state_size = 0,
	.begin = tsv_begin,
	.row = tsv_row,
	.end = tsv_end,
};
