/* stats_args.c - the options of `stats` and `frequency` that the shared parser does not know. */
#include "sluice/stats_args.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static int usage(const char *command)
{
	fprintf(stderr, "Try 'sluice %s --help'.\n", command);
	return EXIT_USAGE;
}

/* A count from 0 to max, decimal digits only. */
static int parse_top(const char *s, int64_t max, int64_t *out)
{
	if (*s == '\0')
		return -1;
	int64_t n = 0;
	for (const char *p = s; *p; p++) {
		if (*p < '0' || *p > '9')
			return -1;
		n = n * 10 + (*p - '0');
		if (n > max)
			return -1;
	}
	*out = n;
	return 0;
}

int cli_stats_args_take(const char *command, unsigned accept, int64_t top_max, int argc, char **argv,
                        cli_stats_args *a)
{
	memset(a, 0, sizeof *a);
	a->top = -1;
	a->argv = calloc((size_t)argc + 1, sizeof *a->argv);
	if (!a->argv) {
		cli_diag("%s", strerror(ENOMEM));
		return EXIT_DATA;
	}
	a->argv[a->argc++] = argv[0];
	bool rest = false;
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];
		if (rest || strncmp(arg, "--", 2) != 0) {
			a->argv[a->argc++] = argv[i];
			continue;
		}
		if (arg[2] == '\0') {
			rest = true;
			a->argv[a->argc++] = argv[i];
			continue;
		}
		static const struct {
			const char *name;
			unsigned bit;
		} own[] = {{"columns", CLI_STATS_OPT_COLUMNS}, {"top", CLI_STATS_OPT_TOP}, {"limit", CLI_STATS_OPT_LIMIT}};
		const char *name = arg + 2;
		size_t len = strcspn(name, "=");
		unsigned bit = 0;
		for (size_t k = 0; k < sizeof own / sizeof own[0]; k++)
			if ((accept & own[k].bit) && strlen(own[k].name) == len && memcmp(own[k].name, name, len) == 0)
				bit = own[k].bit;
		if (!bit) {
			a->argv[a->argc++] = argv[i];
			continue;
		}
		const char *value = name[len] == '=' ? name + len + 1 : NULL;
		if (!value) {
			if (i + 1 >= argc) {
				cli_diag("option '%s' needs a value (%s)", arg, bit == CLI_STATS_OPT_COLUMNS ? "COLS" : "N");
				return usage(command);
			}
			value = argv[++i];
		}
		if (bit == CLI_STATS_OPT_COLUMNS) {
			if (value[0] == '\0') {
				cli_diag("--columns needs column names, separated by commas");
				return usage(command);
			}
			a->columns = value;
		} else if (parse_top(value, top_max ? top_max : INT64_MAX / 10, &a->top) != 0) {
			if (top_max)
				cli_diag("--%.*s needs a count from 0 to %lld, not '%s'", (int)len, name, (long long)top_max, value);
			else
				cli_diag("--%.*s needs a count of values, not '%s'", (int)len, name, value);
			return usage(command);
		}
	}
	a->argv[a->argc] = NULL;
	return CLI_RUN;
}

void cli_stats_args_free(cli_stats_args *a)
{
	free(a->argv);
	a->argv = NULL;
}

char *cli_stats_sql_ident(const char *name)
{
	size_t quotes = 0;
	for (const char *p = name; *p; p++)
		quotes += *p == '"';
	char *out = malloc(strlen(name) + quotes + 3);
	if (!out)
		return NULL;
	char *o = out;
	*o++ = '"';
	for (const char *p = name; *p; p++) {
		*o++ = *p;
		if (*p == '"')
			*o++ = '"';
	}
	*o++ = '"';
	*o = '\0';
	return out;
}
