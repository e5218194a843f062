/* cmd_frequency.c - `sluice frequency`: every distinct value of a column with its exact count, most frequent first. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sluice/commands.h"
#include "sluice/query_run.h"
#include "sluice/sql_text.h"
#include "sluice/stats_args.h"

static const cli_command frequency = {
	.name = "frequency",
	.synopsis = "COL [--top N] [options] FILE...",
	.description =
		"Print each distinct value of the column COL with the number of records that hold it, the\n"
		"most frequent first; equal counts go by value, and NULL (the empty field, or a --null\n"
		"spelling) comes last among them. The counts are exact. Several FILEs are read as one\n"
		"table. It runs\n"
		"  SELECT COL, count(*) AS count FROM 'FILE' GROUP BY COL ORDER BY count DESC, COL\n"
		"as `sluice query` does, on every core (see `sluice stats` for the most frequent values of\n"
		"every column at once, in bounded memory). Every distinct value is held in memory: past\n"
		"--memory-limit (default: half the RAM) the command stops with an error naming the limit.\n"
		"\n"
		"Options of frequency:\n"
		"      --top N, --limit N     only the N most frequent values\n",
	.example = "sluice frequency --top 10 --format table payment_type trips.csv\n"
	           "sluice frequency --format jsonl city trips.csv",
	.options = CLI_QUERY,
	.operands = "COL FILE",
};

int cli_cmd_frequency(int argc, char **argv)
{
	cli_stats_args a;
	int rc = cli_stats_args_take(frequency.name, CLI_STATS_OPT_TOP | CLI_STATS_OPT_LIMIT, 0, argc, argv, &a);
	if (rc != CLI_RUN) {
		cli_stats_args_free(&a);
		return rc;
	}
	cli_options o;
	rc = cli_parse(&frequency, a.argc, a.argv, &o);
	if (rc != CLI_RUN) {
		cli_stats_args_free(&a);
		return rc;
	}
	char *col = cli_stats_sql_ident(o.operands[0]);
	size_t cap = col ? 2 * strlen(col) + 64 : 0;
	char *items = col ? malloc(cap) : NULL;
	char tail[96];
	char *sql = NULL;
	if (items) {
		snprintf(items, cap, "%s AS %s, count(*) AS \"count\"", col, col);
		snprintf(tail, sizeof tail, "GROUP BY 1 ORDER BY 2 DESC, 1");
		if (a.top >= 0)
			snprintf(tail + strlen(tail), sizeof tail - strlen(tail), " LIMIT %lld", (long long)a.top);
		sql = cli_sql_build_select(items, o.path, NULL, tail);
	}
	if (!sql) {
		cli_diag("%s", strerror(ENOMEM));
		rc = EXIT_DATA;
	} else {
		rc = cli_query_print(&o, sql);
	}
	free(sql);
	free(items);
	free(col);
	cli_stats_args_free(&a);
	return rc;
}
