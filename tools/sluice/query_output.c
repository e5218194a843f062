/* query_output.c - query results in an output format: text through the format plug-ins, typed values for JSON. */
#include "query_output.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json_string.h"

/* Room for the text of any value that is not a string: sluice_value_format writes at most 80
 * bytes for those (a timestamp, a shortest round-trip double). */
#define QUERY_TEXT_CAP 96

/* The text of v: strings as they are, other values formatted into buf, NULL as "". */
static const char *value_text(const sluice_value *v, char *buf, size_t *len)
{
	if (v->null || v->type == SLUICE_TYPE_NULL) {
		*len = 0;
		return "";
	}
	if (v->type == SLUICE_TYPE_VARCHAR) {
		*len = v->u.s.len;
		return v->u.s.len ? v->u.s.ptr : "";
	}
	size_t n = sluice_value_format(v, buf, QUERY_TEXT_CAP);
	*len = n < QUERY_TEXT_CAP ? n : QUERY_TEXT_CAP - 1;
	return buf;
}

/* True when p[0..n) is a JSON number: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
static bool json_number(const char *p, size_t n)
{
	size_t i = 0, k;
	if (i < n && p[i] == '-')
		i++;
	if (i < n && p[i] == '0') {
		i++;
	} else {
		for (k = i; i < n && p[i] >= '0' && p[i] <= '9'; i++)
			;
		if (i == k)
			return false;
	}
	if (i < n && p[i] == '.') {
		for (k = ++i; i < n && p[i] >= '0' && p[i] <= '9'; i++)
			;
		if (i == k)
			return false;
	}
	if (i < n && (p[i] == 'e' || p[i] == 'E')) {
		i++;
		if (i < n && (p[i] == '+' || p[i] == '-'))
			i++;
		for (k = i; i < n && p[i] >= '0' && p[i] <= '9'; i++)
			;
		if (i == k)
			return false;
	}
	return i == n;
}

/* Writes v as a JSON value chosen by its column type t. A text that does not fit the type's
 * JSON form (inf, nan) is written as a string, so the output stays valid JSON. */
static void put_json_value(writer *w, sluice_type t, const sluice_value *v, char *buf)
{
	if (v->null || v->type == SLUICE_TYPE_NULL) {
		writer_put(w, "null", 4);
		return;
	}
	size_t n;
	const char *text = value_text(v, buf, &n);
	bool bare = false;
	if (t == SLUICE_TYPE_BIGINT || t == SLUICE_TYPE_DOUBLE)
		bare = json_number(text, n);
	else if (t == SLUICE_TYPE_BOOLEAN)
		bare = (n == 4 && memcmp(text, "true", 4) == 0) || (n == 5 && memcmp(text, "false", 5) == 0);
	if (bare)
		writer_put(w, text, n);
	else
		json_put_string(w, text, n);
}

/* ------------------------------------------------------------------------------------------ */
/* jsonl keys: distinct and non-empty, by the rules of the jsonl format (column_N for an empty */
/* name, the first free suffix _2, _3, ... for a repeated one).                                */

typedef struct name_set {
	char **names;            /* the keys chosen so far */
	size_t n;
	size_t *slots;           /* open addressing: index + 1 into names, 0 when free */
	size_t mask;
} name_set;

static uint64_t hash_bytes(const char *p, size_t n)
{
	uint64_t h = UINT64_C(0xcbf29ce484222325); /* FNV-1a */
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)p[i];
		h *= UINT64_C(0x100000001b3);
	}
	return h;
}

/* The slot that holds name, or the free slot where it would go. */
static size_t *find_name(const name_set *s, const char *name)
{
	size_t len = strlen(name);
	for (size_t i = (size_t)hash_bytes(name, len) & s->mask;; i = (i + 1) & s->mask) {
		size_t *e = &s->slots[i];
		if (*e == 0 || strcmp(s->names[*e - 1], name) == 0)
			return e;
	}
}

static void free_names(name_set *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->names[i]);
	free(s->names);
	free(s->slots);
}

static int make_keys(query_output *qo, const sluice_query *q)
{
	name_set s = { 0 };
	size_t nslots = 16;
	while (nslots < 2 * qo->ncols)
		nslots *= 2;
	s.names = calloc(qo->ncols + 1, sizeof *s.names);
	s.slots = calloc(nslots, sizeof *s.slots);
	s.mask = nslots - 1;
	qo->key_end = calloc(qo->ncols + 1, sizeof *qo->key_end);
	if (!s.names || !s.slots || !qo->key_end || writer_init_memory(&qo->keys, 4096) != 0)
		goto fail;
	for (size_t i = 0; i < qo->ncols; i++) {
		const char *base = sluice_query_column_name(q, i);
		char column[32];
		if (!base || !base[0]) {
			snprintf(column, sizeof column, "column_%zu", i + 1);
			base = column;
		}
		size_t len = strlen(base);
		char *name = malloc(len + 24);
		if (!name)
			goto fail;
		memcpy(name, base, len + 1);
		size_t *slot = find_name(&s, name);
		for (uint64_t k = 2; *slot != 0; k++) {
			snprintf(name + len, 24, "_%llu", (unsigned long long)k);
			slot = find_name(&s, name);
		}
		s.names[s.n++] = name;
		*slot = s.n;
		json_put_string(&qo->keys, name, strlen(name));
		writer_byte(&qo->keys, ':');
		qo->key_end[i] = qo->keys.len;
	}
	if (qo->keys.error) {
		errno = ENOMEM;
		goto fail;
	}
	free_names(&s);
	return 0;
fail:
	free_names(&s);
	return -1;
}

/* ------------------------------------------------------------------------------------------ */

static void release(query_output *qo)
{
	free(qo->types);
	free(qo->fields);
	free(qo->text);
	free(qo->key_end);
	writer_free(&qo->keys);
	qo->types = NULL;
	qo->fields = NULL;
	qo->text = NULL;
	qo->key_end = NULL;
}

int query_output_begin(query_output *qo, const output_format *f, writer *w, const sluice_query *q)
{
	memset(qo, 0, sizeof *qo);
	qo->format = f;
	qo->w = w;
	qo->json = f == &output_json;
	qo->jsonl = f == &output_jsonl;
	qo->ncols = sluice_query_column_count(q);
	size_t n = qo->ncols ? qo->ncols : 1;
	qo->types = calloc(n, sizeof *qo->types);
	qo->fields = calloc(n, sizeof *qo->fields);
	qo->text = malloc(n * QUERY_TEXT_CAP);
	if (!qo->types || !qo->fields || !qo->text)
		goto fail;
	for (size_t i = 0; i < qo->ncols; i++) {
		const char *name = sluice_query_column_name(q, i);
		qo->types[i] = sluice_query_column_type(q, i);
		qo->fields[i].ptr = name ? name : "";
		qo->fields[i].len = strlen(qo->fields[i].ptr);
	}

	if (qo->jsonl) {
		if (make_keys(qo, q) != 0)
			goto fail;
		return 0;
	}
	if (qo->json) {
		writer_put(w, "[[", 2);
		for (size_t i = 0; i < qo->ncols; i++) {
			if (i > 0)
				writer_byte(w, ',');
			json_put_string(w, qo->fields[i].ptr, qo->fields[i].len);
		}
		writer_byte(w, ']');
		return 0;
	}
	if (output_begin(&qo->out, f, w, qo->ncols ? qo->fields : NULL, qo->ncols) != 0)
		goto fail;
	return 0;
fail:
	release(qo);
	return -1;
}

int query_output_row(query_output *qo, const sluice_batch *b, size_t r)
{
	writer *w = qo->w;
	if (qo->json || qo->jsonl) {
		if (qo->json)
			writer_put(w, ",[", 2); /* the names came first */
		else
			writer_byte(w, '{');
		size_t start = 0;
		for (size_t c = 0; c < qo->ncols; c++) {
			if (c > 0)
				writer_byte(w, ',');
			if (qo->jsonl) {
				writer_put(w, qo->keys.buf + start, qo->key_end[c] - start);
				start = qo->key_end[c];
			}
			put_json_value(w, qo->types[c], &b->columns[c][r], qo->text);
		}
		if (qo->json)
			writer_byte(w, ']');
		else
			writer_put(w, "}\n", 2);
		return 0;
	}
	for (size_t c = 0; c < qo->ncols; c++)
		qo->fields[c].ptr = value_text(&b->columns[c][r], qo->text + c * QUERY_TEXT_CAP, &qo->fields[c].len);
	return output_row(&qo->out, qo->fields, qo->ncols);
}

int query_output_end(query_output *qo)
{
	int rc = 0;
	if (qo->json)
		writer_put(qo->w, "]\n", 2);
	else if (!qo->jsonl)
		rc = output_end(&qo->out);
	int e = errno;
	release(qo);
	errno = e;
	return rc;
}
