/* topk.c - Space-Saving counters in buckets of equal counts, with a hash index over the monitored values. */
#include "query/exec/topk.h"

#include <stdlib.h>
#include <string.h>

#include "query/values/compare.h"
#include "query/values/value.h"

void sq_topk_init(sq_topk *t, uint32_t k)
{
	memset(t, 0, sizeof *t);
	t->k = k ? k : 1;
	t->head = t->free_bucket = UINT32_MAX;
}

void sq_topk_free(sq_topk *t)
{
	if (!t)
		return;
	free(t->text);
	t->text = NULL;
	t->text_cap = 0;
}

#define NIL UINT32_MAX

/* ------------------------------------------------------------------------------------------ */
/* Buckets: a list by increasing count, each with a list of its counters.                       */

/* A new bucket of `count` after bucket `after` (NIL: at the head). One is always free: there are
 * as many as counters, and every bucket in the list holds a counter. */
static uint32_t bucket_new(sq_topk *t, uint64_t count, uint32_t after)
{
	const uint32_t x = t->free_bucket;
	sq_topk_bucket *b = t->b;
	t->free_bucket = b[x].next;
	b[x].count = count;
	b[x].first = NIL;
	b[x].prev = after;
	b[x].next = after == NIL ? t->head : b[after].next;
	if (b[x].next != NIL)
		b[b[x].next].prev = x;
	if (after == NIL)
		t->head = x;
	else
		b[after].next = x;
	return x;
}

static void bucket_drop(sq_topk *t, uint32_t x)
{
	sq_topk_bucket *b = t->b;
	if (b[x].prev != NIL)
		b[b[x].prev].next = b[x].next;
	else
		t->head = b[x].next;
	if (b[x].next != NIL)
		b[b[x].next].prev = b[x].prev;
	b[x].next = t->free_bucket;
	t->free_bucket = x;
}

static void list_remove(sq_topk *t, uint32_t id)
{
	sq_topk_entry *e = &t->e[id];
	if (e->prev != NIL)
		t->e[e->prev].next = e->next;
	else
		t->b[e->bucket].first = e->next;
	if (e->next != NIL)
		t->e[e->next].prev = e->prev;
}

static void list_push(sq_topk *t, uint32_t id, uint32_t bucket)
{
	sq_topk_entry *e = &t->e[id];
	e->bucket = bucket;
	e->prev = NIL;
	e->next = t->b[bucket].first;
	if (e->next != NIL)
		t->e[e->next].prev = id;
	t->b[bucket].first = id;
}

/* Raises the count of counter id by one. */
static void bump(sq_topk *t, uint32_t id)
{
	const uint32_t bk = t->e[id].bucket;
	const uint64_t c = t->b[bk].count + 1;
	const uint32_t nx = t->b[bk].next;
	const bool alone = t->b[bk].first == id && t->e[id].next == NIL;
	if (nx != NIL && t->b[nx].count == c) {
		list_remove(t, id);
		list_push(t, id, nx);
		if (alone)
			bucket_drop(t, bk);
	} else if (alone) {
		t->b[bk].count = c; /* still below the next bucket's count */
	} else {
		list_remove(t, id);
		list_push(t, id, bucket_new(t, c, bk));
	}
}

/* Puts counter id (in no bucket) in the bucket of `count`, made when there is none. */
static void place(sq_topk *t, uint32_t id, uint64_t count)
{
	uint32_t prev = NIL, x = t->head;
	while (x != NIL && t->b[x].count < count) {
		prev = x;
		x = t->b[x].next;
	}
	list_push(t, id, x != NIL && t->b[x].count == count ? x : bucket_new(t, count, prev));
}

/* ------------------------------------------------------------------------------------------ */
/* The index: linear probing, deletion by backward shift (no tombstones).                      */

static long index_find(const sq_topk *t, const sq_value *v, uint64_t hash)
{
	if (!t->nindex)
		return -1;
	const uint32_t mask = t->nindex - 1;
	for (uint32_t j = (uint32_t)hash & mask; t->index[j].id; j = (j + 1) & mask) {
		if (t->index[j].tag == (uint32_t)hash && t->e[t->index[j].id - 1].hash == hash &&
		    sq_values_equal(&t->e[t->index[j].id - 1].v, v))
			return (long)t->index[j].id - 1;
	}
	return -1;
}

static void index_put(sq_topk *t, uint32_t id)
{
	const uint32_t mask = t->nindex - 1;
	const uint64_t hash = t->e[id].hash;
	uint32_t j = (uint32_t)hash & mask;
	while (t->index[j].id)
		j = (j + 1) & mask;
	t->index[j].tag = (uint32_t)hash;
	t->index[j].id = id + 1;
}

static void index_remove(sq_topk *t, uint32_t id)
{
	const uint32_t mask = t->nindex - 1;
	uint32_t i = (uint32_t)t->e[id].hash & mask;
	while (t->index[i].id != id + 1)
		i = (i + 1) & mask;
	/* Move later entries of the cluster back into the hole when their home slot allows it. */
	for (uint32_t j = (i + 1) & mask; t->index[j].id; j = (j + 1) & mask) {
		const uint32_t home = t->index[j].tag & mask;
		/* the entry at j may fill the hole at i unless its home lies cyclically in (i, j] */
		const bool stays = i <= j ? (home > i && home <= j) : (home > i || home <= j);
		if (!stays) {
			t->index[i] = t->index[j];
			i = j;
		}
	}
	t->index[i].id = 0;
}

/* Makes room for `cap` counters: new arrays from the allocator, the index rebuilt. */
static int grow(sq_topk *t, uint32_t cap, sq_topk_alloc_fn alloc, void *ctx)
{
	uint32_t nindex = 16;
	while (nindex < 8 * cap)
		nindex *= 2;
	sq_topk_entry *e = alloc(ctx, cap * sizeof *e);
	sq_topk_bucket *b = alloc(ctx, cap * sizeof *b);
	sq_topk_slot *index = alloc(ctx, nindex * sizeof *index);
	if (!e || !b || !index)
		return -1;
	if (t->cap) {
		memcpy(e, t->e, t->cap * sizeof *e);
		memcpy(b, t->b, t->cap * sizeof *b);
	} else {
		t->head = t->free_bucket = NIL;
	}
	for (uint32_t j = t->cap; j < cap; j++) {
		b[j].next = t->free_bucket;
		t->free_bucket = j;
	}
	memset(index, 0, nindex * sizeof *index);
	t->e = e;
	t->b = b;
	t->index = index;
	t->nindex = nindex;
	t->cap = cap;
	for (uint32_t i = 0; i < t->n; i++)
		index_put(t, i);
	return 0;
}

/* Stores v in counter e, copying a string's bytes into the counter's buffer. */
static int set_value(sq_topk_entry *e, const sq_value *v, uint64_t hash, sq_topk_alloc_fn alloc, void *ctx)
{
	const size_t len = v->type == SQ_T_VARCHAR ? v->u.s.len : 0;
	if (len > e->buf_cap) {
		size_t cap = 32;
		while (cap < len)
			cap *= 2;
		char *b = alloc(ctx, cap);
		if (!b)
			return -1;
		e->buf = b;
		e->buf_cap = cap;
	}
	e->hash = hash;
	e->v = *v;
	if (len) {
		memcpy(e->buf, v->u.s.ptr, len);
		e->v.u.s.ptr = e->buf;
	}
	return 0;
}

int sq_topk_add(sq_topk *t, const sq_value *v, uint64_t hash, sq_topk_alloc_fn alloc, void *ctx)
{
	long found = index_find(t, v, hash);
	if (found >= 0) {
		bump(t, (uint32_t)found);
		return 0;
	}
	if (t->n < t->k) {
		if (t->n == t->cap) {
			uint32_t cap = t->cap ? t->cap * 2 : 8;
			if (cap > t->k)
				cap = t->k;
			if (grow(t, cap, alloc, ctx))
				return -1;
		}
		const uint32_t id = t->n;
		sq_topk_entry *e = &t->e[id];
		memset(e, 0, sizeof *e);
		if (set_value(e, v, hash, alloc, ctx))
			return -1;
		e->err = t->floor;
		t->n++;
		index_put(t, id);
		place(t, id, t->floor + 1);
		return 0;
	}
	/* Full: a counter with the smallest count takes the new value over. That count bounds the
	 * occurrences of the value it held, and of the new one so far. */
	const uint32_t id = t->b[t->head].first;
	const uint64_t m = t->b[t->head].count;
	sq_topk_entry *e = &t->e[id];
	index_remove(t, id);
	if (set_value(e, v, hash, alloc, ctx)) {
		index_put(t, id); /* the counter still holds its old value */
		return -1;
	}
	if (m > t->floor)
		t->floor = m;
	e->err = m;
	index_put(t, id);
	bump(t, id);
	return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Merging.                                                                                     */

typedef struct cand {
	uint64_t hash, count, err;
	const sq_topk_entry *from; /* the counter it comes from */
	bool from_dst;
} cand;

/* Larger count first, then the smaller value: a total order, so the result does not depend on
 * the order counters sit in memory. */
static int cand_cmp(const cand *a, const cand *b)
{
	if (a->count != b->count)
		return a->count > b->count ? -1 : 1;
	return sq_compare_values(&a->from->v, &b->from->v);
}

static int cand_qsort(const void *pa, const void *pb)
{
	return cand_cmp(pa, pb);
}

int sq_topk_merge(sq_topk *dst, const sq_topk *src, sq_topk_alloc_fn alloc, void *ctx)
{
	if (src->n == 0 && src->floor == 0)
		return 0;
	const size_t total = (size_t)dst->n + src->n;
	cand *c = malloc((total ? total : 1) * sizeof *c);
	bool *matched = calloc(dst->n + 1, sizeof *matched);
	if (!c || !matched) {
		free(c);
		free(matched);
		return -1;
	}
	size_t nc = 0;
	for (uint32_t i = 0; i < dst->n; i++)
		c[nc++] = (cand){ dst->e[i].hash, sq_topk_count(dst, i), dst->e[i].err, &dst->e[i], true };
	for (uint32_t i = 0; i < src->n; i++) {
		const sq_topk_entry *s = &src->e[i];
		long id = index_find(dst, &s->v, s->hash);
		if (id >= 0) {
			c[id].count += sq_topk_count(src, i);
			c[id].err += s->err;
			matched[id] = true;
		} else {
			/* absent from dst: it occurred there at most dst->floor times */
			c[nc++] = (cand){ s->hash, sq_topk_count(src, i) + dst->floor, s->err + dst->floor, s, false };
		}
	}
	for (uint32_t i = 0; i < dst->n; i++) {
		if (!matched[i]) {
			c[i].count += src->floor;
			c[i].err += src->floor;
		}
	}
	free(matched);
	qsort(c, nc, sizeof *c, cand_qsort);
	uint64_t floor = dst->floor + src->floor;
	size_t keep = nc < dst->k ? nc : dst->k;
	if (nc > keep && c[keep].count > floor)
		floor = c[keep].count; /* a value dropped here occurred at most this often */

	/* Rebuild dst with the kept counters, smallest count first; dst's own keep their buffers. */
	sq_topk nt;
	sq_topk_init(&nt, dst->k);
	nt.text = dst->text;
	nt.text_cap = dst->text_cap;
	int rc = keep ? grow(&nt, (uint32_t)keep, alloc, ctx) : 0;
	uint32_t tail = NIL;
	for (size_t i = keep; i-- > 0 && !rc;) {
		const uint32_t id = nt.n;
		sq_topk_entry *e = &nt.e[id];
		if (c[i].from_dst) {
			*e = *c[i].from;
		} else {
			memset(e, 0, sizeof *e);
			rc = set_value(e, &c[i].from->v, c[i].hash, alloc, ctx);
		}
		e->err = c[i].err;
		if (tail == NIL || nt.b[tail].count != c[i].count)
			tail = bucket_new(&nt, c[i].count, tail);
		list_push(&nt, id, tail);
		nt.n++;
	}
	free(c);
	if (rc)
		return -1;
	for (uint32_t i = 0; i < nt.n; i++)
		index_put(&nt, i);
	nt.floor = floor;
	*dst = nt;
	return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Results.                                                                                     */

/* Larger count first, then the smaller value. */
static int entry_cmp(const sq_topk *t, uint32_t a, uint32_t b)
{
	const uint64_t ca = sq_topk_count(t, a), cb = sq_topk_count(t, b);
	if (ca != cb)
		return ca > cb ? -1 : 1;
	return sq_compare_values(&t->e[a].v, &t->e[b].v);
}

size_t sq_topk_result(const sq_topk *t, sq_topk_item *out, size_t want)
{
	/* selection by repeated scans: want and k are small, and this runs once per group */
	uint32_t last = NIL;
	size_t n = 0;
	while (n < want) {
		uint32_t best = NIL;
		for (uint32_t i = 0; i < t->n; i++) {
			if (sq_topk_count(t, i) - t->e[i].err <= t->floor)
				continue; /* not known to beat the values that are not monitored */
			if (last != NIL && entry_cmp(t, i, last) <= 0)
				continue;
			if (best == NIL || entry_cmp(t, i, best) < 0)
				best = i;
		}
		if (best == NIL)
			break;
		out[n++] = (sq_topk_item){ &t->e[best].v, sq_topk_count(t, best), t->e[best].err == 0 };
		last = best;
	}
	return n;
}

/* Appends len bytes to t->text at *at, growing it. */
static int put(sq_topk *t, size_t *at, const char *p, size_t len)
{
	if (*at + len + 1 > t->text_cap) {
		size_t cap = t->text_cap ? t->text_cap : 128;
		while (cap < *at + len + 1)
			cap *= 2;
		char *n = realloc(t->text, cap);
		if (!n)
			return -1;
		t->text = n;
		t->text_cap = cap;
	}
	memcpy(t->text + *at, p, len);
	*at += len;
	return 0;
}

int sq_topk_format(sq_topk *t, size_t want, const char **text, size_t *len)
{
	if (want > t->n)
		want = t->n;
	sq_topk_item *items = malloc((want ? want : 1) * sizeof *items);
	if (!items)
		return -1;
	const size_t got = sq_topk_result(t, items, want);
	size_t at = 0;
	int rc = put(t, &at, "", 0);
	for (size_t i = 0; i < got && !rc; i++) {
		const sq_value *v = items[i].v;
		char buf[SQ_FORMAT_CAP];
		if (i)
			rc = put(t, &at, ", ", 2);
		if (rc)
			break;
		if (v->type == SQ_T_VARCHAR || v->type == SQ_T_DATE || v->type == SQ_T_TIMESTAMP || v->type == SQ_T_TIMESTAMPTZ) {
			/* as an SQL literal: quoted, a quote doubled */
			const char *p = v->u.s.ptr;
			size_t n = v->u.s.len;
			if (v->type != SQ_T_VARCHAR) {
				n = sq_format_value(v, buf, sizeof buf);
				p = buf;
			}
			rc = put(t, &at, "'", 1);
			for (size_t j = 0; j < n && !rc; j++)
				rc = p[j] == '\'' ? put(t, &at, "''", 2) : put(t, &at, p + j, 1);
			if (!rc)
				rc = put(t, &at, "'", 1);
		} else {
			size_t n = sq_format_value(v, buf, sizeof buf);
			rc = put(t, &at, buf, n < sizeof buf ? n : sizeof buf - 1);
		}
		if (!rc)
			rc = put(t, &at, items[i].exact ? " " : " <=", items[i].exact ? 1 : 3);
		if (!rc)
			rc = put(t, &at, buf, sq_format_int64((int64_t)items[i].count, buf));
	}
	free(items);
	if (rc)
		return -1;
	t->text[at] = '\0';
	*text = t->text;
	*len = at;
	return 0;
}
