/* emit.c - reads records, decodes escaped fields, and hands them to the chosen output format. */
#include "sluice/emit.h"

#include <errno.h>
#include <stdlib.h>

#include "sluice/command_output.h"
#include "sluice/input.h"

/* Reusable room for one record's decoded fields. Only the fields that need unescaping are
 * copied; the others point into the input. A decoded value is never longer than its raw
 * bytes, so the raw lengths bound the room a record needs.
 *
 * Every slot's kind stays OUT_STRING except where ragged = pad added a field (a null), so the
 * common field costs no more than its pointer and length; null_end says how far the nulls of
 * the previous record reach, for the next one to undo them. */
typedef struct decoder {
	out_field *fields;
	size_t fields_cap;
	size_t null_end;         /* fields[0..null_end) may hold a null of the previous record */
	char *buf;
	size_t buf_cap;
} decoder;

static int reserve_fields(decoder *dc, size_t n)
{
	if (n <= dc->fields_cap)
		return 0;
	size_t cap = dc->fields_cap ? dc->fields_cap : 16;
	while (cap < n)
		cap *= 2;
	out_field *f = realloc(dc->fields, cap * sizeof *f);
	if (!f)
		return -1;
	for (size_t i = dc->fields_cap; i < cap; i++)
		f[i].kind = OUT_STRING;
	dc->fields = f;
	dc->fields_cap = cap;
	return 0;
}

static int decode_row(decoder *dc, const sluice_dialect *d, const sluice_row *row)
{
	size_t n = row->nfields;
	size_t need = 0;
	if (reserve_fields(dc, n) != 0)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (row->fields[i].flags & SLUICE_FIELD_NEEDS_UNESCAPE)
			need += row->fields[i].len;
	if (need > dc->buf_cap) {
		size_t cap = need > 2 * dc->buf_cap ? need : 2 * dc->buf_cap;
		char *p = realloc(dc->buf, cap);
		if (!p)
			return -1;
		dc->buf = p;
		dc->buf_cap = cap;
	}
	for (size_t i = 0; i < dc->null_end; i++)
		dc->fields[i].kind = OUT_STRING;
	dc->null_end = 0;
	char *p = dc->buf;
	for (size_t i = 0; i < n; i++) {
		const sluice_field *sf = &row->fields[i];
		out_field *f = &dc->fields[i];
		if (!(sf->flags & (SLUICE_FIELD_NEEDS_UNESCAPE | SLUICE_FIELD_MISSING))) {
			f->ptr = sf->ptr;
			f->len = sf->len;
		} else if (sf->flags & SLUICE_FIELD_MISSING) {
			/* Not in the record: no value, rather than an empty one. */
			f->ptr = "";
			f->len = 0;
			f->kind = OUT_NULL;
			dc->null_end = i + 1;
		} else {
			size_t len = sf->len ? sluice_field_unescape(d, sf, p, sf->len) : 0;
			f->ptr = p;
			f->len = len;
			p += len;
		}
	}
	return 0;
}

/* Begins the output with the header's names, or with none when the input has no header. */
static int begin_output(out_stream *out, const cli_options *o, out_writer *w, sluice_reader *r)
{
	size_t n = sluice_reader_column_count(r);
	if (n == 0)
		return out_begin(out, o->format, w, NULL, 0);
	out_field *names = malloc(n * sizeof *names);
	if (!names)
		return -1;
	for (size_t i = 0; i < n; i++) {
		size_t len = 0;
		names[i].ptr = sluice_reader_column_name(r, i, &len);
		names[i].len = len;
		names[i].kind = OUT_STRING;
	}
	int rc = out_begin(out, o->format, w, names, n);
	free(names);
	return rc;
}

static int report_input_error(const void *ctx)
{
	return cli_input_error(ctx);
}

static void report_repairs(const void *ctx, int rc)
{
	const cli_input *in = ctx;
	(void)rc; /* repairs are worth knowing about even when the input failed later */
	cli_diag_repairs(in->reader, in->name);
}

int cli_emit_records(const cli_options *o, uint64_t limit)
{
	cli_input in;
	out_writer w;
	out_stream out;
	decoder dc = { 0 };
	int rc = cli_input_open(&in, o);
	if (rc != EXIT_OK)
		return rc;
	rc = cli_command_output_open(&w);
	if (rc != EXIT_OK) {
		cli_input_close(&in);
		return rc;
	}

	const sluice_dialect *d = sluice_reader_dialect(in.reader);
	int status = SLUICE_OK;
	int format_errno = 0;
	if (begin_output(&out, o, &w, in.reader) != 0) {
		format_errno = errno;
	} else {
		sluice_row row;
		for (uint64_t count = 0; count < limit && !out_writer_failed(&w); count++) {
			status = sluice_reader_next(in.reader, &row);
			if (status != SLUICE_OK)
				break;
			if (decode_row(&dc, d, &row) != 0 || out_row(&out, dc.fields, row.nfields) != 0) {
				format_errno = errno;
				break;
			}
		}
		if (out_end(&out) != 0 && format_errno == 0)
			format_errno = errno;
	}

	const cli_command_end end = { .fail = report_input_error, .written = report_repairs, .ctx = &in };
	rc = cli_command_output_close(&w, status, format_errno, &end);
	free(dc.fields);
	free(dc.buf);
	cli_input_close(&in);
	return rc;
}
