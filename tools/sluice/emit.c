/* emit.c - reads records, decodes escaped fields, and hands them to the chosen output format. */
#include "emit.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "input.h"

/* Reusable room for one record's decoded fields. Only the fields that need unescaping are
 * copied; the others point into the input. A decoded value is never longer than its raw
 * bytes, so the raw lengths bound the room a record needs. */
typedef struct decoder {
	out_field *fields;
	size_t fields_cap;
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
	char *p = dc->buf;
	for (size_t i = 0; i < n; i++) {
		const sluice_field *sf = &row->fields[i];
		if (sf->flags & SLUICE_FIELD_NEEDS_UNESCAPE) {
			size_t len = sf->len ? sluice_field_unescape(d, sf, p, sf->len) : 0;
			dc->fields[i].ptr = p;
			dc->fields[i].len = len;
			p += len;
		} else {
			dc->fields[i].ptr = sf->ptr;
			dc->fields[i].len = sf->len;
		}
	}
	return 0;
}

/* Begins the output with the header's names, or with none when the input has no header. */
static int begin_output(output *out, const cli_options *o, writer *w, sluice_reader *r)
{
	size_t n = sluice_reader_column_count(r);
	if (n == 0)
		return output_begin(out, o->format, w, NULL, 0);
	out_field *names = malloc(n * sizeof *names);
	if (!names)
		return -1;
	for (size_t i = 0; i < n; i++) {
		size_t len = 0;
		names[i].ptr = sluice_reader_column_name(r, i, &len);
		names[i].len = len;
	}
	int rc = output_begin(out, o->format, w, names, n);
	free(names);
	return rc;
}

int emit_records(const cli_options *o, uint64_t limit)
{
	input in;
	writer w;
	output out;
	decoder dc = { 0 };
	int rc = input_open(&in, o);
	if (rc != EXIT_OK)
		return rc;
	if (writer_init(&w, STDOUT_FILENO, WRITER_DEFAULT_CAP) != 0) {
		diag("%s", strerror(errno));
		input_close(&in);
		return EXIT_DATA;
	}

	const sluice_dialect *d = sluice_reader_dialect(in.reader);
	int status = SLUICE_OK;
	int format_errno = 0;
	if (begin_output(&out, o, &w, in.reader) != 0) {
		format_errno = errno;
	} else {
		sluice_row row;
		for (uint64_t count = 0; count < limit && !writer_failed(&w); count++) {
			status = sluice_reader_next(in.reader, &row);
			if (status != SLUICE_OK)
				break;
			if (decode_row(&dc, d, &row) != 0 || output_row(&out, dc.fields, row.nfields) != 0) {
				format_errno = errno;
				break;
			}
		}
		if (output_end(&out) != 0 && format_errno == 0)
			format_errno = errno;
	}

	int write_errno = writer_flush(&w);
	rc = EXIT_OK;
	if (status < 0)
		rc = input_error(&in);
	if (format_errno != 0) {
		diag("%s", strerror(format_errno));
		rc = EXIT_DATA;
	}
	if (write_errno != 0) {
		int wrc = diag_write_error(write_errno);
		if (rc == EXIT_OK)
			rc = wrc;
	} else {
		diag_repairs(in.reader, in.name);
	}

	free(dc.fields);
	free(dc.buf);
	writer_free(&w);
	input_close(&in);
	return rc;
}
