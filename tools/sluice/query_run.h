/* query_run.h - opens SQL with the command-line options, prints its rows or its plan, and reports its errors. */
#ifndef SLUICE_TOOLS_QUERY_RUN_H
#define SLUICE_TOOLS_QUERY_RUN_H

#include "sluice/cli_options.h"

/* An open query and what its messages need. */
typedef struct cli_query_session {
	sluice_query *q;
	const char *sql;          /* the text run, shown under a syntax error (the caller's, or owned_sql) */
	char *owned_sql;          /* the text cli_query_open_select built, freed by cli_query_close */
	char *source;             /* the file the SQL reads, for messages; NULL when it names none */
} cli_query_session;

/* Opens sql with the dialect, engine and query options of o. Returns EXIT_OK, or an exit status
 * after reporting the error: a refused query (SLUICE_ERR_SQL) exits 2 with a caret under the
 * place in sql, bad data or a missing file exits 1. */
int cli_query_open(cli_query_session *s, const cli_options *o, const char *sql);

/* cli_query_open of `SELECT items FROM 'o->path' [WHERE where] [tail]`, the text built here and kept
 * until cli_query_close. Returns EXIT_OK, or an exit status after reporting the error. */
int cli_query_open_select(cli_query_session *s, const cli_options *o, const char *items, const char *where,
                      const char *tail);

/* Reports the error that stopped s (sluice_query_error) and returns its exit status. */
int cli_query_fail(const cli_query_session *s);

/* What a file's columns are, for schema and sniff: opens o->path as a query that reads no record
 * and an output writer, and calls put, which writes and returns 0 or the errno of a failed format.
 * Returns the exit status. */
int cli_query_describe(const cli_options *o, int (*put)(out_writer *w, const cli_options *o, const sluice_query *q));

/* After a run: says on stderr what lenient reading repaired (as count and cat do) and how many
 * values did not fit their column type and became NULL. */
void cli_query_warn_types(const cli_query_session *s);

/* Closes the query (and frees the text cli_query_open_select built). */
void cli_query_close(cli_query_session *s);

/* The body of `query` and `select`: opens sql, then prints its rows in o->format, or its plan
 * (--explain), or runs it and prints the plan with its counters (--explain-analyze). Returns the
 * exit status after reporting any error. */
int cli_query_print(const cli_options *o, const char *sql);

#endif /* SLUICE_TOOLS_QUERY_RUN_H */
