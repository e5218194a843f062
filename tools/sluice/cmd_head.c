/* cmd_head.c - `sluice head`: the header and the first N records. */
#include "sluice/commands.h"
#include "sluice/emit.h"
#include "sluice/rejects.h"

static const cli_command head = {
	.name = "head",
	.synopsis = "[-n N] [options] FILE",
	.description = "Print the header (unless --no-header) and then the first N records (default 10).\n"
	               "FILE may be '-' for standard input.\n",
	.example = "sluice head -n 5 --format table data.csv\n"
	           "sluice head -n 0 data.csv\n"
	           "sluice head --format jsonl -d tab data.tsv",
	.options = CLI_LINES | CLI_REJECTS,
};

/* The first -n records. */
static int head_records(const cli_options *o)
{
	return cli_emit_records(o, o->lines);
}

int cli_cmd_head(int argc, char **argv)
{
	cli_options o;
	int rc = cli_parse(&head, argc, argv, &o);
	if (rc != CLI_RUN)
		return rc;
	return cli_rejects_run(&o, head_records);
}
