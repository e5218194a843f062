/* codec_zip.c - a zip archive that holds one file is read as that file (libarchive); an archive of
 * none or several is an error that names them, since which one is the table cannot be guessed. */
#include <archive.h>
#include <archive_entry.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "io/codec.h"
#include "sluice.h"

#define NAMES_SHOWN 3

typedef struct zip_codec {
	sl_codec base;
	struct archive *a;   /* the archive read as a stream, from the stream's bytes */
	sl_codec_in *in;
	int in_rc;           /* a status in->more() returned inside libarchive's callback */
	bool started;        /* the first file's header is read */
	bool done;
	char *path;          /* NULL for standard input */
} zip_codec;

/* libarchive's read callback: the bytes the stream has read, then more of them. */
static la_ssize_t zip_read(struct archive *a, void *user, const void **buf)
{
	zip_codec *z = user;
	sl_codec_in *in = z->in;
	while (in->pos == in->len && !in->eof) {
		int rc = in->more(in);
		if (rc) {
			z->in_rc = rc;
			archive_set_error(a, 0, "read error");
			return -1;
		}
	}
	*buf = in->buf + in->pos;
	const size_t n = in->len - in->pos;
	in->pos = in->len;
	return (la_ssize_t)n;
}

/* "a.csv, b.csv, c.csv and 4 more". */
static void list_names(char *out, size_t cap, char names[][96], size_t n, size_t total)
{
	size_t at = 0;
	out[0] = '\0';
	for (size_t i = 0; i < n && at < cap; i++)
		at += (size_t)snprintf(out + at, cap - at, "%s%s", i ? ", " : "", names[i]);
	if (total > n && at < cap)
		snprintf(out + at, cap - at, " and %zu more", total - n);
}

/* The files of a zip archive on disk, from its central directory: msg says what is wrong when
 * there is not exactly one. Returns 0 when there is one (or the archive cannot be listed, which
 * the streaming read then reports). */
static int check_members(const char *path, char *msg, size_t cap)
{
	struct stat sb;
	if (!path || stat(path, &sb) != 0 || !S_ISREG(sb.st_mode))
		return 0;
	struct archive *a = archive_read_new();
	if (!a)
		return SLUICE_ERR_NOMEM;
	archive_read_support_format_zip_seekable(a);
	size_t files = 0;
	char names[NAMES_SHOWN][96];
	int r = archive_read_open_filename(a, path, 1 << 16);
	if (r == ARCHIVE_OK) {
		struct archive_entry *e;
		while ((r = archive_read_next_header(a, &e)) == ARCHIVE_OK || r == ARCHIVE_WARN) {
			if (archive_entry_filetype(e) != AE_IFREG)
				continue;
			if (files < NAMES_SHOWN)
				snprintf(names[files], sizeof names[files], "%s", archive_entry_pathname(e));
			files++;
		}
	}
	archive_read_free(a);
	if (r != ARCHIVE_EOF || files == 1)
		return 0; /* a directory that cannot be read: the streaming read says what is wrong */
	if (files == 0) {
		snprintf(msg, cap, "a zip archive that holds no file");
	} else {
		char list[400];
		list_names(list, sizeof list, names, files < NAMES_SHOWN ? files : NAMES_SHOWN, files);
		snprintf(msg, cap, "a zip archive of %zu files (%s): extract the one to read, e.g. unzip -p", files, list);
	}
	return SLUICE_ERR_FORMAT;
}

/* The next regular file's header; 0 at the archive's end. */
static int next_file(zip_codec *z, struct archive_entry **e)
{
	for (;;) {
		int r = archive_read_next_header(z->a, e);
		if (r == ARCHIVE_EOF)
			return 0;
		if (r != ARCHIVE_OK && r != ARCHIVE_WARN)
			return -1;
		if (archive_entry_filetype(*e) == AE_IFREG)
			return 1;
	}
}

static int64_t zip_fail(zip_codec *z, char *msg, size_t cap, const char *what)
{
	if (z->in_rc)
		return z->in_rc;
	snprintf(msg, cap, "%s: %s", what, archive_error_string(z->a) ? archive_error_string(z->a) : "unreadable");
	return SLUICE_ERR_IO;
}

/* Opens the archive on the stream's bytes and reads its first file's header. */
static int64_t zip_start(zip_codec *z, char *msg, size_t cap)
{
	z->started = true;
	int rc = check_members(z->path, msg, cap);
	if (rc)
		return rc;
	z->a = archive_read_new();
	if (!z->a)
		return SLUICE_ERR_NOMEM;
	archive_read_support_format_zip_streamable(z->a);
	if (archive_read_open(z->a, z, NULL, zip_read, NULL) != ARCHIVE_OK)
		return zip_fail(z, msg, cap, "a zip archive that cannot be read");
	struct archive_entry *e;
	const int k = next_file(z, &e);
	if (k < 0)
		return zip_fail(z, msg, cap, "a zip archive that cannot be read");
	if (k == 0) {
		snprintf(msg, cap, "a zip archive that holds no file");
		return SLUICE_ERR_FORMAT;
	}
	if (archive_entry_is_encrypted(e)) {
		snprintf(msg, cap, "an encrypted file in a zip archive (%s)", archive_entry_pathname(e));
		return SLUICE_ERR_FORMAT;
	}
	return 0;
}

static int64_t zip_decode(sl_codec *c, sl_codec_in *in, uint8_t *dst, size_t room, char *msg, size_t cap)
{
	zip_codec *z = (zip_codec *)c;
	z->in = in;
	if (!z->started) {
		const int64_t rc = zip_start(z, msg, cap);
		if (rc)
			return rc;
	}
	if (z->done)
		return 0;
	const la_ssize_t n = archive_read_data(z->a, dst, room);
	if (n < 0)
		return zip_fail(z, msg, cap, "corrupt zip data");
	if (n > 0)
		return (int64_t)n;
	/* the file ended: a second one (a stream has no directory to say so before) is an error */
	z->done = true;
	struct archive_entry *e;
	const int k = next_file(z, &e);
	if (k < 0)
		return zip_fail(z, msg, cap, "corrupt zip data after its first file");
	if (k > 0) {
		snprintf(msg, cap, "a zip archive of several files (the second is %s): extract the one to read, e.g. unzip -p",
		         archive_entry_pathname(e));
		return SLUICE_ERR_FORMAT;
	}
	return 0;
}

static void zip_free(sl_codec *c)
{
	zip_codec *z = (zip_codec *)c;
	if (z->a)
		archive_read_free(z->a);
	free(z->path);
	free(z);
}

static const sl_codec_vt zip_vt = {"zip", zip_decode, zip_free};

sl_codec *sl_codec_zip(const char *path)
{
	zip_codec *z = calloc(1, sizeof *z);
	if (!z)
		return NULL;
	z->base.vt = &zip_vt;
	if (path && !(z->path = strdup(path))) {
		free(z);
		return NULL;
	}
	return &z->base;
}
