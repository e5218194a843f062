/* csv.c - RFC 4180 output: comma-separated, quoted only when needed, LF line ends. */
#include "bytescan.h"
#include "output.h"

#include <stdbool.h>

/* True when the value holds a comma, a quote, CR or LF. */
static bool needs_quotes(const char *p, size_t n)
{
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		uint64_t x = bytescan_load(p + i);
		if (bytescan_eq(x, ',') | bytescan_eq(x, '"') | bytescan_eq(x, '\r') | bytescan_eq(x, '\n'))
			return true;
	}
	for (; i < n; i++)
		if (p[i] == ',' || p[i] == '"' || p[i] == '\r' || p[i] == '\n')
			return true;
	return false;
}

static void put_quoted(writer *w, const char *p, size_t n)
{
	writer_byte(w, '"');
	const char *end = p + n;
	while (p < end) {
		const char *q = memchr(p, '"', (size_t)(end - p));
		if (!q) {
			writer_put(w, p, (size_t)(end - p));
			break;
		}
		writer_put(w, p, (size_t)(q - p) + 1); /* up to and including the quote ... */
		writer_byte(w, '"');                    /* ... which is doubled */
		p = q + 1;
	}
	writer_byte(w, '"');
}

static void put_record(writer *w, const out_field *f, size_t n)
{
	if (n == 1 && f[0].len == 0) {
		/* A lone empty field written bare would be an empty line, which many readers skip. */
		writer_put(w, "\"\"\n", 3);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			writer_byte(w, ',');
		if (needs_quotes(f[i].ptr, f[i].len))
			put_quoted(w, f[i].ptr, f[i].len);
		else
			writer_put(w, f[i].ptr, f[i].len);
	}
	writer_byte(w, '\n');
}

static int csv_begin(output *o, const out_field *names, size_t n)
{
	if (names)
		put_record(o->w, names, n);
	return 0;
}

static int csv_row(output *o, const out_field *fields, size_t n)
{
	put_record(o->w, fields, n);
	return 0;
}

static int csv_end(output *o)
{
	(void)o;
	return 0;
}

const output_format output_csv = {
	.name = "csv",
	.help = "RFC 4180 CSV, quoted where needed (default)",
	.state_size = 0,
	.begin = csv_begin,
	.row = csv_row,
	.end = csv_end,
};
