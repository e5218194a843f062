/* main.c - the sluice command line: the command table, top-level help and version. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "sluice/cli_options.h"
#include "sluice/commands.h"
#include "sluice/progress.h"

typedef struct command {
	const char *name;
	const char *help;
	int (*run)(int argc, char **argv);
} command;

static const command commands[] = {
	{ "count", "print the number of records (header excluded)", cli_cmd_count },
	{ "head", "print the header and the first N records", cli_cmd_head },
	{ "cat", "print every record in the chosen format", cli_cmd_cat },
	{ "query", "run an SQL SELECT over a file", cli_cmd_query },
	{ "select", "print chosen columns of the records that pass --where", cli_cmd_select },
	{ "schema", "print the dialect and the column names and types", cli_cmd_schema },
	{ "sniff", "print the dialect, header and types guessed from a sample, with a confidence", cli_cmd_sniff },
	{ "stats", "print statistics of each column: count, nulls, min, max, mean, distinct, top values", cli_cmd_stats },
	{ "frequency", "print each distinct value of a column with its count, most frequent first", cli_cmd_frequency },
};

#define NCOMMANDS (sizeof commands / sizeof commands[0])

static void print_usage(FILE *f)
{
	fputs("usage: sluice COMMAND [options] [FILE...]\n"
	      "       sluice query [options] \"SQL\"\n"
	      "\n"
	      "Scan CSV files fast. The dialect (delimiter, quote, header, preamble, ...) is guessed from a\n"
	      "sample of each file unless given (--no-sniff: guess nothing; 'sluice sniff' shows the guess).\n"
	      "\n"
	      "Commands:\n",
	      f);
	for (size_t i = 0; i < NCOMMANDS; i++)
		fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].help);
	fputs("\n"
	      "Run 'sluice COMMAND --help' for the options of a command (dialect, engine and output ones are shared).\n"
	      "  sluice --version   print the version and the kernels this CPU can run\n"
	      "\n"
	      "Examples:\n"
	      "  sluice head -n 5 --format table data.csv\n"
	      "  sluice query \"SELECT city, avg(fare) FROM 'trips.csv' GROUP BY city\"\n",
	      f);
}

static void print_version(void)
{
	printf("sluice %s\nkernels:", sluice_version());
	for (int k = 0; k < SLUICE_KERNEL_COUNT; k++)
		if (k != SLUICE_KERNEL_AUTO && sluice_kernel_supported((sluice_kernel)k))
			printf(" %s", sluice_kernel_name((sluice_kernel)k));
	printf(" (auto: %s)\n", sluice_kernel_name(sluice_kernel_best()));
}

static const command *find_command(const char *name)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

/* Exit status after text printed with stdio: a failed stdout is a write error. */
static int finish_stdout(void)
{
	if (fflush(stdout) != 0 || ferror(stdout))
		return cli_diag_write_error(errno ? errno : EIO);
	return EXIT_OK;
}

/* A fault while the CLI itself reads a field (the library reports its own as errors). Runs in a
 * signal handler: write(2) only. */
static void fault_outside(const char *path, uint64_t offset)
{
	char num[24];
	size_t n = 0;
	do {
		num[sizeof num - 1 - n++] = (char)('0' + offset % 10);
		offset /= 10;
	} while (offset && n < sizeof num);
	const char *parts[] = {"sluice: ", path ? path : "input", ": the file shrank while it was being read (byte ",
	                       num + sizeof num - n, " is gone)\n"};
	size_t lens[] = {8, path ? strlen(path) : 5, 0, n, 10};
	lens[2] = strlen(parts[2]);
	for (size_t i = 0; i < 5; i++)
		if (write(2, parts[i], lens[i]) < 0)
			break;
	_exit(EXIT_DATA);
}

int main(int argc, char **argv)
{
	/* A closed pipe shows up as EPIPE from write(2), which ends the output quietly. */
	signal(SIGPIPE, SIG_IGN);
	/* A file truncated by another process while mapped: an error, not a crash. */
	sluice_fault_guard_install(fault_outside);

	if (argc < 2) {
		print_usage(stderr);
		return EXIT_USAGE;
	}
	const char *a = argv[1];
	if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
		print_usage(stdout);
		return finish_stdout();
	}
	if (strcmp(a, "--version") == 0 || strcmp(a, "-V") == 0) {
		print_version();
		return finish_stdout();
	}
	if (strcmp(a, "help") == 0) {
		const command *c = argc > 2 ? find_command(argv[2]) : NULL;
		if (argc > 2 && !c) {
			cli_diag("unknown command '%s'", argv[2]);
			return EXIT_USAGE;
		}
		if (!c) {
			print_usage(stdout);
			return finish_stdout();
		}
		char *help_argv[] = { argv[2], (char *)"--help", NULL };
		int rc = c->run(2, help_argv);
		return rc == EXIT_OK ? finish_stdout() : rc;
	}
	const command *c = find_command(a);
	if (!c) {
		cli_diag(a[0] == '-' ? "unknown option '%s' (options follow the command)" : "unknown command '%s'", a);
		fputs("Try 'sluice --help'.\n", stderr);
		return EXIT_USAGE;
	}
	int rc = c->run(argc - 1, argv + 1);
	cli_progress_done();
	if (rc == EXIT_OK) {
		int out = finish_stdout(); /* --help of a command prints with stdio */
		if (out != EXIT_OK)
			return out;
	}
	return rc;
}
