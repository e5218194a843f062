/* types.h - the query engine's value types and typed value, below the syntax tree that holds them. */
#ifndef SLUICE_QUERY_TYPES_H
#define SLUICE_QUERY_TYPES_H

#include "sluice.h"

/* Column and value types. Order matters: numeric widening goes BIGINT -> DOUBLE. */
typedef enum sq_type {
	SQ_T_NULL = 0,   /* the type of the NULL literal only */
	SQ_T_BOOLEAN,
	SQ_T_BIGINT,
	SQ_T_DOUBLE,
	SQ_T_DATE,       /* days since 1970-01-01 */
	SQ_T_TIMESTAMP,  /* microseconds since 1970-01-01 00:00:00 (no time zone) */
	SQ_T_VARCHAR,
	SQ_T_TIMESTAMPTZ, /* an instant: microseconds since 1970-01-01 00:00:00 UTC (last: the values are pinned) */
} sq_type;

/* A typed value: the public sluice_value (the sq_type numbers equal the SLUICE_TYPE_ ones).
 * Strings point into the input, into the query text, or into an arena; the owner of a value says
 * which. */
typedef sluice_value sq_value;

/* How a column's values are written, decided once per column by the plan (plan/column_sniff.c)
 * and handed to every parser of its values. The zero value is not valid: use SQ_TEXT_DEFAULT. */
typedef struct sq_text_format {
	char decimal;         /* the decimal mark: '.' or ',' */
	char thousands;       /* the digit group separator of the integer part, '\0' for none */
	const char *layout;   /* a DATE or TIMESTAMP column's strftime-like layout (values/layout.h),
	                       * NULL for ISO 8601; static or owned by the query */
} sq_text_format;

#define SQ_TEXT_DEFAULT ((sq_text_format){.decimal = '.', .thousands = '\0', .layout = NULL})

/* A NULL of a type. */
static inline sq_value sq_null(int type)
{
	sq_value v = {0};
	v.type = (uint8_t)type;
	v.null = true;
	return v;
}

#endif
