/* stream.c - standard input, pipes, compressed files, text in other encodings and lists of files,
 * decoded a piece at a time into one reserved stretch of address space (see stream.h and
 * docs/memory.md). An input is read through up to two codecs: a decompressor, then a transcoder to
 * UTF-8, which reads what the decompressor wrote.
 *
 * The stretch is reserved without memory behind it (PROT_NONE). Pages are made writable just
 * ahead of the decoder and given back (replaced by fresh PROT_NONE pages) once the cursor has
 * passed them, so the resident set is the window the cursor reads, whatever the stream's length. */
#include "io/stream.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/codec.h"
#include "io/detect.h"
#include "io/encoding.h"

/* Address space reserved for a stream: tried from the largest down. */
#define RESERVE_MAX ((uint64_t)1 << 40)
#define RESERVE_MIN ((uint64_t)1 << 30)
/* Pages are made writable this many at a time. */
#define COMMIT_STEP ((uint64_t)2 << 20)
/* Decoded bytes per step, and compressed bytes per read. */
#define DECODE_STEP ((size_t)1 << 20)
#define IN_SIZE ((size_t)256 << 10)

/* The input being read (one at a time). */
typedef struct part {
	int fd;
	bool own_fd;
	sl_codec *codec;      /* NULL for plain text */
	sl_codec_in in;       /* compressed bytes, and the first bytes of any input (to tell its format) */
	sl_codec *text;       /* the transcoder to UTF-8, or NULL for UTF-8 */
	/* A compressed input's decompressed bytes, for the transcoder to read; without one only the
	 * first ones (to tell the encoding), handed out before the decompressor writes to the stream. */
	sl_codec_in dec;
} part;

struct sl_stream {
	uint8_t *base;
	uint64_t reserve;
	uint64_t len;         /* bytes decoded */
	uint64_t committed;   /* [released, committed) is writable */
	uint64_t released;
	bool eof;
	bool hold;
	bool failed;
	sluice_error err;

	char **paths;
	size_t n;
	size_t cur;           /* the input being read; n once all are read */
	bool cur_open;
	part p;
	uint64_t *starts;     /* where each input's bytes begin in the stream (UINT64_MAX: not yet) */
	uint64_t *lines;      /* line breaks in the stream before each input's start (several inputs) */
	uint64_t breaks;      /* line breaks (LF, CR, CRLF as one) in [0, counted) */
	uint64_t counted;
	bool cr_pending;      /* the byte before counted is a CR */
	uint64_t done_before; /* input bytes of the inputs already read */
	uint64_t total;       /* sum of the sizes of the regular inputs */

	sl_encoding enc;      /* the encoding option */
	char *enc_given;      /* its name as given, for iconv */
	char enc_name[SL_ENCODING_NAME_MAX]; /* the first input's encoding, once it is open */

	bool header;
	uint64_t skip;        /* preamble lines dropped at the start of each input after the first */
	int quote;
	uint8_t *hdr;         /* the first input's header record, without its line break */
	size_t hdr_len;
	bool have_hdr;
	size_t hdr_from;      /* the input the header came from */
};

static const char *input_name(const char *path)
{
	return strcmp(path, "-") == 0 ? "<stdin>" : path;
}

static int fail(sl_stream *s, int status, int sys_errno, const char *path, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static int fail(sl_stream *s, int status, int sys_errno, const char *path, const char *fmt, ...)
{
	s->failed = true;
	memset(&s->err, 0, sizeof s->err);
	s->err.status = status;
	s->err.sys_errno = sys_errno;
	s->err.file = path ? input_name(path) : NULL;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(s->err.message, sizeof s->err.message, fmt, ap);
	va_end(ap);
	return status;
}

bool sl_path_maps(const char *path, const char *encoding)
{
	if (strcmp(path, "-") == 0 || !sl_encoding_is_utf8(encoding))
		return false;
	/* stat first: opening a FIFO, even to look, would take a writer's data */
	struct stat sb;
	if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode))
		return stat(path, &sb) != 0 || S_ISDIR(sb.st_mode); /* the mapping reader reports those */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return true;
	/* a compressed, refused or UTF-16 input is read as a stream, which decodes it or says why it
	 * cannot */
	uint8_t m[SL_DETECT_BYTES];
	const ssize_t k = pread(fd, m, sizeof m, 0);
	const char *what;
	size_t bom_len;
	const bool maps = k < 0 || (sl_detect(m, (size_t)k, true, &what) == SL_FORMAT_TEXT &&
	                            sl_detect_bom(m, (size_t)k, &bom_len) <= SL_BOM_UTF8);
	close(fd);
	return maps;
}

/* ------------------------------------------------------------------------------------------ */
/* Memory of the stretch.                                                                       */

static int commit_to(sl_stream *s, uint64_t end)
{
	if (end <= s->committed)
		return SLUICE_OK;
	uint64_t to = (end + COMMIT_STEP - 1) & ~(COMMIT_STEP - 1);
	if (to > s->reserve)
		return fail(s, SLUICE_ERR_NOMEM, ENOMEM, s->paths[s->cur < s->n ? s->cur : 0],
		            "the input is longer than the %llu bytes a stream can address",
		            (unsigned long long)s->reserve);
	if (mprotect(s->base + s->committed, (size_t)(to - s->committed), PROT_READ | PROT_WRITE) != 0)
		return fail(s, SLUICE_ERR_NOMEM, errno, s->paths[s->cur < s->n ? s->cur : 0], "%s",
		            "out of memory for the stream's window");
	s->committed = to;
	return SLUICE_OK;
}

void sl_stream_release(sl_stream *s, uint64_t upto)
{
	if (s->hold)
		return;
	uint64_t to = upto & ~(COMMIT_STEP - 1);
	if (to <= s->released)
		return;
	/* fresh PROT_NONE pages in place: the old ones (and their accounting) are gone */
	void *m = mmap(s->base + s->released, (size_t)(to - s->released), PROT_NONE,
	               MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_NORESERVE, -1, 0);
	if (m == MAP_FAILED) {
		(void)madvise(s->base + s->released, (size_t)(to - s->released), MADV_DONTNEED);
		return;
	}
	s->released = to;
}

void sl_stream_hold(sl_stream *s, bool hold)
{
	s->hold = hold;
}

/* ------------------------------------------------------------------------------------------ */
/* Reading one input.                                                                           */

/* After EAGAIN (a non-blocking descriptor handed down, as standard input may be): waits until fd
 * has data and returns true; false for any other error. */
static bool wait_readable(int fd)
{
	if (errno != EAGAIN && errno != EWOULDBLOCK)
		return false;
	struct pollfd pfd = {fd, POLLIN, 0};
	(void)poll(&pfd, 1, -1);
	return true;
}

static int read_in(sl_stream *s)
{
	sl_codec_in *in = &s->p.in;
	if (in->pos == in->len) {
		in->pos = 0;
		in->len = 0;
	} else if (in->pos > 0) {
		memmove(in->buf, in->buf + in->pos, in->len - in->pos);
		in->len -= in->pos;
		in->pos = 0;
	}
	while (!in->eof && in->len < IN_SIZE) {
		ssize_t k = read(s->p.fd, in->buf + in->len, IN_SIZE - in->len);
		if (k < 0) {
			if (errno == EINTR || wait_readable(s->p.fd))
				continue;
			return fail(s, SLUICE_ERR_IO, errno, s->paths[s->cur], "%s", strerror(errno));
		}
		if (k == 0) {
			in->eof = true;
			break;
		}
		in->len += (size_t)k;
		in->read += (uint64_t)k;
		break; /* one read: a pipe hands out what it has */
	}
	return SLUICE_OK;
}

/* The codecs' way to more compressed bytes (sl_codec_in.more). */
static int read_more(sl_codec_in *in)
{
	return read_in(in->user);
}

static void close_part(sl_stream *s)
{
	part *p = &s->p;
	if (p->codec)
		p->codec->vt->free(p->codec);
	if (p->text)
		p->text->vt->free(p->text);
	free(p->dec.buf);
	if (p->own_fd && p->fd >= 0)
		close(p->fd);
	free(p->in.buf);
	s->done_before += p->in.read;
	memset(p, 0, sizeof *p);
	p->fd = -1;
	s->cur_open = false;
}

/* Runs the current input's decompressor into dst: the bytes written (0 at its end), or a negative
 * status, the stream's error set. */
static int64_t decompress(sl_stream *s, uint8_t *dst, size_t room)
{
	part *p = &s->p;
	char msg[sizeof s->err.message - 64];
	const int64_t n = p->codec->vt->decode(p->codec, &p->in, dst, room, msg, sizeof msg);
	if (n >= 0 || s->failed) /* a read error is already the stream's */
		return n;
	return fail(s, (int)n, n == SLUICE_ERR_NOMEM ? ENOMEM : 0, s->paths[s->cur], "%s", msg);
}

/* The transcoder's way to more decompressed bytes (part.dec.more). */
static int decompress_more(sl_codec_in *in)
{
	sl_stream *s = in->user;
	if (in->pos > 0) {
		memmove(in->buf, in->buf + in->pos, in->len - in->pos);
		in->len -= in->pos;
		in->pos = 0;
	}
	if (in->eof || in->len == in->cap)
		return SLUICE_OK;
	const int64_t k = decompress(s, in->buf + in->len, in->cap - in->len);
	if (k < 0)
		return (int)k;
	in->eof = k == 0;
	in->len += (size_t)k;
	in->read += (uint64_t)k;
	return SLUICE_OK;
}

/* The text encoding of the input just opened, told by the encoding option and its first
 * (decompressed) bytes, and its transcoder when it is not UTF-8. */
static int open_text(sl_stream *s)
{
	part *p = &s->p;
	const char *path = s->paths[s->cur];
	sl_codec_in *head = &p->in;
	if (p->codec) {
		p->dec = (sl_codec_in){.buf = malloc(IN_SIZE), .cap = IN_SIZE, .more = decompress_more, .user = s};
		if (!p->dec.buf)
			return fail(s, SLUICE_ERR_NOMEM, ENOMEM, path, "%s", "out of memory");
		while (!p->dec.eof && p->dec.len < SL_DETECT_BYTES) {
			int rc = decompress_more(&p->dec);
			if (rc)
				return rc;
		}
		head = &p->dec;
	}
	size_t skip;
	const sl_encoding e = sl_encoding_pick(s->enc, head->buf + head->pos, head->len - head->pos, &skip);
	if (!s->enc_name[0])
		sl_encoding_name(e, s->enc_given, s->enc_name);
	if (e == SL_ENC_UTF8)
		return SLUICE_OK;
	p->text = sl_encoding_codec(e, s->enc_given);
	if (!p->text)
		return fail(s, SLUICE_ERR_NOMEM, ENOMEM, path, "%s", "out of memory for the transcoder");
	head->pos += skip; /* the byte order mark is no text */
	return SLUICE_OK;
}

static int open_part(sl_stream *s)
{
	part *p = &s->p;
	memset(p, 0, sizeof *p);
	p->fd = -1;
	const char *path = s->paths[s->cur];
	if (strcmp(path, "-") == 0) {
		p->fd = 0;
	} else {
		p->fd = open(path, O_RDONLY | O_CLOEXEC);
		if (p->fd < 0)
			return fail(s, SLUICE_ERR_IO, errno, path, "%s", strerror(errno));
		p->own_fd = true;
		struct stat sb;
		if (fstat(p->fd, &sb) == 0 && S_ISDIR(sb.st_mode)) {
			close(p->fd);
			p->fd = -1;
			return fail(s, SLUICE_ERR_IO, EISDIR, path, "%s", strerror(EISDIR));
		}
	}
	s->cur_open = true;
	struct stat sb;
	if (fstat(p->fd, &sb) == 0 && S_ISFIFO(sb.st_mode))
		(void)fcntl(p->fd, F_SETPIPE_SZ, 1 << 20); /* fewer, larger reads: fewer wake-ups of both sides */
	p->in = (sl_codec_in){.buf = malloc(IN_SIZE), .cap = IN_SIZE, .more = read_more, .user = s};
	if (!p->in.buf)
		return fail(s, SLUICE_ERR_NOMEM, ENOMEM, path, "%s", "out of memory");
	/* enough bytes to tell the format (a pipe may hand them out a few at a time) */
	while (!p->in.eof && p->in.len < SL_DETECT_BYTES) {
		int rc = read_in(s);
		if (rc)
			return rc;
	}
	const char *what;
	/* an encoding given says what the bytes are: NULs and controls are its text */
	const sl_format f = sl_detect(p->in.buf, p->in.len, s->enc == SL_ENC_UTF8, &what);
	if (f == SL_FORMAT_REFUSED)
		return fail(s, SLUICE_ERR_FORMAT, 0, path, "not CSV text: %s", what);
	if (f != SL_FORMAT_TEXT) {
		p->codec = sl_codec_new(f, strcmp(path, "-") == 0 ? NULL : path);
		if (!p->codec)
			return fail(s, SLUICE_ERR_NOMEM, ENOMEM, path, "out of memory for the %s decoder", sl_format_name(f));
	}
	return open_text(s);
}

/* Decodes up to `room` bytes of the current input to dst. Returns the bytes written (0 at the
 * input's end) or a negative status. */
static int64_t decode(sl_stream *s, uint8_t *dst, size_t room)
{
	part *p = &s->p;
	const char *path = s->paths[s->cur];
	if (p->text) {
		sl_codec_in *in = p->codec ? &p->dec : &p->in;
		char msg[sizeof s->err.message - 64];
		const int64_t n = p->text->vt->decode(p->text, in, dst, room, msg, sizeof msg);
		if (n >= 0 || s->failed)
			return n;
		fail(s, (int)n, n == SLUICE_ERR_NOMEM ? ENOMEM : 0, path, "%s", msg);
		s->err.offset = sl_codec_in_offset(in); /* the transcoder stopped at the bad sequence */
		return n;
	}
	if (p->codec) {
		if (p->dec.pos < p->dec.len) { /* the first bytes, decompressed to tell the encoding */
			size_t k = p->dec.len - p->dec.pos < room ? p->dec.len - p->dec.pos : room;
			memcpy(dst, p->dec.buf + p->dec.pos, k);
			p->dec.pos += k;
			return (int64_t)k;
		}
		return p->dec.eof ? 0 : decompress(s, dst, room);
	}
	if (p->in.pos < p->in.len) {
		size_t k = p->in.len - p->in.pos < room ? p->in.len - p->in.pos : room;
		memcpy(dst, p->in.buf + p->in.pos, k);
		p->in.pos += k;
		return (int64_t)k;
	}
	if (p->in.eof)
		return 0;
	for (;;) {
		ssize_t k = read(p->fd, dst, room);
		if (k < 0 && (errno == EINTR || wait_readable(p->fd)))
			continue;
		if (k < 0)
			return fail(s, SLUICE_ERR_IO, errno, path, "%s", strerror(errno));
		if (k == 0)
			p->in.eof = true;
		p->in.read += (uint64_t)k;
		return k;
	}
}

/* ------------------------------------------------------------------------------------------ */
/* Inputs joined into one stream.                                                               */

size_t sl_skip_lines(const uint8_t *p, size_t n, uint64_t lines, uint64_t *found)
{
	size_t i = 0;
	uint64_t k = 0;
	while (k < lines && i < n) {
		const uint8_t *nl = memchr(p + i, '\n', n - i);
		const uint8_t *cr = memchr(p + i, '\r', (size_t)((nl ? nl : p + n) - (p + i)));
		if (cr) {
			i = (size_t)(cr - p) + 1;
			if (i < n && p[i] == '\n')
				i++;
		} else if (nl) {
			i = (size_t)(nl - p) + 1;
		} else {
			break;
		}
		k++;
	}
	if (found)
		*found = k;
	return k < lines ? n : i;
}

/* The end of the record at from (its first line break outside quotes), or UINT64_MAX. */
static uint64_t record_end(const sl_stream *s, uint64_t from)
{
	bool inq = false;
	for (uint64_t i = from; i < s->len; i++) {
		const uint8_t c = s->base[i];
		if (s->quote >= 0 && c == (uint8_t)s->quote)
			inq = !inq;
		else if (c == '\n' && !inq)
			return i;
	}
	return UINT64_MAX;
}

/* Counts the line breaks of the bytes decoded since the last call (several inputs only: a record's
 * line in its own file is its line in the stream less the lines before that file). */
static void count_lines(sl_stream *s)
{
	if (s->n < 2)
		return;
	const uint8_t *p = s->base;
	uint64_t k = s->breaks;
	for (uint64_t i = s->counted; i < s->len; i++) {
		const uint8_t c = p[i];
		if (c == '\n')
			k += !s->cr_pending;
		else if (s->cr_pending)
			k++;
		s->cr_pending = c == '\r';
	}
	s->breaks = k;
	s->counted = s->len;
}

/* Decodes more of the current input: false at its end. */
static int decode_more(sl_stream *s, bool *ended)
{
	int rc = commit_to(s, s->len + DECODE_STEP);
	if (rc)
		return rc;
	int64_t k = decode(s, s->base + s->len, DECODE_STEP);
	if (k < 0)
		return (int)k;
	*ended = k == 0;
	s->len += (uint64_t)k;
	return SLUICE_OK;
}

/* Drops the preamble lines at the start of the input that begins at byte begin (the first input's
 * are the reader's to step over). */
static int drop_preamble(sl_stream *s, uint64_t begin)
{
	bool ended = false;
	uint64_t found;
	size_t past;
	for (;;) {
		const size_t n = (size_t)(s->len - begin);
		past = sl_skip_lines(s->base + begin, n, s->skip, &found);
		if ((found == s->skip && past < n) || ended)
			break;
		int rc = decode_more(s, &ended);
		if (rc)
			return rc;
	}
	memmove(s->base + begin, s->base + begin + past, (size_t)(s->len - begin - past));
	s->len -= past;
	s->lines[s->cur] -= found; /* its lines in the stream begin after them */
	return SLUICE_OK;
}

/* Starts the input s->cur: with a header, reads up to the end of its first record, checks it
 * against the first input's, and drops it (but the first input's). */
static int start_part(sl_stream *s)
{
	int rc = open_part(s);
	if (rc)
		return rc;
	const uint64_t begin = s->len;
	count_lines(s);
	if (s->cr_pending) { /* a lone CR ended the last input */
		s->breaks++;
		s->cr_pending = false;
	}
	s->starts[s->cur] = begin;
	s->lines[s->cur] = s->breaks;
	if (s->cur > 0 && s->skip) {
		rc = drop_preamble(s, begin);
		if (rc)
			return rc;
	}
	if (!s->header)
		return SLUICE_OK;
	uint64_t end;
	bool ended = false;
	for (;;) {
		uint64_t from = begin;
		if (s->len - begin >= 3 && s->base[begin] == 0xEF && s->base[begin + 1] == 0xBB && s->base[begin + 2] == 0xBF)
			from = begin + 3;
		end = record_end(s, from);
		if (end != UINT64_MAX || ended)
			break;
		rc = decode_more(s, &ended);
		if (rc)
			return rc;
	}
	if (s->len == begin)
		return SLUICE_OK; /* empty: no header to check */
	uint64_t from = begin;
	if (s->len - begin >= 3 && s->base[begin] == 0xEF && s->base[begin + 1] == 0xBB && s->base[begin + 2] == 0xBF)
		from = begin + 3;
	uint64_t hend = end == UINT64_MAX ? s->len : end;
	uint64_t next = end == UINT64_MAX ? s->len : end + 1;
	if (hend > from && s->base[hend - 1] == '\r')
		hend--;
	if (!s->have_hdr) {
		s->hdr_len = (size_t)(hend - from);
		s->hdr = malloc(s->hdr_len ? s->hdr_len : 1);
		if (!s->hdr)
			return fail(s, SLUICE_ERR_NOMEM, ENOMEM, s->paths[s->cur], "%s", "out of memory");
		memcpy(s->hdr, s->base + from, s->hdr_len);
		s->have_hdr = true;
		s->hdr_from = s->cur;
		return SLUICE_OK;
	}
	if (hend - from != s->hdr_len || memcmp(s->base + from, s->hdr, s->hdr_len) != 0)
		return fail(s, SLUICE_ERR_HEADER, 0, s->paths[s->cur], "its header differs from the header of %s",
		            input_name(s->paths[s->hdr_from]));
	memmove(s->base + begin, s->base + next, (size_t)(s->len - next));
	s->len -= next - begin;
	s->lines[s->cur]--; /* the stream's lines of this input begin at its line 2 */
	return SLUICE_OK;
}

int sl_stream_fill(sl_stream *s, uint64_t upto, uint64_t *len, bool *eof, sluice_error *err)
{
	while (!s->failed && !s->eof && s->len < upto) {
		if (!s->cur_open) {
			if (s->cur == s->n) {
				s->eof = true;
				break;
			}
			if (start_part(s) != SLUICE_OK)
				break;
			continue;
		}
		if (commit_to(s, s->len + DECODE_STEP) != SLUICE_OK)
			break;
		int64_t k = decode(s, s->base + s->len, DECODE_STEP);
		if (k < 0)
			break;
		if (k > 0) {
			s->len += (uint64_t)k;
			continue;
		}
		/* this input is done: end it with a line break when it has none */
		const uint64_t begin = s->starts[s->cur];
		if (s->len > begin && s->base[s->len - 1] != '\n' && s->base[s->len - 1] != '\r' && s->cur + 1 < s->n) {
			if (commit_to(s, s->len + 1) != SLUICE_OK)
				break;
			s->base[s->len++] = '\n';
		}
		close_part(s);
		s->cur++;
	}
	count_lines(s);
	*len = s->len;
	*eof = s->eof;
	if (s->failed) {
		if (err)
			*err = s->err;
		return s->err.status;
	}
	return SLUICE_OK;
}

/* ------------------------------------------------------------------------------------------ */

int sl_stream_open(sl_stream **out, const char *const *paths, size_t n, const sluice_dialect *d,
                   const char *encoding, sluice_error *err)
{
	*out = NULL;
	sl_encoding enc;
	char why[sizeof err->message];
	if (sl_encoding_parse(encoding, &enc, why, sizeof why) != SLUICE_OK) {
		if (err) {
			memset(err, 0, sizeof *err);
			err->status = SLUICE_ERR_INVALID_OPTION;
			err->file = n ? input_name(paths[0]) : NULL;
			snprintf(err->message, sizeof err->message, "%s", why);
		}
		return SLUICE_ERR_INVALID_OPTION;
	}
	sl_stream *s = calloc(1, sizeof *s);
	if (!s)
		goto nomem;
	s->enc = enc;
	if (enc == SL_ENC_ICONV && !(s->enc_given = strdup(encoding)))
		goto nomem;
	s->p.fd = -1;
	s->paths = calloc(n ? n : 1, sizeof *s->paths);
	s->starts = malloc((n ? n : 1) * sizeof *s->starts);
	s->lines = calloc(n ? n : 1, sizeof *s->lines);
	if (!s->paths || !s->starts || !s->lines)
		goto nomem;
	for (size_t i = 0; i < n; i++) {
		if (!(s->paths[i] = strdup(paths[i])))
			goto nomem;
		s->starts[i] = UINT64_MAX;
		struct stat sb;
		if (strcmp(paths[i], "-") != 0 && stat(paths[i], &sb) == 0 && S_ISREG(sb.st_mode))
			s->total += (uint64_t)sb.st_size;
	}
	s->n = n;
	s->header = d->header == 1;
	s->quote = d->quote == SLUICE_AUTO ? '"' : d->quote;
	s->skip = d->skip > 0 ? (uint64_t)d->skip : 0;
	for (uint64_t size = RESERVE_MAX; size >= RESERVE_MIN; size >>= 1) {
		void *m = mmap(NULL, (size_t)size, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
		if (m != MAP_FAILED) {
			s->base = m;
			s->reserve = size;
			break;
		}
	}
	if (!s->base)
		goto nomem;
	(void)madvise(s->base, (size_t)s->reserve, MADV_HUGEPAGE);
	*out = s;
	return SLUICE_OK;
nomem:
	sl_stream_close(s);
	if (err) {
		memset(err, 0, sizeof *err);
		err->status = SLUICE_ERR_NOMEM;
		err->sys_errno = ENOMEM;
		err->file = n ? input_name(paths[0]) : NULL;
		snprintf(err->message, sizeof err->message, "%s", "out of memory");
	}
	return SLUICE_ERR_NOMEM;
}

const char *sl_stream_encoding(const sl_stream *s)
{
	return s->enc_name[0] ? s->enc_name : "utf-8";
}

const uint8_t *sl_stream_data(const sl_stream *s)
{
	return s->base;
}

uint64_t sl_stream_part_end(const sl_stream *s, size_t input)
{
	if (input + 1 >= s->n)
		return UINT64_MAX;
	return s->starts[input + 1]; /* UINT64_MAX until it begins */
}

/* The input that holds byte offset. */
static size_t source_index(const sl_stream *s, uint64_t offset)
{
	/* the last started input that begins at or before offset (an empty input shares its start
	 * with the next one, which holds the bytes) */
	size_t lo = 0, hi = s->n;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (s->starts[mid] != UINT64_MAX && s->starts[mid] <= offset)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

const char *sl_stream_source(const sl_stream *s, uint64_t offset)
{
	return s->n ? input_name(s->paths[source_index(s, offset)]) : "";
}

uint64_t sl_stream_file_line(const sl_stream *s, uint64_t offset, uint64_t line)
{
	if (s->n < 2 || line == 0)
		return line;
	const uint64_t before = s->lines[source_index(s, offset)];
	return line > before ? line - before : line;
}

void sl_stream_progress(const sl_stream *s, uint64_t *done, uint64_t *total)
{
	*done = s->done_before + s->p.in.read;
	*total = s->total;
}

void sl_stream_close(sl_stream *s)
{
	if (!s)
		return;
	if (s->cur_open)
		close_part(s);
	if (s->base)
		munmap(s->base, (size_t)s->reserve);
	for (size_t i = 0; s->paths && i < s->n; i++)
		free(s->paths[i]);
	free(s->paths);
	free(s->starts);
	free(s->lines);
	free(s->hdr);
	free(s->enc_given);
	free(s);
}
