/* func.c - scalar SQL functions: result types for the planner and evaluation over batches. */
#include "query/func.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <strings.h>
#include <string.h>

#include "query/values/casefold.h"
#include "query/values/value.h"

bool sq_func_is_aggregate(const char *name, bool distinct, int *kind)
{
	static const struct {
		const char *name;
		int kind;
	} aggs[] = {
		{"count", SQ_AGG_COUNT}, {"sum", SQ_AGG_SUM}, {"avg", SQ_AGG_AVG}, {"mean", SQ_AGG_AVG},
		{"min", SQ_AGG_MIN}, {"max", SQ_AGG_MAX}, {"variance", SQ_AGG_VAR_SAMP}, {"var_samp", SQ_AGG_VAR_SAMP},
		{"var_pop", SQ_AGG_VAR_POP}, {"stddev", SQ_AGG_STDDEV_SAMP}, {"stddev_samp", SQ_AGG_STDDEV_SAMP},
		{"stddev_pop", SQ_AGG_STDDEV_POP}, {"approx_count_distinct", SQ_AGG_APPROX_DISTINCT},
		{"approx_top_count", SQ_AGG_APPROX_TOP},
	};
	(void)distinct;
	for (size_t i = 0; i < sizeof aggs / sizeof aggs[0]; i++) {
		if (strcmp(name, aggs[i].name) == 0) {
			*kind = aggs[i].kind;
			return true;
		}
	}
	return false;
}

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

static bool is_num(int t)
{
	return t == SQ_T_BIGINT || t == SQ_T_DOUBLE || t == SQ_T_NULL;
}

static bool is_str(int t)
{
	return t == SQ_T_VARCHAR || t == SQ_T_NULL;
}

static bool is_time(int t)
{
	return t == SQ_T_DATE || t == SQ_T_TIMESTAMP || t == SQ_T_NULL;
}

static int bad_args(sluice_query *q, sq_expr *e)
{
	char what[128];
	sq_expr_format(e, what, sizeof what);
	char types[96] = "";
	size_t at = 0;
	for (size_t i = 0; i < e->nargs && at < sizeof types - 16; i++)
		at += (size_t)snprintf(types + at, sizeof types - at, "%s%s", i ? ", " : "", sq_type_name(e->args[i]->type));
	return sq_sql_error(q, e->pos, "no function %s(%s): in %s", e->name, types, what);
}

/* The scalar functions, each under one id: a name's synonyms share it. Planning and evaluation
 * both dispatch on the id, so a name is spelled once. */
typedef enum sq_fn {
	FN_NONE,
	FN_LOWER, FN_UPPER, FN_TRIM, FN_LTRIM, FN_RTRIM, FN_LENGTH, FN_STRLEN, FN_SUBSTR,
	FN_STARTS_WITH, FN_ENDS_WITH, FN_CONTAINS,
	FN_ABS, FN_ROUND, FN_FLOOR, FN_CEIL,
	FN_YEAR, FN_MONTH, FN_DAY, FN_HOUR, FN_MINUTE, FN_SECOND, FN_DAYOFWEEK, FN_QUARTER, FN_DATE_TRUNC,
	FN_COALESCE, FN_CONCAT,
} sq_fn;

static sq_fn fn_lookup(const char *name)
{
	static const struct {
		const char *name;
		sq_fn fn;
	} fns[] = {
		{"lower", FN_LOWER}, {"lcase", FN_LOWER}, {"upper", FN_UPPER}, {"ucase", FN_UPPER},
		{"trim", FN_TRIM}, {"ltrim", FN_LTRIM}, {"rtrim", FN_RTRIM},
		{"length", FN_LENGTH}, {"char_length", FN_LENGTH}, {"strlen", FN_STRLEN},
		{"substr", FN_SUBSTR}, {"substring", FN_SUBSTR},
		{"starts_with", FN_STARTS_WITH}, {"prefix", FN_STARTS_WITH}, {"ends_with", FN_ENDS_WITH},
		{"suffix", FN_ENDS_WITH}, {"contains", FN_CONTAINS},
		{"abs", FN_ABS}, {"round", FN_ROUND}, {"floor", FN_FLOOR}, {"ceil", FN_CEIL}, {"ceiling", FN_CEIL},
		{"year", FN_YEAR}, {"month", FN_MONTH}, {"day", FN_DAY}, {"hour", FN_HOUR}, {"minute", FN_MINUTE},
		{"second", FN_SECOND}, {"dayofweek", FN_DAYOFWEEK}, {"quarter", FN_QUARTER},
		{"date_trunc", FN_DATE_TRUNC},
		{"coalesce", FN_COALESCE}, {"ifnull", FN_COALESCE}, {"concat", FN_CONCAT},
	};
	for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++)
		if (strcmp(name, fns[i].name) == 0)
			return fns[i].fn;
	return FN_NONE;
}

/* coalesce's type: the one type of its typed arguments, DOUBLE for a mix of numbers. */
static int coalesce_type(sluice_query *q, sq_expr *e)
{
	if (e->nargs < 1)
		return bad_args(q, e);
	int t = SQ_T_NULL;
	for (size_t i = 0; i < e->nargs; i++) {
		int ti = e->args[i]->type;
		if (t == SQ_T_NULL)
			t = ti;
		else if (ti != SQ_T_NULL && ti != t) {
			if (is_num(t) && is_num(ti))
				t = SQ_T_DOUBLE;
			else
				return bad_args(q, e);
		}
	}
	e->type = t == SQ_T_NULL ? SQ_T_VARCHAR : t;
	return 0;
}

int sq_func_check(sluice_query *q, sq_expr *e)
{
	const size_t n = e->nargs;
	int t0 = n > 0 ? e->args[0]->type : SQ_T_NULL;
	int t1 = n > 1 ? e->args[1]->type : SQ_T_NULL;
	switch (fn_lookup(e->name)) {
	case FN_LOWER:
	case FN_UPPER:
	case FN_TRIM:
	case FN_LTRIM:
	case FN_RTRIM:
		if (n != 1 || !is_str(t0))
			return bad_args(q, e);
		e->type = SQ_T_VARCHAR;
		return 0;
	case FN_LENGTH:
	case FN_STRLEN:
		if (n != 1 || !is_str(t0))
			return bad_args(q, e);
		e->type = SQ_T_BIGINT;
		return 0;
	case FN_SUBSTR:
		if (n < 2 || n > 3 || !is_str(t0) || e->args[1]->type != SQ_T_BIGINT ||
		    (n == 3 && e->args[2]->type != SQ_T_BIGINT))
			return bad_args(q, e);
		e->type = SQ_T_VARCHAR;
		return 0;
	case FN_STARTS_WITH:
	case FN_ENDS_WITH:
	case FN_CONTAINS:
		if (n != 2 || !is_str(t0) || !is_str(t1))
			return bad_args(q, e);
		e->type = SQ_T_BOOLEAN;
		return 0;
	case FN_ROUND:
		if (n < 1 || n > 2 || !is_num(t0) || (n == 2 && t1 != SQ_T_BIGINT))
			return bad_args(q, e);
		e->type = t0 == SQ_T_NULL ? SQ_T_DOUBLE : t0;
		return 0;
	case FN_ABS:
	case FN_FLOOR:
	case FN_CEIL:
		if (n != 1 || !is_num(t0))
			return bad_args(q, e);
		e->type = t0 == SQ_T_NULL ? SQ_T_DOUBLE : t0;
		return 0;
	case FN_YEAR:
	case FN_MONTH:
	case FN_DAY:
	case FN_HOUR:
	case FN_MINUTE:
	case FN_SECOND:
	case FN_DAYOFWEEK:
	case FN_QUARTER:
		if (n != 1 || !is_time(t0))
			return bad_args(q, e);
		e->type = SQ_T_BIGINT;
		return 0;
	case FN_DATE_TRUNC:
		if (n != 2 || e->args[0]->kind != SQ_E_LITERAL || t0 != SQ_T_VARCHAR || !is_time(t1))
			return bad_args(q, e);
		e->type = SQ_T_TIMESTAMP;
		return 0;
	case FN_COALESCE:
		return coalesce_type(q, e);
	case FN_CONCAT:
		e->type = SQ_T_VARCHAR;
		return 0;
	case FN_NONE:
		break;
	}
	return sq_sql_error(q, e->pos, "unknown function %s", e->name);
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
				if (sq_cast(q, x, e->type, &out[k], &q->batch_arena))
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
		case FN_LOWER:
		case FN_UPPER: {
			char *buf = sq_arena_alloc(&q->batch_arena, 3 * a[k].u.s.len + 1);
			if (!buf)
				return SLUICE_ERR_NOMEM;
			out[k] = a[k];
			out[k].u.s.ptr = buf;
			out[k].u.s.len = sq_utf8_case(a[k].u.s.ptr, a[k].u.s.len, buf, fn == FN_UPPER);
			break;
		}
		case FN_TRIM:
		case FN_LTRIM:
		case FN_RTRIM: {
			const char *s = a[k].u.s.ptr;
			size_t lo = 0, hi = a[k].u.s.len;
			if (fn != FN_RTRIM)
				while (lo < hi && s[lo] == ' ')
					lo++;
			if (fn != FN_LTRIM)
				while (hi > lo && s[hi - 1] == ' ')
					hi--;
			out[k] = a[k];
			out[k].u.s.ptr = s + lo;
			out[k].u.s.len = hi - lo;
			break;
		}
		case FN_LENGTH:
			out[k] = int_value((int64_t)utf8_count(a[k].u.s.ptr, a[k].u.s.len));
			break;
		case FN_STRLEN:
			out[k] = int_value((int64_t)a[k].u.s.len);
			break;
		case FN_SUBSTR:
			out[k] = substr_value(&a[k], b[k].u.i, c ? &c[k] : NULL);
			break;
		case FN_STARTS_WITH:
			out[k] = bool_value(a[k].u.s.len >= b[k].u.s.len && memcmp(a[k].u.s.ptr, b[k].u.s.ptr, b[k].u.s.len) == 0);
			break;
		case FN_ENDS_WITH:
			out[k] = bool_value(a[k].u.s.len >= b[k].u.s.len &&
			                    memcmp(a[k].u.s.ptr + a[k].u.s.len - b[k].u.s.len, b[k].u.s.ptr, b[k].u.s.len) == 0);
			break;
		default: /* FN_CONTAINS */
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
		if (fn == FN_ABS) {
			if (a[k].type == SQ_T_DOUBLE)
				out[k].u.d = fabs(a[k].u.d);
			else if (a[k].u.i == INT64_MIN)
				return sq_sql_error(q, e->pos, "integer overflow in %s", "abs");
			else
				out[k].u.i = a[k].u.i < 0 ? -a[k].u.i : a[k].u.i;
		} else if (a[k].type == SQ_T_DOUBLE) {
			out[k].u.d = fn == FN_ROUND ? round_to(a[k].u.d, b ? b[k].u.i : 0)
			           : fn == FN_FLOOR ? floor(a[k].u.d)
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
		out[k].type = SQ_T_TIMESTAMP;
		out[k].null = false;
		out[k].u.i = r;
	}
	return 0;
}

/* year, month, day, hour, minute, second, dayofweek and quarter of a date or timestamp. */
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
		case FN_YEAR: r = y; break;
		case FN_MONTH: r = m; break;
		case FN_DAY: r = d; break;
		case FN_QUARTER: r = (m - 1) / 3 + 1; break;
		case FN_DAYOFWEEK: r = ((days + 4) % 7 + 7) % 7; break; /* 0 = Sunday */
		case FN_HOUR: r = in_day / 3600000000LL; break;
		case FN_MINUTE: r = in_day / 60000000LL % 60; break;
		default: r = in_day / 1000000LL % 60; break; /* FN_SECOND */
		}
		out[k] = int_value(r);
	}
	return 0;
}

int sq_func_eval(sluice_query *q, sq_expr *e, size_t n, sq_value *out)
{
	const sq_fn fn = fn_lookup(e->name);
	const fn_args x = {
		.a = e->nargs > 0 ? sq_scratch_get(q, e->args[0]) : NULL,
		.b = e->nargs > 1 ? sq_scratch_get(q, e->args[1]) : NULL,
		.c = e->nargs > 2 ? sq_scratch_get(q, e->args[2]) : NULL,
	};
	switch (fn) {
	case FN_COALESCE:
		return eval_coalesce(q, e, n, out);
	case FN_CONCAT:
		return eval_concat(q, e, n, out);
	case FN_LOWER:
	case FN_UPPER:
	case FN_TRIM:
	case FN_LTRIM:
	case FN_RTRIM:
	case FN_LENGTH:
	case FN_STRLEN:
	case FN_SUBSTR:
	case FN_STARTS_WITH:
	case FN_ENDS_WITH:
	case FN_CONTAINS:
		return eval_string(q, e, fn, &x, n, out);
	case FN_ABS:
	case FN_ROUND:
	case FN_FLOOR:
	case FN_CEIL:
		return eval_math(q, e, fn, &x, n, out);
	case FN_DATE_TRUNC:
		return eval_date_trunc(q, e, &x, n, out);
	case FN_YEAR:
	case FN_MONTH:
	case FN_DAY:
	case FN_HOUR:
	case FN_MINUTE:
	case FN_SECOND:
	case FN_DAYOFWEEK:
	case FN_QUARTER:
		return eval_date_part(e, fn, &x, n, out);
	case FN_NONE:
		break;
	}
	return sq_sql_error(q, e->pos, "unknown function %s", e->name);
}
