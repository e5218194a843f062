/* test_api.c - unit tests of option defaults, dialect checks, status names, kernel names and the version. */
#include <criterion/criterion.h>

#include <stdio.h>
#include <string.h>

#include "sluice.h"

Test(options, defaults)
{
	sluice_options o;
	memset(&o, 0xA5, sizeof o);
	sluice_options_init(&o);
	cr_assert_eq(o.struct_size, sizeof o);
	/* what the sniffer decides is AUTO; the rest has fixed defaults */
	cr_assert_eq(o.dialect.delimiter, SLUICE_AUTO);
	cr_assert_eq(o.dialect.quote, SLUICE_AUTO);
	cr_assert(o.dialect.double_quote);
	cr_assert_eq(o.dialect.escape, SLUICE_AUTO);
	cr_assert_str_eq(o.dialect.comment, SLUICE_COMMENT_AUTO);
	cr_assert_eq(o.dialect.trim, SLUICE_AUTO);
	cr_assert_not(o.dialect.skip_empty_lines);
	cr_assert_eq(o.dialect.header, SLUICE_AUTO);
	cr_assert_eq(o.dialect.skip, SLUICE_AUTO);
	cr_assert_not(o.dialect.strict);
	cr_assert_eq(o.kernel, SLUICE_KERNEL_AUTO);
	cr_assert_eq(o.window_size, 256u * 1024u);
	cr_assert_eq(o.max_record_size, (uint64_t)1 << 30);
	cr_assert_eq(sluice_dialect_check(&o.dialect, NULL), SLUICE_OK);
	/* without sniffing, the defaults of before */
	sluice_dialect_fill_auto(&o.dialect);
	cr_assert_eq(o.dialect.delimiter, ',');
	cr_assert_eq(o.dialect.quote, '"');
	cr_assert_eq(o.dialect.escape, SLUICE_NO_CHAR);
	cr_assert_str_eq(o.dialect.comment, "");
	cr_assert_eq(o.dialect.trim, 0);
	cr_assert_eq(o.dialect.header, 1);
	cr_assert_eq(o.dialect.skip, 0);
	cr_assert_eq(sluice_dialect_check(&o.dialect, NULL), SLUICE_OK);
}

/* The default dialect without sniffing, for the check tests to spoil. */
static sluice_dialect default_dialect(void)
{
	sluice_options o;
	sluice_options_init(&o);
	sluice_dialect_fill_auto(&o.dialect);
	return o.dialect;
}

static void expect_rejected(const sluice_dialect *d, const char *why)
{
	const char *msg = NULL;
	cr_assert_eq(sluice_dialect_check(d, &msg), SLUICE_ERR_INVALID_OPTION, "accepted: %s", why);
	cr_assert_not_null(msg, "no reason given: %s", why);
	cr_assert_gt(strlen(msg), 0);
	cr_assert_eq(sluice_dialect_check(d, NULL), SLUICE_ERR_INVALID_OPTION);

	/* open refuses it too, and says so in the error */
	sluice_options o;
	sluice_options_init(&o);
	o.dialect = *d;
	sluice_reader *r = (sluice_reader *)&o; /* must be overwritten with NULL */
	sluice_error err;
	memset(&err, 0, sizeof err);
	int rc = sluice_reader_open_memory(&r, "a,b\n", 4, NULL, &o, &err);
	cr_assert_eq(rc, SLUICE_ERR_INVALID_OPTION, "open accepted: %s", why);
	cr_assert_null(r);
	cr_assert_eq(err.status, SLUICE_ERR_INVALID_OPTION);
}

Test(dialect_check, accepts_good_dialects)
{
	sluice_dialect d = default_dialect();
	const char *msg = "unchanged";
	cr_assert_eq(sluice_dialect_check(&d, &msg), SLUICE_OK);

	d.delimiter = '\t';
	cr_assert_eq(sluice_dialect_check(&d, NULL), SLUICE_OK);
	d.delimiter = ';';
	d.quote = SLUICE_NO_CHAR;
	d.escape = '\\';
	strcpy(d.comment, "#");
	d.skip_empty_lines = true;
	d.strict = true;
	d.header = false;
	cr_assert_eq(sluice_dialect_check(&d, NULL), SLUICE_OK);
	d = default_dialect();
	d.trim = true;
	d.double_quote = false;
	strcpy(d.comment, "//");
	cr_assert_eq(sluice_dialect_check(&d, NULL), SLUICE_OK);
}

Test(dialect_check, rejects_bad_dialects)
{
	sluice_dialect d = default_dialect();
	d.delimiter = '"';
	expect_rejected(&d, "delimiter equal to the quote");

	d = default_dialect();
	d.delimiter = '\n';
	expect_rejected(&d, "LF delimiter");

	d = default_dialect();
	d.delimiter = '\r';
	expect_rejected(&d, "CR delimiter");

	d = default_dialect();
	d.escape = ',';
	expect_rejected(&d, "delimiter equal to the escape");

	d = default_dialect();
	d.quote = '\n';
	expect_rejected(&d, "LF quote");

	d = default_dialect();
	d.escape = '\r';
	expect_rejected(&d, "CR escape");

	d = default_dialect();
	d.quote = 300;
	expect_rejected(&d, "quote out of byte range");

	d = default_dialect();
	d.escape = -7;
	expect_rejected(&d, "escape out of byte range");

	d = default_dialect();
	strcpy(d.comment, "#\n");
	expect_rejected(&d, "comment holding a line break");

	d = default_dialect();
	strcpy(d.comment, ",x");
	expect_rejected(&d, "comment starting with the delimiter");
}

Test(status, names)
{
	static const struct {
		int status;
		const char *name;
	} names[] = {
		{ SLUICE_OK, "SLUICE_OK" },
		{ SLUICE_END, "SLUICE_END" },
		{ SLUICE_ERR_IO, "SLUICE_ERR_IO" },
		{ SLUICE_ERR_NOMEM, "SLUICE_ERR_NOMEM" },
		{ SLUICE_ERR_INVALID_OPTION, "SLUICE_ERR_INVALID_OPTION" },
		{ SLUICE_ERR_KERNEL, "SLUICE_ERR_KERNEL" },
		{ SLUICE_ERR_QUOTE, "SLUICE_ERR_QUOTE" },
		{ SLUICE_ERR_RECORD_TOO_LARGE, "SLUICE_ERR_RECORD_TOO_LARGE" },
		{ SLUICE_ERR_FAULT, "SLUICE_ERR_FAULT" },
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		cr_assert_str_eq(sluice_status_name(names[i].status), names[i].name);

	/* pinned values */
	cr_assert_eq(SLUICE_OK, 0);
	cr_assert_eq(SLUICE_END, 1);
	cr_assert_eq(SLUICE_ERR_IO, -1);
	cr_assert_eq(SLUICE_ERR_QUOTE, -5);
	cr_assert_eq(SLUICE_ERR_FAULT, -7);

	/* never NULL, even for values that are not statuses */
	const int odd[] = { 2, -8, 12345, -12345 };
	for (size_t i = 0; i < sizeof odd / sizeof odd[0]; i++) {
		cr_assert_not_null(sluice_status_name(odd[i]));
		cr_assert_gt(strlen(sluice_status_name(odd[i])), 0);
	}
}

Test(kernel, names_round_trip)
{
	static const char *const names[SLUICE_KERNEL_COUNT] = { "auto", "scalar", "sse42", "avx2", "avx512", "neon" };
	for (int k = 0; k < SLUICE_KERNEL_COUNT; k++) {
		cr_assert_str_eq(sluice_kernel_name((sluice_kernel)k), names[k]);
		sluice_kernel back = (sluice_kernel)-1;
		cr_assert_eq(sluice_kernel_from_name(names[k], &back), SLUICE_OK, "%s", names[k]);
		cr_assert_eq(back, (sluice_kernel)k, "%s", names[k]);
	}
	cr_assert_str_eq(sluice_kernel_name((sluice_kernel)SLUICE_KERNEL_COUNT), "?");
	cr_assert_str_eq(sluice_kernel_name((sluice_kernel)-1), "?");

	sluice_kernel k = SLUICE_KERNEL_AVX2;
	cr_assert_eq(sluice_kernel_from_name("avx3", &k), SLUICE_ERR_INVALID_OPTION);
	cr_assert_eq(sluice_kernel_from_name("", &k), SLUICE_ERR_INVALID_OPTION);
	cr_assert_eq(sluice_kernel_from_name("scalarx", &k), SLUICE_ERR_INVALID_OPTION);
	cr_assert_eq(k, SLUICE_KERNEL_AVX2, "a failed parse must not store");
}

Test(kernel, support_and_best)
{
	cr_assert(sluice_kernel_supported(SLUICE_KERNEL_SCALAR), "the scalar kernel runs everywhere");
	sluice_kernel best = sluice_kernel_best();
	cr_assert_neq(best, SLUICE_KERNEL_AUTO);
	cr_assert(sluice_kernel_supported(best), "best kernel %s is not supported", sluice_kernel_name(best));
}

Test(kernel, unsupported_kernel_is_refused)
{
	for (int k = SLUICE_KERNEL_SCALAR; k < SLUICE_KERNEL_COUNT; k++) {
		sluice_options o;
		sluice_options_init(&o);
		o.kernel = (sluice_kernel)k;
		sluice_reader *r = NULL;
		sluice_error err;
		memset(&err, 0, sizeof err);
		int rc = sluice_reader_open_memory(&r, "a\n1\n", 4, NULL, &o, &err);
		if (sluice_kernel_supported((sluice_kernel)k)) {
			cr_assert_eq(rc, SLUICE_OK, "%s: %s", sluice_kernel_name((sluice_kernel)k), sluice_status_name(rc));
			cr_assert_eq(sluice_reader_kernel(r), (sluice_kernel)k);
			sluice_reader_close(r);
		} else {
			cr_assert_eq(rc, SLUICE_ERR_KERNEL, "%s: %s", sluice_kernel_name((sluice_kernel)k), sluice_status_name(rc));
			cr_assert_null(r);
			cr_assert_eq(err.status, SLUICE_ERR_KERNEL);
		}
	}
}

Test(reader, close_accepts_null)
{
	sluice_reader_close(NULL);
}

Test(api, version_matches_header)
{
	cr_assert_str_eq(sluice_version(), SLUICE_VERSION_STRING);
	cr_assert_eq(sluice_version_number(), (unsigned)SLUICE_VERSION_NUMBER);
	char parts[32];
	snprintf(parts, sizeof parts, "%d.%d.%d", SLUICE_VERSION_MAJOR, SLUICE_VERSION_MINOR, SLUICE_VERSION_PATCH);
	cr_assert_str_eq(parts, SLUICE_VERSION_STRING);
}
