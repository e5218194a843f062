/* schema.c - the input columns: names from the header (made distinct), types from a sample or --types. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "query/plan/schema.h"
#include "scan/scan.h"
#include "query/plan/sql_error.h"
#include "query/plan/inputs.h"
#include "query/plan/projection.h"
#include "query/plan/column_sniff.h"
#include "query/plan/sample.h"
#include "query/values/value.h"

/* A slot of the set of column names taken so far: the name, and how many times a name has come
 * again as this one (the suffix its next repeat gets). */
typedef struct name_slot {
	const char *name;
	uint64_t repeats;
} name_slot;

/* FNV-1a of name with ASCII letters lower-cased: names that differ only in case collide, as
 * SQL identifiers do. */
static uint64_t name_hash(const char *name)
{
	uint64_t h = 1469598103934665603u;
	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		const unsigned char c = *p >= 'A' && *p <= 'Z' ? (unsigned char)(*p + 32) : *p;
		h = (h ^ c) * 1099511628211u;
	}
	return h;
}

/* The slot of name (ASCII case ignored) in the table (mask + 1 slots, a power of two), or the free
 * one where it goes. */
static name_slot *find_name(name_slot *t, size_t mask, const char *name)
{
	for (size_t i = (size_t)name_hash(name) & mask;; i = (i + 1) & mask)
		if (!t[i].name || strcasecmp(t[i].name, name) == 0)
			return &t[i];
}

/* Makes the header's names addressable, exactly as DuckDB's reader does: an empty name becomes
 * columnN (N its 0-based position: the name the column has without a header); a name already
 * taken, ignoring ASCII case (SQL would not tell them apart), gets _K appended, K counting the
 * times that name has come again, and the result is checked in turn. So `a,a,,b` reads as a,
 * a_1, column2, b; `a,a,a_1` as a, a_1, a_1_1; `A,a` as A, a_1. Returns 0 or SLUICE_ERR_NOMEM. */
static int distinct_names(sluice_query *q, size_t n)
{
	size_t nslots = 16;
	while (nslots < 2 * n)
		nslots *= 2;
	name_slot *t = calloc(nslots, sizeof *t);
	if (!t)
		return SLUICE_ERR_NOMEM;
	int rc = 0;
	for (size_t i = 0; i < n && !rc; i++) {
		if (!q->in_names[i][0]) {
			char tmp[32];
			snprintf(tmp, sizeof tmp, "column%zu", i);
			char *name = strdup(tmp);
			if (!name) {
				rc = SLUICE_ERR_NOMEM;
				break;
			}
			free(q->in_names[i]);
			q->in_names[i] = name;
		}
		name_slot *e;
		while ((e = find_name(t, nslots - 1, q->in_names[i]))->name) {
			const size_t len = strlen(q->in_names[i]);
			char *name = malloc(len + 24);
			if (!name) {
				rc = SLUICE_ERR_NOMEM;
				break;
			}
			snprintf(name, len + 24, "%s_%llu", q->in_names[i], (unsigned long long)++e->repeats);
			free(q->in_names[i]);
			q->in_names[i] = name;
		}
		if (rc)
			break;
		e->name = q->in_names[i];
		e->repeats = 0;
	}
	free(t);
	return rc;
}

/* One sampled field into its column's sniff, *c. *buf holds its unescaped bytes when it needs
 * unescaping. Returns 0 or SLUICE_ERR_NOMEM. */
static int sample_field(const sluice_query *q, const sluice_reader *r, const sq_sniff_formats *sf,
                        const sluice_field *f, sq_column_sniff *c, char **buf, size_t *bufcap)
{
	if (sq_column_sniff_text(c)) /* no value changes it */
		return 0;
	const char *p = f->ptr;
	size_t n = f->len;
	if (f->flags & SLUICE_FIELD_NEEDS_UNESCAPE) {
		if (f->len > *bufcap) {
			char *nb = realloc(*buf, f->len);
			if (!nb)
				return SLUICE_ERR_NOMEM;
			*buf = nb;
			*bufcap = f->len;
		}
		n = sluice_field_unescape(sluice_reader_dialect(r), f, *buf, f->len);
		p = *buf;
	}
	bool isnull = n == 0;
	for (size_t k = 0; k < q->nnulls && !isnull; k++)
		isnull = strlen(q->nulls[k]) == n && memcmp(q->nulls[k], p, n) == 0;
	if (!isnull)
		sq_column_sniff_add(c, sf, p, n);
	return 0;
}

/* What sample_wanted's callback needs: the query (its NULL strings), the formats tried, the
 * columns' sniffs, the unescaping buffer. */
typedef struct sample_state {
	const sluice_query *q;
	const sq_sniff_formats *sf;
	sq_column_sniff *cols;
	char *buf;
	size_t bufcap;
} sample_state;

static int sample_wanted_field(void *user, const sluice_reader *r, size_t i, const sluice_field *f)
{
	sample_state *s = user;
	return sample_field(s->q, r, s->sf, f, &s->cols[i], &s->buf, &s->bufcap);
}

/* sample_types over the wanted columns of a reader with a header, through sq_sample_fields. With the
 * header's sample (sq_sniff_header), this took 1 ms off the start of every query that reads a typed
 * column. Returns 0 or a negative status. */
static int sample_wanted(sluice_query *q, sluice_reader *r, const sq_sniff_formats *sf, size_t nh, const bool *want,
                         sq_column_sniff *cols)
{
	size_t nout = 0;
	for (size_t i = 0; i < nh; i++)
		if (want[i])
			nout = i + 1;
	sq_sample_fast(r, sluice_reader_options(r));
	sample_state s = {.q = q, .sf = sf, .cols = cols};
	int rc = sq_sample_fields(r, q->qo.sample_records, nout, want, sample_wanted_field, &s);
	free(s.buf);
	return rc < 0 ? rc : 0;
}

/*
 * Samples the first records of a reader for column types: (*cols)[i] sniffs field i over
 * q->qo.sample_records records (grown with *cap), *ncols grows to the widest record when the input
 * has no header (nh == 0). With want (nh of them), only those columns are cut and sniffed. Returns 0
 * or a negative status.
 */
static int sample_types(sluice_query *q, sluice_reader *r, const sq_sniff_formats *sf, size_t nh, const bool *want,
                        sq_column_sniff **cols, size_t *cap, size_t *ncols)
{
	if (want && sluice_reader_set_columns(r, want, nh) != SLUICE_OK)
		return SLUICE_ERR_NOMEM;
	if (want && nh && *cap >= nh)
		return sample_wanted(q, r, sf, nh, want, *cols);
	sluice_row row;
	uint64_t seen = 0;
	char *buf = NULL;
	size_t bufcap = 0;
	int rc = 0;
	while (seen < q->qo.sample_records && (rc = sluice_reader_next(r, &row)) == SLUICE_OK) {
		seen++;
		if (row.nfields > *cap) {
			size_t nc = row.nfields * 2;
			sq_column_sniff *t = realloc(*cols, nc * sizeof *t);
			if (!t) {
				rc = SLUICE_ERR_NOMEM;
				break;
			}
			memset(t + *cap, 0, (nc - *cap) * sizeof *t);
			*cols = t;
			*cap = nc;
		}
		if (!nh && row.nfields > *ncols)
			*ncols = row.nfields;
		for (size_t i = 0; i < row.nfields && i < *cap; i++) {
			if (want && !want[i])
				continue;
			if ((rc = sample_field(q, r, sf, &row.fields[i], &(*cols)[i], &buf, &bufcap)) != 0)
				break;
		}
		if (rc < 0)
			break;
	}
	free(buf);
	return rc < 0 ? rc : 0;
}

/* Column i's type and format from its sniff: a column with no value, or of a query that types
 * nothing, is VARCHAR. */
static void set_column_type(sluice_query *q, size_t i, const sq_column_sniff *c, const sq_sniff_formats *sf)
{
	const int t = sq_column_sniff_type(c, sf, &q->in_fmt[i]);
	q->in_types[i] = (t == SQ_T_NULL || q->all_varchar) ? SQ_T_VARCHAR : t;
}

/* The column types of a query that put them off (see sq_infer_columns): sampled now from a reader of
 * its own. A failure leaves them VARCHAR; the scan meets the same error. */
void sq_resolve_deferred_types(sluice_query *q)
{
	bool *typed = q->typed;
	q->typed = NULL;
	sluice_options o = sq_sample_options(q);
	sluice_reader *r;
	if (sq_open_with(q, &r, &o) == 0) {
		const size_t nh = sluice_reader_column_count(r);
		size_t cap = nh ? nh : 16, ncols = nh;
		sq_column_sniff *cols = calloc(cap, sizeof *cols);
		sq_sniff_formats sf;
		sq_sniff_formats_init(&sf, &q->fmt, sluice_reader_dialect(r)->delimiter);
		if (cols && sample_types(q, r, &sf, nh, NULL, &cols, &cap, &ncols) == 0)
			for (size_t i = 0; i < nh && i < cap; i++)
				if (!typed[i]) /* the plan was made with the others' types */
					set_column_type(q, i, &cols[i], &sf);
		free(cols);
		sluice_reader_close(r);
	}
	free(typed);
}

/* Names the ncols input columns: the header's (nh of them, made distinct) or column0.., and the
 * filename column last. Types are left 0 (SQ_T_NULL) for the caller. */
static int name_columns(sluice_query *q, sluice_reader *r, size_t ncols, size_t nh)
{
	q->nin = ncols + (q->filename_col >= 0);
	q->in_names = calloc(ncols + 2, sizeof *q->in_names);
	q->in_types = calloc(ncols + 2, sizeof *q->in_types);
	q->in_fmt = malloc((ncols + 2) * sizeof *q->in_fmt);
	if (!q->in_names || !q->in_types || !q->in_fmt)
		return SLUICE_ERR_NOMEM;
	for (size_t i = 0; i < ncols + 2; i++)
		q->in_fmt[i] = SQ_TEXT_DEFAULT;
	for (size_t i = 0; i < ncols; i++) {
		if (i < nh) {
			size_t len;
			const char *nm = sluice_reader_column_name(r, i, &len);
			q->in_names[i] = strndup(nm, len);
		} else {
			char tmp[32];
			snprintf(tmp, sizeof tmp, "column%zu", i);
			q->in_names[i] = strdup(tmp);
		}
		if (!q->in_names[i])
			return SLUICE_ERR_NOMEM;
	}
	if (nh && distinct_names(q, ncols) != 0)
		return SLUICE_ERR_NOMEM;
	if (q->filename_col >= 0) {
		q->filename_col = (long)ncols;
		q->in_names[ncols] = strdup("filename");
		q->in_types[ncols] = SQ_T_VARCHAR;
		if (!q->in_names[ncols])
			return SLUICE_ERR_NOMEM;
	}
	return 0;
}

/*
 * Column names from the header (or column0.. without one) and types from a sample. With a header,
 * over one mapped file, only the columns the query reads are sampled now (none for SELECT
 * count(*)); the others wait for sluice_query_input_type (q->typed marks the ones sampled).
 */
int sq_infer_columns(sluice_query *q)
{
	sluice_reader *r;
	sluice_options o = sq_sample_options(q);
	int rc = sq_open_with(q, &r, &o);
	if (rc)
		return rc;
	const size_t nh = sluice_reader_column_count(r);
	size_t cap = nh ? nh : 16, ncols = nh;
	sq_column_sniff *cols = calloc(cap, sizeof *cols);
	bool *want = NULL;
	if (!cols)
		rc = SLUICE_ERR_NOMEM;
	sq_sniff_formats sf;
	sq_sniff_formats_init(&sf, &q->fmt, sluice_reader_dialect(r)->delimiter);
	if (!rc && nh)
		rc = name_columns(q, r, ncols, nh);
	if (!rc && nh && !q->streamed && !q->qo.types && !q->all_varchar) {
		want = calloc(nh, sizeof *want);
		if (!want)
			rc = SLUICE_ERR_NOMEM;
		else if (sq_read_columns(q, want, nh) < nh) {
			q->typed = want; /* the others wait for sq_resolve_deferred_types */
			want = NULL;
		}
	}
	const bool *sampled = q->typed ? q->typed : want;
	if (!rc && (!sampled || memchr(sampled, true, nh)))
		rc = sample_types(q, r, &sf, nh, sampled, &cols, &cap, &ncols);
	if (rc < 0 && rc != SLUICE_ERR_NOMEM) {
		q->err = *sluice_reader_error(r);
		q->err.file = q->path; /* the sampling reader's copy dies with it */
		q->failed = true;
	}
	if (!rc && !nh)
		rc = name_columns(q, r, ncols, nh);
	const sq_column_sniff none = {0};
	for (size_t i = 0; !rc && i < ncols; i++)
		set_column_type(q, i, i < cap ? &cols[i] : &none, &sf);
	free(want);
	free(cols);
	sluice_reader_close(r);
	return rc;
}

/* --types name=TYPE,name=TYPE */
int sq_force_types(sluice_query *q)
{
	const char *s = q->qo.types;
	if (!s)
		return 0;
	while (*s) {
		const char *eq = strchr(s, '=');
		if (!eq) {
			sq_sql_error(q, 0, "--types expects name=TYPE pairs, got '%s'", s);
			q->err.status = SLUICE_ERR_INVALID_OPTION;
			return SLUICE_ERR_INVALID_OPTION;
		}
		const char *end = strchr(eq, ',');
		if (!end)
			end = eq + strlen(eq);
		char name[256];
		size_t nl = (size_t)(eq - s) < sizeof name - 1 ? (size_t)(eq - s) : sizeof name - 1;
		memcpy(name, s, nl);
		name[nl] = '\0';
		long col = -1;
		for (size_t i = 0; i < q->nin && col < 0; i++)
			if (!strcmp(q->in_names[i], name) || !strcasecmp(q->in_names[i], name))
				col = (long)i;
		if (col < 0) {
			sq_sql_error(q, 0, "--types names unknown column \"%s\"", name);
			q->err.status = SLUICE_ERR_INVALID_OPTION;
			return SLUICE_ERR_INVALID_OPTION;
		}
		int t = sq_type_from_name(eq + 1, (size_t)(end - eq - 1));
		if (t < 0 || t == SQ_T_NULL) {
			sq_sql_error(q, 0, "--types: unknown type '%.*s'", (int)(end - eq - 1), eq + 1);
			q->err.status = SLUICE_ERR_INVALID_OPTION;
			return SLUICE_ERR_INVALID_OPTION;
		}
		q->in_types[col] = t;
		q->in_fmt[col] = SQ_TEXT_DEFAULT;
		if (t == SQ_T_DOUBLE && (q->fmt.decimal || q->fmt.thousands_given)) {
			sq_sniff_formats sf;
			sq_sniff_formats_init(&sf, &q->fmt, ',');
			q->in_fmt[col] = sf.numbers[0];
		} else if (t == SQ_T_DATE) {
			q->in_fmt[col].layout = q->fmt.date_layout;
		} else if (t == SQ_T_TIMESTAMP) {
			q->in_fmt[col].layout = q->fmt.timestamp_layout;
		}
		s = *end ? end + 1 : end;
	}
	return 0;
}
