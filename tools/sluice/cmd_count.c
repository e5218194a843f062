/* cmd_count.c - `sluice count`: the number of records, header excluded. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "input.h"

static const cli_command count = {
	.name = "count",
	.synopsis = "[options] FILE",
	.description = "Print the number of records. The header, on unless --no-header, is not counted.\n"
	               "FILE may be '-' for standard input.\n",
	.example = "sluice count --delimiter tab data.tsv",
	.takes_lines = false,
};

int cmd_count(int argc, char **argv)
{
	cli_options o;
	input in;
	uint64_t n = 0;
	int rc = cli_parse(&count, argc, argv, &o);
	if (rc != CLI_RUN)
		return rc;
	rc = input_open(&in, &o);
	if (rc != EXIT_OK)
		return rc;
	if (sluice_reader_count(in.reader, &n) < 0) {
		rc = input_error(&in);
		input_close(&in);
		return rc;
	}

	writer w;
	char text[24];
	snprintf(text, sizeof text, "%" PRIu64 "\n", n);
	if (writer_init(&w, STDOUT_FILENO, WRITER_MAX_RESERVE) != 0) {
		diag("%s", strerror(errno));
		input_close(&in);
		return EXIT_DATA;
	}
	writer_str(&w, text);
	int write_errno = writer_flush(&w);
	rc = diag_write_error(write_errno);
	if (write_errno == 0)
		diag_repairs(in.reader, in.name);
	writer_free(&w);
	input_close(&in);
	return rc;
}
