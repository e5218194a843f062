/* func_types.c - the SQL functions the binder knows: which names aggregate, and each scalar call's types. */
#include "query/plan/func_types.h"

#include <stdio.h>
#include <string.h>

#include "query/plan/sql_error.h"
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
	return t == SQ_T_DATE || t == SQ_T_TIMESTAMP || t == SQ_T_TIMESTAMPTZ || t == SQ_T_NULL;
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

sq_fn sq_fn_lookup(const char *name)
{
	static const struct {
		const char *name;
		sq_fn fn;
	} fns[] = {
		{"lower", SQ_FN_LOWER}, {"lcase", SQ_FN_LOWER}, {"upper", SQ_FN_UPPER}, {"ucase", SQ_FN_UPPER},
		{"trim", SQ_FN_TRIM}, {"ltrim", SQ_FN_LTRIM}, {"rtrim", SQ_FN_RTRIM},
		{"length", SQ_FN_LENGTH}, {"char_length", SQ_FN_LENGTH}, {"strlen", SQ_FN_STRLEN},
		{"substr", SQ_FN_SUBSTR}, {"substring", SQ_FN_SUBSTR},
		{"starts_with", SQ_FN_STARTS_WITH}, {"prefix", SQ_FN_STARTS_WITH}, {"ends_with", SQ_FN_ENDS_WITH},
		{"suffix", SQ_FN_ENDS_WITH}, {"contains", SQ_FN_CONTAINS},
		{"abs", SQ_FN_ABS}, {"round", SQ_FN_ROUND}, {"floor", SQ_FN_FLOOR}, {"ceil", SQ_FN_CEIL}, {"ceiling", SQ_FN_CEIL},
		{"year", SQ_FN_YEAR}, {"month", SQ_FN_MONTH}, {"day", SQ_FN_DAY}, {"hour", SQ_FN_HOUR}, {"minute", SQ_FN_MINUTE},
		{"second", SQ_FN_SECOND}, {"dayofweek", SQ_FN_DAYOFWEEK}, {"quarter", SQ_FN_QUARTER},
		{"week", SQ_FN_WEEK}, {"weekofyear", SQ_FN_WEEK},
		{"date_trunc", SQ_FN_DATE_TRUNC},
		{"coalesce", SQ_FN_COALESCE}, {"ifnull", SQ_FN_COALESCE}, {"concat", SQ_FN_CONCAT},
	};
	for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++)
		if (strcmp(name, fns[i].name) == 0)
			return fns[i].fn;
	return SQ_FN_NONE;
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
	switch (sq_fn_lookup(e->name)) {
	case SQ_FN_LOWER:
	case SQ_FN_UPPER:
	case SQ_FN_TRIM:
	case SQ_FN_LTRIM:
	case SQ_FN_RTRIM:
		if (n != 1 || !is_str(t0))
			return bad_args(q, e);
		e->type = SQ_T_VARCHAR;
		return 0;
	case SQ_FN_LENGTH:
	case SQ_FN_STRLEN:
		if (n != 1 || !is_str(t0))
			return bad_args(q, e);
		e->type = SQ_T_BIGINT;
		return 0;
	case SQ_FN_SUBSTR:
		if (n < 2 || n > 3 || !is_str(t0) || e->args[1]->type != SQ_T_BIGINT ||
		    (n == 3 && e->args[2]->type != SQ_T_BIGINT))
			return bad_args(q, e);
		e->type = SQ_T_VARCHAR;
		return 0;
	case SQ_FN_STARTS_WITH:
	case SQ_FN_ENDS_WITH:
	case SQ_FN_CONTAINS:
		if (n != 2 || !is_str(t0) || !is_str(t1))
			return bad_args(q, e);
		e->type = SQ_T_BOOLEAN;
		return 0;
	case SQ_FN_ROUND:
		if (n < 1 || n > 2 || !is_num(t0) || (n == 2 && t1 != SQ_T_BIGINT))
			return bad_args(q, e);
		e->type = t0 == SQ_T_NULL ? SQ_T_DOUBLE : t0;
		return 0;
	case SQ_FN_ABS:
	case SQ_FN_FLOOR:
	case SQ_FN_CEIL:
		if (n != 1 || !is_num(t0))
			return bad_args(q, e);
		e->type = t0 == SQ_T_NULL ? SQ_T_DOUBLE : t0;
		return 0;
	case SQ_FN_YEAR:
	case SQ_FN_MONTH:
	case SQ_FN_DAY:
	case SQ_FN_HOUR:
	case SQ_FN_MINUTE:
	case SQ_FN_SECOND:
	case SQ_FN_DAYOFWEEK:
	case SQ_FN_QUARTER:
	case SQ_FN_WEEK:
		if (n != 1 || !is_time(t0))
			return bad_args(q, e);
		e->type = SQ_T_BIGINT;
		return 0;
	case SQ_FN_DATE_TRUNC:
		if (n != 2 || e->args[0]->kind != SQ_E_LITERAL || t0 != SQ_T_VARCHAR || !is_time(t1))
			return bad_args(q, e);
		e->type = t1 == SQ_T_TIMESTAMPTZ ? SQ_T_TIMESTAMPTZ : SQ_T_TIMESTAMP; /* as DuckDB's */
		return 0;
	case SQ_FN_COALESCE:
		return coalesce_type(q, e);
	case SQ_FN_CONCAT:
		e->type = SQ_T_VARCHAR;
		return 0;
	case SQ_FN_NONE:
		break;
	}
	return sq_sql_error(q, e->pos, "unknown function %s", e->name);
}
