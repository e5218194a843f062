/* sluice_experimental.h - the calls of libsluice that are not stable yet: EXPLAIN, schema, test hooks. */
#ifndef SLUICE_EXPERIMENTAL_H
#define SLUICE_EXPERIMENTAL_H

/* Nothing here is covered by the stability promise of sluice.h: a call may change its arguments,
 * its output or its name, or go away, in any release, minor and patch ones included. A program
 * that includes this header should be built against the exact version it was written for
 * (compare SLUICE_VERSION_NUMBER with sluice_version_number() at start). The sluice CLI and the
 * test suite use it; the conventions of sluice.h (handles, NULL, threads, ownership) hold here too.
 *
 * These calls are exported by libsluice.so like the stable ones, so that the CLI and tests can
 * link either library; the separate header, not the linker, is what marks them. */

#include "sluice.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------------------------------------
 * Parallel-split test hook: sluice_options.split_offsets and .nsplits. With nsplits > 0, a
 * whole-file scan on more than one thread (a count, a query) splits the file at the nsplits byte
 * offsets split_offsets[0..nsplits) (ascending, read during the scan) instead of in pieces of its
 * own choosing, so that tests can put a range edge inside a quoted field, a CRLF or a UTF-8
 * sequence. The answer must not depend on where the splits fall; only the time does.
 * ------------------------------------------------------------------------------------------- */

/* ---------------------------------------------------------------------------------------------
 * Reader internals the query engine uses.
 * ------------------------------------------------------------------------------------------- */

/* The physical 1-based line of byte `offset` of the input (it reads the input up to there): how a
 * reader with line tracking off (sluice_reader_set_line_tracking) still names a line. 0 when it
 * cannot tell: a stream whose bytes at offset have already been released. */
SLUICE_API uint64_t sluice_reader_line_at(const sluice_reader *r, uint64_t offset);

/* ---------------------------------------------------------------------------------------------
 * EXPLAIN: the plan as text. Its wording and layout change as the planner does.
 * ------------------------------------------------------------------------------------------- */

/* The plan as text: columns read, predicates pushed into the scan, prefilter, aggregates. With
 * analyze, the run-time counters are added (call it after the rows were read). Returns the length
 * needed; writes at most cap bytes, NUL-terminated when cap > 0. */
SLUICE_API size_t sluice_query_explain(const sluice_query *q, bool analyze, char *buf, size_t cap);

/* ---------------------------------------------------------------------------------------------
 * The input side of a query, for `sluice schema` and `sluice stats`.
 * ------------------------------------------------------------------------------------------- */

/* The file the query reads (owned by q), and its reader's counters (repairs of lenient reading;
 * owned by q, never NULL). */
SLUICE_API const char *sluice_query_path(const sluice_query *q);
SLUICE_API const sluice_scan_stats *sluice_query_reader_stats(const sluice_query *q);
/* The input's column names and inferred types. A query over one mapped file with a header that
 * reads no column (SELECT count(*) FROM f) samples the types only at the first call of
 * sluice_query_input_type, with a reader of its own. Names are owned by q. */
SLUICE_API size_t sluice_query_input_count(const sluice_query *q);
SLUICE_API const char *sluice_query_input_name(const sluice_query *q, size_t i);
SLUICE_API sluice_type sluice_query_input_type(const sluice_query *q, size_t i);
/* The dialect the query reads its input with (after sniffing). Owned by q. */
SLUICE_API const sluice_dialect *sluice_query_dialect(const sluice_query *q);
/* What the sniffer decided for the query's input (of several inputs, the first one's). Owned by q. */
SLUICE_API const sluice_sniff_info *sluice_query_sniff_info(const sluice_query *q);
/* The encoding the query's input was read in (sluice_reader_encoding of its reader). Owned by q. */
SLUICE_API const char *sluice_query_encoding(const sluice_query *q);

#ifdef __cplusplus
}
#endif

#endif /* SLUICE_EXPERIMENTAL_H */
