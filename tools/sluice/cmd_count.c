/* cmd_count.c - `sluice count`: the number of records, header excluded, or of those that pass --where. */
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sluice/commands.h"
#include "sluice/input.h"
#include "sluice/progress.h"
#include "sluice/query_run.h"
#include "sluice/rejects.h"

static const cli_command count = {
	.name = "count",
	.synopsis = "[--where EXPR] [options] FILE",
	.description = "Print the number of records. The header, on unless --no-header, is not counted.\n"
	               "FILE may be '-' for standard input.\n"
	               "With --where, count the records for which the SQL expression EXPR is true: this runs\n"
	               "  SELECT count(*) FROM 'FILE' WHERE EXPR\n"
	               "as `sluice query` does (FILE must then be a file, and the query options apply).\n",
	.example = "sluice count --where \"fare > 10 AND city = 'Oslo'\" trips.csv\n"
	           "sluice count --threads 4 trips.csv\n"
	           "sluice count --no-header -d ';' --comment '#' export.csv\n"
	           "sluice count --strict --rejects bad.jsonl data.csv",
	.options = CLI_WHERE | CLI_QUERY | CLI_REJECTS,
};

/* Prints text on standard output. Returns the exit status; *written tells whether it all went out
 * (a closed pipe is a quiet EXIT_OK, but nothing more should be said then). */
static int put_text(const char *text, bool *written)
{
	out_writer w;
	*written = false;
	if (out_writer_init(&w, STDOUT_FILENO, OUT_WRITER_MAX_RESERVE) != 0) {
		cli_diag("%s", strerror(errno));
		return EXIT_DATA;
	}
	cli_progress_stop(); /* the count goes where the progress line was */
	out_writer_str(&w, text);
	int write_errno = out_writer_flush(&w);
	*written = write_errno == 0;
	out_writer_free(&w);
	return cli_diag_write_error(write_errno);
}

/* count --where: the one value of SELECT count(*). */
static int count_where(const cli_options *o)
{
	cli_query_session s;
	int rc = cli_query_open_select(&s, o, "count(*)", o->where, NULL);
	if (rc == EXIT_OK) {
		const sluice_value *row;
		int status = sluice_query_next(s.q, &row);
		if (status < 0) {
			rc = cli_query_fail(&s);
		} else {
			char text[32] = "0";
			if (status == SLUICE_OK)
				sluice_value_format(&row[0], text, sizeof text - 1);
			strcat(text, "\n");
			bool written;
			rc = put_text(text, &written);
			if (written)
				cli_query_warn_types(&s);
		}
		cli_query_close(&s);
	}
	return rc;
}

static int count_records(const cli_options *opts)
{
	const cli_options o = *opts;
	cli_input in;
	uint64_t n = 0;
	int rc;
	if (o.where)
		return count_where(&o);
	if (o.types || o.nnulls || !o.prefilter || o.memory_limit) {
		cli_diag("--types, --null, --no-prefilter and --memory-limit apply with --where only");
		fputs("Try 'sluice count --help'.\n", stderr);
		return EXIT_USAGE;
	}
	rc = cli_input_open(&in, &o);
	if (rc != EXIT_OK)
		return rc;
	/* a mapped file is counted in byte ranges on --threads threads; the reader adds up their repairs */
	if (sluice_reader_count_records(in.reader, &n) < 0) {
		rc = cli_input_error(&in);
		cli_input_close(&in);
		return rc;
	}

	char text[24];
	snprintf(text, sizeof text, "%" PRIu64 "\n", n);
	bool written;
	rc = put_text(text, &written);
	if (written)
		cli_diag_repairs(in.reader, in.name);
	cli_input_close(&in);
	return rc;
}

int cli_cmd_count(int argc, char **argv)
{
	cli_options o;
	int rc = cli_parse(&count, argc, argv, &o);
	if (rc != CLI_RUN)
		return rc;
	return cli_rejects_run(&o, count_records);
}
