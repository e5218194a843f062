/* output.c - the list of output formats and the calls that bind one to a writer. */
#include "output.h"

#include <stdlib.h>
#include <string.h>

const output_format *const output_formats[] = {
	&output_csv, &output_tsv, &output_json, &output_jsonl, &output_table, NULL,
};

const output_format *output_find(const char *name)
{
	for (size_t i = 0; output_formats[i]; i++)
		if (strcmp(output_formats[i]->name, name) == 0)
			return output_formats[i];
	return NULL;
}

int output_begin(output *o, const output_format *f, writer *w, const out_field *names, size_t n)
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

int output_end(output *o)
{
	int rc = o->format->end(o);
	free(o->state);
	o->state = NULL;
	return rc;
}
