/* reference.c - a byte-at-a-time CSV parser that follows docs/reading-rules.md, sharing no code with src/. */
#include "reference.h"

#include <stdlib.h>
#include <string.h>

/* The states of the machine, named as in the doc. */
typedef enum ref_state {
	ST_RECORD_START,
	ST_COMMENT,
	ST_FIELD_START,
	ST_UNQUOTED,
	ST_QUOTED,
	ST_AFTER_QUOTE,
	ST_AFTER_QUOTE_WS,
	ST_ESCAPED,
} ref_state;

/* A growable byte buffer for the field being read. */
typedef struct ref_bytes {
	char *p;
	size_t len, cap;
} ref_bytes;

/* Everything the machine carries while it reads. */
typedef struct ref_parser {
	const uint8_t *in;
	size_t len;
	const sluice_dialect *d;
	ref_result *out;
	size_t records_cap;
	uint64_t *line_of; /* line_of[i]: 1-based physical line of byte i; line_of[len] is the line at the end */

	ref_field *fields; /* the record being read */
	size_t nfields, fields_cap;
	uint64_t rec_offset;

	ref_bytes value; /* the field being read */
	size_t keep;     /* value bytes to keep when trim drops trailing unquoted spaces */
	bool quoted;
	uint64_t open_offset;
	bool oom;
	unsigned repairs; /* REPAIR_* kinds of repair the record being read needed */
	ref_state escaped_from; /* ST_ESCAPED goes back to this state */
	bool failed;      /* a strict error was found (fail) */
} ref_parser;

enum { REPAIR_BARE_QUOTE = 1, REPAIR_AFTER_QUOTE = 2, REPAIR_UNTERMINATED = 4 };

const char *ref_error_name(ref_error_kind e)
{
	switch (e) {
	case REF_ERR_NONE: return "none";
	case REF_ERR_BARE_QUOTE: return "quote inside an unquoted field";
	case REF_ERR_AFTER_QUOTE: return "text after a closing quote";
	case REF_ERR_UNTERMINATED: return "unterminated quoted field";
	}
	return "?";
}

static bool is_line_end(uint8_t c)
{
	return c == '\n' || c == '\r';
}

static bool is_blank(uint8_t c)
{
	return c == ' ' || c == '\t';
}

/* Index just past the line end at pos: a CR followed by LF is one line end. */
static size_t skip_line_end(const ref_parser *p, size_t pos)
{
	if (p->in[pos] == '\r' && pos + 1 < p->len && p->in[pos + 1] == '\n')
		return pos + 2;
	return pos + 1;
}

static void append(ref_parser *p, uint8_t c, bool keep)
{
	if (p->value.len == p->value.cap) {
		size_t cap = p->value.cap ? p->value.cap * 2 : 16;
		char *n = realloc(p->value.p, cap);
		if (n == NULL) {
			p->oom = true;
			return;
		}
		p->value.p = n;
		p->value.cap = cap;
	}
	p->value.p[p->value.len++] = (char)c;
	if (keep)
		p->keep = p->value.len;
}

static void begin_field(ref_parser *p)
{
	p->value.len = 0;
	p->keep = 0;
	p->quoted = false;
}

static void end_field(ref_parser *p)
{
	if (p->nfields == p->fields_cap) {
		size_t cap = p->fields_cap ? p->fields_cap * 2 : 8;
		ref_field *n = realloc(p->fields, cap * sizeof *n);
		if (n == NULL) {
			p->oom = true;
			return;
		}
		p->fields = n;
		p->fields_cap = cap;
	}
	size_t n = p->d->trim ? p->keep : p->value.len;
	char *data = malloc(n + 1);
	if (data == NULL) {
		p->oom = true;
		return;
	}
	if (n)
		memcpy(data, p->value.p, n);
	data[n] = '\0';
	p->fields[p->nfields++] = (ref_field){ .data = data, .len = n, .quoted = p->quoted };
}

static void end_record(ref_parser *p)
{
	ref_result *r = p->out;
	r->repaired_records += p->repairs != 0;
	r->repaired_bare_quote += (p->repairs & REPAIR_BARE_QUOTE) != 0;
	r->repaired_after_quote += (p->repairs & REPAIR_AFTER_QUOTE) != 0;
	r->repaired_unterminated += (p->repairs & REPAIR_UNTERMINATED) != 0;
	p->repairs = 0;
	if (r->nrecords == p->records_cap) {
		size_t cap = p->records_cap ? p->records_cap * 2 : 16;
		ref_record *n = realloc(r->records, cap * sizeof *n);
		if (n == NULL) {
			p->oom = true;
			return;
		}
		r->records = n;
		p->records_cap = cap;
	}
	r->records[r->nrecords++] = (ref_record){
		.fields = p->fields,
		.nfields = p->nfields,
		.line = p->line_of[p->rec_offset],
		.offset = p->rec_offset,
	};
	p->fields = NULL;
	p->nfields = 0;
	p->fields_cap = 0;
}

/* Strict mode: records the first error; the record being read is dropped. */
static void fail(ref_parser *p, ref_error_kind kind, size_t pos)
{
	ref_result *r = p->out;
	r->error = kind;
	r->err_offset = kind == REF_ERR_UNTERMINATED ? p->open_offset : pos;
	r->err_line = p->line_of[r->err_offset];
	r->err_column = p->nfields + 1;
	r->err_record = r->nrecords;
	r->err_record_offset = p->rec_offset;
	p->failed = true;
}

/* Length of the comment prefix; the array may lack its NUL when all SLUICE_COMMENT_MAX bytes are used. */
static size_t comment_len(const sluice_dialect *d)
{
	size_t n = 0;
	while (n < SLUICE_COMMENT_MAX && d->comment[n] != '\0')
		n++;
	return n;
}

static bool comment_at(const ref_parser *p, size_t pos)
{
	size_t n = comment_len(p->d);
	return n > 0 && p->len - pos >= n && memcmp(p->in + pos, p->d->comment, n) == 0;
}

/* A byte after a closing quote: an error when strict, else joined to the field. */
static void after_quote_text(ref_parser *p, uint8_t c, size_t pos)
{
	if (p->d->strict) {
		fail(p, REF_ERR_AFTER_QUOTE, pos);
		return;
	}
	p->repairs |= REPAIR_AFTER_QUOTE;
	append(p, c, true);
}

/* A delimiter: the field ends and the next one begins. */
static ref_state next_field(ref_parser *p, size_t *pos)
{
	end_field(p);
	begin_field(p);
	(*pos)++;
	return ST_FIELD_START;
}

/* A line end at *pos: the field and the record end. */
static ref_state end_line(ref_parser *p, size_t *pos)
{
	end_field(p);
	end_record(p);
	*pos = skip_line_end(p, *pos);
	return ST_RECORD_START;
}

/* An escape byte: the next byte is taken as it is, then the machine goes back to state from. */
static ref_state escape(ref_parser *p, ref_state from, size_t *pos)
{
	p->escaped_from = from;
	(*pos)++;
	return ST_ESCAPED;
}

/*
 * One state of the machine each: reads byte c at *pos, moves *pos on (or leaves it for the next
 * state to read the same byte) and returns the next state. A strict error sets p->failed.
 */
static ref_state on_record_start(ref_parser *p, uint8_t c, size_t *pos)
{
	p->rec_offset = *pos;
	if (comment_at(p, *pos)) {
		p->out->comment_lines++;
		*pos += comment_len(p->d);
		return ST_COMMENT;
	}
	if (!is_line_end(c)) {
		begin_field(p);
		return ST_FIELD_START; /* the same byte is read again there */
	}
	if (p->d->skip_empty_lines) {
		p->out->empty_lines++;
		*pos = skip_line_end(p, *pos);
		return ST_RECORD_START;
	}
	begin_field(p);
	return end_line(p, pos);
}

static ref_state on_comment(ref_parser *p, uint8_t c, size_t *pos)
{
	if (is_line_end(c)) {
		*pos = skip_line_end(p, *pos);
		return ST_RECORD_START;
	}
	(*pos)++;
	return ST_COMMENT;
}

static ref_state on_field_start(ref_parser *p, uint8_t c, size_t *pos)
{
	const sluice_dialect *d = p->d;
	if (d->quote != SLUICE_NO_CHAR && c == (uint8_t)d->quote) {
		p->quoted = true;
		p->open_offset = *pos;
		(*pos)++;
		return ST_QUOTED;
	}
	if (c == d->delimiter)
		return next_field(p, pos);
	if (is_line_end(c))
		return end_line(p, pos);
	if (d->escape != SLUICE_NO_CHAR && c == (uint8_t)d->escape)
		return escape(p, ST_UNQUOTED, pos);
	(*pos)++;
	if (d->trim && is_blank(c))
		return ST_FIELD_START;
	append(p, c, !is_blank(c));
	return ST_UNQUOTED;
}

static ref_state on_unquoted(ref_parser *p, uint8_t c, size_t *pos)
{
	const sluice_dialect *d = p->d;
	if (c == d->delimiter)
		return next_field(p, pos);
	if (is_line_end(c))
		return end_line(p, pos);
	if (d->escape != SLUICE_NO_CHAR && c == (uint8_t)d->escape)
		return escape(p, ST_UNQUOTED, pos);
	if (d->quote != SLUICE_NO_CHAR && c == (uint8_t)d->quote) {
		if (d->strict) {
			fail(p, REF_ERR_BARE_QUOTE, *pos);
			return ST_UNQUOTED;
		}
		p->repairs |= REPAIR_BARE_QUOTE;
		append(p, c, true);
	} else {
		append(p, c, !is_blank(c));
	}
	(*pos)++;
	return ST_UNQUOTED;
}

static ref_state on_quoted(ref_parser *p, uint8_t c, size_t *pos)
{
	const sluice_dialect *d = p->d;
	if (c == (uint8_t)d->quote) {
		(*pos)++;
		return ST_AFTER_QUOTE;
	}
	if (d->escape != SLUICE_NO_CHAR && c == (uint8_t)d->escape)
		return escape(p, ST_QUOTED, pos);
	append(p, c, true);
	(*pos)++;
	return ST_QUOTED;
}

/* After a closing quote (ws: trim on, and blanks have followed it, so a quote is text, not half of
 * a pair). */
static ref_state on_after_quote(ref_parser *p, uint8_t c, size_t *pos, bool ws)
{
	const sluice_dialect *d = p->d;
	if (!ws && c == (uint8_t)d->quote && d->double_quote) {
		append(p, c, true);
		(*pos)++;
		return ST_QUOTED;
	}
	if (c == d->delimiter)
		return next_field(p, pos);
	if (is_line_end(c))
		return end_line(p, pos);
	(*pos)++;
	if (d->trim && is_blank(c))
		return ST_AFTER_QUOTE_WS;
	after_quote_text(p, c, *pos - 1);
	return ST_UNQUOTED;
}

/* The end of input ends the last record. Returns false on a strict error. */
static bool end_input(ref_parser *p, ref_state state)
{
	if (state == ST_ESCAPED) {
		append(p, (uint8_t)p->d->escape, true);
		state = p->escaped_from;
	}
	switch (state) {
	case ST_RECORD_START:
	case ST_COMMENT:
		return true;
	case ST_QUOTED:
		if (p->d->strict) {
			fail(p, REF_ERR_UNTERMINATED, p->len);
			return false;
		}
		p->repairs |= REPAIR_UNTERMINATED;
		break;
	case ST_FIELD_START:
	case ST_UNQUOTED:
	case ST_AFTER_QUOTE:
	case ST_AFTER_QUOTE_WS:
	case ST_ESCAPED:
		break;
	}
	end_field(p);
	end_record(p);
	return true;
}

/* Runs the machine over the whole input; returns false on a strict error. */
static bool run(ref_parser *p)
{
	ref_state state = ST_RECORD_START;
	size_t pos = 0;
	if (p->len >= 3 && p->in[0] == 0xEF && p->in[1] == 0xBB && p->in[2] == 0xBF)
		pos = 3;
	while (pos < p->len && !p->oom) {
		const uint8_t c = p->in[pos];
		switch (state) {
		case ST_RECORD_START: state = on_record_start(p, c, &pos); break;
		case ST_COMMENT: state = on_comment(p, c, &pos); break;
		case ST_FIELD_START: state = on_field_start(p, c, &pos); break;
		case ST_UNQUOTED: state = on_unquoted(p, c, &pos); break;
		case ST_QUOTED: state = on_quoted(p, c, &pos); break;
		case ST_AFTER_QUOTE: state = on_after_quote(p, c, &pos, false); break;
		case ST_AFTER_QUOTE_WS: state = on_after_quote(p, c, &pos, true); break;
		case ST_ESCAPED:
			append(p, c, true);
			state = p->escaped_from;
			pos++;
			break;
		}
		if (p->failed)
			return false;
	}
	return p->oom || end_input(p, state);
}

int ref_parse(const void *data, size_t len, const sluice_dialect *d, ref_result *out)
{
	memset(out, 0, sizeof *out);
	ref_parser p = { .in = data, .len = len, .d = d, .out = out };

	p.line_of = malloc((len + 1) * sizeof *p.line_of);
	if (p.line_of == NULL)
		return -1;
	p.line_of[0] = 1;
	for (size_t i = 0; i < len; i++) {
		const uint8_t c = p.in[i];
		const bool ends = c == '\n' || (c == '\r' && (i + 1 == len || p.in[i + 1] != '\n'));
		p.line_of[i + 1] = p.line_of[i] + ends;
	}

	run(&p);

	for (size_t i = 0; i < p.nfields; i++)
		free(p.fields[i].data);
	free(p.fields);
	free(p.value.p);
	free(p.line_of);
	if (p.oom) {
		ref_result_free(out);
		return -1;
	}
	return 0;
}

void ref_result_free(ref_result *r)
{
	if (r == NULL)
		return;
	for (size_t i = 0; i < r->nrecords; i++) {
		for (size_t j = 0; j < r->records[i].nfields; j++)
			free(r->records[i].fields[j].data);
		free(r->records[i].fields);
	}
	free(r->records);
	memset(r, 0, sizeof *r);
}
