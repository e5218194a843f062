/* cmd_schema.c - `sluice schema`: the dialect and the column names and types a query would see in a file. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sluice_experimental.h" /* sluice_query_input_*, sluice_query_dialect */
#include "sluice/command_output.h"
#include "sluice/commands.h"
#include "output/json_string.h"
#include "sluice/query_run.h"
#include "sluice/schema_text.h"

static const cli_command schema = {
	.name = "schema",
	.synopsis = "[options] FILE",
	.description =
		"Print the dialect of FILE (sniffed as every command sniffs it: see sluice sniff), then\n"
		"each column with the type queries give it, inferred from the first records\n"
		"(--types and --null change it as they would for a query). Without --format: text lines;\n"
		"json or jsonl: one JSON object; csv, tsv or table: the columns as name,type rows.\n",
	.example = "sluice schema --format json trips.csv",
	.options = CLI_QUERY,
};

static void put_text(out_writer *w, const sluice_query *q)
{
	const sluice_dialect *d = sluice_query_dialect(q);
	char line[160], b[8];
	snprintf(line, sizeof line, "delimiter: %s\n", cli_dialect_byte_text(d->delimiter, b, sizeof b));
	out_writer_str(w, line);
	snprintf(line, sizeof line, "quote: %s\n", cli_dialect_byte_text(d->quote, b, sizeof b));
	out_writer_str(w, line);
	if (d->escape != SLUICE_NO_CHAR) {
		snprintf(line, sizeof line, "escape: %s\n", cli_dialect_byte_text(d->escape, b, sizeof b));
		out_writer_str(w, line);
	}
	if (d->comment[0]) {
		snprintf(line, sizeof line, "comment: %s\n", d->comment);
		out_writer_str(w, line);
	}
	out_writer_str(w, d->header ? "header: true\n" : "header: false\n");
	out_writer_str(w, "columns:\n");
	cli_put_columns_text(w, q);
}

static void put_json(out_writer *w, const sluice_query *q)
{
	const sluice_dialect *d = sluice_query_dialect(q);
	out_writer_str(w, "{\"delimiter\":");
	cli_put_json_dialect_byte(w, d->delimiter);
	out_writer_str(w, ",\"quote\":");
	cli_put_json_dialect_byte(w, d->quote);
	out_writer_str(w, ",\"escape\":");
	cli_put_json_dialect_byte(w, d->escape);
	out_writer_str(w, ",\"comment\":");
	if (d->comment[0])
		out_json_put_string(w, d->comment, strlen(d->comment));
	else
		out_writer_put(w, "null", 4);
	out_writer_str(w, d->header ? ",\"header\":true" : ",\"header\":false");
	out_writer_str(w, ",\"columns\":");
	cli_put_columns_json(w, q);
	out_writer_str(w, "}\n");
}

/* The columns as name,type rows of a text format. Returns 0, or -1 with errno set. */
static int put_rows(out_writer *w, const out_format *f, const sluice_query *q)
{
	out_field head[2] = { { "name", 4, OUT_STRING }, { "type", 4, OUT_STRING } };
	out_stream out;
	if (out_begin(&out, f, w, head, 2) != 0)
		return -1;
	int rc = 0;
	for (size_t i = 0; i < sluice_query_input_count(q) && rc == 0 && !out_writer_failed(w); i++) {
		const char *name = sluice_query_input_name(q, i);
		const char *type = sluice_type_name(sluice_query_input_type(q, i));
		out_field row[2] = { { name, strlen(name), OUT_STRING }, { type, strlen(type), OUT_STRING } };
		rc = out_row(&out, row, 2);
	}
	if (out_end(&out) != 0)
		rc = -1;
	return rc;
}

/* The schema in the format asked for: text, one JSON object, or name,type rows. */
static int put_schema(out_writer *w, const cli_options *o, const sluice_query *q)
{
	if (!o->format_given)
		put_text(w, q);
	else if (o->format == &out_json || o->format == &out_jsonl)
		put_json(w, q);
	else if (put_rows(w, o->format, q) != 0)
		return errno;
	return 0;
}

int cli_cmd_schema(int argc, char **argv)
{
	cli_options o;
	int rc = cli_parse(&schema, argc, argv, &o);
	if (rc != CLI_RUN)
		return rc;
	return cli_query_describe(&o, put_schema);
}
