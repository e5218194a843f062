/* columns.c - header column names and their lookup table (xxhash, open addressing). */
#include "scan/columns.h"

#include <stdlib.h>
#include <string.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

int sluice_columns_build(sluice_columns *c, const sluice_dialect *d, const sluice_field *f, size_t n)
{
	memset(c, 0, sizeof *c);
	size_t total = 0;
	for (size_t i = 0; i < n; i++)
		total += f[i].len + 1;
	c->names = malloc(total ? total : 1);
	c->off = malloc((n ? n : 1) * sizeof *c->off);
	c->len = malloc((n ? n : 1) * sizeof *c->len);
	size_t nslots = 16;
	while (nslots < 2 * n)
		nslots *= 2;
	c->slots = calloc(nslots, sizeof *c->slots);
	if (!c->names || !c->off || !c->len || !c->slots) {
		sluice_columns_free(c);
		return -1;
	}
	c->nslots = nslots;
	c->n = n;
	size_t at = 0;
	for (size_t i = 0; i < n; i++) {
		size_t l = sluice_field_unescape(d, &f[i], c->names + at, f[i].len);
		c->names[at + l] = '\0';
		c->off[i] = at;
		c->len[i] = l;
		at += l + 1;
		/* keep the first of duplicate names */
		size_t mask = nslots - 1;
		size_t s = (size_t)XXH3_64bits(c->names + c->off[i], l) & mask;
		for (;;) {
			uint32_t v = c->slots[s];
			if (v == 0) {
				c->slots[s] = (uint32_t)i + 1;
				break;
			}
			if (c->len[v - 1] == l && memcmp(c->names + c->off[v - 1], c->names + c->off[i], l) == 0)
				break;
			s = (s + 1) & mask;
		}
	}
	return 0;
}

const char *sluice_columns_name(const sluice_columns *c, size_t i, size_t *len)
{
	if (i >= c->n) {
		if (len)
			*len = 0;
		return NULL;
	}
	if (len)
		*len = c->len[i];
	return c->names + c->off[i];
}

long sluice_columns_find(const sluice_columns *c, const char *name, size_t len)
{
	if (!c->nslots)
		return -1;
	size_t mask = c->nslots - 1;
	size_t s = (size_t)XXH3_64bits(name, len) & mask;
	for (;;) {
		uint32_t v = c->slots[s];
		if (v == 0)
			return -1;
		if (c->len[v - 1] == len && memcmp(c->names + c->off[v - 1], name, len) == 0)
			return (long)v - 1;
		s = (s + 1) & mask;
	}
}

void sluice_columns_free(sluice_columns *c)
{
	free(c->names);
	free(c->off);
	free(c->len);
	free(c->slots);
	memset(c, 0, sizeof *c);
}
