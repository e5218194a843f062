/* cmd_stats.c - `sluice stats`: per-column statistics of a file from one parallel aggregate query. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "sluice_experimental.h" /* sluice_query_input_* */
#include "sluice/command_output.h"
#include "sluice/commands.h"
#include "sluice/query_output.h"
#include "sluice/query_run.h"
#include "sluice/sql_text.h"
#include "sluice/stats_args.h"

static const cli_command stats = {
	.name = "stats",
	.synopsis = "[--columns COLS] [--top N] [options] FILE...",
	.description =
		"Print statistics of the columns of FILE (several FILEs are read as one table), one row\n"
		"per column, all from one pass over the input on every core:\n"
		"  column           the column's name\n"
		"  type             its type as queries see it (inferred from the first records, or --types)\n"
		"  count            the records with a value\n"
		"  nulls            the records without one (the empty field, or a --null spelling)\n"
		"  min, max         the smallest and the largest value (text compares by bytes)\n"
		"  mean, stddev     the mean and the sample standard deviation (numeric columns only)\n"
		"  approx_distinct  the number of distinct values: exact up to 1024, past that an estimate\n"
		"                   (HyperLogLog, about 0.8% standard error)\n"
		"  most_frequent    the N most frequent values with their counts, as 'text' 12, 3.5 7, ...\n"
		"                   (Space-Saving over max(256, 4N) counters per column, in bounded memory);\n"
		"                   a count written <=12 is an estimate, an upper bound; the others are exact.\n"
		"                   Only values known to be more frequent than any value left out are\n"
		"                   listed, so a column of mostly unique values lists none. For exact counts\n"
		"                   of one column, see `sluice frequency`.\n"
		"\n"
		"Options of stats:\n"
		"      --columns COLS         only these columns, names separated by commas (default: all)\n"
		"      --top N                most frequent values per column, 0 to 1000 (default 5; 0 leaves\n"
		"                             most_frequent out)\n",
	.example = "sluice stats --format table trips.csv\n"
	           "sluice stats --columns fare,payment_type --top 3 --format jsonl trips.csv",
	.options = CLI_QUERY,
};

/* A column of the input, and where its statistics are in the result row (-1: not computed). */
typedef struct stat_column {
	char *name;
	sluice_type type;
	long count, min, max, mean, stddev, distinct, top;
} stat_column;

typedef struct stat_plan {
	stat_column *cols;
	size_t ncols;
	char *sql;
} stat_plan;

static void plan_free(stat_plan *p)
{
	for (size_t i = 0; i < p->ncols; i++)
		free(p->cols[i].name);
	free(p->cols);
	free(p->sql);
	memset(p, 0, sizeof *p);
}

/* The input's columns named in list (comma-separated), or all of them when list is NULL: names
 * match exactly, else without regard to case, as in SQL. Returns EXIT_OK, or an exit status after
 * reporting an unknown name. */
static int choose_columns(const sluice_query *q, const char *list, stat_plan *p)
{
	const size_t nin = sluice_query_input_count(q);
	size_t want = nin;
	if (list) {
		want = 1;
		for (const char *c = list; *c; c++)
			want += *c == ',';
	}
	p->cols = calloc(want ? want : 1, sizeof *p->cols);
	if (!p->cols) {
		cli_diag("%s", strerror(ENOMEM));
		return EXIT_DATA;
	}
	for (size_t k = 0; k < want; k++) {
		long col = (long)k;
		if (list) {
			size_t len = strcspn(list, ",");
			col = -1;
			for (size_t i = 0; i < nin && col < 0; i++) {
				const char *n = sluice_query_input_name(q, i);
				if (strlen(n) == len && memcmp(n, list, len) == 0)
					col = (long)i;
			}
			for (size_t i = 0; i < nin && col < 0; i++) {
				const char *n = sluice_query_input_name(q, i);
				if (strlen(n) == len && strncasecmp(n, list, len) == 0)
					col = (long)i;
			}
			if (col < 0) {
				char names[160];
				size_t at = 0;
				for (size_t i = 0; i < nin && at < sizeof names - 8; i++)
					at += (size_t)snprintf(names + at, sizeof names - at, "%s%s", i ? ", " : "",
					                       sluice_query_input_name(q, i));
				if (at >= sizeof names - 8)
					snprintf(names + sizeof names - 8, 8, ", ...");
				cli_diag("unknown column \"%.*s\" (columns: %s)", (int)len, list, names);
				fprintf(stderr, "Try 'sluice %s --help'.\n", stats.name);
				return EXIT_USAGE;
			}
			list += len + (list[len] == ',');
		}
		stat_column *c = &p->cols[p->ncols++];
		c->name = strdup(sluice_query_input_name(q, (size_t)col));
		c->type = sluice_query_input_type(q, (size_t)col);
		if (!c->name) {
			cli_diag("%s", strerror(ENOMEM));
			return EXIT_DATA;
		}
	}
	return EXIT_OK;
}

/* A growing string. */
typedef struct sbuf {
	char *p;
	size_t len, cap;
	bool failed;
} sbuf;

static void sb_add(sbuf *b, const char *s)
{
	size_t n = strlen(s);
	if (b->failed)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		while (cap < b->len + n + 1)
			cap *= 2;
		char *np = realloc(b->p, cap);
		if (!np) {
			b->failed = true;
			return;
		}
		b->p = np;
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, n + 1);
	b->len += n;
}

/* Adds "fn(col[, extra])" as result column *next, which *slot then names. */
static void sb_agg(sbuf *b, const char *fn, const char *ident, const char *extra, long *slot, long *next)
{
	sb_add(b, ", ");
	sb_add(b, fn);
	sb_add(b, "(");
	sb_add(b, ident);
	if (extra)
		sb_add(b, extra);
	sb_add(b, ")");
	*slot = (*next)++;
}

static bool numeric(sluice_type t)
{
	return t == SLUICE_TYPE_BIGINT || t == SLUICE_TYPE_DOUBLE;
}

/* One aggregate query for every statistic of every column: result column 0 is count(*). */
static int build_sql(stat_plan *p, const char *path, int64_t top)
{
	sbuf b = {0};
	long next = 1;
	char extra[32];
	snprintf(extra, sizeof extra, ", %lld", (long long)top);
	sb_add(&b, "count(*)");
	for (size_t i = 0; i < p->ncols; i++) {
		stat_column *c = &p->cols[i];
		char *ident = cli_stats_sql_ident(c->name);
		if (!ident) {
			b.failed = true;
			break;
		}
		c->mean = c->stddev = c->top = -1;
		sb_agg(&b, "count", ident, NULL, &c->count, &next);
		sb_agg(&b, "min", ident, NULL, &c->min, &next);
		sb_agg(&b, "max", ident, NULL, &c->max, &next);
		if (numeric(c->type)) {
			sb_agg(&b, "avg", ident, NULL, &c->mean, &next);
			sb_agg(&b, "stddev_samp", ident, NULL, &c->stddev, &next);
		}
		sb_agg(&b, "approx_count_distinct", ident, NULL, &c->distinct, &next);
		if (top > 0)
			sb_agg(&b, "approx_top_count", ident, extra, &c->top, &next);
		free(ident);
	}
	if (!b.failed)
		p->sql = cli_sql_build_select(b.p, path, NULL, NULL);
	free(b.p);
	if (!p->sql) {
		cli_diag("%s", strerror(ENOMEM));
		return EXIT_DATA;
	}
	return EXIT_OK;
}

/* ------------------------------------------------------------------------------------------ */
/* Output: one row per column.                                                                  */

#define NSTATS 10
#define TEXT_CAP CLI_QUERY_TEXT_CAP

static const char *const headers[NSTATS] = {"column", "type", "count",  "nulls",           "min",
                                             "max",    "mean", "stddev", "approx_distinct", "most_frequent"};

/* Fills f with v (NULL when slot is -1), formatting into buf (TEXT_CAP bytes). */
static void stat_field(out_field *f, const sluice_value *row, long slot, char *buf)
{
	if (slot < 0) {
		*f = (out_field){ "", 0, OUT_NULL };
		return;
	}
	cli_query_value_field(f, &row[slot], cli_query_column_kind(row[slot].type), buf);
}

static void text_field(out_field *f, const char *s)
{
	*f = (out_field){ s, strlen(s), OUT_STRING };
}

/* Writes the statistics of row in format f. Returns 0, or -1 with errno set. */
static int put_stats(out_writer *w, const out_format *f, const stat_plan *p, const sluice_value *row, bool with_top)
{
	const size_t nf = with_top ? NSTATS : NSTATS - 1;
	out_field head[NSTATS], fields[NSTATS];
	for (size_t i = 0; i < nf; i++)
		text_field(&head[i], headers[i]);
	out_stream out;
	if (out_begin(&out, f, w, head, nf) != 0)
		return -1;
	const int64_t records = row[0].u.i;
	int rc = 0;
	char text[NSTATS][TEXT_CAP];
	for (size_t i = 0; i < p->ncols && rc == 0 && !out_writer_failed(w); i++) {
		const stat_column *c = &p->cols[i];
		text_field(&fields[0], c->name);
		text_field(&fields[1], sluice_type_name(c->type));
		stat_field(&fields[2], row, c->count, text[2]);
		int64_t nulls = records - row[c->count].u.i;
		fields[3] = (out_field){ text[3], (size_t)snprintf(text[3], TEXT_CAP, "%lld", (long long)nulls), OUT_NUMBER };
		stat_field(&fields[4], row, c->min, text[4]);
		stat_field(&fields[5], row, c->max, text[5]);
		stat_field(&fields[6], row, c->mean, text[6]);
		stat_field(&fields[7], row, c->stddev, text[7]);
		stat_field(&fields[8], row, c->distinct, text[8]);
		if (with_top)
			stat_field(&fields[9], row, c->top, text[9]);
		rc = out_row(&out, fields, nf);
	}
	if (out_end(&out) != 0)
		rc = -1;
	return rc;
}

/* ------------------------------------------------------------------------------------------ */

static int report_query_error(const void *ctx)
{
	return cli_query_fail(ctx);
}

static void warn_types(const void *ctx, int rc)
{
	if (rc == EXIT_OK)
		cli_query_warn_types(ctx);
}

/* Opens the file once for its column names and types. */
static int plan_columns(const cli_options *o, const char *columns, stat_plan *p)
{
	cli_query_session s;
	int rc = cli_query_open_select(&s, o, "*", NULL, "LIMIT 0");
	if (rc == EXIT_OK) {
		rc = choose_columns(s.q, columns, p);
		cli_query_close(&s);
	}
	return rc;
}

int cli_cmd_stats(int argc, char **argv)
{
	cli_stats_args a;
	int rc = cli_stats_args_take(stats.name, CLI_STATS_OPT_COLUMNS | CLI_STATS_OPT_TOP, 1000, argc, argv, &a);
	cli_options o;
	if (rc == CLI_RUN)
		rc = cli_parse(&stats, a.argc, a.argv, &o);
	if (rc != CLI_RUN) {
		cli_stats_args_free(&a);
		return rc;
	}
	const int64_t top = a.top >= 0 ? a.top : 5;
	/* the types are read before the statistics are: that is two reads, which a file allows and
	 * standard input, a pipe or a FIFO do not */
	const char *once = NULL;
	for (size_t i = 0; i < o.npaths && !once; i++) {
		struct stat sb;
		if (strcmp(o.paths[i], "-") == 0 || (stat(o.paths[i], &sb) == 0 && !S_ISREG(sb.st_mode) && !S_ISDIR(sb.st_mode)))
			once = strcmp(o.paths[i], "-") == 0 ? "standard input" : o.paths[i];
	}
	if (once) {
		cli_diag("stats reads its input twice (the column types, then the statistics): %s cannot be read twice; "
		     "save it to a file first", once);
		cli_stats_args_free(&a);
		return EXIT_USAGE;
	}

	stat_plan p = {0};
	rc = plan_columns(&o, a.columns, &p);
	if (rc == EXIT_OK)
		rc = build_sql(&p, o.path, top);
	cli_query_session s;
	if (rc == EXIT_OK)
		rc = cli_query_open(&s, &o, p.sql);
	if (rc != EXIT_OK) {
		plan_free(&p);
		cli_stats_args_free(&a);
		return rc;
	}

	/* The one result row; nothing is printed when the scan fails. */
	const sluice_value *row = NULL;
	int status = sluice_query_next(s.q, &row);
	out_writer w;
	rc = cli_command_output_open(&w);
	if (rc == EXIT_OK) {
		int format_errno = 0;
		if (status == SLUICE_OK) {
			if (put_stats(&w, o.format, &p, row, top > 0) != 0)
				format_errno = errno;
		}
		const cli_command_end end = { .fail = report_query_error, .written = warn_types, .ctx = &s };
		rc = cli_command_output_close(&w, status < 0 ? status : SLUICE_OK, format_errno, &end);
	}
	cli_query_close(&s);
	plan_free(&p);
	cli_stats_args_free(&a);
	return rc;
}
