/* stable_only.c - a program built against the installed headers with only <sluice.h>: the version
 * macros must agree with the library's sluice_version(), and the stable calls must need nothing of
 * sluice_experimental.h. Prints the version and a count; exits 1 on the first disagreement.
 *
 * usage: stable_only FILE.csv   (a table with a header and at least one record) */
#include <stdio.h>
#include <string.h>

#include <sluice.h>

#ifdef SLUICE_EXPERIMENTAL_H
#error "sluice.h includes sluice_experimental.h: the stable header must stand alone"
#endif

#if !defined(SLUICE_VERSION_MAJOR) || !defined(SLUICE_VERSION_MINOR) || !defined(SLUICE_VERSION_PATCH)
#error "sluice.h does not define SLUICE_VERSION_MAJOR, _MINOR and _PATCH"
#endif
#if SLUICE_VERSION_NUMBER != SLUICE_VERSION_MAJOR * 10000 + SLUICE_VERSION_MINOR * 100 + SLUICE_VERSION_PATCH
#error "SLUICE_VERSION_NUMBER does not match SLUICE_VERSION_MAJOR, _MINOR and _PATCH"
#endif

static int fail(const char *what)
{
	fprintf(stderr, "stable_only: %s\n", what);
	return 1;
}

int main(int argc, char **argv)
{
	if (argc != 2)
		return fail("usage: stable_only FILE.csv");
	char parts[64];
	snprintf(parts, sizeof parts, "%d.%d.%d", SLUICE_VERSION_MAJOR, SLUICE_VERSION_MINOR, SLUICE_VERSION_PATCH);
	if (strcmp(parts, SLUICE_VERSION_STRING) != 0)
		return fail("SLUICE_VERSION_STRING is not MAJOR.MINOR.PATCH");
	if (strcmp(sluice_version(), SLUICE_VERSION_STRING) != 0)
		return fail("sluice_version() differs from SLUICE_VERSION_STRING");
	if (sluice_version_number() != SLUICE_VERSION_NUMBER)
		return fail("sluice_version_number() differs from SLUICE_VERSION_NUMBER");
	if (strcmp(sluice_status_name(SLUICE_ERR_QUOTE), "SLUICE_ERR_QUOTE") != 0)
		return fail("sluice_status_name(SLUICE_ERR_QUOTE)");

	/* the reader over memory, then a query over the file */
	static const char csv[] = "a,b\n1,2\n3,4\n";
	sluice_options o;
	sluice_options_init(&o);
	sluice_reader *r = NULL;
	sluice_error err;
	sluice_status st = sluice_reader_open_memory(&r, csv, sizeof csv - 1, "mem", &o, &err);
	if (st != SLUICE_OK)
		return fail(err.message);
	sluice_row row;
	if (sluice_reader_next(r, &row) != SLUICE_OK || row.nfields != 2)
		return fail("sluice_reader_next on two fields");
	uint64_t rest = 0;
	if (sluice_reader_count_records(r, &rest) != SLUICE_OK || rest != 1)
		return fail("sluice_reader_count_records after one record");
	sluice_reader_close(r);
	sluice_reader_close(NULL);

	sluice_query_options qo;
	sluice_query_options_init(&qo);
	sluice_query *q = NULL;
	if (sluice_query_open_select(&q, argv[1], "count(*)", NULL, &qo, &err) != SLUICE_OK)
		return fail(err.message);
	const sluice_value *v = NULL;
	if (sluice_query_next(q, &v) != SLUICE_OK)
		return fail("sluice_query_next on count(*)");
	char num[32];
	sluice_value_format(&v[0], num, sizeof num);
	if (sluice_query_next(q, &v) != SLUICE_END)
		return fail("count(*) has more than one row");
	sluice_query_close(q);
	sluice_query_close(NULL);
	printf("%s %s\n", sluice_version(), num);
	return 0;
}
