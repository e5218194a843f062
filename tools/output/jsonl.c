/* jsonl.c - one JSON object per record keyed by the header names (one array per record without a header). */
#include "json_string.h"
#include "output.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

/* Keys must be distinct and non-empty for the objects to be valid and lossless, so the header
 * names are made unique once, in column order: an empty name becomes column_N (N counted from
 * 1), a repeated name gets the first free suffix _2, _3, ... A record longer than the header
 * gets column_N keys for its extra fields, made unique the same way. Each key is stored already
 * JSON-encoded with its colon, so a record costs one memcpy per key. */

typedef struct name_slot {
	size_t off, len;         /* the raw name in names.buf; len == SIZE_MAX marks an empty slot */
	uint64_t hash;
	uint64_t next_suffix;    /* first suffix worth trying when this name repeats */
} name_slot;

typedef struct jsonl_state {
	bool header;
	writer names;            /* raw names of every key, back to back */
	writer keys;             /* encoded keys "name": back to back */
	size_t *key_end;         /* key i is keys.buf[key_end[i-1] .. key_end[i]) (key_end[-1] = 0) */
	size_t nkeys, keys_cap;
	name_slot *slots;        /* open-addressing set of the raw names */
	size_t nslots;           /* a power of two, kept at least twice nkeys */
	char *scratch;           /* room to build a candidate name */
	size_t scratch_cap;
} jsonl_state;

static uint64_t hash_bytes(const char *p, size_t n)
{
	uint64_t h = UINT64_C(0xcbf29ce484222325); /* FNV-1a */
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)p[i];
		h *= UINT64_C(0x100000001b3);
	}
	return h;
}

/* The slot holding name, or the empty slot where it would go. */
static name_slot *find_slot(jsonl_state *s, const char *p, size_t n, uint64_t h)
{
	size_t mask = s->nslots - 1;
	for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
		name_slot *e = &s->slots[i];
		if (e->len == SIZE_MAX)
			return e;
		if (e->hash == h && e->len == n && memcmp(s->names.buf + e->off, p, n) == 0)
			return e;
	}
}

static int rehash(jsonl_state *s, size_t nslots)
{
	name_slot *old = s->slots;
	size_t nold = s->nslots;
	s->slots = malloc(nslots * sizeof *s->slots);
	if (!s->slots) {
		s->slots = old;
		return -1;
	}
	s->nslots = nslots;
	for (size_t i = 0; i < nslots; i++)
		s->slots[i].len = SIZE_MAX;
	for (size_t i = 0; i < nold; i++) {
		if (old[i].len == SIZE_MAX)
			continue;
		name_slot *e = find_slot(s, s->names.buf + old[i].off, old[i].len, old[i].hash);
		*e = old[i];
	}
	free(old);
	return 0;
}

static int reserve_scratch(jsonl_state *s, size_t n)
{
	if (n <= s->scratch_cap)
		return 0;
	char *p = realloc(s->scratch, n);
	if (!p)
		return -1;
	s->scratch = p;
	s->scratch_cap = n;
	return 0;
}

/* Appends the key for column `index` (0-based) whose header name is p[0..n). */
static int add_key(jsonl_state *s, const char *p, size_t n, size_t index)
{
	char column[32];
	if (n == 0) {
		n = (size_t)snprintf(column, sizeof column, "column_%zu", index + 1);
		p = column;
	}
	if (s->nkeys == s->keys_cap) {
		size_t cap = s->keys_cap ? 2 * s->keys_cap : 16;
		size_t *e = realloc(s->key_end, cap * sizeof *e);
		if (!e)
			return -1;
		s->key_end = e;
		s->keys_cap = cap;
	}
	if (2 * (s->nkeys + 1) > s->nslots && rehash(s, s->nslots ? 2 * s->nslots : 64) != 0)
		return -1;

	uint64_t h = hash_bytes(p, n);
	name_slot *e = find_slot(s, p, n, h);
	if (e->len != SIZE_MAX) {
		/* Taken: try base_K from the suffix this base stopped at last time. */
		name_slot *base = e;
		if (reserve_scratch(s, n + 24) != 0)
			return -1;
		memcpy(s->scratch, p, n);
		uint64_t k = base->next_suffix < 2 ? 2 : base->next_suffix;
		for (;; k++) {
			size_t m = n + (size_t)snprintf(s->scratch + n, 24, "_%llu", (unsigned long long)k);
			h = hash_bytes(s->scratch, m);
			e = find_slot(s, s->scratch, m, h);
			if (e->len == SIZE_MAX) {
				p = s->scratch;
				n = m;
				break;
			}
		}
		base->next_suffix = k + 1; /* base is still valid: the table did not move */
	}
	e->off = s->names.len;
	e->len = n;
	e->hash = h;
	e->next_suffix = 0;
	writer_put(&s->names, p, n);
	json_put_string(&s->keys, p, n);
	writer_byte(&s->keys, ':');
	if (s->names.error || s->keys.error) {
		errno = ENOMEM;
		return -1;
	}
	s->key_end[s->nkeys++] = s->keys.len;
	return 0;
}

static void free_state(jsonl_state *s)
{
	writer_free(&s->names);
	writer_free(&s->keys);
	free(s->key_end);
	free(s->slots);
	free(s->scratch);
}

static int jsonl_begin(output *o, const out_field *names, size_t n)
{
	jsonl_state *s = o->state;
	s->header = names != NULL;
	if (!s->header)
		return 0;
	if (writer_init_memory(&s->names, 4096) != 0 || writer_init_memory(&s->keys, 4096) != 0)
		goto fail;
	for (size_t i = 0; i < n; i++)
		if (add_key(s, names[i].ptr, names[i].len, i) != 0)
			goto fail;
	return 0;
fail:
	free_state(s);
	return -1;
}

static int jsonl_row(output *o, const out_field *f, size_t n)
{
	jsonl_state *s = o->state;
	writer *w = o->w;
	if (!s->header) {
		writer_byte(w, '[');
		for (size_t i = 0; i < n; i++) {
			if (i > 0)
				writer_byte(w, ',');
			json_put_string(w, f[i].ptr, f[i].len);
		}
		writer_put(w, "]\n", 2);
		return 0;
	}
	while (s->nkeys < n)
		if (add_key(s, "", 0, s->nkeys) != 0)
			return -1;
	writer_byte(w, '{');
	size_t start = 0;
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			writer_byte(w, ',');
		writer_put(w, s->keys.buf + start, s->key_end[i] - start);
		start = s->key_end[i];
		json_put_string(w, f[i].ptr, f[i].len);
	}
	writer_put(w, "}\n", 2);
	return 0;
}

static int jsonl_end(output *o)
{
	jsonl_state *s = o->state;
	if (s->header)
		free_state(s);
	return 0;
}

const output_format output_jsonl = {
	.name = "jsonl",
	.help = "one JSON object per record keyed by the header (arrays with --no-header)",
	.state_size = sizeof(jsonl_state),
	.begin = jsonl_begin,
	.row = jsonl_row,
	.end = jsonl_end,
};
