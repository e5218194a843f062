/* cast.c - CAST between the SQL types, and text parsed as a type (the decoding of fields). */
#include "query/values/cast.h"

#include <math.h>

#include "query/values/layout.h"
#include "query/values/value.h"

bool sq_parse_as(int type, const char *p, size_t n, sq_value *v)
{
	return sq_parse_as_fmt(type, NULL, p, n, v);
}

bool sq_parse_as_fmt(int type, const sq_text_format *f, const char *p, size_t n, sq_value *v)
{
	v->type = (uint8_t)type;
	v->null = false;
	switch (type) {
	case SQ_T_BIGINT:
		return sq_parse_int64(p, n, &v->u.i);
	case SQ_T_DOUBLE:
		return f ? sq_parse_double_sep(p, n, f->decimal, f->thousands, &v->u.d) : sq_parse_double(p, n, &v->u.d);
	case SQ_T_BOOLEAN:
		return sq_parse_bool(p, n, &v->u.b);
	case SQ_T_DATE:
		return f && f->layout ? sq_parse_layout(f->layout, p, n, false, &v->u.i) : sq_parse_date(p, n, &v->u.i);
	case SQ_T_TIMESTAMP:
		return f && f->layout ? sq_parse_layout(f->layout, p, n, true, &v->u.i)
		                      : sq_parse_timestamp(p, n, &v->u.i);
	case SQ_T_TIMESTAMPTZ:
		return sq_parse_timestamptz(p, n, &v->u.i);
	default:
		v->type = SQ_T_VARCHAR;
		v->u.s.ptr = p;
		v->u.s.len = n;
		return true;
	}
}

int sq_cast(const sq_value *in, int type, sq_value *out, sq_arena *arena)
{
	if (in->null) {
		*out = sq_null(type);
		return 0;
	}
	if (in->type == type) {
		*out = *in;
		return 0;
	}
	out->null = false;
	out->type = (uint8_t)type;
	if (in->type == SQ_T_VARCHAR)
		return sq_parse_as(type, in->u.s.ptr, in->u.s.len, out) ? 0 : -1;
	switch (type) {
	case SQ_T_VARCHAR: {
		char *buf = sq_arena_alloc(arena, 64);
		if (!buf)
			return -1;
		size_t len = sq_format_value(in, buf, 64);
		out->u.s.ptr = buf;
		out->u.s.len = len;
		return 0;
	}
	case SQ_T_DOUBLE:
		if (in->type == SQ_T_BIGINT)
			out->u.d = (double)in->u.i;
		else if (in->type == SQ_T_BOOLEAN)
			out->u.d = in->u.b;
		else
			return -1;
		return 0;
	case SQ_T_BIGINT:
		if (in->type == SQ_T_DOUBLE) {
			double r = nearbyint(in->u.d);
			if (!(r >= -9223372036854775808.0 && r < 9223372036854775808.0))
				return -1;
			/* to nearest, ties to even, as DuckDB does */
			out->u.i = (int64_t)r;
		} else if (in->type == SQ_T_BOOLEAN) {
			out->u.i = in->u.b;
		} else {
			return -1;
		}
		return 0;
	case SQ_T_BOOLEAN:
		if (in->type == SQ_T_BIGINT)
			out->u.b = in->u.i != 0;
		else if (in->type == SQ_T_DOUBLE)
			out->u.b = in->u.d != 0;
		else
			return -1;
		return 0;
	case SQ_T_TIMESTAMP:
	case SQ_T_TIMESTAMPTZ:
		/* an instant and a local time are the same microseconds in the one time zone, UTC */
		if (in->type == SQ_T_DATE) {
			out->u.i = in->u.i * 86400000000LL;
			return 0;
		}
		if (in->type == SQ_T_TIMESTAMP || in->type == SQ_T_TIMESTAMPTZ) {
			out->u.i = in->u.i;
			return 0;
		}
		return -1;
	case SQ_T_DATE:
		if (in->type == SQ_T_TIMESTAMP || in->type == SQ_T_TIMESTAMPTZ) {
			int64_t d = in->u.i / 86400000000LL;
			if (in->u.i % 86400000000LL < 0)
				d--;
			out->u.i = d;
			return 0;
		}
		return -1;
	default:
		return -1;
	}
}
