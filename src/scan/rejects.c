/* rejects.c - where a bad byte is (file, line, field) and what becomes of its record: an error
 * that stops the reader, or, with opts.reject, a record handed to the callback and stepped over. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "scan/reader_state.h"
#include "scan/scan.h"
#include "io/fault.h"
#include "io/source.h"
#include "kernels/index.h"
#include "kernels/machine.h"
#include "kernels/utf8.h"

void rd_set_error(sluice_error *e, const char *file, int status, int sys_errno, const char *fmt, const char *arg)
{
	if (!e)
		return;
	memset(e, 0, sizeof *e);
	e->status = status;
	e->file = file;
	e->sys_errno = sys_errno;
	snprintf(e->message, sizeof e->message, fmt, arg ? arg : "");
}

SLUICE_COLD int rd_data_error(sluice_reader *r, int status, uint64_t rec_start, uint64_t at, uint64_t column,
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
SLUICE_COLD int rd_utf8_error(sluice_reader *r, uint64_t from, uint64_t line_from, uint64_t at)
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
	return rd_data_error(r, SLUICE_ERR_UTF8, line_from, at, ix_field_number(&r->ix, m.rec_start, at), msg);
}

/* The record at rs is longer than max_record_size; r->line is the line of line_from. */
SLUICE_COLD int rd_too_large(sluice_reader *r, uint64_t line_from, uint64_t rs)
{
	char msg[96];
	snprintf(msg, sizeof msg, "record longer than the maximum record size (%llu bytes)",
	         (unsigned long long)r->opts.max_record_size);
	return rd_data_error(r, SLUICE_ERR_RECORD_TOO_LARGE, line_from, rs, 1, msg);
}

/* ------------------------------------------------------------------------------------------ */
/* Rejects: with opts.reject, a record that strict quoting, ragged = error or strict types would
 * stop the scan at is handed to the callback instead, with the extent lenient reading gives it,
 * and reading goes on after it (docs/reading-rules.md, "Rejects").                             */


/* The physical line of byte `at`, a record start. known is that line when the caller has it
 * (tracked lines, counted from the range start), else 0: then the lines are counted from the
 * last reject's (rejects come in file order), or from the start of the input. */
uint64_t rd_reject_line(sluice_reader *r, uint64_t at, uint64_t known)
{
	const uint8_t *end = r->src.data + r->src.len;
	if (known) {
		if (r->range_start) {
			if (!r->rj_range_lines)
				r->rj_range_lines = rd_count_breaks_fast(r->src.data, (size_t)r->range_start, end);
			known += r->rj_range_lines;
		}
	} else {
		if (!r->rj_line || at < r->rj_pos) {
			r->rj_pos = 0;
			r->rj_line = 1;
		}
		known = r->rj_line + rd_count_breaks_fast(r->src.data + r->rj_pos, (size_t)(at - r->rj_pos), end);
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
SLUICE_COLD int rd_divert_quote(sluice_reader *r, uint64_t rs, uint64_t line_from, bool cursor)
{
	ix_state *ix = &r->ix;
	uint64_t end, next;
	int rc = record_extent(r, rs, r->opts.max_record_size, &end, &next);
	if (rc == 1)
		return rd_too_large(r, line_from, rs);
	if (rc != SLUICE_OK)
		return rc;
	if (r->opts.validate_utf8 && r->utf8_pos < next) {
		/* the bytes of the record past the error were not checked yet (see rd_utf8_scan) */
		const uint8_t *p = r->src.data + r->utf8_pos;
		const size_t n = (size_t)(next - r->utf8_pos);
		const size_t bad = r->kern ? r->kern->utf8_check(p, n) : sluice_utf8_check(p, n);
		if (bad != n)
			return rd_utf8_error(r, rs, line_from, r->utf8_pos + bad);
		r->utf8_pos = next;
	}
	uint64_t known = 0;
	if (cursor && r->track_lines && rs >= r->rec_start)
		known = r->line + count_breaks(r->src.data + r->rec_start, (size_t)(rs - r->rec_start), r->src.data + r->src.len);
	deliver(r, SLUICE_ERR_QUOTE, rs, end, rd_reject_line(r, rs, known), ix_field_number(ix, rs, ix->err_pos),
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
SLUICE_COLD int rd_divert_row(sluice_reader *r, int status, uint64_t rs, uint64_t line, uint64_t column,
                                  const char *reason)
{
	uint64_t end, next;
	int rc = record_extent(r, rs, UINT64_MAX, &end, &next);
	if (rc != SLUICE_OK)
		return rc;
	deliver(r, status, rs, end, rd_reject_line(r, rs, line), column, reason);
	return DIVERTED;
}

int sluice_reader_divert(sluice_reader *r, int status, uint64_t offset, uint64_t line, uint64_t column,
                         const char *reason)
{
	if (!r->opts.reject)
		return SLUICE_OK;
	int rc = rd_divert_row(r, status, offset, line, column, reason);
	return rc == DIVERTED ? SLUICE_OK : rc;
}

/* The indexer stopped (IX_ERROR) in the record at rec_start: a UTF-8 error or a strict quoting error. */
SLUICE_COLD int rd_indexer_error(sluice_reader *r, uint64_t rec_start, size_t nf)
{
	if (r->utf8_bad != UINT64_MAX)
		return rd_utf8_error(r, rec_start, rec_start, r->utf8_bad);
	if (diverting(r))
		return rd_divert_quote(r, rec_start, rec_start, true);
	return rd_data_error(r, SLUICE_ERR_QUOTE, rec_start, r->ix.err_pos, (uint64_t)nf + 1, r->ix.err_msg);
}

SLUICE_COLD int rd_fault_error(sluice_reader *r)
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

const sluice_error *sluice_reader_error(const sluice_reader *r)
{
	if (sl_source_one_pass(&r->src) && r->err.status < 0 && !r->err_located && r->err.line) {
		/* of several inputs, name the one at fault and the line in it. Only a stream reads several
		 * inputs as one (sluice_reader_open_paths maps a single file only): for a mapped file or a
		 * caller's buffer the name and the line are already the input's own. */
		sluice_reader *w = (sluice_reader *)r;
		w->err.file = sl_source_name(&r->src, r->err.offset, r->path);
		w->err.line = sl_source_file_line(&r->src, r->err.offset, r->err.line);
		w->err_located = true;
	}
	return &r->err;
}

void sluice_reader_set_error(sluice_reader *r, const sluice_error *err)
{
	r->err = *err;
	r->err.file = r->path;
	r->failed = true;
}
