/* columns.h - header column names and their lookup table (xxhash, open addressing). */
#ifndef SLUICE_COLUMNS_H
#define SLUICE_COLUMNS_H

#include <stddef.h>
#include <stdint.h>

#include "sluice.h"

typedef struct sluice_columns {
	size_t n;
	char *names;      /* the unescaped names, each NUL-terminated, back to back */
	size_t *off;      /* n offsets into names */
	size_t *len;      /* n lengths */
	uint32_t *slots;  /* nslots entries: column index + 1, 0 = empty */
	size_t nslots;    /* a power of two, at least 2n */
} sluice_columns;

/* Copies and unescapes the header fields and builds the table. Returns 0, or -1 when out of memory. */
int sluice_columns_build(sluice_columns *c, const sluice_dialect *d, const sluice_field *f, size_t n);
const char *sluice_columns_name(const sluice_columns *c, size_t i, size_t *len);
/* The first column called name, or -1. */
long sluice_columns_find(const sluice_columns *c, const char *name, size_t len);
void sluice_columns_free(sluice_columns *c);

#endif
