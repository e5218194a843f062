/* output.c - the list of output formats and the calls that bind one to a writer. */
#include "output/output.h"

#include <stdlib.h>
#include <string.h>

const out_format *const out_formats[] = {
	&out_csv, &out_tsv, &out_json, &out_jsonl, &out_table, NULL,
};

const out_format *out_find(const char *name)
{
	for (size_t i = 0; out_formats[i]; i++)
		if (strcmp(out_formats[i]->name, name) == 0)
			return out_formats[i];
	return NULL;
}

int out_begin(out_stream *o, const out_format *f, out_writer *w, const out_field *names, size_t n)
{
	o->format = f;
	o->w = w;
	o->state = NULL;
	if (f->state_size > 0) {
		o->state = calloc(1, f->state_size);
		if (!o->state)
			return -1;
	}
	if (f->begin(o, names, n) != 0) {
		free(o->state);
		o->state = NULL;
		return -1;
	}
	return 0;
}

int out_end(out_stream *o)
{
	int rc = o->format->end(o);
	free(o->state);
	o->state = NULL;
	return rc;
}
