/* scan.c - the scan: input batches filled (the reader's fast path, the prefilter, misfit diversion, eager
 * decoding); exec/op_scan.c makes them the scan operator. */
#include <stdio.h>
#include <string.h>

#include "query/exec/scan.h"
#include "kernels/decimals.h"
#include "kernels/index.h"
#include "scan/scan.h"
#include "scan/take.h"
#include "io/fault.h"
#include "query/exec/eval.h"
#include "query/values/cast.h"
#include "query/values/value.h"

int sq_reader_failed(sluice_query *q, int rc)
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
			return sq_reader_failed(q, rc);
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
		const bool fits = type == SQ_T_VARCHAR || sq_parse_as_fmt(type, &q->in_fmt[q->slot_col[s]], p, n, &v);
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
	return rc ? sq_reader_failed(q, rc) : 0;
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
int sq_fill_batch(sluice_query *q)
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
			return sq_reader_failed(q, rc);
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

__attribute__((cold, noinline)) int sq_query_fault(sluice_query *q)
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
