/* count.c - counting records without cutting fields, and skipping ahead to an offset: the indexer
 * runs without emitting entries, and lines are counted only where they are needed. */
#include <string.h>

#include "scan/reader_state.h"
#include "io/fault.h"
#include "io/source.h"
#include "kernels/index.h"
#include "kernels/machine.h"

/* with validate_utf8 a count runs in smaller steps, so that the validator reads what the indexer
 * just read while it is still in the L2 cache */
#define UTF8_STEP ((uint64_t)256 << 10)
/* skip_to steps through indexed entries up to this far past the indexer; beyond, it counts */
#define SKIP_NEAR ((uint64_t)256)
/* refills shrink to this while skip_to is in use, so little is indexed only to be skipped */
#define SKIP_FILL ((uint64_t)2 << 10)

/* Line breaks in p[0..n): LF bytes counted a word at a time; exact CR handling only when a CR
 * is present at all. */
uint64_t rd_count_breaks_fast(const uint8_t *p, size_t n, const uint8_t *end)
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
	report_progress_at(r, ix->rec_start, false);
	ix_fill(ix, r->kern, budget);
	r->stats.bytes_indexed += ix->pos > before ? ix->pos - before : 0;
	if (r->opts.validate_utf8) {
		const uint64_t bad = rd_utf8_scan(r);
		if (SLUICE_UNLIKELY(bad != UINT64_MAX)) {
			sync_stats(r);
			return rd_utf8_error(r, from, line_from, bad);
		}
	}
	/* (rec_start may be pos + 1: a step can end between the CR and the LF of a CRLF) */
	if (SLUICE_UNLIKELY(ix->pos > ix->rec_start && ix->pos - ix->rec_start > r->opts.max_record_size) &&
	    ix->mode != IX_ERROR) {
		sync_stats(r);
		return rd_too_large(r, line_from, ix->rec_start);
	}
	return SLUICE_OK;
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
				r->line += rd_count_breaks_fast(r->src.data + counted, (size_t)(ix->rec_start - counted), r->src.data + r->src.len);
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
			r->line += rd_count_breaks_fast(r->src.data + counted, (size_t)(r->rec_start - counted), r->src.data + r->src.len);
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
		r->line += rd_count_breaks_fast(r->src.data + from, (size_t)(r->rec_start - from), r->src.data + r->src.len);
	return SLUICE_OK;
}

static int reader_count(sluice_reader *r, uint64_t *n)
{
	if (r->opts.ragged == SLUICE_RAGGED_ERROR) {
		/* field counts need the fields: count by reading records */
		sluice_row row;
		int rc;
		*n = 0;
		while ((rc = rd_next(r, &row)) == SLUICE_OK)
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
	while ((rc = rd_next_record(r, &row, true)) == SLUICE_OK || rc == DIVERTED)
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
			while ((rc = rd_next_record(r, &row, false)) == SLUICE_OK)
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
						(void)rd_reject_line(r, ix->rec_start, 0);
					if (ix->rec_start > r->rec_start) {
						r->line += rd_count_breaks_fast(r->src.data + r->rec_start,
						                             (size_t)(ix->rec_start - r->rec_start),
						                             r->src.data + r->src.len);
						r->rec_start = ix->rec_start;
					}
				}
				release_behind(r, ix->rec_start);
			}
			sync_stats(r);
			if (ix->mode == IX_DONE && rd_next_part(r))
				continue; /* the next input of several */
			if (ix->mode != IX_ERROR)
				break;
			uint64_t rs = ix->rec_start <= ix->err_pos ? ix->rec_start : r->rec_start;
			if (!diverting(r)) {
				r->line += count_breaks(r->src.data + r->rec_start, (size_t)(rs - r->rec_start), r->src.data + r->src.len);
				return rd_data_error(r, SLUICE_ERR_QUOTE, rs, ix->err_pos, ix_field_number(ix, rs, ix->err_pos),
				                  ix->err_msg);
			}
			/* the records before it are counted; it is not */
			total += ix->count;
			ix->count = 0;
			rc = rd_divert_quote(r, rs, r->rec_start, false);
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

static int reader_skip_to(sluice_reader *r, uint64_t offset)
{
	uint64_t n = 0;
	return skip_to(r, offset, &n);
}

int sluice_reader_count_serial(sluice_reader *r, uint64_t *n)
{
	int rc;
	SLUICE_GUARDED(rc, reader_count(r, n), rd_fault_error(r));
	return rc;
}

sluice_status sluice_reader_skip_to(sluice_reader *r, uint64_t offset)
{
	int rc;
	SLUICE_GUARDED(rc, reader_skip_to(r, offset), rd_fault_error(r));
	return rc;
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
