/* csv.c - RFC 4180 output: comma-separated, quoted only when needed, LF line ends. */
#include "bytescan.h"
#include "output.h"

#include <stdbool.h>

/* True when the value holds a comma, a quote, CR or LF. */
static bool needs_quotes(const char *p, size_t n)
{
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		uint64_t x = out_bytescan_load(p + i);
		if (out_bytescan_eq(x, ',') | out_bytescan_eq(x, '"') | out_bytescan_eq(x, '\r') | out_bytescan_eq(x, '\n'))
			return true;
	}
	for (; i < n; i++)
		if (p[i] == ',' || p[i] == '"' || p[i] == '\r' || p[i] == '\n')
			return true;
	return false;
}

static void put_quoted(out_writer *w, const char *p, size_t n)
{
	out_writer_byte(w, '"');
	const char *end = p + n;
	while (p < end) {
		const char *q = memchr(p, '"', (size_t)(end - p));
		if (!q) {
			out_writer_put(w, p, (size_t)(end - p));
			break;
		}
		out_writer_put(w, p, (size_t)(q - p) + 1); /* up to and including the quote ... */
		out_writer_byte(w, '"');                    /* ... which is doubled */
		p = q + 1;
	}
	out_writer_byte(w, '"');
}

static void put_record(out_writer *w, const out_field *f, size_t n)
{
	if (n == 1 && f[0].len == 0) {
		/* A lone empty field written bare would be an empty line, which many readers skip. */
		out_writer_put(w, "\"\"\n", 3);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			out_writer_byte(w, ',');
		if (needs_quotes(f[i].ptr, f[i].len))
			put_quoted(w, f[i].ptr, f[i].len);
		else
			out_writer_put(w, f[i].ptr, f[i].len);
	}
	out_writer_byte(w, '\n');
}

static int csv_begin(out_stream *o, const out_field *names, size_t n)
{
	if (names)
		put_record(o->w, names, n);
	return 0;
}

static int csv_row(out_stream *o, const out_field *fields, size_t n)
{
	put_record(o->w, fields, n);
	return 0;
}

static int csv_end(out_stream *o)
{
	(void)o;
	return 0;
}

const out_format out_csv = {
	.name = "csv",
	.help = "RFC 4180 CSV, quoted where needed (default)",
	.state_size = 0,
	.begin = csv_begin,
	.row = csv_row,
	.end = csv_end,
};
