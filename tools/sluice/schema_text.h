/* schema_text.h - a query's input columns and its dialect's bytes, as text and as JSON: what
 * `sluice schema` and `sluice sniff` both print. */
#ifndef SLUICE_CLI_SCHEMA_TEXT_H
#define SLUICE_CLI_SCHEMA_TEXT_H

#include <stddef.h>

#include "sluice_experimental.h"
#include "output/writer.h"

/* A dialect byte for people: "none", "tab", "space", the byte itself, or \xHH (in buf). */
const char *cli_dialect_byte_text(int c, char *buf, size_t cap);

/* A dialect byte in JSON: a one-byte string, or null for SLUICE_NO_CHAR. */
void cli_put_json_dialect_byte(out_writer *w, int c);

/* One line per input column of q, "  NAME  TYPE": the types line up after names of up to 40
 * bytes, and a longer name keeps two spaces before its type. */
void cli_put_columns_text(out_writer *w, const sluice_query *q);

/* The input columns of q as the JSON array [{"name":...,"type":...}, ...]. */
void cli_put_columns_json(out_writer *w, const sluice_query *q);

#endif
