/* command_output.h - a command's standard output: the writer it prints into, and how a run that printed ends. */
#ifndef SLUICE_TOOLS_COMMAND_OUTPUT_H
#define SLUICE_TOOLS_COMMAND_OUTPUT_H

#include "output/writer.h"

/* What a command reports about its input side at the end of a run. */
typedef struct cli_command_end {
	/* Reports the error that stopped the input (a status < 0) and returns its exit status. */
	int (*fail)(const void *ctx);
	/* Called when all output was written, with the exit status so far: the notes that only make
	 * sense beside complete output (repaired records, values read as NULL). */
	void (*written)(const void *ctx, int rc);
	const void *ctx;
} cli_command_end;

/* Opens w on standard output. Returns EXIT_OK, or EXIT_DATA after reporting the error. */
int cli_command_output_open(out_writer *w);

/* Flushes w and releases it, then reports, in this order so that messages follow the output they
 * concern: the input error (status < 0, through end->fail), a failed format (format_errno != 0),
 * and a write error, or else calls end->written. A closed pipe is a quiet, normal stop. Returns
 * the exit status: EXIT_DATA after a failed format, otherwise the first failure's. end may be
 * NULL for a run whose input cannot fail (status is then SLUICE_OK) and that owes no notes. */
int cli_command_output_close(out_writer *w, int status, int format_errno, const cli_command_end *end);

#endif /* SLUICE_TOOLS_COMMAND_OUTPUT_H */
