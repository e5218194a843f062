/* cmd_sniff.c - `sluice sniff`: the dialect, header and column types the sniffer finds in a file. */
#include <stdio.h>
#include <string.h>

#include "sluice_experimental.h" /* sluice_query_sniff_info, sluice_query_input_* */
#include "sluice/command_output.h"
#include "sluice/commands.h"
#include "output/json_string.h"
#include "sluice/query_run.h"
#include "sluice/schema_text.h"

static const cli_command sniff = {
	.name = "sniff",
	.synopsis = "[options] FILE",
	.description =
		"Print what sluice guesses about FILE, from a sample of it (the first 64 KiB, more when\n"
		"its lines are longer, and three slices further in for a large file): the delimiter,\n"
		"quote, escape, comment prefix, line ends, the preamble lines before the table, whether\n"
		"the first record is a header, and each column's type, with how sure the guess is\n"
		"(confidence, 0 to 1). Every command reads the file this way; a dialect option given\n"
		"here is taken as it is, as everywhere.\n"
		"Without --format: text lines; json or jsonl: one JSON object.\n",
	.example = "sluice sniff export.csv\n"
	           "sluice sniff --format json export.csv",
	.options = CLI_QUERY,
};

static const char *line_ending_name(int e)
{
	switch (e) {
	case SLUICE_LINE_ENDING_LF: return "lf";
	case SLUICE_LINE_ENDING_CRLF: return "crlf";
	case SLUICE_LINE_ENDING_CR: return "cr";
	default: return "none";
	}
}

static void put_text(out_writer *w, const char *file, const sluice_query *q)
{
	const sluice_sniff_info *si = sluice_query_sniff_info(q);
	const sluice_dialect *d = sluice_query_dialect(q);
	char line[1200], a[8], b[8], c[8];
	snprintf(line, sizeof line,
	         "file: %s\nencoding: %s\ndelimiter: %s\nquote: %s\nescape: %s\nline ending: %s\ncomment: %s\nskip: %lld\n"
	         "header: %s\ntrim: %s\nconfidence: %.2f\nsample: %llu bytes, %llu records\ncolumns:\n",
	         file, sluice_query_encoding(q), cli_dialect_byte_text(d->delimiter, a, sizeof a), cli_dialect_byte_text(d->quote, b, sizeof b),
	         cli_dialect_byte_text(d->escape, c, sizeof c), line_ending_name(si->line_ending), d->comment[0] ? d->comment : "none",
	         (long long)d->skip, d->header ? "true" : "false", d->trim ? "true" : "false", si->confidence,
	         (unsigned long long)si->sample_bytes, (unsigned long long)si->sample_records);
	out_writer_str(w, line);
	cli_put_columns_text(w, q);
}

static void put_json(out_writer *w, const char *file, const sluice_query *q)
{
	const sluice_sniff_info *si = sluice_query_sniff_info(q);
	const sluice_dialect *d = sluice_query_dialect(q);
	char num[64];
	out_writer_str(w, "{\"file\":");
	out_json_put_string(w, file, strlen(file));
	out_writer_str(w, ",\"encoding\":");
	const char *enc = sluice_query_encoding(q);
	out_json_put_string(w, enc, strlen(enc));
	out_writer_str(w, ",\"delimiter\":");
	cli_put_json_dialect_byte(w, d->delimiter);
	out_writer_str(w, ",\"quote\":");
	cli_put_json_dialect_byte(w, d->quote);
	out_writer_str(w, ",\"escape\":");
	cli_put_json_dialect_byte(w, d->escape);
	out_writer_str(w, ",\"line_ending\":\"");
	out_writer_str(w, line_ending_name(si->line_ending));
	out_writer_str(w, "\",\"comment\":");
	if (d->comment[0])
		out_json_put_string(w, d->comment, strlen(d->comment));
	else
		out_writer_put(w, "null", 4);
	snprintf(num, sizeof num, ",\"skip\":%lld", (long long)d->skip);
	out_writer_str(w, num);
	out_writer_str(w, d->header ? ",\"header\":true" : ",\"header\":false");
	out_writer_str(w, d->trim ? ",\"trim\":true" : ",\"trim\":false");
	snprintf(num, sizeof num, ",\"confidence\":%.3f", si->confidence);
	out_writer_str(w, num);
	snprintf(num, sizeof num, ",\"sample_bytes\":%llu,\"sample_records\":%llu", (unsigned long long)si->sample_bytes,
	         (unsigned long long)si->sample_records);
	out_writer_str(w, num);
	out_writer_str(w, ",\"columns\":");
	cli_put_columns_json(w, q);
	out_writer_str(w, "}\n");
}

/* What the sniffer chose, as one JSON object or as text lines. */
static int put_sniff(out_writer *w, const cli_options *o, const sluice_query *q)
{
	const char *file = strcmp(o->path, "-") == 0 ? "<stdin>" : o->path;
	if (o->format_given && (o->format == &out_json || o->format == &out_jsonl))
		put_json(w, file, q);
	else
		put_text(w, file, q);
	return 0;
}

int cli_cmd_sniff(int argc, char **argv)
{
	cli_options o;
	int rc = cli_parse(&sniff, argc, argv, &o);
	if (rc != CLI_RUN)
		return rc;
	return cli_query_describe(&o, put_sniff);
}
