/* hll.h - HyperLogLog distinct-count sketch (precision 14) with an exact sparse phase, mergeable. */
#ifndef SLUICE_QUERY_EXEC_HLL_H
#define SLUICE_QUERY_EXEC_HLL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * The sketch takes 64-bit hashes of the values (XXH3 in the query engine). While it has seen at
 * most SQ_HLL_SPARSE_MAX distinct hashes it keeps them in a small hash set, so small counts are
 * exact (up to 64-bit hash collisions). Past that it turns into 2^14 one-byte registers, the same
 * memory the largest set used, and the count is an estimate with a standard error of about
 * 1.04 / sqrt(2^14) = 0.81%. The estimate uses Ertl's improved raw estimator ("New cardinality
 * estimation algorithms for HyperLogLog sketches", 2017), which corrects the small-range bias
 * (where the classic estimator switches to linear counting) and the large-range one without
 * empirical tables.
 *
 * Memory comes from an allocator the caller passes to every call that may grow the sketch; the
 * sketch never frees it (an arena releases it all at once). At most 32 KiB are taken in all:
 * the sparse set doubles from 128 bytes to 16 KiB, and the registers reuse the last set's memory.
 * A sketch is not thread-safe; sketches of parts of the input are merged into one.
 */

#define SQ_HLL_P 14
#define SQ_HLL_M (1u << SQ_HLL_P)
/* distinct hashes kept exactly before the registers take over */
#define SQ_HLL_SPARSE_MAX 1024u

/* Returns n bytes aligned to 8, or NULL when memory runs out. */
typedef void *(*sq_hll_alloc_fn)(void *ctx, size_t n);

typedef struct sq_hll {
	uint64_t *sparse;      /* open addressing over hashes, 0 = empty; NULL before the first value */
	uint8_t *reg;          /* SQ_HLL_M registers once dense, else NULL */
	uint32_t n;            /* hashes in the sparse set */
	uint32_t cap;          /* slots of the sparse set (a power of two) */
	bool has_zero;         /* the hash 0 was added (0 marks an empty slot) */
} sq_hll;

/* An empty sketch. Takes no memory. */
void sq_hll_init(sq_hll *h);

/* Adds a hash. Returns 0, or -1 when alloc failed (the sketch is then unchanged). */
int sq_hll_add(sq_hll *h, uint64_t hash, sq_hll_alloc_fn alloc, void *ctx);

/* Folds src into dst: afterwards dst is the sketch of the union of both inputs, the same as if one
 * sketch had seen every hash (in any order). src is not changed and shares no memory with dst.
 * Returns 0, or -1 when alloc failed. */
int sq_hll_merge(sq_hll *dst, const sq_hll *src, sq_hll_alloc_fn alloc, void *ctx);

/* The number of distinct hashes added: exact in the sparse phase, an estimate after it. */
uint64_t sq_hll_estimate(const sq_hll *h);

/* True while the count is exact (the sparse phase). */
bool sq_hll_is_exact(const sq_hll *h);

#endif
