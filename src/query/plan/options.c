/* options.c - read_csv(...) options of the FROM clause into the reader's dialect and the query's settings. */
#include <string.h>
#include <stdlib.h>

#include "io/encoding.h"
#include "query/plan/options.h"
#include "query/plan/sql_error.h"
#include "query/values/layout.h"

static int opt_char(sluice_query *q, const sq_option *o, int *out, bool allow_none)
{
	if (o->value.type != SQ_T_VARCHAR || o->value.null)
		return sq_sql_error(q, o->pos, "option %s expects a string", o->key);
	const char *s = o->value.u.s.ptr;
	size_t n = o->value.u.s.len;
	if (n == 0 && allow_none) {
		*out = SLUICE_NO_CHAR;
		return 0;
	}
	if (n == 2 && s[0] == '\\' && s[1] == 't') {
		*out = '\t';
		return 0;
	}
	if (n != 1)
		return sq_sql_error(q, o->pos, "option %s expects a single character", o->key);
	*out = (unsigned char)s[0];
	return 0;
}

static int opt_bool(sluice_query *q, const sq_option *o, bool *out)
{
	if (o->value.type == SQ_T_BOOLEAN && !o->value.null) {
		*out = o->value.u.b;
		return 0;
	}
	if (o->value.type == SQ_T_BIGINT && !o->value.null) {
		*out = o->value.u.i != 0;
		return 0;
	}
	return sq_sql_error(q, o->pos, "option %s expects true or false", o->key);
}

/* A whole number of at least min. */
static int opt_int(sluice_query *q, const sq_option *o, int64_t min, int64_t *out)
{
	if (o->value.type != SQ_T_BIGINT || o->value.null || o->value.u.i < min)
		return sq_sql_error(q, o->pos, "option %s expects a whole number of at least %lld", o->key, (long long)min);
	*out = o->value.u.i;
	return 0;
}

/* encoding = 'latin1': the name is checked now, so that a wrong one points at the option. */
static int opt_encoding(sluice_query *q, const sq_option *o)
{
	if (o->value.type != SQ_T_VARCHAR || o->value.null)
		return sq_sql_error(q, o->pos, "option %s expects a string", o->key);
	char *name = strndup(o->value.u.s.ptr, o->value.u.s.len);
	if (!name)
		return SLUICE_ERR_NOMEM;
	sl_encoding e;
	char why[160];
	if (sl_encoding_parse(name, &e, why, sizeof why) != SLUICE_OK) {
		free(name);
		return sq_sql_error(q, o->pos, "%s", why);
	}
	free(q->encoding);
	q->encoding = name;
	q->ropts.encoding = name;
	return 0;
}

/* A value format that cannot be: an SQL error at pos, or an option error for a flag (pos -1). */
static int format_error(sluice_query *q, long pos, const char *why)
{
	if (pos >= 0)
		return sq_sql_error(q, (size_t)pos, "%s", why);
	sq_sql_error(q, 0, "%s", why);
	q->err.status = SLUICE_ERR_INVALID_OPTION;
	return SLUICE_ERR_INVALID_OPTION;
}

/* auto_detect = false: nothing is guessed. As in DuckDB, the dialect is the default one, the
 * first record is data unless header says otherwise, and every column is VARCHAR unless typed. */
static void no_detection(sluice_query *q)
{
	sluice_dialect *d = &q->ropts.dialect;
	if (d->header == SLUICE_AUTO)
		d->header = 0;
	sluice_dialect_fill_auto(d);
	q->all_varchar = true;
}

/* A decimal mark: '.' or ','. pos is the option's place in the SQL, or -1 for the flag's. */
static int set_decimal(sluice_query *q, int c, long pos)
{
	if (c != '.' && c != ',')
		return format_error(q, pos, "the decimal separator is '.' or ','");
	q->fmt.decimal = (char)c;
	return 0;
}

/* A digit group separator, SLUICE_NO_CHAR for none. */
static int set_thousands(sluice_query *q, int c, long pos)
{
	if (c != SLUICE_NO_CHAR && (c < 0x20 || c > 0x7e || (c >= '0' && c <= '9') || c == '-' || c == '+'))
		return format_error(q, pos, "the thousands separator is one printable byte, not a digit or a sign");
	q->fmt.thousands = c == SLUICE_NO_CHAR ? '\0' : (char)c;
	q->fmt.thousands_given = true;
	return 0;
}

/* A DATE (timestamp false) or TIMESTAMP layout, copied into *slot. */
static int set_layout(sluice_query *q, const char *s, size_t n, bool timestamp, long pos)
{
	char *copy = strndup(s, n);
	if (!copy)
		return SLUICE_ERR_NOMEM;
	const char *why = sq_layout_problem(copy, timestamp);
	if (why) {
		free(copy);
		return format_error(q, pos, why);
	}
	char **slot = timestamp ? &q->fmt.timestamp_layout : &q->fmt.date_layout;
	free(*slot);
	*slot = copy;
	return 0;
}

/* The formats the flags (sluice_query_options) fix, before read_csv's options. */
static int formats_from_flags(sluice_query *q)
{
	const sluice_query_options *o = &q->qo;
	int rc = 0;
	if (o->decimal_separator != SLUICE_AUTO)
		rc = set_decimal(q, o->decimal_separator, -1);
	if (!rc && o->thousands != SLUICE_AUTO)
		rc = set_thousands(q, o->thousands, -1);
	if (!rc && o->date_format)
		rc = set_layout(q, o->date_format, strlen(o->date_format), false, -1);
	if (!rc && o->timestamp_format)
		rc = set_layout(q, o->timestamp_format, strlen(o->timestamp_format), true, -1);
	return rc;
}

/* The value formats of read_csv: 1 when k is none of them. */
static int format_option(sluice_query *q, const sq_option *o)
{
	const char *k = o->key;
	const bool text = o->value.type == SQ_T_VARCHAR && !o->value.null;
	const char *s = text ? o->value.u.s.ptr : "";
	const size_t n = text ? o->value.u.s.len : 0;
	const long pos = (long)o->pos;
	if (!strcmp(k, "decimal_separator")) {
		if (!text || n != 1)
			return sq_sql_error(q, o->pos, "option %s expects '.' or ','", k);
		return set_decimal(q, (unsigned char)s[0], pos);
	}
	if (!strcmp(k, "thousands")) {
		if (!text || n > 1)
			return sq_sql_error(q, o->pos, "option %s expects one character, or '' for none", k);
		return set_thousands(q, n ? (unsigned char)s[0] : SLUICE_NO_CHAR, pos);
	}
	const bool date = !strcmp(k, "dateformat") || !strcmp(k, "date_format");
	if (date || !strcmp(k, "timestampformat") || !strcmp(k, "timestamp_format")) {
		if (!text)
			return sq_sql_error(q, o->pos, "option %s expects a string", k);
		return set_layout(q, s, n, !date, pos);
	}
	return 1;
}

int sq_apply_options(sluice_query *q)
{
	sluice_dialect *d = &q->ropts.dialect;
	bool detect = true;
	int frc = formats_from_flags(q);
	if (frc)
		return frc;
	for (size_t i = 0; i < q->ast->noptions; i++) {
		const sq_option *o = &q->ast->options[i];
		const char *k = o->key;
		int c = 0, rc = 0;
		if (!strcmp(k, "delim") || !strcmp(k, "sep") || !strcmp(k, "delimiter")) {
			rc = opt_char(q, o, &c, false);
			d->delimiter = c;
		} else if (!strcmp(k, "quote")) {
			rc = opt_char(q, o, &d->quote, true);
		} else if (!strcmp(k, "escape")) {
			rc = opt_char(q, o, &d->escape, true);
			/* DuckDB spells doubled quotes as escape = quote */
			if (!rc && d->escape == d->quote) {
				d->escape = SLUICE_NO_CHAR;
				d->double_quote = true;
			}
		} else if (!strcmp(k, "header")) {
			bool b = false;
			rc = opt_bool(q, o, &b);
			d->header = b;
		} else if (!strcmp(k, "skip")) {
			int64_t n = 0;
			rc = opt_int(q, o, 0, &n);
			d->skip = n;
		} else if (!strcmp(k, "comment")) {
			if (o->value.type != SQ_T_VARCHAR || o->value.u.s.len >= SLUICE_COMMENT_MAX)
				return sq_sql_error(q, o->pos, "option %s expects a string of at most 7 bytes", k);
			memset(d->comment, 0, sizeof d->comment);
			memcpy(d->comment, o->value.u.s.ptr, o->value.u.s.len);
		} else if (!strcmp(k, "strict_mode") || !strcmp(k, "strict")) {
			rc = opt_bool(q, o, &d->strict);
		} else if (!strcmp(k, "trim")) {
			bool b = false;
			rc = opt_bool(q, o, &b);
			d->trim = b;
		} else if (!strcmp(k, "skip_empty_lines")) {
			rc = opt_bool(q, o, &d->skip_empty_lines);
		} else if (!strcmp(k, "nullstr")) {
			if (o->value.type != SQ_T_VARCHAR)
				return sq_sql_error(q, o->pos, "option %s expects a string", k);
			char **n = realloc(q->nulls, (q->nnulls + 1) * sizeof *n);
			if (!n)
				return SLUICE_ERR_NOMEM;
			q->nulls = n;
			q->nulls[q->nnulls] = strndup(o->value.u.s.ptr, o->value.u.s.len);
			if (!q->nulls[q->nnulls++])
				return SLUICE_ERR_NOMEM;
		} else if (!strcmp(k, "filename")) {
			bool b = false;
			rc = opt_bool(q, o, &b);
			q->filename_col = b ? 0 : -1;
		} else if (!strcmp(k, "encoding")) {
			rc = opt_encoding(q, o);
		} else if (!strcmp(k, "auto_detect")) {
			rc = opt_bool(q, o, &detect);
		} else if (!strcmp(k, "sample_size")) {
			/* records read to type the columns; -1 (DuckDB's "all") reads them all */
			int64_t n = 0;
			rc = opt_int(q, o, -1, &n);
			if (!rc && n == 0)
				rc = sq_sql_error(q, o->pos, "option %s expects a positive number, or -1 for all records", k);
			q->qo.sample_records = n < 0 ? UINT64_MAX : (uint64_t)n;
		} else if (!strcmp(k, "all_varchar")) {
			bool b = false;
			rc = opt_bool(q, o, &b);
			q->all_varchar = b;
		} else if ((rc = format_option(q, o)) == 1) {
			return sq_sql_error(q, o->pos, "unknown read_csv option '%s'", k);
		}
		if (rc)
			return rc;
	}
	if (!detect)
		no_detection(q);
	return 0;
}
