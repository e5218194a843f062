/* writer.h - the one buffered writer behind every output format: a large buffer drained with write(2). */
#ifndef SLUICE_TOOLS_WRITER_H
#define SLUICE_TOOLS_WRITER_H

#include <stddef.h>
#include <string.h>

/* Output goes through a single buffer so that a format appends bytes with memcpy and the
 * kernel sees a few large write(2) calls instead of one stdio call per field.
 *
 * Errors are sticky: the first failed write stores its errno in `error`, and from then on
 * whatever is appended is dropped. Appending never fails, so formats need no error paths;
 * the caller polls out_writer_failed() once per record to stop early (a closed pipe) and checks
 * the result of out_writer_flush() at the end. */
typedef struct out_writer {
	char *buf;
	size_t len;   /* bytes waiting in buf */
	size_t cap;
	int fd;       /* -1 for a memory writer */
	int error;    /* errno of the first failed write; 0 while every write succeeded */
	void (*before_write)(void); /* when set, called once just before the first write(2) */
} out_writer;

/* The buffer size the CLI uses: large enough that write(2) costs nothing per record. */
#define OUT_WRITER_DEFAULT_CAP ((size_t)1 << 20)
/* The most a format may ask out_writer_reserve() for at once. */
#define OUT_WRITER_MAX_RESERVE ((size_t)4096)

/* Allocates a buffer of cap bytes (>= OUT_WRITER_MAX_RESERVE) writing to fd. Returns 0, or -1 with errno set. */
int out_writer_init(out_writer *w, int fd, size_t cap);
/* A writer into memory: the buffer grows instead of being written out, and buf[0..len) is the
 * result (a failed allocation is the sticky error ENOMEM). Returns 0, or -1 with errno set. */
int out_writer_init_memory(out_writer *w, size_t cap);
/* Writes out the buffered bytes (a memory writer grows instead). Returns 0, or the sticky errno
 * of the first failure. */
int out_writer_flush(out_writer *w);
/* Releases the buffer without flushing. */
void out_writer_free(out_writer *w);
/* Appends n bytes that do not fit in the free space (the slow half of out_writer_put). */
void out_writer_put_slow(out_writer *w, const void *p, size_t n);

static inline int out_writer_failed(const out_writer *w)
{
	return w->error;
}

/* Returns room for n bytes (n <= OUT_WRITER_MAX_RESERVE) at the end of the buffer; the caller
 * writes there and then calls out_writer_commit() with the number of bytes it used. */
static inline char *out_writer_reserve(out_writer *w, size_t n)
{
	if (w->cap - w->len < n)
		out_writer_flush(w);
	return w->buf + w->len;
}

static inline void out_writer_commit(out_writer *w, size_t n)
{
	w->len += n;
}

static inline void out_writer_put(out_writer *w, const void *p, size_t n)
{
	if (n <= w->cap - w->len) {
		memcpy(w->buf + w->len, p, n);
		w->len += n;
	} else {
		out_writer_put_slow(w, p, n);
	}
}

static inline void out_writer_byte(out_writer *w, char c)
{
	if (w->len == w->cap)
		out_writer_flush(w);
	w->buf[w->len++] = c;
}

/* Appends a NUL-terminated string. */
static inline void out_writer_str(out_writer *w, const char *s)
{
	out_writer_put(w, s, strlen(s));
}

#endif /* SLUICE_TOOLS_WRITER_H */
