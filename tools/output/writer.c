/* writer.c - drains the shared output buffer with write(2), or grows it in memory, keeping the first error. */
#include "output/writer.h"

#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

int out_writer_init(out_writer *w, int fd, size_t cap)
{
	if (cap < OUT_WRITER_MAX_RESERVE)
		cap = OUT_WRITER_MAX_RESERVE;
	w->buf = malloc(cap);
	w->len = 0;
	w->cap = cap;
	w->fd = fd;
	w->error = 0;
	w->before_write = NULL;
	return w->buf ? 0 : -1;
}

int out_writer_init_memory(out_writer *w, size_t cap)
{
	return out_writer_init(w, -1, cap);
}

/* Makes room for n more bytes in a memory writer, or records ENOMEM and empties it. */
static void grow_buffer(out_writer *w, size_t n)
{
	size_t cap = w->cap;
	while (cap - w->len < n)
		cap *= 2;
	char *buf = w->error ? NULL : realloc(w->buf, cap);
	if (!buf) {
		w->error = ENOMEM;
		w->len = 0;
		return;
	}
	w->buf = buf;
	w->cap = cap;
}

/* Writes all n bytes unless the first failure has been seen; records the failure. */
static void write_all(out_writer *w, const char *p, size_t n)
{
	if (w->before_write && n > 0) {
		void (*f)(void) = w->before_write;
		w->before_write = NULL;
		f();
	}
	while (n > 0 && w->error == 0) {
		ssize_t k = write(w->fd, p, n);
		if (k < 0) {
			if (errno == EINTR)
				continue;
			w->error = errno;
		} else if (k == 0) {
			w->error = EIO;
		} else {
			p += k;
			n -= (size_t)k;
		}
	}
}

int out_writer_flush(out_writer *w)
{
	if (w->fd < 0) {
		/* Called when the free space ran short: double it (at least OUT_WRITER_MAX_RESERVE). */
		grow_buffer(w, w->cap - w->len + 1);
		return w->error;
	}
	write_all(w, w->buf, w->len);
	w->len = 0;
	return w->error;
}

void out_writer_put_slow(out_writer *w, const void *p, size_t n)
{
	if (w->fd < 0) {
		grow_buffer(w, n);
		if (w->error == 0) {
			memcpy(w->buf + w->len, p, n);
			w->len += n;
		}
		return;
	}
	out_writer_flush(w);
	if (n >= w->cap) {
		/* Larger than the whole buffer: copying it through would only cost time. */
		write_all(w, p, n);
		return;
	}
	memcpy(w->buf, p, n);
	w->len = n;
}

void out_writer_free(out_writer *w)
{
	free(w->buf);
	w->buf = NULL;
	w->len = w->cap = 0;
}
