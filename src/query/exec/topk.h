/* topk.h - the most frequent values of a stream in bounded memory (Space-Saving), mergeable. */
#ifndef SLUICE_QUERY_EXEC_TOPK_H
#define SLUICE_QUERY_EXEC_TOPK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "query/values/types.h"

/*
 * Space-Saving (Metwally, Agrawal and El Abbadi, 2005) with k counters. Each monitored value has a
 * count that is never below its true number of occurrences and an error: count - error is never
 * above it. A value seen while no counter had been taken over is counted exactly (error 0). `floor`
 * bounds the occurrences of every value that is not monitored; it stays 0, and every count exact,
 * as long as the input has at most k distinct values. Any value that occurs more than n / k times
 * in n values is monitored.
 *
 * Two sketches merge as in "Mergeable summaries" (Agarwal et al., 2012): a value missing on one
 * side is charged that side's floor, in its count and in its error, and the k largest counts are
 * kept. The bounds stay guaranteed.
 *
 * Memory comes from an allocator the caller passes (an arena: the sketch never frees). Counters are
 * added as values come, up to k, about 100 bytes each with the index; a monitored string value is
 * copied into a buffer of its counter (a power of two, at least 32 bytes), reused when the counter
 * takes over another value that fits and replaced by a twice larger one when it does not, so the
 * strings take at most about 4 x k x the longest value. Not thread-safe.
 */

typedef void *(*sq_topk_alloc_fn)(void *ctx, size_t n);

typedef struct sq_topk_entry {
	uint64_t hash;
	uint64_t err;          /* count - err is a lower bound; 0: the count is exact */
	sq_value v;            /* a string's bytes are in buf */
	char *buf;
	size_t buf_cap;
	uint32_t bucket;       /* the bucket of its count */
	uint32_t prev, next;   /* the other counters of that bucket */
} sq_topk_entry;

/* The counters with one count, in a list of buckets by increasing count ("stream summary"): the
 * smallest count is at the head, and a count goes up by one in constant time. */
typedef struct sq_topk_bucket {
	uint64_t count;        /* upper bound on the occurrences of each value in it */
	uint32_t first;        /* a counter of the bucket */
	uint32_t prev, next;   /* the buckets of the next smaller and larger counts */
} sq_topk_bucket;

typedef struct sq_topk_slot {
	uint32_t tag;          /* the low 32 bits of the value's hash */
	uint32_t id;           /* counter number + 1, 0 = empty */
} sq_topk_slot;

typedef struct sq_topk {
	uint32_t k;            /* counters at most */
	uint32_t n;            /* counters in use */
	uint32_t cap;          /* counters allocated */
	uint64_t floor;        /* bound on the occurrences of a value that is not monitored */
	sq_topk_entry *e;      /* the counters */
	sq_topk_bucket *b;     /* cap buckets */
	uint32_t head;         /* the bucket of the smallest count */
	uint32_t free_bucket;  /* a list of unused buckets, through next */
	sq_topk_slot *index;   /* open addressing over hashes */
	uint32_t nindex;       /* slots of index (a power of two) */
	char *text;            /* the last result text (sq_topk_format), malloc'd */
	size_t text_cap;
} sq_topk;

/* The count of counter id (an upper bound on its value's occurrences). */
static inline uint64_t sq_topk_count(const sq_topk *t, uint32_t id)
{
	return t->b[t->e[id].bucket].count;
}

/* An empty sketch with k counters (k >= 1). Takes no memory yet. */
void sq_topk_init(sq_topk *t, uint32_t k);

/* Counts value v (not NULL) whose hash is hash (equal values must hash equal). Returns 0, or -1
 * when alloc failed. */
int sq_topk_add(sq_topk *t, const sq_value *v, uint64_t hash, sq_topk_alloc_fn alloc, void *ctx);

/* Folds src into dst (src unchanged, no memory shared). Both must have the same k. Returns 0, or -1
 * when alloc failed. */
int sq_topk_merge(sq_topk *dst, const sq_topk *src, sq_topk_alloc_fn alloc, void *ctx);

/* One reported value: a pointer to its counter. */
typedef struct sq_topk_item {
	const sq_value *v;
	uint64_t count;
	bool exact;
} sq_topk_item;

/* The at most `want` values whose guaranteed count (count - error) is above the floor, that is
 * the values known to be more frequent than any value not monitored, by count (largest first),
 * then by value. Fills out (want entries) and returns how many. Valid until the next change. */
size_t sq_topk_result(const sq_topk *t, sq_topk_item *out, size_t want);

/* The result as text: "'card' 512, 'cash' <=301, 7 12": each value (strings SQL-quoted, other
 * types as they print), a space, its count, prefixed with "<=" when the count is an upper bound;
 * "" when no value is known to stand out. The text is kept in t (freed by sq_topk_free) and valid
 * until the next call. Returns 0, or -1 when memory runs out. */
int sq_topk_format(sq_topk *t, size_t want, const char **text, size_t *len);

/* Releases what sq_topk_format allocated (the counters belong to the allocator). NULL is accepted. */
void sq_topk_free(sq_topk *t);

#endif
