/* harness.c - runs the kernel under test and the reference parser over one input in every way the
 * reader offers (records, projections, column batches, counts), and dumps what differs. */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE 1 /* MAP_ANONYMOUS */
#endif

#include <criterion/criterion.h>

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "harness.h"
#include "kernels/index.h"
#include "scan/take.h"
#include "reference.h"
#include "sluice.h"

/* ---------------------------------------------------------------------------------------------
 * The kernel under test.
 * ------------------------------------------------------------------------------------------- */

/* The kernel SLUICE_KERNEL names (AUTO when unset); false when the name is unknown. */
bool kernel_from_env(sluice_kernel *k)
{
	const char *name = getenv("SLUICE_KERNEL");
	*k = SLUICE_KERNEL_AUTO;
	if (name == NULL || *name == '\0')
		return true;
	return sluice_kernel_from_name(name, k) == SLUICE_OK;
}

sluice_kernel test_kernel(void)
{
	sluice_kernel k;
	if (!kernel_from_env(&k))
		cr_assert_fail("SLUICE_KERNEL=%s is not a kernel name", getenv("SLUICE_KERNEL"));
	return k;
}

/* ---------------------------------------------------------------------------------------------
 * Inputs live at the end of a mapping, right before a PROT_NONE page: a read past the end faults.
 * ------------------------------------------------------------------------------------------- */


static uint8_t *guard_area; /* MAX_INPUT bytes (rounded up to pages), then the guard page */
static size_t guard_size;

static void guard_init(void)
{
	if (guard_area != NULL)
		return;
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	guard_size = (MAX_INPUT + page - 1) / page * page;
	void *m = mmap(NULL, guard_size + page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	cr_assert_neq(m, MAP_FAILED, "mmap: %s", strerror(errno));
	cr_assert_eq(mprotect((uint8_t *)m + guard_size, page, PROT_NONE), 0, "mprotect: %s", strerror(errno));
	guard_area = m;
}

/* Copies the input so that its last byte is the last readable byte. */
const uint8_t *guard_place(const uint8_t *in, size_t len)
{
	guard_init();
	cr_assert_leq(len, guard_size);
	uint8_t *p = guard_area + guard_size - len;
	if (len)
		memcpy(p, in, len);
	return p;
}

/* ---------------------------------------------------------------------------------------------
 * Dialects and windows.
 * ------------------------------------------------------------------------------------------- */


const char *const dialect_names[DL_COUNT] = {
	[DL_DEFAULT] = "default",
	[DL_STRICT] = "strict",
	[DL_NO_QUOTE] = "no-quote",
	[DL_NO_DOUBLE] = "double-quote-off",
	[DL_ESCAPE] = "escape",
	[DL_COMMENT] = "comment",
	[DL_TRIM] = "trim",
	[DL_SKIP_EMPTY] = "skip-empty-lines",
	[DL_SEMICOLON] = "semicolon",
	[DL_TAB] = "tab",
	[DL_STRICT_ESCAPE] = "strict+escape",
	[DL_STRICT_NO_DOUBLE] = "strict+double-quote-off",
	[DL_STRICT_TRIM] = "strict+trim",
	[DL_STRICT_COMMENT] = "strict+comment+skip-empty-lines",
	[DL_TRIM_ESCAPE_COMMENT] = "trim+escape+comment",
	[DL_LONG_COMMENT] = "comment-//+skip-empty-lines",
	[DL_NO_QUOTE_ESCAPE] = "no-quote+escape",
	[DL_NO_DOUBLE_TRIM] = "double-quote-off+trim",
};

/* The dialect number id, with the header off (each check turns it on or off). */
sluice_dialect make_dialect(int id)
{
	sluice_options o;
	sluice_options_init(&o);
	sluice_dialect_fill_auto(&o.dialect); /* the dialect under test is given, not sniffed */
	sluice_dialect d = o.dialect;
	d.header = false;
	switch (id) {
	case DL_DEFAULT: break;
	case DL_STRICT: d.strict = true; break;
	case DL_NO_QUOTE: d.quote = SLUICE_NO_CHAR; break;
	case DL_NO_DOUBLE: d.double_quote = false; break;
	case DL_ESCAPE: d.escape = '\\'; break;
	case DL_COMMENT: strcpy(d.comment, "#"); break;
	case DL_TRIM: d.trim = true; break;
	case DL_SKIP_EMPTY: d.skip_empty_lines = true; break;
	case DL_SEMICOLON: d.delimiter = ';'; break;
	case DL_TAB: d.delimiter = '\t'; break;
	case DL_STRICT_ESCAPE: d.strict = true; d.escape = '\\'; break;
	case DL_STRICT_NO_DOUBLE: d.strict = true; d.double_quote = false; break;
	case DL_STRICT_TRIM: d.strict = true; d.trim = true; break;
	case DL_STRICT_COMMENT: d.strict = true; strcpy(d.comment, "#"); d.skip_empty_lines = true; break;
	case DL_TRIM_ESCAPE_COMMENT: d.trim = true; d.escape = '\\'; strcpy(d.comment, "#"); break;
	case DL_LONG_COMMENT: strcpy(d.comment, "//"); d.skip_empty_lines = true; break;
	case DL_NO_QUOTE_ESCAPE: d.quote = SLUICE_NO_CHAR; d.escape = '\\'; break;
	case DL_NO_DOUBLE_TRIM: d.double_quote = false; d.trim = true; break;
	default: cr_assert_fail("no dialect %d", id);
	}
	return d;
}

/* Window sizes: the default (0 here) and sizes that put a window edge on every block edge. */
const size_t windows[NWINDOWS] = { 64, 128, 192, 4096, 0 };

/* ---------------------------------------------------------------------------------------------
 * Mismatch reports.
 * ------------------------------------------------------------------------------------------- */

/* What one comparison runs on, for the dump. */
typedef struct check_ctx {
	const uint8_t *in;
	size_t len;
	const sluice_dialect *d;
	const char *dialect_name;
	size_t window;
	bool header;
	const char *what; /* "next" or "count" */
	FILE *out;        /* the dump being written, sent to stderr in one piece by dump_flush */
	char *out_buf;
	size_t out_len;
	bool dumped;      /* the case is printed: only reasons follow */
} check_ctx;

static unsigned failures;      /* mismatches in this test */
static unsigned max_dumps;     /* mismatches printed in full: SLUICE_TEST_DUMPS, default 4 */
bool compare_stats;

static void dump_bytes(FILE *f, const uint8_t *p, size_t n)
{
	fputc('"', f);
	for (size_t i = 0; i < n; i++) {
		uint8_t c = p[i];
		switch (c) {
		case '\n': fputs("\\n", f); break;
		case '\r': fputs("\\r", f); break;
		case '\t': fputs("\\t", f); break;
		case '\\': fputs("\\\\", f); break;
		case '"': fputs("\\\"", f); break;
		default:
			if (c < 0x20 || c >= 0x7f)
				fprintf(f, "\\x%02x", c);
			else
				fputc(c, f);
		}
	}
	fputc('"', f);
}

static void dump_dialect(FILE *f, const sluice_dialect *d)
{
	fprintf(f, "delimiter=0x%02x quote=%d double_quote=%d escape=%d comment=\"%.*s\" trim=%d "
	           "skip_empty_lines=%d header=%d strict=%d",
	        d->delimiter, d->quote, d->double_quote, d->escape, SLUICE_COMMENT_MAX, d->comment, d->trim,
	        d->skip_empty_lines, d->header, d->strict);
}

/* Sends the dump of one check to stderr in one write, so that parallel tests do not interleave. */
static void dump_flush(check_ctx *c)
{
	if (c->out == NULL || c->out == stderr)
		return;
	fclose(c->out);
	if (c->out_len)
		fwrite(c->out_buf, 1, c->out_len, stderr);
	free(c->out_buf);
	c->out = NULL;
	c->out_buf = NULL;
	c->out_len = 0;
}

/* Counts a mismatch and, for the first few, prints the case and the reason. Returns false. */
__attribute__((format(printf, 2, 3)))
static bool mismatch(check_ctx *c, const char *fmt, ...)
{
	failures++;
	if (max_dumps == 0) {
		const char *e = getenv("SLUICE_TEST_DUMPS");
		max_dumps = e && *e ? (unsigned)strtoul(e, NULL, 10) : 4;
	}
	if (failures > max_dumps)
		return false;
	if (c->out == NULL) {
		c->out = open_memstream(&c->out_buf, &c->out_len);
		if (c->out == NULL)
			c->out = stderr;
	}
	FILE *f = c->out;
	if (!c->dumped) {
		c->dumped = true;
		fprintf(f, "\n==== MISMATCH kernel=%s dialect=%s window=%zu%s header=%d (%s)\n",
		        sluice_kernel_name(test_kernel()), c->dialect_name, c->window, c->window ? "" : " (default)",
		        c->header, c->what);
		fputs("  dialect: ", f);
		dump_dialect(f, c->d);
		fprintf(f, "\n  input (%zu bytes): ", c->len);
		dump_bytes(f, c->in, c->len);
		fputc('\n', f);
	}
	va_list ap;
	va_start(ap, fmt);
	fputs("  -> ", f);
	vfprintf(f, fmt, ap);
	fputc('\n', f);
	va_end(ap);
	return false;
}

static void dump_ref_record(FILE *f, const ref_record *r)
{
	fprintf(f, "line %llu offset %llu [", (unsigned long long)r->line, (unsigned long long)r->offset);
	for (size_t i = 0; i < r->nfields; i++) {
		if (i)
			fputs(", ", f);
		if (r->fields[i].quoted)
			fputc('Q', f);
		dump_bytes(f, (const uint8_t *)r->fields[i].data, r->fields[i].len);
	}
	fputs("]", f);
}

/* ---------------------------------------------------------------------------------------------
 * One comparison: the library over one placed input, one dialect, one window, header on or off.
 * ------------------------------------------------------------------------------------------- */

/* The value of f as the caller sees it, into buf (at least f->len bytes). */
static size_t field_value(const sluice_dialect *d, const sluice_field *f, char *buf, const char **out)
{
	if (f->flags & SLUICE_FIELD_NEEDS_UNESCAPE) {
		size_t n = sluice_field_unescape(d, f, buf, f->len);
		*out = buf;
		return n;
	}
	*out = f->ptr;
	return f->len;
}

static bool same_bytes(const char *a, size_t alen, const char *b, size_t blen)
{
	return alen == blen && (alen == 0 || memcmp(a, b, alen) == 0);
}

static void options_for(sluice_options *o, const sluice_dialect *d, size_t window, bool header)
{
	sluice_options_init(o);
	sluice_dialect_fill_auto(&o->dialect); /* the dialect under test is given, not sniffed */
	o->dialect = *d;
	o->dialect.header = header;
	o->kernel = test_kernel();
	if (window)
		o->window_size = window;
}

/* Compares a strict error against the reference's. */
static bool same_error(check_ctx *c, const ref_result *ref, const sluice_error *e, const char *where)
{
	bool ok = true;
	if (e->status != SLUICE_ERR_QUOTE)
		ok = mismatch(c, "%s: error status %s, want SLUICE_ERR_QUOTE (%s)", where, sluice_status_name(e->status),
		              ref_error_name(ref->error));
	if (e->offset != ref->err_offset)
		ok = mismatch(c, "%s: error offset %llu, want %llu (%s; message \"%s\")", where,
		              (unsigned long long)e->offset, (unsigned long long)ref->err_offset,
		              ref_error_name(ref->error), e->message);
	if (e->line != ref->err_line)
		ok = mismatch(c, "%s: error line %llu, want %llu (%s)", where, (unsigned long long)e->line,
		              (unsigned long long)ref->err_line, ref_error_name(ref->error));
	if (e->column != ref->err_column)
		ok = mismatch(c, "%s: error column %llu, want %llu (%s)", where, (unsigned long long)e->column,
		              (unsigned long long)ref->err_column, ref_error_name(ref->error));
	return ok;
}

static char *value_buf;
static size_t value_cap;

/* The value of field f of r's current record, in value_buf when it needs unescaping. */
static size_t record_value(const sluice_reader *r, const sluice_field *f, const char **out)
{
	if (f->len > value_cap) {
		value_cap = f->len * 2 + 64;
		value_buf = realloc(value_buf, value_cap);
		cr_assert_not_null(value_buf);
	}
	return field_value(sluice_reader_dialect(r), f, value_buf, out);
}

/* The header's column names against the reference's first record. */
static bool check_header(check_ctx *c, const sluice_reader *r, const ref_result *ref)
{
	size_t want = ref->nrecords ? ref->records[0].nfields : 0;
	size_t got = sluice_reader_column_count(r);
	if (got != want)
		return mismatch(c, "column_count %zu, want %zu", got, want);
	for (size_t i = 0; i < want; i++) {
		size_t n = 0;
		const char *name = sluice_reader_column_name(r, i, &n);
		const ref_field *f = &ref->records[0].fields[i];
		if (name == NULL || !same_bytes(name, n, f->data, f->len))
			return mismatch(c, "column %zu name differs", i);
	}
	return true;
}

/* The k-th record handed out, row, against the reference's record want. */
static bool check_record(check_ctx *c, const sluice_reader *r, const sluice_row *row, const ref_record *want, size_t k)
{
	bool ok = true;
	if (row->index != k)
		ok = mismatch(c, "record %zu: index %llu", k, (unsigned long long)row->index);
	if (row->line != want->line)
		ok = mismatch(c, "record %zu: line %llu, want %llu", k, (unsigned long long)row->line,
		              (unsigned long long)want->line);
	if (row->offset != want->offset)
		ok = mismatch(c, "record %zu: offset %llu, want %llu", k, (unsigned long long)row->offset,
		              (unsigned long long)want->offset);
	if (row->nfields != want->nfields)
		return mismatch(c, "record %zu: %zu fields, want %zu", k, row->nfields, want->nfields);
	for (size_t j = 0; j < row->nfields; j++) {
		const sluice_field *f = &row->fields[j];
		const char *v = NULL;
		size_t n = record_value(r, f, &v);
		if (!same_bytes(v, n, want->fields[j].data, want->fields[j].len)) {
			ok = mismatch(c, "record %zu field %zu: value differs", k, j);
			if (failures <= max_dumps) {
				fputs("     got  ", c->out);
				dump_bytes(c->out, (const uint8_t *)v, n);
				fputs("\n     want ", c->out);
				dump_bytes(c->out, (const uint8_t *)want->fields[j].data, want->fields[j].len);
				fputc('\n', c->out);
			}
		}
		if (!!(f->flags & SLUICE_FIELD_QUOTED) != want->fields[j].quoted)
			ok = mismatch(c, "record %zu field %zu: quoted flag %d, want %d", k, j,
			              !!(f->flags & SLUICE_FIELD_QUOTED), want->fields[j].quoted);
	}
	return ok;
}

/* The repair and skipped-line counters against the reference's (compare_stats). */
static bool check_stats(check_ctx *c, const sluice_scan_stats *s, const ref_result *ref)
{
	static const struct {
		const char *name;
		size_t at_got, at_want;
	} counters[] = {
#define COUNTER(f) {#f, offsetof(sluice_scan_stats, f), offsetof(ref_result, f)}
		COUNTER(repaired_records), COUNTER(repaired_bare_quote), COUNTER(repaired_after_quote),
		COUNTER(repaired_unterminated), COUNTER(comment_lines), COUNTER(empty_lines),
#undef COUNTER
	};
	bool ok = true;
	for (size_t i = 0; i < sizeof counters / sizeof counters[0]; i++) {
		const uint64_t got = *(const uint64_t *)((const char *)s + counters[i].at_got);
		const uint64_t want = *(const uint64_t *)((const char *)ref + counters[i].at_want);
		if (got != want)
			ok = mismatch(c, "stats.%s %llu, want %llu", counters[i].name, (unsigned long long)got,
			              (unsigned long long)want);
	}
	return ok;
}

/* Reads everything with sluice_reader_next and compares records, header and counters. */
static bool check_next(check_ctx *c, const uint8_t *p, const ref_result *ref)
{
	sluice_options o;
	options_for(&o, c->d, c->window, c->header);
	sluice_reader *r = NULL;
	sluice_error err;
	memset(&err, 0, sizeof err);
	const bool header_error = c->header && ref->error != REF_ERR_NONE && ref->err_record == 0;

	int rc = sluice_reader_open_memory(&r, p, c->len, NULL, &o, &err);
	if (header_error) {
		if (rc == SLUICE_OK) {
			sluice_reader_close(r);
			return mismatch(c, "open succeeded, want SLUICE_ERR_QUOTE in the header (%s at %llu)",
			                ref_error_name(ref->error), (unsigned long long)ref->err_offset);
		}
		if (r != NULL)
			return mismatch(c, "open failed but stored a reader");
		return same_error(c, ref, &err, "open");
	}
	if (rc != SLUICE_OK)
		return mismatch(c, "open: %s (%s, offset %llu)", sluice_status_name(rc), err.message,
		                (unsigned long long)err.offset);

	bool ok = true;
	size_t first = 0;
	if (c->header) {
		ok = check_header(c, r, ref);
		first = ref->nrecords ? 1 : 0;
	}

	sluice_row row;
	size_t i = first;
	for (;; i++) {
		memset(&row, 0, sizeof row);
		rc = sluice_reader_next(r, &row);
		if (rc != SLUICE_OK)
			break;
		if (i >= ref->nrecords) {
			ok = mismatch(c, "extra record %zu (line %llu offset %llu, %zu fields)", i - first,
			              (unsigned long long)row.line, (unsigned long long)row.offset, row.nfields);
			break;
		}
		const ref_record *want = &ref->records[i];
		if (!check_record(c, r, &row, want, i - first)) {
			ok = false;
			if (failures <= max_dumps) {
				fputs("     want record ", c->out);
				dump_ref_record(c->out, want);
				fputc('\n', c->out);
			}
			break;
		}
	}

	if (ok && rc == SLUICE_OK) {
		/* stopped on an extra record */
	} else if (ok && ref->error != REF_ERR_NONE) {
		if (i != ref->nrecords)
			ok = mismatch(c, "%zu records before the error, want %zu", i - first, ref->nrecords - first);
		else if (rc != SLUICE_ERR_QUOTE)
			ok = mismatch(c, "next: %s after %zu records, want SLUICE_ERR_QUOTE (%s at %llu)",
			              sluice_status_name(rc), i - first, ref_error_name(ref->error),
			              (unsigned long long)ref->err_offset);
		else
			ok = same_error(c, ref, sluice_reader_error(r), "next");
	} else if (ok) {
		if (rc != SLUICE_END)
			ok = mismatch(c, "next: %s after %zu records (%s), want SLUICE_END", sluice_status_name(rc),
			              i - first, sluice_reader_error(r)->message);
		else if (i != ref->nrecords)
			ok = mismatch(c, "%zu records, want %zu", i - first, ref->nrecords - first);
	}

	const sluice_scan_stats *s = sluice_reader_stats(r);
	if (ok && ref->error == REF_ERR_NONE && s->records != ref->nrecords - first)
		ok = mismatch(c, "stats.records %llu, want %zu", (unsigned long long)s->records, ref->nrecords - first);
	if (ok && compare_stats && ref->error == REF_ERR_NONE)
		ok = check_stats(c, s, ref);
	sluice_reader_close(r);
	return ok;
}

/* How a projected read ended, after i records with status rc: after the reference's records, at
 * its end or at its error's byte. */
static bool check_end(check_ctx *c, const char *what, const ref_result *ref, size_t i, int rc, const sluice_reader *r)
{
	if (i != ref->nrecords)
		return mismatch(c, "%s: %zu records, want %zu (%s)", what, i, ref->nrecords, sluice_status_name(rc));
	if (ref->error != REF_ERR_NONE && (rc != SLUICE_ERR_QUOTE || sluice_reader_error(r)->offset != ref->err_offset))
		return mismatch(c, "%s: %s at %llu, want SLUICE_ERR_QUOTE at %llu", what, sluice_status_name(rc),
		                (unsigned long long)sluice_reader_error(r)->offset, (unsigned long long)ref->err_offset);
	if (ref->error == REF_ERR_NONE && rc != SLUICE_END)
		return mismatch(c, "%s: %s, want SLUICE_END", what, sluice_status_name(rc));
	return true;
}

/* Opens the input as queries read it: a projection, line tracking off. NULL when there is nothing
 * to read (*ok stays true: the header's error is check_next's) or it does not open (*ok false,
 * the mismatch noted). */
static sluice_reader *open_projected(check_ctx *c, const uint8_t *p, const ref_result *ref, const bool *wanted,
                                     size_t nwanted, bool *ok)
{
	*ok = true;
	if (c->header && ref->error != REF_ERR_NONE && ref->err_record == 0)
		return NULL;
	sluice_options o;
	options_for(&o, c->d, c->window, c->header);
	sluice_reader *r = NULL;
	int rc = sluice_reader_open_memory(&r, p, c->len, NULL, &o, NULL);
	if (rc != SLUICE_OK) {
		*ok = mismatch(c, "open: %s", sluice_status_name(rc));
		return NULL;
	}
	sluice_reader_set_line_tracking(r, false);
	cr_assert_eq(sluice_reader_set_columns(r, wanted, nwanted), SLUICE_OK);
	return r;
}

/*
 * Reads with a projection and line tracking off, as queries read a mapped file: the indexer then
 * keeps only the delimiters that end projected fields. The projected fields, the offsets and the
 * field counts (up to the projection) must be those of the reference; an error must come after the
 * same records, at the same byte.
 */
static bool check_projected(check_ctx *c, const uint8_t *p, const ref_result *ref, const bool *wanted, size_t nwanted)
{
	bool ok;
	sluice_reader *r = open_projected(c, p, ref, wanted, nwanted, &ok);
	if (!r)
		return ok;
	int rc = SLUICE_OK;
	size_t maxf = 0;
	for (size_t j = 0; j < nwanted; j++)
		if (wanted[j])
			maxf = j + 1;
	size_t i = c->header && ref->nrecords ? 1 : 0;
	sluice_row row;
	for (;; i++) {
		rc = sluice_reader_next(r, &row);
		if (rc != SLUICE_OK)
			break;
		if (i >= ref->nrecords) {
			ok = mismatch(c, "projected: extra record at offset %llu", (unsigned long long)row.offset);
			break;
		}
		const ref_record *want = &ref->records[i];
		const size_t nf = want->nfields < maxf ? want->nfields : maxf;
		if (row.offset != want->offset || row.nfields != nf) {
			ok = mismatch(c, "projected record %zu: offset %llu, %zu fields; want %llu, %zu", i,
			              (unsigned long long)row.offset, row.nfields, (unsigned long long)want->offset, nf);
			break;
		}
		for (size_t j = 0; j < nf; j++) {
			if (!wanted[j])
				continue;
			const char *v = NULL;
			size_t n = record_value(r, &row.fields[j], &v);
			if (!same_bytes(v, n, want->fields[j].data, want->fields[j].len))
				ok = mismatch(c, "projected record %zu field %zu: value differs", i, j);
		}
		if (!ok)
			break;
	}
	if (ok && rc != SLUICE_OK)
		ok = check_end(c, "projected", ref, i, rc, r);
	sluice_reader_close(r);
	return ok;
}

/*
 * Reads the projection as queries do: whole records of the indexed window cut straight into
 * columns by sluice_reader_take_columns, a few at a time, and next() when it takes none. Field j
 * of a record with fewer fields comes as {NULL, 0, 0}.
 */
#define TAKE_BATCH 7
static bool check_taken(check_ctx *c, const uint8_t *p, const ref_result *ref, const bool *wanted, size_t nwanted)
{
	bool ok;
	sluice_reader *r = open_projected(c, p, ref, wanted, nwanted, &ok);
	if (!r)
		return ok;
	int rc = SLUICE_OK;
	sluice_field cols[3][TAKE_BATCH];
	sluice_field *out[3] = {NULL, NULL, NULL};
	uint64_t offsets[TAKE_BATCH];
	cr_assert(nwanted <= 3);
	for (size_t j = 0; j < nwanted; j++)
		out[j] = wanted[j] ? cols[j] : NULL;
	size_t i = c->header && ref->nrecords ? 1 : 0;
	for (;;) {
		uint64_t nf = 0;
		size_t k = sluice_reader_take_columns(r, TAKE_BATCH, out, nwanted, offsets, &nf);
		if (k == 0) {
			sluice_row row;
			rc = sluice_reader_next(r, &row);
			if (rc != SLUICE_OK)
				break;
			for (size_t j = 0; j < nwanted; j++)
				if (out[j])
					cols[j][0] = j < row.nfields ? row.fields[j] : (sluice_field){NULL, 0, 0};
			offsets[0] = row.offset;
			k = 1;
		}
		for (size_t t = 0; t < k && ok; t++, i++) {
			if (i >= ref->nrecords) {
				ok = mismatch(c, "taken: extra record at offset %llu", (unsigned long long)offsets[t]);
				break;
			}
			const ref_record *want = &ref->records[i];
			if (offsets[t] != want->offset) {
				ok = mismatch(c, "taken record %zu: offset %llu, want %llu", i, (unsigned long long)offsets[t],
				              (unsigned long long)want->offset);
				break;
			}
			for (size_t j = 0; j < nwanted; j++) {
				if (!out[j])
					continue;
				const char *v = NULL;
				size_t n = 0;
				if (j < want->nfields)
					n = record_value(r, &cols[j][t], &v);
				else if (cols[j][t].ptr || cols[j][t].len)
					ok = mismatch(c, "taken record %zu field %zu: the record has %zu fields", i, j, want->nfields);
				if (j < want->nfields && !same_bytes(v, n, want->fields[j].data, want->fields[j].len))
					ok = mismatch(c, "taken record %zu field %zu: value differs", i, j);
			}
		}
		if (!ok)
			break;
	}
	if (ok && rc != SLUICE_OK)
		ok = check_end(c, "taken", ref, i, rc, r);
	sluice_reader_close(r);
	return ok;
}

/* Counts with sluice_reader_count_records and compares with the reference. */
static bool check_count(check_ctx *c, const uint8_t *p, const ref_result *ref)
{
	sluice_options o;
	options_for(&o, c->d, c->window, c->header);
	sluice_reader *r = NULL;
	const bool header_error = c->header && ref->error != REF_ERR_NONE && ref->err_record == 0;
	int rc = sluice_reader_open_memory(&r, p, c->len, NULL, &o, NULL);
	if (header_error) {
		sluice_reader_close(r);
		return rc == SLUICE_ERR_QUOTE ? true : mismatch(c, "open: %s, want SLUICE_ERR_QUOTE", sluice_status_name(rc));
	}
	if (rc != SLUICE_OK)
		return mismatch(c, "open: %s", sluice_status_name(rc));
	uint64_t n = 0;
	rc = sluice_reader_count_records(r, &n);
	bool ok = true;
	if (ref->error != REF_ERR_NONE) {
		if (rc != SLUICE_ERR_QUOTE)
			ok = mismatch(c, "count: %s (n=%llu), want SLUICE_ERR_QUOTE (%s at %llu)", sluice_status_name(rc),
			              (unsigned long long)n, ref_error_name(ref->error), (unsigned long long)ref->err_offset);
		else
			ok = same_error(c, ref, sluice_reader_error(r), "count");
	} else {
		uint64_t want = ref->nrecords - (c->header && ref->nrecords ? 1 : 0);
		if (rc != SLUICE_OK)
			ok = mismatch(c, "count: %s (%s)", sluice_status_name(rc), sluice_reader_error(r)->message);
		else if (n != want)
			ok = mismatch(c, "count %llu, want %llu", (unsigned long long)n, (unsigned long long)want);
	}
	sluice_reader_close(r);
	return ok;
}

/* Runs one input through every window, header off and on, for one dialect. When all_windows is
 * false the default window is left out for inputs it would hold whole, as the 4096 one does. */
void check_input_windows(const uint8_t *in, size_t len, int dialect, bool all_windows)
{
	const sluice_dialect d = make_dialect(dialect);
	ref_result ref;
	cr_assert_eq(ref_parse(in, len, &d, &ref), 0, "reference parser out of memory");
	const uint8_t *p = guard_place(in, len);
	for (int header = 0; header <= 1; header++) {
		for (size_t w = 0; w < NWINDOWS; w++) {
			if (!all_windows && windows[w] == 0 && len <= 4096)
				continue;
			sluice_dialect dh = d;
			dh.header = header;
			check_ctx c = {
				.in = in, .len = len, .d = &dh, .dialect_name = dialect_names[dialect],
				.window = windows[w], .header = header, .what = "next",
			};
			if (check_next(&c, p, &ref)) {
				c.what = "count";
				check_count(&c, p, &ref);
				/* one projection cut after the first field, one after the third with a gap */
				static const bool first[] = {true}, gap[] = {false, true, true};
				c.what = "projected";
				if (header)
					check_projected(&c, p, &ref, gap, 3);
				else
					check_projected(&c, p, &ref, first, 1);
				c.what = "taken";
				if (header)
					check_taken(&c, p, &ref, gap, 3);
				else
					check_taken(&c, p, &ref, first, 1);
			}
			dump_flush(&c);
		}
	}
	ref_result_free(&ref);
}

void check_input(const uint8_t *in, size_t len, int dialect)
{
	check_input_windows(in, len, dialect, true);
}

void finish(const char *what)
{
	free(value_buf);
	value_buf = NULL;
	value_cap = 0;
	cr_assert_eq(failures, 0, "%s: %u mismatches (kernel %s); the first %u are dumped on stderr "
	             "(SLUICE_TEST_DUMPS=n for more)", what, failures, sluice_kernel_name(test_kernel()), max_dumps);
}

