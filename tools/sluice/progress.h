/* progress.h - the progress line on stderr: bytes done, GB/s and time left, once a scan runs
 * longer than a second and stderr is a terminal (or --progress asks for it anyway). */
#ifndef SLUICE_TOOLS_PROGRESS_H
#define SLUICE_TOOLS_PROGRESS_H

#include <stdbool.h>

#include "sluice.h"

/* Makes the scans of opts report to the progress line. forced (--progress): draw it even when
 * stderr is no terminal (as plain lines there), and say at the end how many bytes were read. */
void cli_progress_attach(sluice_options *opts, bool forced);

/* Erases the progress line, if one is shown; a later report draws it again. Called before any
 * other text goes to stderr, so that the text does not land after the line. */
void cli_progress_erase(void);

/* Erases the progress line for good: the results or the messages come next. The bytes still count
 * for cli_progress_done. */
void cli_progress_stop(void);

/* At the end of a run (every reader closed): stops the line and, when forced, prints
 * "sluice: read N bytes in S s (R GB/s)". */
void cli_progress_done(void);

#endif
