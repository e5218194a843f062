/* take.c - the query's fast path: whole records from the indexed entries cut straight into the
 * caller's columns, with no row in between. */
#include "scan/take.h"

#include "scan/reader_state.h"
#include "io/fault.h"
#include "kernels/index.h"

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

/* A regular fill (ix_state's `irregular`): records are groups of the returned number of entries
 * from the cursor's entry up to *reg_end, with no entry to check: with a cut, of nout + 1 entries;
 * without, of the stride learn_stride found (at least nout + 1). 0: none (the general loop of
 * take_columns reads entry by entry; it also takes over at the window's end). */
static inline size_t regular_stride(sluice_reader *r, size_t nout, size_t *reg_end)
{
	const size_t en = r->ix.n, ei = r->ei;
	if (r->ix.irregular)
		return 0;
	if (nout == r->ix.cut) {
		*reg_end = en;
		return nout + 1;
	}
	if (r->ix.cut)
		return 0;
	if (r->reg_fill != r->fills + 1)
		learn_stride(r);
	if (r->reg_stride > nout && ei >= r->reg_from && (ei - r->reg_from) % r->reg_stride == 0) {
		/* never past the entries there are (a skip empties them without a fill) */
		*reg_end = r->reg_end < en ? r->reg_end : en;
		return r->reg_stride;
	}
	return 0;
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
	size_t reg_end = 0;
	const size_t stride = direct ? regular_stride(r, nout, &reg_end) : 0;
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
	(void)rd_fault_error(r);
	return 0; /* next() reports it */
}

size_t sluice_reader_take_columns(sluice_reader *r, size_t max, sluice_field *const *out, size_t nout,
                                  uint64_t *offsets, uint64_t *nfields)
{
	size_t k;
	SLUICE_GUARDED(k, take_columns(r, max, out, nout, offsets, nfields), fault_taken(r));
	return k;
}
