/* query_output.h - writes query results through an output format, each value with the kind its column type gives it. */
#ifndef SLUICE_TOOLS_QUERY_OUTPUT_H
#define SLUICE_TOOLS_QUERY_OUTPUT_H

#include <stddef.h>

#include "output.h"
#include "sluice.h"

/* Every value goes to the format as its text (sluice_value_format) with a kind from its column
 * type: BIGINT and DOUBLE are numbers, BOOLEAN booleans, anything else strings, and a NULL is a
 * null field. So the text formats print a NULL as an empty field, and json and jsonl print
 * numbers, booleans and null as such, column names first (as the header). */
typedef struct query_output {
	output out;
	size_t ncols;
	out_kind *kinds;         /* the kind of each column's non-NULL values */
	out_field *fields;       /* one row */
	char *text;              /* ncols slots of QUERY_TEXT_CAP bytes for values that are not strings */
} query_output;

/* Starts the output of q's result in format f on w, with the column names. Returns 0, or -1 with
 * errno set (an allocation); then nothing needs ending. */
int query_output_begin(query_output *qo, const output_format *f, writer *w, const sluice_query *q);
/* Writes row r of batch b. Returns 0, or -1 with errno set. */
int query_output_row(query_output *qo, const sluice_batch *b, size_t r);
/* Ends the output and releases what it holds. Returns 0, or -1 with errno set. */
int query_output_end(query_output *qo);

#endif /* SLUICE_TOOLS_QUERY_OUTPUT_H */
