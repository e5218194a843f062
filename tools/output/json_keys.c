/* json_keys.c - the one place column names become distinct JSON keys (xxhash, open addressing). */
#include "output/json_keys.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "output/json_string.h"

struct out_json_key_slot {
	size_t off, len;         /* the raw name in names.buf; len == SIZE_MAX marks a free slot */
	uint64_t hash;
	uint64_t repeats;        /* times a name has come again as this one: its next repeat's suffix */
};

/* Room for "_" and the decimal digits of any uint64_t suffix, with the NUL snprintf adds. */
#define SUFFIX_CAP 24

int out_json_keys_init(out_json_keys *k)
{
	memset(k, 0, sizeof *k);
	if (out_writer_init_memory(&k->names, 4096) != 0 || out_writer_init_memory(&k->encoded, 4096) != 0)
		return -1;
	return 0;
}

void out_json_keys_free(out_json_keys *k)
{
	out_writer_free(&k->names);
	out_writer_free(&k->encoded);
	free(k->end);
	free(k->slots);
	free(k->scratch);
	free(k->fold);
	memset(k, 0, sizeof *k);
}

/* Whether a[0..n) and b[0..n) are the same name but for ASCII case, as SQL identifiers are. */
static bool same_name(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];
		x = x >= 'A' && x <= 'Z' ? (unsigned char)(x + 32) : x;
		y = y >= 'A' && y <= 'Z' ? (unsigned char)(y + 32) : y;
		if (x != y)
			return false;
	}
	return true;
}

/* The hash of p[0..n) with ASCII letters lower-cased (through k->fold), so that names differing in
 * case only collide. */
static uint64_t name_hash(out_json_keys *k, const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		k->fold[i] = p[i] >= 'A' && p[i] <= 'Z' ? (char)(p[i] + 32) : p[i];
	return XXH3_64bits(k->fold, n);
}

/* The slot holding name p[0..n) (ASCII case ignored), or the free slot where it would go. */
static out_json_key_slot *find_slot(const out_json_keys *k, const char *p, size_t n, uint64_t h)
{
	size_t mask = k->nslots - 1;
	for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
		out_json_key_slot *e = &k->slots[i];
		if (e->len == SIZE_MAX)
			return e;
		if (e->hash == h && e->len == n && same_name(k->names.buf + e->off, p, n))
			return e;
	}
}

static int resize_set(out_json_keys *k, size_t nslots)
{
	out_json_key_slot *old = k->slots;
	size_t nold = k->nslots;
	out_json_key_slot *slots = malloc(nslots * sizeof *slots);
	if (!slots)
		return -1;
	for (size_t i = 0; i < nslots; i++)
		slots[i].len = SIZE_MAX;
	k->slots = slots;
	k->nslots = nslots;
	for (size_t i = 0; i < nold; i++)
		if (old[i].len != SIZE_MAX)
			*find_slot(k, k->names.buf + old[i].off, old[i].len, old[i].hash) = old[i];
	free(old);
	return 0;
}

/* Makes room in the scratch and fold buffers for a name of len bytes and a suffix. The scratch
 * keeps what it holds. */
static int grow_scratch(out_json_keys *k, size_t len)
{
	if (len + SUFFIX_CAP <= k->scratch_cap)
		return 0;
	char *p = realloc(k->scratch, len + SUFFIX_CAP);
	if (!p)
		return -1;
	k->scratch = p;
	p = realloc(k->fold, len + SUFFIX_CAP);
	if (!p)
		return -1;
	k->fold = p;
	k->scratch_cap = len + SUFFIX_CAP;
	return 0;
}

/* Grows the arrays for one more key of len bytes, and the set so it stays at most half full. */
static int reserve(out_json_keys *k, size_t len)
{
	if (k->n == k->end_cap) {
		size_t cap = k->end_cap ? 2 * k->end_cap : 16;
		size_t *end = realloc(k->end, cap * sizeof *end);
		if (!end)
			return -1;
		k->end = end;
		k->end_cap = cap;
	}
	if (2 * (k->n + 1) > k->nslots && resize_set(k, k->nslots ? 2 * k->nslots : 64) != 0)
		return -1;
	return grow_scratch(k, len);
}

int out_json_keys_add(out_json_keys *k, const char *p, size_t n)
{
	char column[32];
	if (n == 0) {
		n = (size_t)snprintf(column, sizeof column, "column%zu", k->n);
		p = column;
	}
	if (reserve(k, n) != 0)
		return -1;

	/* Taken: name_K, K the times this name has come again, checked in turn (so a, a, a_1 give
	 * a, a_1, a_1_1). The candidate is built in the scratch, which grows as it does. */
	uint64_t h = name_hash(k, p, n);
	out_json_key_slot *e;
	bool in_scratch = false; /* p is k->scratch (which growing it may move) */
	while ((e = find_slot(k, p, n, h))->len != SIZE_MAX) {
		if (grow_scratch(k, n) != 0)
			return -1;
		if (!in_scratch)
			memcpy(k->scratch, p, n);
		n += (size_t)snprintf(k->scratch + n, SUFFIX_CAP, "_%llu", (unsigned long long)++e->repeats);
		p = k->scratch;
		in_scratch = true;
		h = name_hash(k, p, n);
	}
	e->off = k->names.len;
	e->len = n;
	e->hash = h;
	e->repeats = 0;
	out_writer_put(&k->names, p, n);
	out_json_put_string(&k->encoded, p, n);
	out_writer_byte(&k->encoded, ':');
	if (k->names.error || k->encoded.error) {
		errno = ENOMEM;
		return -1;
	}
	k->end[k->n++] = k->encoded.len;
	return 0;
}
