/* command_output.c - opens a command's standard output and turns the way its run ended into messages and an exit status. */
#include "sluice/command_output.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "sluice/diag.h"
#include "sluice/progress.h"

int cli_command_output_open(out_writer *w)
{
	if (out_writer_init(w, STDOUT_FILENO, OUT_WRITER_DEFAULT_CAP) == 0) {
		/* records on the terminal the progress line is drawn on would break it, and it them */
		if (isatty(STDOUT_FILENO))
			w->before_write = cli_progress_stop;
		return EXIT_OK;
	}
	cli_diag("%s", strerror(errno));
	return EXIT_DATA;
}

int cli_command_output_close(out_writer *w, int status, int format_errno, const cli_command_end *end)
{
	/* Flush before any message: with stdout and stderr on one terminal or file, an error then
	 * comes after the records that were read before it. The scan is over: the progress line goes
	 * first, so that neither the last records nor a message land after it. */
	cli_progress_stop();
	int write_errno = out_writer_flush(w);
	out_writer_free(w);
	int rc = EXIT_OK;
	if (status < 0)
		rc = end->fail(end->ctx);
	if (format_errno != 0) {
		cli_diag("%s", strerror(format_errno));
		rc = EXIT_DATA;
	}
	if (write_errno != 0) {
		int wrc = cli_diag_write_error(write_errno);
		if (rc == EXIT_OK)
			rc = wrc;
	} else if (end) {
		end->written(end->ctx, rc);
	}
	return rc;
}
