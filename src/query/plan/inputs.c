/* inputs.c - the query's inputs (a path, a glob's matches, the caller's list) and readers over them. */
#include <errno.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "query/plan/inputs.h"
#include "scan/scan.h"
#include "scan/sniff.h"

/* The inputs: qo.paths, or FROM's path (a glob pattern names the files it matches). */
int sq_resolve_inputs(sluice_query *q)
{
	const char *from = q->ast->from_path;
	if (q->qo.paths && q->qo.npaths) {
		q->paths = calloc(q->qo.npaths, sizeof *q->paths);
		if (!q->paths)
			return SLUICE_ERR_NOMEM;
		for (size_t i = 0; i < q->qo.npaths; i++)
			if (!(q->paths[q->npaths++] = strdup(q->qo.paths[i])))
				return SLUICE_ERR_NOMEM;
	} else if (strcmp(from, "-") != 0 && strpbrk(from, "*?[") && access(from, F_OK) != 0) {
		glob_t g;
		int gr = glob(from, 0, NULL, &g);
		if (gr == GLOB_NOMATCH || (gr == 0 && g.gl_pathc == 0)) {
			if (gr == 0)
				globfree(&g);
			q->failed = true;
			memset(&q->err, 0, sizeof q->err);
			q->err.status = SLUICE_ERR_IO;
			q->err.sys_errno = ENOENT;
			q->err.file = "<query>";
			snprintf(q->err.message, sizeof q->err.message, "no file matches the pattern '%s'", from);
			return SLUICE_ERR_IO;
		}
		if (gr != 0)
			return SLUICE_ERR_NOMEM;
		q->paths = calloc(g.gl_pathc, sizeof *q->paths);
		for (size_t i = 0; q->paths && i < g.gl_pathc; i++)
			if ((q->paths[q->npaths] = strdup(g.gl_pathv[i])))
				q->npaths++;
		const bool ok = q->paths && q->npaths == g.gl_pathc;
		globfree(&g);
		if (!ok)
			return SLUICE_ERR_NOMEM;
	} else {
		q->paths = calloc(1, sizeof *q->paths);
		if (!q->paths || !(q->paths[0] = strdup(from)))
			return SLUICE_ERR_NOMEM;
		q->npaths = 1;
	}
	q->path = strdup(q->paths[0]);
	q->streamed = q->npaths > 1 || !sl_path_maps(q->paths[0], q->ropts.encoding);
	return q->path ? 0 : SLUICE_ERR_NOMEM;
}

/* Opens a reader over the inputs from their start. One mapped file is opened again each time; a
 * stream is opened once and shared (held in memory from its start until the scan begins). */
int sq_open_with(sluice_query *q, sluice_reader **r, const sluice_options *o)
{
	int rc;
	if (!q->streamed) {
		rc = sluice_reader_open(r, q->paths[0], o, &q->err);
	} else {
		rc = 0;
		if (!q->stream) {
			rc = sl_stream_open(&q->stream, (const char *const *)q->paths, q->npaths, &o->dialect, o->encoding,
			                    &q->err);
			if (!rc)
				sl_stream_hold(q->stream, true);
		}
		if (!rc)
			rc = sluice_reader_open_shared(r, q->stream, q->path, o, &q->err);
	}
	if (rc != SLUICE_OK)
		q->failed = true;
	return rc;
}

int sq_open_reader(sluice_query *q, sluice_reader **r)
{
	return sq_open_with(q, r, &q->ropts);
}

/* The query's reader, q->r: its sniffer decides the dialect's AUTO fields (of several inputs, each
 * is sniffed first and the stream opened with the first one's dialect), which every later reader
 * of the query (the type sample, the parallel parts) then reads with. */
int sq_open_input(sluice_query *q)
{
	sluice_dialect *d = &q->ropts.dialect;
	q->sniff.sniffed = 0;
	if (q->npaths > 1 && sl_dialect_has_auto(d)) {
		int rc = sluice_sniff_inputs((const char *const *)q->paths, q->npaths, &q->ropts, &q->sniff, &q->err);
		if (rc) {
			q->failed = true;
			return rc;
		}
	}
	int rc = sq_open_reader(q, &q->r);
	if (rc)
		return rc;
	*d = *sluice_reader_dialect(q->r);
	snprintf(q->encoding_read, sizeof q->encoding_read, "%s", sluice_reader_encoding(q->r));
	if (!q->sniff.sniffed) /* one input, or standard input among several: the reader sniffed it */
		q->sniff = *sluice_reader_sniff_info(q->r);
	return 0;
}
