/* sample.c - the first records of the input, read for the sniffers and type inference. */
#include <stdlib.h>

#include "query/plan/sample.h"
#include "scan/scan.h"
#include "scan/take.h"

/* The reject callback of the readers that only sample the input: the scan reports each reject
 * once, so they pass over bad records without a word. */
void sq_sample_reject(void *user, const sluice_reject *rj)
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
void sq_sample_fast(sluice_reader *r, const sluice_options *o)
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
int sq_sample_fields(sluice_reader *r, uint64_t limit, size_t nout, const bool *want,
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

/* The options of a reader that samples the input. */
sluice_options sq_sample_options(const sluice_query *q)
{
	sluice_options o = q->ropts;
	o.progress = NULL;
	if (o.reject)
		o.reject = sq_sample_reject;
	return o;
}
