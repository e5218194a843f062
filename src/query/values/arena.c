/* arena.c - a bump allocator for the strings a query makes; blocks are reused after a reset. */
#include <stdlib.h>

#include "query/values/arena.h"

struct sq_arena_block {
	struct sq_arena_block *next;
	size_t cap;
	size_t used;
	_Alignas(16) unsigned char data[];
};

#define ARENA_BLOCK ((size_t)64 << 10)

void *sq_arena_alloc(sq_arena *a, size_t n)
{
	n = (n + 15) & ~(size_t)15;
	struct sq_arena_block *b = a->cur;
	while (b && b->cap - b->used < n) {
		b = b->next;
		if (b)
			b->used = 0;
	}
	if (!b) {
		size_t cap = n > ARENA_BLOCK ? n : ARENA_BLOCK;
		b = malloc(sizeof *b + cap);
		if (!b)
			return NULL;
		b->cap = cap;
		b->used = 0;
		b->next = NULL;
		if (a->cur) {
			b->next = a->cur->next;
			a->cur->next = b;
		} else {
			a->head = b;
		}
	}
	a->cur = b;
	void *p = b->data + b->used;
	b->used += n;
	a->used += n;
	return p;
}

void sq_arena_reset(sq_arena *a)
{
	a->cur = a->head;
	if (a->cur)
		a->cur->used = 0;
	a->used = 0;
}

void sq_arena_free(sq_arena *a)
{
	struct sq_arena_block *b = a->head;
	while (b) {
		struct sq_arena_block *n = b->next;
		free(b);
		b = n;
	}
	a->head = a->cur = NULL;
	a->used = 0;
}
