/* test_kernels.c - the kernel named by SLUICE_KERNEL against the reference parser, at every block and window edge. */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE 1 /* MAP_ANONYMOUS */
#endif

#include <criterion/criterion.h>
#include <criterion/parameterized.h>

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "kernels/index.h"
#include "kernels/decimals.h"
#include "scan/take.h"
#include "reference.h"
#include "sluice.h"

/* ---------------------------------------------------------------------------------------------
 * The kernel under test.
 * ------------------------------------------------------------------------------------------- */

/* The kernel SLUICE_KERNEL names (AUTO when unset); false when the name is unknown. */
static bool kernel_from_env(sluice_kernel *k)
{
	const char *name = getenv("SLUICE_KERNEL");
	*k = SLUICE_KERNEL_AUTO;
	if (name == NULL || *name == '\0')
		return true;
	return sluice_kernel_from_name(name, k) == SLUICE_OK;
}

static sluice_kernel test_kernel(void)
{
	sluice_kernel k;
	if (!kernel_from_env(&k))
		cr_assert_fail("SLUICE_KERNEL=%s is not a kernel name", getenv("SLUICE_KERNEL"));
	return k;
}

/* ---------------------------------------------------------------------------------------------
 * Inputs live at the end of a mapping, right before a PROT_NONE page: a read past the end faults.
 * ------------------------------------------------------------------------------------------- */

#define MAX_INPUT (64u * 1024u)

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
static const uint8_t *guard_place(const uint8_t *in, size_t len)
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

enum {
	DL_DEFAULT,
	DL_STRICT,
	DL_NO_QUOTE,
	DL_NO_DOUBLE,
	DL_ESCAPE,
	DL_COMMENT,
	DL_TRIM,
	DL_SKIP_EMPTY,
	DL_SEMICOLON,
	DL_TAB,
	DL_STRICT_ESCAPE,
	DL_STRICT_NO_DOUBLE,
	DL_STRICT_TRIM,
	DL_STRICT_COMMENT,
	DL_TRIM_ESCAPE_COMMENT,
	DL_LONG_COMMENT,
	DL_NO_QUOTE_ESCAPE,
	DL_NO_DOUBLE_TRIM,
	DL_COUNT
};

static const char *const dialect_names[DL_COUNT] = {
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
static sluice_dialect make_dialect(int id)
{
	sluice_options o;
	sluice_options_init(&o);
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
static const size_t windows[] = { 64, 128, 192, 4096, 0 };
#define NWINDOWS (sizeof windows / sizeof windows[0])

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
static bool compare_stats;     /* also compare the repair and skipped-line counters */

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
		size_t want = ref->nrecords ? ref->records[0].nfields : 0;
		size_t got = sluice_reader_column_count(r);
		if (got != want) {
			ok = mismatch(c, "column_count %zu, want %zu", got, want);
		} else {
			for (size_t i = 0; i < want; i++) {
				size_t n = 0;
				const char *name = sluice_reader_column_name(r, i, &n);
				const ref_field *f = &ref->records[0].fields[i];
				if (name == NULL || !same_bytes(name, n, f->data, f->len)) {
					ok = mismatch(c, "column %zu name differs", i);
					break;
				}
			}
		}
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
		bool rec_ok = true;
		if (row.index != i - first)
			rec_ok = mismatch(c, "record %zu: index %llu", i - first, (unsigned long long)row.index);
		if (row.line != want->line)
			rec_ok = mismatch(c, "record %zu: line %llu, want %llu", i - first, (unsigned long long)row.line,
			                  (unsigned long long)want->line);
		if (row.offset != want->offset)
			rec_ok = mismatch(c, "record %zu: offset %llu, want %llu", i - first,
			                  (unsigned long long)row.offset, (unsigned long long)want->offset);
		if (row.nfields != want->nfields) {
			rec_ok = mismatch(c, "record %zu: %zu fields, want %zu", i - first, row.nfields, want->nfields);
		} else {
			for (size_t j = 0; j < row.nfields; j++) {
				const sluice_field *f = &row.fields[j];
				const char *v = NULL;
				size_t n = record_value(r, f, &v);
				if (!same_bytes(v, n, want->fields[j].data, want->fields[j].len)) {
					rec_ok = mismatch(c, "record %zu field %zu: value differs", i - first, j);
					if (failures <= max_dumps) {
						fputs("     got  ", c->out);
						dump_bytes(c->out, (const uint8_t *)v, n);
						fputs("\n     want ", c->out);
						dump_bytes(c->out, (const uint8_t *)want->fields[j].data, want->fields[j].len);
						fputc('\n', c->out);
					}
				}
				if (!!(f->flags & SLUICE_FIELD_QUOTED) != want->fields[j].quoted)
					rec_ok = mismatch(c, "record %zu field %zu: quoted flag %d, want %d", i - first, j,
					                  !!(f->flags & SLUICE_FIELD_QUOTED), want->fields[j].quoted);
			}
		}
		if (!rec_ok) {
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
	if (ok && compare_stats && ref->error == REF_ERR_NONE) {
		if (s->repaired_records != ref->repaired_records)
			ok = mismatch(c, "stats.repaired_records %llu, want %llu", (unsigned long long)s->repaired_records,
			              (unsigned long long)ref->repaired_records);
		if (s->repaired_bare_quote != ref->repaired_bare_quote)
			ok = mismatch(c, "stats.repaired_bare_quote %llu, want %llu",
			              (unsigned long long)s->repaired_bare_quote, (unsigned long long)ref->repaired_bare_quote);
		if (s->repaired_after_quote != ref->repaired_after_quote)
			ok = mismatch(c, "stats.repaired_after_quote %llu, want %llu",
			              (unsigned long long)s->repaired_after_quote, (unsigned long long)ref->repaired_after_quote);
		if (s->repaired_unterminated != ref->repaired_unterminated)
			ok = mismatch(c, "stats.repaired_unterminated %llu, want %llu",
			              (unsigned long long)s->repaired_unterminated,
			              (unsigned long long)ref->repaired_unterminated);
		if (s->comment_lines != ref->comment_lines)
			ok = mismatch(c, "stats.comment_lines %llu, want %llu", (unsigned long long)s->comment_lines,
			              (unsigned long long)ref->comment_lines);
		if (s->empty_lines != ref->empty_lines)
			ok = mismatch(c, "stats.empty_lines %llu, want %llu", (unsigned long long)s->empty_lines,
			              (unsigned long long)ref->empty_lines);
	}
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
static void check_input_windows(const uint8_t *in, size_t len, int dialect, bool all_windows)
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

static void check_input(const uint8_t *in, size_t len, int dialect)
{
	check_input_windows(in, len, dialect, true);
}

static void finish(const char *what)
{
	free(value_buf);
	value_buf = NULL;
	value_cap = 0;
	cr_assert_eq(failures, 0, "%s: %u mismatches (kernel %s); the first %u are dumped on stderr "
	             "(SLUICE_TEST_DUMPS=n for more)", what, failures, sluice_kernel_name(test_kernel()), max_dumps);
}

/* ---------------------------------------------------------------------------------------------
 * Generated inputs.
 * ------------------------------------------------------------------------------------------- */

typedef struct rng {
	uint64_t s;
} rng;

static uint64_t rng_next(rng *r)
{
	/* splitmix64 */
	uint64_t z = (r->s += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

static unsigned rng_below(rng *r, unsigned n)
{
	return (unsigned)(rng_next(r) % n);
}

/* A byte buffer being built. */
typedef struct gen {
	uint8_t *p;
	size_t len, cap;
} gen;

static void put(gen *g, uint8_t c)
{
	if (g->len < g->cap)
		g->p[g->len++] = c;
}

static void puts_n(gen *g, const char *s)
{
	while (*s)
		put(g, (uint8_t)*s++);
}

/* A random byte of the structure-heavy alphabet of dialect d. */
static uint8_t noise_byte(rng *r, const sluice_dialect *d)
{
	static const uint8_t base[] = { 'a', 'a', 'a', 'a', ',', ',', '"', '"', '"', '\n', '\n', '\r', ' ', 'b' };
	unsigned extra = 0;
	uint8_t ex[6];
	if (d->delimiter != ',') {
		ex[extra++] = d->delimiter;
		ex[extra++] = d->delimiter;
	}
	if (d->escape != SLUICE_NO_CHAR) {
		ex[extra++] = (uint8_t)d->escape;
		ex[extra++] = (uint8_t)d->escape;
	}
	if (d->comment[0]) {
		ex[extra++] = (uint8_t)d->comment[0];
		if (d->comment[1])
			ex[extra++] = (uint8_t)d->comment[1];
	}
	if (d->trim && extra < 6)
		ex[extra++] = '\t';
	unsigned k = rng_below(r, (unsigned)sizeof base + extra);
	return k < sizeof base ? base[k] : ex[k - sizeof base];
}

static void put_line_end(gen *g, rng *r)
{
	switch (rng_below(r, 4)) {
	case 0: puts_n(g, "\r\n"); break;
	case 1: put(g, '\r'); break;
	default: put(g, '\n'); break;
	}
}

/* Appends one well-formed field of dialect d. */
static void put_field(gen *g, rng *r, const sluice_dialect *d)
{
	const bool has_quote = d->quote != SLUICE_NO_CHAR;
	const bool has_escape = d->escape != SLUICE_NO_CHAR;
	const uint8_t Q = has_quote ? (uint8_t)d->quote : '"';
	unsigned n = rng_below(r, 8) == 0 ? 20 + rng_below(r, 60) : rng_below(r, 6);

	if (d->trim && rng_below(r, 3) == 0)
		puts_n(g, rng_below(r, 2) ? " " : " \t");
	if (has_quote && rng_below(r, 2)) {
		put(g, Q);
		for (unsigned i = 0; i < n; i++) {
			switch (rng_below(r, 12)) {
			case 0: put(g, d->delimiter); break;
			case 1: put(g, '\n'); break;
			case 2: put(g, '\r'); break;
			case 3: puts_n(g, "\r\n"); break;
			case 4:
				if (d->double_quote) {
					put(g, Q);
					put(g, Q);
				} else {
					put(g, 'q');
				}
				break;
			case 5:
				if (has_escape) {
					put(g, (uint8_t)d->escape);
					put(g, noise_byte(r, d));
				} else {
					put(g, ' ');
				}
				break;
			case 6: put(g, d->comment[0] ? (uint8_t)d->comment[0] : ','); break;
			default: put(g, 'a'); break;
			}
		}
		put(g, Q);
	} else {
		for (unsigned i = 0; i < n; i++) {
			switch (rng_below(r, 8)) {
			case 0: put(g, ' '); break;
			case 1:
				if (has_escape) {
					put(g, (uint8_t)d->escape);
					put(g, noise_byte(r, d));
				} else {
					put(g, 'b');
				}
				break;
			case 2: put(g, has_quote ? 'c' : '"'); break;
			default: put(g, 'a'); break;
			}
		}
	}
	if (d->trim && rng_below(r, 3) == 0)
		puts_n(g, rng_below(r, 2) ? " " : "\t ");
}

/* Builds well-formed CSV of exactly len bytes. The last piece is cut to fit by a field of 'a'. */
static void gen_valid(gen *g, rng *r, const sluice_dialect *d, size_t len)
{
	uint8_t piece[256];
	bool record_start = true;
	g->len = 0;
	while (g->len < len) {
		gen pg = { .p = piece, .cap = sizeof piece };
		bool ends_record = false;
		if (record_start && d->comment[0] && rng_below(r, 8) == 0) {
			puts_n(&pg, d->comment);
			puts_n(&pg, rng_below(r, 2) ? " c,\"x" : "");
			put_line_end(&pg, r);
			ends_record = true;
		} else if (record_start && rng_below(r, 10) == 0) {
			put_line_end(&pg, r);
			ends_record = true;
		} else {
			put_field(&pg, r, d);
			if (rng_below(r, 3) == 0) {
				put_line_end(&pg, r);
				ends_record = true;
			} else {
				put(&pg, d->delimiter);
			}
		}
		size_t room = len - g->len;
		if (pg.len > room) {
			while (g->len < len)
				put(g, 'a');
			break;
		}
		memcpy(g->p + g->len, piece, pg.len);
		g->len += pg.len;
		record_start = ends_record;
	}
}

static void gen_noise(gen *g, rng *r, const sluice_dialect *d, size_t len)
{
	g->len = 0;
	while (g->len < len)
		put(g, noise_byte(r, d));
}

/* Input lengths around every block edge and the 4096-byte window. */
static const size_t lengths[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 63, 64, 65, 127, 128, 129, 191, 192, 193, 4095, 4096, 4097 };
#define NLENGTHS (sizeof lengths / sizeof lengths[0])
#define SEEDS_PER_LENGTH 16

static void run_generated(int dialect, unsigned seeds)
{
	const sluice_dialect d = make_dialect(dialect);
	static uint8_t buf[8192];
	gen g = { .p = buf, .cap = sizeof buf };
	for (size_t li = 0; li < NLENGTHS; li++) {
		const size_t len = lengths[li];
		for (unsigned s = 0; s < seeds; s++) {
			/* the default window runs every length once; otherwise 4096 stands in for it */
			rng r = { .s = ((uint64_t)dialect << 40) ^ ((uint64_t)len << 16) ^ s };
			/* well-formed */
			gen_valid(&g, &r, &d, len);
			check_input_windows(g.p, g.len, dialect, s == 0);
			/* well-formed with a few bytes changed */
			if (len) {
				gen_valid(&g, &r, &d, len);
				unsigned flips = 1 + rng_below(&r, 3);
				for (unsigned k = 0; k < flips; k++)
					g.p[rng_below(&r, (unsigned)len)] = noise_byte(&r, &d);
				check_input_windows(g.p, g.len, dialect, s == 0);
			}
			/* noise */
			gen_noise(&g, &r, &d, len);
			check_input_windows(g.p, g.len, dialect, s == 0);
		}
	}
	finish(dialect_names[dialect]);
}

static int dialect_ids[DL_COUNT];

ParameterizedTestParameters(generated, dialect)
{
	for (int i = 0; i < DL_COUNT; i++)
		dialect_ids[i] = i;
	return cr_make_param_array(int, dialect_ids, DL_COUNT);
}

ParameterizedTest(int *dialect, generated, dialect, .timeout = 300)
{
	run_generated(*dialect, SEEDS_PER_LENGTH);
}

/* The repair and skipped-line counters, in the lenient dialects. */
static int lenient_ids[] = {
	DL_DEFAULT, DL_NO_QUOTE, DL_NO_DOUBLE, DL_ESCAPE, DL_COMMENT, DL_TRIM, DL_SKIP_EMPTY,
	DL_TRIM_ESCAPE_COMMENT, DL_LONG_COMMENT, DL_NO_DOUBLE_TRIM,
};

ParameterizedTestParameters(stats, dialect)
{
	return cr_make_param_array(int, lenient_ids, sizeof lenient_ids / sizeof lenient_ids[0]);
}

ParameterizedTest(int *dialect, stats, dialect, .timeout = 300)
{
	compare_stats = true;
	run_generated(*dialect, 4);
}

/* ---------------------------------------------------------------------------------------------
 * Placement: one structural pattern put at every offset around block and window edges.
 * ------------------------------------------------------------------------------------------- */

typedef struct pattern {
	const char *name;
	const char *bytes;
	size_t key; /* index of the byte that is placed at the offset */
} pattern;

static const pattern patterns[] = {
	{ "quote", "\"", 0 },
	{ "doubled quote", "\"\"", 0 },
	{ "doubled quote, second", "\"\"", 1 },
	{ "opening quote", ",\"x,y\",", 1 },
	{ "closing quote", ",\"ab\"\n", 4 },
	{ "quote pair in quotes", ",\"a\"\"b\",", 3 },
	{ "CRLF", "\r\n", 0 },
	{ "CRLF, LF", "\r\n", 1 },
	{ "lone CR", "\r", 0 },
	{ "quoted CRLF", ",\"a\r\nb\"\n", 3 },
	{ "quoted LF", ",\"a\nb\",", 3 },
	{ "delimiter", ",", 0 },
	{ "semicolon", ";", 0 },
	{ "tab", "\t", 0 },
	{ "escape", "\\", 0 },
	{ "escaped quote", "\\\"", 0 },
	{ "escaped LF", "\\\n", 0 },
	{ "comment line", "\n#c,\"\n", 1 },
	{ "comment //", "\n//c\n", 1 },
	{ "text after quote", ",\"a\"b,", 3 },
	{ "trimmed quoted", ", \"a\" ,", 2 },
	{ "empty line", "\n\n", 1 },
};
#define NPATTERNS (sizeof patterns / sizeof patterns[0])

/* Offsets around block edges 64, 128, 192 and window edges 256, 384, 4096. */
static const size_t edges[] = { 64, 128, 192, 256, 384, 4096 };

/* Background the pattern is put into. */
enum { BG_FIELDS, BG_QUOTED, BG_COUNT };

static size_t build_placement(uint8_t *buf, size_t cap, int bg, const pattern *pt, size_t at, bool cut)
{
	const size_t plen = strlen(pt->bytes);
	const size_t start = at - pt->key;
	const size_t total = cut ? start + plen : start + plen + 90;
	cr_assert_leq(total, cap);
	for (size_t i = 0; i < total; i++) {
		if (bg == BG_FIELDS)
			buf[i] = i % 23 == 22 ? '\n' : i % 7 == 6 ? ',' : 'a';
		else
			buf[i] = i % 29 == 28 ? '\n' : i % 11 == 10 ? ',' : 'a';
	}
	if (bg == BG_QUOTED) {
		/* the pattern lands inside a quoted field that opens at 0 and closes near the end */
		buf[0] = '"';
		if (!cut)
			buf[total - 3] = '"', buf[total - 2] = ',', buf[total - 1] = 'z';
	}
	memcpy(buf + start, pt->bytes, plen);
	return total;
}

static void run_placement(size_t pi)
{
	static uint8_t buf[8192];
	const pattern *pt = &patterns[pi];
	for (size_t e = 0; e < sizeof edges / sizeof edges[0]; e++) {
		for (size_t at = edges[e] - 2; at <= edges[e] + 2; at++) {
			for (int bg = 0; bg < BG_COUNT; bg++) {
				for (int cut = 0; cut <= 1; cut++) {
					size_t len = build_placement(buf, sizeof buf, bg, pt, at, cut);
					for (int dl = 0; dl < DL_COUNT; dl++)
						check_input_windows(buf, len, dl, false);
				}
			}
		}
	}
	finish(pt->name);
}

static size_t pattern_ids[NPATTERNS];

ParameterizedTestParameters(placement, pattern)
{
	for (size_t i = 0; i < NPATTERNS; i++)
		pattern_ids[i] = i;
	return cr_make_param_array(size_t, pattern_ids, NPATTERNS);
}

ParameterizedTest(size_t *pi, placement, pattern, .timeout = 300)
{
	run_placement(*pi);
}

/* ---------------------------------------------------------------------------------------------
 * Long records: quote state and records that span many windows.
 * ------------------------------------------------------------------------------------------- */

Test(long_records, span_windows, .timeout = 300)
{
	static uint8_t buf[MAX_INPUT];
	rng r = { .s = 42 };
	for (int variant = 0; variant < 6; variant++) {
		gen g = { .p = buf, .cap = sizeof buf };
		size_t target = 9000 + 1000 * (size_t)variant;
		switch (variant % 3) {
		case 0: /* one long quoted field full of structure */
			put(&g, '"');
			while (g.len < target) {
				static const char *const bits[] = { "a", ",", "\n", "\r\n", "\"\"", "b" };
				puts_n(&g, bits[rng_below(&r, 6)]);
			}
			puts_n(&g, "\",x\n");
			break;
		case 1: /* many short records */
			while (g.len < target)
				puts_n(&g, rng_below(&r, 2) ? "ab,\"c\nd\",e\r\n" : "1,2,3\n");
			break;
		default: /* a long unterminated quoted field */
			puts_n(&g, "h1,h2\nx,\"");
			while (g.len < target)
				put(&g, rng_below(&r, 4) ? 'a' : '\n');
			break;
		}
		for (int dl = 0; dl < DL_COUNT; dl++)
			check_input(g.p, g.len, dl);
	}
	finish("long records");
}

/* ---------------------------------------------------------------------------------------------
 * Regular records: every record with the same number of fields but a few, so that the reader's
 * fast paths for regular windows run (the stride found without a cut, and the cut of wide
 * records) and must notice each record that breaks the pattern.
 * ------------------------------------------------------------------------------------------- */

static void gen_regular(gen *g, rng *r, const sluice_dialect *d, size_t width, size_t len)
{
	g->len = 0;
	while (g->len + 2 * 80 * (width + 5) < g->cap && g->len < len) {
		size_t nf = width;
		switch (rng_below(r, 40)) {
		case 0: nf = width - 1; break;
		case 1: nf = width + 1; break;
		case 2: nf = width + 5; break;
		case 3: nf = 0; break; /* an empty line */
		default: break;
		}
		for (size_t f = 0; f < nf; f++) {
			if (f)
				put(g, d->delimiter);
			put_field(g, r, d);
		}
		put_line_end(g, r);
	}
}

Test(regular_records, stride_and_cut, .timeout = 300)
{
	static uint8_t buf[MAX_INPUT];
	static const size_t widths[] = { 1, 2, 3, 4, 12, 24 };
	for (size_t w = 0; w < sizeof widths / sizeof widths[0]; w++) {
		for (unsigned s = 0; s < 3; s++) {
			rng r = { .s = ((uint64_t)widths[w] << 32) ^ s };
			gen g = { .p = buf, .cap = sizeof buf };
			for (int dl = 0; dl < DL_COUNT; dl++) {
				const sluice_dialect d = make_dialect(dl);
				gen_regular(&g, &r, &d, widths[w], 6000);
				check_input(g.p, g.len, dl);
			}
		}
	}
	finish("regular records");
}

/* ---------------------------------------------------------------------------------------------
 * Decimals: the kernel's batch parser of plain short decimals against sq_parse_decimal8, field by
 * field, on text near the pattern (signs, dots, other bytes, lengths around the limit of 8), with
 * fields that are no candidates (flags, no value, too close to the end).
 * ------------------------------------------------------------------------------------------- */

Test(decimals, match_the_scalar_parser)
{
	const sluice_kernel kind = test_kernel();
	const ix_kernel *k = ix_kernel_get(kind == SLUICE_KERNEL_AUTO ? sluice_kernel_best() : kind);
	if (!k)
		return; /* the scalar kernel has no batch parser: the query uses bl_decimals_scalar itself */
	enum { FIELDS = 4096 };
	static char text[FIELDS * 12 + 16];
	static sluice_field f[FIELDS];
	static double got[FIELDS], want[FIELDS];
	static const char alphabet[] = "0123456789012345678901234567890123456789..--+e x";
	rng r = { .s = 7 };
	for (int round = 0; round < 40; round++) {
		size_t at = 0;
		for (size_t i = 0; i < FIELDS; i++) {
			const unsigned len = rng_below(&r, 12);
			for (unsigned j = 0; j < len; j++)
				text[at + j] = alphabet[rng_below(&r, sizeof alphabet - 1)];
			if (len > 1 && rng_below(&r, 2))
				text[at + rng_below(&r, len)] = '.'; /* mostly one dot */
			if (len && rng_below(&r, 4) == 0)
				text[at] = '-';
			f[i] = (sluice_field){ text + at, len, rng_below(&r, 16) == 0 ? SLUICE_FIELD_QUOTED : 0u };
			if (rng_below(&r, 64) == 0)
				f[i] = (sluice_field){ NULL, 0, 0 };
			at += len;
			text[at++] = ',';
		}
		/* the last fields have fewer than 9 bytes before the end: no candidates */
		const char *end = text + at;
		size_t n_want = 0;
		for (size_t i = 0; i < FIELDS; i++) {
			bool ok = bl_decimal_candidate(&f[i], end) && sq_parse_decimal8(f[i].ptr, f[i].len, &want[i]);
			n_want += ok;
			if (!ok)
				want[i] = NAN; /* not compared */
		}
		/* eight at a time, so that a miscount names its group; then all at once */
		for (size_t g = 0; g < FIELDS; g += 8) {
			size_t n_scalar = 0;
			for (size_t i = g; i < g + 8; i++)
				n_scalar += want[i] == want[i];
			cr_assert_eq(k->decimals(f + g, 8, end, got + g), n_scalar, "round %d, fields %zu..%zu", round, g, g + 7);
			for (size_t i = g; i < g + 8; i++)
				if (want[i] == want[i])
					cr_assert(memcmp(&got[i], &want[i], sizeof got[i]) == 0, "field %zu '%.*s': %.17g, want %.17g", i,
					          (int)f[i].len, f[i].ptr ? f[i].ptr : "", got[i], want[i]);
		}
		cr_assert_eq(k->decimals(f, FIELDS, end, got), n_want);
	}
}

/* The kernel under test really runs: on well-formed input it classifies most bytes itself. */
Test(kernel, does_the_work)
{
	const sluice_kernel k = test_kernel();
	static uint8_t buf[16384];
	gen g = { .p = buf, .cap = sizeof buf };
	while (g.len + 32 < g.cap)
		puts_n(&g, "abc,\"d,e\"\"f\",\"g\nh\",12345\r\n");
	sluice_options o;
	sluice_options_init(&o);
	o.kernel = k;
	o.window_size = 4096;
	sluice_reader *r = NULL;
	const uint8_t *p = guard_place(g.p, g.len);
	cr_assert_eq(sluice_reader_open_memory(&r, p, g.len, NULL, &o, NULL), SLUICE_OK);
	cr_assert_eq(sluice_reader_kernel(r), k == SLUICE_KERNEL_AUTO ? sluice_kernel_best() : k);
	sluice_row row;
	int rc;
	while ((rc = sluice_reader_next(r, &row)) == SLUICE_OK)
		;
	cr_assert_eq(rc, SLUICE_END);
	const sluice_scan_stats *s = sluice_reader_stats(r);
	cr_assert_eq(s->bytes_indexed, g.len);
	if (sluice_reader_kernel(r) != SLUICE_KERNEL_SCALAR)
		cr_assert_lt(s->scalar_bytes, g.len / 4, "kernel %s left %llu of %zu bytes to the scalar machine",
		             sluice_kernel_name(sluice_reader_kernel(r)), (unsigned long long)s->scalar_bytes, g.len);
	sluice_reader_close(r);
}

/* ---------------------------------------------------------------------------------------------
 * The reference itself, on the examples of docs/reading-rules.md.
 * ------------------------------------------------------------------------------------------- */

static void expect_ref(const char *in, int dialect_id, bool strict, const char *const *want, size_t nwant)
{
	sluice_dialect d = make_dialect(dialect_id);
	d.strict = strict;
	ref_result r;
	cr_assert_eq(ref_parse(in, strlen(in), &d, &r), 0);
	/* want: records joined as "f1|f2" */
	cr_assert_eq(r.nrecords, nwant, "input \"%s\": %zu records, want %zu", in, r.nrecords, nwant);
	for (size_t i = 0; i < nwant; i++) {
		char got[256] = "";
		size_t n = 0;
		for (size_t j = 0; j < r.records[i].nfields; j++) {
			if (j)
				got[n++] = '|';
			memcpy(got + n, r.records[i].fields[j].data, r.records[i].fields[j].len);
			n += r.records[i].fields[j].len;
		}
		got[n] = '\0';
		cr_assert_str_eq(got, want[i], "input \"%s\" record %zu", in, i);
	}
	ref_result_free(&r);
}

#define EXPECT_REF(in, dl, strict, ...)                                                         \
	do {                                                                                        \
		static const char *const w_[] = { __VA_ARGS__ };                                        \
		expect_ref(in, dl, strict, w_, sizeof w_ / sizeof w_[0]);                               \
	} while (0)

Test(reference, follows_the_doc)
{
	ref_result r;
	sluice_dialect d = make_dialect(DL_DEFAULT);

	cr_assert_eq(ref_parse("", 0, &d, &r), 0);
	cr_assert_eq(r.nrecords, 0);
	ref_result_free(&r);

	EXPECT_REF("\n", DL_DEFAULT, false, "");
	EXPECT_REF("a\n\nb", DL_DEFAULT, false, "a", "", "b");
	EXPECT_REF("a\r\rb\r\n", DL_DEFAULT, false, "a", "", "b");
	EXPECT_REF("\xEF\xBB\xBF" "a,b\n", DL_DEFAULT, false, "a|b");
	EXPECT_REF("a,\xEF\xBB\xBF", DL_DEFAULT, false, "a|\xEF\xBB\xBF");
	EXPECT_REF("\"a\r\nb\",c", DL_DEFAULT, false, "a\r\nb|c");
	EXPECT_REF("  \"a\"  ", DL_DEFAULT, false, "  \"a\"  ");
	EXPECT_REF("  \"a\"  ,b ", DL_TRIM, false, "a|b");
	EXPECT_REF("\"a\"b", DL_DEFAULT, false, "ab");
	EXPECT_REF("\"a\" \"b\" ,\"c\"\t", DL_TRIM, false, "a\"b\"|c");
	EXPECT_REF("\"a\"\"b\" x", DL_TRIM, false, "a\"bx");
	EXPECT_REF("12\" monitor", DL_DEFAULT, false, "12\" monitor");
	EXPECT_REF("x,\"abc\n", DL_DEFAULT, false, "x|abc\n");
	EXPECT_REF("\"a\"\"b\"", DL_DEFAULT, false, "a\"b");
	EXPECT_REF("\"a\"\"b\"", DL_NO_DOUBLE, false, "a\"b\"");
	EXPECT_REF("a\\,b,\"c\\\"d\"", DL_ESCAPE, false, "a,b|c\"d");
	EXPECT_REF("ab\\", DL_ESCAPE, false, "ab\\");
	EXPECT_REF("#x,y\na\n#z", DL_COMMENT, false, "a");
	EXPECT_REF("\"a\n#b\"", DL_COMMENT, false, "a\n#b");
	EXPECT_REF("a\n\n\nb\n", DL_SKIP_EMPTY, false, "a", "b");
	EXPECT_REF("\"a\",\"\"", DL_DEFAULT, false, "a|");
	EXPECT_REF("a,", DL_DEFAULT, false, "a|");

	d.strict = true;
	cr_assert_eq(ref_parse("a,b\nc\"d", 7, &d, &r), 0);
	cr_assert_eq(r.error, REF_ERR_BARE_QUOTE);
	cr_assert_eq(r.nrecords, 1);
	cr_assert_eq(r.err_offset, 5);
	cr_assert_eq(r.err_line, 2);
	cr_assert_eq(r.err_column, 1);
	ref_result_free(&r);

	cr_assert_eq(ref_parse("\"a\"x", 4, &d, &r), 0);
	cr_assert_eq(r.error, REF_ERR_AFTER_QUOTE);
	cr_assert_eq(r.err_offset, 3);
	ref_result_free(&r);

	d.trim = true;
	cr_assert_eq(ref_parse("\"a\" \"b\"", 7, &d, &r), 0);
	cr_assert_eq(r.error, REF_ERR_AFTER_QUOTE, "after trimmed spaces a quote is text");
	cr_assert_eq(r.err_offset, 4);
	ref_result_free(&r);
	d.trim = false;

	cr_assert_eq(ref_parse("a,\"b\n", 5, &d, &r), 0);
	cr_assert_eq(r.error, REF_ERR_UNTERMINATED);
	cr_assert_eq(r.err_offset, 2);
	cr_assert_eq(r.err_line, 1);
	cr_assert_eq(r.err_column, 2);
	ref_result_free(&r);

	d.strict = false;
	const char *repairs = "\"a\"b\"c,d\"e\n\"f";
	cr_assert_eq(ref_parse(repairs, strlen(repairs), &d, &r), 0);
	cr_assert_eq(r.repaired_records, 2, "repairs count records");
	cr_assert_eq(r.repaired_after_quote, 1);
	cr_assert_eq(r.repaired_bare_quote, 1);
	cr_assert_eq(r.repaired_unterminated, 1);
	cr_assert_eq(r.nrecords, 2);
	cr_assert_eq(r.records[1].line, 2);
	cr_assert_eq(r.records[1].offset, 11);
	ref_result_free(&r);
}

/* ---------------------------------------------------------------------------------------------
 * A kernel this CPU cannot run skips the whole program (exit status 77).
 * ------------------------------------------------------------------------------------------- */

int main(int argc, char *argv[])
{
	sluice_kernel k;
	if (!kernel_from_env(&k)) {
		fprintf(stderr, "SLUICE_KERNEL=%s is not a kernel name\n", getenv("SLUICE_KERNEL"));
		return 1;
	}
	if (k != SLUICE_KERNEL_AUTO && !sluice_kernel_supported(k)) {
		fprintf(stderr, "kernel %s is not supported on this CPU or not built: skipped\n", sluice_kernel_name(k));
		return 77;
	}
	struct criterion_test_set *tests = criterion_initialize();
	int result = 0;
	if (criterion_handle_args(argc, argv, true))
		result = !criterion_run_all_tests(tests);
	criterion_finalize(tests);
	return result;
}
