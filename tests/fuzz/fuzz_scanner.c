/* fuzz_scanner.c - every kernel against the reference parser on fuzzed bytes placed before a guard page. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "../kernels/reference.h"
#include "fuzz.h"
#include "scan/take.h"

/* The input's first two bytes choose the dialect and the window; the rest is the CSV. */
static void pick_dialect(uint8_t a, uint8_t b, sluice_options *o)
{
	sluice_options_init(o);
	sluice_dialect_fill_auto(&o->dialect); /* the dialect under test is given, not sniffed */
	sluice_dialect *d = &o->dialect;
	d->header = false;
	if (a & 1)
		d->strict = true;
	if (a & 2)
		d->escape = '\\';
	if (a & 4)
		strcpy(d->comment, "#");
	if (a & 8)
		d->trim = true;
	if (a & 16)
		d->skip_empty_lines = true;
	if (a & 32)
		d->double_quote = false;
	if (a & 64)
		d->quote = SLUICE_NO_CHAR;
	if (a & 128)
		d->delimiter = ';';
	o->window_size = 64 * (1 + (size_t)(b & 7));
}

/* Reads in with sluice_reader_next and checks every record against the reference: all of them,
 * or with wanted (4 flags) a projection read with line tracking off, as queries read (the
 * indexer then drops the delimiters past the last projected field). */
static void check_records(const sluice_options *o, const uint8_t *in, size_t len, const ref_result *want,
                          const bool *wanted)
{
	sluice_reader *r;
	sluice_error err;
	if (sluice_reader_open_memory(&r, in, len, NULL, o, &err) != SLUICE_OK) {
		FUZZ_CHECK(want->error != REF_ERR_NONE); /* a strict error can surface at open */
		return;
	}
	size_t maxf = SIZE_MAX;
	if (wanted) {
		maxf = 0;
		for (size_t j = 0; j < 4; j++)
			if (wanted[j])
				maxf = j + 1;
		sluice_reader_set_line_tracking(r, false);
		FUZZ_CHECK(sluice_reader_set_columns(r, wanted, 4) == SLUICE_OK);
	}
	sluice_row row;
	int rc;
	size_t i = 0;
	char *buf = malloc(len + 1);
	while ((rc = sluice_reader_next(r, &row)) == SLUICE_OK) {
		FUZZ_CHECK(i < want->nrecords);
		const ref_record *w = &want->records[i++];
		FUZZ_CHECK(row.offset == w->offset);
		if (!wanted) {
			FUZZ_CHECK(row.nfields == w->nfields);
			FUZZ_CHECK(row.line == w->line);
		} else if (maxf == 0) {
			FUZZ_CHECK(row.nfields <= 1); /* nothing projected: only the record ends matter */
		} else {
			FUZZ_CHECK(row.nfields == (w->nfields < maxf ? w->nfields : maxf));
		}
		for (size_t f = 0; f < row.nfields && f < maxf; f++) {
			if (wanted && !wanted[f])
				continue;
			size_t n = sluice_field_unescape(&o->dialect, &row.fields[f], buf, len + 1);
			FUZZ_CHECK(n == w->fields[f].len && memcmp(buf, w->fields[f].data, n) == 0);
			FUZZ_CHECK(!!(row.fields[f].flags & SLUICE_FIELD_QUOTED) == w->fields[f].quoted);
		}
	}
	free(buf);
	if (want->error != REF_ERR_NONE) {
		FUZZ_CHECK(rc == SLUICE_ERR_QUOTE);
		FUZZ_CHECK(sluice_reader_error(r)->offset == want->err_offset);
	} else {
		FUZZ_CHECK(rc == SLUICE_END && i == want->nrecords);
	}
	sluice_reader_close(r);
}

/* Reads the projection as queries do, with sluice_reader_take_columns three records at a time
 * and next() when it takes none, and checks the wanted fields against the reference (a field past
 * a record's last comes as {NULL, 0, 0}). */
static void check_taken(const sluice_options *o, const uint8_t *in, size_t len, const ref_result *want,
                        const bool *wanted)
{
	sluice_reader *r;
	sluice_error err;
	if (sluice_reader_open_memory(&r, in, len, NULL, o, &err) != SLUICE_OK)
		return; /* check_records checks the open */
	sluice_reader_set_line_tracking(r, false);
	FUZZ_CHECK(sluice_reader_set_columns(r, wanted, 4) == SLUICE_OK);
	size_t nout = 0;
	for (size_t j = 0; j < 4; j++)
		if (wanted[j])
			nout = j + 1;
	sluice_field cols[4][3];
	sluice_field *out[4];
	for (size_t j = 0; j < 4; j++)
		out[j] = wanted[j] ? cols[j] : NULL;
	uint64_t offsets[3];
	char *buf = malloc(len + 1);
	size_t i = 0;
	int rc = SLUICE_OK;
	for (;;) {
		uint64_t nf = 0;
		size_t k = nout ? sluice_reader_take_columns(r, 3, out, nout, offsets, &nf) : 0;
		if (k == 0) {
			sluice_row row;
			if ((rc = sluice_reader_next(r, &row)) != SLUICE_OK)
				break;
			for (size_t j = 0; j < nout; j++)
				if (out[j])
					cols[j][0] = j < row.nfields ? row.fields[j] : (sluice_field){NULL, 0, 0};
			offsets[0] = row.offset;
			k = 1;
		}
		for (size_t t = 0; t < k; t++) {
			FUZZ_CHECK(i < want->nrecords);
			const ref_record *w = &want->records[i++];
			FUZZ_CHECK(offsets[t] == w->offset);
			for (size_t j = 0; j < nout; j++) {
				if (!out[j])
					continue;
				if (j >= w->nfields) {
					FUZZ_CHECK(cols[j][t].ptr == NULL && cols[j][t].len == 0);
					continue;
				}
				size_t n = sluice_field_unescape(&o->dialect, &cols[j][t], buf, len + 1);
				FUZZ_CHECK(n == w->fields[j].len && memcmp(buf, w->fields[j].data, n) == 0);
			}
		}
	}
	free(buf);
	if (want->error != REF_ERR_NONE)
		FUZZ_CHECK(rc == SLUICE_ERR_QUOTE && sluice_reader_error(r)->offset == want->err_offset);
	else
		FUZZ_CHECK(rc == SLUICE_END && i == want->nrecords);
	sluice_reader_close(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 2)
		return 0;
	sluice_options o;
	pick_dialect(data[0], data[1], &o);
	const uint8_t *csv = data + 2;
	const size_t len = size - 2;
	void *map;
	size_t maplen;
	const uint8_t *in = fuzz_guarded(csv, len, &map, &maplen);

	ref_result want;
	if (ref_parse(in, len, &o.dialect, &want) != 0)
		abort();
	bool wanted[4];
	for (int j = 0; j < 4; j++)
		wanted[j] = (data[1] >> (4 + j)) & 1;
	for (int k = SLUICE_KERNEL_SCALAR; k < SLUICE_KERNEL_COUNT; k++) {
		if (!sluice_kernel_supported((sluice_kernel)k))
			continue;
		o.kernel = (sluice_kernel)k;
		check_records(&o, in, len, &want, NULL);
		check_records(&o, in, len, &want, wanted);
		check_taken(&o, in, len, &want, wanted);
		/* count agrees with the records */
		sluice_reader *r;
		sluice_error err;
		if (sluice_reader_open_memory(&r, in, len, NULL, &o, &err) == SLUICE_OK) {
			uint64_t n;
			int rc = sluice_reader_count_records(r, &n);
			if (want.error == REF_ERR_NONE)
				FUZZ_CHECK(rc == SLUICE_OK && n == want.nrecords);
			else
				FUZZ_CHECK(rc == SLUICE_ERR_QUOTE);
			sluice_reader_close(r);
		}
	}
	ref_result_free(&want);
	munmap(map, maplen);
	return 0;
}
