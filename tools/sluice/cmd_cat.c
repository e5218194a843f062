/* cmd_cat.c - `sluice cat`: every record, the header first, in the chosen format. */
#include "sluice/commands.h"
#include "sluice/emit.h"
#include "sluice/rejects.h"

static const cli_command cat = {
	.name = "cat",
	.synopsis = "[options] FILE",
	.description = "Print the header (unless --no-header) and then every record.\n"
	               "FILE may be '-' for standard input.\n",
	.example = "sluice cat --no-header --format json -d ';' data.csv\n"
	           "sluice cat --format tsv --trim --skip-empty-lines data.csv\n"
	           "sluice cat --strict --validate-utf8 --ragged error data.csv > /dev/null\n"
	           "sluice cat --strict --ragged error --rejects bad.jsonl data.csv > good.csv",
	.options = CLI_REJECTS,
};

/* Every record. */
static int cat_records(const cli_options *o)
{
	return cli_emit_records(o, UINT64_MAX);
}

int cli_cmd_cat(int argc, char **argv)
{
	cli_options o;
	int rc = cli_parse(&cat, argc, argv, &o);
	if (rc != CLI_RUN)
		return rc;
	return cli_rejects_run(&o, cat_records);
}
