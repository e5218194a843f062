/* delimited.c - csv (RFC 4180, quoted where needed) and tsv (backslash escapes): one writer, two sets of rules. */
#include "output/bytescan.h"
#include "output/output.h"

#include <stdbool.h>

/* The two formats differ only in these rules; the record loop is the same. Each format calls the
 * loop with its rules as a constant, so the compiler builds one specialised copy per format and
 * the byte scan tests for constants, as two separate writers would. */
typedef struct delimited_rules {
	char delimiter;
	char escape;               /* '"' for csv (doubled inside quotes), '\\' for tsv */
	bool quote_field;          /* csv: a value holding a special byte is quoted whole; tsv: each
	                            * special byte is written as a backslash escape */
	bool quote_lone_empty;     /* a record of one empty field is written "" (csv), not as an empty
	                            * line, which many readers skip */
} delimited_rules;

static const delimited_rules csv_rules = {
	.delimiter = ',', .escape = '"', .quote_field = true, .quote_lone_empty = true,
};
static const delimited_rules tsv_rules = {
	.delimiter = '\t', .escape = '\\', .quote_field = false, .quote_lone_empty = false,
};

/* Number of leading bytes that are none of the delimiter, the escape, CR and LF. */
static inline size_t plain_prefix(const char *p, size_t n, const delimited_rules *r)
{
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		uint64_t x = out_bytescan_load(p + i);
		uint64_t m = out_bytescan_eq(x, (unsigned char)r->delimiter) | out_bytescan_eq(x, (unsigned char)r->escape);
		m |= out_bytescan_eq(x, '\r') | out_bytescan_eq(x, '\n');
		if (m)
			return i + out_bytescan_first(m);
	}
	for (; i < n; i++)
		if (p[i] == r->delimiter || p[i] == r->escape || p[i] == '\r' || p[i] == '\n')
			break;
	return i;
}

/* csv: the value in quotes, each quote doubled. */
static void put_csv_quoted(out_writer *w, const char *p, size_t n)
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

/* tsv: the value with backslash, tab, CR and LF written as \\ \t \r \n; k bytes are plain. */
static void put_tsv_escaped(out_writer *w, const char *p, size_t n, size_t k)
{
	for (;;) {
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
		k = plain_prefix(p, n, &tsv_rules);
	}
}

static inline void put_record(out_writer *w, const out_field *f, size_t n, const delimited_rules *r)
{
	if (r->quote_lone_empty && n == 1 && f[0].len == 0) {
		out_writer_put(w, "\"\"\n", 3);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			out_writer_byte(w, r->delimiter);
		size_t k = plain_prefix(f[i].ptr, f[i].len, r);
		if (k == f[i].len)
			out_writer_put(w, f[i].ptr, f[i].len);
		else if (r->quote_field)
			put_csv_quoted(w, f[i].ptr, f[i].len);
		else
			put_tsv_escaped(w, f[i].ptr, f[i].len, k);
	}
	out_writer_byte(w, '\n');
}

static int csv_row(out_stream *o, const out_field *fields, size_t n)
{
	put_record(o->w, fields, n, &csv_rules);
	return 0;
}

static int tsv_row(out_stream *o, const out_field *fields, size_t n)
{
	put_record(o->w, fields, n, &tsv_rules);
	return 0;
}

/* The header is a record like the others, written by the format's own row. */
static int delimited_begin(out_stream *o, const out_field *names, size_t n)
{
	return names ? o->format->row(o, names, n) : 0;
}

static int delimited_end(out_stream *o)
{
	(void)o;
	return 0;
}

const out_format out_csv = {
	.name = "csv",
	.help = "RFC 4180 CSV, quoted where needed (default)",
	.state_size = 0,
	.begin = delimited_begin,
	.row = csv_row,
	.end = delimited_end,
};

const out_format out_tsv = {
	.name = "tsv",
	.help = "tab-separated, with \\\\ \\t \\r \\n escapes",
	.state_size = 0,
	.begin = delimited_begin,
	.row = tsv_row,
	.end = delimited_end,
};
