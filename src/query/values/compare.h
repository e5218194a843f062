/* compare.h - the order and equality of typed values. */
#ifndef SLUICE_QUERY_VALUES_COMPARE_H
#define SLUICE_QUERY_VALUES_COMPARE_H

#include <stdbool.h>

#include "query/values/types.h"

/* Orders two non-NULL values of comparable types: -1, 0 or 1. */
int sq_compare_values(const sq_value *a, const sq_value *b);

/* Equal values, or both NULL. */
bool sq_values_equal(const sq_value *a, const sq_value *b);

#endif
