/* diag.c - error and repair messages of the CLI (the library never prints). */
#include "sluice/diag.h"
#include "sluice/progress.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

void cli_diag(const char *fmt, ...)
{
	va_list ap;
	cli_progress_erase();
	fflush(stdout);
	fputs("sluice: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int cli_diag_reader_error(const sluice_error *e, const char *name)
{
	const char *file = e->file ? e->file : name;
	const char *msg = e->message[0] ? e->message : sluice_status_name(e->status);

	switch (e->status) {
	case SLUICE_ERR_IO:
		cli_diag("%s: %s", file, msg[0] ? msg : strerror(e->sys_errno));
		return EXIT_DATA;
	case SLUICE_ERR_INVALID_OPTION:
	case SLUICE_ERR_KERNEL:
		cli_diag("%s", msg);
		return EXIT_USAGE;
	case SLUICE_ERR_NOMEM:
		cli_diag("%s: %s", file, strerror(ENOMEM));
		return EXIT_DATA;
	default:
		break;
	}
	if (e->line > 0 && e->column > 0)
		cli_diag("%s:%" PRIu64 ":%" PRIu64 ": %s", file, e->line, e->column, msg);
	else if (e->line > 0)
		cli_diag("%s:%" PRIu64 ": %s", file, e->line, msg);
	else
		cli_diag("%s: %s", file, msg);
	return EXIT_DATA;
}

/* Messages about an option rather than the text (--types) carry no position to point at. */
static bool about_sql_text(const sluice_error *e)
{
	return strncmp(e->message, "--", 2) != 0;
}

int cli_diag_sql_error(const sluice_error *e, const char *sql)
{
	cli_diag("%s", e->message[0] ? e->message : sluice_status_name(e->status));
	if (!about_sql_text(e))
		return EXIT_USAGE;
	size_t len = strlen(sql);
	size_t at = e->offset < len ? (size_t)e->offset : len;
	size_t start = at, end = at;
	while (start > 0 && sql[start - 1] != '\n' && sql[start - 1] != '\r')
		start--;
	while (end < len && sql[end] != '\n' && sql[end] != '\r')
		end++;
	fprintf(stderr, "%.*s\n", (int)(end - start), sql + start);
	/* The caret goes under the character: a tab stays a tab so that the columns match, and a
	 * UTF-8 sequence takes one column. */
	for (size_t i = start; i < at; i++) {
		unsigned char c = (unsigned char)sql[i];
		if (c == '\t')
			fputc('\t', stderr);
		else if ((c & 0xC0) != 0x80)
			fputc(' ', stderr);
	}
	fputs("^\n", stderr);
	return EXIT_USAGE;
}

/* Appends ", N what" (or "N what" first) to buf when n > 0. */
static void add_count(char *buf, size_t cap, uint64_t n, const char *one, const char *many)
{
	if (n == 0)
		return;
	size_t len = strlen(buf);
	snprintf(buf + len, cap - len, "%s%" PRIu64 " %s", len ? ", " : "", n, n == 1 ? one : many);
}

void cli_diag_repairs(const sluice_reader *r, const char *name)
{
	const char *file = sluice_reader_error(r)->file;
	cli_diag_scan_repairs(sluice_reader_stats(r), file ? file : name);
}

void cli_diag_scan_repairs(const sluice_scan_stats *st, const char *name)
{
	if (st->ragged_padded || st->ragged_truncated) {
		char what[128] = "";
		add_count(what, sizeof what, st->ragged_padded, "padded with NULLs", "padded with NULLs");
		add_count(what, sizeof what, st->ragged_truncated, "truncated", "truncated");
		cli_diag("%s: %" PRIu64 " record%s with the wrong field count (%s)", name,
		     st->ragged_padded + st->ragged_truncated, st->ragged_padded + st->ragged_truncated == 1 ? "" : "s", what);
	}
	/* a record counts once however many repairs it needed */
	uint64_t total = st->repaired_records;
	if (total == 0)
		return;
	char what[192] = "";
	add_count(what, sizeof what, st->repaired_bare_quote, "bare quote", "bare quotes");
	add_count(what, sizeof what, st->repaired_after_quote, "text after closing quote", "texts after closing quote");
	add_count(what, sizeof what, st->repaired_unterminated, "unterminated quoted field",
	          "unterminated quoted fields");
	cli_diag("%s: repaired %" PRIu64 " record%s (%s)", name, total, total == 1 ? "" : "s", what);
}

int cli_diag_write_error(int err)
{
	if (err == 0 || err == EPIPE)
		return EXIT_OK;
	cli_diag("write error: %s", strerror(err));
	return EXIT_DATA;
}
