/* query_output.h - writes query results in an output format: text for csv/tsv/table, typed JSON for json/jsonl. */
#ifndef SLUICE_TOOLS_QUERY_OUTPUT_H
#define SLUICE_TOOLS_QUERY_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>

#include "output.h"
#include "sluice.h"

/* The text formats get every value as text (sluice_value_format), a NULL as an empty field,
 * through the format's plug-in. json and jsonl keep their layouts (an array of arrays with the
 * column names first; one object per row) but write values by column type: BIGINT and DOUBLE as
 * JSON numbers (inf and nan, which JSON cannot hold, as strings), BOOLEAN as true/false, NULL as
 * null, and everything else as strings. */
typedef struct query_output {
	const output_format *format;
	writer *w;
	output out;              /* the plug-in, for the text formats */
	bool json, jsonl;
	size_t ncols;
	sluice_type *types;      /* column types */
	out_field *fields;       /* one row as text */
	char *text;              /* ncols slots of QUERY_TEXT_CAP bytes for non-string values */
	writer keys;             /* jsonl: the encoded keys "name": back to back */
	size_t *key_end;         /* jsonl: key i is keys.buf[key_end[i-1] .. key_end[i]) */
} query_output;

/* Starts the output of q's result in format f on w, with the column names. Returns 0, or -1 with
 * errno set (an allocation); then nothing needs ending. */
int query_output_begin(query_output *qo, const output_format *f, writer *w, const sluice_query *q);
/* Writes row r of batch b. Returns 0, or -1 with errno set. */
int query_output_row(query_output *qo, const sluice_batch *b, size_t r);
/* Ends the output and releases what it holds. Returns 0, or -1 with errno set. */
int query_output_end(query_output *qo);

#endif /* SLUICE_TOOLS_QUERY_OUTPUT_H */
