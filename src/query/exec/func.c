/* func.c - scalar SQL functions evaluated over batches (their types are checked in plan/func_types.c). */
#include "query/exec/func.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <strings.h>
#include <string.h>

#include "query/exec/scratch.h"
#include "query/plan/func_types.h"
#include "query/plan/sql_error.h"
#include "query/values/casefold.h"
#include "query/values/cast.h"
#include "query/values/value.h"

void sq_civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
	z += 719468;
	const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	const unsigned doe = (unsigned)(z - era * 146097);
	const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	const int64_t yy = (int64_t)yoe + era * 400;
	const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	const unsigned mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yy + (*m <= 2);
}

int64_t sq_days_from_civil(int64_t y, unsigned m, unsigned d)
{
	y -= m <= 2;
	const int64_t era = (y >= 0 ? y : y - 399) / 400;
	const unsigned yoe = (unsigned)(y - era * 400);
	const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

static sq_value int_value(int64_t i)
{
	sq_value v;
	memset(&v, 0, sizeof v);
	v.type = SQ_T_BIGINT;
	v.u.i = i;
	return v;
}

static sq_value bool_value(bool b)
{
	sq_value v;
	memset(&v, 0, sizeof v);
	v.type = SQ_T_BOOLEAN;
	v.u.b = b;
	return v;
}

/* Number of UTF-8 characters (lead bytes) in s. */
static size_t utf8_count(const char *s, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += ((unsigned char)s[i] & 0xC0) != 0x80;
	return k;
}

/* Byte offset of character index ci (0-based) in s, or n. */
static size_t utf8_offset(const char *s, size_t n, size_t ci)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (((unsigned char)s[i] & 0xC0) != 0x80) {
			if (k == ci)
				return i;
			k++;
		}
	}
	return n;
}

static double round_to(double x, int64_t digits)
{
	if (digits > 300 || digits < -300 || !isfinite(x))
		return x;
	double p = pow(10.0, (double)digits);
	double r = round(x * p) / p;
	return isfinite(r) ? r : x;
}

static int64_t time_micros(const sq_value *v)
{
	return v->type == SQ_T_DATE ? v->u.i * 86400000000LL : v->u.i;
}

static int64_t floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;
	return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

static int eval_coalesce(sluice_query *q, const sq_expr *e, size_t n, sq_value *out)
{
	for (size_t k = 0; k < n; k++) {
		out[k] = sq_null(e->type);
		for (size_t i = 0; i < e->nargs; i++) {
			const sq_value *x = &sq_scratch_get(q, e->args[i])[k];
			if (!x->null) {
				if (sq_cast(x, e->type, &out[k], &q->batch_arena))
					return SLUICE_ERR_NOMEM;
				break;
			}
		}
	}
	return 0;
}

/* concat skips NULL arguments and formats the others as text. */
static int eval_concat(sluice_query *q, const sq_expr *e, size_t n, sq_value *out)
{
	for (size_t k = 0; k < n; k++) {
		size_t total = 0;
		for (size_t i = 0; i < e->nargs; i++) {
			const sq_value *x = &sq_scratch_get(q, e->args[i])[k];
			total += x->null ? 0 : x->type == SQ_T_VARCHAR ? x->u.s.len : 64;
		}
		char *buf = sq_arena_alloc(&q->batch_arena, total + 1);
		if (!buf)
			return SLUICE_ERR_NOMEM;
		size_t at = 0;
		for (size_t i = 0; i < e->nargs; i++) {
			const sq_value *x = &sq_scratch_get(q, e->args[i])[k];
			if (x->null)
				continue;
			if (x->type == SQ_T_VARCHAR) {
				memcpy(buf + at, x->u.s.ptr, x->u.s.len);
				at += x->u.s.len;
			} else {
				at += sq_format_value(x, buf + at, 64);
			}
		}
		out[k].type = SQ_T_VARCHAR;
		out[k].null = false;
		out[k].u.s.ptr = buf;
		out[k].u.s.len = at;
	}
	return 0;
}

/* The arguments of a function other than coalesce and concat, up to three; a row with a NULL
 * among them gives NULL. */
typedef struct fn_args {
	const sq_value *a, *b, *c;
} fn_args;

static bool any_null(const fn_args *x, size_t k)
{
	return (x->a && x->a[k].null) || (x->b && x->b[k].null) || (x->c && x->c[k].null);
}

/* substr(s, start[, len]): a 1-based start in characters; a start <= 0 counts from before the
 * first character. */
static sq_value substr_value(const sq_value *s, int64_t start, const sq_value *len_arg)
{
	const char *p = s->u.s.ptr;
	const size_t slen = s->u.s.len;
	const int64_t nchars = (int64_t)utf8_count(p, slen);
	int64_t len = len_arg ? len_arg->u.i : INT64_MAX / 4;
	if (start < 0)
		start = nchars + start + 1;
	int64_t from = start - 1, to = len > 0 ? from + len : from;
	if (from < 0)
		from = 0;
	if (to > nchars)
		to = nchars;
	sq_value r = *s;
	if (to <= from) {
		r.u.s.len = 0;
	} else {
		size_t bf = utf8_offset(p, slen, (size_t)from), bt = utf8_offset(p, slen, (size_t)to);
		r.u.s.ptr = p + bf;
		r.u.s.len = bt - bf;
	}
	return r;
}

static int eval_string(sluice_query *q, const sq_expr *e, sq_fn fn, const fn_args *x, size_t n, sq_value *out)
{
	const sq_value *a = x->a, *b = x->b, *c = x->c;
	for (size_t k = 0; k < n; k++) {
		if (any_null(x, k)) {
			out[k] = sq_null(e->type);
			continue;
		}
		switch (fn) {
		case SQ_FN_LOWER:
		case SQ_FN_UPPER: {
			char *buf = sq_arena_alloc(&q->batch_arena, 3 * a[k].u.s.len + 1);
			if (!buf)
				return SLUICE_ERR_NOMEM;
			out[k] = a[k];
			out[k].u.s.ptr = buf;
			out[k].u.s.len = sq_utf8_case(a[k].u.s.ptr, a[k].u.s.len, buf, fn == SQ_FN_UPPER);
			break;
		}
		case SQ_FN_TRIM:
		case SQ_FN_LTRIM:
		case SQ_FN_RTRIM: {
			const char *s = a[k].u.s.ptr;
			size_t lo = 0, hi = a[k].u.s.len;
			if (fn != SQ_FN_RTRIM)
				while (lo < hi && s[lo] == ' ')
					lo++;
			if (fn != SQ_FN_LTRIM)
				while (hi > lo && s[hi - 1] == ' ')
					hi--;
			out[k] = a[k];
			out[k].u.s.ptr = s + lo;
			out[k].u.s.len = hi - lo;
			break;
		}
		case SQ_FN_LENGTH:
			out[k] = int_value((int64_t)utf8_count(a[k].u.s.ptr, a[k].u.s.len));
			break;
		case SQ_FN_STRLEN:
			out[k] = int_value((int64_t)a[k].u.s.len);
			break;
		case SQ_FN_SUBSTR:
			out[k] = substr_value(&a[k], b[k].u.i, c ? &c[k] : NULL);
			break;
		case SQ_FN_STARTS_WITH:
			out[k] = bool_value(a[k].u.s.len >= b[k].u.s.len && memcmp(a[k].u.s.ptr, b[k].u.s.ptr, b[k].u.s.len) == 0);
			break;
		case SQ_FN_ENDS_WITH:
			out[k] = bool_value(a[k].u.s.len >= b[k].u.s.len &&
			                    memcmp(a[k].u.s.ptr + a[k].u.s.len - b[k].u.s.len, b[k].u.s.ptr, b[k].u.s.len) == 0);
			break;
		default: /* SQ_FN_CONTAINS */
			out[k] = bool_value(b[k].u.s.len == 0 ||
			                    memmem(a[k].u.s.ptr, a[k].u.s.len, b[k].u.s.ptr, b[k].u.s.len) != NULL);
			break;
		}
	}
	return 0;
}

/* abs, round, floor and ceil keep the argument's type; on a BIGINT only abs does anything. */
static int eval_math(sluice_query *q, const sq_expr *e, sq_fn fn, const fn_args *x, size_t n, sq_value *out)
{
	const sq_value *a = x->a, *b = x->b;
	for (size_t k = 0; k < n; k++) {
		if (any_null(x, k)) {
			out[k] = sq_null(e->type);
			continue;
		}
		out[k] = a[k];
		if (fn == SQ_FN_ABS) {
			if (a[k].type == SQ_T_DOUBLE)
				out[k].u.d = fabs(a[k].u.d);
			else if (a[k].u.i == INT64_MIN)
				return sq_sql_error(q, e->pos, "integer overflow in %s", "abs");
			else
				out[k].u.i = a[k].u.i < 0 ? -a[k].u.i : a[k].u.i;
		} else if (a[k].type == SQ_T_DOUBLE) {
			out[k].u.d = fn == SQ_FN_ROUND ? round_to(a[k].u.d, b ? b[k].u.i : 0)
			           : fn == SQ_FN_FLOOR ? floor(a[k].u.d)
			                            : ceil(a[k].u.d);
		}
	}
	return 0;
}

/* date_trunc(part, t): the start of t's year, quarter, month, ISO week, day, hour, minute or second. */
static int eval_date_trunc(sluice_query *q, const sq_expr *e, const fn_args *x, size_t n, sq_value *out)
{
	for (size_t k = 0; k < n; k++) {
		if (any_null(x, k)) {
			out[k] = sq_null(e->type);
			continue;
		}
		const sq_value *part = &x->a[k];
		int64_t us = time_micros(&x->b[k]);
		int64_t days = floor_div(us, 86400000000LL);
		int64_t y;
		unsigned m, d;
		sq_civil_from_days(days, &y, &m, &d);
		int64_t r;
		const char *p = part->u.s.ptr;
		size_t pl = part->u.s.len;
#define PART(s) (pl == sizeof(s) - 1 && strncasecmp(p, s, pl) == 0)
		if (PART("year"))
			r = sq_days_from_civil(y, 1, 1) * 86400000000LL;
		else if (PART("quarter"))
			r = sq_days_from_civil(y, (m - 1) / 3 * 3 + 1, 1) * 86400000000LL;
		else if (PART("month"))
			r = sq_days_from_civil(y, m, 1) * 86400000000LL;
		else if (PART("week")) /* ISO weeks start on Monday; 1970-01-01 was a Thursday */
			r = (days - ((days + 3) % 7 + 7) % 7) * 86400000000LL;
		else if (PART("day"))
			r = days * 86400000000LL;
		else if (PART("hour"))
			r = floor_div(us, 3600000000LL) * 3600000000LL;
		else if (PART("minute"))
			r = floor_div(us, 60000000LL) * 60000000LL;
		else if (PART("second"))
			r = floor_div(us, 1000000LL) * 1000000LL;
		else
			return sq_sql_error(q, e->args[0]->pos, "unknown date part '%.*s'", (int)pl, p);
#undef PART
		out[k].type = (uint8_t)e->type; /* TIMESTAMPTZ for one, as the plan said */
		out[k].null = false;
		out[k].u.i = r;
	}
	return 0;
}

/* The ISO 8601 week of the date days days after 1970-01-01: weeks start on Monday, and week 1 is
 * the one that holds its year's first Thursday (so 2021-01-03 is in week 53 of 2020). */
static int64_t iso_week(int64_t days)
{
	const int64_t thursday = days - ((days + 3) % 7 + 7) % 7 + 3; /* 1970-01-01 was a Thursday */
	int64_t y;
	unsigned m, d;
	sq_civil_from_days(thursday, &y, &m, &d);
	return (thursday - sq_days_from_civil(y, 1, 1)) / 7 + 1;
}

/* year, month, day, hour, minute, second, dayofweek, quarter and ISO week of a date or timestamp. */
static int eval_date_part(const sq_expr *e, sq_fn fn, const fn_args *x, size_t n, sq_value *out)
{
	for (size_t k = 0; k < n; k++) {
		if (any_null(x, k)) {
			out[k] = sq_null(e->type);
			continue;
		}
		int64_t us = time_micros(&x->a[k]);
		int64_t days = floor_div(us, 86400000000LL);
		int64_t in_day = us - days * 86400000000LL;
		int64_t y;
		unsigned m, d;
		sq_civil_from_days(days, &y, &m, &d);
		int64_t r;
		switch (fn) {
		case SQ_FN_YEAR: r = y; break;
		case SQ_FN_MONTH: r = m; break;
		case SQ_FN_DAY: r = d; break;
		case SQ_FN_QUARTER: r = (m - 1) / 3 + 1; break;
		case SQ_FN_DAYOFWEEK: r = ((days + 4) % 7 + 7) % 7; break; /* 0 = Sunday */
		case SQ_FN_WEEK: r = iso_week(days); break;
		case SQ_FN_HOUR: r = in_day / 3600000000LL; break;
		case SQ_FN_MINUTE: r = in_day / 60000000LL % 60; break;
		default: r = in_day / 1000000LL % 60; break; /* SQ_FN_SECOND */
		}
		out[k] = int_value(r);
	}
	return 0;
}

int sq_func_eval(sluice_query *q, sq_expr *e, size_t n, sq_value *out)
{
	const sq_fn fn = sq_fn_lookup(e->name);
	const fn_args x = {
		.a = e->nargs > 0 ? sq_scratch_get(q, e->args[0]) : NULL,
		.b = e->nargs > 1 ? sq_scratch_get(q, e->args[1]) : NULL,
		.c = e->nargs > 2 ? sq_scratch_get(q, e->args[2]) : NULL,
	};
	switch (fn) {
	case SQ_FN_COALESCE:
		return eval_coalesce(q, e, n, out);
	case SQ_FN_CONCAT:
		return eval_concat(q, e, n, out);
	case SQ_FN_LOWER:
	case SQ_FN_UPPER:
	case SQ_FN_TRIM:
	case SQ_FN_LTRIM:
	case SQ_FN_RTRIM:
	case SQ_FN_LENGTH:
	case SQ_FN_STRLEN:
	case SQ_FN_SUBSTR:
	case SQ_FN_STARTS_WITH:
	case SQ_FN_ENDS_WITH:
	case SQ_FN_CONTAINS:
		return eval_string(q, e, fn, &x, n, out);
	case SQ_FN_ABS:
	case SQ_FN_ROUND:
	case SQ_FN_FLOOR:
	case SQ_FN_CEIL:
		return eval_math(q, e, fn, &x, n, out);
	case SQ_FN_DATE_TRUNC:
		return eval_date_trunc(q, e, &x, n, out);
	case SQ_FN_YEAR:
	case SQ_FN_MONTH:
	case SQ_FN_DAY:
	case SQ_FN_HOUR:
	case SQ_FN_MINUTE:
	case SQ_FN_SECOND:
	case SQ_FN_DAYOFWEEK:
	case SQ_FN_QUARTER:
	case SQ_FN_WEEK:
		return eval_date_part(e, fn, &x, n, out);
	case SQ_FN_NONE:
		break;
	}
	return sq_sql_error(q, e->pos, "unknown function %s", e->name);
}
