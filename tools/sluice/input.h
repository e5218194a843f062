/* input.h - opens the reader a command works on: one file (mapped, or streamed when it is standard
 * input, a pipe or compressed), or several files read as one table. */
#ifndef SLUICE_TOOLS_INPUT_H
#define SLUICE_TOOLS_INPUT_H

#include "cli_options.h"

typedef struct input {
	sluice_reader *reader;
	const char *name;  /* the label of the input in messages */
} input;

/* Opens o->paths with o->reader ("-" reads standard input). Returns EXIT_OK, or an exit status
 * after reporting the error. */
int input_open(input *in, const cli_options *o);

/* Closes the reader. */
void input_close(input *in);

/* Reports the last error of the reader (see diag_reader_error) and returns its exit status. */
int input_error(const input *in);

#endif /* SLUICE_TOOLS_INPUT_H */
