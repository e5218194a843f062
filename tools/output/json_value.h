/* json_value.h - writes an output field as the JSON value of its kind, for the json and jsonl formats. */
#ifndef SLUICE_TOOLS_JSON_VALUE_H
#define SLUICE_TOOLS_JSON_VALUE_H

#include "output/json_string.h"
#include "output/output.h"

/* Writes a field that is not a string (the slow half of out_json_put_value). */
void out_json_put_typed(out_writer *w, const out_field *f);

/* Writes f as a JSON string, number, true/false or null by its kind. A number or boolean whose
 * text JSON cannot hold as one (inf, nan) is written as a string, so the output stays valid. */
static inline void out_json_put_value(out_writer *w, const out_field *f)
{
	if (f->kind == OUT_STRING)
		out_json_put_string(w, f->ptr, f->len);
	else
		out_json_put_typed(w, f);
}

#endif /* SLUICE_TOOLS_JSON_VALUE_H */
