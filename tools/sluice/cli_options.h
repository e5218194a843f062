/* cli_options.h - the options every command shares (dialect, kernel, format) and their parser. */
#ifndef SLUICE_TOOLS_CLI_OPTIONS_H
#define SLUICE_TOOLS_CLI_OPTIONS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "sluice/diag.h"
#include "output/output.h"
#include "sluice.h"

/* Options a command may accept besides the shared ones (bits of cli_command.options). */
#define CLI_LINES 0x1u        /* -n/--lines N */
#define CLI_WHERE 0x2u        /* --where EXPR */
#define CLI_QUERY 0x4u        /* --types, --null, --no-prefilter, --strict-types, --memory-limit */
#define CLI_EXPLAIN 0x8u      /* --explain, --explain-analyze */
#define CLI_REJECTS 0x10u     /* --rejects FILE (commands that scan records) */

/* At most this many arguments besides options, and this many --null spellings. */
#define CLI_MAX_OPERANDS 2
#define CLI_MAX_NULLS 32

/* What a command says about itself for parsing and --help. */
typedef struct cli_command {
	const char *name;         /* "head" */
	const char *synopsis;     /* "[-n N] [options] FILE" */
	const char *description;  /* a paragraph, lines ending in '\n' */
	const char *example;      /* one command line */
	unsigned options;         /* CLI_* bits: the options it takes besides the shared ones */
	const char *operands;     /* its arguments, space-separated ("SQL", "COLS FILE"); NULL: "FILE" */
} cli_command;

typedef struct cli_options {
	sluice_options reader;
	const out_format *format;
	bool format_given;        /* --format was on the command line */
	bool no_sniff;            /* --no-sniff: the dialect's AUTO fields get their fixed defaults */
	const char *operands[CLI_MAX_OPERANDS]; /* the arguments, in the order cli_command.operands names them */
	const char *path;         /* the first FILE argument ("-": standard input, also when none is given and
	                           * standard input is not a terminal), or NULL when there is none */
	const char **paths;       /* every FILE argument, read in order as one table (in argv's storage) */
	size_t npaths;
	bool progress;            /* a progress line on stderr (a terminal) unless --no-progress */
	bool progress_forced;     /* --progress: also when stderr is no terminal, with the bytes read at the end */
	bool filename;            /* --filename: a column `filename` naming each record's input */
	int decimal;              /* --decimal: '.' or ','; SLUICE_AUTO when not given */
	int thousands;            /* --thousands: a byte, SLUICE_NO_CHAR for none; SLUICE_AUTO when not given */
	const char *date_format;  /* --date-format FMT, or NULL */
	const char *timestamp_format; /* --timestamp-format FMT, or NULL */
	uint64_t lines;           /* -n/--lines (head) */
	const char *where;        /* --where EXPR, or NULL */
	const char *types;        /* --types LIST, or NULL */
	const char *nulls[CLI_MAX_NULLS + 1]; /* --null spellings, NULL-terminated */
	size_t nnulls;
	bool prefilter;           /* false with --no-prefilter */
	bool strict_types;        /* --strict-types, or --strict */
	uint64_t memory_limit;    /* --memory-limit; 0 for none */
	bool explain;             /* --explain: print the plan instead of the rows */
	bool explain_analyze;     /* --explain-analyze: run, then print the plan with its counters */
	const char *rejects;      /* --rejects FILE: where diverted records go (rejects.h), or NULL */
} cli_options;

/* Returned by cli_parse when the command should run. */
#define CLI_RUN (-1)

/* Parses argv[1..argc) (argv[0] is the command name) into *o, options before or after the
 * arguments (after "--" everything is an argument).
 * Returns CLI_RUN, or an exit status: EXIT_OK after printing --help, EXIT_USAGE after printing
 * the reason for a usage error on stderr. */
int cli_parse(const cli_command *cmd, int argc, char **argv, cli_options *o);

/* Prints the help of a command to f. */
void cli_print_help(const cli_command *cmd, FILE *f);
/* Prints the shared options block of the help to f. */
void cli_print_common_options(FILE *f);

#endif /* SLUICE_TOOLS_CLI_OPTIONS_H */
