/* cmd_query.c - `sluice query`: runs one SQL SELECT over a CSV file and prints the result. */
#include <stdlib.h>

#include "sluice/commands.h"
#include "sluice/query_run.h"
#include "sluice/rejects.h"
#include "sluice/sql_text.h"

static const cli_command query = {
	.name = "query",
	.synopsis = "[options] \"SQL\"",
	.description =
		"Run one SELECT over a CSV file and print its rows, the column names first:\n"
		"  SELECT items FROM 'file.csv' [WHERE ...] [GROUP BY ...] [HAVING ...]\n"
		"         [ORDER BY ...] [LIMIT n] [OFFSET n]\n"
		"The source may also be read_csv('file.csv', delim=';', header=false, quote='\"', ...),\n"
		"whose options win over the flags. Column types (BIGINT, DOUBLE, BOOLEAN, DATE, TIMESTAMP,\n"
		"TIMESTAMPTZ, VARCHAR) and how values are written (decimal commas, day-first dates) are\n"
		"inferred from the first records; a value that does not fit its type reads as NULL and is\n"
		"counted, or stops the query with --strict-types. What the options and read_csv do not give\n"
		"of the dialect is sniffed. A NULL prints as an empty field, and as null in json/jsonl,\n"
		"where numbers and booleans are JSON numbers and booleans.\n"
		"Exit status: 0 on success, 1 for bad data or I/O, 2 for a bad query or bad usage.\n",
	.example = "sluice query --format table \"SELECT city, count(*) AS n FROM 'trips.csv' GROUP BY city "
	           "ORDER BY n DESC LIMIT 5\"",
	.options = CLI_QUERY | CLI_EXPLAIN | CLI_REJECTS,
	.operands = "SQL",
};

int cli_cmd_query(int argc, char **argv)
{
	cli_options o;
	int rc = cli_parse(&query, argc, argv, &o);
	if (rc != CLI_RUN)
		return rc;
	cli_rejects rj;
	char *source = o.rejects ? cli_sql_source_path(o.operands[0]) : NULL;
	rc = cli_rejects_open(&rj, &o, source);
	free(source);
	if (rc != EXIT_OK)
		return rc;
	return cli_rejects_close(&rj, cli_query_print(&o, o.operands[0]));
}
