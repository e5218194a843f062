/* test_kernels.c - the kernel named by SLUICE_KERNEL against the reference parser, at every block and window edge. */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE 1 /* MAP_ANONYMOUS */
#endif

#include <criterion/criterion.h>
#include <criterion/parameterized.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "generate.h"
#include "harness.h"
#include "kernels/decimals.h"
#include "kernels/index.h"
#include "reference.h"
#include "sluice.h"


/* Input lengths around every block edge and the 4096-byte window. */
static const size_t lengths[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 63, 64, 65, 127, 128, 129, 191, 192, 193, 4095, 4096, 4097 };
#define NLENGTHS (sizeof lengths / sizeof lengths[0])
#define SEEDS_PER_LENGTH 16

static void run_generated(int dialect, unsigned seeds)
{
	const sluice_dialect d = make_dialect(dialect);
	static uint8_t buf[8192];
	gen g = { .p = buf, .cap = sizeof buf };
	for (size_t li = 0; li < NLENGTHS; li++) {
		const size_t len = lengths[li];
		for (unsigned s = 0; s < seeds; s++) {
			/* the default window runs every length once; otherwise 4096 stands in for it */
			rng r = { .s = ((uint64_t)dialect << 40) ^ ((uint64_t)len << 16) ^ s };
			/* well-formed */
			gen_valid(&g, &r, &d, len);
			check_input_windows(g.p, g.len, dialect, s == 0);
			/* well-formed with a few bytes changed */
			if (len) {
				gen_valid(&g, &r, &d, len);
				unsigned flips = 1 + rng_below(&r, 3);
				for (unsigned k = 0; k < flips; k++)
					g.p[rng_below(&r, (unsigned)len)] = noise_byte(&r, &d);
				check_input_windows(g.p, g.len, dialect, s == 0);
			}
			/* noise */
			gen_noise(&g, &r, &d, len);
			check_input_windows(g.p, g.len, dialect, s == 0);
		}
	}
	finish(dialect_names[dialect]);
}

static int dialect_ids[DL_COUNT];

ParameterizedTestParameters(generated, dialect)
{
	for (int i = 0; i < DL_COUNT; i++)
		dialect_ids[i] = i;
	return cr_make_param_array(int, dialect_ids, DL_COUNT);
}

ParameterizedTest(int *dialect, generated, dialect, .timeout = 300)
{
	run_generated(*dialect, SEEDS_PER_LENGTH);
}

/* The repair and skipped-line counters, in the lenient dialects. */
static int lenient_ids[] = {
	DL_DEFAULT, DL_NO_QUOTE, DL_NO_DOUBLE, DL_ESCAPE, DL_COMMENT, DL_TRIM, DL_SKIP_EMPTY,
	DL_TRIM_ESCAPE_COMMENT, DL_LONG_COMMENT, DL_NO_DOUBLE_TRIM,
};

ParameterizedTestParameters(stats, dialect)
{
	return cr_make_param_array(int, lenient_ids, sizeof lenient_ids / sizeof lenient_ids[0]);
}

ParameterizedTest(int *dialect, stats, dialect, .timeout = 300)
{
	compare_stats = true;
	run_generated(*dialect, 4);
}

/* ---------------------------------------------------------------------------------------------
 * Placement: one structural pattern put at every offset around block and window edges.
 * ------------------------------------------------------------------------------------------- */

typedef struct pattern {
	const char *name;
	const char *bytes;
	size_t key; /* index of the byte that is placed at the offset */
} pattern;

static const pattern patterns[] = {
	{ "quote", "\"", 0 },
	{ "doubled quote", "\"\"", 0 },
	{ "doubled quote, second", "\"\"", 1 },
	{ "opening quote", ",\"x,y\",", 1 },
	{ "closing quote", ",\"ab\"\n", 4 },
	{ "quote pair in quotes", ",\"a\"\"b\",", 3 },
	{ "CRLF", "\r\n", 0 },
	{ "CRLF, LF", "\r\n", 1 },
	{ "lone CR", "\r", 0 },
	{ "quoted CRLF", ",\"a\r\nb\"\n", 3 },
	{ "quoted LF", ",\"a\nb\",", 3 },
	{ "delimiter", ",", 0 },
	{ "semicolon", ";", 0 },
	{ "tab", "\t", 0 },
	{ "escape", "\\", 0 },
	{ "escaped quote", "\\\"", 0 },
	{ "escaped LF", "\\\n", 0 },
	{ "comment line", "\n#c,\"\n", 1 },
	{ "comment //", "\n//c\n", 1 },
	{ "text after quote", ",\"a\"b,", 3 },
	{ "trimmed quoted", ", \"a\" ,", 2 },
	{ "empty line", "\n\n", 1 },
};
#define NPATTERNS (sizeof patterns / sizeof patterns[0])

/* Offsets around block edges 64, 128, 192 and window edges 256, 384, 4096. */
static const size_t edges[] = { 64, 128, 192, 256, 384, 4096 };

/* Background the pattern is put into. */
enum { BG_FIELDS, BG_QUOTED, BG_COUNT };

static size_t build_placement(uint8_t *buf, size_t cap, int bg, const pattern *pt, size_t at, bool cut)
{
	const size_t plen = strlen(pt->bytes);
	const size_t start = at - pt->key;
	const size_t total = cut ? start + plen : start + plen + 90;
	cr_assert_leq(total, cap);
	for (size_t i = 0; i < total; i++) {
		if (bg == BG_FIELDS)
			buf[i] = i % 23 == 22 ? '\n' : i % 7 == 6 ? ',' : 'a';
		else
			buf[i] = i % 29 == 28 ? '\n' : i % 11 == 10 ? ',' : 'a';
	}
	if (bg == BG_QUOTED) {
		/* the pattern lands inside a quoted field that opens at 0 and closes near the end */
		buf[0] = '"';
		if (!cut)
			buf[total - 3] = '"', buf[total - 2] = ',', buf[total - 1] = 'z';
	}
	memcpy(buf + start, pt->bytes, plen);
	return total;
}

static void run_placement(size_t pi)
{
	static uint8_t buf[8192];
	const pattern *pt = &patterns[pi];
	for (size_t e = 0; e < sizeof edges / sizeof edges[0]; e++) {
		for (size_t at = edges[e] - 2; at <= edges[e] + 2; at++) {
			for (int bg = 0; bg < BG_COUNT; bg++) {
				for (int cut = 0; cut <= 1; cut++) {
					size_t len = build_placement(buf, sizeof buf, bg, pt, at, cut);
					for (int dl = 0; dl < DL_COUNT; dl++)
						check_input_windows(buf, len, dl, false);
				}
			}
		}
	}
	finish(pt->name);
}

static size_t pattern_ids[NPATTERNS];

ParameterizedTestParameters(placement, pattern)
{
	for (size_t i = 0; i < NPATTERNS; i++)
		pattern_ids[i] = i;
	return cr_make_param_array(size_t, pattern_ids, NPATTERNS);
}

ParameterizedTest(size_t *pi, placement, pattern, .timeout = 300)
{
	run_placement(*pi);
}

/* ---------------------------------------------------------------------------------------------
 * Long records: quote state and records that span many windows.
 * ------------------------------------------------------------------------------------------- */

Test(long_records, span_windows, .timeout = 300)
{
	static uint8_t buf[MAX_INPUT];
	rng r = { .s = 42 };
	for (int variant = 0; variant < 6; variant++) {
		gen g = { .p = buf, .cap = sizeof buf };
		size_t target = 9000 + 1000 * (size_t)variant;
		switch (variant % 3) {
		case 0: /* one long quoted field full of structure */
			put(&g, '"');
			while (g.len < target) {
				static const char *const bits[] = { "a", ",", "\n", "\r\n", "\"\"", "b" };
				puts_n(&g, bits[rng_below(&r, 6)]);
			}
			puts_n(&g, "\",x\n");
			break;
		case 1: /* many short records */
			while (g.len < target)
				puts_n(&g, rng_below(&r, 2) ? "ab,\"c\nd\",e\r\n" : "1,2,3\n");
			break;
		default: /* a long unterminated quoted field */
			puts_n(&g, "h1,h2\nx,\"");
			while (g.len < target)
				put(&g, rng_below(&r, 4) ? 'a' : '\n');
			break;
		}
		for (int dl = 0; dl < DL_COUNT; dl++)
			check_input(g.p, g.len, dl);
	}
	finish("long records");
}

/* ---------------------------------------------------------------------------------------------
 * Regular records: every record with the same number of fields but a few, so that the reader's
 * fast paths for regular windows run (the stride found without a cut, and the cut of wide
 * records) and must notice each record that breaks the pattern.
 * ------------------------------------------------------------------------------------------- */

static void gen_regular(gen *g, rng *r, const sluice_dialect *d, size_t width, size_t len)
{
	g->len = 0;
	while (g->len + 2 * 80 * (width + 5) < g->cap && g->len < len) {
		size_t nf = width;
		switch (rng_below(r, 40)) {
		case 0: nf = width - 1; break;
		case 1: nf = width + 1; break;
		case 2: nf = width + 5; break;
		case 3: nf = 0; break; /* an empty line */
		default: break;
		}
		for (size_t f = 0; f < nf; f++) {
			if (f)
				put(g, d->delimiter);
			put_field(g, r, d);
		}
		put_line_end(g, r);
	}
}

Test(regular_records, stride_and_cut, .timeout = 300)
{
	static uint8_t buf[MAX_INPUT];
	static const size_t widths[] = { 1, 2, 3, 4, 12, 24 };
	for (size_t w = 0; w < sizeof widths / sizeof widths[0]; w++) {
		for (unsigned s = 0; s < 3; s++) {
			rng r = { .s = ((uint64_t)widths[w] << 32) ^ s };
			gen g = { .p = buf, .cap = sizeof buf };
			for (int dl = 0; dl < DL_COUNT; dl++) {
				const sluice_dialect d = make_dialect(dl);
				gen_regular(&g, &r, &d, widths[w], 6000);
				check_input(g.p, g.len, dl);
			}
		}
	}
	finish("regular records");
}

/* ---------------------------------------------------------------------------------------------
 * Decimals: the kernel's batch parser of plain short decimals against sq_parse_decimal8, field by
 * field, on text near the pattern (signs, dots, other bytes, lengths around the limit of 8), with
 * fields that are no candidates (flags, no value, too close to the end).
 * ------------------------------------------------------------------------------------------- */

Test(decimals, match_the_scalar_parser)
{
	const sluice_kernel kind = test_kernel();
	const ix_kernel *k = ix_kernel_get(kind == SLUICE_KERNEL_AUTO ? sluice_kernel_best() : kind);
	if (!k)
		return; /* the scalar kernel has no batch parser: the query uses bl_decimals_scalar itself */
	enum { FIELDS = 4096 };
	static char text[FIELDS * 12 + 16];
	static sluice_field f[FIELDS];
	static double got[FIELDS], want[FIELDS];
	static const char alphabet[] = "0123456789012345678901234567890123456789..--+e x";
	rng r = { .s = 7 };
	for (int round = 0; round < 40; round++) {
		size_t at = 0;
		for (size_t i = 0; i < FIELDS; i++) {
			const unsigned len = rng_below(&r, 12);
			for (unsigned j = 0; j < len; j++)
				text[at + j] = alphabet[rng_below(&r, sizeof alphabet - 1)];
			if (len > 1 && rng_below(&r, 2))
				text[at + rng_below(&r, len)] = '.'; /* mostly one dot */
			if (len && rng_below(&r, 4) == 0)
				text[at] = '-';
			f[i] = (sluice_field){ text + at, len, rng_below(&r, 16) == 0 ? SLUICE_FIELD_QUOTED : 0u };
			if (rng_below(&r, 64) == 0)
				f[i] = (sluice_field){ NULL, 0, 0 };
			at += len;
			text[at++] = ',';
		}
		/* the last fields have fewer than 9 bytes before the end: no candidates */
		const char *end = text + at;
		size_t n_want = 0;
		for (size_t i = 0; i < FIELDS; i++) {
			bool ok = bl_decimal_candidate(&f[i], end) && sq_parse_decimal8(f[i].ptr, f[i].len, &want[i]);
			n_want += ok;
			if (!ok)
				want[i] = NAN; /* not compared */
		}
		/* eight at a time, so that a miscount names its group; then all at once */
		for (size_t g = 0; g < FIELDS; g += 8) {
			size_t n_scalar = 0;
			for (size_t i = g; i < g + 8; i++)
				n_scalar += want[i] == want[i];
			cr_assert_eq(k->decimals(f + g, 8, end, got + g), n_scalar, "round %d, fields %zu..%zu", round, g, g + 7);
			for (size_t i = g; i < g + 8; i++)
				if (want[i] == want[i])
					cr_assert(memcmp(&got[i], &want[i], sizeof got[i]) == 0, "field %zu '%.*s': %.17g, want %.17g", i,
					          (int)f[i].len, f[i].ptr ? f[i].ptr : "", got[i], want[i]);
		}
		cr_assert_eq(k->decimals(f, FIELDS, end, got), n_want);
	}
}

/* The kernel under test really runs: on well-formed input it classifies most bytes itself. */
Test(kernel, does_the_work)
{
	const sluice_kernel k = test_kernel();
	static uint8_t buf[16384];
	gen g = { .p = buf, .cap = sizeof buf };
	while (g.len + 32 < g.cap)
		puts_n(&g, "abc,\"d,e\"\"f\",\"g\nh\",12345\r\n");
	sluice_options o;
	sluice_options_init(&o);
	sluice_dialect_fill_auto(&o.dialect); /* the dialect under test is given, not sniffed */
	o.kernel = k;
	o.window_size = 4096;
	sluice_reader *r = NULL;
	const uint8_t *p = guard_place(g.p, g.len);
	cr_assert_eq(sluice_reader_open_memory(&r, p, g.len, NULL, &o, NULL), SLUICE_OK);
	cr_assert_eq(sluice_reader_kernel(r), k == SLUICE_KERNEL_AUTO ? sluice_kernel_best() : k);
	sluice_row row;
	int rc;
	while ((rc = sluice_reader_next(r, &row)) == SLUICE_OK)
		;
	cr_assert_eq(rc, SLUICE_END);
	const sluice_scan_stats *s = sluice_reader_stats(r);
	cr_assert_eq(s->bytes_indexed, g.len);
	if (sluice_reader_kernel(r) != SLUICE_KERNEL_SCALAR)
		cr_assert_lt(s->scalar_bytes, g.len / 4, "kernel %s left %llu of %zu bytes to the scalar machine",
		             sluice_kernel_name(sluice_reader_kernel(r)), (unsigned long long)s->scalar_bytes, g.len);
	sluice_reader_close(r);
}

/* ---------------------------------------------------------------------------------------------
 * The reference itself, on the examples of docs/reading-rules.md.
 * ------------------------------------------------------------------------------------------- */

static void expect_ref(const char *in, int dialect_id, bool strict, const char *const *want, size_t nwant)
{
	sluice_dialect d = make_dialect(dialect_id);
	d.strict = strict;
	ref_result r;
	cr_assert_eq(ref_parse(in, strlen(in), &d, &r), 0);
	/* want: records joined as "f1|f2" */
	cr_assert_eq(r.nrecords, nwant, "input \"%s\": %zu records, want %zu", in, r.nrecords, nwant);
	for (size_t i = 0; i < nwant; i++) {
		char got[256] = "";
		size_t n = 0;
		for (size_t j = 0; j < r.records[i].nfields; j++) {
			if (j)
				got[n++] = '|';
			memcpy(got + n, r.records[i].fields[j].data, r.records[i].fields[j].len);
			n += r.records[i].fields[j].len;
		}
		got[n] = '\0';
		cr_assert_str_eq(got, want[i], "input \"%s\" record %zu", in, i);
	}
	ref_result_free(&r);
}

#define EXPECT_REF(in, dl, strict, ...)                                                         \
	do {                                                                                        \
		static const char *const w_[] = { __VA_ARGS__ };                                        \
		expect_ref(in, dl, strict, w_, sizeof w_ / sizeof w_[0]);                               \
	} while (0)

Test(reference, follows_the_doc)
{
	ref_result r;
	sluice_dialect d = make_dialect(DL_DEFAULT);

	cr_assert_eq(ref_parse("", 0, &d, &r), 0);
	cr_assert_eq(r.nrecords, 0);
	ref_result_free(&r);

	EXPECT_REF("\n", DL_DEFAULT, false, "");
	EXPECT_REF("a\n\nb", DL_DEFAULT, false, "a", "", "b");
	EXPECT_REF("a\r\rb\r\n", DL_DEFAULT, false, "a", "", "b");
	EXPECT_REF("\xEF\xBB\xBF" "a,b\n", DL_DEFAULT, false, "a|b");
	EXPECT_REF("a,\xEF\xBB\xBF", DL_DEFAULT, false, "a|\xEF\xBB\xBF");
	EXPECT_REF("\"a\r\nb\",c", DL_DEFAULT, false, "a\r\nb|c");
	EXPECT_REF("  \"a\"  ", DL_DEFAULT, false, "  \"a\"  ");
	EXPECT_REF("  \"a\"  ,b ", DL_TRIM, false, "a|b");
	EXPECT_REF("\"a\"b", DL_DEFAULT, false, "ab");
	EXPECT_REF("\"a\" \"b\" ,\"c\"\t", DL_TRIM, false, "a\"b\"|c");
	EXPECT_REF("\"a\"\"b\" x", DL_TRIM, false, "a\"bx");
	EXPECT_REF("12\" monitor", DL_DEFAULT, false, "12\" monitor");
	EXPECT_REF("x,\"abc\n", DL_DEFAULT, false, "x|abc\n");
	EXPECT_REF("\"a\"\"b\"", DL_DEFAULT, false, "a\"b");
	EXPECT_REF("\"a\"\"b\"", DL_NO_DOUBLE, false, "a\"b\"");
	EXPECT_REF("a\\,b,\"c\\\"d\"", DL_ESCAPE, false, "a,b|c\"d");
	EXPECT_REF("ab\\", DL_ESCAPE, false, "ab\\");
	EXPECT_REF("#x,y\na\n#z", DL_COMMENT, false, "a");
	EXPECT_REF("\"a\n#b\"", DL_COMMENT, false, "a\n#b");
	EXPECT_REF("a\n\n\nb\n", DL_SKIP_EMPTY, false, "a", "b");
	EXPECT_REF("\"a\",\"\"", DL_DEFAULT, false, "a|");
	EXPECT_REF("a,", DL_DEFAULT, false, "a|");

	d.strict = true;
	cr_assert_eq(ref_parse("a,b\nc\"d", 7, &d, &r), 0);
	cr_assert_eq(r.error, REF_ERR_BARE_QUOTE);
	cr_assert_eq(r.nrecords, 1);
	cr_assert_eq(r.err_offset, 5);
	cr_assert_eq(r.err_line, 2);
	cr_assert_eq(r.err_column, 1);
	ref_result_free(&r);

	cr_assert_eq(ref_parse("\"a\"x", 4, &d, &r), 0);
	cr_assert_eq(r.error, REF_ERR_AFTER_QUOTE);
	cr_assert_eq(r.err_offset, 3);
	ref_result_free(&r);

	d.trim = true;
	cr_assert_eq(ref_parse("\"a\" \"b\"", 7, &d, &r), 0);
	cr_assert_eq(r.error, REF_ERR_AFTER_QUOTE, "after trimmed spaces a quote is text");
	cr_assert_eq(r.err_offset, 4);
	ref_result_free(&r);
	d.trim = false;

	cr_assert_eq(ref_parse("a,\"b\n", 5, &d, &r), 0);
	cr_assert_eq(r.error, REF_ERR_UNTERMINATED);
	cr_assert_eq(r.err_offset, 2);
	cr_assert_eq(r.err_line, 1);
	cr_assert_eq(r.err_column, 2);
	ref_result_free(&r);

	d.strict = false;
	const char *repairs = "\"a\"b\"c,d\"e\n\"f";
	cr_assert_eq(ref_parse(repairs, strlen(repairs), &d, &r), 0);
	cr_assert_eq(r.repaired_records, 2, "repairs count records");
	cr_assert_eq(r.repaired_after_quote, 1);
	cr_assert_eq(r.repaired_bare_quote, 1);
	cr_assert_eq(r.repaired_unterminated, 1);
	cr_assert_eq(r.nrecords, 2);
	cr_assert_eq(r.records[1].line, 2);
	cr_assert_eq(r.records[1].offset, 11);
	ref_result_free(&r);
}

/* ---------------------------------------------------------------------------------------------
 * A kernel this CPU cannot run skips the whole program (exit status 77).
 * ------------------------------------------------------------------------------------------- */

int main(int argc, char *argv[])
{
	sluice_kernel k;
	if (!kernel_from_env(&k)) {
		fprintf(stderr, "SLUICE_KERNEL=%s is not a kernel name\n", getenv("SLUICE_KERNEL"));
		return 1;
	}
	if (k != SLUICE_KERNEL_AUTO && !sluice_kernel_supported(k)) {
		fprintf(stderr, "kernel %s is not supported on this CPU or not built: skipped\n", sluice_kernel_name(k));
		return 77;
	}
	struct criterion_test_set *tests = criterion_initialize();
	int result = 0;
	if (criterion_handle_args(argc, argv, true))
		result = !criterion_run_all_tests(tests);
	criterion_finalize(tests);
	return result;
}

