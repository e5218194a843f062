/* rejects.h - --rejects FILE: the records a scan diverts instead of stopping, one JSON object a line. */
#ifndef SLUICE_TOOLS_REJECTS_H
#define SLUICE_TOOLS_REJECTS_H

#include <stdint.h>

#include "sluice/cli_options.h"
#include "output/writer.h"

/* Each diverted record becomes one line of FILE, in file order:
 *   {"line":3,"offset":17,"reason":"quote inside an unquoted field","column":2,"record":"4,a\"b"}
 * line and offset say where the record starts, column is the 1-based field at fault, and record
 * holds its raw bytes without the line end, escaped as the JSON formats escape text (a byte that
 * is not UTF-8 becomes \udcXX), so that the file is valid JSON and the bytes can be restored. */
typedef struct cli_rejects {
	const char *path;        /* FILE, or NULL without --rejects */
	out_writer w;
	uint64_t n;              /* records written */
	bool many;               /* several inputs: each line names its file too */
} cli_rejects;

/* With --rejects, creates (or empties) FILE and points o->reader's reject callback at it; FILE
 * must be neither one of o's inputs nor `source` (the file a query reads, or NULL). Without, does
 * nothing. Returns EXIT_OK, or an exit status after saying why FILE cannot be used. cli_rejects_close
 * must follow an EXIT_OK. */
int cli_rejects_open(cli_rejects *rj, cli_options *o, const char *source);

/* Writes out and closes FILE, then says on stderr how many records went there (nothing when
 * none did). Returns rc, the command's exit status, or EXIT_DATA when it was EXIT_OK and FILE
 * could not be written. */
int cli_rejects_close(cli_rejects *rj, int rc);

/* The body of a command that reads o's inputs: run(o) between cli_rejects_open (with no query
 * source) and cli_rejects_close. Returns run's exit status, or cli_rejects_open's or cli_rejects_close's. */
int cli_rejects_run(cli_options *o, int (*run)(const cli_options *o));

#endif /* SLUICE_TOOLS_REJECTS_H */
