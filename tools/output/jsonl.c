/* jsonl.c - one JSON object per record keyed by the header names (one array per record without a header). */
#include "output/json_keys.h"
#include "output/json_value.h"
#include "output/output.h"

#include <stdbool.h>

/* A record longer than the header gets column_N keys for its extra fields, made unique by the
 * same rules as the header's names (see json_keys.h). */
typedef struct jsonl_state {
	bool header;
	out_json_keys keys;
} jsonl_state;

static int jsonl_begin(out_stream *o, const out_field *names, size_t n)
{
	jsonl_state *s = o->state;
	s->header = names != NULL;
	if (!s->header)
		return 0;
	if (out_json_keys_init(&s->keys) != 0)
		goto fail;
	for (size_t i = 0; i < n; i++)
		if (out_json_keys_add(&s->keys, names[i].ptr, names[i].len) != 0)
			goto fail;
	return 0;
fail:
	out_json_keys_free(&s->keys);
	return -1;
}

static int jsonl_row(out_stream *o, const out_field *f, size_t n)
{
	jsonl_state *s = o->state;
	out_writer *w = o->w;
	if (!s->header) {
		out_writer_byte(w, '[');
		for (size_t i = 0; i < n; i++) {
			if (i > 0)
				out_writer_byte(w, ',');
			out_json_put_value(w, &f[i]);
		}
		out_writer_put(w, "]\n", 2);
		return 0;
	}
	while (s->keys.n < n)
		if (out_json_keys_add(&s->keys, "", 0) != 0)
			return -1;
	out_writer_byte(w, '{');
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			out_writer_byte(w, ',');
		out_json_keys_put(w, &s->keys, i);
		out_json_put_value(w, &f[i]);
	}
	out_writer_put(w, "}\n", 2);
	return 0;
}

static int jsonl_end(out_stream *o)
{
	jsonl_state *s = o->state;
	out_json_keys_free(&s->keys);
	return 0;
}

const out_format out_jsonl = {
	.name = "jsonl",
	.help = "one JSON object per record keyed by the header (arrays with --no-header)",
	.state_size = sizeof(jsonl_state),
	.begin = jsonl_begin,
	.row = jsonl_row,
	.end = jsonl_end,
};
