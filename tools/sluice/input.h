/* input.h - opens the reader a command works on: one file (mapped, or streamed when it is standard
 * input, a pipe or compressed), or several files read as one table. */
#ifndef SLUICE_TOOLS_INPUT_H
#define SLUICE_TOOLS_INPUT_H

#include "sluice/cli_options.h"

typedef struct cli_input {
	sluice_reader *reader;
	const char *name;  /* the label of the input in messages */
} cli_input;

/* Opens o->paths with o->reader ("-" reads standard input). Returns EXIT_OK, or an exit status
 * after reporting the error. */
int cli_input_open(cli_input *in, const cli_options *o);

/* Closes the reader. */
void cli_input_close(cli_input *in);

/* Reports the last error of the reader (see cli_diag_reader_error) and returns its exit status. */
int cli_input_error(const cli_input *in);

#endif /* SLUICE_TOOLS_INPUT_H */
