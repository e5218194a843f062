/* hll.c - HyperLogLog with an exact sparse phase and Ertl's improved estimator. */
#include "query/exec/hll.h"

#include <math.h>
#include <string.h>

/* bits of the hash left after the register index: a register holds 1..Q+1 */
#define Q (64 - SQ_HLL_P)

void sq_hll_init(sq_hll *h)
{
	memset(h, 0, sizeof *h);
}

bool sq_hll_is_exact(const sq_hll *h)
{
	return h->reg == NULL;
}

/* The register index is the top P bits; the rank is one more than the number of leading zeros
 * of the other Q bits (Q + 1 when they are all zero). */
static inline void dense_add(uint8_t *reg, uint64_t hash)
{
	const uint32_t idx = (uint32_t)(hash >> Q);
	const uint64_t w = hash << SQ_HLL_P;
	const uint8_t rank = w ? (uint8_t)(__builtin_clzll(w) + 1) : (uint8_t)(Q + 1);
	if (rank > reg[idx])
		reg[idx] = rank;
}

/* Inserts a nonzero hash into a set with room for it. Returns 1 when it was new. */
static int sparse_put(uint64_t *slots, uint32_t cap, uint64_t hash)
{
	uint32_t j = (uint32_t)hash & (cap - 1);
	while (slots[j]) {
		if (slots[j] == hash)
			return 0;
		j = (j + 1) & (cap - 1);
	}
	slots[j] = hash;
	return 1;
}

static bool sparse_has(const sq_hll *h, uint64_t hash)
{
	uint32_t j = (uint32_t)hash & (h->cap - 1);
	while (h->sparse[j]) {
		if (h->sparse[j] == hash)
			return true;
		j = (j + 1) & (h->cap - 1);
	}
	return false;
}

/* Turns the sparse set into registers. The registers take the set's memory when it is big enough
 * (it is, when the set filled up), else new memory. */
static int to_dense(sq_hll *h, sq_hll_alloc_fn alloc, void *ctx)
{
	uint64_t keep[SQ_HLL_SPARSE_MAX];
	uint32_t n = 0;
	for (uint32_t i = 0; h->sparse && i < h->cap; i++)
		if (h->sparse[i])
			keep[n++] = h->sparse[i];
	uint8_t *reg;
	if (h->sparse && (size_t)h->cap * sizeof *h->sparse >= SQ_HLL_M) {
		reg = (uint8_t *)h->sparse;
	} else {
		reg = alloc(ctx, SQ_HLL_M);
		if (!reg)
			return -1;
	}
	memset(reg, 0, SQ_HLL_M);
	for (uint32_t i = 0; i < n; i++)
		dense_add(reg, keep[i]);
	if (h->has_zero)
		dense_add(reg, 0);
	h->reg = reg;
	h->sparse = NULL;
	h->n = h->cap = 0;
	return 0;
}

int sq_hll_add(sq_hll *h, uint64_t hash, sq_hll_alloc_fn alloc, void *ctx)
{
	if (h->reg) {
		dense_add(h->reg, hash);
		return 0;
	}
	if (hash == 0) {
		h->has_zero = true;
		return 0;
	}
	if (h->sparse && sparse_has(h, hash))
		return 0;
	if (h->n + 1 > SQ_HLL_SPARSE_MAX) {
		if (to_dense(h, alloc, ctx))
			return -1;
		dense_add(h->reg, hash);
		return 0;
	}
	if (!h->sparse || (h->n + 1) * 2 > h->cap) {
		uint32_t cap = h->cap ? h->cap * 2 : 16;
		uint64_t *slots = alloc(ctx, cap * sizeof *slots);
		if (!slots)
			return -1;
		memset(slots, 0, cap * sizeof *slots);
		for (uint32_t i = 0; i < h->cap; i++)
			if (h->sparse[i])
				sparse_put(slots, cap, h->sparse[i]);
		h->sparse = slots;
		h->cap = cap;
	}
	h->n += (uint32_t)sparse_put(h->sparse, h->cap, hash);
	return 0;
}

int sq_hll_merge(sq_hll *dst, const sq_hll *src, sq_hll_alloc_fn alloc, void *ctx)
{
	if (src->reg) {
		if (!dst->reg && to_dense(dst, alloc, ctx))
			return -1;
		for (uint32_t i = 0; i < SQ_HLL_M; i++)
			if (src->reg[i] > dst->reg[i])
				dst->reg[i] = src->reg[i];
		return 0;
	}
	if (src->has_zero && sq_hll_add(dst, 0, alloc, ctx))
		return -1;
	for (uint32_t i = 0; src->sparse && i < src->cap; i++)
		if (src->sparse[i] && sq_hll_add(dst, src->sparse[i], alloc, ctx))
			return -1;
	return 0;
}

/* sigma(x) = x + sum_{k>=1} x^(2^k) 2^(k-1): the correction for registers still at zero. */
static double sigma(double x)
{
	if (x == 1.0)
		return INFINITY;
	double y = 1.0, z = x, prev;
	do {
		x *= x;
		prev = z;
		z += x * y;
		y += y;
	} while (z != prev);
	return z;
}

/* tau(x) = (1 - x - sum_{k>=1} (1 - x^(2^-k))^2 2^-k) / 3: the correction for saturated registers. */
static double tau(double x)
{
	if (x == 0.0 || x == 1.0)
		return 0.0;
	double y = 1.0, z = 1.0 - x, prev;
	do {
		x = sqrt(x);
		prev = z;
		y *= 0.5;
		z -= (1.0 - x) * (1.0 - x) * y;
	} while (z != prev);
	return z / 3.0;
}

uint64_t sq_hll_estimate(const sq_hll *h)
{
	if (!h->reg)
		return (uint64_t)h->n + h->has_zero;
	uint32_t c[Q + 2] = {0};
	for (uint32_t i = 0; i < SQ_HLL_M; i++)
		c[h->reg[i]]++;
	const double m = SQ_HLL_M;
	double z = m * tau(1.0 - c[Q + 1] / m);
	for (int k = Q; k >= 1; k--)
		z = 0.5 * (z + c[k]);
	z += m * sigma(c[0] / m);
	const double alpha = 0.5 / log(2.0);
	return (uint64_t)llround(alpha * m * m / z);
}
