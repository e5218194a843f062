/* agg.h - aggregate states (count, sum, min, ..., sketches), their merging, and the group-by hash table. */
#ifndef SLUICE_QUERY_EXEC_AGG_H
#define SLUICE_QUERY_EXEC_AGG_H

#include <math.h>

#include "query/plan/engine.h"

/* The running state of one aggregate in one group. */
struct sq_agg_state {
	uint64_t n;            /* non-NULL values seen */
	__extension__ __int128 isum;
	double sum, comp;      /* Neumaier-compensated sum */
	double mean, m2;       /* Welford */
	sq_value best;         /* min/max; strings copied into the group arena */
	bool has_best;
	struct sq_set *set;    /* distinct values */
	struct sq_hll *hll;    /* approx_count_distinct; in the arena */
	struct sq_topk *topk;  /* approx_top_count; malloc'd, its counters in the arena */
};

/* Neumaier's compensated sum: adds x to *sum, and what the addition rounded off to *comp. */
static inline void sq_neumaier_add(double *sum, double *comp, double x)
{
	const double t = *sum + x;
	if (fabs(*sum) >= fabs(x))
		*comp += (*sum - t) + x;
	else
		*comp += (x - t) + *sum;
	*sum = t;
}

void sq_agg_init(sq_agg_state *s, size_t n);
int sq_agg_update(sluice_query *q, sq_agg_state *states, size_t agg, const sq_value *v, sq_arena *arena);
void sq_agg_final(const sq_agg *a, const sq_agg_state *s, sq_value *out);
void sq_agg_free(sq_agg_state *s, size_t n);
/* Folds src into dst (states of the same aggregate from two parts of the input). */
int sq_agg_merge(const sq_agg *a, sq_agg_state *dst, const sq_agg_state *src, sq_arena *arena);
sq_groups *sq_groups_new(size_t nkeys, size_t naggs);
/* Finds or adds the group of keys; returns its aggregate states, or NULL when out of memory. */
sq_agg_state *sq_groups_find(sq_groups *g, const sq_value *keys, sq_arena *arena);
/* The same by group number: a group's states are at sq_groups_states(g) + id * naggs, an address
 * good until the next group is added. -1 when out of memory. */
long sq_groups_find_id(sq_groups *g, const sq_value *keys, sq_arena *arena);
sq_agg_state *sq_groups_states(const sq_groups *g);
size_t sq_groups_count(const sq_groups *g);
void sq_groups_get(const sq_groups *g, size_t i, const sq_value **keys, sq_agg_state **states);
size_t sq_groups_bytes(const sq_groups *g);
void sq_groups_free(sq_groups *g);

#endif
