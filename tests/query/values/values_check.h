/* values_check.h - what the value tests share: a splitmix64 generator, double bit patterns, a digest. */
#ifndef SLUICE_TESTS_VALUES_CHECK_H
#define SLUICE_TESTS_VALUES_CHECK_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* ------------------------------------------------------------------------------------------------
 * The generator is splitmix64 so that expected digests can be computed elsewhere from the same
 * sequence.
 * ---------------------------------------------------------------------------------------------- */

typedef struct rng {
	uint64_t s;
} rng;

static inline uint64_t rng_next(rng *r)
{
	uint64_t z = (r->s += 0x9E3779B97F4A7C15u);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
	return z ^ (z >> 31);
}

static inline uint64_t rng_below(rng *r, uint64_t n)
{
	return rng_next(r) % n;
}

static inline uint64_t bits_of(double d)
{
	uint64_t b;
	memcpy(&b, &d, sizeof b);
	return b;
}

static inline double from_bits(uint64_t b)
{
	double d;
	memcpy(&d, &b, sizeof d);
	return d;
}

/* Any finite double, subnormals and zeros included, each bit pattern about equally likely. */
static inline double random_finite(rng *r)
{
	uint64_t b = rng_next(r);
	if (((b >> 52) & 0x7FF) == 0x7FF)
		b &= ~((uint64_t)1 << 62);
	return from_bits(b);
}

/* FNV-1a, to compare long runs of output with a digest computed independently. */
static inline uint64_t fnv1a(uint64_t h, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3u;
	}
	return h;
}

#define FNV_INIT 0xcbf29ce484222325u

#endif /* SLUICE_TESTS_VALUES_CHECK_H */
