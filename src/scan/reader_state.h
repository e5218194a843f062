/* reader_state.h - the reader's state and the helpers its files share (scan/ only: the query
 * layer asks through scan/scan.h and scan/take.h). */
#ifndef SLUICE_READER_STATE_H
#define SLUICE_READER_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "sluice_experimental.h" /* the library implements both headers */
#include "io/source.h"
#include "kernels/hints.h"
#include "kernels/index.h"
#include "scan/columns.h"

/* Resident-memory budget: pages behind the cursor are dropped every RELEASE_STEP bytes, and a
 * count runs the indexer COUNT_STEP bytes at a time. */
#define RELEASE_STEP ((uint64_t)8 << 20)
#define COUNT_STEP ((uint64_t)4 << 20)
/* the progress callback is called at most every this many input bytes */
#define PROGRESS_STEP ((uint64_t)4 << 20)

struct sluice_reader {
	sluice_options opts;
	sluice_sniff_info sniff; /* what the sniffer decided (the dialect as read, sniffed 0 when nothing was) */
	sluice_kernel kernel;
	const ix_kernel *kern;
	char *path;
	char *encoding;        /* opts.encoding's copy (opts.encoding points at it) */

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

/* Physical line breaks (LF, CR, CRLF as one) in p[0..n). */
static inline uint64_t count_breaks(const uint8_t *p, size_t n, const uint8_t *end)
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

/* Returned (internally) when the record at the cursor was diverted: read on from r->rec_start. */
#define DIVERTED 3

/* Returned by rd_next_record in drain mode when the indexed entries run out mid-record. */
#define NEED_MORE 2

/* A bad record is diverted rather than an error: a callback is set and the header, which is never
 * diverted (there would be no column names), has been read. */
static inline bool diverting(const sluice_reader *r)
{
	return r->opts.reject && r->rj_armed;
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

/* Reports to opts.progress the input bytes before at (a record start the reader has reached), once
 * PROGRESS_STEP of them are new, or all of them when final. Each reader of a parallel scan counts
 * only the bytes of its own range: those before its start are skipped (set_range moves
 * progress_at there) and those past its end, which it may index to find where its last record
 * ends, belong to the next range; so the ranges add up to the input once. The indexer's lookahead
 * is not counted either: at is where the records are read to, not how far the index reaches. */
static inline void report_progress_at(sluice_reader *r, uint64_t at, bool final)
{
	if (SLUICE_LIKELY(!r->opts.progress))
		return;
	if (at > r->range_end)
		at = r->range_end;
	if (at > r->src.len && r->src.kind == SL_SOURCE_MAP)
		at = r->src.len;
	uint64_t done, total;
	sl_source_progress(&r->src, at, &done, &total);
	if (done > r->progress_at && (final || done >= r->progress_at + PROGRESS_STEP)) {
		r->opts.progress(r->opts.progress_user, done - r->progress_at, total);
		r->progress_at = done;
	}
}

/* Other readers (a parallel count's pieces) have read the mapped input from r's position on and
 * reported those bytes: r reports its own (the header) and none after them, even when it goes on
 * to read them again. */
static inline void progress_handed_over(sluice_reader *r)
{
	report_progress_at(r, r->rec_start, true);
	if (r->src.kind == SL_SOURCE_MAP && r->src.len > r->progress_at)
		r->progress_at = r->src.len;
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
static inline void release_behind(sluice_reader *r, uint64_t upto)
{
	if (upto > r->pin)
		upto = r->pin;
	if (upto < r->src.released + RELEASE_STEP)
		return;
	sl_source_release(&r->src, upto & ~(uint64_t)(RELEASE_STEP - 1));
}

static inline void sync_stats(sluice_reader *r)
{
	r->stats.scalar_bytes = r->ix.scalar_bytes;
	r->stats.repaired_records = r->ix.rep_records;
	r->stats.repaired_bare_quote = r->ix.rep_bare_quote;
	r->stats.repaired_after_quote = r->ix.rep_after_quote;
	r->stats.repaired_unterminated = r->ix.rep_unterminated;
}

/* ------------------------------------------------------------------------------------------ */
/* Shared across the reader's files; each says where it lives.                                */

/* cursor.c: the record cursor. rd_next_record reads the next record (comment and empty lines
 * stepped over and counted); in drain mode only from the entries already indexed, returning
 * NEED_MORE where it would index further. rd_next adds the ragged policy and the record index,
 * and returns DIVERTED for a record handed to the reject callback (read on). */
int rd_next_record(sluice_reader *r, sluice_row *row, bool drain);

/* At the end of one input of several read as one (sl_source part_end): counts the lines up to it,
 * moves the source on to the next input and starts the indexer afresh at its first byte (no
 * quote carried over). False when there is no next input: the end of the data. */
bool rd_next_part(sluice_reader *r);
int rd_next(sluice_reader *r, sluice_row *row);
/* Doubles r->fields; on failure sets the sticky error and returns SLUICE_ERR_NOMEM. */
int rd_grow_fields(sluice_reader *r);
/* validate_utf8: checks the bytes the indexer passed since the last call. Returns the offset of
 * the first invalid byte, or UINT64_MAX (see cursor.c). */
uint64_t rd_utf8_scan(sluice_reader *r);

/* count.c: line breaks in p[0..n), LF counted a word at a time (CR exactly when there is one). */
uint64_t rd_count_breaks_fast(const uint8_t *p, size_t n, const uint8_t *end);

/* rejects.c: errors, which make the reader fail (sticky) and say where, and rejects. line_from is
 * a record start at or before the bad byte whose line is r->line. */
void rd_set_error(sluice_error *e, const char *file, int status, int sys_errno, const char *fmt, const char *arg);
SLUICE_COLD int rd_data_error(sluice_reader *r, int status, uint64_t rec_start, uint64_t at, uint64_t column,
                              const char *msg);
SLUICE_COLD int rd_utf8_error(sluice_reader *r, uint64_t from, uint64_t line_from, uint64_t at);
SLUICE_COLD int rd_too_large(sluice_reader *r, uint64_t line_from, uint64_t rs);
SLUICE_COLD int rd_indexer_error(sluice_reader *r, uint64_t rec_start, size_t nf);
/* The mapping faulted (the file shrank): the sticky SLUICE_ERR_FAULT. */
SLUICE_COLD int rd_fault_error(sluice_reader *r);
/* The physical line of record start at; known is that line when the caller has it, else 0. */
uint64_t rd_reject_line(sluice_reader *r, uint64_t at, uint64_t known);
/* Diverts the record at rs where the indexer stopped with a strict quoting error (with cursor,
 * the cursor moves past it), or the record at rs that the cursor handed out. Return DIVERTED, or
 * an error. */
SLUICE_COLD int rd_divert_quote(sluice_reader *r, uint64_t rs, uint64_t line_from, bool cursor);
SLUICE_COLD int rd_divert_row(sluice_reader *r, int status, uint64_t rs, uint64_t line, uint64_t column,
                              const char *reason);

/* ------------------------------------------------------------------------------------------ */
/* For the parallel count (scan/parallel.c), which runs readers of its own over byte ranges.  */

/* sluice_reader_count_records on this thread only (the public call splits a mapped file over threads). */
int sluice_reader_count_serial(sluice_reader *r, uint64_t *n);
/* A parallel count of r's records found n more: adds them and the range readers' counters s
 * (repairs, ...) to r's, and leaves r at the end of its input. */
void sluice_reader_counted(sluice_reader *r, const sluice_scan_stats *s, uint64_t n);
/* A likely record start at or after offset: just past the next LF (wrong only when that LF is
 * inside a quoted field, which the caller detects by comparing with the previous range's end).
 * The pages of a mapping read to find it are dropped from the resident set again when they lie
 * beyond what r has indexed. */
uint64_t sluice_reader_guess_record_start(const sluice_reader *r, uint64_t offset);
/* Makes err the reader's (sticky) error, for errors found by helpers on its behalf. */
void sluice_reader_set_error(sluice_reader *r, const sluice_error *err);

#endif
