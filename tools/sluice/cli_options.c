/* cli_options.c - parses the dialect, engine and output flags shared by every command. */
#include "sluice/cli_options.h"
#include "sluice/progress.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef enum opt_id {
	OPT_DELIMITER,
	OPT_QUOTE,
	OPT_NO_QUOTE,
	OPT_ESCAPE,
	OPT_NO_DOUBLEQUOTE,
	OPT_COMMENT,
	OPT_TRIM,
	OPT_SKIP_EMPTY_LINES,
	OPT_STRICT,
	OPT_RAGGED,
	OPT_MAX_RECORD,
	OPT_NO_HEADER,
	OPT_HEADER,
	OPT_SKIP,
	OPT_NO_SNIFF,
	OPT_VALIDATE_UTF8,
	OPT_ENCODING,
	OPT_DECIMAL,
	OPT_THOUSANDS,
	OPT_DATE_FORMAT,
	OPT_TIMESTAMP_FORMAT,
	OPT_KERNEL,
	OPT_WINDOW_SIZE,
	OPT_THREADS,
	OPT_SPLIT_AT,
	OPT_FORMAT,
	OPT_LINES,
	OPT_WHERE,
	OPT_TYPES,
	OPT_NULL,
	OPT_NO_PREFILTER,
	OPT_STRICT_TYPES,
	OPT_MEMORY_LIMIT,
	OPT_EXPLAIN,
	OPT_EXPLAIN_ANALYZE,
	OPT_NO_PROGRESS,
	OPT_PROGRESS,
	OPT_FILENAME,
	OPT_REJECTS,
	OPT_HELP,
} opt_id;

typedef struct opt_spec {
	opt_id id;
	const char *name;      /* long name without the dashes */
	char short_name;       /* 0 for none */
	const char *arg;       /* the value's name in help, NULL for a flag */
	const char *help;
	const char *group;     /* a heading printed before this option, or NULL */
	unsigned need;         /* the CLI_* bit a command needs to accept it; 0 for a shared option */
} opt_spec;

/* The one list behind both parsing and --help. The options of some commands only come first. */
static const opt_spec opts[] = {
	{ OPT_LINES, "lines", 'n', "N", "records to print after the header (default 10)", NULL, CLI_LINES },
	{ OPT_WHERE, "where", 0, "EXPR", "only the records for which the SQL expression EXPR is true", NULL, CLI_WHERE },
	{ OPT_TYPES, "types", 0, "LIST", "force column types, e.g. fare=DOUBLE,id=VARCHAR", NULL, CLI_QUERY },
	{ OPT_NULL, "null", 0, "STR", "read STR as NULL too, besides the empty field (repeatable)", NULL, CLI_QUERY },
	{ OPT_NO_PREFILTER, "no-prefilter", 0, NULL, "do not skip records by searching literals in the raw bytes", NULL,
	  CLI_QUERY },
	{ OPT_STRICT_TYPES, "strict-types", 0, NULL, "a value that does not fit its column type is an error (--strict too)",
	  NULL, CLI_QUERY },
	{ OPT_MEMORY_LIMIT, "memory-limit", 0, "BYTES", "cap on group-by and DISTINCT state, K/M/G suffixes (default: half the RAM)",
	  NULL, CLI_QUERY },
	{ OPT_EXPLAIN, "explain", 0, NULL, "print the plan instead of running the query", NULL, CLI_EXPLAIN },
	{ OPT_EXPLAIN_ANALYZE, "explain-analyze", 0, NULL, "run the query, print no rows but the plan and its counters",
	  NULL, CLI_EXPLAIN },
	{ OPT_REJECTS, "rejects", 0, "FILE", "write records that would stop the scan to FILE (JSON lines) and go on",
	  NULL, CLI_REJECTS },
	{ OPT_DELIMITER, "delimiter", 'd', "CHAR", "field delimiter, one byte: 'tab', '\\t', '\\0', '\\x1f' (default: sniffed)",
	  "Dialect (what is not given is sniffed from a sample of the input)", 0 },
	{ OPT_QUOTE, "quote", 0, "CHAR", "quote byte (default: sniffed, '\"' or '\'')", NULL, 0 },
	{ OPT_NO_QUOTE, "no-quote", 0, NULL, "no quoting: quote bytes are data", NULL, 0 },
	{ OPT_ESCAPE, "escape", 0, "CHAR", "escape byte that makes the next byte data (default: sniffed, '\\' or none)", NULL, 0 },
	{ OPT_NO_DOUBLEQUOTE, "no-doublequote", 0, NULL, "a doubled quote inside quotes is not one quote", NULL, 0 },
	{ OPT_COMMENT, "comment", 0, "PREFIX", "skip records that start with PREFIX (at most 7 bytes, '' for none; default: sniffed '#')", NULL, 0 },
	{ OPT_TRIM, "trim", 0, NULL, "drop spaces and tabs around fields, outside quotes", NULL, 0 },
	{ OPT_SKIP_EMPTY_LINES, "skip-empty-lines", 0, NULL, "an empty line is no record (default: one empty field)",
	  NULL, 0 },
	{ OPT_STRICT, "strict", 0, NULL, "malformed quoting is an error instead of being repaired", NULL, 0 },
	{ OPT_RAGGED, "ragged", 0, "MODE", "records with another field count: keep|error|pad|truncate (default keep)", NULL, 0 },
	{ OPT_MAX_RECORD, "max-record-size", 0, "BYTES", "longest record accepted, K/M/G suffixes (default 1G)", NULL, 0 },
	{ OPT_HEADER, "header", 0, NULL, "the first record names the columns (default: sniffed)", NULL, 0 },
	{ OPT_NO_HEADER, "no-header", 0, NULL, "the first record is data, not column names", NULL, 0 },
	{ OPT_SKIP, "skip", 0, "N", "step over N lines before the table (a preamble; default: sniffed)", NULL, 0 },
	{ OPT_NO_SNIFF, "no-sniff", 0, NULL, "guess nothing: ',' '\"' a header, no comments, unless given", NULL, 0 },
	{ OPT_VALIDATE_UTF8, "validate-utf8", 0, NULL, "the first byte that is not UTF-8 is an error (FILE:LINE:FIELD)",
	  NULL, 0 },
	{ OPT_ENCODING, "encoding", 0, "NAME", "text encoding: utf-8 (default), utf-16, utf-16le, latin1, cp1252, any iconv name",
	  NULL, 0 },
	{ OPT_DECIMAL, "decimal", 0, "CHAR", "decimal mark of every number column, '.' or ','", "Values (what is not given is "
	  "sniffed per column: a decimal comma and digit groups where the delimiter is not ',', day-first dates)", 0 },
	{ OPT_THOUSANDS, "thousands", 0, "CHAR", "digit group separator of numbers ('' for none)", NULL, 0 },
	{ OPT_DATE_FORMAT, "date-format", 0, "FMT", "layout of DATE values, e.g. %d.%m.%Y (%d %m %Y %y)", NULL, 0 },
	{ OPT_TIMESTAMP_FORMAT, "timestamp-format", 0, "FMT", "layout of TIMESTAMP values, e.g. '%m/%d/%Y %I:%M %p' "
	  "(%H %I %M %S %f %p too)", NULL, 0 },
	{ OPT_KERNEL, "kernel", 0, "NAME", "scalar|sse42|avx2|avx512|neon|auto (default auto)", "Engine", 0 },
	{ OPT_WINDOW_SIZE, "window-size", 0, "BYTES", "input bytes indexed per step, K/M/G suffixes (advanced)", NULL, 0 },
	{ OPT_THREADS, "threads", 0, "N", "threads for count and aggregates (default: one per core)", NULL, 0 },
	{ OPT_SPLIT_AT, "split-at", 0, "LIST", "byte offsets where a parallel scan splits the file (testing)", NULL, 0 },
	{ OPT_FORMAT, "format", 0, "NAME", "output format (default csv; see below)", "Output", 0 },
	{ OPT_NO_PROGRESS, "no-progress", 0, NULL, "no progress line on stderr (shown on a terminal after a second)", NULL, 0 },
	{ OPT_PROGRESS, "progress", 0, NULL, "the progress line also when stderr is no terminal, and the bytes read at the end",
	  NULL, 0 },
	{ OPT_FILENAME, "filename", 0, NULL, "add a column `filename` naming the input of each record", NULL, CLI_QUERY },
	{ OPT_HELP, "help", 'h', NULL, "print this help", NULL, 0 },
};

#define NOPTS (sizeof opts / sizeof opts[0])

static void print_option(const opt_spec *s, FILE *f)
{
	char left[48];
	if (s->short_name)
		snprintf(left, sizeof left, "-%c, --%s%s%s", s->short_name, s->name, s->arg ? " " : "",
		         s->arg ? s->arg : "");
	else
		snprintf(left, sizeof left, "    --%s%s%s", s->name, s->arg ? " " : "", s->arg ? s->arg : "");
	if (strlen(left) > 26) /* too wide for the column: the text goes on the next line */
		fprintf(f, "  %s\n  %-26s %s\n", left, "", s->help);
	else
		fprintf(f, "  %-26s %s\n", left, s->help);
}

void cli_print_common_options(FILE *f)
{
	for (size_t i = 0; i < NOPTS; i++) {
		if (opts[i].need)
			continue;
		if (opts[i].group)
			fprintf(f, "\n%s:\n", opts[i].group);
		print_option(&opts[i], f);
	}
	fputs("\nFormats:\n", f);
	for (size_t i = 0; out_formats[i]; i++)
		fprintf(f, "  %-26s %s\n", out_formats[i]->name, out_formats[i]->help);
}

void cli_print_help(const cli_command *cmd, FILE *f)
{
	fprintf(f, "usage: sluice %s %s\n\n%s", cmd->name, cmd->synopsis, cmd->description);
	bool any = false;
	for (size_t i = 0; i < NOPTS; i++) {
		if (!(opts[i].need & cmd->options))
			continue;
		if (!any)
			fputs("\nOptions:\n", f);
		any = true;
		print_option(&opts[i], f);
	}
	cli_print_common_options(f);
	/* cmd->example holds one command line, or several separated by line breaks */
	if (!cmd->example)
		return;
	fputs(strchr(cmd->example, '\n') ? "\nExamples:\n" : "\nExample:\n", f);
	for (const char *p = cmd->example; *p;) {
		size_t len = strcspn(p, "\n");
		fprintf(f, "  %.*s\n", (int)len, p);
		p += len;
		if (*p)
			p++;
	}
}

/* Supported kernel names, for messages: "auto, scalar, sse42, avx2". */
static const char *supported_kernels(void)
{
	static char list[96];
	list[0] = '\0';
	for (int k = 0; k < SLUICE_KERNEL_COUNT; k++) {
		if (k != SLUICE_KERNEL_AUTO && !sluice_kernel_supported((sluice_kernel)k))
			continue;
		size_t len = strlen(list);
		snprintf(list + len, sizeof list - len, "%s%s", len ? ", " : "", sluice_kernel_name((sluice_kernel)k));
	}
	return list;
}

/* One byte: the character itself (a literal tab too), or "\t" / "tab" for a tab. */
static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* One byte: itself, "tab", or an escape: \t, \0, \\, \xHH. */
static int parse_byte(const char *value, const char *option, int *out)
{
	if (strlen(value) == 1) {
		*out = (unsigned char)value[0];
		return 0;
	}
	if (strcmp(value, "\\t") == 0 || strcmp(value, "tab") == 0) {
		*out = '\t';
		return 0;
	}
	if (strcmp(value, "\\0") == 0) {
		*out = 0;
		return 0;
	}
	if (strcmp(value, "\\\\") == 0) {
		*out = '\\';
		return 0;
	}
	if (value[0] == '\\' && value[1] == 'x' && hex_digit(value[2]) >= 0 && hex_digit(value[3]) >= 0 && !value[4]) {
		*out = hex_digit(value[2]) * 16 + hex_digit(value[3]);
		return 0;
	}
	if ((unsigned char)value[0] >= 0xC2 && strlen(value) <= 4) {
		cli_diag("--%s needs a single byte: '%s' is %zu bytes of UTF-8, and only one-byte dialect characters are "
		         "read", option, value, strlen(value));
		return -1;
	}
	cli_diag("--%s needs a single byte ('tab', '\\t', '\\0' or '\\xHH' for others), not '%s'", option, value);
	return -1;
}

/* A decimal count with an optional binary suffix: 65536, 64K, 16M, 1G (KiB, MiB, GiB too). */
static int parse_size(const char *value, uint64_t *out)
{
	uint64_t n = 0;
	const char *p = value;
	if (*p < '0' || *p > '9')
		return -1;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (n > (UINT64_MAX - 9) / 10)
			return -1;
		n = n * 10 + (uint64_t)(*p - '0');
	}
	unsigned shift = 0;
	switch (*p) {
	case 'k': case 'K': shift = 10; p++; break;
	case 'm': case 'M': shift = 20; p++; break;
	case 'g': case 'G': shift = 30; p++; break;
	default: break;
	}
	if (shift && (strcmp(p, "iB") == 0 || strcmp(p, "B") == 0))
		p += strlen(p);
	if (*p != '\0' || (shift && n > (UINT64_MAX >> shift)))
		return -1;
	*out = n << shift;
	return 0;
}

/* The options under "Dialect" in --help: how the bytes are read as records and fields. */
static int apply_dialect(cli_options *o, const opt_spec *s, const char *value)
{
	sluice_dialect *d = &o->reader.dialect;
	int byte;
	uint64_t n;

	switch (s->id) {
	case OPT_DELIMITER:
		if (parse_byte(value, s->name, &byte) != 0)
			return -1;
		d->delimiter = byte;
		return 0;
	case OPT_QUOTE:
		return parse_byte(value, s->name, &d->quote);
	case OPT_NO_QUOTE:
		d->quote = SLUICE_NO_CHAR;
		return 0;
	case OPT_ESCAPE:
		return parse_byte(value, s->name, &d->escape);
	case OPT_NO_DOUBLEQUOTE:
		d->double_quote = false;
		return 0;
	case OPT_COMMENT:
		if (strlen(value) >= SLUICE_COMMENT_MAX) { /* '' is none */
			cli_diag("--comment needs a prefix of at most %d bytes", SLUICE_COMMENT_MAX - 1);
			return -1;
		}
		memset(d->comment, 0, sizeof d->comment);
		memcpy(d->comment, value, strlen(value));
		return 0;
	case OPT_TRIM:
		d->trim = 1;
		return 0;
	case OPT_SKIP_EMPTY_LINES:
		d->skip_empty_lines = true;
		return 0;
	case OPT_STRICT:
		d->strict = true;
		o->strict_types = true;
		return 0;
	case OPT_RAGGED: {
		static const char *const modes[] = {"keep", "error", "pad", "truncate"};
		for (int i = 0; i < 4; i++) {
			if (strcmp(value, modes[i]) == 0) {
				o->reader.ragged = i;
				return 0;
			}
		}
		cli_diag("--ragged needs keep, error, pad or truncate, not '%s'", value);
		return -1;
	}
	case OPT_MAX_RECORD:
		if (parse_size(value, &n) != 0 || n < 64) {
			cli_diag("--max-record-size needs a byte count of at least 64, not '%s'", value);
			return -1;
		}
		o->reader.max_record_size = n;
		return 0;
	case OPT_NO_HEADER:
		d->header = 0;
		return 0;
	case OPT_HEADER:
		d->header = 1;
		return 0;
	case OPT_SKIP:
		if (parse_size(value, &n) != 0 || n > INT64_MAX) {
			cli_diag("--skip needs a number of lines, not '%s'", value);
			return -1;
		}
		d->skip = (int64_t)n;
		return 0;
	case OPT_NO_SNIFF:
		o->no_sniff = true;
		return 0;
	case OPT_VALIDATE_UTF8:
		o->reader.validate_utf8 = true;
		return 0;
	case OPT_ENCODING:
		o->reader.encoding = value;
		return 0;
	default:
		return 0;
	}
}

/* The options under "Values" in --help: how numbers and dates are written. The library checks the
 * layouts and says what is wrong with one. */
static int apply_values(cli_options *o, const opt_spec *s, const char *value)
{
	switch (s->id) {
	case OPT_DECIMAL:
		if (strcmp(value, ".") != 0 && strcmp(value, ",") != 0) {
			cli_diag("--decimal needs '.' or ',', not '%s'", value);
			return -1;
		}
		o->decimal = value[0];
		return 0;
	case OPT_THOUSANDS:
		if (strlen(value) > 1) {
			cli_diag("--thousands needs one byte, or '' for none, not '%s'", value);
			return -1;
		}
		o->thousands = value[0] ? (unsigned char)value[0] : SLUICE_NO_CHAR;
		return 0;
	case OPT_DATE_FORMAT:
		o->date_format = value;
		return 0;
	case OPT_TIMESTAMP_FORMAT:
		o->timestamp_format = value;
		return 0;
	default:
		return 0;
	}
}

static int apply_kernel(cli_options *o, const char *value)
{
	sluice_kernel k;
	if (sluice_kernel_from_name(value, &k) != SLUICE_OK) {
		cli_diag("unknown kernel '%s' (supported here: %s)", value, supported_kernels());
		return -1;
	}
	if (k != SLUICE_KERNEL_AUTO && !sluice_kernel_supported(k)) {
		cli_diag("kernel '%s' is not supported on this CPU (supported here: %s)", value, supported_kernels());
		return -1;
	}
	o->reader.kernel = k;
	return 0;
}

/* --split-at: comma-separated offsets, kept in a static array (one parse per process). */
static int apply_split_at(cli_options *o, const char *value)
{
	static uint64_t splits[64];
	size_t k = 0;
	const char *at = value;
	while (*at && k < 64) {
		char *end;
		unsigned long long v = strtoull(at, &end, 10);
		if (end == at || (*end && *end != ',')) {
			cli_diag("--split-at needs byte offsets such as 100,2000, not '%s'", value);
			return -1;
		}
		splits[k++] = v;
		at = *end ? end + 1 : end;
	}
	o->reader.split_offsets = splits;
	o->reader.nsplits = k;
	return 0;
}

/* The options under "Engine" in --help: how the scan runs, not what it reads. */
static int apply_engine(cli_options *o, const opt_spec *s, const char *value)
{
	uint64_t n;

	switch (s->id) {
	case OPT_KERNEL:
		return apply_kernel(o, value);
	case OPT_WINDOW_SIZE:
		if (parse_size(value, &n) != 0 || n > SIZE_MAX) {
			cli_diag("--window-size needs a byte count such as 262144 or 256K, not '%s'", value);
			return -1;
		}
		o->reader.window_size = (size_t)n;
		return 0;
	case OPT_THREADS:
		if (parse_size(value, &n) != 0 || strspn(value, "0123456789") != strlen(value) || n > 256) {
			cli_diag("--threads needs a count from 0 (one per core) to 256, not '%s'", value);
			return -1;
		}
		o->reader.threads = (unsigned)n;
		return 0;
	case OPT_SPLIT_AT:
		return apply_split_at(o, value);
	default:
		return 0;
	}
}

static int apply_format(cli_options *o, const char *value)
{
	o->format = out_find(value);
	if (!o->format) {
		char names[64] = "";
		for (size_t i = 0; out_formats[i]; i++) {
			size_t len = strlen(names);
			snprintf(names + len, sizeof names - len, "%s%s", i ? ", " : "", out_formats[i]->name);
		}
		cli_diag("unknown format '%s' (%s)", value, names);
		return -1;
	}
	o->format_given = true;
	return 0;
}

/* The options of some commands only, and those under "Output" in --help. */
static int apply_command(cli_options *o, const opt_spec *s, const char *value)
{
	uint64_t n;

	switch (s->id) {
	case OPT_FORMAT:
		return apply_format(o, value);
	case OPT_LINES:
		if (parse_size(value, &n) != 0 || strspn(value, "0123456789") != strlen(value)) {
			cli_diag("--lines needs a count of records, not '%s'", value);
			return -1;
		}
		o->lines = n;
		return 0;
	case OPT_WHERE:
		o->where = value;
		return 0;
	case OPT_TYPES:
		o->types = value;
		return 0;
	case OPT_NULL:
		if (o->nnulls == CLI_MAX_NULLS) {
			cli_diag("--null may be given at most %d times", CLI_MAX_NULLS);
			return -1;
		}
		o->nulls[o->nnulls++] = value;
		o->nulls[o->nnulls] = NULL;
		return 0;
	case OPT_NO_PREFILTER:
		o->prefilter = false;
		return 0;
	case OPT_STRICT_TYPES:
		o->strict_types = true;
		return 0;
	case OPT_MEMORY_LIMIT:
		if (parse_size(value, &n) != 0) {
			cli_diag("--memory-limit needs a byte count such as 1073741824 or 1G, not '%s'", value);
			return -1;
		}
		o->memory_limit = n;
		return 0;
	case OPT_EXPLAIN:
		o->explain = true;
		return 0;
	case OPT_EXPLAIN_ANALYZE:
		o->explain_analyze = true;
		return 0;
	case OPT_NO_PROGRESS:
		o->progress = false;
		o->progress_forced = false;
		return 0;
	case OPT_PROGRESS:
		o->progress = true;
		o->progress_forced = true;
		return 0;
	case OPT_FILENAME:
		o->filename = true;
		return 0;
	case OPT_REJECTS:
		o->rejects = value;
		return 0;
	default:
		return 0;
	}
}

/* Applies one option. Returns 0, or -1 after printing a usage error. */
static int apply(cli_options *o, const opt_spec *s, const char *value)
{
	switch (s->id) {
	case OPT_DELIMITER:
	case OPT_QUOTE:
	case OPT_NO_QUOTE:
	case OPT_ESCAPE:
	case OPT_NO_DOUBLEQUOTE:
	case OPT_COMMENT:
	case OPT_TRIM:
	case OPT_SKIP_EMPTY_LINES:
	case OPT_STRICT:
	case OPT_RAGGED:
	case OPT_MAX_RECORD:
	case OPT_NO_HEADER:
	case OPT_HEADER:
	case OPT_SKIP:
	case OPT_NO_SNIFF:
	case OPT_VALIDATE_UTF8:
	case OPT_ENCODING:
		return apply_dialect(o, s, value);
	case OPT_DECIMAL:
	case OPT_THOUSANDS:
	case OPT_DATE_FORMAT:
	case OPT_TIMESTAMP_FORMAT:
		return apply_values(o, s, value);
	case OPT_KERNEL:
	case OPT_WINDOW_SIZE:
	case OPT_THREADS:
	case OPT_SPLIT_AT:
		return apply_engine(o, s, value);
	case OPT_FORMAT:
	case OPT_LINES:
	case OPT_WHERE:
	case OPT_TYPES:
	case OPT_NULL:
	case OPT_NO_PREFILTER:
	case OPT_STRICT_TYPES:
	case OPT_MEMORY_LIMIT:
	case OPT_EXPLAIN:
	case OPT_EXPLAIN_ANALYZE:
	case OPT_NO_PROGRESS:
	case OPT_PROGRESS:
	case OPT_FILENAME:
	case OPT_REJECTS:
		return apply_command(o, s, value);
	case OPT_HELP:
		return 0;
	}
	return 0;
}

/* The option is shared, or one this command takes. */
static const opt_spec *accepted(const opt_spec *s, const cli_command *cmd)
{
	return s->need == 0 || (s->need & cmd->options) ? s : NULL;
}

static const opt_spec *find_long(const char *name, size_t len, const cli_command *cmd)
{
	for (size_t i = 0; i < NOPTS; i++)
		if (strlen(opts[i].name) == len && memcmp(opts[i].name, name, len) == 0)
			return accepted(&opts[i], cmd);
	return NULL;
}

static const opt_spec *find_short(char c, const cli_command *cmd)
{
	for (size_t i = 0; i < NOPTS; i++)
		if (opts[i].short_name == c)
			return accepted(&opts[i], cmd);
	return NULL;
}

/* The name of operand i of cmd ("FILE", "SQL", ...) into buf; false when cmd has fewer. */
static bool operand_name(const cli_command *cmd, size_t i, char *buf, size_t cap)
{
	const char *p = cmd->operands ? cmd->operands : "FILE";
	for (;;) {
		p += strspn(p, " ");
		size_t len = strcspn(p, " ");
		if (len == 0)
			return false;
		if (i-- == 0) {
			snprintf(buf, cap, "%.*s", (int)len, p);
			return true;
		}
		p += len;
	}
}

static int usage_error(const cli_command *cmd)
{
	fprintf(stderr, "Try 'sluice %s --help'.\n", cmd->name);
	return EXIT_USAGE;
}

int cli_parse(const cli_command *cmd, int argc, char **argv, cli_options *o)
{
	bool only_operands = false;
	size_t noperands = 0;
	char operand[32];

	memset(o, 0, sizeof *o);
	sluice_options_init(&o->reader);
	o->reader.threads = 0; /* the CLI uses every core */
	o->format = out_formats[0];
	o->lines = 10;
	o->prefilter = true;
	o->progress = true;
	o->decimal = SLUICE_AUTO;
	o->thousands = SLUICE_AUTO;
	/* the FILE arguments are gathered at the front of argv as they are read (their slots are read
	 * already by then) */
	o->paths = (const char **)argv + 1;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (only_operands || a[0] != '-' || a[1] == '\0') {
			if (o->npaths && noperands && !operand_name(cmd, noperands, operand, sizeof operand)) {
				/* FILE is the last operand: more files follow, read as one table */
				o->paths[o->npaths++] = a;
				continue;
			}
			if (noperands == CLI_MAX_OPERANDS || !operand_name(cmd, noperands, operand, sizeof operand)) {
				if (cmd->operands)
					cli_diag("unexpected argument '%s' (usage: sluice %s %s)", a, cmd->name, cmd->synopsis);
				else
					cli_diag("unexpected argument '%s': one FILE only", a);
				return usage_error(cmd);
			}
			o->operands[noperands++] = a;
			if (strcmp(operand, "FILE") == 0) {
				o->path = a;
				o->paths[o->npaths++] = a;
			}
			continue;
		}
		if (strcmp(a, "--") == 0) {
			only_operands = true;
			continue;
		}

		const opt_spec *s;
		const char *value = NULL;
		if (a[1] == '-') {
			const char *name = a + 2;
			const char *eq = strchr(name, '=');
			s = find_long(name, eq ? (size_t)(eq - name) : strlen(name), cmd);
			if (!s) {
				cli_diag("unknown option '%.*s'", eq ? (int)(eq - a) : (int)strlen(a), a);
				return usage_error(cmd);
			}
			if (eq && !s->arg) {
				cli_diag("option '--%s' takes no value", s->name);
				return usage_error(cmd);
			}
			if (eq)
				value = eq + 1;
		} else {
			s = find_short(a[1], cmd);
			if (!s || (!s->arg && a[2] != '\0')) {
				cli_diag("unknown option '%s'", a);
				return usage_error(cmd);
			}
			if (s->arg && a[2] != '\0')
				value = a + 2;
		}
		if (s->arg && !value) {
			if (i + 1 >= argc) {
				cli_diag("option '%s' needs a value (%s)", a, s->arg);
				return usage_error(cmd);
			}
			value = argv[++i];
		}
		if (s->id == OPT_HELP) {
			cli_print_help(cmd, stdout);
			return EXIT_OK;
		}
		if (apply(o, s, value) != 0)
			return usage_error(cmd);
	}

	if (operand_name(cmd, noperands, operand, sizeof operand)) {
		/* no FILE: standard input, unless it is a terminal (nobody would be typing a table) */
		if (strcmp(operand, "FILE") != 0 || isatty(STDIN_FILENO)) {
			cli_diag("missing %s", operand);
			return usage_error(cmd);
		}
		static const char *stdin_path[1] = {"-"};
		o->path = "-";
		o->paths = stdin_path;
		o->npaths = 1;
		o->operands[noperands++] = "-";
	}
	if (!isatty(STDERR_FILENO) && !o->progress_forced)
		o->progress = false;
	if (o->progress)
		cli_progress_attach(&o->reader, o->progress_forced);
	if (o->no_sniff)
		sluice_dialect_fill_auto(&o->reader.dialect);
	const char *why = NULL;
	if (sluice_dialect_check(&o->reader.dialect, &why) != SLUICE_OK) {
		cli_diag("%s", why ? why : "the dialect options contradict each other");
		return usage_error(cmd);
	}
	return CLI_RUN;
}
