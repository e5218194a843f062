/* query.c - the query API: open (parse, sniff, plan), the lazy batch scan, aggregation, sort and limit. */
#include <errno.h>
#include <glob.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <pthread.h>
#include <unistd.h>

#include "io/fault.h"
#include "kernels/index.h"
#include "scan/parallel.h"
#include "scan/reader_internal.h"
#include "query/engine.h"
#include "query/values/value.h"

void sluice_query_options_init(sluice_query_options *qo)
{
	memset(qo, 0, sizeof *qo);
	qo->struct_size = sizeof *qo;
	sluice_options_init(&qo->reader);
	qo->prefilter = true;
	qo->sniff_delimiter = true;
	qo->sniff_header = true;
	qo->sample_records = 20480;
}

const char *sluice_type_name(sluice_type type)
{
	return sq_type_name(type);
}

size_t sluice_value_format(const sluice_value *v, char *buf, size_t cap)
{
	char tmp[80];
	const char *src = tmp;
	size_t n;
	if (v->null) {
		n = 0;
	} else if (v->type == SQ_T_VARCHAR) {
		src = v->u.s.ptr;
		n = v->u.s.len;
	} else {
		n = sq_format_value(v, tmp, sizeof tmp);
	}
	if (cap) {
		size_t k = n < cap - 1 ? n : cap - 1;
		memcpy(buf, src, k);
		buf[k] = '\0';
	}
	return n;
}

/* ------------------------------------------------------------------------------------------ */
/* Opening: read_csv options, the delimiter and the column types.                              */

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

static int apply_options(sluice_query *q, bool *delim_set, bool *header_set)
{
	sluice_dialect *d = &q->ropts.dialect;
	for (size_t i = 0; i < q->ast->noptions; i++) {
		const sq_option *o = &q->ast->options[i];
		const char *k = o->key;
		int c = 0, rc = 0;
		if (!strcmp(k, "delim") || !strcmp(k, "sep") || !strcmp(k, "delimiter")) {
			rc = opt_char(q, o, &c, false);
			d->delimiter = (uint8_t)c;
			*delim_set = true;
		} else if (!strcmp(k, "quote")) {
			rc = opt_char(q, o, &d->quote, true);
			q->quote_set = true;
		} else if (!strcmp(k, "escape")) {
			rc = opt_char(q, o, &d->escape, true);
			/* DuckDB spells doubled quotes as escape = quote */
			if (!rc && d->escape == d->quote) {
				d->escape = SLUICE_NO_CHAR;
				d->double_quote = true;
			}
		} else if (!strcmp(k, "header")) {
			rc = opt_bool(q, o, &d->header);
			*header_set = true;
		} else if (!strcmp(k, "comment")) {
			if (o->value.type != SQ_T_VARCHAR || o->value.u.s.len >= SLUICE_COMMENT_MAX)
				return sq_sql_error(q, o->pos, "option %s expects a string of at most 7 bytes", k);
			memset(d->comment, 0, sizeof d->comment);
			memcpy(d->comment, o->value.u.s.ptr, o->value.u.s.len);
		} else if (!strcmp(k, "strict_mode") || !strcmp(k, "strict")) {
			rc = opt_bool(q, o, &d->strict);
		} else if (!strcmp(k, "trim")) {
			rc = opt_bool(q, o, &d->trim);
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
		} else if (!strcmp(k, "auto_detect") || !strcmp(k, "sample_size") || !strcmp(k, "all_varchar")) {
			if (!strcmp(k, "all_varchar")) {
				bool b = false;
				rc = opt_bool(q, o, &b);
				q->all_varchar = b;
			}
		} else {
			return sq_sql_error(q, o->pos, "unknown read_csv option '%s'", k);
		}
		if (rc)
			return rc;
	}
	return 0;
}

/* Picks the delimiter among , ; TAB | whose count per line is the same and highest over the first
 * lines (outside quotes), then the quote. */
static void sniff_delimiter(sluice_query *q)
{
	uint64_t len;
	const uint8_t *p = sluice_reader_bytes(q->r, &len);
	if (len > 65536)
		len = 65536;
	static const uint8_t cands[] = {',', ';', '\t', '|'};
	int best = -1;
	double best_score = 0;
	for (size_t c = 0; c < sizeof cands; c++) {
		size_t counts[32];
		size_t lines = 0, cur = 0;
		bool inq = false;
		for (uint64_t i = 0; i < len && lines < 32; i++) {
			uint8_t b = p[i];
			if (b == '"')
				inq = !inq;
			else if (!inq && b == cands[c])
				cur++;
			else if (!inq && b == '\n') {
				counts[lines++] = cur;
				cur = 0;
			}
		}
		if (lines == 0)
			counts[lines++] = cur;
		if (counts[0] == 0)
			continue;
		size_t same = 0;
		for (size_t i = 0; i < lines; i++)
			same += counts[i] == counts[0];
		double score = (double)same / (double)lines * (double)counts[0];
		if (score > best_score) {
			best_score = score;
			best = (int)c;
		}
	}
	if (best >= 0)
		q->ropts.dialect.delimiter = cands[best];

	/* The quote: ' instead of " when only ' opens fields (right after a delimiter or a line start). */
	if (q->ropts.dialect.quote == '"' && !q->quote_set) {
		const uint8_t dl = q->ropts.dialect.delimiter;
		size_t dq = 0, sq = 0;
		for (uint64_t i = 0; i < len; i++) {
			if (i == 0 || p[i - 1] == dl || p[i - 1] == '\n') {
				dq += p[i] == '"';
				sq += p[i] == '\'';
			}
		}
		if (dq == 0 && sq > 0)
			q->ropts.dialect.quote = '\'';
	}
}

/* The inputs: qo.paths, or FROM's path (a glob pattern names the files it matches). */
static int resolve_inputs(sluice_query *q)
{
	const char *from = q->ast->from_path;
	if (q->qo.paths && q->qo.npaths) {
		q->paths = calloc(q->qo.npaths, sizeof *q->paths);
		if (!q->paths)
			return SLUICE_ERR_NOMEM;
		for (size_t i = 0; i < q->qo.npaths; i++)
			if (!(q->paths[q->npaths++] = strdup(q->qo.paths[i])))
				return SLUICE_ERR_NOMEM;
	} else if (strcmp(from, "-") != 0 && strpbrk(from, "*?[") && access(from, F_OK) != 0) {
		glob_t g;
		int gr = glob(from, 0, NULL, &g);
		if (gr == GLOB_NOMATCH || (gr == 0 && g.gl_pathc == 0)) {
			if (gr == 0)
				globfree(&g);
			q->failed = true;
			memset(&q->err, 0, sizeof q->err);
			q->err.status = SLUICE_ERR_IO;
			q->err.sys_errno = ENOENT;
			q->err.file = "<query>";
			snprintf(q->err.message, sizeof q->err.message, "no file matches the pattern '%s'", from);
			return SLUICE_ERR_IO;
		}
		if (gr != 0)
			return SLUICE_ERR_NOMEM;
		q->paths = calloc(g.gl_pathc, sizeof *q->paths);
		for (size_t i = 0; q->paths && i < g.gl_pathc; i++)
			if ((q->paths[q->npaths] = strdup(g.gl_pathv[i])))
				q->npaths++;
		const bool ok = q->paths && q->npaths == g.gl_pathc;
		globfree(&g);
		if (!ok)
			return SLUICE_ERR_NOMEM;
	} else {
		q->paths = calloc(1, sizeof *q->paths);
		if (!q->paths || !(q->paths[0] = strdup(from)))
			return SLUICE_ERR_NOMEM;
		q->npaths = 1;
	}
	q->path = strdup(q->paths[0]);
	q->streamed = q->npaths > 1 || !sl_path_maps(q->paths[0]);
	return q->path ? 0 : SLUICE_ERR_NOMEM;
}

/* Opens a reader over the inputs from their start. One mapped file is opened again each time; a
 * stream is opened once and shared (held in memory from its start until the scan begins). Several
 * inputs are joined only once the dialect is final: until then, the first one stands for all. */
static int open_with(sluice_query *q, sluice_reader **r, const sluice_options *o)
{
	int rc;
	if (q->npaths > 1 && !q->dialect_final) {
		rc = sluice_reader_open(r, q->paths[0], o, &q->err);
	} else if (!q->streamed) {
		rc = sluice_reader_open(r, q->paths[0], o, &q->err);
	} else {
		rc = 0;
		if (!q->stream) {
			rc = sl_stream_open(&q->stream, (const char *const *)q->paths, q->npaths, &o->dialect, &q->err);
			if (!rc)
				sl_stream_hold(q->stream, true);
		}
		if (!rc)
			rc = sluice_reader_open_shared(r, q->stream, q->path, o, &q->err);
	}
	if (rc != SLUICE_OK)
		q->failed = true;
	return rc;
}

static int open_reader(sluice_query *q, sluice_reader **r)
{
	return open_with(q, r, &q->ropts);
}

/* The reject callback of the readers that only sample the input: the scan reports each reject
 * once, so they pass over bad records without a word. */
static void sample_reject(void *user, const sluice_reject *rj)
{
	(void)user;
	(void)rj;
}

/* The records the fast path cuts at a time while sampling */
#define SAMPLE_TAKE 256

/* Lets a sampling reader run the fast path (sluice_reader_take_columns), which needs line tracking
 * off, when nothing else keeps it to next(): an error then counts its line when it happens. With
 * a ragged policy, comments or skipped empty lines every record goes through next(), and lines
 * stay tracked. */
static void sample_fast(sluice_reader *r, const sluice_options *o)
{
	if (o->ragged == SLUICE_RAGGED_KEEP && !o->dialect.comment[0] && !o->dialect.skip_empty_lines)
		sluice_reader_set_line_tracking(r, false);
}

/*
 * Hands field i of up to limit records of r to field(user, r, i, f), for i < nout with want[i]
 * (every i < nout when want is NULL): runs of records cut by sluice_reader_take_columns, a record
 * at a time by next() where the fast path cannot go. An absent field is cut as {NULL, 0}, where
 * next() leaves it out; for a sample of types the two are the same, an empty field. A nonzero
 * return of field ends it. Returns 0 at the limit or the input's end, else field's return or the
 * reader's negative status.
 */
static int sample_fields(sluice_reader *r, uint64_t limit, size_t nout, const bool *want,
                         int (*field)(void *user, const sluice_reader *r, size_t i, const sluice_field *f), void *user)
{
	sluice_field **out = calloc(nout ? nout : 1, sizeof *out);
	sluice_field *cells = calloc(nout * SAMPLE_TAKE + 1, sizeof *cells);
	uint64_t offsets[SAMPLE_TAKE];
	int rc = out && cells ? 0 : SLUICE_ERR_NOMEM;
	for (size_t i = 0; !rc && i < nout; i++)
		out[i] = !want || want[i] ? cells + i * SAMPLE_TAKE : NULL;
	for (uint64_t seen = 0; !rc && seen < limit;) {
		uint64_t nf = 0;
		const size_t ask = limit - seen < SAMPLE_TAKE ? (size_t)(limit - seen) : SAMPLE_TAKE;
		const size_t k = nout ? sluice_reader_take_columns(r, ask, out, nout, offsets, &nf) : 0;
		if (k) {
			for (size_t i = 0; !rc && i < nout; i++)
				for (size_t j = 0; out[i] && j < k && !rc; j++)
					rc = field(user, r, i, &out[i][j]);
			seen += k;
			continue;
		}
		sluice_row row;
		rc = sluice_reader_next(r, &row);
		if (rc == SLUICE_END) {
			rc = 0;
			break;
		}
		if (rc)
			break;
		seen++;
		for (size_t i = 0; !rc && i < row.nfields && i < nout; i++)
			if (!want || want[i])
				rc = field(user, r, i, &row.fields[i]);
	}
	free(cells);
	free(out);
	return rc;
}

/* sample_fields' callback for sniff_header: the type of field i, merged into types[i] (its first
 * 256 bytes, unescaped). */
static int sniff_header_field(void *user, const sluice_reader *r, size_t i, const sluice_field *f)
{
	int *ty = (int *)user + i;
	char buf[256];
	if (*ty == SQ_T_VARCHAR)
		return 0; /* text stays text (sq_type_merge) */
	size_t n = sluice_field_unescape(sluice_reader_dialect(r), f, buf, sizeof buf);
	if (n)
		*ty = sq_type_merge(*ty, sq_sniff_type(buf, n));
	return 0;
}

/* Decides whether the first record is a header: it is when some column whose sampled values all
 * have a type (number, date, ...) holds in the first record a value that does not have it, or when
 * every column is text (then names are the better guess). Reopens q->r when that changes. */
static int sniff_header(sluice_query *q)
{
	sluice_options o = q->ropts;
	o.dialect.header = false;
	o.progress = NULL;
	if (o.reject)
		o.reject = sample_reject;
	sluice_reader *r;
	int rc = open_with(q, &r, &o);
	if (rc)
		return rc;
	sample_fast(r, &o);
	sluice_row row;
	char **first = NULL;
	size_t nfirst = 0;
	int *types = NULL;
	bool header = true;
	rc = sluice_reader_next(r, &row);
	if (rc == SLUICE_OK) {
		nfirst = row.nfields;
		first = calloc(nfirst, sizeof *first);
		types = calloc(nfirst, sizeof *types);
		if (!first || !types)
			rc = SLUICE_ERR_NOMEM;
		for (size_t i = 0; i < nfirst && !rc; i++) {
			first[i] = malloc(row.fields[i].len + 1);
			if (!first[i]) {
				rc = SLUICE_ERR_NOMEM;
				break;
			}
			size_t n = sluice_field_unescape(sluice_reader_dialect(r), &row.fields[i], first[i], row.fields[i].len);
			first[i][n] = '\0';
		}
		/* the next 2000 records; a reader error among them only ends the sample (the scan
		 * reports it) */
		if (!rc && sample_fields(r, 2000, nfirst, NULL, sniff_header_field, types) == SLUICE_ERR_NOMEM)
			rc = SLUICE_ERR_NOMEM;
		bool typed = false, mismatch = false;
		for (size_t i = 0; i < nfirst && !rc; i++) {
			if (types[i] == SQ_T_NULL || types[i] == SQ_T_VARCHAR)
				continue;
			typed = true;
			size_t n = strlen(first[i]);
			if (n && sq_type_merge(types[i], sq_sniff_type(first[i], n)) != types[i])
				mismatch = true;
		}
		header = !typed || mismatch;
	}
	for (size_t i = 0; i < nfirst && first; i++)
		free(first[i]);
	free(first);
	free(types);
	sluice_reader_close(r);
	if (rc < 0)
		return rc;
	if (header != q->ropts.dialect.header) {
		q->ropts.dialect.header = header;
		sluice_reader_close(q->r);
		q->r = NULL;
		return open_reader(q, &q->r);
	}
	return 0;
}

/* A slot of the set of column names taken so far: the name, and the first suffix worth trying
 * when it comes again (the ones below were all taken then, and the set only grows). */
typedef struct name_slot {
	const char *name;
	uint64_t next;
} name_slot;

/* The slot of name in the table (mask + 1 slots, a power of two), or the free one where it goes. */
static name_slot *find_name(name_slot *t, size_t mask, const char *name)
{
	sq_value v;
	memset(&v, 0, sizeof v);
	v.type = SQ_T_VARCHAR;
	v.u.s.ptr = name;
	v.u.s.len = strlen(name);
	for (size_t i = (size_t)sq_hash_value(&v, 0) & mask;; i = (i + 1) & mask)
		if (!t[i].name || strcmp(t[i].name, name) == 0)
			return &t[i];
}

/* Makes the header's names addressable, as DuckDB does: an empty name becomes columnN (N its
 * 0-based position: the name the column has without a header), and a name already taken gets the
 * first free suffix _1, _2, ...; `a,a,,b` reads as a, a_1, column2, b. Returns 0 or
 * SLUICE_ERR_NOMEM. */
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
		name_slot *e = find_name(t, nslots - 1, q->in_names[i]);
		if (e->name) {
			name_slot *base = e;
			const size_t len = strlen(q->in_names[i]);
			char *name = malloc(len + 24);
			if (!name) {
				rc = SLUICE_ERR_NOMEM;
				break;
			}
			uint64_t k = base->next ? base->next : 1;
			for (;; k++) {
				snprintf(name, len + 24, "%s_%llu", q->in_names[i], (unsigned long long)k);
				e = find_name(t, nslots - 1, name);
				if (!e->name)
					break;
			}
			base->next = k + 1;
			free(q->in_names[i]);
			q->in_names[i] = name;
		}
		e->name = q->in_names[i];
	}
	free(t);
	return rc;
}

/*
 * Samples the first records of a reader for column types: (*types)[i] merges the types of field
 * i over q->qo.sample_records records (grown with *cap), *ncols grows to the widest record when
 * the input has no header (nh == 0). With want (nh of them), only those columns are cut and
 * typed. Returns 0 or a negative status.
 */
/* One sampled field into the type of its column, *ty. *buf holds its unescaped bytes when it needs
 * unescaping. Returns 0 or SLUICE_ERR_NOMEM. */
static int sample_field(const sluice_query *q, const sluice_reader *r, const sluice_field *f, int *ty, char **buf,
                        size_t *bufcap)
{
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
		*ty = sq_type_merge(*ty, sq_sniff_type(p, n));
	return 0;
}

/* What sample_wanted's callback needs: the query (its NULL strings), the types, the unescaping
 * buffer. */
typedef struct sample_state {
	const sluice_query *q;
	int *ty;
	char *buf;
	size_t bufcap;
} sample_state;

static int sample_wanted_field(void *user, const sluice_reader *r, size_t i, const sluice_field *f)
{
	sample_state *s = user;
	if (s->ty[i] == SQ_T_VARCHAR)
		return 0; /* text absorbs every type (sq_type_merge): nothing can change it */
	return sample_field(s->q, r, f, &s->ty[i], &s->buf, &s->bufcap);
}

/* sample_types over the wanted columns of a reader with a header, through sample_fields. With the
 * header's sample (sniff_header), this took 1 ms off the start of every query that reads a typed
 * column. Returns 0 or a negative status. */
static int sample_wanted(sluice_query *q, sluice_reader *r, size_t nh, const bool *want, int *ty)
{
	size_t nout = 0;
	for (size_t i = 0; i < nh; i++)
		if (want[i])
			nout = i + 1;
	sample_fast(r, sluice_reader_options(r));
	sample_state s = {.q = q, .ty = ty};
	int rc = sample_fields(r, q->qo.sample_records, nout, want, sample_wanted_field, &s);
	free(s.buf);
	return rc < 0 ? rc : 0;
}

static int sample_types(sluice_query *q, sluice_reader *r, size_t nh, const bool *want, int **types, size_t *cap,
                        size_t *ncols)
{
	if (want && sluice_reader_set_columns(r, want, nh) != SLUICE_OK)
		return SLUICE_ERR_NOMEM;
	if (want && nh && *cap >= nh)
		return sample_wanted(q, r, nh, want, *types);
	sluice_row row;
	uint64_t seen = 0;
	char *buf = NULL;
	size_t bufcap = 0;
	int rc = 0;
	while (seen < q->qo.sample_records && (rc = sluice_reader_next(r, &row)) == SLUICE_OK) {
		seen++;
		if (row.nfields > *cap) {
			size_t nc = row.nfields * 2;
			int *t = realloc(*types, nc * sizeof *t);
			if (!t) {
				rc = SLUICE_ERR_NOMEM;
				break;
			}
			memset(t + *cap, 0, (nc - *cap) * sizeof *t);
			*types = t;
			*cap = nc;
		}
		if (!nh && row.nfields > *ncols)
			*ncols = row.nfields;
		int *ty = *types;
		for (size_t i = 0; i < row.nfields && i < *cap; i++) {
			if (ty[i] == SQ_T_VARCHAR || (want && !want[i]))
				continue; /* text absorbs every type (sq_type_merge): nothing can change it */
			if ((rc = sample_field(q, r, &row.fields[i], &ty[i], &buf, &bufcap)) != 0)
				break;
		}
		if (rc < 0)
			break;
	}
	free(buf);
	return rc < 0 ? rc : 0;
}

/* The options of a reader that samples the input. */
static sluice_options sample_options(const sluice_query *q)
{
	sluice_options o = q->ropts;
	o.progress = NULL;
	if (o.reject)
		o.reject = sample_reject;
	return o;
}

/* The column types of a query that put them off (see infer_columns): sampled now from a reader of
 * its own. A failure leaves them VARCHAR; the scan meets the same error. */
static void resolve_deferred_types(sluice_query *q)
{
	bool *typed = q->typed;
	q->typed = NULL;
	sluice_options o = sample_options(q);
	sluice_reader *r;
	if (open_with(q, &r, &o) == 0) {
		const size_t nh = sluice_reader_column_count(r);
		size_t cap = nh ? nh : 16, ncols = nh;
		int *types = calloc(cap, sizeof *types);
		if (types && sample_types(q, r, nh, NULL, &types, &cap, &ncols) == 0)
			for (size_t i = 0; i < nh && i < cap; i++)
				if (!typed[i]) /* the plan was made with the others' types */
					q->in_types[i] = types[i] == SQ_T_NULL ? SQ_T_VARCHAR : types[i];
		free(types);
		sluice_reader_close(r);
	}
	free(typed);
}

/* Marks in want[] the input columns whose names expression e reads (exactly or case-folded, as
 * the planner finds them: a superset is harmless); all of them for a * other than count(*)'s. */
static void mark_read_columns(const sluice_query *q, const sq_expr *e, bool in_func, bool *want, size_t n)
{
	if (!e)
		return;
	if (e->kind == SQ_E_STAR && !in_func)
		memset(want, true, n * sizeof *want);
	else if (e->kind == SQ_E_COLUMN && e->name)
		for (size_t i = 0; i < n; i++)
			want[i] |= strcasecmp(e->name, q->in_names[i]) == 0;
	for (size_t i = 0; i < e->nargs; i++)
		mark_read_columns(q, e->args[i], e->kind == SQ_E_FUNC, want, n);
}

/* The input columns the query reads, by name, into want[0..n); returns how many. */
static size_t read_columns(const sluice_query *q, bool *want, size_t n)
{
	const sq_query *a = q->ast;
	mark_read_columns(q, a->where, false, want, n);
	mark_read_columns(q, a->having, false, want, n);
	for (size_t i = 0; i < a->nitems; i++)
		mark_read_columns(q, a->items[i].expr, false, want, n);
	for (size_t i = 0; i < a->ngroup; i++)
		mark_read_columns(q, a->group_by[i], false, want, n);
	for (size_t i = 0; i < a->norder; i++)
		mark_read_columns(q, a->order_by[i].expr, false, want, n);
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += want[i];
	return k;
}

/* Names the ncols input columns: the header's (nh of them, made distinct) or column0.., and the
 * filename column last. Types are left 0 (SQ_T_NULL) for the caller. */
static int name_columns(sluice_query *q, sluice_reader *r, size_t ncols, size_t nh)
{
	q->nin = ncols + (q->filename_col >= 0);
	q->in_names = calloc(ncols + 2, sizeof *q->in_names);
	q->in_types = calloc(ncols + 2, sizeof *q->in_types);
	if (!q->in_names || !q->in_types)
		return SLUICE_ERR_NOMEM;
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
static int infer_columns(sluice_query *q)
{
	sluice_reader *r;
	sluice_options o = sample_options(q);
	int rc = open_with(q, &r, &o);
	if (rc)
		return rc;
	const size_t nh = sluice_reader_column_count(r);
	size_t cap = nh ? nh : 16, ncols = nh;
	int *types = calloc(cap, sizeof *types);
	bool *want = NULL;
	if (!types)
		rc = SLUICE_ERR_NOMEM;
	if (!rc && nh)
		rc = name_columns(q, r, ncols, nh);
	if (!rc && nh && !q->streamed && !q->qo.types && !q->all_varchar) {
		want = calloc(nh, sizeof *want);
		if (!want)
			rc = SLUICE_ERR_NOMEM;
		else if (read_columns(q, want, nh) < nh) {
			q->typed = want; /* the others wait for resolve_deferred_types */
			want = NULL;
		}
	}
	const bool *sampled = q->typed ? q->typed : want;
	if (!rc && (!sampled || memchr(sampled, true, nh)))
		rc = sample_types(q, r, nh, sampled, &types, &cap, &ncols);
	if (rc < 0 && rc != SLUICE_ERR_NOMEM) {
		q->err = *sluice_reader_error(r);
		q->err.file = q->path; /* the sampling reader's copy dies with it */
		q->failed = true;
	}
	if (!rc && !nh)
		rc = name_columns(q, r, ncols, nh);
	for (size_t i = 0; !rc && i < ncols; i++) {
		const int t = i < cap ? types[i] : SQ_T_NULL;
		q->in_types[i] = (t == SQ_T_NULL || q->all_varchar) ? SQ_T_VARCHAR : t;
	}
	free(want);
	free(types);
	sluice_reader_close(r);
	return rc;
}

/* --types name=TYPE,name=TYPE */
static int force_types(sluice_query *q)
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
		s = *end ? end + 1 : end;
	}
	return 0;
}

#define TAKE_MAX 1024

/* The DOUBLE slots every record needs: all of them without a WHERE (a query whose every record
 * reaches its select list, aggregates or groups), else the column of the WHERE's first
 * `column op number`, which is compared on every record. */
static void choose_eager(sluice_query *q)
{
	q->neager = 0;
	const sq_expr *w = q->where;
	while (w && w->kind == SQ_E_BINARY && w->op == SQ_OP_AND)
		w = w->args[0];
	long only = -1;
	if (w) {
		only = -2;
		if (!w->ref && w->kind == SQ_E_BINARY && w->op >= SQ_OP_EQ && w->op <= SQ_OP_GE)
			for (int i = 0; i < 2; i++)
				if (w->args[i]->kind == SQ_E_COLUMN && !w->args[i]->ref &&
				    w->args[1 - i]->kind == SQ_E_LITERAL)
					only = w->args[i]->column;
	}
	for (size_t s = 0; s < q->nread && q->neager < SQ_EAGER; s++) {
		const long col = q->slot_col[s];
		if (col != q->filename_col && q->in_types[col] == SQ_T_DOUBLE && (only == -1 || only == col))
			q->eager[q->neager++] = s;
	}
}

/* The scan cuts only the columns the query reads, and leaves line numbers to errors. */
static int apply_projection(sluice_query *q, sluice_reader *r)
{
	bool *want = calloc(q->nin + 1, sizeof *want);
	if (!want)
		return SLUICE_ERR_NOMEM;
	for (size_t s = 0; s < q->nread; s++)
		want[q->slot_col[s]] = q->slot_col[s] != q->filename_col;
	int rc = sluice_reader_set_columns(r, want, q->nin);
	/* the fast path's column table: field j's place in the batch, for the fields up to the last
	 * one read (not for very wide projections, whose table would cost more than it saves) */
	size_t last = 0;
	for (size_t c = 0; c < q->nin; c++)
		if (want[c])
			last = c + 1;
	free(want);
	sluice_reader_set_line_tracking(r, false);
	free(q->take_out);
	q->take_out = NULL;
	q->take_n = last;
	if (!rc && last && last <= TAKE_MAX) {
		q->take_out = calloc(last, sizeof *q->take_out);
		if (!q->take_out)
			rc = SLUICE_ERR_NOMEM;
	}
	choose_eager(q);
	return rc;
}

static int alloc_exec(sluice_query *q)
{
	size_t ns = q->nread ? q->nread : 1;
	/* a batch row costs a slice, a value, a mark and a double per column read and a value per
	 * expression node and result column: very wide queries get fewer rows, so that memory stays
	 * bounded */
	const size_t per_row = ns * (sizeof(sluice_field) + sizeof(sq_value) + sizeof(uint32_t) + sizeof(double)) +
	                       ((size_t)q->next_node + q->nout + 1) * sizeof(sq_value);
	q->bcap = SQ_BATCH;
	while (q->bcap > 1 && q->bcap * per_row > SQ_BATCH_BYTES)
		q->bcap /= 2;
	q->in.fields = calloc(ns * q->bcap, sizeof *q->in.fields);
	q->in.vals = calloc(ns * q->bcap, sizeof *q->in.vals);
	q->in.gen = calloc(ns * q->bcap, sizeof *q->in.gen);
	q->in.dbl = calloc(ns * q->bcap, sizeof *q->in.dbl);
	q->in.dense = calloc(ns, sizeof *q->in.dense);
	q->in.line = calloc(q->bcap, sizeof *q->in.line);
	q->in.offset = calloc(q->bcap, sizeof *q->in.offset);
	q->sel = calloc(q->bcap, sizeof *q->sel);
	q->scratch.n = (size_t)q->next_node;
	q->scratch.bufs = calloc(q->scratch.n + 1, sizeof *q->scratch.bufs);
	q->res_cap = q->bcap;
	q->res = calloc((q->nout + 1) * q->bcap, sizeof *q->res);
	q->res_cols = calloc(q->nout + 1, sizeof *q->res_cols);
	q->row_out = calloc(q->nout + 1, sizeof *q->row_out);
	if (!q->in.fields || !q->in.vals || !q->in.gen || !q->in.dbl || !q->in.dense || !q->in.line || !q->in.offset ||
	    !q->sel || !q->scratch.bufs || !q->res || !q->res_cols || !q->row_out)
		return SLUICE_ERR_NOMEM;
	for (size_t i = 0; i < q->scratch.n; i++) {
		q->scratch.bufs[i] = calloc(q->bcap, sizeof(sq_value));
		if (!q->scratch.bufs[i])
			return SLUICE_ERR_NOMEM;
	}
	for (size_t c = 0; c < q->nout; c++)
		q->res_cols[c] = q->res + c * q->bcap;
	if (q->aggregate) {
		if (q->ngroup) {
			q->groups = sq_groups_new(q->ngroup, q->naggs);
			if (!q->groups)
				return SLUICE_ERR_NOMEM;
		} else {
			q->global = calloc(q->naggs + 1, sizeof *q->global);
			if (!q->global)
				return SLUICE_ERR_NOMEM;
		}
	}
	return 0;
}

/* The columns of `like`, the query this one is a part of (same text, same inputs): names and
 * types as it found them, so that each part of a parallel scan does not sample the input again. */
static int copy_columns(sluice_query *q, const sluice_query *like)
{
	q->nin = like->nin;
	q->filename_col = like->filename_col;
	q->in_names = calloc(q->nin + 2, sizeof *q->in_names);
	q->in_types = calloc(q->nin + 2, sizeof *q->in_types);
	if (!q->in_names || !q->in_types)
		return SLUICE_ERR_NOMEM;
	memcpy(q->in_types, like->in_types, q->nin * sizeof *q->in_types);
	for (size_t i = 0; i < q->nin; i++)
		if (!(q->in_names[i] = strdup(like->in_names[i])))
			return SLUICE_ERR_NOMEM;
	return 0;
}

/* sluice_query_open; a part of the query `like` (NULL for none) takes its dialect and columns. */
static int query_open(sluice_query **out, const char *sql, const sluice_query_options *qo, sluice_error *err,
                      const sluice_query *like)
{
	*out = NULL;
	sluice_query *q = calloc(1, sizeof *q);
	if (!q) {
		if (err) {
			memset(err, 0, sizeof *err);
			err->status = SLUICE_ERR_NOMEM;
		}
		return SLUICE_ERR_NOMEM;
	}
	/* defaults first, so that a caller built against a shorter struct gets them for the rest */
	sluice_query_options_init(&q->qo);
	if (qo)
		memcpy(&q->qo, qo, qo->struct_size && qo->struct_size <= sizeof q->qo ? qo->struct_size : sizeof q->qo);
	q->sql_len = strlen(sql);
	q->sql = strdup(sql);
	q->pf_next = 0;
	q->filename_col = q->qo.filename ? 0 : -1; /* its index is known once the columns are */
	int rc = q->sql ? 0 : SLUICE_ERR_NOMEM;
	if (!rc) {
		sq_parse_error pe;
		if (sq_parse(q->sql, q->sql_len, &q->ast, &pe) != 0)
			rc = sq_sql_error(q, pe.pos, "%s", pe.message);
	}
	if (!rc) {
		q->ropts = q->qo.reader;
		for (const char *const *n = q->qo.nulls; n && *n; n++) {
			char **nn = realloc(q->nulls, (q->nnulls + 1) * sizeof *nn);
			if (!nn || !(nn[q->nnulls] = strdup(*n))) {
				free(nn ? NULL : NULL);
				if (nn)
					q->nulls = nn;
				rc = SLUICE_ERR_NOMEM;
				break;
			}
			q->nulls = nn;
			q->nnulls++;
		}
	}
	bool delim_set = false, header_set = !q->qo.sniff_header;
	if (!rc)
		rc = apply_options(q, &delim_set, &header_set);
	if (!rc && like) {
		q->ropts.dialect = like->ropts.dialect; /* as sniffed */
		delim_set = header_set = true;
		/* a part reads a range past the header, whose names it takes from like: its reader need
		 * not read the header again, unless a ragged policy measures records against it */
		if (q->ropts.ragged == SLUICE_RAGGED_KEEP && !like->streamed && like->npaths == 1)
			q->ropts.dialect.header = false;
	}
	if (!rc)
		rc = resolve_inputs(q);
	if (!rc)
		rc = open_reader(q, &q->r);
	if (!rc && q->qo.sniff_delimiter && !delim_set) {
		uint8_t before = q->ropts.dialect.delimiter;
		int quote_before = q->ropts.dialect.quote;
		sniff_delimiter(q);
		if (q->ropts.dialect.delimiter != before || q->ropts.dialect.quote != quote_before) {
			sluice_reader_close(q->r);
			q->r = NULL;
			rc = open_reader(q, &q->r);
		}
	}
	if (!rc && !header_set)
		rc = sniff_header(q);
	if (!rc && q->npaths > 1) {
		/* the dialect is known: from here on the inputs are read as one */
		q->dialect_final = true;
		sluice_reader_close(q->r);
		q->r = NULL;
		rc = open_reader(q, &q->r);
	}
	q->dialect_final = true;
	if (!rc && like)
		rc = copy_columns(q, like); /* --types are in them already */
	else if (!rc)
		rc = infer_columns(q);
	if (!rc && !like)
		rc = force_types(q);
	if (!rc)
		rc = sq_plan(q);
	if (!rc)
		rc = alloc_exec(q);
	if (!rc) {
		rc = apply_projection(q, q->r);
		for (size_t i = 0; i < q->npaths; i++) {
			struct stat sb;
			if (stat(q->paths[i], &sb) == 0 && S_ISREG(sb.st_mode))
				q->stats.bytes_total += (uint64_t)sb.st_size;
		}
		if (q->stream)
			sl_stream_hold(q->stream, false); /* the scan begins: pages behind it may go */
	}
	if (rc) {
		if (!q->failed || q->err.status == 0) {
			memset(&q->err, 0, sizeof q->err);
			q->err.status = rc;
			snprintf(q->err.message, sizeof q->err.message, "%s", "out of memory");
		}
		if (err) {
			*err = q->err;
			/* the query's strings die with it: keep the file name in this thread's buffer */
			static _Thread_local char failed_file[1024];
			if (err->file) {
				snprintf(failed_file, sizeof failed_file, "%s", err->file);
				err->file = failed_file;
			}
		}
		sluice_query_close(q);
		return rc;
	}
	*out = q;
	return SLUICE_OK;
}

sluice_status sluice_query_open(sluice_query **out, const char *sql, const sluice_query_options *qo, sluice_error *err)
{
	return query_open(out, sql, qo, err, NULL);
}

const char *sluice_query_path(const sluice_query *q)
{
	return q->path;
}

const sluice_scan_stats *sluice_query_reader_stats(const sluice_query *q)
{
	return sluice_reader_stats(q->r);
}

sluice_status sluice_query_open_select(sluice_query **out, const char *path, const char *columns, const char *where,
                             const sluice_query_options *qo, sluice_error *err)
{
	size_t cap = strlen(path) * 2 + strlen(columns) + (where ? strlen(where) : 0) + 64;
	char *sql = malloc(cap);
	if (!sql) {
		*out = NULL;
		if (err) {
			memset(err, 0, sizeof *err);
			err->status = SLUICE_ERR_NOMEM;
		}
		return SLUICE_ERR_NOMEM;
	}
	size_t at = (size_t)snprintf(sql, cap, "SELECT %s FROM '", columns);
	for (const char *p = path; *p; p++) {
		if (*p == '\'')
			sql[at++] = '\'';
		sql[at++] = *p;
	}
	at += (size_t)snprintf(sql + at, cap - at, "'%s%s", where ? " WHERE " : "", where ? where : "");
	int rc = sluice_query_open(out, sql, qo, err);
	free(sql);
	return rc;
}

/* ------------------------------------------------------------------------------------------ */
/* The scan.                                                                                    */

static int reader_failed(sluice_query *q, int rc)
{
	q->err = *sluice_reader_error(q->r);
	q->failed = true;
	return rc;
}

/* Skips, through the prefilter, the records that cannot contain the literal. */
static int prefilter(sluice_query *q)
{
	uint64_t len;
	(void)sluice_reader_bytes(q->r, &len);
	const uint64_t pos = sluice_reader_position(q->r);
	if (q->pf_next < pos || q->pf_next == 0)
		q->pf_next = sluice_reader_find(q->r, pos, q->pf_lit, q->pf_len);
	/* the records that end before the next occurrence cannot match: step over them (cheaply
	 * through the indexed entries when it is near, by the counting loop when it is far) */
	if (q->pf_next > pos) {
		int rc = sluice_reader_skip_to(q->r, q->pf_next);
		if (rc)
			return reader_failed(q, rc);
		uint64_t now = sluice_reader_position(q->r);
		if (now > pos)
			q->stats.bytes_prefiltered += now - pos;
	}
	return 0;
}

#define BATCH_SPAN ((uint64_t)8 << 20)

/* Strict types with a reject callback: every value the query reads is decoded as its record comes
 * in, and a record with one that does not fit its column's type is diverted before any expression
 * sees it (without a callback, strict types stop the query where a value is decoded: eval.c). The
 * tests are decode()'s. Returns the slot of the first value that does not fit, -1 when all fit, or
 * -2 when out of memory. */
static long misfit_slot(sluice_query *q, size_t row)
{
	const sq_batch *b = &q->in;
	for (size_t s = 0; s < q->nread; s++) {
		const int type = q->in_types[q->slot_col[s]];
		const sluice_field *f = &b->fields[s * q->bcap + row];
		if (type == SQ_T_VARCHAR || !f->ptr || (f->flags & SLUICE_FIELD_MISSING))
			continue;
		const char *p = f->ptr;
		size_t n = f->len;
		if (f->flags & SLUICE_FIELD_NEEDS_UNESCAPE) {
			char *buf = sq_arena_alloc(&q->batch_arena, n ? n : 1);
			if (!buf)
				return -2;
			n = sluice_field_unescape(sluice_reader_dialect(q->r), f, buf, f->len);
			p = buf;
		}
		bool null = n == 0;
		for (size_t k = 0; k < q->nnulls && !null; k++)
			null = strlen(q->nulls[k]) == n && memcmp(q->nulls[k], p, n) == 0;
		if (null)
			continue;
		sq_value v;
		bool fits;
		switch (type) {
		case SQ_T_BIGINT:
			fits = sq_parse_int64(p, n, &v.u.i);
			break;
		case SQ_T_DOUBLE:
			fits = sq_parse_double(p, n, &v.u.d);
			break;
		case SQ_T_BOOLEAN:
			fits = sq_parse_bool(p, n, &v.u.b);
			break;
		case SQ_T_DATE:
			fits = sq_parse_date(p, n, &v.u.i);
			break;
		case SQ_T_TIMESTAMP:
			fits = sq_parse_timestamp(p, n, &v.u.i);
			break;
		default:
			fits = true;
			break;
		}
		if (!fits)
			return (long)s;
	}
	return -1;
}

/* Diverts the record in row i of the batch, whose value in slot s does not fit its type, with the
 * message the error would have had. */
static int divert_misfit(sluice_query *q, size_t s, size_t i, const sluice_row *row)
{
	const long col = q->slot_col[s];
	const sluice_field *f = &q->in.fields[s * q->bcap + i];
	char shown[64], msg[sizeof q->err.message];
	size_t n = f->len < 40 ? f->len : 40;
	memcpy(shown, f->ptr, n);
	shown[n] = '\0';
	snprintf(msg, sizeof msg, "value '%s%s' of column %s does not fit type %s", shown, f->len > 40 ? "..." : "",
	         q->in_names[col], sq_type_name(q->in_types[col]));
	int rc = sluice_reader_divert(q->r, SLUICE_ERR_TYPE, row->offset, row->line, (uint64_t)col + 1, msg);
	return rc ? reader_failed(q, rc) : 0;
}

/* Decodes rows [from, to) of a DOUBLE slot that are plain short decimals into its plain doubles
 * (sq_batch's dbl), in one batch by the kernel's decimal parser (decimals.h). The loops that read
 * the doubles take a batch whose rows all decoded; the others decode values lazily as before. */
static void decode_eager(sluice_query *q, size_t slot, size_t from, size_t to)
{
	sq_batch *b = &q->in;
	const sluice_field *f = b->fields + slot * q->bcap;
	double *dv = b->dbl + slot * q->bcap;
	const char *const end = q->in_end;
	if (q->nnulls || !end)
		return;
	const size_t done = q->kern ? q->kern->decimals(f + from, to - from, end, dv + from)
	                            : bl_decimals_scalar(f + from, to - from, end, dv + from);
	/* the dense prefix grows only by rows that all decoded */
	if (b->dense[slot] == from && done == to - from)
		b->dense[slot] = to;
	q->stats.fields_materialized += done;
}

/* Where the reader's bytes end, for the parsers that read a few bytes past a field (a stream's
 * bytes move as it is read). */
static void note_input_end(sluice_query *q)
{
	uint64_t len;
	const uint8_t *bytes = sluice_reader_bytes(q->r, &len);
	q->in_end = bytes ? (const char *)bytes + len : NULL;
}

/* Fills the input batch with up to bcap records (fewer at the end). */
static int fill_batch(sluice_query *q)
{
	sq_batch *b = &q->in;
	sq_arena_reset(&q->batch_arena);
	if (++b->cur_gen == 0) {
		memset(b->gen, 0, (q->nread ? q->nread : 1) * q->bcap * sizeof *b->gen);
		b->cur_gen = 1;
	}
	b->n = 0;
	for (size_t e = 0; e < q->neager; e++)
		b->dense[q->eager[e]] = 0;
	/* the batch's slices point into the mapping: keep its pages until the next batch */
	const uint64_t pin = sluice_reader_position(q->r);
	sluice_reader_pin(q->r, pin);
	/* whole records of the indexed window go straight into the batch's columns (not with the
	 * prefilter, which steps between records, nor when misfits are diverted one by one) */
	const bool take = q->take_out && !q->pf_lit && !(q->qo.strict_types && q->ropts.reject);
	if (q->neager) {
		note_input_end(q);
		q->kern = ix_kernel_get(sluice_reader_kernel(q->r));
	}
	while (b->n < q->bcap && !q->finished) {
		/* a batch spread thin by the prefilter ends early, so the pinned span stays small */
		if (sluice_reader_position(q->r) - pin > BATCH_SPAN)
			break;
		if (take) {
			for (size_t s = 0; s < q->nread; s++)
				if (q->slot_col[s] != q->filename_col)
					q->take_out[q->slot_col[s]] = b->fields + s * q->bcap + b->n;
			uint64_t nf = 0;
			const size_t k = sluice_reader_take_columns(q->r, q->bcap - b->n, q->take_out, q->take_n,
			                                            b->offset + b->n, &nf);
			if (k) {
				for (size_t e = 0; e < q->neager; e++)
					decode_eager(q, q->eager[e], b->n, b->n + k);
				for (size_t s = 0; s < q->nread; s++) {
					if (q->slot_col[s] != q->filename_col)
						continue;
					for (size_t i = b->n; i < b->n + k; i++) {
						const char *name = sluice_reader_source(q->r, b->offset[i]);
						b->fields[s * q->bcap + i] = (sluice_field){name, strlen(name), 0};
					}
				}
				memset(b->line + b->n, 0, k * sizeof *b->line);
				b->n += k;
				q->stats.records_seen += k;
				q->stats.fields_tokenized += nf;
				continue;
			}
		}
		if (q->pf_lit) {
			int rc = prefilter(q);
			if (rc)
				return rc;
		}
		sluice_row row;
		int rc = sluice_reader_next(q->r, &row);
		if (rc == SLUICE_END) {
			q->finished = true;
			break;
		}
		if (rc < 0)
			return reader_failed(q, rc);
		const size_t i = b->n++;
		for (size_t s = 0; s < q->nread; s++) {
			const size_t col = (size_t)q->slot_col[s];
			sluice_field *f = &b->fields[s * q->bcap + i];
			if ((long)col == q->filename_col) {
				const char *name = sluice_reader_source(q->r, row.offset);
				*f = (sluice_field){name, strlen(name), 0};
			} else if (col < row.nfields) {
				*f = row.fields[col];
			} else {
				memset(f, 0, sizeof *f);
			}
		}
		if (q->qo.strict_types && q->ropts.reject) {
			const long s = misfit_slot(q, i);
			if (s == -2)
				return SLUICE_ERR_NOMEM;
			if (s >= 0) {
				b->n--;
				if ((rc = divert_misfit(q, (size_t)s, i, &row)) != 0)
					return rc;
				continue;
			}
		}
		b->line[i] = row.line;
		b->offset[i] = row.offset;
		q->stats.records_seen++;
		q->stats.fields_tokenized += row.nfields;
		if (q->neager) {
			/* a record read this way (one that spans two windows, say) keeps the dense
			 * columns going; the reading may have moved a stream's bytes */
			note_input_end(q);
			for (size_t e = 0; e < q->neager; e++)
				decode_eager(q, q->eager[e], i, i + 1);
		}
	}
	note_input_end(q);
	return 0;
}

static int check_memory(sluice_query *q)
{
	if (!q->qo.memory_limit)
		return 0;
	size_t used = q->out_arena.used + (q->groups ? sq_groups_bytes(q->groups) : 0);
	if (used <= q->qo.memory_limit)
		return 0;
	q->failed = true;
	memset(&q->err, 0, sizeof q->err);
	q->err.status = SLUICE_ERR_MEMORY_LIMIT;
	q->err.file = q->path;
	snprintf(q->err.message, sizeof q->err.message, "query state exceeds the memory limit of %llu bytes",
	         (unsigned long long)q->qo.memory_limit);
	return SLUICE_ERR_MEMORY_LIMIT;
}

/* The input slot of an aggregate the typed loop can feed: count, sum, avg, min or max (not
 * DISTINCT) of a numeric input column, read as it is. -1 otherwise. */
static long typed_agg_slot(const sluice_query *q, const sq_agg *a)
{
	if (a->distinct || !a->arg || a->arg->ref || a->arg->kind != SQ_E_COLUMN)
		return -1;
	if (a->kind != SQ_AGG_COUNT && a->kind != SQ_AGG_SUM && a->kind != SQ_AGG_AVG && a->kind != SQ_AGG_MIN &&
	    a->kind != SQ_AGG_MAX)
		return -1;
	const int t = q->in_types[a->arg->column];
	if (t != SQ_T_DOUBLE && t != SQ_T_BIGINT)
		return -1;
	return q->in_slot[a->arg->column];
}

/* One value into one state: sq_agg_update's arithmetic for count, sum, avg, min and max of a
 * non-NULL number. */
static inline void typed_update(sq_agg_state *st, int kind, const sq_value *v)
{
	st->n++;
	if (kind == SQ_AGG_SUM || kind == SQ_AGG_AVG) {
		if (v->type == SQ_T_BIGINT) {
			st->isum += v->u.i;
		} else {
			sq_neumaier_add(&st->sum, &st->comp, v->u.d);
		}
	} else if (kind != SQ_AGG_COUNT) {
		bool better = !st->has_best;
		if (!better) {
			int c;
			if (v->type == SQ_T_BIGINT)
				c = v->u.i < st->best.u.i ? -1 : v->u.i > st->best.u.i;
			else if (v->u.d < st->best.u.d)
				c = -1;
			else if (v->u.d > st->best.u.d)
				c = 1;
			else
				c = sq_compare_values(v, &st->best); /* equal, or a NaN */
			better = kind == SQ_AGG_MIN ? c < 0 : c > 0;
		}
		if (better) {
			st->best = *v;
			st->has_best = true;
		}
	}
}

/*
 * The rows of a batch by group, each group's rows in their order, when the batch's group numbers
 * are all below RUNS_GROUPS: the loops over a group's rows then keep its running values in
 * registers, where row by row each update waited for the last one's store to the same group.
 * Within a group the order is the rows', so sums come out bit for bit the same.
 *
 *   gid    1 0 1 1 0          group 0: rows 1, 4      group 1: rows 0, 2, 3
 */
#define RUNS_GROUPS 64
typedef struct group_runs {
	size_t n;                        /* groups present */
	uint32_t group[RUNS_GROUPS];     /* their numbers, ascending */
	uint16_t start[RUNS_GROUPS + 1]; /* group[i]'s rows are rows[start[i] .. start[i + 1]) */
	uint16_t rows[SQ_BATCH];         /* positions in the selection (k of gid[k]) */
} group_runs;

static bool make_runs(const uint32_t *gid, size_t n, group_runs *gr)
{
	uint32_t any = 0;
	for (size_t k = 0; k < n; k++)
		any |= gid[k];
	if (any >= RUNS_GROUPS) /* an OR of numbers below a power of two stays below it */
		return false;
	/* each row's rank in its group, in the one loop whose counts wait for each other */
	uint16_t cnt[RUNS_GROUPS] = {0}, at[RUNS_GROUPS], rank[SQ_BATCH];
	if (any < 8) {
		/* up to 8 groups: the counts are 16-bit fields of two registers, so that a row's count
		 * does not wait for the store of the row before it (a counter in memory does) */
		uint64_t lo = 0, hi = 0;
		for (size_t k = 0; k < n; k++) {
			const uint32_t g = gid[k];
			const unsigned shift = (g & 3) * 16;
			rank[k] = (uint16_t)((g & 4 ? hi : lo) >> shift);
			const uint64_t one = (uint64_t)1 << shift;
			lo += g & 4 ? 0 : one;
			hi += g & 4 ? one : 0;
		}
		for (uint32_t g = 0; g < 8; g++)
			cnt[g] = (uint16_t)((g & 4 ? hi : lo) >> (g & 3) * 16);
	} else {
		for (size_t k = 0; k < n; k++)
			rank[k] = cnt[gid[k]]++;
	}
	size_t m = 0, pos = 0;
	for (uint32_t g = 0; g < RUNS_GROUPS; g++) {
		if (!cnt[g])
			continue;
		gr->group[m] = g;
		gr->start[m++] = (uint16_t)pos;
		at[g] = (uint16_t)pos;
		pos += cnt[g];
	}
	gr->start[m] = (uint16_t)pos;
	gr->n = m;
	for (size_t k = 0; k < n; k++)
		gr->rows[at[gid[k]] + rank[k]] = (uint16_t)k;
	return true;
}

/* dense_agg's loops over n >= 1 rows into st: rows[0..n), or 0..n when rows is NULL (inlined, so
 * that each case gets a loop of its own). */
static inline __attribute__((always_inline)) void dense_agg_rows(sq_agg_state *st, int kind, const double *dv,
                                                                 const uint16_t *rows, size_t n)
{
#define ROW(k) (rows ? rows[k] : (k))
	if (kind == SQ_AGG_SUM || kind == SQ_AGG_AVG) {
		double sum = st->sum, comp = st->comp;
		for (size_t k = 0; k < n; k++)
			sq_neumaier_add(&sum, &comp, dv[ROW(k)]);
		st->sum = sum;
		st->comp = comp;
		st->n += n;
	} else if (kind == SQ_AGG_COUNT) {
		st->n += n;
	} else {
		double m = dv[ROW(0)];
		if (kind == SQ_AGG_MIN) {
			for (size_t k = 1; k < n; k++)
				m = dv[ROW(k)] < m ? dv[ROW(k)] : m;
		} else {
			for (size_t k = 1; k < n; k++)
				m = dv[ROW(k)] > m ? dv[ROW(k)] : m;
		}
		const sq_value v = {.type = SQ_T_DOUBLE, .u.d = m};
		typed_update(st, kind, &v);
		st->n += n - 1;
	}
#undef ROW
}

/*
 * typed_agg for a whole batch of non-NULL doubles (sq_dense_doubles): sums into registers, min and
 * max found first and then offered to the state once, as typed_update would have kept them (the
 * first of equal values stays). With GROUP BY, group by group when the runs are made (gr).
 */
static void dense_agg(sq_agg_state *base, size_t ai, size_t stride, int kind, const double *dv, size_t n,
                      const uint32_t *gid, const group_runs *gr)
{
	if (gr) {
		for (size_t i = 0; i < gr->n; i++)
			dense_agg_rows(base + (size_t)gr->group[i] * stride + ai, kind, dv, gr->rows + gr->start[i],
			               (size_t)(gr->start[i + 1] - gr->start[i]));
		return;
	}
	if (gid) {
		for (size_t k = 0; k < n; k++) {
			const sq_value v = {.type = SQ_T_DOUBLE, .u.d = dv[k]};
			typed_update(base + (size_t)gid[k] * stride + ai, kind, &v);
		}
		return;
	}
	dense_agg_rows(base + ai, kind, dv, NULL, n);
}

/* Two sums (or averages) over the same group runs in one loop: each sum's chain of additions
 * waits on the one before it, and two chains side by side overlap. Each state sees its rows in
 * the same order as dense_agg would give them, so the sums come out bit for bit the same. */
static void dense_sum_pair(sq_agg_state *base, size_t stride, size_t a1, const double *d1, size_t a2,
                           const double *d2, const group_runs *gr)
{
	for (size_t i = 0; i < gr->n; i++) {
		sq_agg_state *s1 = base + (size_t)gr->group[i] * stride + a1, *s2 = base + (size_t)gr->group[i] * stride + a2;
		const uint16_t *rows = gr->rows + gr->start[i];
		const size_t m = (size_t)(gr->start[i + 1] - gr->start[i]);
		double sum1 = s1->sum, comp1 = s1->comp, sum2 = s2->sum, comp2 = s2->comp;
		for (size_t k = 0; k < m; k++) {
			sq_neumaier_add(&sum1, &comp1, d1[rows[k]]);
			sq_neumaier_add(&sum2, &comp2, d2[rows[k]]);
		}
		s1->sum = sum1;
		s1->comp = comp1;
		s1->n += m;
		s2->sum = sum2;
		s2->comp = comp2;
		s2->n += m;
	}
}

/*
 * Feeds aggregate ai straight from the decoded values of input slot `slot`, for the n selected
 * rows (row sel[k] into the states of group gid[k], or into q->global without GROUP BY, kept in a
 * local meanwhile). The arithmetic is sq_agg_update's, without a copy of each value or a switch
 * per row.
 */
static int typed_agg(sluice_query *q, size_t ai, size_t slot, size_t n, sq_agg_state *base, const uint32_t *gid,
                     const group_runs *gr)
{
	const sq_agg *a = &q->aggs[ai];
	const sq_batch *b = &q->in;
	const sq_value *vals = b->vals + slot * q->bcap;
	const size_t stride = q->naggs;
	const int kind = a->kind;
	const double *dv = sq_dense_doubles(q, slot, q->sel, n);
	if (dv) {
		dense_agg(base, ai, stride, kind, dv, n, gid, gr);
		return 0;
	}
	int rc = sq_decode_rows(q, slot, q->sel, n);
	if (rc)
		return rc;
	if (!gid && (kind == SQ_AGG_SUM || kind == SQ_AGG_AVG) && q->in_types[q->slot_col[slot]] == SQ_T_DOUBLE) {
		/* typed_update's sum of doubles, with the running sums in registers: through a state in
		 * memory each addition waited for the last one's store */
		sq_agg_state *st = &base[ai];
		double sum = st->sum, comp = st->comp;
		uint64_t cnt = st->n;
		for (size_t k = 0; k < n; k++) {
			const sq_value *v = &vals[q->sel[k]];
			if (v->null)
				continue;
			if (v->type != SQ_T_DOUBLE) {
				st->sum = sum;
				st->comp = comp;
				st->n = cnt;
				typed_update(st, kind, v);
				sum = st->sum;
				comp = st->comp;
				cnt = st->n;
				continue;
			}
			sq_neumaier_add(&sum, &comp, v->u.d);
			cnt++;
		}
		st->sum = sum;
		st->comp = comp;
		st->n = cnt;
		return 0;
	}
	if (!gid) {
		sq_agg_state acc = base[ai];
		for (size_t k = 0; k < n; k++) {
			const sq_value *v = &vals[q->sel[k]];
			if (!v->null)
				typed_update(&acc, kind, v);
		}
		base[ai] = acc;
		return 0;
	}
	for (size_t k = 0; k < n; k++) {
		const sq_value *v = &vals[q->sel[k]];
		if (!v->null)
			typed_update(base + (size_t)gid[k] * stride + ai, kind, v);
	}
	return 0;
}

/* The group of each selected row, by number (gid[k] for row sel[k]). A single text key goes
 * through a small direct-mapped cache of keys seen before the hash table: few groups is the common
 * case, and a cached key costs one comparison. */
/* a[0..n) == b[0..n), a word at a time for the short keys of the group cache */
static inline bool same_key(const char *a, const char *b, size_t n)
{
	uint64_t x, y;
	if (n >= 8) {
		for (size_t i = 0; i + 8 <= n; i += 8) {
			memcpy(&x, a + i, 8);
			memcpy(&y, b + i, 8);
			if (x != y)
				return false;
		}
		memcpy(&x, a + n - 8, 8);
		memcpy(&y, b + n - 8, 8);
		return x == y;
	}
	if (n >= 4) {
		uint32_t u, v, w, z;
		memcpy(&u, a, 4);
		memcpy(&v, b, 4);
		memcpy(&w, a + n - 4, 4);
		memcpy(&z, b + n - 4, 4);
		return u == v && w == z;
	}
	for (size_t i = 0; i < n; i++)
		if (a[i] != b[i])
			return false;
	return true;
}

/* keys: the single key's values by row of the batch (a column read as it is), or NULL for the
 * group expressions' values by selected row (evaluated into their scratch). key_slot: that
 * column's slot when it is text whose rows are decoded here, on a miss of the cache; else -1. */
static int find_groups(sluice_query *q, size_t n, const sq_value *keys_by_row, long key_slot, uint32_t *gid)
{
	sq_value keys[64];
	sq_value *kbuf = q->ngroup <= 64 ? keys : malloc(q->ngroup * sizeof *kbuf);
	if (!kbuf)
		return SLUICE_ERR_NOMEM;
	const sq_value *k0 = keys_by_row ? keys_by_row : sq_scratch_get(q, q->group_exprs[0]);
	const bool cached = q->ngroup == 1;
	/* a text column without NULL strings: a plain field is its own value, looked up in the cache
	 * as it is, and decoded only when the cache misses */
	const sluice_field *fields = key_slot >= 0 ? q->in.fields + (size_t)key_slot * q->bcap : NULL;
	const uint32_t *gen = key_slot >= 0 ? q->in.gen + (size_t)key_slot * q->bcap : NULL;
	int rc = 0;
	for (size_t r = 0; r < n; r++) {
		if (fields) {
			const size_t row = q->sel[r];
			const sluice_field *f = &fields[row];
			if (f->flags == 0 && f->len - 1 < GROUP_CACHE_KEY) {
				const size_t len = f->len;
				const unsigned char *p = (const unsigned char *)f->ptr;
				const sq_gcache *c = &q->gcache[(len * 31 + p[0] * 7u + p[len - 1]) & (GROUP_CACHE - 1)];
				if (c->gid1 && c->len == len && same_key(c->key, f->ptr, len)) {
					gid[r] = c->gid1 - 1;
					continue;
				}
			}
			if (gen[row] != q->in.cur_gen && (rc = sq_decode_fast(q, (size_t)key_slot, row)) != 0)
				break;
		}
		const sq_value *v = &k0[keys_by_row ? q->sel[r] : r];
		const bool text = cached && !v->null && v->type == SQ_T_VARCHAR && v->u.s.len <= GROUP_CACHE_KEY;
		sq_gcache *e = NULL;
		if (text) {
			/* direct-mapped on the length and the first and last bytes: one comparison, and no
			 * loop whose exit depends on which key came */
			const size_t len = v->u.s.len;
			const unsigned char *p = (const unsigned char *)v->u.s.ptr;
			e = &q->gcache[(len ? len * 31 + p[0] * 7u + p[len - 1] : 0) & (GROUP_CACHE - 1)];
			if (e->gid1 && e->len == len && same_key(e->key, v->u.s.ptr, len)) {
				gid[r] = e->gid1 - 1;
				continue;
			}
		}
		if (keys_by_row)
			kbuf[0] = *v;
		else
			for (size_t k = 0; k < q->ngroup; k++)
				kbuf[k] = sq_scratch_get(q, q->group_exprs[k])[r];
		const long id = sq_groups_find_id(q->groups, kbuf, &q->out_arena);
		if (id < 0 || id >= (long)UINT32_MAX) {
			rc = SLUICE_ERR_NOMEM;
			break;
		}
		gid[r] = (uint32_t)id;
		if (e) {
			e->len = v->u.s.len;
			e->gid1 = (uint32_t)id + 1;
			memcpy(e->key, v->u.s.ptr, v->u.s.len);
		}
	}
	if (kbuf != keys)
		free(kbuf);
	return rc;
}

/* Feeds the selected rows of the current batch to the aggregates. */
static int aggregate_batch(sluice_query *q, size_t n)
{
	/* a single key that is an input column is read where it was decoded */
	const sq_expr *k0 = q->ngroup == 1 ? q->group_exprs[0] : NULL;
	const sq_value *keys_by_row = NULL;
	long key_slot = -1;
	if (k0 && !k0->ref && k0->kind == SQ_E_COLUMN) {
		const size_t slot = (size_t)q->in_slot[k0->column];
		if (q->in_types[k0->column] == SQ_T_VARCHAR && !q->nnulls && (long)k0->column != q->filename_col) {
			key_slot = (long)slot; /* decoded by find_groups, as the cache needs */
		} else {
			int rc = sq_decode_rows(q, slot, q->sel, n);
			if (rc)
				return rc;
		}
		keys_by_row = q->in.vals + slot * q->bcap;
	} else {
		for (size_t k = 0; k < q->ngroup; k++) {
			int rc = sq_eval(q, q->group_exprs[k], q->sel, n, sq_scratch_get(q, q->group_exprs[k]));
			if (rc)
				return rc;
		}
	}
	uint32_t gid[SQ_BATCH];
	sq_agg_state *base = q->global;
	if (q->ngroup) {
		int rc = find_groups(q, n, keys_by_row, key_slot, gid);
		if (rc)
			return rc;
		base = sq_groups_states(q->groups); /* no group is added from here on in this batch */
	}
	const uint32_t *g = q->ngroup ? gid : NULL;
	/* the runs serve count(*) and the typed aggregates only */
	bool runs_wanted = false;
	for (size_t a = 0; a < q->naggs && g && !runs_wanted; a++)
		runs_wanted = q->aggs[a].kind == SQ_AGG_COUNT_STAR || typed_agg_slot(q, &q->aggs[a]) >= 0;
	group_runs runs;
	const group_runs *gr = runs_wanted && make_runs(g, n, &runs) ? &runs : NULL;
	/* with group runs, sums and averages over whole batches of doubles go two at a time */
	uint64_t paired = 0; /* aggregates (below 64) already fed */
	long pend = -1;      /* a sum waiting for a second */
	const double *pend_dv = NULL;
	for (size_t a = 0; gr && a < q->naggs && a < 64; a++) {
		const sq_agg *ag = &q->aggs[a];
		const long slot = ag->kind == SQ_AGG_SUM || ag->kind == SQ_AGG_AVG ? typed_agg_slot(q, ag) : -1;
		const double *dv = slot >= 0 ? sq_dense_doubles(q, (size_t)slot, q->sel, n) : NULL;
		if (!dv)
			continue;
		if (pend < 0) {
			pend = (long)a;
			pend_dv = dv;
			continue;
		}
		dense_sum_pair(base, q->naggs, (size_t)pend, pend_dv, a, dv, gr);
		paired |= (uint64_t)1 << pend | (uint64_t)1 << a;
		pend = -1;
	}
	int rc = 0;
	for (size_t a = 0; a < q->naggs && !rc; a++) {
		const sq_agg *ag = &q->aggs[a];
		if (a < 64 && (paired >> a & 1))
			continue;
		if (ag->kind == SQ_AGG_COUNT_STAR) {
			if (!g)
				base[a].n += n;
			else if (gr)
				for (size_t i = 0; i < gr->n; i++)
					base[(size_t)gr->group[i] * q->naggs + a].n += (uint64_t)(gr->start[i + 1] - gr->start[i]);
			else
				for (size_t r = 0; r < n; r++)
					base[(size_t)g[r] * q->naggs + a].n++;
			continue;
		}
		const long slot = typed_agg_slot(q, ag);
		if (slot >= 0) {
			rc = typed_agg(q, a, (size_t)slot, n, base, g, gr);
			continue;
		}
		rc = sq_eval(q, ag->arg, q->sel, n, sq_scratch_get(q, ag->arg));
		const sq_value *v = rc ? NULL : sq_scratch_get(q, ag->arg);
		for (size_t r = 0; r < n && !rc; r++)
			rc = sq_agg_update(q, g ? base + (size_t)g[r] * q->naggs : base, a, &v[r], &q->out_arena);
	}
	if (!rc)
		rc = check_memory(q);
	return rc;
}

static int push_row(sluice_query *q, const sq_value *src, size_t stride)
{
	if (q->nrows == q->rows_cap) {
		size_t cap = q->rows_cap ? q->rows_cap * 2 : 1024;
		sq_value *n = realloc(q->rows, cap * q->nout * sizeof *n);
		if (!n)
			return SLUICE_ERR_NOMEM;
		q->rows = n;
		q->rows_cap = cap;
	}
	sq_value *dst = q->rows + q->nrows * q->nout;
	for (size_t c = 0; c < q->nout; c++) {
		dst[c] = src[c * stride];
		if (!dst[c].null && dst[c].type == SQ_T_VARCHAR && dst[c].u.s.len) {
			char *p = sq_arena_alloc(&q->out_arena, dst[c].u.s.len);
			if (!p)
				return SLUICE_ERR_NOMEM;
			memcpy(p, dst[c].u.s.ptr, dst[c].u.s.len);
			dst[c].u.s.ptr = p;
		}
	}
	q->nrows++;
	return check_memory(q);
}

/* ORDER BY comparison; NULLs last in both directions unless NULLS FIRST (DuckDB's default). */
static const sluice_query *sort_q;

static int row_cmp(const void *pa, const void *pb)
{
	const sq_value *a = pa, *b = pb;
	for (size_t i = 0; i < sort_q->norder; i++) {
		size_t c = sort_q->order_cols[i];
		int r;
		if (a[c].null || b[c].null) {
			r = a[c].null == b[c].null ? 0 : a[c].null ? 1 : -1;
			if (sort_q->order_nulls_first[i])
				r = -r;
		} else {
			r = sq_compare_values(&a[c], &b[c]);
			if (sort_q->order_desc[i])
				r = -r;
		}
		if (r)
			return r;
	}
	return 0;
}

static void sort_rows(sluice_query *q)
{
	if (q->nrows < 2)
		return;
	sort_q = q;
	qsort(q->rows, q->nrows, q->nout * sizeof(sq_value), row_cmp);
	sort_q = NULL;
}

/* Keeps only the first `keep` rows in order (top-N), moving their strings to a fresh arena. */
static int prune_rows(sluice_query *q, size_t keep)
{
	sort_rows(q);
	if (q->nrows <= keep)
		return 0;
	q->nrows = keep;
	sq_arena fresh = {0};
	for (size_t r = 0; r < q->nrows; r++) {
		sq_value *row = q->rows + r * q->nout;
		for (size_t c = 0; c < q->nout; c++) {
			if (!row[c].null && row[c].type == SQ_T_VARCHAR && row[c].u.s.len) {
				char *p = sq_arena_alloc(&fresh, row[c].u.s.len);
				if (!p) {
					sq_arena_free(&fresh);
					return SLUICE_ERR_NOMEM;
				}
				memcpy(p, row[c].u.s.ptr, row[c].u.s.len);
				row[c].u.s.ptr = p;
			}
		}
	}
	sq_arena_free(&q->out_arena);
	q->out_arena = fresh;
	return 0;
}

/* Runs the final phase of an aggregate query: HAVING and the result expressions per group. */
static int finish_aggregate(sluice_query *q)
{
	size_t ng = q->groups ? sq_groups_count(q->groups) : 1;
	q->stats.groups = q->groups ? ng : 0;
	q->final_aggs = calloc(q->naggs + 1, sizeof *q->final_aggs);
	q->final_keys = calloc(q->ngroup + 1, sizeof *q->final_keys);
	if (!q->final_aggs || !q->final_keys)
		return SLUICE_ERR_NOMEM;
	for (size_t a = 0; a < q->naggs; a++)
		if (!(q->final_aggs[a] = calloc(q->bcap, sizeof(sq_value))))
			return SLUICE_ERR_NOMEM;
	for (size_t k = 0; k < q->ngroup; k++)
		if (!(q->final_keys[k] = calloc(q->bcap, sizeof(sq_value))))
			return SLUICE_ERR_NOMEM;
	q->final_phase = true;
	for (size_t base = 0; base < ng; base += q->bcap) {
		size_t m = ng - base < q->bcap ? ng - base : q->bcap;
		sq_arena_reset(&q->batch_arena);
		for (size_t g = 0; g < m; g++) {
			const sq_value *keys = NULL;
			sq_agg_state *st = q->global;
			if (q->groups)
				sq_groups_get(q->groups, base + g, &keys, &st);
			for (size_t a = 0; a < q->naggs; a++)
				sq_agg_final(&q->aggs[a], &st[a], &q->final_aggs[a][g]);
			for (size_t k = 0; k < q->ngroup; k++)
				q->final_keys[k][g] = keys[k];
			q->sel[g] = (uint16_t)g;
		}
		size_t n = m;
		if (q->having) {
			int rc = sq_eval_predicate(q, q->having, q->sel, &n);
			if (rc)
				return rc;
		}
		for (size_t c = 0; c < q->nout; c++) {
			int rc = sq_eval(q, q->out_exprs[c], q->sel, n, q->res + c * q->bcap);
			if (rc)
				return rc;
		}
		for (size_t r = 0; r < n; r++) {
			int rc = push_row(q, q->res + r, q->bcap);
			if (rc)
				return rc;
		}
	}
	return 0;
}

/* Reads the whole input for queries that need all of it (aggregates, ORDER BY). */
/* Reads the input to its end (or the reader's range end): aggregates or collects result rows. */
static int scan_all(sluice_query *q, size_t keep)
{
	while (!q->finished) {
		int rc = fill_batch(q);
		if (rc)
			return rc;
		size_t n = q->in.n;
		for (size_t i = 0; i < n; i++)
			q->sel[i] = (uint16_t)i;
		if (q->where && n) {
			rc = sq_eval_predicate(q, q->where, q->sel, &n);
			if (rc)
				return rc;
		}
		if (!n)
			continue;
		if (q->aggregate) {
			rc = aggregate_batch(q, n);
		} else {
			for (size_t c = 0; c < q->nout && !rc; c++)
				rc = sq_eval(q, q->out_exprs[c], q->sel, n, q->res + c * q->bcap);
			for (size_t r = 0; r < n && !rc; r++)
				rc = push_row(q, q->res + r, q->bcap);
			if (!rc && keep != SIZE_MAX && q->nrows > 2 * keep + q->bcap)
				rc = prune_rows(q, keep);
		}
		if (rc)
			return rc;
	}
	return 0;
}

static int query_fault(sluice_query *q);

/* One thread's share of a parallel aggregate: a copy of the query over a byte range. */
typedef struct part {
	sluice_query *q;
	const sluice_query *parent;
	uint64_t start, end, stop;
	int rc;
	bool defer;          /* rejects are only counted: the part is run again to hand them out */
	uint64_t rejects;    /* records diverted while deferring */
} part;

/* The reject callback of a deferred part. Parts run at once and may start at a wrong guess, so the
 * parts after the first only count their rejects; those that had any run again, in order, on the
 * calling thread once their start is known to be right (as parallel.c does for counts). */
static void note_part_reject(void *user, const sluice_reject *rj)
{
	(void)rj;
	((part *)user)->rejects++;
}

static void run_part(part *p)
{
	sluice_query_options o = p->parent->qo;
	o.reader.threads = 1;
	o.reader.split_offsets = NULL;
	o.reader.nsplits = 0;
	p->rejects = 0;
	if (o.reader.reject && p->defer) {
		o.reader.reject = note_part_reject;
		o.reader.reject_user = p;
	}
	sluice_error err;
	sluice_query_close(p->q);
	p->q = NULL;
	p->rc = query_open(&p->q, p->parent->sql, &o, &err, p->parent);
	if (p->rc)
		return;
	p->rc = sluice_reader_set_range(p->q->r, p->start, p->end);
	if (!p->rc)
		SLUICE_GUARDED(p->rc, scan_all(p->q, SIZE_MAX), query_fault(p->q));
	p->stop = sluice_reader_position(p->q->r);
	sluice_reader_release_all(p->q->r); /* it may wait for the parts before it */
}

/* Adds the scan counters of w, a part of q, to q's. */
static void add_counters(sluice_query *q, const sluice_query *w)
{
	q->stats.records_seen += w->stats.records_seen;
	q->stats.fields_tokenized += w->stats.fields_tokenized;
	q->stats.fields_materialized += w->stats.fields_materialized;
	q->stats.bytes_prefiltered += w->stats.bytes_prefiltered;
	q->stats.type_errors += w->stats.type_errors;
}

/* Merges a part's aggregate states into q's. */
static int merge_part(sluice_query *q, sluice_query *w)
{
	int rc = 0;
	if (!q->groups) {
		for (size_t a = 0; a < q->naggs && !rc; a++)
			rc = sq_agg_merge(&q->aggs[a], &q->global[a], &w->global[a], &q->out_arena);
	} else {
		const size_t ng = sq_groups_count(w->groups);
		for (size_t g = 0; g < ng && !rc; g++) {
			const sq_value *keys;
			sq_agg_state *src;
			sq_groups_get(w->groups, g, &keys, &src);
			sq_agg_state *dst = sq_groups_find(q->groups, keys, &q->out_arena);
			if (!dst)
				return SLUICE_ERR_NOMEM;
			for (size_t a = 0; a < q->naggs && !rc; a++)
				rc = sq_agg_merge(&q->aggs[a], &dst[a], &src[a], &q->out_arena);
		}
	}
	add_counters(q, w);
	return rc ? rc : check_memory(q);
}

typedef struct part_run {
	sluice_query *q;
	part *parts;
} part_run;

static void run_part_piece(void *user, size_t i)
{
	run_part(&((part_run *)user)->parts[i]);
}

/* Takes the parts in file order: a part runs again when sluice_piece_rerun says so (a wrong guess
 * of its first record, or rejects to hand out); then its states are merged into the query's and
 * it is closed. */
static int take_part_piece(void *user, size_t i)
{
	part_run *run = user;
	sluice_query *q = run->q;
	part *p = &run->parts[i];
	if (sluice_piece_rerun(i == 0, i ? p[-1].stop : 0, &p->start, &p->defer, p->rejects))
		run_part(p);
	int rc = p->rc;
	if (rc) {
		q->failed = true;
		if (p->q)
			q->err = p->q->err;
		else
			q->err.status = rc;
		if (p->q && q->err.file && strcmp(q->err.file, "<query>") != 0)
			q->err.file = q->path; /* the part's strings die with it */
		return rc;
	}
	rc = merge_part(q, p->q);
	sluice_query_close(p->q);
	p->q = NULL;
	return rc;
}

/* Aggregates on several threads, which take the pieces of the input in turn. Returns 1 when the
 * input is too small to split. */
static int parallel_aggregate(sluice_query *q)
{
	const unsigned t = sluice_thread_count(q->ropts.threads);
	if (t <= 1 && !q->ropts.nsplits)
		return 1;
	/* without a header, a ragged policy measures against the first record: read in order */
	if (q->ropts.ragged != SLUICE_RAGGED_KEEP && !q->ropts.dialect.header)
		return 1;
	uint64_t starts[257];
	size_t k = sluice_plan_pieces(q->r, &q->ropts, t, starts, 256);
	if (k <= 1)
		return 1;
	part *parts = calloc(k, sizeof *parts);
	if (!parts)
		return SLUICE_ERR_NOMEM;
	for (size_t i = 0; i < k; i++)
		parts[i] = (part){.parent = q, .start = starts[i], .end = starts[i + 1], .defer = i > 0};
	part_run run = {.q = q, .parts = parts};
	int rc = sluice_run_pieces(k, t, run_part_piece, take_part_piece, &run);
	if (rc == SLUICE_ERR_NOMEM && !q->failed) {
		q->failed = true;
		q->err.status = rc;
	}
	q->finished = true;
	for (size_t i = 0; i < k; i++)
		sluice_query_close(parts[i].q);
	free(parts);
	return rc;
}

/* ------------------------------------------------------------------------------------------ */
/* Rows printed from several threads. The main query reads the first byte range itself, as a
 * serial scan does; a thread per later range runs a copy of the query over it and queues copies
 * of its result rows, at most ROWS_QUEUE bytes ahead. The ranges' rows are handed out in file
 * order: a range is read once the one before it has ended, and only if it starts where that one
 * stopped (its guess of a record start was right); otherwise the rest is read serially. */

#define ROWS_QUEUE ((size_t)8 << 20)

typedef struct row_chunk {
	struct row_chunk *next;
	size_t n;          /* rows */
	sq_value *vals;    /* n rows of nvisible values, strings copied behind them */
} row_chunk;

typedef struct rows_part {
	const sluice_query *parent;
	sluice_query *q;
	uint64_t start, end, stop;
	pthread_t tid;
	bool started;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	row_chunk *head, *tail;
	size_t queued;     /* bytes in the queue */
	bool done, cancel;
	int rc;
} rows_part;

typedef struct sq_rows_par {
	rows_part *parts;
	size_t k;          /* ranges; parts[0] is the main query's */
	size_t cur;        /* the range being handed out */
	row_chunk *out;    /* the chunk the last batch came from */
} sq_rows_par;

/* Copies the n rows of batch b into a chunk. */
static row_chunk *copy_rows(const sluice_query *w, size_t n)
{
	const size_t nv = w->nvisible;
	size_t bytes = sizeof(row_chunk) + n * nv * sizeof(sq_value);
	for (size_t c = 0; c < nv; c++)
		for (size_t r = 0; r < n; r++) {
			const sq_value *v = &w->res[c * w->bcap + r];
			if (!v->null && v->type == SQ_T_VARCHAR)
				bytes += v->u.s.len;
		}
	row_chunk *ch = malloc(bytes);
	if (!ch)
		return NULL;
	ch->next = NULL;
	ch->n = n;
	ch->vals = (sq_value *)(ch + 1);
	char *text = (char *)(ch->vals + n * nv);
	for (size_t r = 0; r < n; r++)
		for (size_t c = 0; c < nv; c++) {
			sq_value v = w->res[c * w->bcap + r];
			if (!v.null && v.type == SQ_T_VARCHAR && v.u.s.len) {
				memcpy(text, v.u.s.ptr, v.u.s.len);
				v.u.s.ptr = text;
				text += v.u.s.len;
			}
			ch->vals[r * nv + c] = v;
		}
	return ch;
}

static void *rows_part_thread(void *arg)
{
	rows_part *p = arg;
	sluice_query_options o = p->parent->qo;
	o.reader.threads = 1;
	o.reader.split_offsets = NULL;
	o.reader.nsplits = 0;
	o.reader.progress = p->parent->ropts.progress;
	sluice_error err;
	int rc = query_open(&p->q, p->parent->sql, &o, &err, p->parent);
	if (!rc)
		rc = sluice_reader_set_range(p->q->r, p->start, p->end);
	while (!rc) {
		sluice_batch b;
		rc = sluice_query_next_batch(p->q, &b);
		if (rc != SLUICE_OK)
			break;
		row_chunk *ch = copy_rows(p->q, b.nrows);
		if (!ch) {
			rc = SLUICE_ERR_NOMEM;
			break;
		}
		const size_t bytes = sizeof *ch + ch->n * p->q->nvisible * sizeof(sq_value);
		pthread_mutex_lock(&p->mu);
		while (p->queued >= ROWS_QUEUE && !p->cancel)
			pthread_cond_wait(&p->cv, &p->mu);
		if (p->cancel) {
			pthread_mutex_unlock(&p->mu);
			free(ch);
			break;
		}
		if (p->tail)
			p->tail->next = ch;
		else
			p->head = ch;
		p->tail = ch;
		p->queued += bytes;
		pthread_cond_broadcast(&p->cv);
		pthread_mutex_unlock(&p->mu);
	}
	pthread_mutex_lock(&p->mu);
	p->rc = rc == SLUICE_END ? SLUICE_OK : rc;
	if (p->q && p->q->r)
		p->stop = sluice_reader_position(p->q->r);
	if (rc && rc != SLUICE_END && !p->q) {
		/* the open failed: keep its error where the caller looks for it */
		p->q = NULL;
	}
	p->done = true;
	pthread_cond_broadcast(&p->cv);
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

/* Stops and frees the threads' work. */
static void rows_par_free(sq_rows_par *pr)
{
	if (!pr)
		return;
	for (size_t i = 1; i < pr->k; i++) {
		rows_part *p = &pr->parts[i];
		if (p->started) {
			pthread_mutex_lock(&p->mu);
			p->cancel = true;
			pthread_cond_broadcast(&p->cv);
			pthread_mutex_unlock(&p->mu);
			pthread_join(p->tid, NULL);
		}
		while (p->head) {
			row_chunk *n = p->head->next;
			free(p->head);
			p->head = n;
		}
		sluice_query_close(p->q);
		pthread_mutex_destroy(&p->mu);
		pthread_cond_destroy(&p->cv);
	}
	free(pr->out);
	free(pr->parts);
	free(pr);
}

/* Decides, at the first batch of a query that prints rows, whether they come from several
 * threads, and starts them. Not for LIMIT/OFFSET (the first rows are soon there), rejects (they
 * are handed out in file order, one at a time) or a stream (read once, in order). */
static void rows_par_start(sluice_query *q)
{
	q->par_checked = true;
	const unsigned t = sluice_thread_count(q->ropts.threads);
	if ((t <= 1 && !q->ropts.nsplits) || q->limit >= 0 || q->offset > 0 || q->ropts.reject ||
	    sluice_reader_is_stream(q->r) || q->filename_col >= 0 ||
	    (q->ropts.ragged != SLUICE_RAGGED_KEEP && !q->ropts.dialect.header))
		return;
	uint64_t starts[257];
	size_t k = sluice_plan_ranges(q->r, &q->ropts, t, starts, 256);
	if (k <= 1)
		return;
	sq_rows_par *pr = calloc(1, sizeof *pr);
	rows_part *parts = calloc(k, sizeof *parts);
	if (!pr || !parts) {
		free(pr);
		free(parts);
		return; /* serially, then */
	}
	pr->parts = parts;
	pr->k = k;
	for (size_t i = 0; i < k; i++) {
		parts[i].parent = q;
		parts[i].start = starts[i];
		parts[i].end = starts[i + 1];
	}
	if (sluice_reader_set_range(q->r, starts[0], starts[1]) != SLUICE_OK) {
		free(parts);
		free(pr);
		return;
	}
	for (size_t i = 1; i < k; i++) {
		pthread_mutex_init(&parts[i].mu, NULL);
		pthread_cond_init(&parts[i].cv, NULL);
		parts[i].started = pthread_create(&parts[i].tid, NULL, rows_part_thread, &parts[i]) == 0;
		if (!parts[i].started) {
			/* no thread: the ranges from here on are read serially by the main query */
			pr->k = i;
			pthread_mutex_destroy(&parts[i].mu);
			pthread_cond_destroy(&parts[i].cv);
			(void)sluice_reader_set_range(q->r, starts[0], i > 1 ? starts[1] : UINT64_MAX);
			break;
		}
	}
	if (pr->k <= 1) {
		rows_par_free(pr);
		(void)sluice_reader_set_range(q->r, starts[0], UINT64_MAX);
		return;
	}
	q->par = pr;
}

/* The main query's range has ended: hands out the next rows of the later ranges. Returns
 * SLUICE_OK with a batch, SLUICE_END, 1 when the rest is to be read serially by the main query
 * (from sluice_reader_position on), or an error. */
static int rows_par_next(sluice_query *q, sluice_batch *b)
{
	sq_rows_par *pr = q->par;
	free(pr->out);
	pr->out = NULL;
	while (pr->cur < pr->k) {
		rows_part *prev = &pr->parts[pr->cur];
		if (pr->cur == 0)
			prev->stop = sluice_reader_position(q->r);
		rows_part *p = pr->cur + 1 < pr->k ? &pr->parts[pr->cur + 1] : NULL;
		if (!p)
			break;
		pthread_mutex_lock(&p->mu);
		while (!p->head && !p->done)
			pthread_cond_wait(&p->cv, &p->mu);
		row_chunk *ch = p->head;
		if (ch) {
			p->head = ch->next;
			if (!p->head)
				p->tail = NULL;
			p->queued -= sizeof *ch + ch->n * q->nvisible * sizeof(sq_value);
			pthread_cond_broadcast(&p->cv);
		}
		const bool done = p->done;
		pthread_mutex_unlock(&p->mu);
		if (prev->stop != p->start) {
			/* the range's guess was wrong (a line break inside quotes): read on serially */
			free(ch);
			return 1;
		}
		if (ch) {
			for (size_t r = 0; r < ch->n; r++)
				for (size_t c = 0; c < q->nvisible; c++)
					q->res[c * q->bcap + r] = ch->vals[r * q->nvisible + c];
			pr->out = ch;
			q->emitted += ch->n;
			q->stats.rows_out += ch->n;
			b->nrows = ch->n;
			return SLUICE_OK;
		}
		if (done) {
			if (p->rc) {
				q->failed = true;
				if (p->q) {
					q->err = p->q->err;
					if (q->err.file && strcmp(q->err.file, "<query>") != 0)
						q->err.file = q->path; /* the part's strings die with it */
				} else {
					memset(&q->err, 0, sizeof q->err);
					q->err.status = p->rc;
				}
				return p->rc;
			}
			if (p->q)
				add_counters(q, p->q);
			pr->cur++;
		}
	}
	return SLUICE_END;
}

static int materialize(sluice_query *q)
{
	const size_t keep = q->limit >= 0 ? (size_t)(q->limit + q->offset) : SIZE_MAX;
	bool count_only = q->aggregate && !q->ngroup && !q->where && q->naggs == 1 &&
	                  q->aggs[0].kind == SQ_AGG_COUNT_STAR && !q->pf_lit;
	if (count_only) {
		/* count(*) of everything: the counting loop, no fields at all */
		uint64_t n = 0;
		int rc = sluice_reader_count_all(q->r, &q->ropts, &n);
		if (rc)
			return reader_failed(q, rc);
		q->global[0].n = n;
		q->stats.records_seen = n;
		q->finished = true;
	}
	if (q->aggregate && !q->finished) {
		int rc = parallel_aggregate(q);
		if (rc < 0)
			return rc;
	}
	int rc = scan_all(q, keep);
	if (rc)
		return rc;
	if (q->aggregate) {
		rc = finish_aggregate(q);
		if (rc)
			return rc;
	}
	if (q->norder)
		sort_rows(q);
	q->rows_pos = q->offset > 0 ? (size_t)q->offset : 0;
	size_t end = q->nrows;
	if (keep != SIZE_MAX && keep < end)
		end = keep;
	q->rows_end = end;
	q->materialized = true;
	sluice_reader_stats(q->r); /* counters stay readable */
	return 0;
}

static int query_next_batch(sluice_query *q, sluice_batch *b)
{
	memset(b, 0, sizeof *b);
	if (q->failed)
		return q->err.status;
	b->ncols = q->nvisible;
	b->columns = q->res_cols;
	if (q->aggregate || q->norder) {
		if (!q->materialized) {
			int rc = materialize(q);
			if (rc)
				return rc;
		}
		if (q->rows_pos >= q->rows_end)
			return SLUICE_END;
		size_t n = q->rows_end - q->rows_pos < q->bcap ? q->rows_end - q->rows_pos : q->bcap;
		for (size_t r = 0; r < n; r++)
			for (size_t c = 0; c < q->nout; c++)
				q->res[c * q->bcap + r] = q->rows[(q->rows_pos + r) * q->nout + c];
		q->rows_pos += n;
		q->stats.rows_out += n;
		b->nrows = n;
		return SLUICE_OK;
	}
	/* Streaming: filter a batch, skip OFFSET rows, stop at LIMIT. */
	if (!q->par_checked)
		rows_par_start(q);
	for (;;) {
		if (q->limit >= 0 && q->emitted >= (uint64_t)q->limit)
			return SLUICE_END;
		if (q->finished && q->par) {
			/* the main query's range is done: the other ranges' rows, in order */
			int rc = rows_par_next(q, b);
			if (rc != 1)
				return rc;
			/* read the rest serially, from where the ranges went wrong */
			const uint64_t from = sluice_reader_position(q->r);
			uint64_t at = from;
			for (size_t i = 0; i <= q->par->cur && i < q->par->k; i++)
				at = q->par->parts[i].stop > at ? q->par->parts[i].stop : at;
			rows_par_free(q->par);
			q->par = NULL;
			rc = sluice_reader_set_range(q->r, at, UINT64_MAX);
			if (rc)
				return reader_failed(q, rc);
			q->finished = false;
		}
		if (q->finished)
			return SLUICE_END;
		int rc = fill_batch(q);
		if (rc)
			return rc;
		size_t n = q->in.n;
		for (size_t i = 0; i < n; i++)
			q->sel[i] = (uint16_t)i;
		if (q->where && n) {
			rc = sq_eval_predicate(q, q->where, q->sel, &n);
			if (rc)
				return rc;
		}
		size_t from = 0;
		if (q->skipped_offset < q->offset) {
			size_t drop = (size_t)(q->offset - q->skipped_offset);
			from = drop < n ? drop : n;
			q->skipped_offset += (int64_t)from;
		}
		uint16_t *sel = q->sel + from;
		n -= from;
		if (q->limit >= 0 && n > (uint64_t)q->limit - q->emitted)
			n = (size_t)((uint64_t)q->limit - q->emitted);
		if (!n)
			continue;
		for (size_t c = 0; c < q->nvisible; c++) {
			rc = sq_eval(q, q->out_exprs[c], sel, n, q->res + c * q->bcap);
			if (rc)
				return rc;
		}
		q->emitted += n;
		q->stats.rows_out += n;
		b->nrows = n;
		return SLUICE_OK;
	}
}

__attribute__((cold, noinline)) static int query_fault(sluice_query *q)
{
	q->failed = true;
	memset(&q->err, 0, sizeof q->err);
	q->err.status = SLUICE_ERR_FAULT;
	q->err.file = q->path;
	q->err.offset = sluice_fault_offset();
	snprintf(q->err.message, sizeof q->err.message, "the file shrank while it was being read (byte %llu is gone)",
	         (unsigned long long)q->err.offset);
	return SLUICE_ERR_FAULT;
}

sluice_status sluice_query_next_batch(sluice_query *q, sluice_batch *b)
{
	int rc;
	SLUICE_GUARDED(rc, query_next_batch(q, b), query_fault(q));
	return rc;
}

sluice_status sluice_query_next(sluice_query *q, const sluice_value **row)
{
	if (q->res_pos >= q->res_n) {
		sluice_batch b;
		int rc = sluice_query_next_batch(q, &b);
		if (rc != SLUICE_OK)
			return rc;
		q->res_n = b.nrows;
		q->res_pos = 0;
	}
	for (size_t c = 0; c < q->nvisible; c++)
		q->row_out[c] = q->res[c * q->bcap + q->res_pos];
	q->res_pos++;
	*row = q->row_out;
	return SLUICE_OK;
}

/* ------------------------------------------------------------------------------------------ */

size_t sluice_query_column_count(const sluice_query *q)
{
	return q->nvisible;
}

const char *sluice_query_column_name(const sluice_query *q, size_t i)
{
	return i < q->nvisible ? q->out_names[i] : NULL;
}

sluice_type sluice_query_column_type(const sluice_query *q, size_t i)
{
	return i < q->nvisible ? (sluice_type)q->out_types[i] : SLUICE_TYPE_NULL;
}

const sluice_exec_stats *sluice_query_stats(const sluice_query *q)
{
	return &q->stats;
}

const sluice_error *sluice_query_error(const sluice_query *q)
{
	return &q->err;
}

size_t sluice_query_input_count(const sluice_query *q)
{
	return q->nin;
}

const char *sluice_query_input_name(const sluice_query *q, size_t i)
{
	return i < q->nin ? q->in_names[i] : NULL;
}

sluice_type sluice_query_input_type(const sluice_query *q, size_t i)
{
	if (q->typed)
		resolve_deferred_types((sluice_query *)q); /* a cache behind the const */
	return i < q->nin ? (sluice_type)q->in_types[i] : SLUICE_TYPE_NULL;
}

const sluice_dialect *sluice_query_dialect(const sluice_query *q)
{
	return &q->ropts.dialect;
}

void sluice_query_close(sluice_query *q)
{
	if (!q)
		return;
	rows_par_free(q->par);
	sluice_reader_close(q->r);
	sl_stream_close(q->stream);
	sq_query_free(q->ast);
	for (size_t i = 0; i < q->nown; i++)
		sq_expr_free(q->own_exprs[i]);
	free(q->own_exprs);
	for (size_t i = 0; i < q->nin; i++)
		free(q->in_names ? q->in_names[i] : NULL);
	free(q->in_names);
	free(q->in_types);
	free(q->typed);
	free(q->in_slot);
	free(q->slot_col);
	free(q->slot_in_where);
	for (size_t i = 0; i < q->nnulls; i++)
		free(q->nulls[i]);
	free(q->nulls);
	for (size_t i = 0; i < q->nout; i++)
		free(q->out_names ? q->out_names[i] : NULL);
	free(q->out_names);
	free(q->out_exprs);
	free(q->out_types);
	free(q->aggs);
	free(q->group_exprs);
	free(q->order_cols);
	free(q->order_desc);
	free(q->order_nulls_first);
	free(q->pf_lit);
	free(q->in.fields);
	free(q->in.vals);
	free(q->in.gen);
	free(q->in.dbl);
	free(q->in.dense);
	free(q->in.line);
	free(q->take_out);
	free(q->name_slots);
	free(q->in.offset);
	for (size_t i = 0; i < q->scratch.n; i++)
		free(q->scratch.bufs ? q->scratch.bufs[i] : NULL);
	free(q->scratch.bufs);
	free(q->sel);
	sq_arena_free(&q->batch_arena);
	sq_arena_free(&q->out_arena);
	sq_groups_free(q->groups);
	if (q->global) {
		sq_agg_free(q->global, q->naggs);
		free(q->global);
	}
	if (q->final_aggs)
		for (size_t a = 0; a < q->naggs; a++)
			free(q->final_aggs[a]);
	free(q->final_aggs);
	if (q->final_keys)
		for (size_t k = 0; k < q->ngroup; k++)
			free(q->final_keys[k]);
	free(q->final_keys);
	free(q->res);
	free(q->res_cols);
	free(q->rows);
	free(q->row_out);
	free(q->path);
	for (size_t i = 0; i < q->npaths; i++)
		free(q->paths[i]);
	free(q->paths);
	free(q->sql);
	free(q);
}
