/* input.c - opens the inputs of a command through the library's reader (see input.h). */
#include "sluice/input.h"

#include <string.h>

int cli_input_open(cli_input *in, const cli_options *o)
{
	sluice_error err;
	memset(&err, 0, sizeof err);
	in->reader = NULL;
	in->name = strcmp(o->path, "-") == 0 ? "<stdin>" : o->path;
	int rc = sluice_reader_open_paths(&in->reader, o->paths, o->npaths, &o->reader, &err);
	if (rc < 0) {
		if (err.status == SLUICE_OK)
			err.status = rc;
		rc = cli_diag_reader_error(&err, in->name);
		cli_input_close(in);
		return rc;
	}
	return EXIT_OK;
}

void cli_input_close(cli_input *in)
{
	sluice_reader_close(in->reader);
	in->reader = NULL;
}

int cli_input_error(const cli_input *in)
{
	return cli_diag_reader_error(sluice_reader_error(in->reader), in->name);
}
