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

int sq_func_check(sluice_query *q, sq_expr *e)
{
	const char *f = e->name;
	const size_t n = e->nargs;
	int t0 = n > 0 ? e->args[0]->type : SQ_T_NULL;
	int t1 = n > 1 ? e->args[1]->type : SQ_T_NULL;
	if (!strcmp(f, "lower") || !strcmp(f, "upper") || !strcmp(f, "lcase") || !strcmp(f, "ucase") ||
	    !strcmp(f, "trim") || !strcmp(f, "ltrim") || !strcmp(f, "rtrim")) {
		if (n != 1 || !is_str(t0))
			return bad_args(q, e);
		e->type = SQ_T_VARCHAR;
	} else if (!strcmp(f, "length") || !strcmp(f, "strlen") || !strcmp(f, "char_length")) {
		if (n != 1 || !is_str(t0))
			return bad_args(q, e);
		e->type = SQ_T_BIGINT;
	} else if (!strcmp(f, "substr") || !strcmp(f, "substring")) {
		if (n < 2 || n > 3 || !is_str(t0) || e->args[1]->type != SQ_T_BIGINT ||
		    (n == 3 && e->args[2]->type != SQ_T_BIGINT))
			return bad_args(q, e);
		e->type = SQ_T_VARCHAR;
	} else if (!strcmp(f, "starts_with") || !strcmp(f, "contains") || !strcmp(f, "ends_with") ||
	           !strcmp(f, "prefix") || !strcmp(f, "suffix")) {
		if (n != 2 || !is_str(t0) || !is_str(t1))
			return bad_args(q, e);
		e->type = SQ_T_BOOLEAN;
	} else if (!strcmp(f, "abs")) {
		if (n != 1 || !is_num(t0))
			return bad_args(q, e);
		e->type = t0 == SQ_T_NULL ? SQ_T_DOUBLE : t0;
	} else if (!strcmp(f, "round")) {
		if (n < 1 || n > 2 || !is_num(t0) || (n == 2 && t1 != SQ_T_BIGINT))
			return bad_args(q, e);
		e->type = t0 == SQ_T_NULL ? SQ_T_DOUBLE : t0;
	} else if (!strcmp(f, "floor") || !strcmp(f, "ceil") || !strcmp(f, "ceiling")) {
		if (n != 1 || !is_num(t0))
			return bad_args(q, e);
		e->type = t0 == SQ_T_NULL ? SQ_T_DOUBLE : t0;
	} else if (!strcmp(f, "year") || !strcmp(f, "month") || !strcmp(f, "day") || !strcmp(f, "hour") ||
	           !strcmp(f, "minute") || !strcmp(f, "second") || !strcmp(f, "dayofweek") || !strcmp(f, "quarter")) {
		if (n != 1 || !is_time(t0))
			return bad_args(q, e);
		e->type = SQ_T_BIGINT;
	} else if (!strcmp(f, "date_trunc")) {
		if (n != 2 || e->args[0]->kind != SQ_E_LITERAL || t0 != SQ_T_VARCHAR || !is_time(t1))
			return bad_args(q, e);
		e->type = SQ_T_TIMESTAMP;
	} else if (!strcmp(f, "coalesce") || !strcmp(f, "ifnull")) {
		if (n < 1)
			return bad_args(q, e);
		int t = SQ_T_NULL;
		for (size_t i = 0; i < n; i++) {
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
	} else if (!strcmp(f, "concat")) {
		e->type = SQ_T_VARCHAR;
	} else {
		return sq_sql_error(q, e->pos, "unknown function %s", f);
	}
	return 0;
}
