/* generate.h - random inputs for the kernel tests (generate.c). */
#ifndef SLUICE_TEST_GENERATE_H
#define SLUICE_TEST_GENERATE_H

#include <stddef.h>
#include <stdint.h>

#include "sluice.h"

/* splitmix64: the same stream for a seed everywhere. */
typedef struct rng {
	uint64_t s;
} rng;
uint64_t rng_next(rng *r);
unsigned rng_below(rng *r, unsigned n);

/* A byte buffer being built. */
typedef struct gen {
	uint8_t *p;
	size_t len, cap;
} gen;
void put(gen *g, uint8_t c);
void puts_n(gen *g, const char *s);

/* A byte that matters to dialect d (its delimiter, quote, escape, comment, a line end) or a plain one. */
uint8_t noise_byte(rng *r, const sluice_dialect *d);
void put_line_end(gen *g, rng *r);
/* One field of d: plain, quoted (with doubled quotes, escapes, line breaks) or empty. */
void put_field(gen *g, rng *r, const sluice_dialect *d);
/* Well-formed records of d, about len bytes in all. */
void gen_valid(gen *g, rng *r, const sluice_dialect *d, size_t len);
/* len bytes of noise_byte. */
void gen_noise(gen *g, rng *r, const sluice_dialect *d, size_t len);

#endif
