/* json_value.c - numbers, booleans and nulls in JSON, falling back to a string for text JSON has no literal for. */
#include "output/json_value.h"

#include <stdbool.h>
#include <string.h>

/* True when p[0..n) is a JSON number: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
static bool is_json_number(const char *p, size_t n)
{
	size_t i = 0, k;
	if (i < n && p[i] == '-')
		i++;
	if (i < n && p[i] == '0') {
		i++;
	} else {
		for (k = i; i < n && p[i] >= '0' && p[i] <= '9'; i++)
			;
		if (i == k)
			return false;
	}
	if (i < n && p[i] == '.') {
		for (k = ++i; i < n && p[i] >= '0' && p[i] <= '9'; i++)
			;
		if (i == k)
			return false;
	}
	if (i < n && (p[i] == 'e' || p[i] == 'E')) {
		i++;
		if (i < n && (p[i] == '+' || p[i] == '-'))
			i++;
		for (k = i; i < n && p[i] >= '0' && p[i] <= '9'; i++)
			;
		if (i == k)
			return false;
	}
	return i == n;
}

static bool is_json_boolean(const char *p, size_t n)
{
	return (n == 4 && memcmp(p, "true", 4) == 0) || (n == 5 && memcmp(p, "false", 5) == 0);
}

void out_json_put_typed(out_writer *w, const out_field *f)
{
	bool bare;
	switch (f->kind) {
	case OUT_NULL:
		out_writer_put(w, "null", 4);
		return;
	case OUT_NUMBER:
		bare = is_json_number(f->ptr, f->len);
		break;
	case OUT_BOOLEAN:
		bare = is_json_boolean(f->ptr, f->len);
		break;
	default:
		bare = false;
		break;
	}
	if (bare)
		out_writer_put(w, f->ptr, f->len);
	else
		out_json_put_string(w, f->ptr, f->len);
}
