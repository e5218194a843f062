/* cmd_select.c - `sluice select`: chosen columns of the records that pass a filter, as SQL without writing SQL. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "sluice/commands.h"
#include "sluice/query_run.h"
#include "sluice/rejects.h"
#include "sluice/sql_text.h"

static const cli_command select_cmd = {
	.name = "select",
	.synopsis = "COLS [--where EXPR] [options] FILE",
	.description =
		"Print the columns COLS (SQL select items: names, *, expressions, aliases) of the records\n"
		"of FILE for which EXPR is true, the column names first. It runs\n"
		"  SELECT COLS FROM 'FILE' WHERE EXPR\n"
		"as `sluice query` does, with the same options; errors show that text.\n",
	.example = "sluice select \"name, fare * 2 AS double_fare\" --where \"fare > 10 AND city = 'Oslo'\" trips.csv",
	.options = CLI_WHERE | CLI_QUERY | CLI_EXPLAIN | CLI_REJECTS,
	.operands = "COLS FILE",
};

int cli_cmd_select(int argc, char **argv)
{
	cli_options o;
	int rc = cli_parse(&select_cmd, argc, argv, &o);
	if (rc != CLI_RUN)
		return rc;
	char *sql = cli_sql_build_select(o.operands[0], o.path, o.where, NULL);
	if (!sql) {
		cli_diag("%s", strerror(ENOMEM));
		return EXIT_DATA;
	}
	cli_rejects rj;
	rc = cli_rejects_open(&rj, &o, NULL);
	if (rc == EXIT_OK)
		rc = cli_rejects_close(&rj, cli_query_print(&o, sql));
	free(sql);
	return rc;
}
