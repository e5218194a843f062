/* test_docs.c - the functions that the man page and the README name are the ones the binder knows. */
#include <criterion/criterion.h>
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "query/plan/func_types.h"

/* Checks each word of the lines of path from the one that starts with `from` up to the first line
 * that starts with `to`: each must name a scalar function. Returns the words checked. */
static size_t check_names(const char *path, const char *from, const char *to)
{
	FILE *f = fopen(path, "r");
	cr_assert(f, "cannot open %s", path);
	char line[1024];
	bool in = false;
	size_t checked = 0;
	while (fgets(line, sizeof line, f)) {
		if (!in) {
			in = strncmp(line, from, strlen(from)) == 0;
			if (!in)
				continue;
			memmove(line, line + strlen(from), strlen(line + strlen(from)) + 1);
		} else if (strncmp(line, to, strlen(to)) == 0) {
			break;
		}
		for (char *w = strtok(line, " \t\n`,"); w; w = strtok(NULL, " \t\n`,")) {
			if (w[0] == '.' || w[0] == '\\') /* a man page request (.B) or font escape, a full stop */
				continue;
			char name[64];
			size_t n = 0;
			while (n + 1 < sizeof name && (islower((unsigned char)w[n]) || w[n] == '_'))
				name[n] = w[n], n++;
			name[n] = '\0';
			cr_assert(n > 0, "%s: '%s' in the function list is not a name", path, w);
			cr_expect(sq_fn_lookup(name) != SQ_FN_NONE, "%s names a function %s() that does not exist", path,
			          name);
			checked++;
		}
	}
	fclose(f);
	cr_assert(in, "%s: no line starts with '%s'", path, from);
	return checked;
}

Test(docs, man_page_functions_exist)
{
	const size_t n = check_names(SLUICE_SOURCE_ROOT "/docs/sluice.1", "Functions:", ".PP");
	cr_expect_geq(n, 20, "only %zu function names read from the man page", n);
}

Test(docs, readme_functions_exist)
{
	const size_t n = check_names(SLUICE_SOURCE_ROOT "/README.md", "`lower upper", "\n");
	cr_expect_geq(n, 20, "only %zu function names read from the README", n);
}
