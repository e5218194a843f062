/* json_keys.h - JSON object keys made from column names: distinct, non-empty, and stored ready to write. */
#ifndef SLUICE_TOOLS_JSON_KEYS_H
#define SLUICE_TOOLS_JSON_KEYS_H

#include <stddef.h>

#include "output/writer.h"

/* Keys must be distinct and non-empty for an object to be valid and lossless, so the names are
 * made unique once, in column order, the way queries name columns (as DuckDB does): an empty name
 * becomes columnN (N its position from 0), and a name already taken, ignoring ASCII case, gets _K
 * appended, K counting the times that name has come again, checked in turn (a, a, a_1 give a, a_1,
 * a_1_1; A, a give A, a_1).
 * Each key is kept JSON-encoded with its colon, so writing one costs one memcpy per record. */

typedef struct out_json_key_slot out_json_key_slot;

typedef struct out_json_keys {
	size_t n;                /* keys so far: those of columns 0 .. n-1 */
	out_writer encoded;      /* "name": back to back */
	size_t *end;             /* key i is encoded.buf[end[i-1] .. end[i]) (end[-1] = 0) */
	size_t end_cap;
	out_writer names;        /* the raw names the set compares, back to back */
	out_json_key_slot *slots; /* open-addressing set of the raw names */
	size_t nslots;           /* a power of two, kept at least twice n */
	char *scratch;           /* room to build a candidate name */
	char *fold;              /* the candidate lower-cased, to hash (scratch_cap bytes too) */
	size_t scratch_cap;
} out_json_keys;

/* Starts an empty set. Returns 0, or -1 with errno set; out_json_keys_free releases k either way. */
int out_json_keys_init(out_json_keys *k);

/* Adds the key of column k->n, whose name is p[0..len) (len 0 for none). Returns 0, or -1 with
 * errno set (an allocation); after a failure, only out_json_keys_free may be called. */
int out_json_keys_add(out_json_keys *k, const char *p, size_t len);

/* Releases what k holds; accepts a zeroed k. */
void out_json_keys_free(out_json_keys *k);

/* Writes key i (i < k->n) and its colon. */
static inline void out_json_keys_put(out_writer *w, const out_json_keys *k, size_t i)
{
	size_t start = i > 0 ? k->end[i - 1] : 0;
	out_writer_put(w, k->encoded.buf + start, k->end[i] - start);
}

/* Writes key i (i < k->n) as a JSON string, without its colon. */
static inline void out_json_keys_put_name(out_writer *w, const out_json_keys *k, size_t i)
{
	size_t start = i > 0 ? k->end[i - 1] : 0;
	out_writer_put(w, k->encoded.buf + start, k->end[i] - start - 1);
}

#endif /* SLUICE_TOOLS_JSON_KEYS_H */
