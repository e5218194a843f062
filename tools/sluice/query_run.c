/* query_run.c - opens SQL with the command-line options, prints its rows or its plan, and reports its errors. */
#include "sluice/query_run.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sluice_experimental.h" /* sluice_query_explain */
#include "sluice/command_output.h"
#include "sluice/query_output.h"
#include "sluice/sql_text.h"

/* Reports e, an error of the query on sql (which reads source), and returns its exit status. */
static int report(const sluice_error *e, const char *sql, const char *source)
{
	if (e->status == SLUICE_ERR_SQL)
		return cli_diag_sql_error(e, sql);
	/* The library names the input (of several, the one at fault; a failed open keeps the name in
	 * a buffer of its own); the FROM path stands in when it does not. */
	sluice_error copy = *e;
	if (!copy.file || strcmp(copy.file, "<query>") == 0)
		copy.file = source ? source : "<query>";
	return cli_diag_reader_error(&copy, copy.file);
}

static uint64_t default_memory_limit(void)
{
	long pages = sysconf(_SC_PHYS_PAGES), size = sysconf(_SC_PAGESIZE);
	if (pages <= 0 || size <= 0)
		return 0;
	return (uint64_t)pages * (uint64_t)size / 2;
}

int cli_query_open(cli_query_session *s, const cli_options *o, const char *sql)
{
	sluice_query_options qo;
	sluice_query_options_init(&qo);
	qo.reader = o->reader;
	qo.paths = o->npaths ? o->paths : NULL; /* FILE arguments: the SQL's FROM names the first */
	qo.npaths = o->npaths;
	qo.filename = o->filename;
	qo.types = o->types;
	qo.nulls = o->nnulls ? o->nulls : NULL;
	qo.prefilter = o->prefilter;
	qo.strict_types = o->strict_types;
	qo.decimal_separator = o->decimal;
	qo.thousands = o->thousands;
	qo.date_format = o->date_format;
	qo.timestamp_format = o->timestamp_format;
	/* group-by and distinct state: half the machine's memory unless told otherwise, so that a
	 * query with too many groups stops with an error naming the limit instead of being killed */
	qo.memory_limit = o->memory_limit ? o->memory_limit : default_memory_limit();

	s->q = NULL;
	s->sql = sql;
	s->owned_sql = NULL;
	s->source = cli_sql_source_path(sql);
	sluice_error err;
	memset(&err, 0, sizeof err);
	int rc = sluice_query_open(&s->q, sql, &qo, &err);
	if (rc < 0) {
		if (err.status == SLUICE_OK)
			err.status = rc;
		rc = report(&err, sql, s->source);
		free(s->source);
		s->source = NULL;
		s->q = NULL;
		return rc;
	}
	return EXIT_OK;
}

int cli_query_fail(const cli_query_session *s)
{
	return report(sluice_query_error(s->q), s->sql, s->source);
}

void cli_query_warn_types(const cli_query_session *s)
{
	const sluice_exec_stats *st = sluice_query_stats(s->q);
	const char *name = s->source ? s->source : "<query>";
	cli_diag_scan_repairs(&st->scan, name); /* as count and cat report them */
	uint64_t n = st->type_errors;
	if (n == 0)
		return;
	cli_diag("%s: %" PRIu64 " %s (use --types or --strict-types)", name, n,
	     n == 1 ? "value did not fit its column type and was read as NULL"
	            : "values did not fit their column type and were read as NULL");
}

int cli_query_open_select(cli_query_session *s, const cli_options *o, const char *items, const char *where,
                      const char *tail)
{
	char *sql = cli_sql_build_select(items, o->path, where, tail);
	if (!sql) {
		cli_diag("%s", strerror(ENOMEM));
		return EXIT_DATA;
	}
	int rc = cli_query_open(s, o, sql);
	if (rc != EXIT_OK) {
		free(sql);
		return rc;
	}
	s->owned_sql = sql;
	return EXIT_OK;
}

void cli_query_close(cli_query_session *s)
{
	sluice_query_close(s->q);
	free(s->source);
	free(s->owned_sql);
	s->q = NULL;
	s->source = NULL;
	s->owned_sql = NULL;
	s->sql = NULL;
}

/* Writes the plan of q (with its counters when analyze) to w. Returns 0, or -1 with errno set. */
static int put_plan(out_writer *w, const sluice_query *q, bool analyze)
{
	size_t n = sluice_query_explain(q, analyze, NULL, 0);
	char *text = malloc(n + 1);
	if (!text)
		return -1;
	sluice_query_explain(q, analyze, text, n + 1);
	out_writer_put(w, text, n);
	free(text);
	return 0;
}

/* Prints every row of q in format f. The output begins once the first rows are there, so that a
 * query failing before any row prints nothing at all. Returns the status that ended the rows
 * (SLUICE_OK at the end or after a write error, < 0 when the query failed); a failing format
 * sets *format_errno. */
static int put_rows(sluice_query *q, const out_format *f, out_writer *w, int *format_errno)
{
	sluice_batch b;
	int status = sluice_query_next_batch(q, &b);
	if (status < 0)
		return status;
	cli_query_output out;
	if (cli_query_output_begin(&out, f, w, q) != 0) {
		*format_errno = errno;
		return SLUICE_OK;
	}
	while (status == SLUICE_OK) {
		for (size_t r = 0; r < b.nrows && !out_writer_failed(w); r++) {
			if (cli_query_output_row(&out, &b, r) != 0) {
				*format_errno = errno;
				break;
			}
		}
		if (out_writer_failed(w) || *format_errno != 0)
			break;
		status = sluice_query_next_batch(q, &b);
	}
	if (cli_query_output_end(&out) != 0 && *format_errno == 0)
		*format_errno = errno;
	return status < 0 ? status : SLUICE_OK;
}

/* Runs q to its end without printing anything. Returns SLUICE_OK, or < 0 when it failed. */
static int drain(sluice_query *q)
{
	sluice_batch b;
	int status;
	while ((status = sluice_query_next_batch(q, &b)) == SLUICE_OK)
		;
	return status < 0 ? status : SLUICE_OK;
}

static int report_query_error(const void *ctx)
{
	return cli_query_fail(ctx);
}

static void warn_types(const void *ctx, int rc)
{
	if (rc == EXIT_OK) /* after a failure, NULLs from bad values are the least of the problems */
		cli_query_warn_types(ctx);
}

/* Opens the command's output for the open session s; closes s when it cannot. */
static int open_output(cli_query_session *s, out_writer *w)
{
	const int rc = cli_command_output_open(w);
	if (rc != EXIT_OK)
		cli_query_close(s);
	return rc;
}

int cli_query_describe(const cli_options *o, int (*put)(out_writer *w, const cli_options *o, const sluice_query *q))
{
	cli_query_session s;
	out_writer w;
	int rc = cli_query_open_select(&s, o, "*", NULL, "LIMIT 0");
	if (rc != EXIT_OK || (rc = open_output(&s, &w)) != EXIT_OK)
		return rc;
	const int format_errno = put(&w, o, s.q);
	rc = cli_command_output_close(&w, SLUICE_OK, format_errno, NULL);
	cli_query_close(&s);
	return rc;
}

int cli_query_print(const cli_options *o, const char *sql)
{
	if (o->explain && o->explain_analyze) {
		cli_diag("--explain and --explain-analyze exclude each other");
		return EXIT_USAGE;
	}
	cli_query_session s;
	out_writer w;
	int rc = cli_query_open(&s, o, sql);
	if (rc != EXIT_OK || (rc = open_output(&s, &w)) != EXIT_OK)
		return rc;

	int status = SLUICE_OK;
	int format_errno = 0;
	if (o->explain) {
		if (put_plan(&w, s.q, false) != 0)
			format_errno = errno;
	} else if (o->explain_analyze) {
		status = drain(s.q);
		if (status == SLUICE_OK && put_plan(&w, s.q, true) != 0)
			format_errno = errno;
	} else {
		status = put_rows(s.q, o->format, &w, &format_errno);
	}

	const cli_command_end end = { .fail = report_query_error, .written = warn_types, .ctx = &s };
	rc = cli_command_output_close(&w, status, format_errno, &end);
	cli_query_close(&s);
	return rc;
}
