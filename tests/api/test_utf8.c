/* test_utf8.c - validate_utf8: every kernel's validator against a scalar one written here, through the reader. */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE 1 /* MAP_ANONYMOUS */
#endif

#include <criterion/criterion.h>

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "fixture.h"
#include "sluice.h"

/* ---------------------------------------------------------------------------------------------
 * The reference: decode each sequence and check the code point. The offset of an invalid
 * stretch is where its sequence starts (the lead byte, or a byte that cannot start one).
 * ------------------------------------------------------------------------------------------- */

static size_t ref_first_invalid(const uint8_t *p, size_t n)
{
	size_t i = 0;
	while (i < n) {
		const uint8_t c = p[i];
		size_t len;
		uint32_t cp, min;
		if (c < 0x80) {
			i++;
			continue;
		}
		if ((c & 0xE0) == 0xC0) {
			len = 2;
			cp = c & 0x1Fu;
			min = 0x80;
		} else if ((c & 0xF0) == 0xE0) {
			len = 3;
			cp = c & 0x0Fu;
			min = 0x800;
		} else if ((c & 0xF8) == 0xF0) {
			len = 4;
			cp = c & 0x07u;
			min = 0x10000;
		} else {
			return i;
		}
		for (size_t k = 1; k < len; k++) {
			if (i + k >= n || (p[i + k] & 0xC0) != 0x80)
				return i;
			cp = (cp << 6) | (p[i + k] & 0x3Fu);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return i;
		i += len;
	}
	return n;
}

/* Where byte `at` is, in text whose only structure is ',' and '\n' (no quotes, no CR). */
typedef struct place {
	uint64_t line, column;
	uint64_t records; /* records that end before it */
} place;

static place ref_place(const uint8_t *p, size_t at)
{
	place pl = {1, 1, 0};
	for (size_t i = 0; i < at; i++) {
		if (p[i] == '\n') {
			pl.line++;
			pl.records++;
			pl.column = 1;
		} else if (p[i] == ',') {
			pl.column++;
		}
	}
	return pl;
}

static size_t put_cp(uint8_t *o, uint32_t cp)
{
	if (cp < 0x80) {
		o[0] = (uint8_t)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (uint8_t)(0xC0 | (cp >> 6));
		o[1] = (uint8_t)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (uint8_t)(0xE0 | (cp >> 12));
		o[1] = (uint8_t)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (uint8_t)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (uint8_t)(0xF0 | (cp >> 18));
	o[1] = (uint8_t)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (uint8_t)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (uint8_t)(0x80 | (cp & 0x3F));
	return 4;
}

/* ---------------------------------------------------------------------------------------------
 * Random valid text: letters, commas, line ends, NUL, and code points of every length with the
 * edges of each range (optionally well-formed quoted fields, with commas and line ends inside).
 * ------------------------------------------------------------------------------------------- */

static uint64_t rng = 0x9E3779B97F4A7C15ULL;

static uint32_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng >> 11);
}

static uint32_t random_cp(void)
{
	static const uint32_t edges[] = {0x80,   0x7FF,   0x800,   0xFFF,   0x1000,   0xD7FF,   0xE000,  0xFFFD,
	                                 0xFFFF, 0x10000, 0x3FFFF, 0x40000, 0xFFFFF, 0x100000, 0x10FFFF};
	uint32_t cp;
	switch (rnd() % 16) {
	case 9:
		return ',';
	case 10:
		return '\n';
	case 11:
		return 0x80 + rnd() % (0x800 - 0x80);
	case 12:
		cp = 0x800 + rnd() % (0x10000 - 0x800);
		return cp >= 0xD800 && cp <= 0xDFFF ? cp + 0x800 : cp;
	case 13:
		return 0x10000 + rnd() % (0x110000 - 0x10000);
	case 14:
		return edges[rnd() % (sizeof edges / sizeof edges[0])];
	case 15:
		return rnd() % 2 ? 0 : 0x7F;
	default:
		return 'a' + rnd() % 26;
	}
}

/* Fills out with at least len bytes (at most len + 8) of valid UTF-8; returns the length. */
static size_t random_text(uint8_t *out, size_t len, bool quotes)
{
	size_t n = 0;
	bool field_start = true;
	while (n < len) {
		if (quotes && field_start && rnd() % 4 == 0) {
			/* a quoted field: "..." with "" and structure inside */
			out[n++] = '"';
			size_t k = rnd() % 12;
			while (k-- && n < len) {
				if (rnd() % 8 == 0) {
					out[n++] = '"';
					out[n++] = '"';
				} else {
					n += put_cp(out + n, random_cp());
				}
			}
			out[n++] = '"';
			out[n++] = rnd() % 2 ? ',' : '\n';
			continue;
		}
		const uint32_t cp = random_cp();
		n += put_cp(out + n, cp);
		field_start = cp == ',' || cp == '\n';
	}
	return n;
}

/* ---------------------------------------------------------------------------------------------
 * Inputs end right before a PROT_NONE page: a read past the end faults.
 * ------------------------------------------------------------------------------------------- */

#define MAX_INPUT (64u * 1024u)

static uint8_t *guard_area;
static size_t guard_size;

static const uint8_t *guard_place(const uint8_t *in, size_t len)
{
	if (!guard_area) {
		size_t page = (size_t)sysconf(_SC_PAGESIZE);
		guard_size = (MAX_INPUT + page - 1) / page * page;
		void *m = mmap(NULL, guard_size + page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		cr_assert_neq(m, MAP_FAILED, "mmap: %s", strerror(errno));
		cr_assert_eq(mprotect((uint8_t *)m + guard_size, page, PROT_NONE), 0, "mprotect: %s", strerror(errno));
		guard_area = m;
	}
	cr_assert_leq(len, guard_size);
	uint8_t *p = guard_area + guard_size - len;
	if (len)
		memcpy(p, in, len);
	return p;
}

/* ---------------------------------------------------------------------------------------------
 * Runs: read with next(), count(), or one next() and then count(); compare with the reference.
 * ------------------------------------------------------------------------------------------- */

enum { RUN_NEXT, RUN_COUNT, RUN_NEXT_THEN_COUNT, RUN_MODES };

static const char *const run_names[RUN_MODES] = {"next", "count", "next+count"};

typedef struct outcome {
	int rc;           /* SLUICE_OK at the end of the input, or the error */
	uint64_t records; /* records handed out (RUN_NEXT) */
	sluice_error err;
	char file[16];    /* err.file, copied before the reader (which owns it) is closed */
} outcome;

static sluice_options utf8_options(sluice_kernel k, size_t window)
{
	sluice_options o = fixture_options();
	o.dialect.header = false;
	o.kernel = k;
	o.window_size = window;
	o.validate_utf8 = true;
	return o;
}

static outcome run(const uint8_t *in, size_t len, sluice_kernel k, size_t window, int mode)
{
	const uint8_t *p = guard_place(in, len);
	const sluice_options o = utf8_options(k, window);
	sluice_reader *r = NULL;
	outcome out;
	memset(&out, 0, sizeof out);
	int rc = sluice_reader_open_memory(&r, p, len, "t.csv", &o, &out.err);
	cr_assert_eq(rc, SLUICE_OK, "open: %s", out.err.message);
	sluice_row row;
	uint64_t n = 0;
	switch (mode) {
	case RUN_NEXT:
		while ((rc = sluice_reader_next(r, &row)) == SLUICE_OK)
			out.records++;
		break;
	case RUN_COUNT:
		rc = sluice_reader_count_records(r, &n);
		break;
	default:
		rc = sluice_reader_next(r, &row);
		if (rc == SLUICE_OK)
			rc = sluice_reader_count_records(r, &n);
		break;
	}
	out.rc = rc == SLUICE_END ? SLUICE_OK : rc;
	if (rc < 0) {
		out.err = *sluice_reader_error(r);
		snprintf(out.file, sizeof out.file, "%s", out.err.file);
	}
	sluice_reader_close(r);
	return out;
}

static const sluice_kernel all_kernels[] = {SLUICE_KERNEL_SCALAR, SLUICE_KERNEL_SSE42, SLUICE_KERNEL_AVX2,
                                            SLUICE_KERNEL_AVX512, SLUICE_KERNEL_NEON};
#define NKERNELS (sizeof all_kernels / sizeof all_kernels[0])

static const size_t windows[] = {64, 128, 4096};
#define NWINDOWS (sizeof windows / sizeof windows[0])

/* One input, one kernel, window and mode, against the reference. `structured`: the text's only
 * structure is ',' and '\n', so the field and the records before the error are checked too. */
static void expect(const uint8_t *in, size_t len, sluice_kernel k, size_t window, int mode, bool structured,
                   const char *what, size_t arg)
{
	const size_t bad = ref_first_invalid(in, len);
	const outcome o = run(in, len, k, window, mode);
	const char *kn = sluice_kernel_name(k);
	if (bad == len) {
		cr_assert_eq(o.rc, SLUICE_OK, "%s %zu (%zu bytes): kernel %s, window %zu, %s: %s at %llu: %s", what, arg, len,
		             kn, window, run_names[mode], sluice_status_name(o.rc), (unsigned long long)o.err.offset,
		             o.err.message);
		return;
	}
	cr_assert_eq(o.rc, SLUICE_ERR_UTF8, "%s %zu (%zu bytes, bad byte %zu): kernel %s, window %zu, %s: %s", what, arg,
	             len, bad, kn, window, run_names[mode], sluice_status_name(o.rc));
	cr_assert_eq(o.err.offset, bad, "%s %zu (%zu bytes): kernel %s, window %zu, %s: offset %llu, want %zu", what, arg,
	             len, kn, window, run_names[mode], (unsigned long long)o.err.offset, bad);
	char msg[64];
	snprintf(msg, sizeof msg, "invalid UTF-8 (byte 0x%02X)", (unsigned)in[bad]);
	cr_assert_str_eq(o.err.message, msg);
	cr_assert_str_eq(o.file, "t.csv");
	uint64_t line = 1;
	for (size_t i = 0; i < bad; i++)
		line += in[i] == '\n';
	cr_assert_eq(o.err.line, line, "%s %zu: kernel %s, window %zu, %s: line %llu, want %llu", what, arg, kn, window,
	             run_names[mode], (unsigned long long)o.err.line, (unsigned long long)line);
	if (!structured)
		return;
	const place pl = ref_place(in, bad);
	cr_assert_eq(o.err.column, pl.column, "%s %zu: kernel %s, window %zu, %s: column %llu, want %llu", what, arg, kn,
	             window, run_names[mode], (unsigned long long)o.err.column, (unsigned long long)pl.column);
	if (mode == RUN_NEXT)
		cr_assert_eq(o.records, pl.records, "%s %zu: kernel %s, window %zu: %llu records before the error, want %llu",
		             what, arg, kn, window, (unsigned long long)o.records, (unsigned long long)pl.records);
}

/* Every supported kernel, window and mode. */
static void expect_all(const uint8_t *in, size_t len, bool structured, const char *what, size_t arg)
{
	for (size_t ki = 0; ki < NKERNELS; ki++) {
		if (!sluice_kernel_supported(all_kernels[ki]))
			continue;
		for (size_t w = 0; w < NWINDOWS; w++)
			for (int mode = 0; mode < RUN_MODES; mode++)
				expect(in, len, all_kernels[ki], windows[w], mode, structured, what, arg);
	}
}

/* Every supported kernel, with the smallest window, read with next(). */
static void expect_kernels(const uint8_t *in, size_t len, const char *what, size_t arg)
{
	for (size_t ki = 0; ki < NKERNELS; ki++)
		if (sluice_kernel_supported(all_kernels[ki]))
			expect(in, len, all_kernels[ki], 64, RUN_NEXT, true, what, arg);
}

/* ---------------------------------------------------------------------------------------------
 * Sequences of one to four bytes, with the edge values of each byte.
 * ------------------------------------------------------------------------------------------- */

static const uint8_t edge_bytes[] = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF,
                                     0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF};
#define NEDGES (sizeof edge_bytes / sizeof edge_bytes[0])
static const uint8_t tail_bytes[] = {0x41, 0x7F, 0x80, 0xBF, 0xC0};
#define NTAILS (sizeof tail_bytes / sizeof tail_bytes[0])

/* seq at offset `at` of 'a' bytes, followed by a few more (the sequence crosses the first block
 * edge when at is 61..63); also with the input ending right after it. */
static void expect_sequence(const uint8_t *seq, size_t n, size_t at)
{
	uint8_t buf[160];
	memset(buf, 'a', sizeof buf);
	memcpy(buf + at, seq, n);
	expect_kernels(buf, at + n + 5, "sequence at", at);
	expect_kernels(buf, at + n, "sequence ending the input at", at);
}

Test(utf8, every_byte_alone)
{
	for (unsigned c = 0; c < 256; c++) {
		const uint8_t b = (uint8_t)c;
		expect_sequence(&b, 1, 0);
		expect_sequence(&b, 1, 63);
	}
}

Test(utf8, two_byte_sequences)
{
	for (unsigned c = 0x80; c < 256; c++) {
		for (size_t j = 0; j < NEDGES; j++) {
			const uint8_t s[2] = {(uint8_t)c, edge_bytes[j]};
			expect_sequence(s, 2, 0);
			expect_sequence(s, 2, 63);
		}
	}
}

Test(utf8, three_byte_sequences)
{
	for (unsigned c = 0xE0; c < 0xF0; c++) {
		for (size_t j = 0; j < NEDGES; j++) {
			for (size_t k = 0; k < NEDGES; k++) {
				const uint8_t s[3] = {(uint8_t)c, edge_bytes[j], edge_bytes[k]};
				expect_sequence(s, 3, 0);
				expect_sequence(s, 3, 62);
			}
		}
	}
}

Test(utf8, four_byte_sequences)
{
	for (unsigned c = 0xF0; c < 0x100; c++) {
		for (size_t j = 0; j < NEDGES; j++) {
			for (size_t k = 0; k < NTAILS; k++) {
				for (size_t l = 0; l < NTAILS; l++) {
					const uint8_t s[4] = {(uint8_t)c, edge_bytes[j], tail_bytes[k], tail_bytes[l]};
					expect_sequence(s, 4, 0);
					expect_sequence(s, 4, 61);
				}
			}
		}
	}
}

/* The edges of every range: the last and first code point of each length, the surrogates, the
 * end of Unicode, and the overlong forms of the first code points of each length. */
Test(utf8, code_point_edges)
{
	static const struct {
		uint8_t b[4];
		size_t n;
		bool valid;
	} cases[] = {
		{{0x00}, 1, true},
		{{0x7F}, 1, true},
		{{0xC2, 0x80}, 2, true},           /* U+0080 */
		{{0xDF, 0xBF}, 2, true},           /* U+07FF */
		{{0xE0, 0xA0, 0x80}, 3, true},     /* U+0800 */
		{{0xED, 0x9F, 0xBF}, 3, true},     /* U+D7FF */
		{{0xED, 0xA0, 0x80}, 3, false},    /* U+D800 */
		{{0xED, 0xBF, 0xBF}, 3, false},    /* U+DFFF */
		{{0xEE, 0x80, 0x80}, 3, true},     /* U+E000 */
		{{0xEF, 0xBF, 0xBF}, 3, true},     /* U+FFFF */
		{{0xF0, 0x90, 0x80, 0x80}, 4, true},  /* U+10000 */
		{{0xF4, 0x8F, 0xBF, 0xBF}, 4, true},  /* U+10FFFF */
		{{0xF4, 0x90, 0x80, 0x80}, 4, false}, /* U+110000 */
		{{0xF7, 0xBF, 0xBF, 0xBF}, 4, false}, /* U+1FFFFF */
		{{0xC0, 0x80}, 2, false},          /* overlong U+0000 */
		{{0xC1, 0xBF}, 2, false},          /* overlong U+007F */
		{{0xE0, 0x80, 0x80}, 3, false},    /* overlong U+0000 */
		{{0xE0, 0x9F, 0xBF}, 3, false},    /* overlong U+07FF */
		{{0xF0, 0x80, 0x80, 0x80}, 4, false}, /* overlong U+0000 */
		{{0xF0, 0x8F, 0xBF, 0xBF}, 4, false}, /* overlong U+FFFF */
		{{0xF8, 0x88, 0x80, 0x80}, 4, false}, /* a five-byte lead */
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		cr_assert_eq(ref_first_invalid(cases[i].b, cases[i].n) == cases[i].n, cases[i].valid, "case %zu", i);
		for (size_t at = 0; at < 70; at++)
			expect_sequence(cases[i].b, cases[i].n, at);
	}
}

/* A valid sequence of each length at every offset across the first blocks and windows, whole and
 * cut short at the end of the input or by an ASCII byte. */
Test(utf8, sequences_straddling_blocks_and_windows)
{
	static const uint8_t seqs[3][4] = {{0xC3, 0xA9}, {0xE2, 0x82, 0xAC}, {0xF0, 0x9F, 0x98, 0x80}};
	uint8_t buf[512];
	for (size_t s = 0; s < 3; s++) {
		const size_t n = s + 2;
		for (size_t at = 0; at < 260; at++) {
			memset(buf, 'a', sizeof buf);
			buf[at / 2] = ','; /* a field edge before it */
			memcpy(buf + at, seqs[s], n);
			buf[at + n] = '\n';
			/* many sequences in a row run across every edge too */
			for (size_t k = at + n + 1; k + n < at + n + 1 + 6 * n; k += n)
				memcpy(buf + k, seqs[s], n);
			expect_all(buf, at + 7 * n + 1, true, "valid sequence at", at);
			for (size_t cut = 1; cut < n; cut++) {
				expect_all(buf, at + cut, true, "sequence cut by the end at", at);
				uint8_t save = buf[at + cut];
				buf[at + cut] = 'z';
				expect_all(buf, at + n + 3, true, "sequence cut by ASCII at", at);
				buf[at + cut] = save;
			}
		}
	}
}

/* Invalid bytes put over random valid text at every offset, so that they land at every position
 * relative to the 64-byte blocks and to the windows (and to where a window cut a sequence). */
static const struct {
	uint8_t b[4];
	size_t n;
} injections[] = {
	{{0x80}, 1},                   /* a continuation byte without lead */
	{{0xBF}, 1},
	{{0xC3}, 1},                   /* a lead byte over whatever follows */
	{{0xC0, 0x80}, 2},             /* overlong */
	{{0xC1, 0xBF}, 2},
	{{0xE0, 0x9F, 0xBF}, 3},
	{{0xED, 0xA0, 0x80}, 3},       /* a surrogate */
	{{0xF0, 0x8F, 0xBF, 0xBF}, 4},
	{{0xF4, 0x90, 0x80, 0x80}, 4}, /* above U+10FFFF */
	{{0xF5, 0x80, 0x80, 0x80}, 4},
	{{0xFF}, 1},
	{{0xE2, 0x82}, 2},             /* cut short */
	{{0xF0, 0x9F, 0x98}, 3},
};
#define NINJECTIONS (sizeof injections / sizeof injections[0])

static void inject_everywhere(bool quotes, size_t target, uint64_t seed)
{
	uint8_t text[1024], buf[1024];
	rng = seed;
	const size_t len = random_text(text, target, quotes);
	cr_assert_eq(ref_first_invalid(text, len), len);
	expect_all(text, len, !quotes, "valid text of", len);
	for (size_t at = 0; at < len; at++) {
		for (size_t j = 0; j < NINJECTIONS; j++) {
			memcpy(buf, text, len);
			size_t n = injections[j].n < len - at ? injections[j].n : len - at;
			memcpy(buf + at, injections[j].b, n);
			expect_all(buf, len, !quotes, "injected at", at);
		}
	}
}

Test(utf8, invalid_bytes_at_every_offset, .timeout = 240)
{
	inject_everywhere(false, 300, 0x1234567);
}

Test(utf8, invalid_bytes_at_every_offset_with_quoted_fields, .timeout = 240)
{
	inject_everywhere(true, 260, 0x7654321);
}

Test(utf8, text_cut_at_every_length, .timeout = 120)
{
	uint8_t text[1024];
	for (uint64_t seed = 1; seed <= 3; seed++) {
		rng = seed * 0x2545F4914F6CDD1DULL;
		const size_t len = random_text(text, 330, seed == 3);
		for (size_t n = 0; n <= len; n++)
			expect_all(text, n, seed != 3, "text cut at", n);
	}
}

/* ---------------------------------------------------------------------------------------------
 * The error's place, the header, the quoting error, skip_to, parallel counts, the option off.
 * ------------------------------------------------------------------------------------------- */

static outcome read_all(const char *csv, size_t len, sluice_options o)
{
	sluice_reader *r = NULL;
	outcome out;
	memset(&out, 0, sizeof out);
	int rc = sluice_reader_open_memory(&r, csv, len, "t.csv", &o, &out.err);
	if (rc != SLUICE_OK) {
		out.rc = rc;
		return out;
	}
	sluice_row row;
	while ((rc = sluice_reader_next(r, &row)) == SLUICE_OK)
		out.records++;
	out.rc = rc == SLUICE_END ? SLUICE_OK : rc;
	if (rc < 0)
		out.err = *sluice_reader_error(r);
	sluice_reader_close(r);
	return out;
}

#define S(lit) lit, sizeof lit - 1

Test(utf8, error_names_line_field_and_offset)
{
	sluice_options o = fixture_options();
	o.validate_utf8 = true;
	outcome r = read_all(S("id,name\n1,ok\n2,caf\xC3\n"), o);
	cr_assert_eq(r.rc, SLUICE_ERR_UTF8);
	cr_assert_eq(r.records, 1); /* the header is not a record; "1,ok" is handed out first */
	cr_assert_eq(r.err.offset, 18);
	cr_assert_eq(r.err.line, 3);
	cr_assert_eq(r.err.column, 2);
	cr_assert_str_eq(r.err.message, "invalid UTF-8 (byte 0xC3)");
	cr_assert_str_eq(sluice_status_name(SLUICE_ERR_UTF8), "SLUICE_ERR_UTF8");

	/* CRLF and a quoted line break count as one line each; quoted commas are no field edge */
	r = read_all(S("a,b,c\r\n\"x\r\ny\",\"p,\xFFq\",z\r\n"), o);
	cr_assert_eq(r.rc, SLUICE_ERR_UTF8);
	cr_assert_eq(r.err.offset, 17);
	cr_assert_eq(r.err.line, 3);
	cr_assert_eq(r.err.column, 2);

	/* a sequence cut short by the end of the input: the offset of its lead byte */
	r = read_all(S("a\n\xF0\x9F\x98"), o);
	cr_assert_eq(r.rc, SLUICE_ERR_UTF8);
	cr_assert_eq(r.err.offset, 2);
	cr_assert_eq(r.err.line, 2);
	cr_assert_eq(r.err.column, 1);
	cr_assert_str_eq(r.err.message, "invalid UTF-8 (byte 0xF0)");
}

Test(utf8, error_in_the_header_fails_open)
{
	sluice_options o = fixture_options();
	o.validate_utf8 = true;
	const char csv[] = "id,na\xEDme\n1,2\n";
	sluice_reader *r = NULL;
	sluice_error err;
	cr_assert_eq(sluice_reader_open_memory(&r, csv, sizeof csv - 1, "h.csv", &o, &err), SLUICE_ERR_UTF8);
	cr_assert_null(r);
	cr_assert_eq(err.offset, 5);
	cr_assert_eq(err.line, 1);
	cr_assert_eq(err.column, 2);
}

Test(utf8, valid_text_and_nul_pass)
{
	sluice_options o = fixture_options();
	o.validate_utf8 = true;
	outcome r = read_all(S("name,sym\nZ\xC3\xBCrich,\xE2\x82\xAC\n\xF0\x9F\x98\x80,\x00\n\xEF\xBB\xBF,x"), o);
	cr_assert_eq(r.rc, SLUICE_OK, "%s", r.err.message);
	cr_assert_eq(r.records, 3);
	/* a byte order mark is skipped, and valid */
	r = read_all(S("\xEF\xBB\xBF" "a\n\xC3\xA9\n"), o);
	cr_assert_eq(r.rc, SLUICE_OK);
	cr_assert_eq(r.records, 1);
}

Test(utf8, off_by_default_bytes_pass_through)
{
	sluice_options o = fixture_options();
	cr_assert_eq(o.validate_utf8, false);
	o.dialect.header = false;
	const char csv[] = "caf\xE9,\xFF\xFE\n";
	sluice_reader *r = fixture_open(csv, &o);
	sluice_row row;
	fixture_next(r, &row);
	cr_assert_eq(row.nfields, 2);
	cr_assert_eq(row.fields[0].len, 4);
	cr_assert_eq(memcmp(row.fields[0].ptr, "caf\xE9", 4), 0);
	cr_assert_eq(memcmp(row.fields[1].ptr, "\xFF\xFE", 2), 0);
	cr_assert_eq(sluice_reader_next(r, &row), SLUICE_END);
	sluice_reader_close(r);
}

/* In strict mode the first problem wins, whichever kind it is. */
Test(utf8, first_of_quote_and_utf8_errors)
{
	sluice_options o = fixture_options();
	o.validate_utf8 = true;
	o.dialect.strict = true;
	outcome r = read_all(S("a,b\nx,y\"z\n1,\xFF\n"), o);
	cr_assert_eq(r.rc, SLUICE_ERR_QUOTE);
	cr_assert_eq(r.err.line, 2);
	r = read_all(S("a,b\nx,\xFF\n1,y\"z\n"), o);
	cr_assert_eq(r.rc, SLUICE_ERR_UTF8);
	cr_assert_eq(r.err.offset, 6);
	cr_assert_eq(r.err.line, 2);
	cr_assert_eq(r.err.column, 2);
}

/* skip_to far ahead runs the counting loop, which validates too; near, the indexed entries. */
Test(utf8, skip_to_validates_what_it_steps_over)
{
	static uint8_t text[24000], buf[24000];
	rng = 42;
	const size_t len = random_text(text, 20000, false);
	static const size_t bad_at[] = {100, 4095, 4097, 8191, 8192, 8193, 12000, 19990};
	static const uint64_t targets[] = {50, 3000, 9000, 16000, 23000};
	for (size_t ki = 0; ki < NKERNELS; ki++) {
		if (!sluice_kernel_supported(all_kernels[ki]))
			continue;
		for (size_t b = 0; b < sizeof bad_at / sizeof bad_at[0]; b++) {
			memcpy(buf, text, len);
			buf[bad_at[b]] = 0xFF;
			const size_t bad = ref_first_invalid(buf, len);
			const place pl = ref_place(buf, bad);
			for (size_t t = 0; t < sizeof targets / sizeof targets[0]; t++) {
				for (int lines = 0; lines < 2; lines++) {
					const sluice_options o = utf8_options(all_kernels[ki], 1024);
					sluice_reader *r = NULL;
					sluice_error err;
					cr_assert_eq(sluice_reader_open_memory(&r, guard_place(buf, len), len, "s.csv", &o, &err),
					             SLUICE_OK);
					sluice_reader_set_line_tracking(r, lines);
					int rc = sluice_reader_skip_to(r, targets[t]);
					sluice_row row;
					while (rc == SLUICE_OK)
						rc = sluice_reader_next(r, &row);
					const sluice_error *e = sluice_reader_error(r);
					cr_assert_eq(rc, SLUICE_ERR_UTF8, "kernel %s, bad %zu, skip to %llu: %s",
					             sluice_kernel_name(all_kernels[ki]), bad, (unsigned long long)targets[t],
					             sluice_status_name(rc));
					cr_assert_eq(e->offset, bad);
					cr_assert_eq(e->line, pl.line, "kernel %s, bad %zu, skip to %llu, lines %d: line %llu, want %llu",
					             sluice_kernel_name(all_kernels[ki]), bad, (unsigned long long)targets[t], lines,
					             (unsigned long long)e->line, (unsigned long long)pl.line);
					cr_assert_eq(e->column, pl.column);
					sluice_reader_close(r);
				}
			}
		}
	}
}

/* A parallel count reports the first invalid byte of the file, with its line, whichever range it
 * is in; and counts a valid file like one thread does. */
Test(utf8, parallel_count)
{
	static uint8_t text[40000];
	rng = 7;
	const size_t len = random_text(text, 36000, false);
	static const size_t bad_at[] = {10, 9000, 17999, 18000, 18001, 30000, 35990};
	uint64_t split[3] = {9000, 18000, 27000};
	char *path = fixture_write(text, len);
	sluice_options o = fixture_options();
	o.dialect.header = false;
	o.validate_utf8 = true;
	uint64_t one = 0, many = 0;
	sluice_error err;
	cr_assert_eq(sluice_file_count_records(path, &o, &one, &err), SLUICE_OK, "%s", err.message);
	o.threads = 4;
	o.split_offsets = split;
	o.nsplits = 3;
	cr_assert_eq(sluice_file_count_records(path, &o, &many, &err), SLUICE_OK, "%s", err.message);
	cr_assert_eq(one, many);
	fixture_remove(path);
	for (size_t b = 0; b < sizeof bad_at / sizeof bad_at[0]; b++) {
		uint8_t save = text[bad_at[b]];
		text[bad_at[b]] = 0xC0;
		const size_t bad = ref_first_invalid(text, len);
		const place pl = ref_place(text, bad);
		path = fixture_write(text, len);
		for (unsigned threads = 1; threads <= 4; threads *= 2) {
			o.threads = threads;
			o.nsplits = threads > 1 ? 3 : 0;
			memset(&err, 0, sizeof err);
			cr_assert_eq(sluice_file_count_records(path, &o, &many, &err), SLUICE_ERR_UTF8, "bad %zu, %u threads", bad,
			             threads);
			cr_assert_eq(err.offset, bad, "%u threads: offset %llu, want %zu", threads,
			             (unsigned long long)err.offset, bad);
			cr_assert_eq(err.line, pl.line, "bad %zu, %u threads: line %llu, want %llu", bad, threads,
			             (unsigned long long)err.line, (unsigned long long)pl.line);
			cr_assert_eq(err.column, pl.column);
		}
		fixture_remove(path);
		text[bad_at[b]] = save;
	}
}
