/* input.c - opens a file with the library's mmap reader, or reads standard input into memory for it. */
#include "input.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define STDIN_NAME "<stdin>"

/* Reads all of fd into a malloc'd buffer. Returns 0, or an errno value. */
static int read_all(int fd, char **out, size_t *out_len)
{
	size_t cap = (size_t)1 << 20, len = 0;
	char *buf = malloc(cap);
	if (!buf)
		return ENOMEM;
	for (;;) {
		if (len == cap) {
			char *p = realloc(buf, cap * 2);
			if (!p) {
				free(buf);
				return ENOMEM;
			}
			buf = p;
			cap *= 2;
		}
		ssize_t k = read(fd, buf + len, cap - len);
		if (k == 0)
			break;
		if (k < 0) {
			if (errno == EINTR)
				continue;
			int e = errno;
			free(buf);
			return e;
		}
		len += (size_t)k;
	}
	*out = buf;
	*out_len = len;
	return 0;
}

int input_open(input *in, const cli_options *o)
{
	sluice_error err;
	int rc;

	memset(&err, 0, sizeof err);
	in->reader = NULL;
	in->data = NULL;
	if (strcmp(o->path, "-") == 0) {
		size_t len = 0;
		in->name = STDIN_NAME;
		int e = read_all(STDIN_FILENO, &in->data, &len);
		if (e != 0) {
			diag("%s: %s", in->name, strerror(e));
			return EXIT_DATA;
		}
		rc = sluice_reader_open_memory(&in->reader, in->data, len, in->name, &o->reader, &err);
	} else {
		in->name = o->path;
		rc = sluice_reader_open(&in->reader, o->path, &o->reader, &err);
	}
	if (rc < 0) {
		if (err.status == SLUICE_OK)
			err.status = rc;
		rc = diag_reader_error(&err, in->name);
		input_close(in);
		return rc;
	}
	return EXIT_OK;
}

void input_close(input *in)
{
	sluice_reader_close(in->reader);
	free(in->data);
	in->reader = NULL;
	in->data = NULL;
}

int input_error(const input *in)
{
	return diag_reader_error(sluice_reader_error(in->reader), in->name);
}
