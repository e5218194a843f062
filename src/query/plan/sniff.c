/* sniff.c - guessing the dialect: the delimiter and quote from the first bytes, the header from a sample. */
#include <stdlib.h>
#include <string.h>

#include "query/plan/sniff.h"
#include "scan/scan.h"
#include "query/plan/inputs.h"
#include "query/plan/sample.h"
#include "query/values/value.h"

/* Picks the delimiter among , ; TAB | whose count per line is the same and highest over the first
 * lines (outside quotes), then the quote. */
void sq_sniff_delimiter(sluice_query *q)
{
	uint64_t len;
	const uint8_t *p = sluice_reader_bytes(q->r, &len);
	if (len > 65536)
		len = 65536;
	static const uint8_t cands[] = {',', ';', '\t', '|'};
	int best = -1;
	double best_score = 0;
	for (size_t c = 0; c < sizeof cands; c++) {
		size_t counts[32];
		size_t lines = 0, cur = 0;
		bool inq = false;
		for (uint64_t i = 0; i < len && lines < 32; i++) {
			uint8_t b = p[i];
			if (b == '"')
				inq = !inq;
			else if (!inq && b == cands[c])
				cur++;
			else if (!inq && b == '\n') {
				counts[lines++] = cur;
				cur = 0;
			}
		}
		if (lines == 0)
			counts[lines++] = cur;
		if (counts[0] == 0)
			continue;
		size_t same = 0;
		for (size_t i = 0; i < lines; i++)
			same += counts[i] == counts[0];
		double score = (double)same / (double)lines * (double)counts[0];
		if (score > best_score) {
			best_score = score;
			best = (int)c;
		}
	}
	if (best >= 0)
		q->ropts.dialect.delimiter = cands[best];

	/* The quote: ' instead of " when only ' opens fields (right after a delimiter or a line start). */
	if (q->ropts.dialect.quote == '"' && !q->quote_set) {
		const uint8_t dl = q->ropts.dialect.delimiter;
		size_t dq = 0, sq = 0;
		for (uint64_t i = 0; i < len; i++) {
			if (i == 0 || p[i - 1] == dl || p[i - 1] == '\n') {
				dq += p[i] == '"';
				sq += p[i] == '\'';
			}
		}
		if (dq == 0 && sq > 0)
			q->ropts.dialect.quote = '\'';
	}
}

/* sq_sample_fields' callback for sq_sniff_header: the type of field i, merged into types[i] (its first
 * 256 bytes, unescaped). */
static int sniff_header_field(void *user, const sluice_reader *r, size_t i, const sluice_field *f)
{
	int *ty = (int *)user + i;
	char buf[256];
	if (*ty == SQ_T_VARCHAR)
		return 0; /* text stays text (sq_type_merge) */
	size_t n = sluice_field_unescape(sluice_reader_dialect(r), f, buf, sizeof buf);
	if (n)
		*ty = sq_type_merge(*ty, sq_sniff_type(buf, n));
	return 0;
}

/* Decides whether the first record is a header: it is when some column whose sampled values all
 * have a type (number, date, ...) holds in the first record a value that does not have it, or when
 * every column is text (then names are the better guess). Reopens q->r when that changes. */
int sq_sniff_header(sluice_query *q)
{
	sluice_options o = q->ropts;
	o.dialect.header = false;
	o.progress = NULL;
	if (o.reject)
		o.reject = sq_sample_reject;
	sluice_reader *r;
	int rc = sq_open_with(q, &r, &o);
	if (rc)
		return rc;
	sq_sample_fast(r, &o);
	sluice_row row;
	char **first = NULL;
	size_t nfirst = 0;
	int *types = NULL;
	bool header = true;
	rc = sluice_reader_next(r, &row);
	if (rc == SLUICE_OK) {
		nfirst = row.nfields;
		first = calloc(nfirst, sizeof *first);
		types = calloc(nfirst, sizeof *types);
		if (!first || !types)
			rc = SLUICE_ERR_NOMEM;
		for (size_t i = 0; i < nfirst && !rc; i++) {
			first[i] = malloc(row.fields[i].len + 1);
			if (!first[i]) {
				rc = SLUICE_ERR_NOMEM;
				break;
			}
			size_t n = sluice_field_unescape(sluice_reader_dialect(r), &row.fields[i], first[i], row.fields[i].len);
			first[i][n] = '\0';
		}
		/* the next 2000 records; a reader error among them only ends the sample (the scan
		 * reports it) */
		if (!rc && sq_sample_fields(r, 2000, nfirst, NULL, sniff_header_field, types) == SLUICE_ERR_NOMEM)
			rc = SLUICE_ERR_NOMEM;
		bool typed = false, mismatch = false;
		for (size_t i = 0; i < nfirst && !rc; i++) {
			if (types[i] == SQ_T_NULL || types[i] == SQ_T_VARCHAR)
				continue;
			typed = true;
			size_t n = strlen(first[i]);
			if (n && sq_type_merge(types[i], sq_sniff_type(first[i], n)) != types[i])
				mismatch = true;
		}
		header = !typed || mismatch;
	}
	for (size_t i = 0; i < nfirst && first; i++)
		free(first[i]);
	free(first);
	free(types);
	sluice_reader_close(r);
	if (rc < 0)
		return rc;
	if (header != q->ropts.dialect.header) {
		q->ropts.dialect.header = header;
		sluice_reader_close(q->r);
		q->r = NULL;
		return sq_open_reader(q, &q->r);
	}
	return 0;
}
