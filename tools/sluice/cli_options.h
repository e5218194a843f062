/* cli_options.h - the options every command shares (dialect, kernel, format) and their parser. */
#ifndef SLUICE_TOOLS_CLI_OPTIONS_H
#define SLUICE_TOOLS_CLI_OPTIONS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "diag.h"
#include "output.h"
#include "sluice.h"

/* What a command says about itself for parsing and --help. */
typedef struct cli_command {
	const char *name;         /* "head" */
	const char *synopsis;     /* "[-n N] [options] FILE" */
	const char *description;  /* a paragraph, lines ending in '\n' */
	const char *example;      /* one command line */
	bool takes_lines;         /* accepts -n/--lines N */
} cli_command;

typedef struct cli_options {
	sluice_options reader;
	const output_format *format;
	const char *path;         /* the FILE argument; "-" reads standard input */
	uint64_t lines;           /* -n/--lines (head) */
} cli_options;

/* Returned by cli_parse when the command should run. */
#define CLI_RUN (-1)

/* Parses argv[1..argc) (argv[0] is the command name) into *o, options before or after FILE.
 * Returns CLI_RUN, or an exit status: EXIT_OK after printing --help, EXIT_USAGE after printing
 * the reason for a usage error on stderr. */
int cli_parse(const cli_command *cmd, int argc, char **argv, cli_options *o);

/* Prints the help of a command to f. */
void cli_print_help(const cli_command *cmd, FILE *f);
/* Prints the shared options block of the help to f. */
void cli_print_common_options(FILE *f);

#endif /* SLUICE_TOOLS_CLI_OPTIONS_H */
