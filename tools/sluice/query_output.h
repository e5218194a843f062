/* query_output.h - writes query results through an output format, each value with the kind its column type gives it. */
#ifndef SLUICE_TOOLS_QUERY_OUTPUT_H
#define SLUICE_TOOLS_QUERY_OUTPUT_H

#include <stddef.h>

#include "output/output.h"
#include "sluice.h"

/* Every value goes to the format as its text (sluice_value_format) with a kind from its column
 * type: BIGINT and DOUBLE are numbers, BOOLEAN booleans, anything else strings, and a NULL is a
 * null field. So the text formats print a NULL as an empty field, and json and jsonl print
 * numbers, booleans and null as such, column names first (as the header). */
typedef struct cli_query_output {
	out_stream out;
	size_t ncols;
	out_kind *kinds;         /* the kind of each column's non-NULL values */
	out_field *fields;       /* one row */
	char *text;              /* ncols slots of CLI_QUERY_TEXT_CAP bytes for values that are not strings */
} cli_query_output;

/* Room for the text of any value that is not a string: sluice_value_format writes at most 80
 * bytes for those (a timestamp, a shortest round-trip double). */
#define CLI_QUERY_TEXT_CAP 96

/* The output kind of a column of type t: numbers and booleans as such, the rest as strings. */
out_kind cli_query_column_kind(sluice_type t);

/* Fills f with v: NULL as null, a string as it is (pointing into v), another value formatted into
 * buf (CLI_QUERY_TEXT_CAP bytes). */
void cli_query_value_field(out_field *f, const sluice_value *v, out_kind kind, char *buf);

/* Starts the output of q's result in format f on w, with the column names. Returns 0, or -1 with
 * errno set (an allocation); then nothing needs ending. */
int cli_query_output_begin(cli_query_output *qo, const out_format *f, out_writer *w, const sluice_query *q);
/* Writes row r of batch b. Returns 0, or -1 with errno set. */
int cli_query_output_row(cli_query_output *qo, const sluice_batch *b, size_t r);
/* Ends the output and releases what it holds. Returns 0, or -1 with errno set. */
int cli_query_output_end(cli_query_output *qo);

#endif /* SLUICE_TOOLS_QUERY_OUTPUT_H */
