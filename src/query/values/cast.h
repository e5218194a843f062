/* cast.h - a value converted to another type, and text parsed as a type. */
#ifndef SLUICE_QUERY_VALUES_CAST_H
#define SLUICE_QUERY_VALUES_CAST_H

#include <stdbool.h>
#include <stddef.h>

#include "query/values/arena.h"
#include "query/values/types.h"

/* Parses text as type into *v (any other type: the text itself, VARCHAR). Returns false when it
 * does not fit. */
bool sq_parse_as(int type, const char *p, size_t n, sq_value *v);

/* The same for a column's values written in format f (NULL: the defaults, as sq_parse_as): its
 * decimal mark and digit groups for DOUBLE, its layout for DATE and TIMESTAMP. */
bool sq_parse_as_fmt(int type, const sq_text_format *f, const char *p, size_t n, sq_value *v);

/* Casts in to type into *out (text made for VARCHAR comes from arena). Returns 0, or -1 when the
 * value does not convert (or the arena runs out). */
int sq_cast(const sq_value *in, int type, sq_value *out, sq_arena *arena);

#endif
