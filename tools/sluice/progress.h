/* progress.h - the progress line on stderr: bytes done, GB/s and time left, once a scan runs
 * longer than a second and stderr is a terminal. */
#ifndef SLUICE_TOOLS_PROGRESS_H
#define SLUICE_TOOLS_PROGRESS_H

#include "sluice.h"

/* Makes the scans of opts report to the progress line. */
void cli_progress_attach(sluice_options *opts);

/* Erases the progress line, if one was shown. */
void cli_progress_done(void);

#endif
