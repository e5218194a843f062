/* output.h - the interface of an output format (csv, tsv, json, jsonl, table) and the list of them. */
#ifndef SLUICE_TOOLS_OUTPUT_H
#define SLUICE_TOOLS_OUTPUT_H

#include <stddef.h>
#include <stdint.h>

#include "output/writer.h"

/* What a field's bytes stand for. Only the JSON formats tell the kinds apart: the text formats
 * write every field's bytes, and a null field has none, so it comes out as an empty field. */
typedef enum out_kind {
	OUT_STRING = 0,            /* any bytes (the default, so zeroed fields are strings) */
	OUT_NUMBER,                /* the text of a number */
	OUT_BOOLEAN,               /* "true" or "false" */
	OUT_NULL,                  /* no value: len is 0 */
} out_kind;

/* A decoded field value: the bytes a reader means, after unescaping, and what they stand for. */
typedef struct out_field {
	const char *ptr;
	size_t len;
	out_kind kind;
} out_field;

typedef struct out_stream out_stream;

/* One format. The caller calls begin once, row once per record, and end once after a begin that
 * succeeded (also when it stops early: end releases what the format holds). Field slices are
 * only valid during the call. Every function writes through o->w and returns 0, or -1 with
 * errno set when the format itself failed (an allocation); write errors stay in the writer. */
typedef struct out_format {
	const char *name;
	const char *help;          /* one line for --help */
	size_t state_size;         /* bytes of private state, zeroed before begin, freed after end */
	/* names: the header's n column names, or NULL when the input has no header. */
	int (*begin)(out_stream *o, const out_field *names, size_t n);
	int (*row)(out_stream *o, const out_field *fields, size_t n);
	int (*end)(out_stream *o);
} out_format;

struct out_stream {
	const out_format *format;
	out_writer *w;
	void *state;               /* the format's private state (state_size bytes) */
};

extern const out_format out_csv;
extern const out_format out_tsv;
extern const out_format out_json;
extern const out_format out_jsonl;
extern const out_format out_table;

/* The formats in the order --help lists them, NULL-terminated; the first is the default. */
extern const out_format *const out_formats[];

/* The format called name, or NULL. */
const out_format *out_find(const char *name);

/* Binds format f to writer w and calls its begin. Returns 0, or -1 with errno set. */
int out_begin(out_stream *o, const out_format *f, out_writer *w, const out_field *names, size_t n);
static inline int out_row(out_stream *o, const out_field *fields, size_t n)
{
	return o->format->row(o, fields, n);
}
/* Calls the format's end and releases its state. Returns 0, or -1 with errno set. */
int out_end(out_stream *o);

#endif /* SLUICE_TOOLS_OUTPUT_H */
