/* reader.c - a reader's life: opening each kind of input as a byte source, setting up the options,
 * the indexer and the header, closing, and what the caller may read of it. */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scan/reader_state.h"
#include "scan/scan.h"
#include "scan/sniff.h"
#include "io/encoding.h"
#include "io/source.h"
#include "io/stream.h"
#include "kernels/index.h"
#include "kernels/machine.h"

/* True when p[0..n) holds at least `want` line feeds. */
static bool has_lines(const uint8_t *p, size_t n, unsigned want)
{
	for (const uint8_t *end = p + n; want && p < end; want--) {
		p = memchr(p, '\n', (size_t)(end - p));
		if (!p)
			return false;
		p++;
	}
	return want == 0;
}

/* The sniffer's sample of r's input from `start` (after a byte order mark): the head (grown past
 * SL_SNIFF_HEAD, up to SL_SNIFF_HEAD_MAX, until it holds a few lines), and for a large mapped file
 * probes further in, each from its first line break on. */
static int sniff_input(sluice_reader *r, uint64_t start, sluice_error *err)
{
	sl_source *src = &r->src;
	size_t size = SL_SNIFF_HEAD;
	uint64_t avail;
	for (;;) {
		int rc = sl_source_need(src, start + size, err);
		if (rc)
			return rc;
		avail = src->len - start;
		if ((src->eof && avail <= size) || size >= SL_SNIFF_HEAD_MAX ||
		    has_lines(src->data + start, avail < size ? (size_t)avail : size, SL_SNIFF_LINES))
			break;
		size *= 4;
	}
	sl_slice head = {src->data + start, (size_t)(avail < size ? avail : size)};
	const bool whole = src->eof && avail <= size;
	sl_slice probes[SL_SNIFF_PROBES];
	size_t nprobes = 0;
	if (src->kind != SL_SOURCE_STREAM && src->len >= SL_SNIFF_PROBE_MIN) {
		for (size_t k = 1; k <= SL_SNIFF_PROBES; k++) {
			const uint64_t at = src->len / (SL_SNIFF_PROBES + 1) * k;
			const uint8_t *p = src->data + at;
			const uint8_t *nl = memchr(p, '\n', SL_SNIFF_PROBE);
			if (nl)
				probes[nprobes++] = (sl_slice){nl + 1, SL_SNIFF_PROBE - (size_t)(nl + 1 - p)};
		}
	}
	int rc = sl_sniff(head, whole, probes, nprobes, &r->opts.dialect, &r->sniff);
	if (rc == SLUICE_ERR_NOMEM)
		rd_set_error(err, r->path, SLUICE_ERR_NOMEM, ENOMEM, "%s", "out of memory for the sniffer");
	return rc;
}

/* Steps over the dialect's preamble lines from *start, and moves *start past them. */
static int skip_preamble(sluice_reader *r, uint64_t *start, sluice_error *err)
{
	const uint64_t want = (uint64_t)r->opts.dialect.skip;
	uint64_t upto = *start + SL_FEED_AHEAD, found;
	for (;;) {
		int rc = sl_source_need(&r->src, upto, err);
		if (rc)
			return rc;
		const size_t n = (size_t)(r->src.len - *start);
		const size_t past = sl_skip_lines(r->src.data + *start, n, want, &found);
		/* a line that ends at the end of what is decoded may be a CR whose LF comes next */
		if ((found == want && past < n) || r->src.eof) {
			*start += past;
			break;
		}
		upto = r->src.len + SL_FEED_AHEAD;
	}
	r->line += found;
	return SLUICE_OK;
}

static int setup(sluice_reader *r, const sluice_options *opts, sluice_error *err)
{
	if (opts) {
		if (opts->struct_size == 0 || opts->struct_size > sizeof r->opts) {
			rd_set_error(err, r->path, SLUICE_ERR_INVALID_OPTION, 0, "%s", "options were not set up with sluice_options_init");
			return SLUICE_ERR_INVALID_OPTION;
		}
		sluice_options_init(&r->opts);
		memcpy(&r->opts, opts, opts->struct_size);
	} else {
		sluice_options_init(&r->opts);
	}
	/* the stream was opened with the encoding; the copy keeps the options whole for later readers */
	if (r->opts.encoding) {
		if (!(r->encoding = strdup(r->opts.encoding))) {
			rd_set_error(err, r->path, SLUICE_ERR_NOMEM, ENOMEM, "%s", "out of memory");
			return SLUICE_ERR_NOMEM;
		}
		r->opts.encoding = r->encoding;
	}
	if (r->src.kind == SL_SOURCE_MEMORY && !sl_encoding_is_utf8(r->opts.encoding)) {
		rd_set_error(err, r->path, SLUICE_ERR_INVALID_OPTION, 0,
		             "encoding '%s': a caller's buffer is read as UTF-8 (transcode it first)", r->opts.encoding);
		return SLUICE_ERR_INVALID_OPTION;
	}
	const char *why = NULL;
	uint64_t start = 0;
	if (r->src.len >= 3 && r->src.data[0] == 0xEF && r->src.data[1] == 0xBB && r->src.data[2] == 0xBF)
		start = 3;
	if (sluice_dialect_check(&r->opts.dialect, &why) != SLUICE_OK) {
		rd_set_error(err, r->path, SLUICE_ERR_INVALID_OPTION, 0, "%s", why);
		return SLUICE_ERR_INVALID_OPTION;
	}
	if (sl_dialect_has_auto(&r->opts.dialect)) {
		int rc = sniff_input(r, start, err);
		if (rc)
			return rc;
	} else {
		r->sniff.dialect = r->opts.dialect;
		r->sniff.confidence = 1.0;
	}
	if (sluice_dialect_check(&r->opts.dialect, &why) != SLUICE_OK) {
		rd_set_error(err, r->path, SLUICE_ERR_INVALID_OPTION, 0, "%s", why);
		return SLUICE_ERR_INVALID_OPTION;
	}
	r->line = 1;
	if (r->opts.dialect.skip > 0) {
		int rc = skip_preamble(r, &start, err);
		if (rc)
			return rc;
	}
	if (r->opts.window_size < 64)
		r->opts.window_size = 64;
	if (r->opts.window_size > ((uint64_t)1 << 30))
		r->opts.window_size = (uint64_t)1 << 30;
	sluice_kernel k = r->opts.kernel;
	if (k == SLUICE_KERNEL_AUTO)
		k = sluice_kernel_best();
	if (!sluice_kernel_supported(k)) {
		rd_set_error(err, r->path, SLUICE_ERR_KERNEL, 0, "kernel %s is not supported on this machine", sluice_kernel_name(k));
		return SLUICE_ERR_KERNEL;
	}
	r->kernel = k;
	r->kern = ix_kernel_get(k);

	ix_state *ix = &r->ix;
	ix->data = r->src.data;
	ix->len = r->src.len;
	ix_dialect_from(&ix->d, &r->opts.dialect);
	ix->skip_empty = r->opts.dialect.skip_empty_lines;
	ix->emit = true;
	/* one entry per byte at most: a small input needs no full window of entries */
	const uint64_t size = sl_source_size_hint(&r->src);
	ix->cap = (size_t)(size < r->opts.window_size ? size : r->opts.window_size) + 128;
	ix->ent = malloc(ix->cap * sizeof *ix->ent);
	if (!ix->ent) {
		rd_set_error(err, r->path, SLUICE_ERR_NOMEM, ENOMEM, "%s", "out of memory");
		return SLUICE_ERR_NOMEM;
	}
	ix->pos = start;
	ix->rec_start = start;
	ix->mode = start >= r->src.len ? IX_DONE : IX_SIMD;
	ix->sm = SM_RECORD_START;
	ix->restart = UINT64_MAX;
	ix_reset_carries(ix);
	r->rec_start = start;
	r->max_fields = SIZE_MAX;
	r->track_lines = true;
	r->pin = UINT64_MAX;
	r->fill_budget = r->opts.window_size;
	r->range_end = UINT64_MAX;
	r->utf8_pos = start;
	r->utf8_bad = UINT64_MAX;
	if (rd_grow_fields(r) != SLUICE_OK) {
		if (err)
			*err = r->err;
		return SLUICE_ERR_NOMEM;
	}

	if (r->opts.dialect.header) {
		sluice_row row;
		int rc = rd_next_record(r, &row, false);
		if (rc < 0) {
			if (err)
				*err = r->err;
			return rc;
		}
		if (rc == SLUICE_OK && sluice_columns_build(&r->cols, &r->opts.dialect, row.fields, row.nfields) != 0) {
			rd_set_error(err, r->path, SLUICE_ERR_NOMEM, ENOMEM, "%s", "out of memory for the header");
			return SLUICE_ERR_NOMEM;
		}
	}
	r->rj_armed = true;
	return SLUICE_OK;
}

static sluice_reader *reader_new(const char *name)
{
	sluice_reader *r = calloc(1, sizeof *r);
	if (!r)
		return NULL;
	r->path = strdup(name);
	if (!r->path) {
		free(r);
		return NULL;
	}
	return r;
}

sluice_status sluice_reader_open_memory(sluice_reader **out, const void *data, size_t len, const char *name,
                              const sluice_options *opts, sluice_error *err)
{
	*out = NULL;
	sluice_reader *r = reader_new(name ? name : "<memory>");
	if (!r) {
		rd_set_error(err, "<memory>", SLUICE_ERR_NOMEM, ENOMEM, "%s", "out of memory");
		return SLUICE_ERR_NOMEM;
	}
	sl_source_memory(&r->src, data, len);
	int rc = setup(r, opts, err);
	if (rc != SLUICE_OK) {
		if (err)
			err->file = "<memory>";
		sluice_reader_close(r);
		return rc;
	}
	*out = r;
	return SLUICE_OK;
}

/* A reader over stream s from its first byte. */
static int open_stream(sluice_reader **out, sl_stream *s, bool own, const char *name, const sluice_options *opts,
                       sluice_error *err)
{
	sluice_reader *r = reader_new(name);
	if (!r) {
		if (own)
			sl_stream_close(s);
		rd_set_error(err, name, SLUICE_ERR_NOMEM, ENOMEM, "%s", "out of memory");
		return SLUICE_ERR_NOMEM;
	}
	int rc = sl_source_stream(&r->src, s, own, err);
	if (rc == SLUICE_OK)
		rc = setup(r, opts, err);
	if (rc != SLUICE_OK) {
		if (err && err->file) {
			/* the stream's names die with it: keep the name in this thread's buffer */
			static _Thread_local char failed_file[1024];
			snprintf(failed_file, sizeof failed_file, "%s", err->file);
			err->file = failed_file;
		}
		sluice_reader_close(r);
		return rc;
	}
	*out = r;
	return SLUICE_OK;
}

int sluice_reader_open_shared(sluice_reader **out, sl_stream *s, const char *name, const sluice_options *opts,
                              sluice_error *err)
{
	*out = NULL;
	return open_stream(out, s, false, name, opts, err);
}

/* One byte of a dialect as text for a message: ',' or tab, "none" for SLUICE_NO_CHAR. */
static const char *byte_text(int c, char *buf)
{
	if (c == SLUICE_NO_CHAR)
		return "none";
	if (c == '\t')
		return "tab";
	if (c > 0x20 && c < 0x7f)
		snprintf(buf, 8, "'%c'", c);
	else
		snprintf(buf, 8, "0x%02x", (unsigned)c & 0xffu);
	return buf;
}

/* The dialect d as text for a message: "delimiter ',', quote '\"', skip 0". */
static const char *dialect_text(const sluice_dialect *d, char *buf, size_t size)
{
	char a[8], b[8];
	snprintf(buf, size, "delimiter %s, quote %s, skip %lld", byte_text(d->delimiter, a),
	         byte_text(d->quote, b), (long long)d->skip);
	return buf;
}

/* True when a file sniffed as b is read right with a, the first file's dialect: the same delimiter,
 * preamble and trimming, and a quote, escape and comment that b either shares or does without (a
 * file sniffed without quotes has no quoted field, so a's quote only meets its stray quotes, which
 * are repairs or, strict, errors, as in the first file). */
static bool dialect_fits(const sluice_dialect *a, const sluice_dialect *b)
{
	return a->delimiter == b->delimiter && a->skip == b->skip && a->trim == b->trim &&
	       (a->quote == b->quote || b->quote == SLUICE_NO_CHAR) &&
	       (a->escape == b->escape || b->escape == SLUICE_NO_CHAR) &&
	       (strcmp(a->comment, b->comment) == 0 || b->comment[0] == 0);
}

/* True when the file at path, sniffed as *b, reads alike with a, the first file's dialect of the same
 * delimiter, preamble and trimming: the same records of the same width in its sample (a quote,
 * escape or comment prefix the file never uses changes nothing). */
static bool reads_alike(const char *path, const sluice_options *o, const sluice_dialect *a,
                        const sluice_sniff_info *b)
{
	if (a->delimiter != b->dialect.delimiter || a->skip != b->dialect.skip || a->trim != b->dialect.trim)
		return false;
	sluice_options with_a = *o;
	const int header = with_a.dialect.header;
	with_a.dialect = *a;
	with_a.dialect.header = header;
	sluice_sniff_info info;
	return sluice_sniff(path, &with_a, &info, NULL) == SLUICE_OK && info.columns == b->columns &&
	       info.sample_records == b->sample_records;
}

int sluice_sniff_inputs(const char *const *paths, size_t n, sluice_options *o, sluice_sniff_info *info,
                        sluice_error *err)
{
	memset(info, 0, sizeof *info);
	for (size_t i = 0; i < n; i++) {
		if (strcmp(paths[i], "-") == 0) {
			/* standard input cannot be read twice: the reader sniffs the joined stream's start */
			if (o->dialect.header == SLUICE_AUTO)
				o->dialect.header = 1;
			if (o->dialect.skip == SLUICE_AUTO)
				o->dialect.skip = 0;
			return SLUICE_OK;
		}
	}
	int rc = sluice_sniff(paths[0], o, info, err);
	for (size_t i = 1; i < n && !rc; i++) {
		sluice_sniff_info other;
		rc = sluice_sniff(paths[i], o, &other, err);
		const sluice_dialect *a = &info->dialect, *b = &other.dialect;
		if (!rc && !dialect_fits(a, b) && !reads_alike(paths[i], o, a, &other)) {
			if (err) {
				char at[80], bt[80];
				memset(err, 0, sizeof *err);
				err->status = SLUICE_ERR_FORMAT;
				snprintf(err->message, sizeof err->message,
				         "its dialect (%s) differs from the first file's (%s): "
				         "give the dialect to read them as one",
				         dialect_text(b, bt, sizeof bt), dialect_text(a, at, sizeof at));
			}
			if (err)
				err->file = paths[i];
			rc = SLUICE_ERR_FORMAT;
		}
	}
	if (!rc) {
		const int header = o->dialect.header;
		o->dialect = info->dialect;
		if (header != SLUICE_AUTO) /* the first input's header decides for all */
			o->dialect.header = header;
	}
	return rc;
}

/* A reader that owns the stream of paths[0..n). */
static int open_streamed(sluice_reader **out, const char *const *paths, size_t n, const sluice_options *opts,
                         sluice_error *err)
{
	sluice_options o; /* the dialect, for the headers of several inputs */
	sluice_options_init(&o);
	if (opts && opts->struct_size && opts->struct_size <= sizeof o)
		memcpy(&o, opts, opts->struct_size);
	sluice_sniff_info info;
	memset(&info, 0, sizeof info);
	if (n > 1 && sl_dialect_has_auto(&o.dialect)) {
		int rc = sluice_sniff_inputs(paths, n, &o, &info, err);
		if (rc)
			return rc;
	}
	sl_stream *s;
	int rc = sl_stream_open(&s, paths, n, &o.dialect, o.encoding, err);
	if (rc != SLUICE_OK)
		return rc;
	const char *name = n == 0 ? "<none>" : strcmp(paths[0], "-") == 0 ? "<stdin>" : paths[0];
	rc = open_stream(out, s, true, name, &o, err);
	if (rc == SLUICE_OK && info.sniffed)
		(*out)->sniff = info; /* the first input's, sniffed alone */
	return rc;
}

sluice_status sluice_reader_open_paths(sluice_reader **out, const char *const *paths, size_t n, const sluice_options *opts,
                             sluice_error *err)
{
	*out = NULL;
	if (n == 1)
		return sluice_reader_open(out, paths[0], opts, err);
	return open_streamed(out, paths, n, opts, err);
}

const char *sluice_reader_source(const sluice_reader *r, uint64_t offset)
{
	return sl_source_name(&r->src, offset, r->path);
}

const sluice_options *sluice_reader_options(const sluice_reader *r)
{
	return &r->opts;
}

bool sluice_reader_splittable(const sluice_reader *r)
{
	return sl_source_ranges(&r->src);
}

sluice_status sluice_reader_open(sluice_reader **out, const char *path, const sluice_options *opts, sluice_error *err)
{
	*out = NULL;
	const char *encoding = opts && opts->struct_size >= offsetof(sluice_options, encoding) + sizeof opts->encoding
	                       ? opts->encoding : NULL;
	if (!sl_path_maps(path, encoding))
		return open_streamed(out, &path, 1, opts, err);
	sluice_reader *r = reader_new(path);
	if (!r) {
		rd_set_error(err, path, SLUICE_ERR_NOMEM, ENOMEM, "%s", "out of memory");
		return SLUICE_ERR_NOMEM;
	}
	int rc = sl_source_map(&r->src, path, r->path, err);
	if (rc != SLUICE_OK) {
		sluice_reader_close(r);
		return rc;
	}
	rc = setup(r, opts, err);
	if (rc != SLUICE_OK) {
		if (err)
			err->file = path;
		sluice_reader_close(r);
		return rc;
	}
	*out = r;
	return SLUICE_OK;
}

void sluice_reader_close(sluice_reader *r)
{
	if (!r)
		return;
	/* the bytes since the last report, which may be fewer than a step (a small range's all) */
	report_progress_at(r, r->rec_start, true);
	sl_source_close(&r->src);
	sluice_columns_free(&r->cols);
	free(r->col_mask);
	free(r->ix.ent);
	free(r->fields);
	free(r->path);
	free(r->encoding);
	free(r);
}

const sluice_scan_stats *sluice_reader_stats(const sluice_reader *r)
{
	return &r->stats;
}

sluice_kernel sluice_reader_kernel(const sluice_reader *r)
{
	return r->kernel;
}

const char *sluice_reader_encoding(const sluice_reader *r)
{
	return sl_source_encoding(&r->src);
}

const sluice_sniff_info *sluice_reader_sniff_info(const sluice_reader *r)
{
	return &r->sniff;
}

sluice_status sluice_sniff(const char *path, const sluice_options *opts, sluice_sniff_info *out, sluice_error *err)
{
	sluice_reader *r;
	int rc = sluice_reader_open(&r, path, opts, err);
	if (rc == SLUICE_OK) {
		*out = r->sniff;
		sluice_reader_close(r);
	}
	return rc;
}

const sluice_dialect *sluice_reader_dialect(const sluice_reader *r)
{
	return &r->opts.dialect;
}

size_t sluice_reader_column_count(const sluice_reader *r)
{
	return r->cols.n;
}

const char *sluice_reader_column_name(const sluice_reader *r, size_t i, size_t *len)
{
	return sluice_columns_name(&r->cols, i, len);
}

long sluice_reader_column_index(const sluice_reader *r, const char *name, size_t len)
{
	return sluice_columns_find(&r->cols, name, len);
}
