/* test_encoding.c - text that is not UTF-8 (UTF-16 and UTF-32 with a byte order mark, or an encoding
 * named in the options) reads as the same records as the UTF-8 file it was made from, through
 * pipes and gzip too; bytes that are no character are errors naming their offset. */
#include <criterion/criterion.h>

#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "feed.h"
#include "fixture.h"
#include "sluice.h"
#include "sluice_experimental.h"

/* A UTF-8 table of about size bytes: quoted fields with line breaks and doubled quotes, and text
 * of one to four bytes a character ("Zürich", "東京", an emoji: a surrogate pair in UTF-16). */
static char *make_table(size_t size, size_t *len)
{
	static const char *const cities[] = {"Zürich", "東京", "Oslo", "São Paulo", "\xf0\x9f\x98\x80 smile", "Kraków"};
	size_t cap = size + 4096;
	char *p = malloc(cap);
	cr_assert_not_null(p);
	size_t n = (size_t)snprintf(p, cap, "id,city,note\n");
	for (unsigned id = 0; n < size; id++) {
		const char *city = cities[id % 6];
		switch (id % 4) {
		case 0:
			n += (size_t)snprintf(p + n, cap - n, "%u,%s,\"line one\nline two %s\"\n", id, city, city);
			break;
		case 1:
			n += (size_t)snprintf(p + n, cap - n, "%u,\"%s\",\"say \"\"hi\"\" \xe2\x82\xac%u\"\r\n", id, city, id);
			break;
		default:
			n += (size_t)snprintf(p + n, cap - n, "%u,%s,plain %u\n", id, city, id * 7);
			break;
		}
	}
	*len = n;
	return p;
}

/* The UTF-8 text p[0..n) in UTF-16 (unit 2) or UTF-32 (unit 4), with a byte order mark when bom. */
static char *encode_unicode(const char *p, size_t n, unsigned unit, bool big, bool bom, size_t *out_len)
{
	uint8_t *o = malloc(n * 4 + 8);
	cr_assert_not_null(o);
	size_t k = 0;
	const uint8_t *s = (const uint8_t *)p;
	for (size_t i = 0; i < n || bom;) {
		uint32_t c;
		if (bom) {
			c = 0xFEFF;
			bom = false;
		} else if (s[i] < 0x80) {
			c = s[i++];
		} else if (s[i] < 0xE0) {
			c = (uint32_t)(s[i] & 0x1F) << 6 | (s[i + 1] & 0x3F);
			i += 2;
		} else if (s[i] < 0xF0) {
			c = (uint32_t)(s[i] & 0x0F) << 12 | (uint32_t)(s[i + 1] & 0x3F) << 6 | (s[i + 2] & 0x3F);
			i += 3;
		} else {
			c = (uint32_t)(s[i] & 0x07) << 18 | (uint32_t)(s[i + 1] & 0x3F) << 12 | (uint32_t)(s[i + 2] & 0x3F) << 6 |
			    (s[i + 3] & 0x3F);
			i += 4;
		}
		uint32_t units[2] = {c, 0};
		size_t nu = 1;
		if (unit == 2 && c >= 0x10000) {
			units[0] = 0xD800 + ((c - 0x10000) >> 10);
			units[1] = 0xDC00 + ((c - 0x10000) & 0x3FF);
			nu = 2;
		}
		for (size_t u = 0; u < nu; u++)
			for (unsigned b = 0; b < unit; b++)
				o[k++] = (uint8_t)(units[u] >> (8 * (big ? unit - 1 - b : b)));
	}
	*out_len = k;
	return (char *)o;
}

/* p[0..n) converted by iconv from UTF-8 to the encoding `to`. */
static char *encode_iconv(const char *p, size_t n, const char *to, size_t *out_len)
{
	iconv_t cd = iconv_open(to, "UTF-8");
	cr_assert_neq(cd, (iconv_t)-1);
	size_t cap = n * 4 + 16, ol = cap;
	char *o = malloc(cap), *op = o, *ip = (char *)p;
	size_t il = n;
	cr_assert_neq(iconv(cd, &ip, &il, &op, &ol), (size_t)-1);
	iconv_close(cd);
	*out_len = cap - ol;
	return o;
}

/* Every record of a reader as text: its line, then each value and '|' (free it). */
static char *records_of(sluice_reader *r, uint64_t *records)
{
	size_t cap = 1 << 20, n = 0;
	char *out = malloc(cap), *buf = malloc(1 << 16);
	cr_assert(out && buf);
	sluice_row row;
	int rc;
	*records = 0;
	while ((rc = sluice_reader_next(r, &row)) == SLUICE_OK) {
		++*records;
		char line[32];
		const size_t ll = (size_t)snprintf(line, sizeof line, "%llu:", (unsigned long long)row.line);
		size_t need = ll + 1;
		for (size_t i = 0; i < row.nfields; i++)
			need += row.fields[i].len + 1;
		while (n + need >= cap)
			cr_assert_not_null(out = realloc(out, cap *= 2));
		memcpy(out + n, line, ll);
		n += ll;
		for (size_t i = 0; i < row.nfields; i++) {
			const size_t k = sluice_field_unescape(sluice_reader_dialect(r), &row.fields[i], buf, 1 << 16);
			memcpy(out + n, buf, k);
			n += k;
			out[n++] = '|';
		}
		out[n++] = '\n';
	}
	cr_assert_eq(rc, SLUICE_END, "%s: %s", sluice_status_name(rc), sluice_reader_error(r)->message);
	out[n] = '\0';
	free(buf);
	return out;
}

/* The records of path read with encoding (NULL: the default); *enc gets what the reader says it read. */
static char *records_at(const char *path, const char *encoding, uint64_t *records, char *enc, size_t enc_cap)
{
	sluice_options o;
	sluice_options_init(&o);
	o.encoding = encoding;
	sluice_reader *r;
	sluice_error err;
	cr_assert_eq(sluice_reader_open(&r, path, &o, &err), SLUICE_OK, "%s: %s", path, err.message);
	if (enc)
		snprintf(enc, enc_cap, "%s", sluice_reader_encoding(r));
	char *s = records_of(r, records);
	sluice_reader_close(r);
	return s;
}

/* The records of bytes p[0..n) fed through a pipe, read with encoding. */
static char *records_piped(const char *p, size_t n, const char *encoding, uint64_t *records)
{
	fixture_pipe fp;
	fixture_pipe_open(&fp, p, n);
	char *s = records_at(fp.path, encoding, records, NULL, 0);
	fixture_pipe_close(&fp);
	return s;
}

Test(encoding, utf16_and_utf32_with_a_bom_read_as_the_utf8_file, .timeout = 120)
{
	size_t n;
	char *table = make_table((size_t)3 << 20, &n);
	char *plain = fixture_write(table, n);
	uint64_t want_n;
	char enc[64];
	char *want = records_at(plain, NULL, &want_n, enc, sizeof enc);
	cr_assert_str_eq(enc, "utf-8");
	cr_assert_gt(want_n, 1000);
	static const struct {
		unsigned unit;
		bool big;
		const char *name;
	} forms[] = {{2, false, "utf-16le"}, {2, true, "utf-16be"}, {4, false, "utf-32le"}, {4, true, "utf-32be"}};
	for (size_t i = 0; i < 4; i++) {
		size_t l;
		char *e = encode_unicode(table, n, forms[i].unit, forms[i].big, true, &l);
		char *path = fixture_write(e, l);
		uint64_t got_n;
		char *got = records_at(path, NULL, &got_n, enc, sizeof enc);
		cr_assert_eq(got_n, want_n, "%s: %llu records", forms[i].name, (unsigned long long)got_n);
		cr_assert(strcmp(got, want) == 0, "%s: the records differ", forms[i].name);
		cr_assert_str_eq(enc, forms[i].name);
		free(got);
		/* --encoding utf-8 lets the mark decide too */
		got = records_at(path, "UTF-8", &got_n, NULL, 0);
		cr_assert(strcmp(got, want) == 0, "%s read as utf-8: the records differ", forms[i].name);
		free(got);
		/* through a pipe, reads ending anywhere: a unit or pair cut off is carried over */
		got = records_piped(e, l, NULL, &got_n);
		cr_assert(strcmp(got, want) == 0, "%s through a pipe: the records differ", forms[i].name);
		free(got);
		/* gzip of it: the transcoder reads the decompressor's bytes */
		size_t gl;
		char *gz = fixture_gzip(e, l, &gl);
		char *gpath = fixture_write(gz, gl);
		got = records_at(gpath, NULL, &got_n, enc, sizeof enc);
		cr_assert(strcmp(got, want) == 0, "gzip of %s: the records differ", forms[i].name);
		cr_assert_str_eq(enc, forms[i].name);
		free(got);
		fixture_remove(gpath);
		fixture_remove(path);
		free(gz);
		free(e);
	}
	free(want);
	fixture_remove(plain);
	free(table);
}

Test(encoding, named_encodings_read_without_a_bom)
{
	size_t n;
	char *table = make_table((size_t)300 << 10, &n);
	char *plain = fixture_write(table, n);
	uint64_t want_n, got_n;
	char enc[64];
	char *want = records_at(plain, NULL, &want_n, NULL, 0);
	static const struct {
		unsigned unit;
		bool big;
		const char *option, *reads;
	} cases[] = {
		{2, false, "utf-16le", "utf-16le"}, {2, true, "UTF16BE", "utf-16be"}, {2, true, "utf-16", "utf-16be"},
		{2, false, "utf_16", "utf-16le"},   {4, false, "utf-32", "utf-32le"}, {4, true, "utf-32be", "utf-32be"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t l;
		char *e = encode_unicode(table, n, cases[i].unit, cases[i].big, false, &l);
		char *path = fixture_write(e, l);
		char *got = records_at(path, cases[i].option, &got_n, enc, sizeof enc);
		cr_assert(strcmp(got, want) == 0, "%s: the records differ", cases[i].option);
		cr_assert_str_eq(enc, cases[i].reads, "%s", cases[i].option);
		free(got);
		fixture_remove(path);
		free(e);
	}
	/* iconv, through a pipe: GB18030 has characters of one, two and four bytes */
	size_t l;
	char *gb = encode_iconv(table, n, "GB18030", &l);
	char *got = records_piped(gb, l, "gb18030", &got_n);
	cr_assert(strcmp(got, want) == 0, "gb18030: the records differ");
	free(got);
	free(gb);
	free(want);
	fixture_remove(plain);
	free(table);
}

Test(encoding, latin1_and_cp1252)
{
	char *path = fixture_write("id,name\n1,caf\xe9\n2,\x80" "5\n", 20);
	uint64_t n;
	char enc[64];
	char *got = records_at(path, "latin1", &n, enc, sizeof enc);
	cr_assert_str_eq(got, "2:1|caf\xc3\xa9|\n3:2|\xc2\x80" "5|\n");
	cr_assert_str_eq(enc, "latin1");
	free(got);
	got = records_at(path, "Windows-1252", &n, enc, sizeof enc);
	cr_assert_str_eq(got, "2:1|caf\xc3\xa9|\n3:2|\xe2\x82\xac" "5|\n");
	cr_assert_str_eq(enc, "windows-1252");
	free(got);
	fixture_remove(path);
}

/* Opens path with encoding and reads it to its end; the status it stopped with, *err its error. */
static int read_to_end(const char *path, const char *encoding, sluice_error *err)
{
	sluice_options o;
	sluice_options_init(&o);
	o.encoding = encoding;
	sluice_reader *r;
	int rc = sluice_reader_open(&r, path, &o, err);
	if (rc == SLUICE_OK) {
		sluice_row row;
		while ((rc = sluice_reader_next(r, &row)) == SLUICE_OK)
			;
		*err = *sluice_reader_error(r);
		static char file[1024]; /* the reader's name dies with it */
		snprintf(file, sizeof file, "%s", err->file ? err->file : "");
		err->file = file;
		sluice_reader_close(r);
	}
	return rc;
}

Test(encoding, bytes_that_are_no_character_are_errors_naming_the_offset)
{
	static const struct {
		const char *bytes;
		size_t len;
		const char *encoding;
		uint64_t offset;
		const char *says;
	} cases[] = {
		/* BOM, "a,b\n" then one byte more: an odd byte count */
		{"\xff\xfe" "a\0,\0b\0\n\0x", 11, NULL, 10, "odd byte count"},
		/* a high surrogate followed by ',' */
		{"\xff\xfe" "a\0,\0\x3d\xd8,\0b\0\n\0", 14, NULL, 6, "high surrogate"},
		/* a low surrogate alone, big-endian */
		{"\xfe\xff\0a\0,\xdc\x00\0\n", 10, NULL, 6, "low surrogate"},
		/* a high surrogate at the very end */
		{"\xff\xfe" "a\0\n\0\x3d\xd8", 8, NULL, 6, "surrogate pair"},
		/* UTF-32: past U+10FFFF */
		{"\xff\xfe\0\0" "a\0\0\0\0\0\x11\0\n\0\0\0", 16, NULL, 8, "U+10FFFF"},
		/* cp1252 leaves 0x81 undefined */
		{"a,b\n1,\x81\n", 8, "cp1252", 6, "cp1252"},
		/* a UTF-8 file read as UTF-16LE without a BOM: 7 bytes */
		{"a,b\n1,2", 7, "utf-16le", 6, "odd byte count"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *path = fixture_write(cases[i].bytes, cases[i].len);
		sluice_error err;
		const int rc = read_to_end(path, cases[i].encoding, &err);
		cr_assert_eq(rc, SLUICE_ERR_FORMAT, "case %zu: %s", i, sluice_status_name(rc));
		cr_assert(strstr(err.message, cases[i].says), "case %zu: %s", i, err.message);
		char at[32];
		snprintf(at, sizeof at, "at byte %llu", (unsigned long long)cases[i].offset);
		cr_assert(strstr(err.message, at), "case %zu: %s", i, err.message);
		cr_assert_eq(err.offset, cases[i].offset, "case %zu: offset %llu", i, (unsigned long long)err.offset);
		cr_assert_str_eq(err.file, path);
		fixture_remove(path);
	}
}

Test(encoding, an_unknown_name_is_an_invalid_option)
{
	char *path = fixture_write("a,b\n1,2\n", 8);
	sluice_options o;
	sluice_options_init(&o);
	o.encoding = "no-such-encoding";
	sluice_reader *r;
	sluice_error err;
	cr_assert_eq(sluice_reader_open(&r, path, &o, &err), SLUICE_ERR_INVALID_OPTION);
	cr_assert(strstr(err.message, "no-such-encoding"), "%s", err.message);
	/* a caller's buffer is read as UTF-8 only */
	o.encoding = "latin1";
	cr_assert_eq(sluice_reader_open_memory(&r, "a\n", 2, NULL, &o, &err), SLUICE_ERR_INVALID_OPTION);
	o.encoding = "utf8";
	cr_assert_eq(sluice_reader_open_memory(&r, "a\n", 2, NULL, &o, &err), SLUICE_OK, "%s", err.message);
	cr_assert_str_eq(sluice_reader_encoding(r), "utf-8");
	sluice_reader_close(r);
	/* in SQL, the option is checked where it is written */
	char sql[512];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM read_csv('%s', encoding = 'klingon')", path);
	sluice_query *q;
	cr_assert_eq(sluice_query_open(&q, sql, NULL, &err), SLUICE_ERR_SQL);
	cr_assert(strstr(err.message, "klingon"), "%s", err.message);
	fixture_remove(path);
}

Test(encoding, queries_read_transcoded_input)
{
	size_t n;
	char *table = make_table((size_t)200 << 10, &n);
	char *plain = fixture_write(table, n);
	size_t l;
	char *e = encode_unicode(table, n, 2, false, true, &l);
	char *u16 = fixture_write(e, l);
	char *lat = fixture_write("id,name\n1,caf\xe9\n2,caf\xe9\n3,the\n", 28);
	const char *sql = "SELECT city, count(*), max(note) FROM '%s' GROUP BY city ORDER BY city";
	char *want = fixture_query_rows(sql, plain, NULL, NULL);
	char *got = fixture_query_rows(sql, u16, NULL, NULL);
	cr_assert_str_eq(got, want);
	free(got);
	sluice_query_options qo;
	sluice_query_options_init(&qo);
	char name[16] = "latin1"; /* the query keeps its own copy */
	qo.reader.encoding = name;
	got = fixture_query_rows("SELECT name, count(*) FROM '%s' GROUP BY name ORDER BY name", lat, &qo, NULL);
	cr_assert_str_eq(got, "caf\xc3\xa9|2|\nthe|1|\n");
	free(got);
	got = fixture_query_rows("SELECT name FROM read_csv('%s', encoding = 'iso-8859-1') WHERE id = 1", lat, NULL, NULL);
	cr_assert_str_eq(got, "caf\xc3\xa9|\n");
	free(got);
	sluice_query *q;
	sluice_error err;
	char text[512];
	snprintf(text, sizeof text, "SELECT count(*) FROM '%s'", u16);
	cr_assert_eq(sluice_query_open(&q, text, NULL, &err), SLUICE_OK, "%s", err.message);
	cr_assert_str_eq(sluice_query_encoding(q), "utf-16le");
	sluice_query_close(q);
	free(want);
	free(e);
	fixture_remove(plain);
	fixture_remove(u16);
	fixture_remove(lat);
	free(table);
}
