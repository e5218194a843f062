/* query_output.c - turns query values into output fields: their text, and their kind from the column type. */
#include "sluice/query_output.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

out_kind cli_query_column_kind(sluice_type t)
{
	switch (t) {
	case SLUICE_TYPE_BIGINT:
	case SLUICE_TYPE_DOUBLE:
		return OUT_NUMBER;
	case SLUICE_TYPE_BOOLEAN:
		return OUT_BOOLEAN;
	default:
		return OUT_STRING;
	}
}

void cli_query_value_field(out_field *f, const sluice_value *v, out_kind kind, char *buf)
{
	if (v->null || v->type == SLUICE_TYPE_NULL) {
		*f = (out_field){ .ptr = "", .len = 0, .kind = OUT_NULL };
		return;
	}
	f->kind = kind;
	if (v->type == SLUICE_TYPE_VARCHAR) {
		f->ptr = v->u.s.len ? v->u.s.ptr : "";
		f->len = v->u.s.len;
		return;
	}
	size_t n = sluice_value_format(v, buf, CLI_QUERY_TEXT_CAP);
	f->ptr = buf;
	f->len = n < CLI_QUERY_TEXT_CAP ? n : CLI_QUERY_TEXT_CAP - 1;
}

static void release(cli_query_output *qo)
{
	free(qo->kinds);
	free(qo->fields);
	free(qo->text);
	qo->kinds = NULL;
	qo->fields = NULL;
	qo->text = NULL;
}

int cli_query_output_begin(cli_query_output *qo, const out_format *f, out_writer *w, const sluice_query *q)
{
	memset(qo, 0, sizeof *qo);
	qo->ncols = sluice_query_column_count(q);
	size_t n = qo->ncols ? qo->ncols : 1;
	qo->kinds = calloc(n, sizeof *qo->kinds);
	qo->fields = calloc(n, sizeof *qo->fields);
	qo->text = malloc(n * CLI_QUERY_TEXT_CAP);
	if (!qo->kinds || !qo->fields || !qo->text)
		goto fail;
	for (size_t i = 0; i < qo->ncols; i++) {
		const char *name = sluice_query_column_name(q, i);
		qo->kinds[i] = cli_query_column_kind(sluice_query_column_type(q, i));
		qo->fields[i].ptr = name ? name : "";
		qo->fields[i].len = strlen(qo->fields[i].ptr);
		qo->fields[i].kind = OUT_STRING;
	}
	/* No columns (an empty file) is no header, as it is for cat. */
	if (out_begin(&qo->out, f, w, qo->ncols ? qo->fields : NULL, qo->ncols) != 0)
		goto fail;
	return 0;
fail:
	release(qo);
	return -1;
}

int cli_query_output_row(cli_query_output *qo, const sluice_batch *b, size_t r)
{
	for (size_t c = 0; c < qo->ncols; c++)
		cli_query_value_field(&qo->fields[c], &b->columns[c][r], qo->kinds[c], qo->text + c * CLI_QUERY_TEXT_CAP);
	return out_row(&qo->out, qo->fields, qo->ncols);
}

int cli_query_output_end(cli_query_output *qo)
{
	int rc = out_end(&qo->out);
	int e = errno;
	release(qo);
	errno = e;
	return rc;
}
