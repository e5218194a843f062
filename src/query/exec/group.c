/* group.c - the aggregate operator: group numbers per row and the typed, dense loops that feed the states. */
#include <stdlib.h>
#include <string.h>

#include "query/exec/group.h"
#include "query/exec/agg.h"
#include "query/exec/eval.h"
#include "query/exec/state.h"
#include "query/values/compare.h"

/* The input slot of an aggregate the typed loop can feed: count, sum, avg, min or max (not
 * DISTINCT) of a numeric input column, read as it is. -1 otherwise. */
static long typed_agg_slot(const sluice_query *q, const sq_agg *a)
{
	if (a->distinct || !a->arg || a->arg->ref || a->arg->kind != SQ_E_COLUMN)
		return -1;
	if (a->kind != SQ_AGG_COUNT && a->kind != SQ_AGG_SUM && a->kind != SQ_AGG_AVG && a->kind != SQ_AGG_MIN &&
	    a->kind != SQ_AGG_MAX)
		return -1;
	const int t = q->in_types[a->arg->column];
	if (t != SQ_T_DOUBLE && t != SQ_T_BIGINT)
		return -1;
	return q->in_slot[a->arg->column];
}

/* One value into one state: sq_agg_update's arithmetic for count, sum, avg, min and max of a
 * non-NULL number. */
static inline void typed_update(sq_agg_state *st, int kind, const sq_value *v)
{
	st->n++;
	if (kind == SQ_AGG_SUM || kind == SQ_AGG_AVG) {
		if (v->type == SQ_T_BIGINT) {
			st->isum += v->u.i;
		} else {
			sq_neumaier_add(&st->sum, &st->comp, v->u.d);
		}
	} else if (kind != SQ_AGG_COUNT) {
		bool better = !st->has_best;
		if (!better) {
			int c;
			if (v->type == SQ_T_BIGINT)
				c = v->u.i < st->best.u.i ? -1 : v->u.i > st->best.u.i;
			else if (v->u.d < st->best.u.d)
				c = -1;
			else if (v->u.d > st->best.u.d)
				c = 1;
			else
				c = sq_compare_values(v, &st->best); /* equal, or a NaN */
			better = kind == SQ_AGG_MIN ? c < 0 : c > 0;
		}
		if (better) {
			st->best = *v;
			st->has_best = true;
		}
	}
}

/*
 * The rows of a batch by group, each group's rows in their order, when the batch's group numbers
 * are all below RUNS_GROUPS: the loops over a group's rows then keep its running values in
 * registers, where row by row each update waited for the last one's store to the same group.
 * Within a group the order is the rows', so sums come out bit for bit the same.
 *
 *   gid    1 0 1 1 0          group 0: rows 1, 4      group 1: rows 0, 2, 3
 */
#define RUNS_GROUPS 64
typedef struct group_runs {
	size_t n;                        /* groups present */
	uint32_t group[RUNS_GROUPS];     /* their numbers, ascending */
	uint16_t start[RUNS_GROUPS + 1]; /* group[i]'s rows are rows[start[i] .. start[i + 1]) */
	uint16_t rows[SQ_BATCH];         /* positions in the selection (k of gid[k]) */
} group_runs;

static bool make_runs(const uint32_t *gid, size_t n, group_runs *gr)
{
	uint32_t any = 0;
	for (size_t k = 0; k < n; k++)
		any |= gid[k];
	if (any >= RUNS_GROUPS) /* an OR of numbers below a power of two stays below it */
		return false;
	/* each row's rank in its group, in the one loop whose counts wait for each other */
	uint16_t cnt[RUNS_GROUPS] = {0}, at[RUNS_GROUPS], rank[SQ_BATCH];
	if (any < 8) {
		/* up to 8 groups: the counts are 16-bit fields of two registers, so that a row's count
		 * does not wait for the store of the row before it (a counter in memory does) */
		uint64_t lo = 0, hi = 0;
		for (size_t k = 0; k < n; k++) {
			const uint32_t g = gid[k];
			const unsigned shift = (g & 3) * 16;
			rank[k] = (uint16_t)((g & 4 ? hi : lo) >> shift);
			const uint64_t one = (uint64_t)1 << shift;
			lo += g & 4 ? 0 : one;
			hi += g & 4 ? one : 0;
		}
		for (uint32_t g = 0; g < 8; g++)
			cnt[g] = (uint16_t)((g & 4 ? hi : lo) >> (g & 3) * 16);
	} else {
		for (size_t k = 0; k < n; k++)
			rank[k] = cnt[gid[k]]++;
	}
	size_t m = 0, pos = 0;
	for (uint32_t g = 0; g < RUNS_GROUPS; g++) {
		if (!cnt[g])
			continue;
		gr->group[m] = g;
		gr->start[m++] = (uint16_t)pos;
		at[g] = (uint16_t)pos;
		pos += cnt[g];
	}
	gr->start[m] = (uint16_t)pos;
	gr->n = m;
	for (size_t k = 0; k < n; k++)
		gr->rows[at[gid[k]] + rank[k]] = (uint16_t)k;
	return true;
}

/* dense_agg's loops over n >= 1 rows into st: rows[0..n), or 0..n when rows is NULL (inlined, so
 * that each case gets a loop of its own). */
static inline __attribute__((always_inline)) void dense_agg_rows(sq_agg_state *st, int kind, const double *dv,
                                                                 const uint16_t *rows, size_t n)
{
#define ROW(k) (rows ? rows[k] : (k))
	if (kind == SQ_AGG_SUM || kind == SQ_AGG_AVG) {
		double sum = st->sum, comp = st->comp;
		for (size_t k = 0; k < n; k++)
			sq_neumaier_add(&sum, &comp, dv[ROW(k)]);
		st->sum = sum;
		st->comp = comp;
		st->n += n;
	} else if (kind == SQ_AGG_COUNT) {
		st->n += n;
	} else {
		double m = dv[ROW(0)];
		if (kind == SQ_AGG_MIN) {
			for (size_t k = 1; k < n; k++)
				m = dv[ROW(k)] < m ? dv[ROW(k)] : m;
		} else {
			for (size_t k = 1; k < n; k++)
				m = dv[ROW(k)] > m ? dv[ROW(k)] : m;
		}
		const sq_value v = {.type = SQ_T_DOUBLE, .u.d = m};
		typed_update(st, kind, &v);
		st->n += n - 1;
	}
#undef ROW
}

/*
 * typed_agg for a whole batch of non-NULL doubles (sq_dense_doubles): sums into registers, min and
 * max found first and then offered to the state once, as typed_update would have kept them (the
 * first of equal values stays). With GROUP BY, group by group when the runs are made (gr).
 */
static void dense_agg(sq_agg_state *base, size_t ai, size_t stride, int kind, const double *dv, size_t n,
                      const uint32_t *gid, const group_runs *gr)
{
	if (gr) {
		for (size_t i = 0; i < gr->n; i++)
			dense_agg_rows(base + (size_t)gr->group[i] * stride + ai, kind, dv, gr->rows + gr->start[i],
			               (size_t)(gr->start[i + 1] - gr->start[i]));
		return;
	}
	if (gid) {
		for (size_t k = 0; k < n; k++) {
			const sq_value v = {.type = SQ_T_DOUBLE, .u.d = dv[k]};
			typed_update(base + (size_t)gid[k] * stride + ai, kind, &v);
		}
		return;
	}
	dense_agg_rows(base + ai, kind, dv, NULL, n);
}

/* Two sums (or averages) over the same group runs in one loop: each sum's chain of additions
 * waits on the one before it, and two chains side by side overlap. Each state sees its rows in
 * the same order as dense_agg would give them, so the sums come out bit for bit the same. */
static void dense_sum_pair(sq_agg_state *base, size_t stride, size_t a1, const double *d1, size_t a2,
                           const double *d2, const group_runs *gr)
{
	for (size_t i = 0; i < gr->n; i++) {
		sq_agg_state *s1 = base + (size_t)gr->group[i] * stride + a1, *s2 = base + (size_t)gr->group[i] * stride + a2;
		const uint16_t *rows = gr->rows + gr->start[i];
		const size_t m = (size_t)(gr->start[i + 1] - gr->start[i]);
		double sum1 = s1->sum, comp1 = s1->comp, sum2 = s2->sum, comp2 = s2->comp;
		for (size_t k = 0; k < m; k++) {
			sq_neumaier_add(&sum1, &comp1, d1[rows[k]]);
			sq_neumaier_add(&sum2, &comp2, d2[rows[k]]);
		}
		s1->sum = sum1;
		s1->comp = comp1;
		s1->n += m;
		s2->sum = sum2;
		s2->comp = comp2;
		s2->n += m;
	}
}

/*
 * Feeds aggregate ai straight from the decoded values of input slot `slot`, for the n selected
 * rows (row sel[k] into the states of group gid[k], or into q->global without GROUP BY, kept in a
 * local meanwhile). The arithmetic is sq_agg_update's, without a copy of each value or a switch
 * per row.
 */
static int typed_agg(sluice_query *q, size_t ai, size_t slot, size_t n, sq_agg_state *base, const uint32_t *gid,
                     const group_runs *gr)
{
	const sq_agg *a = &q->aggs[ai];
	const sq_batch *b = &q->in;
	const sq_value *vals = b->vals + slot * q->bcap;
	const size_t stride = q->naggs;
	const int kind = a->kind;
	const double *dv = sq_dense_doubles(q, slot, q->sel, n);
	if (dv) {
		dense_agg(base, ai, stride, kind, dv, n, gid, gr);
		return 0;
	}
	int rc = sq_decode_rows(q, slot, q->sel, n);
	if (rc)
		return rc;
	if (!gid && (kind == SQ_AGG_SUM || kind == SQ_AGG_AVG) && q->in_types[q->slot_col[slot]] == SQ_T_DOUBLE) {
		/* typed_update's sum of doubles, with the running sums in registers: through a state in
		 * memory each addition waited for the last one's store */
		sq_agg_state *st = &base[ai];
		double sum = st->sum, comp = st->comp;
		uint64_t cnt = st->n;
		for (size_t k = 0; k < n; k++) {
			const sq_value *v = &vals[q->sel[k]];
			if (v->null)
				continue;
			if (v->type != SQ_T_DOUBLE) {
				st->sum = sum;
				st->comp = comp;
				st->n = cnt;
				typed_update(st, kind, v);
				sum = st->sum;
				comp = st->comp;
				cnt = st->n;
				continue;
			}
			sq_neumaier_add(&sum, &comp, v->u.d);
			cnt++;
		}
		st->sum = sum;
		st->comp = comp;
		st->n = cnt;
		return 0;
	}
	if (!gid) {
		sq_agg_state acc = base[ai];
		for (size_t k = 0; k < n; k++) {
			const sq_value *v = &vals[q->sel[k]];
			if (!v->null)
				typed_update(&acc, kind, v);
		}
		base[ai] = acc;
		return 0;
	}
	for (size_t k = 0; k < n; k++) {
		const sq_value *v = &vals[q->sel[k]];
		if (!v->null)
			typed_update(base + (size_t)gid[k] * stride + ai, kind, v);
	}
	return 0;
}

/* The group of each selected row, by number (gid[k] for row sel[k]). A single text key goes
 * through a small direct-mapped cache of keys seen before the hash table: few groups is the common
 * case, and a cached key costs one comparison. */
/* a[0..n) == b[0..n), a word at a time for the short keys of the group cache */
static inline bool same_key(const char *a, const char *b, size_t n)
{
	uint64_t x, y;
	if (n >= 8) {
		for (size_t i = 0; i + 8 <= n; i += 8) {
			memcpy(&x, a + i, 8);
			memcpy(&y, b + i, 8);
			if (x != y)
				return false;
		}
		memcpy(&x, a + n - 8, 8);
		memcpy(&y, b + n - 8, 8);
		return x == y;
	}
	if (n >= 4) {
		uint32_t u, v, w, z;
		memcpy(&u, a, 4);
		memcpy(&v, b, 4);
		memcpy(&w, a + n - 4, 4);
		memcpy(&z, b + n - 4, 4);
		return u == v && w == z;
	}
	for (size_t i = 0; i < n; i++)
		if (a[i] != b[i])
			return false;
	return true;
}

/* keys: the single key's values by row of the batch (a column read as it is), or NULL for the
 * group expressions' values by selected row (evaluated into their scratch). key_slot: that
 * column's slot when it is text whose rows are decoded here, on a miss of the cache; else -1. */
static int find_groups(sluice_query *q, size_t n, const sq_value *keys_by_row, long key_slot, uint32_t *gid)
{
	sq_value keys[64];
	sq_value *kbuf = q->ngroup <= 64 ? keys : malloc(q->ngroup * sizeof *kbuf);
	if (!kbuf)
		return SLUICE_ERR_NOMEM;
	const sq_value *k0 = keys_by_row ? keys_by_row : sq_scratch_get(q, q->group_exprs[0]);
	const bool cached = q->ngroup == 1;
	/* a text column without NULL strings: a plain field is its own value, looked up in the cache
	 * as it is, and decoded only when the cache misses */
	const sluice_field *fields = key_slot >= 0 ? q->in.fields + (size_t)key_slot * q->bcap : NULL;
	const uint32_t *gen = key_slot >= 0 ? q->in.gen + (size_t)key_slot * q->bcap : NULL;
	int rc = 0;
	for (size_t r = 0; r < n; r++) {
		if (fields) {
			const size_t row = q->sel[r];
			const sluice_field *f = &fields[row];
			if (f->flags == 0 && f->len - 1 < GROUP_CACHE_KEY) {
				const size_t len = f->len;
				const unsigned char *p = (const unsigned char *)f->ptr;
				const sq_gcache *c = &q->gcache[(len * 31 + p[0] * 7u + p[len - 1]) & (GROUP_CACHE - 1)];
				if (c->gid1 && c->len == len && same_key(c->key, f->ptr, len)) {
					gid[r] = c->gid1 - 1;
					continue;
				}
			}
			if (gen[row] != q->in.cur_gen && (rc = sq_decode_fast(q, (size_t)key_slot, row)) != 0)
				break;
		}
		const sq_value *v = &k0[keys_by_row ? q->sel[r] : r];
		const bool text = cached && !v->null && v->type == SQ_T_VARCHAR && v->u.s.len <= GROUP_CACHE_KEY;
		sq_gcache *e = NULL;
		if (text) {
			/* direct-mapped on the length and the first and last bytes: one comparison, and no
			 * loop whose exit depends on which key came */
			const size_t len = v->u.s.len;
			const unsigned char *p = (const unsigned char *)v->u.s.ptr;
			e = &q->gcache[(len ? len * 31 + p[0] * 7u + p[len - 1] : 0) & (GROUP_CACHE - 1)];
			if (e->gid1 && e->len == len && same_key(e->key, v->u.s.ptr, len)) {
				gid[r] = e->gid1 - 1;
				continue;
			}
		}
		if (keys_by_row)
			kbuf[0] = *v;
		else
			for (size_t k = 0; k < q->ngroup; k++)
				kbuf[k] = sq_scratch_get(q, q->group_exprs[k])[r];
		const long id = sq_groups_find_id(q->groups, kbuf, &q->out_arena);
		if (id < 0 || id >= (long)UINT32_MAX) {
			rc = SLUICE_ERR_NOMEM;
			break;
		}
		gid[r] = (uint32_t)id;
		if (e) {
			e->len = v->u.s.len;
			e->gid1 = (uint32_t)id + 1;
			memcpy(e->key, v->u.s.ptr, v->u.s.len);
		}
	}
	if (kbuf != keys)
		free(kbuf);
	return rc;
}

/* Feeds the selected rows of the current batch to the aggregates. */
int sq_aggregate_batch(sluice_query *q, size_t n)
{
	/* a single key that is an input column is read where it was decoded */
	const sq_expr *k0 = q->ngroup == 1 ? q->group_exprs[0] : NULL;
	const sq_value *keys_by_row = NULL;
	long key_slot = -1;
	if (k0 && !k0->ref && k0->kind == SQ_E_COLUMN) {
		const size_t slot = (size_t)q->in_slot[k0->column];
		if (q->in_types[k0->column] == SQ_T_VARCHAR && !q->nnulls && (long)k0->column != q->filename_col) {
			key_slot = (long)slot; /* decoded by find_groups, as the cache needs */
		} else {
			int rc = sq_decode_rows(q, slot, q->sel, n);
			if (rc)
				return rc;
		}
		keys_by_row = q->in.vals + slot * q->bcap;
	} else {
		for (size_t k = 0; k < q->ngroup; k++) {
			int rc = sq_eval(q, q->group_exprs[k], q->sel, n, sq_scratch_get(q, q->group_exprs[k]));
			if (rc)
				return rc;
		}
	}
	uint32_t gid[SQ_BATCH];
	sq_agg_state *base = q->global;
	if (q->ngroup) {
		int rc = find_groups(q, n, keys_by_row, key_slot, gid);
		if (rc)
			return rc;
		base = sq_groups_states(q->groups); /* no group is added from here on in this batch */
	}
	const uint32_t *g = q->ngroup ? gid : NULL;
	/* the runs serve count(*) and the typed aggregates only */
	bool runs_wanted = false;
	for (size_t a = 0; a < q->naggs && g && !runs_wanted; a++)
		runs_wanted = q->aggs[a].kind == SQ_AGG_COUNT_STAR || typed_agg_slot(q, &q->aggs[a]) >= 0;
	group_runs runs;
	const group_runs *gr = runs_wanted && make_runs(g, n, &runs) ? &runs : NULL;
	/* with group runs, sums and averages over whole batches of doubles go two at a time */
	uint64_t paired = 0; /* aggregates (below 64) already fed */
	long pend = -1;      /* a sum waiting for a second */
	const double *pend_dv = NULL;
	for (size_t a = 0; gr && a < q->naggs && a < 64; a++) {
		const sq_agg *ag = &q->aggs[a];
		const long slot = ag->kind == SQ_AGG_SUM || ag->kind == SQ_AGG_AVG ? typed_agg_slot(q, ag) : -1;
		const double *dv = slot >= 0 ? sq_dense_doubles(q, (size_t)slot, q->sel, n) : NULL;
		if (!dv)
			continue;
		if (pend < 0) {
			pend = (long)a;
			pend_dv = dv;
			continue;
		}
		dense_sum_pair(base, q->naggs, (size_t)pend, pend_dv, a, dv, gr);
		paired |= (uint64_t)1 << pend | (uint64_t)1 << a;
		pend = -1;
	}
	int rc = 0;
	for (size_t a = 0; a < q->naggs && !rc; a++) {
		const sq_agg *ag = &q->aggs[a];
		if (a < 64 && (paired >> a & 1))
			continue;
		if (ag->kind == SQ_AGG_COUNT_STAR) {
			if (!g)
				base[a].n += n;
			else if (gr)
				for (size_t i = 0; i < gr->n; i++)
					base[(size_t)gr->group[i] * q->naggs + a].n += (uint64_t)(gr->start[i + 1] - gr->start[i]);
			else
				for (size_t r = 0; r < n; r++)
					base[(size_t)g[r] * q->naggs + a].n++;
			continue;
		}
		const long slot = typed_agg_slot(q, ag);
		if (slot >= 0) {
			rc = typed_agg(q, a, (size_t)slot, n, base, g, gr);
			continue;
		}
		rc = sq_eval(q, ag->arg, q->sel, n, sq_scratch_get(q, ag->arg));
		const sq_value *v = rc ? NULL : sq_scratch_get(q, ag->arg);
		for (size_t r = 0; r < n && !rc; r++)
			rc = sq_agg_update(q, g ? base + (size_t)g[r] * q->naggs : base, a, &v[r], &q->out_arena);
	}
	if (!rc)
		rc = sq_check_memory(q);
	return rc;
}
