/* fuzz_query.c - queries over fuzzed CSV: a fixed set of queries, every answer read to the end. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"

static const char *const queries[] = {
	"SELECT * FROM '%s'",
	"SELECT count(*), count(DISTINCT column0), min(column1), max(column1) FROM '%s'",
	"SELECT column0, count(*), sum(length(column1)) FROM '%s' GROUP BY column0 ORDER BY 2 DESC, 1 LIMIT 5",
	"SELECT column0 FROM '%s' WHERE column1 LIKE '%%a%%' OR column0 = 'b'",
	"SELECT lower(column0) || upper(column1), CAST(column0 AS DOUBLE) FROM '%s' WHERE column0 IS NOT NULL",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[] = "/tmp/sluice-fuzz-XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0)
		return 0;
	if (write(fd, data, size) != (ssize_t)size) {
		close(fd);
		unlink(path);
		return 0;
	}
	close(fd);
	for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++) {
		char sql[256];
		snprintf(sql, sizeof sql, queries[i], path);
		sluice_query_options qo;
		sluice_query_options_init(&qo);
		qo.reader.dialect.header = false;
		qo.sniff_header = false;
		qo.prefilter = (size & 1) != 0;
		sluice_query *q;
		sluice_error err;
		if (sluice_query_open(&q, sql, &qo, &err) != SLUICE_OK) {
			FUZZ_CHECK(err.status < 0);
			continue;
		}
		const sluice_value *row;
		int rc;
		while ((rc = sluice_query_next(q, &row)) == SLUICE_OK) {
			char buf[128];
			for (size_t c = 0; c < sluice_query_column_count(q); c++)
				sluice_value_format(&row[c], buf, sizeof buf);
		}
		FUZZ_CHECK(rc == SLUICE_END || rc < 0);
		sluice_query_close(q);
	}
	unlink(path);
	return 0;
}
