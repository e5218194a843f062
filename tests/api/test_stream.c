/* test_stream.c - streamed inputs (pipes, gzip, zstd, xz, bzip2, several files as one table) read the
 * same records as the mapped file they were made from; what is not CSV text is refused (UTF-16 and
 * the other encodings: test_encoding.c). */
#include <criterion/criterion.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <bzlib.h>
#include <lzma.h>
#include <zstd.h>

#include "feed.h"
#include "fixture.h"
#include "sluice.h"

/* A table of about `size` bytes with the awkward parts: quoted line breaks (LF and CRLF), doubled
 * quotes, empty fields, and now and then a field longer than the stream's read-ahead. */
static char *make_table(size_t size, size_t *len)
{
	size_t cap = size + (1u << 20);
	char *p = malloc(cap);
	cr_assert_not_null(p);
	size_t n = (size_t)snprintf(p, cap, "id,name,note,amount\n");
	uint64_t x = 88172645463325252ull;
	for (uint64_t id = 0; n < size; id++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		n += (size_t)snprintf(p + n, cap - n, "%llu,", (unsigned long long)id);
		switch (x % 7) {
		case 0:
			n += (size_t)snprintf(p + n, cap - n, "\"line\nbreak\",");
			break;
		case 1:
			n += (size_t)snprintf(p + n, cap - n, "\"say \"\"hi\"\"\r\nthere\",");
			break;
		case 2:
			n += (size_t)snprintf(p + n, cap - n, ",");
			break;
		default:
			n += (size_t)snprintf(p + n, cap - n, "name%llu,", (unsigned long long)(x % 1000));
			break;
		}
		if (x % 997 == 0) {
			/* a field of 100 KiB, quoted, with line breaks in it */
			p[n++] = '"';
			for (size_t i = 0; i < 100000; i++)
				p[n++] = i % 1000 == 999 ? '\n' : (char)('a' + i % 26);
			p[n++] = '"';
		} else {
			n += (size_t)snprintf(p + n, cap - n, "note %llu", (unsigned long long)(x >> 40));
		}
		n += (size_t)snprintf(p + n, cap - n, ",%llu.%02llu%s", (unsigned long long)(x % 500),
		                      (unsigned long long)(x % 100), x % 5 == 0 ? "\r\n" : "\n");
	}
	*len = n;
	return p;
}

/* What a reader hands out, reduced to a hash over every field's value, the record count, and the
 * sums of line numbers and field counts. */
typedef struct digest {
	uint64_t hash, records, lines, fields;
} digest;

#define DIGEST_INIT {1469598103934665603ull, 0, 0, 0}

/* Adds a record to d (buf: 1 MiB of scratch). */
static void digest_row(digest *d, const sluice_reader *r, const sluice_row *row, char *buf)
{
	d->records++;
	d->lines += row->line;
	d->fields += row->nfields;
	for (size_t i = 0; i < row->nfields; i++) {
		size_t n = sluice_field_unescape(sluice_reader_dialect(r), &row->fields[i], buf, 1 << 20);
		for (size_t k = 0; k < n; k++)
			d->hash = (d->hash ^ (uint8_t)buf[k]) * 1099511628211ull;
		d->hash = (d->hash ^ 0x1f) * 1099511628211ull;
	}
}

static digest read_all(sluice_reader *r)
{
	digest d = DIGEST_INIT;
	sluice_row row;
	int rc;
	char *buf = malloc(1 << 20);
	while ((rc = sluice_reader_next(r, &row)) == SLUICE_OK)
		digest_row(&d, r, &row, buf);
	free(buf);
	cr_assert_eq(rc, SLUICE_END, "%s: %s", sluice_status_name(rc), sluice_reader_error(r)->message);
	return d;
}

static digest digest_path(const char *path)
{
	sluice_reader *r;
	sluice_error err;
	int rc = sluice_reader_open(&r, path, NULL, &err);
	cr_assert_eq(rc, SLUICE_OK, "%s: %s", path, err.message);
	digest d = read_all(r);
	sluice_reader_close(r);
	return d;
}

static void assert_same(digest a, digest b, const char *what)
{
	cr_assert_eq(a.records, b.records, "%s: %llu records, expected %llu", what, (unsigned long long)a.records,
	             (unsigned long long)b.records);
	cr_assert_eq(a.hash, b.hash, "%s: the field values differ", what);
	cr_assert_eq(a.fields, b.fields, "%s: field counts differ", what);
	cr_assert_eq(a.lines, b.lines, "%s: line numbers differ", what);
}

static uint64_t count_path(const char *path)
{
	sluice_reader *r;
	sluice_error err;
	cr_assert_eq(sluice_reader_open(&r, path, NULL, &err), SLUICE_OK, "%s", err.message);
	uint64_t n = 0;
	cr_assert_eq(sluice_reader_count_records(r, &n), SLUICE_OK, "%s", sluice_reader_error(r)->message);
	sluice_reader_close(r);
	return n;
}

Test(stream, pipe_reads_the_same_records_as_the_file, .timeout = 120)
{
	size_t n;
	char *table = make_table((size_t)20 << 20, &n);
	char *path = fixture_write(table, n);
	const digest want = digest_path(path);

	fixture_pipe fp;
	fixture_pipe_open(&fp, table, n);
	assert_same(digest_path(fp.path), want, "pipe");
	fixture_pipe_close(&fp);
	fixture_remove(path);
	free(table);
}

Test(stream, gzip_and_zstd_read_the_same_records_as_the_file, .timeout = 120)
{
	size_t n;
	char *table = make_table((size_t)12 << 20, &n);
	char *plain = fixture_write(table, n);
	const digest want = digest_path(plain);
	const uint64_t count = count_path(plain);

	size_t gl;
	char *gz = fixture_gzip(table, n, &gl);
	char *gzpath = fixture_write(gz, gl);
	assert_same(digest_path(gzpath), want, "gzip");
	cr_assert_eq(count_path(gzpath), count, "gzip count");

	/* two gzip members, cut inside a record, decode as one */
	size_t cut = n / 2 + 3, l1, l2;
	char *g1 = fixture_gzip(table, cut, &l1);
	char *g2 = fixture_gzip(table + cut, n - cut, &l2);
	char *both = malloc(l1 + l2);
	memcpy(both, g1, l1);
	memcpy(both + l1, g2, l2);
	char *mpath = fixture_write(both, l1 + l2);
	assert_same(digest_path(mpath), want, "two gzip members");

	size_t zcap = ZSTD_compressBound(n);
	char *zs = malloc(zcap);
	size_t zl = ZSTD_compress(zs, zcap, table, n, 1);
	cr_assert(!ZSTD_isError(zl));
	char *zpath = fixture_write(zs, zl);
	assert_same(digest_path(zpath), want, "zstd");
	cr_assert_eq(count_path(zpath), count, "zstd count");

	/* a query reads the compressed file like the plain one */
	char sql[512];
	sluice_query *q;
	sluice_error err;
	double sums[2];
	const char *paths[2] = {plain, zpath};
	for (int i = 0; i < 2; i++) {
		snprintf(sql, sizeof sql, "SELECT sum(amount) FROM '%s' WHERE name = 'name7'", paths[i]);
		cr_assert_eq(sluice_query_open(&q, sql, NULL, &err), SLUICE_OK, "%s", err.message);
		const sluice_value *row;
		cr_assert_eq(sluice_query_next(q, &row), SLUICE_OK, "%s", sluice_query_error(q)->message);
		sums[i] = row[0].u.d;
		sluice_query_close(q);
	}
	cr_assert_eq(sums[0], sums[1]);

	fixture_remove(plain);
	fixture_remove(gzpath);
	fixture_remove(mpath);
	fixture_remove(zpath);
	free(table);
	free(gz);
	free(g1);
	free(g2);
	free(both);
	free(zs);
}

static char *xz_bytes(const char *p, size_t n, size_t *out_len)
{
	size_t cap = lzma_stream_buffer_bound(n);
	char *out = malloc(cap);
	cr_assert_not_null(out);
	*out_len = 0;
	cr_assert_eq(lzma_easy_buffer_encode(1, LZMA_CHECK_CRC64, NULL, (const uint8_t *)p, n, (uint8_t *)out, out_len, cap),
	             LZMA_OK);
	return out;
}

static char *bzip2_bytes(const char *p, size_t n, size_t *out_len)
{
	unsigned cap = (unsigned)(n + n / 100 + 600);
	char *out = malloc(cap);
	cr_assert_not_null(out);
	cr_assert_eq(BZ2_bzBuffToBuffCompress(out, &cap, (char *)p, (unsigned)n, 1, 0, 0), BZ_OK);
	*out_len = cap;
	return out;
}

/* a then b, in one buffer */
static char *joined(const char *a, size_t al, const char *b, size_t bl)
{
	char *p = malloc(al + bl);
	cr_assert_not_null(p);
	memcpy(p, a, al);
	memcpy(p + al, b, bl);
	return p;
}

Test(stream, xz_and_bzip2_read_the_same_records_as_the_file, .timeout = 120)
{
	size_t n;
	char *table = make_table((size_t)6 << 20, &n);
	char *plain = fixture_write(table, n);
	const digest want = digest_path(plain);
	const uint64_t count = count_path(plain);
	char *(*const encode[2])(const char *, size_t, size_t *) = {xz_bytes, bzip2_bytes};
	const char *const names[2] = {"xz", "bzip2"};
	for (int k = 0; k < 2; k++) {
		size_t l;
		char *c = encode[k](table, n, &l);
		char *path = fixture_write(c, l);
		assert_same(digest_path(path), want, names[k]);
		cr_assert_eq(count_path(path), count, "%s count", names[k]);
		/* two streams, cut inside a record, decode as one */
		const size_t cut = n / 3 + 5;
		size_t l1, l2;
		char *c1 = encode[k](table, cut, &l1);
		char *c2 = encode[k](table + cut, n - cut, &l2);
		char *both = joined(c1, l1, c2, l2);
		char *bpath = fixture_write(both, l1 + l2);
		char what[64];
		snprintf(what, sizeof what, "%s, two streams", names[k]);
		assert_same(digest_path(bpath), want, what);
		fixture_remove(path);
		fixture_remove(bpath);
		free(c);
		free(c1);
		free(c2);
		free(both);
	}
	fixture_remove(plain);
	free(table);
}

/* Opens path and reads it to its end; the status it stopped with, err its error. */
static int read_to_end(const char *path, sluice_error *err, sluice_reader **r)
{
	int rc = sluice_reader_open(r, path, NULL, err);
	if (rc == SLUICE_OK) {
		sluice_row row;
		while ((rc = sluice_reader_next(*r, &row)) == SLUICE_OK)
			;
		*err = *sluice_reader_error(*r); /* its file name lives as long as the reader */
	}
	return rc;
}

Test(stream, truncated_xz_and_bzip2_are_errors)
{
	size_t n;
	char *table = make_table((size_t)1 << 20, &n);
	char *(*const encode[2])(const char *, size_t, size_t *) = {xz_bytes, bzip2_bytes};
	const char *const says[2] = {"truncated", "truncated bzip2"};
	for (int k = 0; k < 2; k++) {
		size_t l;
		char *c = encode[k](table, n, &l);
		char *path = fixture_write(c, l / 2);
		sluice_reader *r = NULL;
		sluice_error err;
		const int rc = read_to_end(path, &err, &r);
		cr_assert_eq(rc, SLUICE_ERR_IO, "%s", sluice_status_name(rc));
		cr_assert(strstr(err.message, says[k]), "message: %s", err.message);
		cr_assert_str_eq(err.file, path);
		sluice_reader_close(r);
		fixture_remove(path);
		free(c);
	}
	free(table);
}

Test(stream, what_is_not_csv_text_is_refused)
{
	static const struct {
		const char *bytes;
		size_t len;
		const char *says;
	} cases[] = {
		{"%PDF-1.7\n1 0 obj\n", 17, "a PDF document"},
		{"PAR1\x15\x04", 6, "Parquet"},
		{"SQLite format 3\x00\x10\x00", 19, "SQLite"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *path = fixture_write(cases[i].bytes, cases[i].len);
		sluice_reader *r = NULL;
		sluice_error err;
		const int rc = read_to_end(path, &err, &r);
		cr_assert_eq(rc, SLUICE_ERR_FORMAT, "case %zu: %s", i, sluice_status_name(rc));
		cr_assert(strstr(err.message, cases[i].says), "case %zu: %s", i, err.message);
		cr_assert_str_eq(err.file, path);
		sluice_reader_close(r);
		fixture_remove(path);
	}
	/* binary data: a tenth or more of control bytes; a NUL now and then is data */
	char bin[2048], text[2048];
	for (size_t i = 0; i < sizeof bin; i++) {
		bin[i] = (char)(i * 7 % 256);
		text[i] = i % 200 == 3 ? '\0' : i % 20 == 19 ? '\n' : (char)('a' + i % 26);
	}
	char *bpath = fixture_write(bin, sizeof bin), *tpath = fixture_write(text, sizeof text);
	sluice_reader *r = NULL;
	sluice_error err;
	cr_assert_eq(read_to_end(bpath, &err, &r), SLUICE_ERR_FORMAT);
	sluice_reader_close(r);
	r = NULL;
	cr_assert_eq(read_to_end(tpath, &err, &r), SLUICE_END, "%s", err.message);
	sluice_reader_close(r);
	fixture_remove(bpath);
	fixture_remove(tpath);
}

Test(stream, truncated_compressed_input_is_an_error)
{
	size_t n;
	char *table = make_table((size_t)1 << 20, &n);
	size_t gl;
	char *gz = fixture_gzip(table, n, &gl);
	char *path = fixture_write(gz, gl / 2);
	sluice_reader *r = NULL;
	sluice_error err;
	int rc = sluice_reader_open(&r, path, NULL, &err);
	if (rc == SLUICE_OK) {
		sluice_row row;
		while ((rc = sluice_reader_next(r, &row)) == SLUICE_OK)
			;
		err = *sluice_reader_error(r); /* its file name lives as long as the reader */
	}
	cr_assert_eq(rc, SLUICE_ERR_IO, "%s", sluice_status_name(rc));
	cr_assert(strstr(err.message, "truncated gzip"), "message: %s", err.message);
	cr_assert_str_eq(err.file, path);
	sluice_reader_close(r);
	fixture_remove(path);
	free(gz);
	free(table);
}

Test(stream, several_files_read_as_one_table, .timeout = 120)
{
	size_t n;
	char *table = make_table((size_t)6 << 20, &n);
	char *whole = fixture_write(table, n);
	const digest want = digest_path(whole);

	/* cut the records into three files at record starts, each with the header; the second
	 * without its final line break, the third gzip'd */
	sluice_reader *r;
	cr_assert_eq(sluice_reader_open(&r, whole, NULL, NULL), SLUICE_OK);
	sluice_row row;
	uint64_t first = UINT64_MAX, cut1 = 0, cut2 = 0, k = 0;
	while (sluice_reader_next(r, &row) == SLUICE_OK) {
		if (first == UINT64_MAX)
			first = row.offset;
		if (k == want.records / 3)
			cut1 = row.offset;
		if (k == want.records * 2 / 3)
			cut2 = row.offset;
		k++;
	}
	sluice_reader_close(r);
	const size_t hl = (size_t)first;
	char *b = malloc(n + 2 * hl);
	size_t l = 0;
	memcpy(b, table, (size_t)cut1);
	char *p1 = fixture_write(b, (size_t)cut1);
	memcpy(b, table, hl);
	l = hl;
	memcpy(b + l, table + cut1, (size_t)(cut2 - cut1));
	l += (size_t)(cut2 - cut1);
	cr_assert(b[l - 1] == '\n');
	l--;
	if (b[l - 1] == '\r')
		l--;
	char *p2 = fixture_write(b, l);
	memcpy(b, table, hl);
	memcpy(b + hl, table + cut2, (size_t)(n - cut2));
	size_t gl;
	char *gz = fixture_gzip(b, hl + (size_t)(n - cut2), &gl);
	char *p3 = fixture_write(gz, gl);

	const char *paths[3] = {p1, p2, p3};
	sluice_error err;
	cr_assert_eq(sluice_reader_open_paths(&r, paths, 3, NULL, &err), SLUICE_OK, "%s", err.message);
	digest got = DIGEST_INIT;
	char *buf = malloc(1 << 20);
	size_t from[3] = {0, 0, 0};
	int rc;
	while ((rc = sluice_reader_next(r, &row)) == SLUICE_OK) {
		digest_row(&got, r, &row, buf);
		const char *src = sluice_reader_source(r, row.offset);
		for (int i = 0; i < 3; i++)
			from[i] += strcmp(src, paths[i]) == 0;
	}
	cr_assert_eq(rc, SLUICE_END, "%s", sluice_reader_error(r)->message);
	sluice_reader_close(r);
	got.lines = want.lines; /* lines count in each file: not the single file's */
	assert_same(got, want, "three files");
	cr_assert_eq(from[0], want.records / 3, "records from the first file: %zu", from[0]);
	cr_assert_eq(from[0] + from[1] + from[2], want.records);
	cr_assert_eq(from[1], want.records * 2 / 3 - want.records / 3);

	/* a file whose header differs is named */
	char *other = fixture_write("id,name\n1,2\n", 12);
	const char *bad[3] = {p1, other, p2};
	r = NULL;
	rc = sluice_reader_open_paths(&r, bad, 3, NULL, &err);
	if (rc == SLUICE_OK) {
		while ((rc = sluice_reader_next(r, &row)) == SLUICE_OK)
			;
		err = *sluice_reader_error(r);
	}
	cr_assert_eq(rc, SLUICE_ERR_HEADER, "%s", sluice_status_name(rc));
	cr_assert_str_eq(err.file, other);
	sluice_reader_close(r);

	fixture_remove(whole);
	fixture_remove(p1);
	fixture_remove(p2);
	fixture_remove(p3);
	fixture_remove(other);
	free(buf);
	free(b);
	free(gz);
	free(table);
}

Test(stream, errors_name_the_file_and_its_own_line)
{
	char *p1 = fixture_write("a,b\n1,2\n3,4\n", 12);
	char *p2 = fixture_write("a,b\n5,6\n7,\"8\n", 13);
	const char *paths[2] = {p1, p2};
	sluice_options o = fixture_options();
	o.dialect.strict = true;
	sluice_reader *r;
	sluice_error err;
	cr_assert_eq(sluice_reader_open_paths(&r, paths, 2, &o, &err), SLUICE_OK, "%s", err.message);
	sluice_row row;
	int rc;
	int n = 0;
	while ((rc = sluice_reader_next(r, &row)) == SLUICE_OK)
		n++;
	cr_assert_eq(n, 3);
	cr_assert_eq(rc, SLUICE_ERR_QUOTE, "%s", sluice_status_name(rc));
	const sluice_error *e = sluice_reader_error(r);
	cr_assert_str_eq(e->file, p2);
	cr_assert_eq(e->line, 3, "line %llu", (unsigned long long)e->line);
	cr_assert_eq(e->column, 2);
	sluice_reader_close(r);
	fixture_remove(p1);
	fixture_remove(p2);
}

/* A quoted field left open at the end of one input of several ends with that input: the next
 * input's records are read as they are, by the cursor and by a count alike (a stream held back
 * by a small window too), the repair is counted once, and strict reading names the first file. */
Test(stream, open_quote_ends_with_its_file)
{
	char *p1 = fixture_write("a,b\n1,\"ok\"\n2,\"open\n", 20);
	char *p2 = fixture_write("a,b\n3,x\n4,y\n", 12);
	char *p3 = fixture_write("a,b\n", 4);
	const char *paths[4] = {p1, p3, p2, p1};
	for (int way = 0; way < 3; way++) {
		sluice_options o = fixture_options();
		if (way == 2)
			o.window_size = 64; /* the smallest: many refills */
		sluice_reader *r;
		sluice_error err;
		cr_assert_eq(sluice_reader_open_paths(&r, paths, 4, &o, &err), SLUICE_OK, "%s", err.message);
		if (way == 1) {
			uint64_t n = 0;
			cr_assert_eq(sluice_reader_count_records(r, &n), SLUICE_OK);
			cr_assert_eq(n, 6, "%llu records", (unsigned long long)n);
		} else {
			static const char *const want[][2] = {{"1", "ok"}, {"2", "open\n"}, {"3", "x"},
			                                      {"4", "y"},  {"1", "ok"},     {"2", "open\n"}};
			sluice_row row;
			char a[32], b[32];
			for (size_t i = 0; i < 6; i++) {
				fixture_next(r, &row);
				cr_assert_eq(row.nfields, 2, "record %zu: %zu fields", i, row.nfields);
				cr_assert_str_eq(fixture_value(r, &row, 0, a, sizeof a), want[i][0], "record %zu", i);
				cr_assert_str_eq(fixture_value(r, &row, 1, b, sizeof b), want[i][1], "record %zu", i);
			}
			cr_assert_eq(sluice_reader_next(r, &row), SLUICE_END);
		}
		cr_assert_eq(sluice_reader_stats(r)->repaired_unterminated, 2, "way %d", way);
		sluice_reader_close(r);
	}
	sluice_options o = fixture_options();
	o.dialect.strict = true;
	sluice_reader *r;
	sluice_error err;
	cr_assert_eq(sluice_reader_open_paths(&r, paths, 4, &o, &err), SLUICE_OK, "%s", err.message);
	sluice_row row;
	int rc, n = 0;
	while ((rc = sluice_reader_next(r, &row)) == SLUICE_OK)
		n++;
	cr_assert_eq(n, 1);
	cr_assert_eq(rc, SLUICE_ERR_QUOTE, "%s", sluice_status_name(rc));
	cr_assert_str_eq(sluice_reader_error(r)->file, p1);
	cr_assert_eq(sluice_reader_error(r)->line, 3);
	sluice_reader_close(r);
	fixture_remove(p1);
	fixture_remove(p2);
	fixture_remove(p3);
}

/* A count or a skip that steps through CRLF records with small steps ends some steps between a CR
 * and its LF (the next record then starts one byte past where the step stopped): no record is
 * too large for all that. */
Test(stream, steps_ending_inside_crlf_are_not_long_records)
{
	char *text = malloc(1 << 20);
	size_t len = (size_t)sprintf(text, "id,pad\r\n");
	uint64_t n = 0;
	for (size_t i = 0; len < 200000; i++, n++) {
		len += (size_t)sprintf(text + len, "%zu,", i);
		for (size_t k = 0; k < i % 131; k++)
			text[len++] = 'x';
		text[len++] = '\r';
		text[len++] = '\n';
	}
	char *path = fixture_write(text, len);
	sluice_options o = fixture_options();
	o.window_size = 64;
	o.max_record_size = 1024;
	sluice_reader *r;
	sluice_error err;
	cr_assert_eq(sluice_reader_open(&r, path, &o, &err), SLUICE_OK, "%s", err.message);
	uint64_t got = 0;
	cr_assert_eq(sluice_reader_count_records(r, &got), SLUICE_OK, "%s", sluice_reader_error(r)->message);
	cr_assert_eq(got, n);
	sluice_reader_close(r);

	/* skips far ahead, in 64-byte steps, then reads a record */
	cr_assert_eq(sluice_reader_open(&r, path, &o, &err), SLUICE_OK, "%s", err.message);
	sluice_row row;
	uint64_t seen = 0;
	for (uint64_t at = 5000; at < len; at += 7919) {
		cr_assert_eq(sluice_reader_skip_to(r, at), SLUICE_OK, "skip to %llu: %s", (unsigned long long)at,
		             sluice_reader_error(r)->message);
		cr_assert_eq(sluice_reader_next(r, &row), SLUICE_OK, "%s", sluice_reader_error(r)->message);
		cr_assert_leq(row.offset, at);
		seen++;
	}
	cr_assert_gt(seen, 20);
	sluice_reader_close(r);
	fixture_remove(path);
	free(text);
}
