/* fuzz_sniff.c - the sniffer on fuzzed bytes placed before a guard page: every dialect field left
 * to it, what it decides is a valid dialect, and a reader given that dialect reads the same records
 * as the reader that sniffed it, which counts them alike. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "fuzz.h"

/* A record's fields as one string of lengths and bytes, to compare two readings. */
static size_t record_key(const sluice_row *row, uint8_t *out, size_t cap)
{
	size_t n = 0;
	for (size_t i = 0; i < row->nfields && n + 16 < cap; i++) {
		const sluice_field *f = &row->fields[i];
		const size_t len = f->len < cap - n - 16 ? f->len : cap - n - 16;
		memcpy(out + n, &f->len, sizeof f->len);
		n += sizeof f->len;
		if (len)
			memcpy(out + n, f->ptr, len);
		n += len;
	}
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > (1u << 20))
		return 0;
	void *map;
	size_t maplen;
	const uint8_t *in = fuzz_guarded(data, size, &map, &maplen);

	sluice_options o;
	sluice_options_init(&o);
	o.window_size = 64 * (1 + (size_t)(size & 3)); /* small windows: many refills */
	sluice_reader *sniffed = NULL, *given = NULL;
	sluice_error err;
	if (sluice_reader_open_memory(&sniffed, in, size, NULL, &o, &err) != SLUICE_OK) {
		munmap(map, maplen);
		return 0;
	}
	const sluice_sniff_info *si = sluice_reader_sniff_info(sniffed);
	FUZZ_CHECK(sluice_dialect_check(&si->dialect, NULL) == SLUICE_OK);
	FUZZ_CHECK(si->confidence >= 0 && si->confidence <= 1);
	FUZZ_CHECK(si->dialect.delimiter != SLUICE_AUTO && si->dialect.quote != SLUICE_AUTO);
	FUZZ_CHECK(si->dialect.header == 0 || si->dialect.header == 1);
	FUZZ_CHECK(si->dialect.skip >= 0);

	sluice_options g = o;
	g.dialect = si->dialect;
	FUZZ_CHECK(sluice_reader_open_memory(&given, in, size, NULL, &g, &err) == SLUICE_OK);
	FUZZ_CHECK(sluice_reader_sniff_info(given)->sniffed == 0);
	FUZZ_CHECK(sluice_reader_column_count(given) == sluice_reader_column_count(sniffed));

	static uint8_t ka[1 << 16], kb[1 << 16];
	uint64_t records = 0;
	int end;
	for (;;) {
		sluice_row a, b;
		const int ra = sluice_reader_next(sniffed, &a);
		const int rb = sluice_reader_next(given, &b);
		FUZZ_CHECK(ra == rb);
		end = ra;
		if (ra != SLUICE_OK)
			break;
		records++;
		FUZZ_CHECK(a.nfields == b.nfields && a.line == b.line && a.offset == b.offset);
		const size_t na = record_key(&a, ka, sizeof ka), nb = record_key(&b, kb, sizeof kb);
		FUZZ_CHECK(na == nb && memcmp(ka, kb, na) == 0);
	}
	sluice_reader_close(given);
	sluice_reader_close(sniffed);

	/* a count over the sniffed dialect agrees with the records handed out */
	if (end == SLUICE_END && sluice_reader_open_memory(&given, in, size, NULL, &g, &err) == SLUICE_OK) {
		uint64_t n = 0;
		if (sluice_reader_count_records(given, &n) == SLUICE_OK)
			FUZZ_CHECK(n == records);
		sluice_reader_close(given);
	}
	munmap(map, maplen);
	return 0;
}
