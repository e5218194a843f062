/* cmd_cat.c - `sluice cat`: every record, the header first, in the chosen format. */
#include "commands.h"
#include "emit.h"

static const cli_command cat = {
	.name = "cat",
	.synopsis = "[options] FILE",
	.description = "Print the header (unless --no-header) and then every record.\n"
	               "FILE may be '-' for standard input.\n",
	.example = "sluice cat --no-header --format json -d ';' data.csv",
};

int cmd_cat(int argc, char **argv)
{
	cli_options o;
	int rc = cli_parse(&cat, argc, argv, &o);
	if (rc != CLI_RUN)
		return rc;
	return emit_records(&o, UINT64_MAX);
}
