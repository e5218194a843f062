/* schema_text.c - a query's input columns and its dialect's bytes, as text and as JSON. */
#include <stdio.h>
#include <string.h>

#include "sluice/schema_text.h"
#include "output/json_string.h"

/* Names longer than this stick out of the column of types. */
#define NAME_WIDTH_MAX 40

const char *cli_dialect_byte_text(int c, char *buf, size_t cap)
{
	if (c == SLUICE_NO_CHAR)
		return "none";
	if (c == '\t')
		return "tab";
	if (c == ' ')
		return "space";
	if (c > ' ' && c < 0x7F)
		snprintf(buf, cap, "%c", c);
	else
		snprintf(buf, cap, "\\x%02X", (unsigned)c & 0xFFu);
	return buf;
}

void cli_put_json_dialect_byte(out_writer *w, int c)
{
	if (c == SLUICE_NO_CHAR) {
		out_writer_put(w, "null", 4);
		return;
	}
	const char b = (char)c;
	out_json_put_string(w, &b, 1);
}

void cli_put_columns_text(out_writer *w, const sluice_query *q)
{
	const size_t n = sluice_query_input_count(q);
	size_t width = 0;
	for (size_t i = 0; i < n; i++) {
		const size_t len = strlen(sluice_query_input_name(q, i));
		width = len > width ? len : width;
	}
	if (width > NAME_WIDTH_MAX)
		width = NAME_WIDTH_MAX;
	for (size_t i = 0; i < n; i++) {
		const char *name = sluice_query_input_name(q, i);
		const size_t len = strlen(name);
		out_writer_put(w, "  ", 2);
		out_writer_put(w, name, len);
		const size_t pad = len < width ? width - len + 2 : 2;
		for (size_t k = 0; k < pad; k++)
			out_writer_byte(w, ' ');
		out_writer_str(w, sluice_type_name(sluice_query_input_type(q, i)));
		out_writer_byte(w, '\n');
	}
}

void cli_put_columns_json(out_writer *w, const sluice_query *q)
{
	out_writer_byte(w, '[');
	for (size_t i = 0; i < sluice_query_input_count(q); i++) {
		const char *name = sluice_query_input_name(q, i);
		out_writer_str(w, i ? ",{\"name\":" : "{\"name\":");
		out_json_put_string(w, name, strlen(name));
		out_writer_str(w, ",\"type\":\"");
		out_writer_str(w, sluice_type_name(sluice_query_input_type(q, i)));
		out_writer_str(w, "\"}");
	}
	out_writer_byte(w, ']');
}
