/* arena.h - a bump allocator for the strings a query makes (unescaped fields, function results, keys). */
#ifndef SLUICE_QUERY_VALUES_ARENA_H
#define SLUICE_QUERY_VALUES_ARENA_H

#include <stddef.h>

/* Blocks are kept and reused after a reset. Not thread-safe: one arena per user. */
typedef struct sq_arena {
	struct sq_arena_block *head;
	struct sq_arena_block *cur;
	size_t used;           /* bytes live in all blocks (for the memory limit) */
} sq_arena;

void *sq_arena_alloc(sq_arena *a, size_t n);
void sq_arena_reset(sq_arena *a);
void sq_arena_free(sq_arena *a);

#endif
