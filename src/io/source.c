/* source.c - the byte-source interface over a caller's buffer, a mapped file and a decoded stream
 * (see source.h): the one place where the three differ. */
#include "io/source.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The bytes of an empty input: a real address, so that data + len is defined for it too. */
static const uint8_t empty_input[1];

void sl_source_memory(sl_source *s, const void *data, size_t len)
{
	memset(s, 0, sizeof *s);
	s->kind = SL_SOURCE_MEMORY;
	s->data = len ? data : empty_input; /* never a NULL base: pointer arithmetic on it is defined */
	s->len = len;
	s->eof = true;
}

static int io_error(sluice_error *err, const char *path, int e, const char *msg)
{
	if (err) {
		memset(err, 0, sizeof *err);
		err->status = SLUICE_ERR_IO;
		err->file = path;
		err->sys_errno = e;
		snprintf(err->message, sizeof err->message, "%s", msg);
	}
	return SLUICE_ERR_IO;
}

int sl_source_map(sl_source *s, const char *path, const char *name, sluice_error *err)
{
	memset(s, 0, sizeof *s);
	s->kind = SL_SOURCE_MAP;
	s->data = empty_input;
	s->eof = true;
	/* O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused below */
	const int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return io_error(err, path, errno, strerror(errno));
	struct stat sb;
	int rc = SLUICE_OK;
	if (fstat(fd, &sb) != 0)
		rc = io_error(err, path, errno, strerror(errno));
	else if (S_ISDIR(sb.st_mode))
		rc = io_error(err, path, EISDIR, strerror(EISDIR));
	else if (!S_ISREG(sb.st_mode))
		rc = io_error(err, path, ENODEV, "not a regular file (pipes and devices cannot be mapped)");
	else
		rc = sl_map_open(&s->map, fd, (uint64_t)sb.st_size, name, path, err);
	close(fd); /* the mapping outlives the descriptor */
	if (rc != SLUICE_OK)
		return rc;
	if (s->map.base) {
		s->data = s->map.base;
		s->len = s->map.len;
	}
	return SLUICE_OK;
}

int sl_source_stream(sl_source *s, sl_stream *st, bool own, sluice_error *err)
{
	memset(s, 0, sizeof *s);
	s->kind = SL_SOURCE_STREAM;
	s->stream = st;
	s->own_stream = own;
	s->data = sl_stream_data(st);
	return sl_source_need_slow(s, SL_FEED_AHEAD, err);
}

int sl_source_need_slow(sl_source *s, uint64_t upto, sluice_error *err)
{
	/* only a stream gets here: the others are at their end from the start */
	uint64_t len;
	bool eof;
	const int rc = sl_stream_fill(s->stream, upto + SL_FEED_AHEAD, &len, &eof, err);
	const uint64_t end = sl_stream_part_end(s->stream, s->part);
	if (end <= len) {
		s->len = end;
		s->eof = true;
		s->part_end = true;
	} else {
		s->len = len;
		s->eof = eof;
	}
	return rc;
}

bool sl_source_next_part(sl_source *s)
{
	if (!s->part_end)
		return false;
	s->part++;
	s->part_end = false;
	s->eof = false;
	return true;
}

void sl_source_release(sl_source *s, uint64_t to)
{
	if (s->kind == SL_SOURCE_MEMORY || to <= s->released)
		return;
	if (s->kind == SL_SOURCE_STREAM)
		sl_stream_release(s->stream, to);
	else
		sl_map_drop(&s->map, s->released, to);
	s->released = to;
}

void sl_source_release_all(sl_source *s)
{
	if (s->kind == SL_SOURCE_MAP && s->released < s->map.len)
		sl_map_drop(&s->map, s->released & ~(SL_MAP_UNIT - 1), s->map.len);
}

void sl_source_drop_ahead(const sl_source *s, uint64_t from, uint64_t to, uint64_t read_to)
{
	if (s->kind != SL_SOURCE_MAP)
		return;
	from &= ~(SL_MAP_UNIT - 1);
	to = (to + SL_MAP_UNIT - 1) & ~(SL_MAP_UNIT - 1);
	const uint64_t ahead = (read_to + SL_MAP_UNIT - 1) & ~(SL_MAP_UNIT - 1);
	if (from < ahead)
		from = ahead;
	if (to > s->map.len)
		to = s->map.len;
	sl_map_drop(&s->map, from, to);
}

const char *sl_source_name(const sl_source *s, uint64_t offset, const char *fallback)
{
	return s->kind == SL_SOURCE_STREAM ? sl_stream_source(s->stream, offset) : fallback;
}

uint64_t sl_source_file_line(const sl_source *s, uint64_t offset, uint64_t line)
{
	return s->kind == SL_SOURCE_STREAM ? sl_stream_file_line(s->stream, offset, line) : line;
}

void sl_source_progress(const sl_source *s, uint64_t pos, uint64_t *done, uint64_t *total)
{
	*done = pos;
	*total = s->len;
	if (s->kind == SL_SOURCE_STREAM)
		sl_stream_progress(s->stream, done, total);
}

void sl_source_close(sl_source *s)
{
	if (s->kind == SL_SOURCE_MAP)
		sl_map_close(&s->map);
	else if (s->kind == SL_SOURCE_STREAM && s->own_stream)
		sl_stream_close(s->stream);
	s->stream = NULL;
}
