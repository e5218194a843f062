/* input.h - opens the reader a command works on: a mapped file, or standard input read into memory. */
#ifndef SLUICE_TOOLS_INPUT_H
#define SLUICE_TOOLS_INPUT_H

#include "cli_options.h"

typedef struct input {
	sluice_reader *reader;
	const char *name;  /* the label of the input in messages */
	char *data;        /* the bytes of standard input, owned here; NULL for a file */
} input;

/* Opens o->path with o->reader ("-" reads standard input to its end first). Returns EXIT_OK, or
 * an exit status after reporting the error. */
int input_open(input *in, const cli_options *o);

/* Closes the reader and releases the input. */
void input_close(input *in);

/* Reports the last error of the reader (see diag_reader_error) and returns its exit status. */
int input_error(const input *in);

#endif /* SLUICE_TOOLS_INPUT_H */
