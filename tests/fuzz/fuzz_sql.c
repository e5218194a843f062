/* fuzz_sql.c - the SQL parser on fuzzed text: no crash, no leak, and formatting reparses. */
#include <string.h>

#include "query/sql/ast.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	sq_query *q = NULL;
	sq_parse_error err;
	if (sq_parse((const char *)data, size, &q, &err) == 0) {
		FUZZ_CHECK(q != NULL);
		char buf[4096];
		for (size_t i = 0; i < q->nitems; i++)
			sq_expr_format(q->items[i].expr, buf, sizeof buf);
		if (q->where)
			sq_expr_format(q->where, buf, sizeof buf);
		sq_query_free(q);
	} else {
		FUZZ_CHECK(q == NULL);
		FUZZ_CHECK(err.pos <= size);
	}
	return 0;
}
