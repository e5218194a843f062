/* table.c - an aligned text table for people: widths from the first rows, long values cut with an ellipsis. */
#include "output/output.h"
#include "output/utf8.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

/* Column widths come from the header and the first TABLE_SAMPLE_ROWS records, which are held
 * back until then; later records stream out at those widths. A width is counted in terminal
 * columns (two for East Asian wide characters and emoji, none for combining marks), capped at
 * TABLE_MAX_WIDTH. Bytes that would break the layout or the terminal are shown escaped: tab,
 * CR and LF as \t \r \n, other control bytes (C1 too) and bytes that are not well-formed
 * UTF-8 as \xHH. A value wider than its column is cut on a code point boundary
 * and ends with "…". */
#define TABLE_SAMPLE_ROWS 1000
#define TABLE_MAX_WIDTH 40

static const char ellipsis[] = "\xe2\x80\xa6"; /* U+2026, one column wide */

/* One displayed piece of a value: a character, or the escape that stands for a byte. */
typedef struct unit {
	const char *text;
	size_t text_len;
	size_t in_len;   /* input bytes it stands for */
	size_t width;    /* columns it takes */
	char esc[4];
} unit;

typedef struct code_range {
	uint32_t lo, hi;
} code_range;

/* Marks drawn over the previous character, and invisible format characters: no column. */
static const code_range zero_width[] = {
	{ 0x0300, 0x036F }, { 0x0483, 0x0489 }, { 0x0591, 0x05BD }, { 0x0610, 0x061A }, { 0x064B, 0x065F },
	{ 0x1AB0, 0x1AFF }, { 0x1DC0, 0x1DFF }, { 0x200B, 0x200F }, { 0x2060, 0x2064 }, { 0x20D0, 0x20FF },
	{ 0xFE00, 0xFE0F }, { 0xFE20, 0xFE2F }, { 0xFEFF, 0xFEFF }, { 0xE0100, 0xE01EF },
};

/* East Asian wide and fullwidth blocks, and emoji: two columns in a terminal. */
static const code_range double_width[] = {
	{ 0x1100, 0x115F }, { 0x2E80, 0x303E }, { 0x3041, 0x33FF }, { 0x3400, 0x4DBF }, { 0x4E00, 0x9FFF },
	{ 0xA000, 0xA4CF }, { 0xAC00, 0xD7A3 }, { 0xF900, 0xFAFF }, { 0xFE30, 0xFE4F }, { 0xFF00, 0xFF60 },
	{ 0xFFE0, 0xFFE6 }, { 0x1F300, 0x1F64F }, { 0x1F900, 0x1F9FF }, { 0x20000, 0x3FFFD },
};

static bool in_ranges(uint32_t cp, const code_range *r, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (cp >= r[i].lo && cp <= r[i].hi)
			return true;
	return false;
}

/* Decodes a well-formed sequence of len bytes. */
static uint32_t decode_utf8(const unsigned char *s, size_t len)
{
	static const unsigned char lead_mask[5] = { 0, 0x7F, 0x1F, 0x0F, 0x07 };
	uint32_t cp = s[0] & lead_mask[len];
	for (size_t i = 1; i < len; i++)
		cp = (cp << 6) | (s[i] & 0x3F);
	return cp;
}

static const char hex[] = "0123456789abcdef";

/* Writes the escape \xHH for byte c into u. */
static void byte_escape(unit *u, unsigned char c)
{
	u->text = u->esc;
	u->in_len = 1;
	u->esc[0] = '\\';
	u->esc[1] = 'x';
	u->esc[2] = hex[c >> 4];
	u->esc[3] = hex[c & 15];
	u->text_len = u->width = 4;
}

static void next_unit(const char *p, size_t n, unit *u)
{
	unsigned char c = (unsigned char)*p;
	if (c >= 0x20 && c < 0x7f) {
		u->text = p;
		u->text_len = u->in_len = u->width = 1;
		return;
	}
	if (c >= 0x80) {
		size_t len = out_utf8_sequence_length((const unsigned char *)p, n);
		uint32_t cp = len ? decode_utf8((const unsigned char *)p, len) : 0;
		if (len == 0 || cp < 0xA0) {
			/* A stray byte, or a C1 control that a terminal could act on: show its bytes. */
			byte_escape(u, c);
			return;
		}
		u->text = p;
		u->text_len = u->in_len = len;
		u->width = in_ranges(cp, zero_width, sizeof zero_width / sizeof zero_width[0])     ? 0
		           : in_ranges(cp, double_width, sizeof double_width / sizeof double_width[0]) ? 2
		                                                                                      : 1;
		return;
	}
	u->text = u->esc;
	u->in_len = 1;
	u->esc[0] = '\\';
	u->text_len = u->width = 2;
	switch (c) {
	case '\t': u->esc[1] = 't'; break;
	case '\r': u->esc[1] = 'r'; break;
	case '\n': u->esc[1] = 'n'; break;
	default:
		byte_escape(u, c);
		break;
	}
}

/* Display width of a value, counting no further than limit + 1 (enough to know it is too wide). */
static size_t display_width(const char *p, size_t n, size_t limit)
{
	size_t width = 0;
	unit u;
	while (n > 0 && width <= limit) {
		next_unit(p, n, &u);
		width += u.width;
		p += u.in_len;
		n -= u.in_len;
	}
	return width;
}

static void put_spaces(out_writer *w, size_t n)
{
	static const char spaces[] = "                                ";
	while (n > 0) {
		size_t k = n < sizeof spaces - 1 ? n : sizeof spaces - 1;
		out_writer_put(w, spaces, k);
		n -= k;
	}
}

/* Writes a value in a column of the given width; pads it to the width unless it is the last of its
 * line. A cut value may end one column short when a wide character does not fit before "…". */
static void put_cell(out_writer *w, const char *p, size_t n, size_t width, bool pad)
{
	bool fits = display_width(p, n, width) <= width;
	size_t room = fits ? width : width - 1; /* keep one column for the ellipsis */
	size_t used = 0;
	unit u;
	while (n > 0) {
		next_unit(p, n, &u);
		if (used + u.width > room)
			break;
		out_writer_put(w, u.text, u.text_len);
		used += u.width;
		p += u.in_len;
		n -= u.in_len;
	}
	if (!fits) {
		out_writer_put(w, ellipsis, sizeof ellipsis - 1);
		used++;
	}
	if (pad && used < width)
		put_spaces(w, width - used);
}

typedef struct table_state {
	bool header;
	bool streaming;          /* widths are fixed and records are written as they come */
	size_t *width;
	size_t ncols;
	/* The held-back rows (the header first, when there is one). */
	out_writer cells;        /* their values, back to back */
	size_t *cell_end;        /* end offset of each value in cells.buf */
	size_t ncells, cells_cap;
	size_t *row_len;         /* number of values of each held-back row */
	size_t nrows, rows_cap;
} table_state;

static void put_row(out_stream *o, const out_field *f, size_t n)
{
	table_state *s = o->state;
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			out_writer_put(o->w, " | ", 3);
		size_t width = i < s->ncols ? s->width[i] : TABLE_MAX_WIDTH;
		put_cell(o->w, f[i].ptr, f[i].len, width, i + 1 < n);
	}
	out_writer_byte(o->w, '\n');
}

static void put_separator(out_stream *o)
{
	table_state *s = o->state;
	for (size_t i = 0; i < s->ncols; i++) {
		if (i > 0)
			out_writer_put(o->w, "-+-", 3);
		for (size_t k = 0; k < s->width[i]; k++)
			out_writer_byte(o->w, '-');
	}
	out_writer_byte(o->w, '\n');
}

static int grow_array(size_t **a, size_t *cap, size_t need)
{
	if (need <= *cap)
		return 0;
	size_t c = *cap ? *cap : 64;
	while (c < need)
		c *= 2;
	size_t *p = realloc(*a, c * sizeof *p);
	if (!p)
		return -1;
	*a = p;
	*cap = c;
	return 0;
}

/* Holds a row back and widens the columns to fit it. */
static int hold_row(table_state *s, const out_field *f, size_t n)
{
	if (grow_array(&s->row_len, &s->rows_cap, s->nrows + 1) != 0 ||
	    grow_array(&s->cell_end, &s->cells_cap, s->ncells + n) != 0)
		return -1;
	if (n > s->ncols) {
		size_t *wd = realloc(s->width, n * sizeof *wd);
		if (!wd)
			return -1;
		for (size_t i = s->ncols; i < n; i++)
			wd[i] = 1;
		s->width = wd;
		s->ncols = n;
	}
	for (size_t i = 0; i < n; i++) {
		out_writer_put(&s->cells, f[i].ptr, f[i].len);
		s->cell_end[s->ncells++] = s->cells.len;
		size_t dw = display_width(f[i].ptr, f[i].len, TABLE_MAX_WIDTH);
		if (dw > s->width[i])
			s->width[i] = dw < TABLE_MAX_WIDTH ? dw : TABLE_MAX_WIDTH;
	}
	if (s->cells.error) {
		errno = ENOMEM;
		return -1;
	}
	s->row_len[s->nrows++] = n;
	return 0;
}

static void release_held(table_state *s)
{
	out_writer_free(&s->cells);
	free(s->cell_end);
	free(s->row_len);
	s->cell_end = s->row_len = NULL;
	s->ncells = s->cells_cap = s->nrows = s->rows_cap = 0;
}

/* Writes the held-back rows at the widths they set, and switches to streaming. */
static int release_rows(out_stream *o)
{
	table_state *s = o->state;
	out_field *f = malloc((s->ncols ? s->ncols : 1) * sizeof *f);
	if (!f)
		return -1;
	size_t cell = 0, start = 0;
	for (size_t r = 0; r < s->nrows; r++) {
		size_t n = s->row_len[r];
		for (size_t i = 0; i < n; i++, cell++) {
			f[i].ptr = s->cells.buf + start;
			f[i].len = s->cell_end[cell] - start;
			start = s->cell_end[cell];
		}
		put_row(o, f, n);
		if (r == 0 && s->header)
			put_separator(o);
	}
	free(f);
	release_held(s);
	s->streaming = true;
	return 0;
}

static int table_begin(out_stream *o, const out_field *names, size_t n)
{
	table_state *s = o->state;
	if (out_writer_init_memory(&s->cells, 1 << 16) != 0)
		return -1;
	s->header = names != NULL;
	if (names && hold_row(s, names, n) != 0) {
		release_held(s);
		free(s->width);
		return -1;
	}
	return 0;
}

static int table_row(out_stream *o, const out_field *f, size_t n)
{
	table_state *s = o->state;
	if (s->streaming) {
		put_row(o, f, n);
		return 0;
	}
	if (hold_row(s, f, n) != 0)
		return -1;
	if (s->nrows - s->header == TABLE_SAMPLE_ROWS)
		return release_rows(o);
	return 0;
}

static int table_end(out_stream *o)
{
	table_state *s = o->state;
	int rc = s->streaming ? 0 : release_rows(o);
	release_held(s);
	free(s->width);
	return rc;
}

const out_format out_table = {
	.name = "table",
	.help = "an aligned text table for reading (widths from the first 1000 records)",
	.state_size = sizeof(table_state),
	.begin = table_begin,
	.row = table_row,
	.end = table_end,
};
