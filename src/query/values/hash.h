/* hash.h - 64-bit hashes of typed values. */
#ifndef SLUICE_QUERY_VALUES_HASH_H
#define SLUICE_QUERY_VALUES_HASH_H

#include <stdint.h>

#include "query/values/types.h"

/* XXH3 of a value: equal values (as sq_values_equal says) hash equal. */
uint64_t sq_hash_value(const sq_value *v, uint64_t seed);

#endif
