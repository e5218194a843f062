/* diag.h - how the CLI reports problems on stderr, and the exit status that goes with each. */
#ifndef SLUICE_TOOLS_DIAG_H
#define SLUICE_TOOLS_DIAG_H

#include "sluice.h"

/* Exit statuses of every command. */
#define EXIT_OK 0
#define EXIT_DATA 1   /* bad data, or a fault while reading or writing */
#define EXIT_USAGE 2  /* bad usage */

/* Prints "sluice: " and a formatted message on stderr. */
void cli_diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Reports an error of the library (from open, next or count) and returns its exit status:
 * "sluice: FILE: strerror" for I/O, "sluice: FILE:LINE:COL: message" for bad data, and a usage
 * error for options the library refused. name labels the input when e->file is NULL. */
int cli_diag_reader_error(const sluice_error *e, const char *name);

/* Reports a query the library refused (SLUICE_ERR_SQL) and returns EXIT_USAGE: "sluice: message",
 * then the line of sql that holds byte e->offset and a caret under that byte. */
int cli_diag_sql_error(const sluice_error *e, const char *sql);

/* Prints "sluice: FILE: repaired N records (...)" when lenient reading repaired anything, and how
 * many records had the wrong field count when a ragged policy padded or cut any. */
void cli_diag_repairs(const sluice_reader *r, const char *name);

/* The same from counters: a query's (sluice_exec_stats.scan), name labelling the input. */
void cli_diag_scan_repairs(const sluice_scan_stats *st, const char *name);

/* Reports a write error and returns its exit status: a closed pipe (EPIPE) is a quiet, normal
 * stop (EXIT_OK); anything else is "sluice: write error: strerror" (EXIT_DATA). 0 is EXIT_OK. */
int cli_diag_write_error(int err);

#endif /* SLUICE_TOOLS_DIAG_H */
