/* json.c - one JSON array of arrays, the header first: [["a","b"],["x",1]], each value written by its kind. */
#include "output/json_keys.h"
#include "output/json_value.h"
#include "output/output.h"

#include <stdbool.h>

typedef struct json_state {
	bool any; /* an inner array has been written, so the next one needs a comma */
} json_state;

static void put_array(out_stream *o, const out_field *f, size_t n)
{
	json_state *s = o->state;
	out_writer *w = o->w;
	if (s->any)
		out_writer_byte(w, ',');
	s->any = true;
	out_writer_byte(w, '[');
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			out_writer_byte(w, ',');
		out_json_put_value(w, &f[i]);
	}
	out_writer_byte(w, ']');
}

/* The header's names as the jsonl keys are (json_keys.h): the same names in both JSON formats,
 * and the ones a query over the same file gives its columns. */
static int put_header(out_stream *o, const out_field *names, size_t n)
{
	json_state *s = o->state;
	out_json_keys keys;
	int rc = out_json_keys_init(&keys);
	for (size_t i = 0; i < n && rc == 0; i++)
		rc = out_json_keys_add(&keys, names[i].ptr, names[i].len);
	if (rc == 0) {
		out_writer_byte(o->w, '[');
		for (size_t i = 0; i < n; i++) {
			if (i > 0)
				out_writer_byte(o->w, ',');
			out_json_keys_put_name(o->w, &keys, i);
		}
		out_writer_byte(o->w, ']');
		s->any = true;
	}
	out_json_keys_free(&keys);
	return rc;
}

static int json_begin(out_stream *o, const out_field *names, size_t n)
{
	out_writer_byte(o->w, '[');
	return names ? put_header(o, names, n) : 0;
}

static int json_row(out_stream *o, const out_field *fields, size_t n)
{
	put_array(o, fields, n);
	return 0;
}

static int json_end(out_stream *o)
{
	out_writer_put(o->w, "]\n", 2);
	return 0;
}

const out_format out_json = {
	.name = "json",
	.help = "one JSON array of arrays, the header first (query: typed values)",
	.state_size = sizeof(json_state),
	.begin = json_begin,
	.row = json_row,
	.end = json_end,
};
