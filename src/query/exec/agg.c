/* agg.c - aggregate states (online: Welford, compensated sums), distinct sets and the group table. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "query/exec/agg.h"
#include "query/exec/hll.h"
#include "query/exec/topk.h"
#include "query/values/compare.h"
#include "query/values/hash.h"

/* Copies a string value's bytes into the arena so it outlives the batch. */
static int own_value(sq_value *v, sq_arena *arena)
{
	if (v->null || v->type != SQ_T_VARCHAR || v->u.s.len == 0)
		return 0;
	char *p = sq_arena_alloc(arena, v->u.s.len);
	if (!p)
		return -1;
	memcpy(p, v->u.s.ptr, v->u.s.len);
	v->u.s.ptr = p;
	return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Open-addressing hash set of values.                                                         */

struct sq_set {
	sq_value *vals;
	uint64_t *hashes;
	size_t cap, n;
};

static sq_set *set_new(void)
{
	sq_set *s = calloc(1, sizeof *s);
	if (!s)
		return NULL;
	s->cap = 16;
	s->vals = calloc(s->cap, sizeof *s->vals);
	s->hashes = calloc(s->cap, sizeof *s->hashes);
	if (!s->vals || !s->hashes) {
		free(s->vals);
		free(s->hashes);
		free(s);
		return NULL;
	}
	return s;
}

static void set_free(sq_set *s)
{
	if (!s)
		return;
	free(s->vals);
	free(s->hashes);
	free(s);
}

/* hashes[i] == 0 marks an empty slot; real hashes have bit 0 forced on. */
static int set_add(sq_set *s, const sq_value *v, sq_arena *arena)
{
	if ((s->n + 1) * 2 > s->cap) {
		size_t cap = s->cap * 2;
		sq_value *nv = calloc(cap, sizeof *nv);
		uint64_t *nh = calloc(cap, sizeof *nh);
		if (!nv || !nh) {
			free(nv);
			free(nh);
			return -1;
		}
		for (size_t i = 0; i < s->cap; i++) {
			if (!s->hashes[i])
				continue;
			size_t j = s->hashes[i] & (cap - 1);
			while (nh[j])
				j = (j + 1) & (cap - 1);
			nh[j] = s->hashes[i];
			nv[j] = s->vals[i];
		}
		free(s->vals);
		free(s->hashes);
		s->vals = nv;
		s->hashes = nh;
		s->cap = cap;
	}
	uint64_t h = sq_hash_value(v, 0) | 1;
	size_t j = h & (s->cap - 1);
	while (s->hashes[j]) {
		if (s->hashes[j] == h && sq_values_equal(&s->vals[j], v))
			return 0;
		j = (j + 1) & (s->cap - 1);
	}
	s->hashes[j] = h;
	s->vals[j] = *v;
	if (own_value(&s->vals[j], arena))
		return -1;
	s->n++;
	return 0;
}

/* ------------------------------------------------------------------------------------------ */

void sq_agg_init(sq_agg_state *s, size_t n)
{
	memset(s, 0, n * sizeof *s);
}

void sq_agg_free(sq_agg_state *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		set_free(s[i].set);
		sq_topk_free(s[i].topk);
		free(s[i].topk);
	}
}

/* ------------------------------------------------------------------------------------------ */
/* Sketches: their memory comes from the group arena, so the memory limit sees it (all but the  */
/* small head of a top-k sketch, which owns its result text).                                    */

static void *arena_alloc(void *ctx, size_t n)
{
	return sq_arena_alloc(ctx, n);
}

/* Space-Saving counters for approx_top_count(x, k): many more than k, so that the values reported
 * are usually exact and, past that many distinct values, the frequent ones still stand out. */
static uint32_t topk_counters(int64_t k)
{
	return k * 4 < 256 ? 256u : (uint32_t)(k * 4);
}

static int sketch_update(const sq_agg *a, sq_agg_state *s, const sq_value *v, sq_arena *arena)
{
	const uint64_t h = sq_hash_value(v, 0);
	s->n++;
	if (a->kind == SQ_AGG_APPROX_DISTINCT) {
		if (!s->hll) {
			if (!(s->hll = sq_arena_alloc(arena, sizeof *s->hll)))
				return SLUICE_ERR_NOMEM;
			sq_hll_init(s->hll);
		}
		return sq_hll_add(s->hll, h, arena_alloc, arena) ? SLUICE_ERR_NOMEM : 0;
	}
	if (!s->topk) {
		/* the counters are in the arena; the small head is not, as it owns the result text,
		 * which is freed with the state (after the arena) */
		if (!(s->topk = malloc(sizeof *s->topk)))
			return SLUICE_ERR_NOMEM;
		sq_topk_init(s->topk, topk_counters(a->param));
	}
	return sq_topk_add(s->topk, v, h, arena_alloc, arena) ? SLUICE_ERR_NOMEM : 0;
}

static int sketch_merge(const sq_agg *a, sq_agg_state *dst, const sq_agg_state *src, sq_arena *arena)
{
	dst->n += src->n;
	if (a->kind == SQ_AGG_APPROX_DISTINCT) {
		if (!src->hll)
			return 0;
		if (!dst->hll) {
			if (!(dst->hll = sq_arena_alloc(arena, sizeof *dst->hll)))
				return SLUICE_ERR_NOMEM;
			sq_hll_init(dst->hll);
		}
		return sq_hll_merge(dst->hll, src->hll, arena_alloc, arena) ? SLUICE_ERR_NOMEM : 0;
	}
	if (!src->topk)
		return 0;
	if (!dst->topk) {
		if (!(dst->topk = malloc(sizeof *dst->topk)))
			return SLUICE_ERR_NOMEM;
		sq_topk_init(dst->topk, topk_counters(a->param));
	}
	return sq_topk_merge(dst->topk, src->topk, arena_alloc, arena) ? SLUICE_ERR_NOMEM : 0;
}

static void sketch_final(const sq_agg *a, const sq_agg_state *s, sq_value *out)
{
	if (a->kind == SQ_AGG_APPROX_DISTINCT) {
		out->u.i = s->hll ? (int64_t)sq_hll_estimate(s->hll) : 0;
		return;
	}
	const char *text;
	size_t len;
	if (!s->topk || sq_topk_format(s->topk, (size_t)a->param, &text, &len) != 0) {
		out->null = true; /* no values (or no memory for the text) */
		return;
	}
	out->u.s.ptr = text;
	out->u.s.len = len;
}

int sq_agg_update(sluice_query *q, sq_agg_state *states, size_t ai, const sq_value *v, sq_arena *arena)
{
	const sq_agg *a = &q->aggs[ai];
	sq_agg_state *s = &states[ai];
	if (a->kind == SQ_AGG_COUNT_STAR) {
		s->n++;
		return 0;
	}
	if (v->null)
		return 0;
	if (a->kind >= SQ_AGG_APPROX_DISTINCT)
		return sketch_update(a, s, v, arena);
	if (a->distinct) {
		if (!s->set && !(s->set = set_new()))
			return SLUICE_ERR_NOMEM;
		return set_add(s->set, v, arena) ? SLUICE_ERR_NOMEM : 0;
	}
	s->n++;
	switch (a->kind) {
	case SQ_AGG_SUM:
	case SQ_AGG_AVG:
		if (v->type == SQ_T_BIGINT) {
			s->isum += v->u.i;
		} else {
			sq_neumaier_add(&s->sum, &s->comp, v->u.d);
		}
		return 0;
	case SQ_AGG_MIN:
	case SQ_AGG_MAX:
		if (!s->has_best || (a->kind == SQ_AGG_MIN ? sq_compare_values(v, &s->best) < 0
		                                           : sq_compare_values(v, &s->best) > 0)) {
			s->best = *v;
			s->has_best = true;
			if (own_value(&s->best, arena))
				return SLUICE_ERR_NOMEM;
		}
		return 0;
	default: { /* variance family: Welford */
		double x = v->type == SQ_T_DOUBLE ? v->u.d : (double)v->u.i;
		double d = x - s->mean;
		s->mean += d / (double)s->n;
		s->m2 += d * (x - s->mean);
		return 0;
	}
	}
}

int sq_agg_merge(const sq_agg *a, sq_agg_state *dst, const sq_agg_state *src, sq_arena *arena)
{
	if (a->kind >= SQ_AGG_APPROX_DISTINCT)
		return sketch_merge(a, dst, src, arena);
	if (a->distinct && a->kind != SQ_AGG_COUNT_STAR) {
		if (!src->set)
			return 0;
		if (!dst->set && !(dst->set = set_new()))
			return SLUICE_ERR_NOMEM;
		for (size_t i = 0; i < src->set->cap; i++)
			if (src->set->hashes[i] && set_add(dst->set, &src->set->vals[i], arena))
				return SLUICE_ERR_NOMEM;
		return 0;
	}
	switch (a->kind) {
	case SQ_AGG_COUNT_STAR:
	case SQ_AGG_COUNT:
		dst->n += src->n;
		return 0;
	case SQ_AGG_SUM:
	case SQ_AGG_AVG: {
		dst->n += src->n;
		dst->isum += src->isum;
		sq_neumaier_add(&dst->sum, &dst->comp, src->sum);
		dst->comp += src->comp;
		return 0;
	}
	case SQ_AGG_MIN:
	case SQ_AGG_MAX:
		dst->n += src->n;
		if (src->has_best && (!dst->has_best || (a->kind == SQ_AGG_MIN ? sq_compare_values(&src->best, &dst->best) < 0
		                                                               : sq_compare_values(&src->best, &dst->best) > 0))) {
			dst->best = src->best;
			dst->has_best = true;
			if (own_value(&dst->best, arena))
				return SLUICE_ERR_NOMEM;
		}
		return 0;
	default: { /* Chan et al.: combine two Welford states */
		if (!src->n)
			return 0;
		if (!dst->n) {
			dst->n = src->n;
			dst->mean = src->mean;
			dst->m2 = src->m2;
			return 0;
		}
		const double na = (double)dst->n, nb = (double)src->n, n = na + nb;
		const double delta = src->mean - dst->mean;
		dst->mean += delta * nb / n;
		dst->m2 += src->m2 + delta * delta * na * nb / n;
		dst->n += src->n;
		return 0;
	}
	}
}

/* The distinct values as if they had been fed to a plain aggregate. */
static void distinct_fold(const sq_agg *a, const sq_agg_state *s, sq_agg_state *t)
{
	memset(t, 0, sizeof *t);
	if (!s->set)
		return;
	for (size_t i = 0; i < s->set->cap; i++) {
		if (!s->set->hashes[i])
			continue;
		const sq_value *v = &s->set->vals[i];
		t->n++;
		if (a->kind == SQ_AGG_SUM || a->kind == SQ_AGG_AVG) {
			if (v->type == SQ_T_BIGINT)
				t->isum += v->u.i;
			else
				t->sum += v->u.d;
		} else if (a->kind == SQ_AGG_MIN || a->kind == SQ_AGG_MAX) {
			if (!t->has_best || (a->kind == SQ_AGG_MIN ? sq_compare_values(v, &t->best) < 0
			                                           : sq_compare_values(v, &t->best) > 0)) {
				t->best = *v;
				t->has_best = true;
			}
		} else {
			double x = v->type == SQ_T_DOUBLE ? v->u.d : (double)v->u.i;
			double d = x - t->mean;
			t->mean += d / (double)t->n;
			t->m2 += d * (x - t->mean);
		}
	}
}

void sq_agg_final(const sq_agg *a, const sq_agg_state *s0, sq_value *out)
{
	sq_agg_state tmp;
	const sq_agg_state *s = s0;
	if (a->distinct && a->kind != SQ_AGG_COUNT_STAR) {
		distinct_fold(a, s0, &tmp);
		s = &tmp;
	}
	memset(out, 0, sizeof *out);
	out->type = (uint8_t)a->result_type;
	if (a->kind >= SQ_AGG_APPROX_DISTINCT) {
		sketch_final(a, s, out);
		return;
	}
	switch (a->kind) {
	case SQ_AGG_COUNT_STAR:
	case SQ_AGG_COUNT:
		out->u.i = (int64_t)s->n;
		return;
	case SQ_AGG_SUM:
		if (s->n == 0) {
			out->null = true;
		} else if (a->result_type == SQ_T_BIGINT) {
			out->u.i = (int64_t)s->isum;
		} else if (a->arg_type == SQ_T_BIGINT) {
			out->u.d = (double)s->isum;
		} else {
			out->u.d = s->sum + s->comp;
		}
		return;
	case SQ_AGG_AVG:
		if (s->n == 0)
			out->null = true;
		else if (a->arg_type == SQ_T_BIGINT)
			out->u.d = (double)s->isum / (double)s->n;
		else
			out->u.d = (s->sum + s->comp) / (double)s->n;
		return;
	case SQ_AGG_MIN:
	case SQ_AGG_MAX:
		if (!s->has_best)
			out->null = true;
		else
			*out = s->best;
		return;
	case SQ_AGG_VAR_POP:
	case SQ_AGG_STDDEV_POP:
		if (s->n == 0) {
			out->null = true;
			return;
		}
		out->u.d = s->m2 / (double)s->n;
		if (a->kind == SQ_AGG_STDDEV_POP)
			out->u.d = sqrt(out->u.d);
		return;
	default:
		if (s->n < 2) {
			out->null = true;
			return;
		}
		out->u.d = s->m2 / (double)(s->n - 1);
		if (a->kind == SQ_AGG_STDDEV_SAMP)
			out->u.d = sqrt(out->u.d);
		return;
	}
}

/* ------------------------------------------------------------------------------------------ */
/* The group table: open addressing over group numbers; keys and states in flat arrays.        */

struct sq_groups {
	size_t nkeys, naggs;
	size_t n, cap;             /* groups */
	sq_value *keys;            /* n * nkeys */
	sq_agg_state *states;      /* n * naggs */
	uint64_t *hash;            /* per group */
	uint32_t *slots;           /* group + 1, 0 empty */
	size_t nslots;
};

sq_groups *sq_groups_new(size_t nkeys, size_t naggs)
{
	sq_groups *g = calloc(1, sizeof *g);
	if (!g)
		return NULL;
	g->nkeys = nkeys;
	g->naggs = naggs;
	g->nslots = 64;
	g->slots = calloc(g->nslots, sizeof *g->slots);
	if (!g->slots) {
		free(g);
		return NULL;
	}
	return g;
}

size_t sq_groups_bytes(const sq_groups *g)
{
	return g->cap * (g->nkeys * sizeof(sq_value) + g->naggs * sizeof(sq_agg_state) + 8) + g->nslots * 4;
}

static bool keys_equal(const sq_value *a, const sq_value *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (a[i].null != b[i].null)
			return false;
		if (!a[i].null && (a[i].type != b[i].type || sq_compare_values(&a[i], &b[i]) != 0))
			return false;
	}
	return true;
}

static int rehash(sq_groups *g)
{
	size_t ns = g->nslots * 2;
	uint32_t *s = calloc(ns, sizeof *s);
	if (!s)
		return -1;
	for (size_t i = 0; i < g->n; i++) {
		size_t j = g->hash[i] & (ns - 1);
		while (s[j])
			j = (j + 1) & (ns - 1);
		s[j] = (uint32_t)i + 1;
	}
	free(g->slots);
	g->slots = s;
	g->nslots = ns;
	return 0;
}

sq_agg_state *sq_groups_find(sq_groups *g, const sq_value *keys, sq_arena *arena)
{
	const long id = sq_groups_find_id(g, keys, arena);
	return id < 0 ? NULL : g->states + (size_t)id * g->naggs;
}

sq_agg_state *sq_groups_states(const sq_groups *g)
{
	return g->states;
}

long sq_groups_find_id(sq_groups *g, const sq_value *keys, sq_arena *arena)
{
	uint64_t h = 0x51ed27;
	for (size_t i = 0; i < g->nkeys; i++)
		h = sq_hash_value(&keys[i], h);
	size_t j = h & (g->nslots - 1);
	for (;;) {
		uint32_t v = g->slots[j];
		if (!v)
			break;
		if (g->hash[v - 1] == h && keys_equal(g->keys + (v - 1) * g->nkeys, keys, g->nkeys))
			return (long)(v - 1);
		j = (j + 1) & (g->nslots - 1);
	}
	if (g->n == g->cap) {
		size_t cap = g->cap ? g->cap * 2 : 64;
		sq_value *k = realloc(g->keys, cap * (g->nkeys ? g->nkeys : 1) * sizeof *k);
		if (!k)
			return -1;
		g->keys = k;
		sq_agg_state *s = realloc(g->states, cap * (g->naggs ? g->naggs : 1) * sizeof *s);
		if (!s)
			return -1;
		g->states = s;
		uint64_t *hh = realloc(g->hash, cap * sizeof *hh);
		if (!hh)
			return -1;
		g->hash = hh;
		g->cap = cap;
	}
	size_t id = g->n++;
	sq_value *dst = g->keys + id * g->nkeys;
	for (size_t i = 0; i < g->nkeys; i++) {
		dst[i] = keys[i];
		if (own_value(&dst[i], arena))
			return -1;
	}
	g->hash[id] = h;
	sq_agg_init(g->states + id * g->naggs, g->naggs);
	g->slots[j] = (uint32_t)id + 1;
	if (g->n * 2 > g->nslots && rehash(g))
		return -1;
	return (long)id;
}

size_t sq_groups_count(const sq_groups *g)
{
	return g->n;
}

void sq_groups_get(const sq_groups *g, size_t i, const sq_value **keys, sq_agg_state **states)
{
	*keys = g->keys + i * g->nkeys;
	*states = g->states + i * g->naggs;
}

void sq_groups_free(sq_groups *g)
{
	if (!g)
		return;
	for (size_t i = 0; i < g->n; i++)
		sq_agg_free(g->states + i * g->naggs, g->naggs);
	free(g->keys);
	free(g->states);
	free(g->hash);
	free(g->slots);
	free(g);
}
