/* reader.c - the cursor: maps a file, drives the indexer a window at a time, hands out records. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "scan/columns.h"
#include "io/fault.h"
#include "io/source.h"
#include "kernels/index.h"
#include "kernels/machine.h"
#include "scan/reader_internal.h"
#include "io/stream.h"
#include "kernels/utf8.h"

/* Resident-memory budget: pages behind the cursor are dropped every RELEASE_STEP bytes, and a
 * count runs the indexer COUNT_STEP bytes at a time. */
#define RELEASE_STEP ((uint64_t)8 << 20)
#define COUNT_STEP ((uint64_t)4 << 20)
/* with validate_utf8 a count runs in smaller steps, so that the validator reads what the indexer
 * just read while it is still in the L2 cache */
#define UTF8_STEP ((uint64_t)256 << 10)
/* skip_to steps through indexed entries up to this far past the indexer; beyond, it counts */
#define SKIP_NEAR ((uint64_t)256)
/* refills shrink to this while skip_to is in use, so little is indexed only to be skipped */
#define SKIP_FILL ((uint64_t)2 << 10)
/* the progress callback is called at most every this many input bytes */
#define PROGRESS_STEP ((uint64_t)4 << 20)

struct sluice_reader {
	sluice_options opts;
	sluice_kernel kernel;
	const ix_kernel *kern;
	char *path;

	sl_source src;         /* the input bytes: src.data[0, src.len), a stream's len grows */
	uint64_t progress_at;  /* input bytes reported to opts.progress so far */
	bool err_located;      /* err names the input and line of several inputs read as one */

	ix_state ix;
	size_t ei;             /* next entry of ix.ent to read */
	uint64_t rec_start;    /* where the next record starts */
	uint64_t line;         /* physical line of rec_start */
	uint64_t nrecords;
	bool failed;           /* a sticky error: next() keeps returning it */
	size_t max_fields;     /* fields cut per record (projection); SIZE_MAX = all */
	uint8_t *col_mask;     /* projection: which of the first max_fields fields to cut; NULL = all */
	bool track_lines;      /* count physical lines as records go by (off: found on demand) */
	size_t rec_fields;     /* fields of the last record, cut or not */
	size_t width;          /* the field count ragged records are measured against; 0 = not known yet */
	uint64_t pin;          /* pages from here on stay mapped (records a caller still holds) */
	uint64_t fill_budget;  /* bytes indexed per refill: the window, or less when skipping often */
	uint64_t range_start;  /* set_range: the first record start; line numbers count from here */
	uint64_t range_end;    /* records starting at or after this are not handed out */
	uint64_t utf8_pos;     /* validate_utf8: the bytes before this are checked (whole sequences) */
	uint64_t utf8_bad;     /* the first invalid byte, once found while emitting; UINT64_MAX = none */
	/* regular records of the current fill, learned by take_columns (see learn_stride) */
	uint64_t fills;        /* fills so far */
	uint64_t reg_fill;     /* the fill the fields below describe, + 1; 0: none */
	size_t reg_from;       /* entries reg_from, + reg_stride, ... start records of reg_stride entries */
	size_t reg_end;        /* up to this entry */
	size_t reg_stride;

	sluice_field *fields;
	size_t fcap;

	sluice_columns cols;
	sluice_error err;
	sluice_scan_stats stats;

	/* rejects (opts.reject) */
	bool rj_armed;         /* open is done (the header is read): from now on a bad record is diverted */
	uint64_t rj_pos;       /* a record start whose physical line is rj_line */
	uint64_t rj_line;      /* 0: no line counted yet */
	uint64_t rj_range_lines; /* line breaks before range_start (0: not counted yet) */
};

/* ------------------------------------------------------------------------------------------ */

static void set_error(sluice_error *e, const char *file, int status, int sys_errno, const char *fmt, const char *arg)
{
	if (!e)
		return;
	memset(e, 0, sizeof *e);
	e->status = status;
	e->file = file;
	e->sys_errno = sys_errno;
	snprintf(e->message, sizeof e->message, fmt, arg ? arg : "");
}

/* Physical line breaks (LF, CR, CRLF as one) in p[0..n). */
static uint64_t count_breaks(const uint8_t *p, size_t n, const uint8_t *end)
{
	uint64_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (p[i] == '\n')
			k++;
		else if (p[i] == '\r' && !(p + i + 1 < end && p[i + 1] == '\n'))
			k++;
	}
	return k;
}

SLUICE_COLD static int data_error(sluice_reader *r, int status, uint64_t rec_start, uint64_t at, uint64_t column,
                                  const char *msg)
{
	r->failed = true;
	sluice_error *e = &r->err;
	memset(e, 0, sizeof *e);
	e->status = status;
	e->file = r->path;
	e->offset = at;
	e->column = column;
	if (!r->track_lines) /* lines were not counted as records went by: count them now */
		e->line = 1 + count_breaks(r->src.data, (size_t)at, r->src.data + r->src.len);
	else
		e->line = r->line + count_breaks(r->src.data + rec_start, (size_t)(at - rec_start), r->src.data + r->src.len);
	if (r->range_start && r->track_lines) /* lines were counted from the range start: add those before */
		e->line += count_breaks(r->src.data, (size_t)r->range_start, r->src.data + r->src.len);
	snprintf(e->message, sizeof e->message, "%s", msg);
	return status;
}

/* Reports byte `at`, the first that is not UTF-8. from is a record start at or before the record
 * that holds it (the reading machine finds that record from there); r->line is the line of
 * line_from. */
SLUICE_COLD static int utf8_error(sluice_reader *r, uint64_t from, uint64_t line_from, uint64_t at)
{
	ix_state m = r->ix;
	m.emit = false;
	m.pos = from;
	m.rec_start = from;
	m.mode = IX_SCALAR;
	m.sm = SM_RECORD_START;
	m.scalar_until = UINT64_MAX;
	m.d.strict = false;
	ix_scalar_run(&m, at);
	char msg[64];
	snprintf(msg, sizeof msg, "invalid UTF-8 (byte 0x%02X)", (unsigned)r->src.data[at]);
	return data_error(r, SLUICE_ERR_UTF8, line_from, at, ix_field_number(&r->ix, m.rec_start, at), msg);
}

/* Validates the bytes the indexer has passed since the last call, up to a sequence that the
 * indexer's stop cuts (it is checked whole next time). Returns the offset of the first invalid
 * byte, or UINT64_MAX; a strict quoting error before that byte takes precedence and hides it. */
static uint64_t utf8_scan(sluice_reader *r)
{
	const ix_state *ix = &r->ix;
	const uint64_t end = ix->mode == IX_DONE ? r->src.len : ix->pos;
	if (end <= r->utf8_pos)
		return UINT64_MAX;
	const uint8_t *p = r->src.data + r->utf8_pos;
	size_t n = (size_t)(end - r->utf8_pos);
	if (end < r->src.len)
		n = sluice_utf8_complete(p, n);
	const size_t bad = r->kern ? r->kern->utf8_check(p, n) : sluice_utf8_check(p, n);
	if (SLUICE_LIKELY(bad == n)) {
		r->utf8_pos += n;
		return UINT64_MAX;
	}
	const uint64_t at = r->utf8_pos + bad;
	return ix->mode == IX_ERROR && ix->err_pos < at ? UINT64_MAX : at;
}

/* ------------------------------------------------------------------------------------------ */
/* Rejects: with opts.reject, a record that strict quoting, ragged = error or strict types would
 * stop the scan at is handed to the callback instead, with the extent lenient reading gives it,
 * and reading goes on after it (docs/reading-rules.md, "Rejects").                             */

/* Returned (internally) when the record at the cursor was diverted: read on from r->rec_start. */
#define DIVERTED 3

static uint64_t count_breaks_fast(const uint8_t *p, size_t n, const uint8_t *end);
static int feed(sluice_reader *r, uint64_t upto);

/* A bad record is diverted rather than an error: a callback is set and the header, which is never
 * diverted (there would be no column names), has been read. */
static inline bool diverting(const sluice_reader *r)
{
	return r->opts.reject && r->rj_armed;
}

/* The record at rs is longer than max_record_size; r->line is the line of line_from. */
SLUICE_COLD static int too_large(sluice_reader *r, uint64_t line_from, uint64_t rs)
{
	char msg[96];
	snprintf(msg, sizeof msg, "record longer than the maximum record size (%llu bytes)",
	         (unsigned long long)r->opts.max_record_size);
	return data_error(r, SLUICE_ERR_RECORD_TOO_LARGE, line_from, rs, 1, msg);
}

/* The physical line of byte `at`, a record start. known is that line when the caller has it
 * (tracked lines, counted from the range start), else 0: then the lines are counted from the
 * last reject's (rejects come in file order), or from the start of the input. */
static uint64_t reject_line(sluice_reader *r, uint64_t at, uint64_t known)
{
	const uint8_t *end = r->src.data + r->src.len;
	if (known) {
		if (r->range_start) {
			if (!r->rj_range_lines)
				r->rj_range_lines = count_breaks_fast(r->src.data, (size_t)r->range_start, end);
			known += r->rj_range_lines;
		}
	} else {
		if (!r->rj_line || at < r->rj_pos) {
			r->rj_pos = 0;
			r->rj_line = 1;
		}
		known = r->rj_line + count_breaks_fast(r->src.data + r->rj_pos, (size_t)(at - r->rj_pos), end);
	}
	r->rj_pos = at;
	r->rj_line = known;
	return known;
}

/* Where the record that starts at rs ends as lenient reading reads it: its bytes are [rs, *end),
 * and the next record starts at *next. A record with more than `limit` bytes is not looked at to
 * its end: returns 1 then, else SLUICE_OK, or a stream's error. */
static int record_extent(sluice_reader *r, uint64_t rs, uint64_t limit, uint64_t *end, uint64_t *next)
{
	const ix_dialect *d = &r->ix.d;
	int sm = SM_RECORD_START;
	for (uint64_t pos = rs;; pos++) {
		if (pos >= r->src.len) {
			int rc = feed(r, pos + 1);
			if (rc != SLUICE_OK)
				return rc;
			if (pos >= r->src.len) { /* the end of the input ends it */
				*end = *next = r->src.len;
				return SLUICE_OK;
			}
		}
		const uint8_t c = r->src.data[pos];
		if (sm_step(d, &sm, c) == SM_A_RECORD) {
			*end = pos;
			*next = pos + 1;
			if (c == '\r') {
				int rc = feed(r, pos + 2);
				if (rc != SLUICE_OK)
					return rc;
				if (pos + 1 < r->src.len && r->src.data[pos + 1] == '\n')
					++*next;
			}
			return SLUICE_OK;
		}
		if (pos + 1 - rs > limit)
			return 1;
	}
}

static void deliver(sluice_reader *r, int status, uint64_t rs, uint64_t end, uint64_t line, uint64_t column,
                    const char *reason)
{
	const sluice_reject rj = {
		.status = status,
		/* of several inputs read as one, the one the record is in, and its line there */
		.file = sl_source_name(&r->src, rs, r->path),
		.line = sl_source_file_line(&r->src, rs, line),
		.offset = rs,
		.column = column,
		.record = (const char *)r->src.data + rs,
		.length = (size_t)(end - rs),
		.reason = reason,
	};
	r->opts.reject(r->opts.reject_user, &rj);
}

/* Diverts the record at rs, where the indexer stopped with a strict quoting error, and starts the
 * indexer afresh after it. With `cursor`, next() reads on from there (r->line is the line of
 * r->rec_start); a count moves nothing else. line_from is the record start r->line counts from
 * for errors. Returns DIVERTED, or an error (a record too large, invalid UTF-8 in it). */
SLUICE_COLD static int divert_quote(sluice_reader *r, uint64_t rs, uint64_t line_from, bool cursor)
{
	ix_state *ix = &r->ix;
	uint64_t end, next;
	int rc = record_extent(r, rs, r->opts.max_record_size, &end, &next);
	if (rc == 1)
		return too_large(r, line_from, rs);
	if (rc != SLUICE_OK)
		return rc;
	if (r->opts.validate_utf8 && r->utf8_pos < next) {
		/* the bytes of the record past the error were not checked yet (see utf8_scan) */
		const uint8_t *p = r->src.data + r->utf8_pos;
		const size_t n = (size_t)(next - r->utf8_pos);
		const size_t bad = r->kern ? r->kern->utf8_check(p, n) : sluice_utf8_check(p, n);
		if (bad != n)
			return utf8_error(r, rs, line_from, r->utf8_pos + bad);
		r->utf8_pos = next;
	}
	uint64_t known = 0;
	if (cursor && r->track_lines && rs >= r->rec_start)
		known = r->line + count_breaks(r->src.data + r->rec_start, (size_t)(rs - r->rec_start), r->src.data + r->src.len);
	deliver(r, SLUICE_ERR_QUOTE, rs, end, reject_line(r, rs, known), ix_field_number(ix, rs, ix->err_pos),
	        ix->err_msg);
	ix->pos = next;
	ix->rec_start = next;
	ix->mode = IX_SIMD; /* at the end of the input, the next fill finishes */
	ix->sm = SM_RECORD_START;
	ix->rec_flags = 0;
	ix->n = 0;
	ix->restart = UINT64_MAX;
	ix_reset_carries(ix);
	r->ei = 0;
	if (cursor) {
		if (r->track_lines)
			r->line += count_breaks(r->src.data + r->rec_start, (size_t)(next - r->rec_start), r->src.data + r->src.len);
		r->rec_start = next;
	}
	return DIVERTED;
}

/* Diverts the record at rs that the cursor has handed out (its bytes are still held); line is its
 * line when known, else 0. Returns DIVERTED, or a stream's error. */
SLUICE_COLD static int divert_row(sluice_reader *r, int status, uint64_t rs, uint64_t line, uint64_t column,
                                  const char *reason)
{
	uint64_t end, next;
	int rc = record_extent(r, rs, UINT64_MAX, &end, &next);
	if (rc != SLUICE_OK)
		return rc;
	deliver(r, status, rs, end, reject_line(r, rs, line), column, reason);
	return DIVERTED;
}

int sluice_reader_divert(sluice_reader *r, int status, uint64_t offset, uint64_t line, uint64_t column,
                         const char *reason)
{
	if (!r->opts.reject)
		return SLUICE_OK;
	int rc = divert_row(r, status, offset, line, column, reason);
	return rc == DIVERTED ? SLUICE_OK : rc;
}

/* The indexer stopped (IX_ERROR) in the record at rec_start: a UTF-8 error or a strict quoting error. */
SLUICE_COLD static int indexer_error(sluice_reader *r, uint64_t rec_start, size_t nf)
{
	if (r->utf8_bad != UINT64_MAX)
		return utf8_error(r, rec_start, rec_start, r->utf8_bad);
	if (diverting(r))
		return divert_quote(r, rec_start, rec_start, true);
	return data_error(r, SLUICE_ERR_QUOTE, rec_start, r->ix.err_pos, (uint64_t)nf + 1, r->ix.err_msg);
}

static int grow_fields(sluice_reader *r)
{
	size_t cap = r->fcap ? r->fcap * 2 : 64;
	sluice_field *f = realloc(r->fields, cap * sizeof *f);
	if (!f) {
		r->failed = true;
		set_error(&r->err, r->path, SLUICE_ERR_NOMEM, ENOMEM, "out of memory for %s", "fields");
		return SLUICE_ERR_NOMEM;
	}
	r->fields = f;
	r->fcap = cap;
	return SLUICE_OK;
}

/* Cuts field [s, e) of the record into f. Returns the physical line breaks inside it. */
static inline uint64_t cut_field(const ix_dialect *d, const uint8_t *data, const uint8_t *data_end, sluice_field *f,
                                 uint64_t s, uint64_t e)
{
	const uint8_t *p = data + s;
	size_t n = (size_t)(e - s);
	f->ptr = (const char *)p;
	f->len = n;
	f->flags = 0;
	if (SLUICE_LIKELY(n == 0))
		return 0;
	if (d->has_quote && p[0] == d->quote) {
		/* A quoted field: fast when it closes at its end and holds no quote or escape. */
		f->flags = SLUICE_FIELD_QUOTED;
		uint64_t breaks = 0;
		bool plain = n >= 2 && p[n - 1] == d->quote;
		const uint8_t *end = p + n - 1;
		for (const uint8_t *q = p + 1; q < end; q++) {
			const uint8_t c = *q;
			if (c == d->quote || (d->has_escape && c == d->escape))
				plain = false;
			else if (c == '\n')
				breaks++;
			else if (c == '\r' && q[1] != '\n')
				breaks++;
		}
		if (plain) {
			f->ptr = (const char *)p + 1;
			f->len = n - 2;
		} else {
			f->flags |= SLUICE_FIELD_NEEDS_UNESCAPE;
			breaks = count_breaks(p, n, data_end);
		}
		return breaks;
	}
	if (SLUICE_UNLIKELY(d->has_escape || d->trim)) {
		size_t a = 0, b = n;
		if (d->trim) {
			while (a < b && (p[a] == ' ' || p[a] == '\t'))
				a++;
			if (a < b && d->has_quote && p[a] == d->quote) {
				f->flags = SLUICE_FIELD_QUOTED | SLUICE_FIELD_NEEDS_UNESCAPE;
				return count_breaks(p, n, data_end);
			}
		}
		if (d->has_escape && memchr(p, d->escape, n)) {
			f->flags = SLUICE_FIELD_NEEDS_UNESCAPE;
			return count_breaks(p, n, data_end);
		}
		if (d->trim) {
			while (b > a && (p[b - 1] == ' ' || p[b - 1] == '\t'))
				b--;
			f->ptr = (const char *)p + a;
			f->len = b - a;
		}
	}
	return 0;
}

/* Reports progress to opts.progress every PROGRESS_STEP bytes of input. */
static void report_progress(sluice_reader *r)
{
	if (SLUICE_LIKELY(!r->opts.progress))
		return;
	uint64_t done, total;
	sl_source_progress(&r->src, r->ix.pos, &done, &total);
	if (done >= r->progress_at + PROGRESS_STEP) {
		r->opts.progress(r->opts.progress_user, done - r->progress_at, total);
		r->progress_at = done;
	}
}

/* Makes the bytes before upto readable (a stream decodes them), or all there are. Returns
 * SLUICE_OK or the source's error, which becomes the reader's. */
static inline int feed(sluice_reader *r, uint64_t upto)
{
	sluice_error e;
	const int rc = sl_source_need(&r->src, upto, &e);
	r->ix.len = r->src.len;
	if (SLUICE_UNLIKELY(rc != SLUICE_OK)) {
		r->failed = true;
		r->err = e;
	}
	return rc;
}

/* Gives back the input's pages that lie wholly before `upto` (not past the pin), in steps of
 * RELEASE_STEP, so that resident memory does not grow with the file. */
static void release_behind(sluice_reader *r, uint64_t upto)
{
	if (upto > r->pin)
		upto = r->pin;
	if (upto < r->src.released + RELEASE_STEP)
		return;
	sl_source_release(&r->src, upto & ~(uint64_t)(RELEASE_STEP - 1));
}

/* The fewest delimiters per record beyond twice the projection's that make the indexer cut */
#define CUT_MIN_DROPPED 8

/* Runs the indexer for the next window. Returns 0, or a negative status. */
static int refill(sluice_reader *r, uint64_t *rec_start, uint64_t *fs, size_t *nf)
{
	ix_state *ix = &r->ix;
	if (ix->mode == IX_ERROR)
		return indexer_error(r, *rec_start, *nf);
	if (ix->pos > *rec_start && ix->pos - *rec_start > r->opts.max_record_size) {
		char msg[96];
		snprintf(msg, sizeof msg, "record longer than the maximum record size (%llu bytes)",
		         (unsigned long long)r->opts.max_record_size);
		return data_error(r, SLUICE_ERR_RECORD_TOO_LARGE, *rec_start, *rec_start, 1, msg);
	}
	release_behind(r, *rec_start);
	int frc = feed(r, ix->pos + r->fill_budget);
	if (frc != SLUICE_OK)
		return frc;
	report_progress(r);
	uint64_t before = ix->pos;
	/* The projection goes into the indexer: it keeps the delimiters that end projected fields and
	 * the record ends. Not when the cursor must see every field: a ragged policy counts them, and
	 * line tracking counts the line breaks of quoted fields it steps over one by one. */
	ix->cut = r->max_fields != SIZE_MAX && !r->track_lines && r->opts.ragged == SLUICE_RAGGED_KEEP ? r->max_fields
	                                                                                             : 0;
	/* Unless it drops most delimiters, the cut costs the block loop more than it saves: records
	 * whose delimiters are all kept are checked for a regular stride instead (learn_stride). */
	if (ix->cut && r->rec_fields && r->rec_fields <= 2 * ix->cut + CUT_MIN_DROPPED)
		ix->cut = 0;
	ix_fill(ix, r->kern, r->fill_budget);
	r->fills++;
	if (ix->pos > before)
		r->stats.bytes_indexed += ix->pos - before;
	r->ei = 0;
	if (ix->restart != UINT64_MAX) {
		/* The indexer re-read the record we are in with the scalar machine. */
		*rec_start = ix->restart;
		*fs = ix->restart;
		*nf = 0;
	}
	if (r->opts.validate_utf8) {
		const uint64_t bad = utf8_scan(r);
		if (SLUICE_UNLIKELY(bad != UINT64_MAX)) {
			/* Hand out the records that end before the bad byte, then stop with the error. */
			while (ix->n && ix->base + ix->ent[ix->n - 1] >= bad)
				ix->n--;
			r->utf8_bad = bad;
			ix->mode = IX_ERROR;
		}
	}
	if (ix->mode == IX_ERROR && ix->n == 0)
		return indexer_error(r, *rec_start, *nf);
	return SLUICE_OK;
}

static void sync_stats(sluice_reader *r)
{
	r->stats.scalar_bytes = r->ix.scalar_bytes;
	r->stats.repaired_records = r->ix.rep_records;
	r->stats.repaired_bare_quote = r->ix.rep_bare_quote;
	r->stats.repaired_after_quote = r->ix.rep_after_quote;
	r->stats.repaired_unterminated = r->ix.rep_unterminated;
}

/* Returned by next_record in drain mode when the indexed entries run out mid-record. */
#define NEED_MORE 2

/* Reads the next record, counting skipped lines too. In drain mode it reads only what the
 * indexer has already emitted and returns NEED_MORE instead of indexing further. */
static int next_record(sluice_reader *r, sluice_row *row, bool drain)
{
	if (r->failed)
		return r->err.status;
	const ix_dialect dl = r->ix.d; /* local copies: field stores cannot alias them */
	const ix_dialect *d = &dl;
	const uint8_t *const data = r->src.data;
	const uint8_t *data_end = r->src.data + r->src.len; /* a stream's grows at refills */
	for (;;) {
		uint64_t rs = r->rec_start;
		if (SLUICE_UNLIKELY(rs >= r->range_end)) {
			sync_stats(r);
			return SLUICE_END;
		}
		uint64_t fs = rs;
		uint64_t next = rs;
		uint64_t breaks = 0;
		size_t nf = 0, nskip = 0;
		bool ended = false;
		for (;;) {
			if (r->ei == r->ix.n) {
				if (r->ix.mode == IX_DONE) {
					if (fs >= r->src.len && nf == 0) {
						sync_stats(r);
						return SLUICE_END;
					}
					if (nf == r->fcap && grow_fields(r) != SLUICE_OK)
						return SLUICE_ERR_NOMEM;
					if (nf < r->max_fields) {
						breaks += cut_field(d, data, data_end, &r->fields[nf++], fs, r->src.len);
					} else {
						nskip++;
						if (d->has_quote && fs < r->src.len && data[fs] == d->quote)
							breaks += count_breaks(data + fs, (size_t)(r->src.len - fs), data_end);
					}
					next = r->src.len;
					break;
				}
				if (drain && (r->ix.mode == IX_SIMD || r->ix.mode == IX_SCALAR))
					return NEED_MORE;
				int rc = refill(r, &rs, &fs, &nf);
				if (rc != SLUICE_OK)
					return rc;
				data_end = r->src.data + r->src.len;
				if (nf == 0) {
					breaks = 0;
					nskip = 0;
				}
				continue;
			}
			/* The hot loop: the entries of this window, with everything it reads in locals. */
			const uint32_t *const ent = r->ix.ent;
			const uint64_t base = r->ix.base;
			const size_t en = r->ix.n;
			size_t ei = r->ei;
			sluice_field *fields = r->fields;
			size_t fcap = r->fcap;
			const size_t maxf = r->max_fields;
			const uint8_t *const want = r->col_mask;
			const bool lines = r->track_lines;
			while (ei < en) {
				const uint64_t p = base + ent[ei++];
				if (SLUICE_UNLIKELY(nf == fcap)) {
					if (grow_fields(r) != SLUICE_OK)
						return SLUICE_ERR_NOMEM;
					fields = r->fields;
					fcap = r->fcap;
				}
				const uint8_t c = data[p];
				if (SLUICE_LIKELY(nf < maxf) && (!want || want[nf])) {
					breaks += cut_field(d, data, data_end, &fields[nf++], fs, p);
				} else {
					/* Not projected: only look for the record end (and line breaks). */
					if (nf < maxf)
						fields[nf++] = (sluice_field){NULL, 0, SLUICE_FIELD_SKIPPED};
					else
						nskip++;
					if (lines && d->has_quote && fs < p && data[fs] == d->quote)
						breaks += count_breaks(data + fs, (size_t)(p - fs), data_end);
				}
				if (SLUICE_LIKELY(c == d->delim)) {
					fs = p + 1;
					continue;
				}
				next = p + 1;
				if (c == '\r' && next < r->src.len && data[next] == '\n')
					next++;
				ended = true;
				break;
			}
			r->ei = ei;
			if (ended)
				break;
		}
		const uint64_t line = r->line;
		r->rec_start = next;
		r->line += breaks + (ended ? 1 : 0);
		r->stats.fields_skipped += nskip;
		r->rec_fields = nf + nskip;

		if (SLUICE_UNLIKELY(d->has_comment) && r->src.len - rs >= d->comment_len &&
		    memcmp(data + rs, d->comment, d->comment_len) == 0) {
			r->stats.comment_lines++;
			continue;
		}
		if (SLUICE_UNLIKELY(r->ix.skip_empty) && nf == 1 && ended && (data[rs] == '\n' || data[rs] == '\r')) {
			r->stats.empty_lines++;
			continue;
		}
		row->fields = r->fields;
		row->nfields = nf;
		row->line = r->track_lines ? line : 0;
		row->offset = rs;
		return SLUICE_OK;
	}
}

/* Applies the ragged-record policy to the record just read. */
static int ragged(sluice_reader *r, sluice_row *row)
{
	const size_t have = r->rec_fields;
	if (!r->width)
		r->width = r->cols.n ? r->cols.n : have;
	const size_t want = r->width;
	if (have == want)
		return SLUICE_OK;
	if (r->opts.ragged == SLUICE_RAGGED_ERROR) {
		char msg[96];
		snprintf(msg, sizeof msg, "record has %zu field%s, expected %zu", have, have == 1 ? "" : "s", want);
		if (diverting(r))
			return divert_row(r, SLUICE_ERR_RAGGED, row->offset, row->line, (have < want ? have : want) + 1, msg);
		int rc = data_error(r, SLUICE_ERR_RAGGED, row->offset, row->offset, (have < want ? have : want) + 1, msg);
		r->err.line = row->line;
		return rc;
	}
	if (have > want) {
		if (r->opts.ragged == SLUICE_RAGGED_TRUNCATE) {
			if (row->nfields > want)
				row->nfields = want;
			r->stats.ragged_truncated++;
		}
		return SLUICE_OK;
	}
	/* short: pad with missing fields, up to the projection */
	size_t target = want < r->max_fields ? want : r->max_fields;
	while (row->nfields < target) {
		if (row->nfields == r->fcap && grow_fields(r) != SLUICE_OK)
			return SLUICE_ERR_NOMEM;
		row->fields = r->fields;
		r->fields[row->nfields++] = (sluice_field){"", 0, SLUICE_FIELD_MISSING};
	}
	r->stats.ragged_padded++;
	return SLUICE_OK;
}

static int reader_next(sluice_reader *r, sluice_row *row)
{
	int rc;
	do {
		rc = next_record(r, row, false);
		if (rc == SLUICE_OK && r->opts.ragged != SLUICE_RAGGED_KEEP)
			rc = ragged(r, row);
	} while (rc == DIVERTED);
	if (rc == SLUICE_OK) {
		row->index = r->nrecords++;
		r->stats.records = r->nrecords;
	}
	return rc;
}

static int skip_to(sluice_reader *r, uint64_t offset, uint64_t *nskipped);
static int reader_next(sluice_reader *r, sluice_row *row);

/* The bytes a count indexes per step. The record in progress is measured against max_record_size
 * after each step, as the cursor measures it at each refill: a record may pass the limit by up to
 * a step unseen, so a step is at most the larger of a window and a 16th of the limit (the default
 * limit keeps the full step). */
static uint64_t count_step(const sluice_reader *r)
{
	const uint64_t step = r->opts.validate_utf8 ? UTF8_STEP : COUNT_STEP;
	const uint64_t part = r->opts.max_record_size / 16;
	const uint64_t bound = part > r->opts.window_size ? part : (uint64_t)r->opts.window_size;
	return step < bound ? step : bound;
}

/* One step of the counting loop (no entries): runs the indexer over about `budget` bytes, then
 * checks the UTF-8 it passed (validate_utf8) and the length of the record in progress. line_from
 * is a record start at or before it whose line is r->line. Returns SLUICE_OK, or an error (invalid
 * UTF-8, a record past max_record_size, a stream's). */
static int count_fill(sluice_reader *r, uint64_t budget, uint64_t line_from)
{
	ix_state *ix = &r->ix;
	const uint64_t before = ix->pos, from = ix->rec_start;
	int rc = feed(r, ix->pos + budget);
	if (rc != SLUICE_OK)
		return rc;
	report_progress(r);
	ix_fill(ix, r->kern, budget);
	r->stats.bytes_indexed += ix->pos > before ? ix->pos - before : 0;
	if (r->opts.validate_utf8) {
		const uint64_t bad = utf8_scan(r);
		if (SLUICE_UNLIKELY(bad != UINT64_MAX)) {
			sync_stats(r);
			return utf8_error(r, from, line_from, bad);
		}
	}
	/* (rec_start may be pos + 1: a step can end between the CR and the LF of a CRLF) */
	if (SLUICE_UNLIKELY(ix->pos > ix->rec_start && ix->pos - ix->rec_start > r->opts.max_record_size) &&
	    ix->mode != IX_ERROR) {
		sync_stats(r);
		return too_large(r, line_from, ix->rec_start);
	}
	return SLUICE_OK;
}

static int reader_count(sluice_reader *r, uint64_t *n)
{
	if (r->opts.ragged == SLUICE_RAGGED_ERROR) {
		/* field counts need the fields: count by reading records */
		sluice_row row;
		int rc;
		*n = 0;
		while ((rc = reader_next(r, &row)) == SLUICE_OK)
			++*n;
		return rc == SLUICE_END ? SLUICE_OK : rc;
	}
	*n = 0;
	if (r->failed)
		return r->err.status;
	/* First the records the indexer has already emitted, through the cursor... */
	uint64_t total = 0;
	sluice_row row;
	int rc;
	while ((rc = next_record(r, &row, true)) == SLUICE_OK || rc == DIVERTED)
		total += rc == SLUICE_OK;
	if (rc < 0)
		return rc;
	/* ...then the indexer goes on from where it is, counting instead of emitting. Its state
	 * (carries or scalar state) is exactly the one the emitted entries ended in. */
	ix_state *ix = &r->ix;
	if (rc == NEED_MORE && r->range_end != UINT64_MAX) {
		/* A range: count up to just before its end, then read the last records exactly. The
		 * entries are all drained, so skip_to counts (comment and empty lines included). After a
		 * diverted record, the same again from behind it. */
		do {
			if (r->range_end > r->rec_start + 64) {
				rc = skip_to(r, r->range_end - 64, &total);
				if (rc)
					return rc;
			}
			while ((rc = next_record(r, &row, false)) == SLUICE_OK)
				total++;
		} while (rc == DIVERTED);
		if (rc < 0)
			return rc;
	} else if (rc == NEED_MORE) {
		ix->emit = false;
		ix->count = 0;
		ix->n = 0;
		r->ei = 0;
		const uint64_t step = count_step(r);
		if (r->opts.reject && r->track_lines && !r->range_start && r->rec_start >= r->rj_pos) {
			/* rejects count their lines from here, the cursor's line */
			r->rj_pos = r->rec_start;
			r->rj_line = r->line;
		}
		for (;;) {
			while (ix->mode == IX_SIMD || ix->mode == IX_SCALAR) {
				if ((rc = count_fill(r, step, r->rec_start)) != SLUICE_OK)
					return rc;
				if (sl_source_one_pass(&r->src)) {
					/* A stream's bytes cannot be read again for a reject's or an error's line
					 * once released: count the lines of those about to go as they go. */
					if (SLUICE_UNLIKELY(r->opts.reject != NULL))
						(void)reject_line(r, ix->rec_start, 0);
					if (ix->rec_start > r->rec_start) {
						r->line += count_breaks_fast(r->src.data + r->rec_start,
						                             (size_t)(ix->rec_start - r->rec_start),
						                             r->src.data + r->src.len);
						r->rec_start = ix->rec_start;
					}
				}
				release_behind(r, ix->rec_start);
			}
			sync_stats(r);
			if (ix->mode != IX_ERROR)
				break;
			uint64_t rs = ix->rec_start <= ix->err_pos ? ix->rec_start : r->rec_start;
			if (!diverting(r)) {
				r->line += count_breaks(r->src.data + r->rec_start, (size_t)(rs - r->rec_start), r->src.data + r->src.len);
				return data_error(r, SLUICE_ERR_QUOTE, rs, ix->err_pos, ix_field_number(ix, rs, ix->err_pos),
				                  ix->err_msg);
			}
			/* the records before it are counted; it is not */
			total += ix->count;
			ix->count = 0;
			rc = divert_quote(r, rs, r->rec_start, false);
			if (rc != DIVERTED)
				return rc;
		}
		total += ix->count;
		ix->emit = true;
		r->rec_start = r->src.len;
	}
	*n = total;
	r->nrecords += total;
	r->stats.records = r->nrecords;
	return SLUICE_OK;
}

void sluice_reader_set_max_fields(sluice_reader *r, size_t n)
{
	r->max_fields = n ? n : SIZE_MAX;
	free(r->col_mask);
	r->col_mask = NULL;
}

sluice_status sluice_reader_set_columns(sluice_reader *r, const bool *wanted, size_t n)
{
	size_t last = 0;
	for (size_t i = 0; i < n; i++)
		if (wanted[i])
			last = i + 1;
	free(r->col_mask);
	r->col_mask = NULL;
	if (!last) {
		r->max_fields = 1; /* records still need their ends; cut the first field only */
		return SLUICE_OK;
	}
	r->col_mask = malloc(last);
	if (!r->col_mask)
		return SLUICE_ERR_NOMEM;
	for (size_t i = 0; i < last; i++)
		r->col_mask[i] = wanted[i];
	r->max_fields = last;
	return SLUICE_OK;
}

void sluice_reader_set_line_tracking(sluice_reader *r, bool on)
{
	/* a one-pass source cannot be read again from its start to count lines when an error comes */
	r->track_lines = on || sl_source_one_pass(&r->src);
}

uint64_t sluice_reader_line_at(const sluice_reader *r, uint64_t offset)
{
	if (sl_source_one_pass(&r->src)) {
		/* the bytes before the window are gone: count back from the cursor (lines are tracked) */
		if (offset < r->src.released || offset > r->rec_start)
			return 0;
		const uint64_t line =
			r->line - count_breaks(r->src.data + offset, (size_t)(r->rec_start - offset), r->src.data + r->src.len);
		return sl_source_file_line(&r->src, offset, line); /* of several inputs, the line in its own */
	}
	if (offset > r->src.len)
		offset = r->src.len;
	return 1 + count_breaks(r->src.data, (size_t)offset, r->src.data + r->src.len);
}

/* Line breaks in p[0..n): LF bytes counted a word at a time; exact CR handling only when a CR
 * is present at all. */
static uint64_t count_breaks_fast(const uint8_t *p, size_t n, const uint8_t *end)
{
	if (memchr(p, '\r', n))
		return count_breaks(p, n, end);
	const uint64_t ones = 0x0101010101010101ULL, lows = 0x7f7f7f7f7f7f7f7fULL;
	uint64_t k = 0;
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		uint64_t w;
		memcpy(&w, p + i, 8);
		const uint64_t x = w ^ (ones * '\n');
		const uint64_t t = ((x & lows) + lows) | x; /* high bit clear exactly where a byte is '\n' */
		k += (((~t & ~lows) >> 7) * ones) >> 56; /* one per '\n' byte, summed by the multiply */
	}
	for (; i < n; i++)
		k += p[i] == '\n';
	return k;
}

static int skip_to(sluice_reader *r, uint64_t offset, uint64_t *nskipped)
{
	if (r->failed)
		return r->err.status;
	ix_state *ix = &r->ix;
	if (offset > r->range_end)
		offset = r->range_end; /* a range stops at its end: never jump into the next one */
	if (offset <= r->rec_start)
		return SLUICE_OK;
	if (r->fill_budget > SKIP_FILL)
		r->fill_budget = SKIP_FILL;
	/* Far ahead of what is indexed: run the counting loop (no entries) up to the block before
	 * offset, then re-index from the record start it ends in. */
	const uint64_t from = r->rec_start;
	if ((ix->mode == IX_SIMD || ix->mode == IX_SCALAR) && offset > ix->pos + SKIP_NEAR) {
		ix->emit = false;
		ix->n = 0;
		ix->count = 0;
		r->ei = 0;
		const uint64_t stop = offset - 64;
		uint64_t counted = from; /* line breaks are counted up to here, before pages are dropped */
		const uint64_t step = count_step(r);
		while ((ix->mode == IX_SIMD || ix->mode == IX_SCALAR) && ix->pos < stop) {
			const uint64_t budget = stop - ix->pos < step ? stop - ix->pos : step;
			int rc = count_fill(r, budget, counted);
			if (rc != SLUICE_OK)
				return rc;
			if (r->track_lines && ix->rec_start > counted) {
				r->line += count_breaks_fast(r->src.data + counted, (size_t)(ix->rec_start - counted), r->src.data + r->src.len);
				counted = ix->rec_start;
			}
			release_behind(r, ix->rec_start);
		}
		ix->emit = true;
		*nskipped += ix->count;
		/* Resume from the record start the counting loop stopped in, with fresh carries (a strict
		 * error there is found again by the emitting loop). The loop never reaches the end of the
		 * input: it stops 64 bytes before offset. */
		const uint64_t rs = ix->rec_start;
		ix->pos = rs;
		ix->mode = rs < r->src.len ? IX_SIMD : IX_DONE;
		ix->sm = SM_RECORD_START;
		ix->rec_flags = 0;
		ix->count = 0;
		ix_reset_carries(ix);
		if (rs > r->rec_start) {
			r->stats.bytes_skipped += rs - r->rec_start;
			r->rec_start = rs;
		}
		if (r->track_lines && r->rec_start > counted)
			r->line += count_breaks_fast(r->src.data + counted, (size_t)(r->rec_start - counted), r->src.data + r->src.len);
		return SLUICE_OK;
	} else {
		/* Within the indexed entries: step over whole records without cutting fields. */
		const ix_dialect *d = &ix->d;
		for (;;) {
			if (r->ei == ix->n)
				break;
			size_t ei = r->ei;
			uint64_t next = UINT64_MAX;
			while (ei < ix->n) {
				const uint64_t p = ix->base + ix->ent[ei++];
				if (r->src.data[p] != d->delim) {
					next = p + 1;
					if (r->src.data[p] == '\r' && next < r->src.len && r->src.data[next] == '\n')
						next++;
					break;
				}
			}
			if (next == UINT64_MAX || next > offset)
				break;
			r->ei = ei;
			r->stats.bytes_skipped += next - r->rec_start;
			r->rec_start = next;
			++*nskipped;
		}
	}
	if (r->track_lines)
		r->line += count_breaks_fast(r->src.data + from, (size_t)(r->rec_start - from), r->src.data + r->src.len);
	return SLUICE_OK;
}

static int reader_skip_to(sluice_reader *r, uint64_t offset)
{
	uint64_t n = 0;
	return skip_to(r, offset, &n);
}

SLUICE_COLD static int fault_error(sluice_reader *r)
{
	r->failed = true;
	sluice_error *e = &r->err;
	memset(e, 0, sizeof *e);
	e->status = SLUICE_ERR_FAULT;
	e->file = r->path;
	e->offset = sluice_fault_offset();
	e->sys_errno = EFAULT;
	snprintf(e->message, sizeof e->message, "the file shrank while it was being read (byte %llu is gone)",
	         (unsigned long long)e->offset);
	return SLUICE_ERR_FAULT;
}

sluice_status sluice_reader_next(sluice_reader *r, sluice_row *row)
{
	int rc;
	SLUICE_GUARDED(rc, reader_next(r, row), fault_error(r));
	return rc;
}

/* take_columns cuts by index when at most this many fields are wanted (else entry by entry) */
#define TAKE_WANTED 64

/*
 * Whether the records of the current fill from entry r->ei on are groups of the same number of
 * entries (all delimiters kept, no cut): the stride is the first record's, and every stride-th
 * entry from there must be a record end. That no other entry is one follows from the count of
 * record ends the block loop emitted: those before ei and those found at stride positions must
 * add up to all of them.
 *
 *   entries  , , \n , , \n , , \n          stride 3 from ei = 0: three ends found, ix.nre = 3
 *   entries  , \n , , , \n , , \n          stride 2: entry 3 is ',' where an end was due, so
 *                                          the regular stretch stops after one record
 */
static void learn_stride(sluice_reader *r)
{
	const ix_state *ix = &r->ix;
	const uint8_t *data = r->src.data;
	const uint32_t *ent = ix->ent;
	const uint64_t base = ix->base;
	const uint8_t delim = ix->d.delim;
	const size_t n = ix->n, from = r->ei;
	r->reg_fill = r->fills + 1;
	r->reg_stride = 0;
	uint64_t ends = 0;
	for (size_t i = 0; i < from && i < n; i++)
		ends += data[base + ent[i]] != delim;
	size_t j = from;
	while (j < n && data[base + ent[j]] == delim)
		j++;
	if (j >= n)
		return;
	const size_t stride = j - from + 1;
	size_t e = from;
	while (e + stride <= n && data[base + ent[e + stride - 1]] != delim) {
		ends++;
		e += stride;
	}
	if (ends != ix->nre)
		return;
	r->reg_from = from;
	r->reg_end = e;
	r->reg_stride = stride;
}

/* The hot path of queries: whole records from the entries already indexed, cut straight into
 * the caller's columns, with no row in between. See sluice_reader_take_columns. */
static size_t take_columns(sluice_reader *r, size_t max, sluice_field *const *out, size_t nout, uint64_t *offsets,
                           uint64_t *nfields)
{
	const ix_dialect dl = r->ix.d;
	const ix_dialect *d = &dl;
	if (r->failed || r->track_lines || d->has_comment || r->ix.skip_empty || r->opts.ragged != SLUICE_RAGGED_KEEP)
		return 0;
	const uint8_t *const data = r->src.data;
	const uint8_t *const data_end = r->src.data + r->src.len;
	const uint32_t *const ent = r->ix.ent;
	const uint64_t base = r->ix.base, len = r->src.len, range_end = r->range_end;
	const size_t en = r->ix.n;
	size_t ei = r->ei, k = 0;
	uint64_t rs = r->rec_start, nf_sum = 0, nskip = 0;
	/* the fields wanted, in order */
	uint32_t wanted[TAKE_WANTED];
	size_t nw = 0;
	for (size_t j = 0; j < nout && nw < TAKE_WANTED; j++)
		if (out[j])
			wanted[nw++] = (uint32_t)j;
	const bool direct = nw && nw < TAKE_WANTED;
	/* A regular fill (ix_state's `irregular`): records are groups of `stride` entries, with no
	 * entry to check: with a cut, of nout + 1 entries; without, of the stride learn_stride found
	 * (at least nout + 1). The general loop below takes over at the window's end. */
	size_t stride = 0, reg_end = 0;
	if (direct && !r->ix.irregular) {
		if (nout == r->ix.cut) {
			stride = nout + 1;
			reg_end = en;
		} else if (!r->ix.cut) {
			if (r->reg_fill != r->fills + 1)
				learn_stride(r);
			if (r->reg_stride > nout && ei >= r->reg_from && (ei - r->reg_from) % r->reg_stride == 0) {
				stride = r->reg_stride;
				/* never past the entries there are (a skip empties them without a fill) */
				reg_end = r->reg_end < en ? r->reg_end : en;
			}
		}
	}
	if (stride) {
		const size_t last = stride - 1;
		while (k < max && rs < range_end && ei + last < reg_end) {
			const uint32_t *e = ent + ei;
			for (size_t w = 0; w < nw; w++) {
				const size_t j = wanted[w];
				const uint64_t from = j ? base + e[j - 1] + 1 : rs, to = base + e[j];
				(void)cut_field(d, data, data_end, &out[j][k], from, to);
			}
			offsets[k++] = rs;
			const uint64_t end = base + e[last];
			rs = end + 1;
			if (SLUICE_UNLIKELY(data[end] == '\r') && rs < len && data[rs] == '\n')
				rs++;
			ei += stride;
		}
		nf_sum += nout * k;
		nskip += (stride - nout) * k;
	}
	while (k < max && rs < range_end) {
		size_t e = ei, nf = 0;
		uint64_t fs = rs, next = 0;
		bool ended = false;
		/* The common case, where the indexer kept the first nout delimiters of the record and
		 * then its end: checked without a branch per entry, then each wanted field cut by index. */
		if (direct && ei + nout < en) {
			unsigned other = 0;
			for (size_t j = 0; j < nout; j++)
				other |= data[base + ent[ei + j]] != d->delim;
			const uint64_t end = base + ent[ei + nout];
			if (!other && data[end] != d->delim) {
				for (size_t w = 0; w < nw; w++) {
					const size_t j = wanted[w];
					const uint64_t from = j ? base + ent[ei + j - 1] + 1 : rs;
					(void)cut_field(d, data, data_end, &out[j][k], from, base + ent[ei + j]);
				}
				next = end + 1;
				if (data[end] == '\r' && next < len && data[next] == '\n')
					next++;
				nf_sum += nout;
				nskip++;
				offsets[k++] = rs;
				ei += nout + 1;
				rs = next;
				continue;
			}
		}
		while (e < en) {
			const uint64_t p = base + ent[e++];
			if (nf < nout) {
				if (out[nf])
					(void)cut_field(d, data, data_end, &out[nf][k], fs, p);
				nf++;
			} else {
				nskip++;
			}
			const uint8_t c = data[p];
			if (SLUICE_LIKELY(c == d->delim)) {
				fs = p + 1;
				continue;
			}
			next = p + 1;
			if (c == '\r' && next < len && data[next] == '\n')
				next++;
			ended = true;
			break;
		}
		if (!ended)
			break; /* the record goes on past the indexed entries: the cursor indexes further */
		nf_sum += nf;
		for (size_t j = nf; j < nout; j++)
			if (out[j])
				out[j][k] = (sluice_field){NULL, 0, 0}; /* the record has fewer fields */
		offsets[k++] = rs;
		ei = e;
		rs = next;
	}
	r->ei = ei;
	r->rec_start = rs;
	r->nrecords += k;
	r->stats.records = r->nrecords;
	r->stats.fields_skipped += nskip;
	*nfields += nf_sum;
	return k;
}

static size_t fault_taken(sluice_reader *r)
{
	(void)fault_error(r);
	return 0; /* next() reports it */
}

size_t sluice_reader_take_columns(sluice_reader *r, size_t max, sluice_field *const *out, size_t nout,
                                  uint64_t *offsets, uint64_t *nfields)
{
	size_t k;
	SLUICE_GUARDED(k, take_columns(r, max, out, nout, offsets, nfields), fault_taken(r));
	return k;
}

int sluice_reader_count_serial(sluice_reader *r, uint64_t *n)
{
	int rc;
	SLUICE_GUARDED(rc, reader_count(r, n), fault_error(r));
	return rc;
}

sluice_status sluice_reader_skip_to(sluice_reader *r, uint64_t offset)
{
	int rc;
	SLUICE_GUARDED(rc, reader_skip_to(r, offset), fault_error(r));
	return rc;
}

/* ------------------------------------------------------------------------------------------ */

static int setup(sluice_reader *r, const sluice_options *opts, sluice_error *err)
{
	if (opts) {
		if (opts->struct_size == 0 || opts->struct_size > sizeof r->opts) {
			set_error(err, r->path, SLUICE_ERR_INVALID_OPTION, 0, "%s", "options were not set up with sluice_options_init");
			return SLUICE_ERR_INVALID_OPTION;
		}
		sluice_options_init(&r->opts);
		memcpy(&r->opts, opts, opts->struct_size);
	} else {
		sluice_options_init(&r->opts);
	}
	const char *why = NULL;
	if (sluice_dialect_check(&r->opts.dialect, &why) != SLUICE_OK) {
		set_error(err, r->path, SLUICE_ERR_INVALID_OPTION, 0, "%s", why);
		return SLUICE_ERR_INVALID_OPTION;
	}
	if (r->opts.window_size < 64)
		r->opts.window_size = 64;
	if (r->opts.window_size > ((uint64_t)1 << 30))
		r->opts.window_size = (uint64_t)1 << 30;
	sluice_kernel k = r->opts.kernel;
	if (k == SLUICE_KERNEL_AUTO)
		k = sluice_kernel_best();
	if (!sluice_kernel_supported(k)) {
		set_error(err, r->path, SLUICE_ERR_KERNEL, 0, "kernel %s is not supported on this machine", sluice_kernel_name(k));
		return SLUICE_ERR_KERNEL;
	}
	r->kernel = k;
	r->kern = ix_kernel_get(k);

	ix_state *ix = &r->ix;
	ix->data = r->src.data;
	ix->len = r->src.len;
	ix_dialect_from(&ix->d, &r->opts.dialect);
	ix->skip_empty = r->opts.dialect.skip_empty_lines;
	ix->emit = true;
	/* one entry per byte at most: a small input needs no full window of entries */
	const uint64_t size = sl_source_size_hint(&r->src);
	ix->cap = (size_t)(size < r->opts.window_size ? size : r->opts.window_size) + 128;
	ix->ent = malloc(ix->cap * sizeof *ix->ent);
	if (!ix->ent) {
		set_error(err, r->path, SLUICE_ERR_NOMEM, ENOMEM, "%s", "out of memory");
		return SLUICE_ERR_NOMEM;
	}
	uint64_t start = 0;
	if (r->src.len >= 3 && r->src.data[0] == 0xEF && r->src.data[1] == 0xBB && r->src.data[2] == 0xBF)
		start = 3;
	ix->pos = start;
	ix->rec_start = start;
	ix->mode = start >= r->src.len ? IX_DONE : IX_SIMD;
	ix->sm = SM_RECORD_START;
	ix->restart = UINT64_MAX;
	ix_reset_carries(ix);
	r->rec_start = start;
	r->line = 1;
	r->max_fields = SIZE_MAX;
	r->track_lines = true;
	r->pin = UINT64_MAX;
	r->fill_budget = r->opts.window_size;
	r->range_end = UINT64_MAX;
	r->utf8_pos = start;
	r->utf8_bad = UINT64_MAX;
	if (grow_fields(r) != SLUICE_OK) {
		if (err)
			*err = r->err;
		return SLUICE_ERR_NOMEM;
	}

	if (r->opts.dialect.header) {
		sluice_row row;
		int rc = next_record(r, &row, false);
		if (rc < 0) {
			if (err)
				*err = r->err;
			return rc;
		}
		if (rc == SLUICE_OK && sluice_columns_build(&r->cols, &r->opts.dialect, row.fields, row.nfields) != 0) {
			set_error(err, r->path, SLUICE_ERR_NOMEM, ENOMEM, "%s", "out of memory for the header");
			return SLUICE_ERR_NOMEM;
		}
	}
	r->rj_armed = true;
	return SLUICE_OK;
}

static sluice_reader *reader_new(const char *name)
{
	sluice_reader *r = calloc(1, sizeof *r);
	if (!r)
		return NULL;
	r->path = strdup(name);
	if (!r->path) {
		free(r);
		return NULL;
	}
	return r;
}

sluice_status sluice_reader_open_memory(sluice_reader **out, const void *data, size_t len, const char *name,
                              const sluice_options *opts, sluice_error *err)
{
	*out = NULL;
	sluice_reader *r = reader_new(name ? name : "<memory>");
	if (!r) {
		set_error(err, "<memory>", SLUICE_ERR_NOMEM, ENOMEM, "%s", "out of memory");
		return SLUICE_ERR_NOMEM;
	}
	sl_source_memory(&r->src, data, len);
	int rc = setup(r, opts, err);
	if (rc != SLUICE_OK) {
		if (err)
			err->file = "<memory>";
		sluice_reader_close(r);
		return rc;
	}
	*out = r;
	return SLUICE_OK;
}

/* A reader over stream s from its first byte. */
static int open_stream(sluice_reader **out, sl_stream *s, bool own, const char *name, const sluice_options *opts,
                       sluice_error *err)
{
	sluice_reader *r = reader_new(name);
	if (!r) {
		if (own)
			sl_stream_close(s);
		set_error(err, name, SLUICE_ERR_NOMEM, ENOMEM, "%s", "out of memory");
		return SLUICE_ERR_NOMEM;
	}
	int rc = sl_source_stream(&r->src, s, own, err);
	if (rc == SLUICE_OK)
		rc = setup(r, opts, err);
	if (rc != SLUICE_OK) {
		if (err && err->file) {
			/* the stream's names die with it: keep the name in this thread's buffer */
			static _Thread_local char failed_file[1024];
			snprintf(failed_file, sizeof failed_file, "%s", err->file);
			err->file = failed_file;
		}
		sluice_reader_close(r);
		return rc;
	}
	*out = r;
	return SLUICE_OK;
}

int sluice_reader_open_shared(sluice_reader **out, sl_stream *s, const char *name, const sluice_options *opts,
                              sluice_error *err)
{
	*out = NULL;
	return open_stream(out, s, false, name, opts, err);
}

/* A reader that owns the stream of paths[0..n). */
static int open_streamed(sluice_reader **out, const char *const *paths, size_t n, const sluice_options *opts,
                         sluice_error *err)
{
	sluice_options o; /* the dialect, for the headers of several inputs */
	sluice_options_init(&o);
	if (opts && opts->struct_size && opts->struct_size <= sizeof o)
		memcpy(&o, opts, opts->struct_size);
	sl_stream *s;
	int rc = sl_stream_open(&s, paths, n, &o.dialect, err);
	if (rc != SLUICE_OK)
		return rc;
	const char *name = n == 0 ? "<none>" : strcmp(paths[0], "-") == 0 ? "<stdin>" : paths[0];
	return open_stream(out, s, true, name, opts, err);
}

sluice_status sluice_reader_open_paths(sluice_reader **out, const char *const *paths, size_t n, const sluice_options *opts,
                             sluice_error *err)
{
	*out = NULL;
	if (n == 1)
		return sluice_reader_open(out, paths[0], opts, err);
	return open_streamed(out, paths, n, opts, err);
}

const char *sluice_reader_source(const sluice_reader *r, uint64_t offset)
{
	return sl_source_name(&r->src, offset, r->path);
}

bool sluice_reader_is_stream(const sluice_reader *r)
{
	return sl_source_one_pass(&r->src);
}

const sluice_options *sluice_reader_options(const sluice_reader *r)
{
	return &r->opts;
}

bool sluice_reader_is_mapped(const sluice_reader *r)
{
	return sl_source_ranges(&r->src);
}

void sluice_reader_counted(sluice_reader *r, const sluice_scan_stats *s, uint64_t n)
{
	sluice_scan_stats *t = &r->stats;
	r->nrecords += n;
	t->records = r->nrecords;
	t->bytes_indexed += s->bytes_indexed;
	t->scalar_bytes += s->scalar_bytes;
	t->repaired_records += s->repaired_records;
	t->repaired_bare_quote += s->repaired_bare_quote;
	t->repaired_after_quote += s->repaired_after_quote;
	t->repaired_unterminated += s->repaired_unterminated;
	t->bytes_skipped += s->bytes_skipped;
	t->ragged_padded += s->ragged_padded;
	t->ragged_truncated += s->ragged_truncated;
	t->comment_lines += s->comment_lines;
	t->empty_lines += s->empty_lines;
	/* at the end, as a count leaves a reader */
	r->ix.pos = r->src.len;
	r->ix.rec_start = r->src.len;
	r->ix.mode = IX_DONE;
	r->ix.n = 0;
	r->ei = 0;
	r->rec_start = r->src.len;
}

sluice_status sluice_reader_open(sluice_reader **out, const char *path, const sluice_options *opts, sluice_error *err)
{
	*out = NULL;
	if (!sl_path_maps(path))
		return open_streamed(out, &path, 1, opts, err);
	/* O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused below */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0) {
		int e = errno;
		set_error(err, path, SLUICE_ERR_IO, e, "%s", strerror(e));
		return SLUICE_ERR_IO;
	}
	struct stat sb;
	if (fstat(fd, &sb) != 0) {
		int e = errno;
		close(fd);
		set_error(err, path, SLUICE_ERR_IO, e, "%s", strerror(e));
		return SLUICE_ERR_IO;
	}
	if (S_ISDIR(sb.st_mode)) {
		close(fd);
		set_error(err, path, SLUICE_ERR_IO, EISDIR, "%s", strerror(EISDIR));
		return SLUICE_ERR_IO;
	}
	if (!S_ISREG(sb.st_mode)) {
		close(fd);
		set_error(err, path, SLUICE_ERR_IO, ENODEV, "%s", "not a regular file (pipes and devices cannot be mapped)");
		return SLUICE_ERR_IO;
	}
	sluice_reader *r = reader_new(path);
	if (!r) {
		close(fd);
		set_error(err, path, SLUICE_ERR_NOMEM, ENOMEM, "%s", "out of memory");
		return SLUICE_ERR_NOMEM;
	}
	int rc = sl_source_map(&r->src, fd, (uint64_t)sb.st_size, r->path, path, err);
	close(fd);
	if (rc != SLUICE_OK) {
		sluice_reader_close(r);
		return rc;
	}
	rc = setup(r, opts, err);
	if (rc != SLUICE_OK) {
		if (err)
			err->file = path;
		sluice_reader_close(r);
		return rc;
	}
	*out = r;
	return SLUICE_OK;
}

void sluice_reader_close(sluice_reader *r)
{
	if (!r)
		return;
	sl_source_close(&r->src);
	sluice_columns_free(&r->cols);
	free(r->col_mask);
	free(r->ix.ent);
	free(r->fields);
	free(r->path);
	free(r);
}

const sluice_error *sluice_reader_error(const sluice_reader *r)
{
	if (sl_source_one_pass(&r->src) && r->err.status < 0 && !r->err_located && r->err.line) {
		/* of several inputs, name the one at fault and the line in it */
		sluice_reader *w = (sluice_reader *)r;
		w->err.file = sl_source_name(&r->src, r->err.offset, r->path);
		w->err.line = sl_source_file_line(&r->src, r->err.offset, r->err.line);
		w->err_located = true;
	}
	return &r->err;
}

const sluice_scan_stats *sluice_reader_stats(const sluice_reader *r)
{
	return &r->stats;
}

sluice_kernel sluice_reader_kernel(const sluice_reader *r)
{
	return r->kernel;
}

const sluice_dialect *sluice_reader_dialect(const sluice_reader *r)
{
	return &r->opts.dialect;
}

size_t sluice_reader_column_count(const sluice_reader *r)
{
	return r->cols.n;
}

const char *sluice_reader_column_name(const sluice_reader *r, size_t i, size_t *len)
{
	return sluice_columns_name(&r->cols, i, len);
}

long sluice_reader_column_index(const sluice_reader *r, const char *name, size_t len)
{
	return sluice_columns_find(&r->cols, name, len);
}

const uint8_t *sluice_reader_bytes(const sluice_reader *r, uint64_t *len)
{
	*len = r->src.len;
	return r->src.data;
}

uint64_t sluice_reader_position(const sluice_reader *r)
{
	return r->rec_start;
}

void sluice_reader_pin(sluice_reader *r, uint64_t offset)
{
	r->pin = offset;
}

uint64_t sluice_reader_find(sluice_reader *r, uint64_t from, const char *needle, size_t m)
{
	if (feed(r, from + COUNT_STEP) != SLUICE_OK)
		return from; /* the error comes back from the next read */
	if (from >= r->src.len)
		return r->src.len;
	const uint8_t *hit = r->kern ? r->kern->find(r->src.data + from, (size_t)(r->src.len - from), (const uint8_t *)needle, m)
	                             : memmem(r->src.data + from, (size_t)(r->src.len - from), needle, m);
	return hit ? (uint64_t)(hit - r->src.data) : r->src.len;
}

int sluice_reader_set_range(sluice_reader *r, uint64_t start, uint64_t end)
{
	if (r->failed)
		return r->err.status;
	if (start > r->src.len)
		start = r->src.len;
	if (start > r->rec_start) {
		ix_state *ix = &r->ix;
		ix->emit = true;
		ix->n = 0;
		r->ei = 0;
		ix->pos = start;
		ix->rec_start = start;
		ix->mode = start < r->src.len ? IX_SIMD : IX_DONE;
		ix->sm = SM_RECORD_START;
		ix->rec_flags = 0;
		ix_reset_carries(ix);
		r->rec_start = start;
		r->range_start = start;
		r->line = 1;
		/* a record start follows a line end, so no sequence straddles it */
		r->utf8_pos = start;
		r->utf8_bad = UINT64_MAX;
	}
	r->range_end = end;
	return SLUICE_OK;
}

void sluice_reader_release_all(sluice_reader *r)
{
	sl_source_release_all(&r->src);
}

uint64_t sluice_reader_guess_record_start(const sluice_reader *r, uint64_t offset)
{
	if (offset == 0 || offset >= r->src.len)
		return offset >= r->src.len ? r->src.len : 0;
	const uint8_t *p = memchr(r->src.data + offset - 1, '\n', (size_t)(r->src.len - offset + 1));
	const uint64_t g = p ? (uint64_t)(p - r->src.data) + 1 : r->src.len;
	/* The pages read to find it leave the resident set again, when the reader has not reached
	 * them: a split into many pieces would otherwise keep up to 2 MiB a piece. */
	sl_source_drop_ahead(&r->src, offset - 1, g, r->ix.pos);
	return g;
}

const char *sluice_reader_path(const sluice_reader *r)
{
	return r->path;
}

void sluice_reader_set_error(sluice_reader *r, const sluice_error *err)
{
	r->err = *err;
	r->err.file = r->path;
	r->failed = true;
}
