/* stats_args.h - what `stats` and `frequency` share: their own options, and column names as SQL. */
#ifndef SLUICE_TOOLS_STATS_ARGS_H
#define SLUICE_TOOLS_STATS_ARGS_H

#include <stddef.h>
#include <stdint.h>

#include "sluice/cli_options.h"

/* The options a command takes besides those of cli_parse (bits of cli_stats_args_take's accept). */
#define CLI_STATS_OPT_COLUMNS 0x1u  /* --columns COLS */
#define CLI_STATS_OPT_TOP 0x2u      /* --top N */
#define CLI_STATS_OPT_LIMIT 0x4u    /* --limit N (the same as --top) */

typedef struct cli_stats_args {
	const char *columns;      /* --columns, or NULL */
	int64_t top;              /* --top or --limit, or -1 when neither was given */
	int argc;                 /* the arguments left for cli_parse, argv[0] first */
	char **argv;              /* malloc'd; free with cli_stats_args_free */
} cli_stats_args;

/* Takes the options of accept out of argv[1..argc) (before a "--"; "--top N" and "--top=N"
 * forms), leaving the rest in order for cli_parse; --top and --limit take a count from 0 to
 * top_max (0: any count). Returns CLI_RUN, or an exit status after reporting a usage error (a bad or missing
 * value). */
int cli_stats_args_take(const char *command, unsigned accept, int64_t top_max, int argc, char **argv,
                        cli_stats_args *a);

void cli_stats_args_free(cli_stats_args *a);

/* name as an SQL identifier: in double quotes, a double quote doubled. Returns a string the caller
 * frees, or NULL when memory runs out. */
char *cli_stats_sql_ident(const char *name);

#endif /* SLUICE_TOOLS_STATS_ARGS_H */
