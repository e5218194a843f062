/* input.c - opens the inputs of a command through the library's reader (see input.h). */
#include "input.h"

#include <string.h>

int input_open(input *in, const cli_options *o)
{
	sluice_error err;
	memset(&err, 0, sizeof err);
	in->reader = NULL;
	in->name = strcmp(o->path, "-") == 0 ? "<stdin>" : o->path;
	int rc = sluice_reader_open_paths(&in->reader, o->paths, o->npaths, &o->reader, &err);
	if (rc < 0) {
		if (err.status == SLUICE_OK)
			err.status = rc;
		rc = diag_reader_error(&err, in->name);
		input_close(in);
		return rc;
	}
	return EXIT_OK;
}

void input_close(input *in)
{
	sluice_reader_close(in->reader);
	in->reader = NULL;
}

int input_error(const input *in)
{
	return diag_reader_error(sluice_reader_error(in->reader), in->name);
}
