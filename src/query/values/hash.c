/* hash.c - 64-bit hashes of typed values (XXH3), for the group table, DISTINCT sets and sketches. */
#include "query/values/hash.h"

#define XXH_INLINE_ALL
#include <xxhash.h>

uint64_t sq_hash_value(const sq_value *v, uint64_t seed)
{
	if (v->null)
		return XXH3_64bits_withSeed("", 0, seed ^ 0x9E3779B97F4A7C15ULL);
	switch (v->type) {
	case SQ_T_VARCHAR:
		return XXH3_64bits_withSeed(v->u.s.ptr, v->u.s.len, seed);
	case SQ_T_DOUBLE: {
		double d = v->u.d;
		/* an integral double hashes like the BIGINT of the same value (they compare equal) */
		if (d == 0)
			d = 0; /* -0.0 == 0.0 */
		if (d >= -9007199254740992.0 && d <= 9007199254740992.0 && d == (double)(int64_t)d) {
			int64_t i = (int64_t)d;
			return XXH3_64bits_withSeed(&i, sizeof i, seed);
		}
		return XXH3_64bits_withSeed(&d, sizeof d, seed);
	}
	case SQ_T_BOOLEAN: {
		int64_t i = v->u.b;
		return XXH3_64bits_withSeed(&i, sizeof i, seed + 1);
	}
	default: {
		int64_t i = v->u.i;
		return XXH3_64bits_withSeed(&i, sizeof i, seed);
	}
	}
}
