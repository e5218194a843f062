/* fuzz_query.c - queries over fuzzed CSV: a fixed set of queries, every answer read to the end;
 * and aggregates under a header, read on one thread and in pieces on two, which must agree. */
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

/* Aggregates whose answers do not depend on the order of additions (no sums of doubles), over the
 * fuzzed bytes under the header "a,b": types and the header are sampled, and pieces may start
 * inside quoted fields. */
static const char *const split_queries[] = {
	"SELECT count(*), min(b), max(a), count(DISTINCT b), sum(length(b)) FROM '%s'",
	"SELECT a, count(*), max(b) FROM '%s' GROUP BY a ORDER BY 2 DESC, 1 LIMIT 5",
	"SELECT count(*), sum(b) FROM '%s' WHERE b > 3",
};

/* The whole answer as text, its status when the query fails ("!-5"), into out. */
static void answer(const char *sql, const sluice_query_options *qo, char *out, size_t cap)
{
	sluice_query *q;
	sluice_error err;
	size_t at = 0;
	out[0] = '\0';
	if (sluice_query_open(&q, sql, qo, &err) != SLUICE_OK) {
		snprintf(out, cap, "!%d", err.status);
		return;
	}
	const sluice_value *row;
	int rc;
	while ((rc = sluice_query_next(q, &row)) == SLUICE_OK) {
		for (size_t c = 0; c < sluice_query_column_count(q) && at + 1 < cap; c++) {
			char buf[128];
			sluice_value_format(&row[c], buf, sizeof buf);
			at += (size_t)snprintf(out + at, cap - at, "%s|", buf);
		}
		if (at + 1 >= cap)
			break;
	}
	if (rc < 0)
		snprintf(out, cap, "!%d", rc);
	sluice_query_close(q);
}

static void split_check(const uint8_t *data, size_t size)
{
	char path[] = "/tmp/sluice-fuzz-XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0)
		return;
	static const char header[] = "a,b\n";
	if (write(fd, header, sizeof header - 1) != (ssize_t)(sizeof header - 1) ||
	    write(fd, data, size) != (ssize_t)size) {
		close(fd);
		unlink(path);
		return;
	}
	close(fd);
	const uint64_t len = size + sizeof header - 1;
	uint64_t splits[5];
	for (size_t i = 0; i < 5; i++)
		splits[i] = len * (i + 1) / 6 + (size > i ? data[i] % 7 : 0);
	for (size_t i = 0; i < sizeof split_queries / sizeof split_queries[0]; i++) {
		char sql[256], one[4096], two[4096];
		snprintf(sql, sizeof sql, split_queries[i], path);
		sluice_query_options qo;
		sluice_query_options_init(&qo);
		qo.reader.dialect.header = true;
		qo.reader.dialect.strict = (size & 2) != 0;
		qo.reader.threads = 1;
		answer(sql, &qo, one, sizeof one);
		qo.reader.threads = 2;
		qo.reader.split_offsets = splits;
		qo.reader.nsplits = 5;
		answer(sql, &qo, two, sizeof two);
		if (strcmp(one, two) != 0)
			fprintf(stderr, "%s\none thread: %s\npieces:     %s\n", sql, one, two);
		FUZZ_CHECK(strcmp(one, two) == 0);
	}
	unlink(path);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	split_check(data, size);
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
