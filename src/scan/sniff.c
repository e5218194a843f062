/* sniff.c - the dialect sniffer: candidate dialects scored on a sample by how uniform their records
 * are and how typed their fields look (after CleverCSV's pattern and type scores), then the
 * preamble, the trimming and the header of the winner. docs/sniffing.md has the rules. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "scan/sniff.h"
#include "scan/sniff_cells.h"
#include "io/stream.h"

/* The delimiters tried first, in the order that breaks ties; other punctuation the data makes
 * consistent is tried after them. */
static const uint8_t preferred[] = {',', ';', '\t', '|', ' ', ':', '#', '^', '~'};
#define MAX_DELIMS 6
#define PREPASS_LINES 64

/* A candidate dialect and its score. */
typedef struct candidate {
	sluice_dialect d;
	double score;
	size_t start;   /* the table's first record (after a preamble) */
	uint32_t width; /* the table's field count */
} candidate;

static int line_ending_of(const uint8_t *p, size_t n)
{
	size_t lf = 0, crlf = 0, cr = 0;
	for (size_t i = 0; i < n; i++) {
		if (p[i] == '\n')
			lf++;
		else if (p[i] == '\r') {
			if (i + 1 < n && p[i + 1] == '\n') {
				crlf++;
				i++;
			} else {
				cr++;
			}
		}
	}
	if (!lf && !crlf && !cr)
		return SLUICE_LINE_ENDING_NONE;
	if (crlf >= lf && crlf >= cr)
		return SLUICE_LINE_ENDING_CRLF;
	return lf >= cr ? SLUICE_LINE_ENDING_LF : SLUICE_LINE_ENDING_CR;
}

/* A byte that may delimit fields: not a letter, digit, quote, line end, a byte of a UTF-8 sequence or
 * a byte that joins the parts of a value. */
static bool may_delimit(uint8_t b)
{
	if (b >= 0x80 || b == '\r' || b == '\n' || b == '"' || b == '\'' || b == 0)
		return false;
	if ((b >= '0' && b <= '9') || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z'))
		return false;
	/* signs and joiners inside values: numbers, dates, paths, e-mail addresses */
	return b != '.' && b != '-' && b != '_' && b != '/' && b != '+' && b != '\\' && b != '@';
}

/* Per byte, over the first lines (outside '"' pairs): the share of lines whose count equals the
 * most common nonzero count. Keeps the best bytes, the preferred ones first on ties. */
static size_t delimiter_candidates(sl_slice s, uint8_t *out)
{
	static const size_t none = 0;
	uint16_t counts[PREPASS_LINES][128];
	memset(counts, 0, sizeof counts);
	size_t lines = 0;
	bool inq = false;
	for (size_t i = 0; i < s.n && lines < PREPASS_LINES; i++) {
		const uint8_t b = s.p[i];
		if (b == '"')
			inq = !inq;
		else if (!inq && (b == '\n' || b == '\r')) {
			if (b == '\r' && i + 1 < s.n && s.p[i + 1] == '\n')
				i++;
			lines++;
		} else if (!inq && b < 128 && counts[lines][b] < UINT16_MAX)
			counts[lines][b]++;
	}
	if (lines < PREPASS_LINES && s.n)
		lines++; /* the last line, unterminated */
	double score[128];
	for (int b = 0; b < 128; b++) {
		score[b] = 0;
		if (!may_delimit((uint8_t)b))
			continue;
		/* the mode of the nonzero counts, and how many lines have it */
		size_t best = none, best_lines = 0, nonzero = 0;
		for (size_t l = 0; l < lines; l++) {
			const size_t c = counts[l][b];
			if (!c)
				continue;
			nonzero++;
			size_t same = 0;
			for (size_t m = 0; m < lines; m++)
				same += counts[m][b] == c;
			if (same > best_lines || (same == best_lines && c > best)) {
				best_lines = same;
				best = c;
			}
		}
		if (nonzero)
			score[b] = (double)best_lines / (double)lines;
	}
	/* a byte far less regular than the most regular one does not delimit: not worth a reading */
	double top = 0;
	for (int b = 0; b < 128; b++)
		top = score[b] > top ? score[b] : top;
	size_t n = 0;
	for (size_t k = 0; k < sizeof preferred; k++)
		if (score[preferred[k]] > 0 && score[preferred[k]] >= 0.5 * top && n < MAX_DELIMS)
			out[n++] = preferred[k];
	while (n < MAX_DELIMS) { /* then the best of the rest */
		int pick = -1;
		for (int b = 0; b < 128; b++) {
			if (score[b] < 0.5 || memchr(out, b, n) || memchr(preferred, b, sizeof preferred))
				continue;
			if (pick < 0 || score[b] > score[pick])
				pick = b;
		}
		if (pick < 0)
			break;
		out[n++] = (uint8_t)pick;
	}
	return n;
}

/* True when most occurrences of delim outside '"' pairs are followed by a space (", "). */
static bool spaced_delimiter(sl_slice s, uint8_t delim)
{
	size_t all = 0, spaced = 0;
	bool inq = false;
	for (size_t i = 0; i + 1 < s.n; i++) {
		if (s.p[i] == '"')
			inq = !inq;
		else if (!inq && s.p[i] == delim) {
			all++;
			spaced += s.p[i + 1] == ' ';
		}
	}
	return all >= 2 && spaced * 10 >= all * 9;
}

static uint32_t hash_bytes(const uint8_t *p, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ p[i]) * 16777619u;
	return h;
}

/* Reads s with dialect d into t (appending, from t->n), dropping the first `drop` records (a probe
 * that starts mid-record). When `cut`, s ends at a line break wherever the sample ended: a last
 * record repaired there may be one cut short (a quoted field left open), so it and its repairs are not
 * counted. Returns SLUICE_OK or an open error (then t is left as it was). */
static int read_table(sl_slice s, const sluice_dialect *d, size_t drop, bool cut, sn_table *t)
{
	sluice_options o;
	sluice_options_init(&o);
	o.dialect = *d;
	sluice_reader *r;
	int rc = sluice_reader_open_memory(&r, s.p, s.n, NULL, &o, NULL);
	if (rc != SLUICE_OK)
		return rc;
	const size_t first = t->n;
	sluice_row row;
	char buf[64];
	uint64_t repaired_before = 0; /* the repairs before the last record read */
	bool at_end = false;
	while (t->n < SN_RECORDS) {
		const uint64_t before = sluice_reader_stats(r)->repaired_records;
		if (sluice_reader_next(r, &row) != SLUICE_OK) {
			at_end = true;
			break;
		}
		repaired_before = before;
		if (drop) {
			drop--;
			continue;
		}
		const size_t k = t->n++;
		t->nfields[k] = (uint32_t)row.nfields;
		t->line[k] = row.line;
		if (row.nfields < SN_COLS) { /* the cells it lacks are empty */
			memset(&t->cls[k][row.nfields], SN_EMPTY, SN_COLS - row.nfields);
			memset(&t->hash[k][row.nfields], 0, (SN_COLS - row.nfields) * sizeof t->hash[k][0]);
		}
		for (size_t j = 0; j < row.nfields && j < SN_COLS; j++) {
			const sluice_field *f = &row.fields[j];
			const uint8_t *p = (const uint8_t *)f->ptr;
			size_t n = f->len;
			if (f->flags & SLUICE_FIELD_NEEDS_UNESCAPE) {
				n = sluice_field_unescape(&o.dialect, f, buf, f->len < sizeof buf ? f->len : sizeof buf);
				p = (const uint8_t *)buf;
			}
			while (n && (p[0] == ' ' || p[0] == '\t')) { /* " 12 " is a number padded */
				p++;
				n--;
			}
			while (n && (p[n - 1] == ' ' || p[n - 1] == '\t'))
				n--;
			const int c = sn_class_of(p, n);
			t->cls[k][j] = (uint8_t)c;
			t->hash[k][j] = hash_bytes(p, n);
			if (c == SN_INT && n <= 9) {
				uint32_t v = 0;
				size_t i = 0;
				while (i < n && p[i] >= '0' && p[i] <= '9')
					v = v * 10 + (uint32_t)(p[i++] - '0');
				if (i == n)
					t->hash[k][j] = v;
			}
		}
	}
	uint64_t repaired = sluice_reader_stats(r)->repaired_records;
	if (cut && at_end && t->n > first && repaired > repaired_before) { /* it ran into the sample's end */
		t->n--;
		repaired = repaired_before;
	}
	t->repaired += repaired;
	sluice_reader_close(r);
	return SLUICE_OK;
}

/* True when record r has at most a text in its first cell and nothing in the others. */
static bool padded_title(const sn_table *t, size_t r, uint32_t width)
{
	if (!sn_class_text(t->cls[r][0]) && t->cls[r][0] != SN_EMPTY)
		return false;
	for (uint32_t j = 1; j < width && j < SN_COLS; j++)
		if (t->cls[r][j] != SN_EMPTY)
			return false;
	return true;
}

/* The table's field count (the most common, the larger on ties) and its first record: the first
 * of that width, when two or more have it and none before it is wider, past any padded title lines
 * before a header (what comes before it is a preamble). */
static void table_shape(const sn_table *t, size_t *start, uint32_t *width)
{
	/* the counts of the first 32 distinct widths: a table has few, and a sample of many is no
	 * table whichever wins */
	uint32_t widths[32], counts[32];
	size_t k = 0;
	for (size_t r = 0; r < t->n; r++) {
		size_t i = 0;
		while (i < k && widths[i] != t->nfields[r])
			i++;
		if (i == k) {
			if (k == 32)
				continue;
			widths[k] = t->nfields[r];
			counts[k++] = 0;
		}
		counts[i]++;
	}
	uint32_t best = 0;
	size_t best_n = 0;
	for (size_t i = 0; i < k; i++) {
		if (counts[i] > best_n || (counts[i] == best_n && widths[i] > best)) {
			best_n = counts[i];
			best = widths[i];
		}
	}
	*width = best;
	*start = 0;
	/* one column, or one record of the width: nothing tells a preamble from the table */
	if (best < 2 || best_n < 2)
		return;
	size_t r = 0;
	while (r < t->n && t->nfields[r] != best) {
		if (t->nfields[r] > best) /* a title is narrower: this is a wider header, or records */
			return;
		r++;
	}
	/* a spreadsheet's export pads its title lines to the table's width: lines of one text (or
	 * none) and empty cells, before a header */
	size_t h = r;
	while (h + 1 < t->n && t->nfields[h] == best && padded_title(t, h, best))
		h++;
	*start = h > r && sn_is_header(t, h, best) ? h : r;
}

/* The score of a table: its pattern score (the records' field counts: uniform and wide is better,
 * a preamble counts against it) times its type score (the share of fields that look typed, a word
 * too, as CleverCSV counts alphanumeric cells), less
 * for repairs. `space`: the delimiter is a space, which must give one width to count. */
static double table_score(const sn_table *t, size_t start, uint32_t width, bool space)
{
	if (t->n == 0)
		return 0;
	uint32_t widths[16];
	size_t counts[16], k = 0, other = 0;
	for (size_t r = start; r < t->n; r++) {
		size_t i = 0;
		while (i < k && widths[i] != t->nfields[r])
			i++;
		if (i == k && k < 16) {
			widths[k] = t->nfields[r];
			counts[k++] = 0;
		}
		if (i < k)
			counts[i]++;
		else
			other++;
	}
	double pattern = 0;
	for (size_t i = 0; i < k; i++)
		pattern += (double)counts[i] * (widths[i] > 1 ? (double)(widths[i] - 1) / widths[i] : 0.01);
	pattern /= (double)(k + (other > 0)) * (double)t->n;
	double typed = 0, cells = 0;
	const uint32_t w = width < SN_COLS ? width : SN_COLS;
	size_t table = 0; /* records of the table's width */
	/* between words, a run of spaces gives empty fields: padding, not missing values */
	const double empty = space ? 0.0 : 0.5;
	for (size_t r = start; r < t->n; r++) {
		if (t->nfields[r] != width)
			continue;
		table++;
		for (uint32_t j = 0; j < w; j++) {
			const int c = t->cls[r][j];
			typed += sn_class_typed(c) || c == SN_NULL || c == SN_WORD ? 1.0 : c == SN_EMPTY ? empty : 0.0;
			cells++;
		}
	}
	/* a space also separates the words of text: as a delimiter it must give one width */
	if (space && (double)table < 0.9 * (double)(t->n - start))
		return 0;
	const double type_score = cells ? typed / cells : 0;
	return pattern * (type_score + 0.01) / (1.0 + 3.0 * (double)t->repaired / (double)t->n);
}

/* Reads the sample (the head, then the probes without their first records) with d. */
static int read_sample(sl_slice head, bool whole, const sl_slice *probes, size_t nprobes, const sluice_dialect *d,
                       sn_table *t)
{
	memset(t, 0, offsetof(sn_table, cls));
	int rc = read_table(head, d, 0, !whole, t);
	for (size_t i = 0; i < nprobes && !rc; i++)
		rc = read_table(probes[i], d, 2, true, t);
	return rc;
}

/* The candidates of one field: the given value, or what the sample allows, preferred first. */
typedef struct choices {
	uint8_t delims[MAX_DELIMS + 1];
	size_t ndelims;
	int quotes[3];
	size_t nquotes;
	int escapes[2];
	size_t nescapes;
	const char *comments[2];
	size_t ncomments;
} choices;

static bool has_line_start(sl_slice s, uint8_t c)
{
	for (size_t i = 0; i < s.n; i++)
		if (s.p[i] == c && (i == 0 || s.p[i - 1] == '\n' || s.p[i - 1] == '\r'))
			return true;
	return false;
}

/* The first q at or after from that comes at the start of a line or right after a byte that may
 * delimit fields (where a quote opens a field), or s.n. */
static size_t next_opening(sl_slice s, size_t from, uint8_t q)
{
	for (size_t i = from; i < s.n; i++) {
		const uint8_t *hit = memchr(s.p + i, q, s.n - i);
		if (!hit)
			break;
		i = (size_t)(hit - s.p);
		if (i == 0 || s.p[i - 1] == '\n' || s.p[i - 1] == '\r' || may_delimit(s.p[i - 1]))
			return i;
	}
	return s.n;
}

/* True when some field of s is wrapped in q: q opening a field, and a later q (not doubled) that a
 * line end or a byte that may delimit follows. */
static bool wraps_field(sl_slice s, uint8_t q)
{
	for (size_t i = next_opening(s, 0, q); i < s.n; i = next_opening(s, i + 1, q)) {
		size_t k = i + 1;
		for (; k < s.n; k++) {
			if (s.p[k] != q)
				continue;
			if (k + 1 < s.n && s.p[k + 1] == q) { /* doubled: data */
				k++;
				continue;
			}
			if (k + 1 == s.n || s.p[k + 1] == '\n' || s.p[k + 1] == '\r' || may_delimit(s.p[k + 1]))
				return true;
			break; /* not closed here: the next opening is looked for from this quote on */
		}
		if (k >= s.n) /* no closing quote after this one */
			return false;
		i = k;
	}
	return false;
}

static void list_choices(sl_slice s, const sluice_dialect *d, choices *c)
{
	const bool hash_lines = sl_comment_auto(d) && has_line_start(s, '#'); /* comments, then */
	if (d->delimiter == SLUICE_AUTO) {
		c->ndelims = delimiter_candidates(s, c->delims);
		if (hash_lines) { /* '#' starting lines are comments, not fields */
			size_t k = 0;
			for (size_t i = 0; i < c->ndelims; i++)
				if (c->delims[i] != '#')
					c->delims[k++] = c->delims[i];
			c->ndelims = k;
		}
		/* ',' also stands for "one column": what a file none of whose bytes delimits is */
		if (!memchr(c->delims, ',', c->ndelims)) {
			memmove(c->delims + 1, c->delims, c->ndelims);
			c->delims[0] = ',';
			c->ndelims++;
		}
	} else {
		c->delims[0] = (uint8_t)d->delimiter;
		c->ndelims = 1;
	}
	c->nquotes = 0;
	if (d->quote == SLUICE_AUTO) {
		/* a quote that opens no field reads as data either way: '"' then stays, and the reading
		 * of a stray one is a repair (or, strict, an error) as the user would want to hear. A field
		 * wrapped in '"' shows the file quotes: then the stray ones are what it got wrong (repairs),
		 * and reading without quotes is not tried, as csv.Sniffer decides the quote from that pattern.
		 * Strict reading holds a file to the standard's '"' (a stray one is an error, not a reason to
		 * read the file without quotes) */
		c->quotes[c->nquotes++] = '"';
		if (next_opening(s, 0, '\'') < s.n)
			c->quotes[c->nquotes++] = '\'';
		if (!d->strict && next_opening(s, 0, '"') < s.n && !wraps_field(s, '"'))
			c->quotes[c->nquotes++] = SLUICE_NO_CHAR;
	} else {
		c->quotes[c->nquotes++] = d->quote;
	}
	c->nescapes = 0;
	c->escapes[c->nescapes++] = d->escape == SLUICE_AUTO ? SLUICE_NO_CHAR : d->escape;
	if (d->escape == SLUICE_AUTO && memchr(s.p, '\\', s.n))
		c->escapes[c->nescapes++] = '\\';
	c->ncomments = 0;
	if (sl_comment_auto(d)) {
		if (hash_lines)
			c->comments[c->ncomments++] = "#"; /* preferred: ties go to it */
		c->comments[c->ncomments++] = "";
	} else {
		c->comments[c->ncomments++] = d->comment;
	}
}

/* The dialect of one candidate, for reading the sample: no header, nothing skipped. */
static bool candidate_dialect(const sluice_dialect *d, sl_slice s, uint8_t delim, int quote, int escape,
                              const char *comment, sluice_dialect *out)
{
	*out = *d;
	out->delimiter = delim;
	out->quote = quote;
	out->escape = escape;
	memset(out->comment, 0, sizeof out->comment);
	memcpy(out->comment, comment, strnlen(comment, SLUICE_COMMENT_MAX - 1));
	if (d->trim == SLUICE_AUTO)
		out->trim = delim != ' ' && delim != '\t' && spaced_delimiter(s, delim);
	out->header = 0;
	out->skip = 0;
	out->strict = false;
	if (escape != SLUICE_NO_CHAR && quote == SLUICE_NO_CHAR)
		return false;
	return sluice_dialect_check(out, NULL) == SLUICE_OK && (comment[0] != (char)delim);
}

/* Tries every candidate; *best gets the winner, *second the runner-up's score. */
static int pick_dialect(sl_slice s, bool whole, const sl_slice *probes, size_t nprobes, const sluice_dialect *d,
                        sn_table *t, candidate *best, double *second)
{
	choices c;
	list_choices(s, d, &c);
	best->score = -1;
	*second = 0;
	for (size_t ci = 0; ci < c.ncomments; ci++)
		for (size_t di = 0; di < c.ndelims; di++)
			for (size_t qi = 0; qi < c.nquotes; qi++)
				for (size_t ei = 0; ei < c.nescapes; ei++) {
					candidate k;
					if (!candidate_dialect(d, s, c.delims[di], c.quotes[qi], c.escapes[ei], c.comments[ci], &k.d))
						continue;
					int rc = read_sample(s, whole, probes, nprobes, &k.d, t);
					if (rc == SLUICE_ERR_NOMEM)
						return rc;
					if (rc)
						continue;
					table_shape(t, &k.start, &k.width);
					k.score = table_score(t, k.start, k.width, k.d.delimiter == ' ');
					if (k.score > best->score) {
						*second = best->score > 0 ? best->score : 0;
						*best = k;
					} else if (k.score > *second) {
						*second = k.score;
					}
				}
	if (best->score < 0) { /* nothing valid: the defaults */
		best->d = *d;
		sluice_dialect_fill_auto(&best->d);
		best->d.header = 0;
		best->d.skip = 0;
		best->score = 0;
		best->start = 0;
		best->width = 0;
	}
	return SLUICE_OK;
}

/* s up to its last line break (all of s when it has none). */
static sl_slice to_line_end(sl_slice s)
{
	size_t end = s.n;
	while (end > 0 && s.p[end - 1] != '\n' && s.p[end - 1] != '\r')
		end--;
	if (end > 0)
		s.n = end;
	return s;
}

static unsigned auto_bits(const sluice_dialect *d)
{
	return (d->delimiter == SLUICE_AUTO ? SLUICE_SNIFFED_DELIMITER : 0) |
	       (d->quote == SLUICE_AUTO ? SLUICE_SNIFFED_QUOTE : 0) | (d->escape == SLUICE_AUTO ? SLUICE_SNIFFED_ESCAPE : 0) |
	       (sl_comment_auto(d) ? SLUICE_SNIFFED_COMMENT : 0) | (d->trim == SLUICE_AUTO ? SLUICE_SNIFFED_TRIM : 0) |
	       (d->header == SLUICE_AUTO ? SLUICE_SNIFFED_HEADER : 0) | (d->skip == SLUICE_AUTO ? SLUICE_SNIFFED_SKIP : 0);
}

int sl_sniff(sl_slice head, bool whole, const sl_slice *probes, size_t nprobes, sluice_dialect *d,
             sluice_sniff_info *info)
{
	memset(info, 0, sizeof *info);
	info->sniffed = auto_bits(d);
	info->line_ending = line_ending_of(head.p, head.n);
	if (!whole) /* the last line may be cut short */
		head = to_line_end(head);
	sl_slice cut_probes[SL_SNIFF_PROBES];
	nprobes = nprobes < SL_SNIFF_PROBES ? nprobes : SL_SNIFF_PROBES;
	for (size_t i = 0; i < nprobes; i++)
		cut_probes[i] = to_line_end(probes[i]);
	probes = cut_probes;
	const uint64_t given_skip = d->skip == SLUICE_AUTO ? 0 : (uint64_t)d->skip;
	sl_slice s = head;
	if (given_skip) {
		const size_t at = sl_skip_lines(head.p, head.n, given_skip, NULL);
		s.p += at;
		s.n -= at;
	}
	sn_table *t = malloc(sizeof *t);
	if (!t)
		return SLUICE_ERR_NOMEM;
	candidate best;
	double second;
	int rc = pick_dialect(s, whole, probes, nprobes, d, t, &best, &second);
	if (!rc) /* the winner's head alone, for the preamble and the header */
		rc = read_sample(s, whole, NULL, 0, &best.d, t);
	if (rc) {
		free(t);
		return rc;
	}
	table_shape(t, &best.start, &best.width);
	sluice_dialect out = best.d;
	out.strict = d->strict; /* the sample was read leniently */
	out.skip = d->skip == SLUICE_AUTO ? (best.start ? (int64_t)t->line[best.start] - 1 : 0) : d->skip;
	const size_t first = d->skip == SLUICE_AUTO ? best.start : 0;
	out.header = d->header == SLUICE_AUTO ? sn_is_header(t, first, best.width) : d->header;
	*d = out;
	info->dialect = out;
	info->columns = best.width;
	info->sample_bytes = head.n;
	for (size_t i = 0; i < nprobes; i++)
		info->sample_bytes += probes[i].n;
	info->sample_records = t->n;
	double conf = best.score > 0 ? (best.score - second) / best.score : 0;
	if (t->n < 8)
		conf *= (double)t->n / 8.0;
	info->confidence = info->sniffed & (SLUICE_SNIFFED_DELIMITER | SLUICE_SNIFFED_QUOTE) ? conf : 1.0;
	free(t);
	return SLUICE_OK;
}
