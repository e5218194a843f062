/* options.c - option defaults, dialect validation and status names. */
#include <string.h>

#include "sluice.h"
#include "scan/sniff.h"

void sluice_options_init(sluice_options *opts)
{
	memset(opts, 0, sizeof *opts);
	opts->struct_size = sizeof *opts;
	opts->dialect.delimiter = SLUICE_AUTO;
	opts->dialect.quote = SLUICE_AUTO;
	opts->dialect.double_quote = true;
	opts->dialect.escape = SLUICE_AUTO;
	memcpy(opts->dialect.comment, SLUICE_COMMENT_AUTO, sizeof SLUICE_COMMENT_AUTO);
	opts->dialect.trim = SLUICE_AUTO;
	opts->dialect.header = SLUICE_AUTO;
	opts->dialect.skip = SLUICE_AUTO;
	opts->kernel = SLUICE_KERNEL_AUTO;
	opts->window_size = 256 * 1024;
	opts->max_record_size = (uint64_t)1 << 30;
	opts->threads = 1;
}

void sluice_dialect_fill_auto(sluice_dialect *d)
{
	if (d->delimiter == SLUICE_AUTO)
		d->delimiter = ',';
	if (d->quote == SLUICE_AUTO)
		d->quote = '"';
	if (d->escape == SLUICE_AUTO)
		d->escape = SLUICE_NO_CHAR;
	if (sl_comment_auto(d))
		memset(d->comment, 0, sizeof d->comment);
	if (d->trim == SLUICE_AUTO)
		d->trim = 0;
	if (d->header == SLUICE_AUTO)
		d->header = 1;
	if (d->skip == SLUICE_AUTO)
		d->skip = 0;
}

static int fail(const char **msg, const char *why)
{
	if (msg)
		*msg = why;
	return SLUICE_ERR_INVALID_OPTION;
}

/* The checks of a dialect whose AUTO fields are decided (AUTO ones pass: the sniffer only picks
 * valid combinations). */
sluice_status sluice_dialect_check(const sluice_dialect *d, const char **msg)
{
	const int delim = d->delimiter;
	if (delim != SLUICE_AUTO && (delim < 0 || delim > 255))
		return fail(msg, "the delimiter must be a single byte");
	if (delim == '\r' || delim == '\n')
		return fail(msg, "the delimiter cannot be CR or LF");
	if (d->skip < 0 && d->skip != SLUICE_AUTO)
		return fail(msg, "the number of lines to skip cannot be negative");
	if (d->header != SLUICE_AUTO && d->header != 0 && d->header != 1)
		return fail(msg, "the header must be 1, 0 or SLUICE_AUTO");
	if (d->trim != SLUICE_AUTO && d->trim != 0 && d->trim != 1)
		return fail(msg, "trim must be 1, 0 or SLUICE_AUTO");
	if (d->quote != SLUICE_NO_CHAR && d->quote != SLUICE_AUTO) {
		if (d->quote < 0 || d->quote > 255)
			return fail(msg, "the quote must be a single byte");
		if (d->quote == delim)
			return fail(msg, "the quote and the delimiter must differ");
		if (d->quote == '\r' || d->quote == '\n')
			return fail(msg, "the quote cannot be CR or LF");
	}
	if (d->escape != SLUICE_NO_CHAR && d->escape != SLUICE_AUTO) {
		if (d->escape < 0 || d->escape > 255)
			return fail(msg, "the escape must be a single byte");
		if (d->escape == delim || d->escape == d->quote)
			return fail(msg, "the escape must differ from the delimiter and the quote");
		if (d->escape == '\r' || d->escape == '\n')
			return fail(msg, "the escape cannot be CR or LF");
	}
	/* an AUTO comment is never a prefix of its own: the sniffer picks "#" or none */
	size_t clen = sl_comment_auto(d) ? 0 : strnlen(d->comment, SLUICE_COMMENT_MAX);
	if (clen == SLUICE_COMMENT_MAX)
		return fail(msg, "the comment prefix is longer than 7 bytes");
	if (clen) {
		const int c0 = (unsigned char)d->comment[0];
		if (c0 == delim || c0 == d->quote || c0 == '\r' || c0 == '\n' || memchr(d->comment, '\n', clen) ||
		    memchr(d->comment, '\r', clen))
			return fail(msg, "the comment prefix cannot start with the delimiter or the quote, or hold a line break");
	}
	if (d->trim == 1 && (delim == ' ' || delim == '\t'))
		return fail(msg, "trimming cannot be used with a space or tab delimiter");
	if (msg)
		*msg = NULL;
	return SLUICE_OK;
}

const char *sluice_status_name(sluice_status status)
{
	switch (status) {
	case SLUICE_OK:
		return "SLUICE_OK";
	case SLUICE_END:
		return "SLUICE_END";
	case SLUICE_ERR_IO:
		return "SLUICE_ERR_IO";
	case SLUICE_ERR_NOMEM:
		return "SLUICE_ERR_NOMEM";
	case SLUICE_ERR_INVALID_OPTION:
		return "SLUICE_ERR_INVALID_OPTION";
	case SLUICE_ERR_KERNEL:
		return "SLUICE_ERR_KERNEL";
	case SLUICE_ERR_QUOTE:
		return "SLUICE_ERR_QUOTE";
	case SLUICE_ERR_RECORD_TOO_LARGE:
		return "SLUICE_ERR_RECORD_TOO_LARGE";
	case SLUICE_ERR_FAULT:
		return "SLUICE_ERR_FAULT";
	case SLUICE_ERR_SQL:
		return "SLUICE_ERR_SQL";
	case SLUICE_ERR_TYPE:
		return "SLUICE_ERR_TYPE";
	case SLUICE_ERR_MEMORY_LIMIT:
		return "SLUICE_ERR_MEMORY_LIMIT";
	case SLUICE_ERR_RAGGED:
		return "SLUICE_ERR_RAGGED";
	case SLUICE_ERR_UTF8:
		return "SLUICE_ERR_UTF8";
	case SLUICE_ERR_HEADER:
		return "SLUICE_ERR_HEADER";
	case SLUICE_ERR_FORMAT:
		return "SLUICE_ERR_FORMAT";
	default:
		return "SLUICE_ERR_UNKNOWN";
	}
}
