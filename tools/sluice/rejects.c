/* rejects.c - writes the records a scan diverts (sluice_options.reject) to the --rejects file. */
#include "sluice/rejects.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "output/json_string.h"

/* The library calls this in file order, on the thread that runs the scan, one record at a time. */
static void write_reject(void *user, const sluice_reject *rj)
{
	cli_rejects *out = user;
	out_writer *w = &out->w;
	char num[96];
	if (out->many) {
		out_writer_str(w, "{\"file\":");
		out_json_put_string(w, rj->file, strlen(rj->file));
		snprintf(num, sizeof num, ",\"line\":%" PRIu64 ",\"offset\":%" PRIu64 ",\"reason\":", rj->line, rj->offset);
	} else {
		snprintf(num, sizeof num, "{\"line\":%" PRIu64 ",\"offset\":%" PRIu64 ",\"reason\":", rj->line, rj->offset);
	}
	out_writer_str(w, num);
	out_json_put_string(w, rj->reason, strlen(rj->reason));
	snprintf(num, sizeof num, ",\"column\":%" PRIu64 ",\"record\":", rj->column);
	out_writer_str(w, num);
	out_json_put_string(w, rj->record, rj->length);
	out_writer_put(w, "}\n", 2);
	out->n++;
}

static bool same_file(const struct stat *a, const char *path)
{
	struct stat b;
	return path && stat(path, &b) == 0 && a->st_dev == b.st_dev && a->st_ino == b.st_ino;
}

/* True when path names an input (opening it for writing would empty that input). */
static bool is_input(const char *path, const cli_options *o, const char *source)
{
	struct stat a;
	if (stat(path, &a) != 0)
		return false;
	for (size_t i = 0; i < o->npaths; i++)
		if (same_file(&a, o->paths[i]))
			return true;
	return same_file(&a, o->path) || same_file(&a, source);
}

int cli_rejects_open(cli_rejects *rj, cli_options *o, const char *source)
{
	memset(rj, 0, sizeof *rj);
	if (!o->rejects)
		return EXIT_OK;
	if (is_input(o->rejects, o, source)) {
		cli_diag("--rejects %s: that is an input file", o->rejects);
		return EXIT_USAGE;
	}
	int fd = open(o->rejects, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	if (fd < 0) {
		cli_diag("%s: %s", o->rejects, strerror(errno));
		return EXIT_DATA;
	}
	if (out_writer_init(&rj->w, fd, OUT_WRITER_DEFAULT_CAP) != 0) {
		cli_diag("%s", strerror(errno));
		close(fd);
		return EXIT_DATA;
	}
	rj->path = o->rejects;
	rj->many = o->npaths > 1;
	o->reader.reject = write_reject;
	o->reader.reject_user = rj;
	return EXIT_OK;
}

int cli_rejects_close(cli_rejects *rj, int rc)
{
	if (!rj->path)
		return rc;
	int err = out_writer_flush(&rj->w);
	if (close(rj->w.fd) != 0 && err == 0)
		err = errno;
	out_writer_free(&rj->w);
	if (rj->n)
		cli_diag("%" PRIu64 " record%s diverted to %s", rj->n, rj->n == 1 ? "" : "s", rj->path);
	if (err != 0) {
		cli_diag("%s: %s", rj->path, strerror(err));
		if (rc == EXIT_OK)
			rc = EXIT_DATA;
	}
	rj->path = NULL;
	return rc;
}

int cli_rejects_run(cli_options *o, int (*run)(const cli_options *o))
{
	cli_rejects rj;
	int rc = cli_rejects_open(&rj, o, NULL);
	if (rc != EXIT_OK)
		return rc;
	return cli_rejects_close(&rj, run(o));
}
