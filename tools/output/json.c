/* json.c - one JSON array of arrays, the header first: [["a","b"],["x",1]], each value written by its kind. */
#include "json_value.h"
#include "output.h"

#include <stdbool.h>

typedef struct json_state {
	bool any; /* an inner array has been written, so the next one needs a comma */
} json_state;

static void put_array(output *o, const out_field *f, size_t n)
{
	json_state *s = o->state;
	writer *w = o->w;
	if (s->any)
		writer_byte(w, ',');
	s->any = true;
	writer_byte(w, '[');
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			writer_byte(w, ',');
		json_put_value(w, &f[i]);
	}
	writer_byte(w, ']');
}

static int json_begin(output *o, const out_field *names, size_t n)
{
	writer_byte(o->w, '[');
	if (names)
		put_array(o, names, n);
	return 0;
}

static int json_row(output *o, const out_field *fields, size_t n)
{
	put_array(o, fields, n);
	return 0;
}

static int json_end(output *o)
{
	writer_put(o->w, "]\n", 2);
	return 0;
}

const output_format output_json = {
	.name = "json",
	.help = "one JSON array of arrays, the header first (query: typed values)",
	.state_size = sizeof(json_state),
	.begin = json_begin,
	.row = json_row,
	.end = json_end,
};
