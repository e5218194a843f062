/* compare.c - the order and equality of typed values (ORDER BY, min/max, comparisons, DISTINCT). */
#include "query/values/compare.h"

#include <math.h>
#include <string.h>

static double as_double(const sq_value *v)
{
	return v->type == SQ_T_DOUBLE ? v->u.d : (double)v->u.i;
}

/* Orders two non-NULL values of comparable types: numbers numerically, DATE against TIMESTAMP as
 * instants, strings bytewise. */
int sq_compare_values(const sq_value *a, const sq_value *b)
{
	if (a->type == SQ_T_VARCHAR && b->type == SQ_T_VARCHAR) {
		size_t n = a->u.s.len < b->u.s.len ? a->u.s.len : b->u.s.len;
		int c = n ? memcmp(a->u.s.ptr, b->u.s.ptr, n) : 0;
		if (c)
			return c < 0 ? -1 : 1;
		return a->u.s.len < b->u.s.len ? -1 : a->u.s.len > b->u.s.len;
	}
	if (a->type == SQ_T_BOOLEAN && b->type == SQ_T_BOOLEAN)
		return (int)a->u.b - (int)b->u.b;
	if (a->type == SQ_T_DOUBLE || b->type == SQ_T_DOUBLE) {
		double x = as_double(a), y = as_double(b);
		if (x < y)
			return -1;
		if (x > y)
			return 1;
		if (x == y)
			return 0;
		/* NaN sorts after everything, as in DuckDB */
		return isnan(x) ? (isnan(y) ? 0 : 1) : -1;
	}
	int64_t x = a->u.i, y = b->u.i;
	if (a->type == SQ_T_DATE && (b->type == SQ_T_TIMESTAMP || b->type == SQ_T_TIMESTAMPTZ))
		x *= 86400000000LL;
	else if ((a->type == SQ_T_TIMESTAMP || a->type == SQ_T_TIMESTAMPTZ) && b->type == SQ_T_DATE)
		y *= 86400000000LL;
	return x < y ? -1 : x > y;
}

bool sq_values_equal(const sq_value *a, const sq_value *b)
{
	if (a->null || b->null)
		return a->null && b->null;
	return sq_compare_values(a, b) == 0;
}
