/* jsonl.c - one JSON object per record keyed by the header names (one array per record without a header). */
#include "json_keys.h"
#include "json_value.h"
#include "output.h"

#include <stdbool.h>

/* A record longer than the header gets column_N keys for its extra fields, made unique by the
 * same rules as the header's names (see json_keys.h). */
typedef struct jsonl_state {
	bool header;
	json_keys keys;
} jsonl_state;

static int jsonl_begin(output *o, const out_field *names, size_t n)
{
	jsonl_state *s = o->state;
	s->header = names != NULL;
	if (!s->header)
		return 0;
	if (json_keys_init(&s->keys) != 0)
		goto fail;
	for (size_t i = 0; i < n; i++)
		if (json_keys_add(&s->keys, names[i].ptr, names[i].len) != 0)
			goto fail;
	return 0;
fail:
	json_keys_free(&s->keys);
	return -1;
}

static int jsonl_row(output *o, const out_field *f, size_t n)
{
	jsonl_state *s = o->state;
	writer *w = o->w;
	if (!s->header) {
		writer_byte(w, '[');
		for (size_t i = 0; i < n; i++) {
			if (i > 0)
				writer_byte(w, ',');
			json_put_value(w, &f[i]);
		}
		writer_put(w, "]\n", 2);
		return 0;
	}
	while (s->keys.n < n)
		if (json_keys_add(&s->keys, "", 0) != 0)
			return -1;
	writer_byte(w, '{');
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			writer_byte(w, ',');
		json_keys_put(w, &s->keys, i);
		json_put_value(w, &f[i]);
	}
	writer_put(w, "}\n", 2);
	return 0;
}

static int jsonl_end(output *o)
{
	jsonl_state *s = o->state;
	json_keys_free(&s->keys);
	return 0;
}

const output_format output_jsonl = {
	.name = "jsonl",
	.help = "one JSON object per record keyed by the header (arrays with --no-header)",
	.state_size = sizeof(jsonl_state),
	.begin = jsonl_begin,
	.row = jsonl_row,
	.end = jsonl_end,
};
