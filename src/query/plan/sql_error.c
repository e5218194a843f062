/* sql_error.c - a mistake in the query text, with its position, into the query's error. */
#include "query/plan/sql_error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int sq_sql_error(sluice_query *q, size_t pos, const char *fmt, ...)
{
	q->failed = true;
	memset(&q->err, 0, sizeof q->err);
	q->err.status = SLUICE_ERR_SQL;
	q->err.file = "<query>";
	q->err.offset = pos;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(q->err.message, sizeof q->err.message, fmt, ap);
	va_end(ap);
	return SLUICE_ERR_SQL;
}
