/* cursor.c - the record cursor: drives the indexer a window at a time over the byte source and
 * hands out records (next), with the projection, ranges and page release that shape it. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scan/reader_state.h"
#include "scan/scan.h"
#include "io/fault.h"
#include "io/source.h"
#include "kernels/index.h"
#include "kernels/machine.h"
#include "kernels/utf8.h"

/* Validates the bytes the indexer has passed since the last call, up to a sequence that the
 * indexer's stop cuts (it is checked whole next time). Returns the offset of the first invalid
 * byte, or UINT64_MAX; a strict quoting error before that byte takes precedence and hides it. */
uint64_t rd_utf8_scan(sluice_reader *r)
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

int rd_grow_fields(sluice_reader *r)
{
	size_t cap = r->fcap ? r->fcap * 2 : 64;
	sluice_field *f = realloc(r->fields, cap * sizeof *f);
	if (!f) {
		r->failed = true;
		rd_set_error(&r->err, r->path, SLUICE_ERR_NOMEM, ENOMEM, "out of memory for %s", "fields");
		return SLUICE_ERR_NOMEM;
	}
	r->fields = f;
	r->fcap = cap;
	return SLUICE_OK;
}

/* The fewest delimiters per record beyond twice the projection's that make the indexer cut */
#define CUT_MIN_DROPPED 8

/* Runs the indexer for the next window. Returns 0, or a negative status. */
static int refill(sluice_reader *r, uint64_t *rec_start, uint64_t *fs, size_t *nf)
{
	ix_state *ix = &r->ix;
	if (ix->mode == IX_ERROR)
		return rd_indexer_error(r, *rec_start, *nf);
	if (ix->pos > *rec_start && ix->pos - *rec_start > r->opts.max_record_size) {
		char msg[96];
		snprintf(msg, sizeof msg, "record longer than the maximum record size (%llu bytes)",
		         (unsigned long long)r->opts.max_record_size);
		return rd_data_error(r, SLUICE_ERR_RECORD_TOO_LARGE, *rec_start, *rec_start, 1, msg);
	}
	release_behind(r, *rec_start);
	int frc = feed(r, ix->pos + r->fill_budget);
	if (frc != SLUICE_OK)
		return frc;
	report_progress_at(r, *rec_start, false);
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
		const uint64_t bad = rd_utf8_scan(r);
		if (SLUICE_UNLIKELY(bad != UINT64_MAX)) {
			/* Hand out the records that end before the bad byte, then stop with the error. */
			while (ix->n && ix->base + ix->ent[ix->n - 1] >= bad)
				ix->n--;
			r->utf8_bad = bad;
			ix->mode = IX_ERROR;
		}
	}
	if (ix->mode == IX_ERROR && ix->n == 0)
		return rd_indexer_error(r, *rec_start, *nf);
	return SLUICE_OK;
}

/* The input has ended (no entry ends the field at fs): the last field of the record in progress
 * runs to the end, unless there is no record left. Returns SLUICE_OK, SLUICE_END, or
 * SLUICE_ERR_NOMEM. (Inline: its counters stay the caller's registers.) */
static inline int last_field(sluice_reader *r, const ix_dialect *d, uint64_t fs, size_t *nf, size_t *nskip,
                             uint64_t *breaks)
{
	const uint8_t *const data = r->src.data, *const data_end = r->src.data + r->src.len;
	if (fs >= r->src.len && *nf == 0) {
		sync_stats(r);
		return SLUICE_END;
	}
	if (*nf == r->fcap && rd_grow_fields(r) != SLUICE_OK)
		return SLUICE_ERR_NOMEM;
	if (*nf < r->max_fields) {
		*breaks += cut_field(d, data, data_end, &r->fields[(*nf)++], fs, r->src.len);
	} else {
		++*nskip;
		if (d->has_quote && fs < r->src.len && data[fs] == d->quote)
			*breaks += count_breaks(data + fs, (size_t)(r->src.len - fs), data_end);
	}
	return SLUICE_OK;
}

bool rd_next_part(sluice_reader *r)
{
	if (!r->src.part_end || r->rec_start > r->src.len)
		return false;
	const uint64_t start = r->src.len;
	if (r->track_lines && start > r->rec_start)
		r->line += rd_count_breaks_fast(r->src.data + r->rec_start, (size_t)(start - r->rec_start),
		                                r->src.data + start);
	if (!sl_source_next_part(&r->src))
		return false;
	ix_state *ix = &r->ix;
	ix->n = 0;
	r->ei = 0;
	ix->pos = start;
	ix->rec_start = start;
	ix->mode = IX_SIMD;
	ix->sm = SM_RECORD_START;
	ix->rec_flags = 0;
	ix->restart = UINT64_MAX;
	ix_reset_carries(ix);
	r->rec_start = start;
	r->utf8_pos = start;
	return true;
}

/* Reads the next record, counting skipped lines too. In drain mode it reads only what the
 * indexer has already emitted and returns NEED_MORE instead of indexing further. */
int rd_next_record(sluice_reader *r, sluice_row *row, bool drain)
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
					if (nf == 0 && fs >= r->src.len && rd_next_part(r)) {
						rs = fs = next = r->rec_start; /* the next input's first record */
						continue;
					}
					const int rc = last_field(r, d, fs, &nf, &nskip, &breaks);
					if (rc != SLUICE_OK)
						return rc;
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
					if (rd_grow_fields(r) != SLUICE_OK)
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
			return rd_divert_row(r, SLUICE_ERR_RAGGED, row->offset, row->line, (have < want ? have : want) + 1, msg);
		int rc = rd_data_error(r, SLUICE_ERR_RAGGED, row->offset, row->offset, (have < want ? have : want) + 1, msg);
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
		if (row->nfields == r->fcap && rd_grow_fields(r) != SLUICE_OK)
			return SLUICE_ERR_NOMEM;
		row->fields = r->fields;
		r->fields[row->nfields++] = (sluice_field){"", 0, SLUICE_FIELD_MISSING};
	}
	r->stats.ragged_padded++;
	return SLUICE_OK;
}

int rd_next(sluice_reader *r, sluice_row *row)
{
	int rc;
	do {
		rc = rd_next_record(r, row, false);
		if (rc == SLUICE_OK && r->opts.ragged != SLUICE_RAGGED_KEEP)
			rc = ragged(r, row);
	} while (rc == DIVERTED);
	if (rc == SLUICE_OK) {
		row->index = r->nrecords++;
		r->stats.records = r->nrecords;
	}
	return rc;
}

sluice_status sluice_reader_next(sluice_reader *r, sluice_row *row)
{
	int rc;
	SLUICE_GUARDED(rc, rd_next(r, row), rd_fault_error(r));
	return rc;
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
		/* The bytes of the range this reader read so far are its to report (a fresh reader has
		 * none: it has no range, and the header it may have read is the planning reader's);
		 * those up to start are another range's. */
		if (r->range_end != UINT64_MAX)
			report_progress_at(r, r->rec_start, true);
		if (r->src.kind == SL_SOURCE_MAP && start > r->progress_at)
			r->progress_at = start;
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
