/* query.c - the public query API: open (options, inputs, dialect, columns, plan, execution state),
 * the batches and rows, the accessors, close. The work is plan/'s and exec/'s. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "io/fault.h"
#include "scan/scan.h"
#include "query/exec/agg.h"
#include "query/exec/parallel_rows.h"
#include "query/exec/pipeline.h"
#include "query/exec/run.h"
#include "query/exec/scan.h"
#include "query/exec/state.h"
#include "query/plan/bind.h"
#include "query/plan/inputs.h"
#include "query/plan/options.h"
#include "query/plan/projection.h"
#include "query/plan/schema.h"
#include "query/values/value.h"
#include "query/plan/sql_error.h"

void sluice_query_options_init(sluice_query_options *qo)
{
	memset(qo, 0, sizeof *qo);
	qo->struct_size = sizeof *qo;
	sluice_options_init(&qo->reader);
	qo->prefilter = true;
	qo->sample_records = 20480;
	qo->decimal_separator = SLUICE_AUTO;
	qo->thousands = SLUICE_AUTO;
}

const char *sluice_type_name(sluice_type type)
{
	return sq_type_name(type);
}

size_t sluice_value_format(const sluice_value *v, char *buf, size_t cap)
{
	char tmp[80];
	const char *src = tmp;
	size_t n;
	if (v->null) {
		n = 0;
	} else if (v->type == SQ_T_VARCHAR) {
		src = v->u.s.ptr;
		n = v->u.s.len;
	} else {
		n = sq_format_value(v, tmp, sizeof tmp);
	}
	if (cap) {
		size_t k = n < cap - 1 ? n : cap - 1;
		memcpy(buf, src, k);
		buf[k] = '\0';
	}
	return n;
}

/* sluice_query_open: the plan and the execution state (the parts of a parallel scan share the
 * plan: exec/part.c). */
static int query_open(sluice_query **out, const char *sql, const sluice_query_options *qo, sluice_error *err)
{
	*out = NULL;
	sluice_query *q = calloc(1, sizeof *q);
	if (!q) {
		if (err) {
			memset(err, 0, sizeof *err);
			err->status = SLUICE_ERR_NOMEM;
		}
		return SLUICE_ERR_NOMEM;
	}
	/* defaults first, so that a caller built against a shorter struct gets them for the rest */
	sluice_query_options_init(&q->qo);
	if (qo)
		memcpy(&q->qo, qo, qo->struct_size && qo->struct_size <= sizeof q->qo ? qo->struct_size : sizeof q->qo);
	q->sql_len = strlen(sql);
	q->sql = strdup(sql);
	q->pf_next = 0;
	q->filename_col = q->qo.filename ? 0 : -1; /* its index is known once the columns are */
	int rc = q->sql ? 0 : SLUICE_ERR_NOMEM;
	if (!rc) {
		sq_parse_error pe;
		if (sq_parse(q->sql, q->sql_len, &q->ast, &pe) != 0)
			rc = sq_sql_error(q, pe.pos, "%s", pe.message);
	}
	if (!rc) {
		if (q->qo.reader.encoding && !(q->encoding = strdup(q->qo.reader.encoding)))
			rc = SLUICE_ERR_NOMEM;
		q->qo.reader.encoding = q->encoding; /* the caller's string is read during the call only */
		q->ropts = q->qo.reader;
		for (const char *const *n = q->qo.nulls; n && *n; n++) {
			char **nn = realloc(q->nulls, (q->nnulls + 1) * sizeof *nn);
			if (nn)
				q->nulls = nn;
			if (!nn || !(nn[q->nnulls] = strdup(*n))) {
				rc = SLUICE_ERR_NOMEM;
				break;
			}
			q->nnulls++;
		}
	}
	if (!rc)
		rc = sq_apply_options(q);
	if (!rc)
		rc = sq_resolve_inputs(q);
	if (!rc)
		rc = sq_open_input(q);
	if (!rc)
		rc = sq_infer_columns(q);
	if (!rc)
		rc = sq_force_types(q);
	if (!rc)
		rc = sq_plan(q);
	if (!rc)
		rc = sq_exec_alloc(q);
	if (!rc)
		rc = sq_pipeline_build(q);
	if (!rc) {
		rc = sq_apply_projection(q, q->r);
		for (size_t i = 0; i < q->npaths; i++) {
			struct stat sb;
			if (stat(q->paths[i], &sb) == 0 && S_ISREG(sb.st_mode))
				q->stats.bytes_total += (uint64_t)sb.st_size;
		}
		if (q->stream)
			sl_stream_hold(q->stream, false); /* the scan begins: pages behind it may go */
	}
	if (rc) {
		if (!q->failed || q->err.status == 0) {
			memset(&q->err, 0, sizeof q->err);
			q->err.status = rc;
			snprintf(q->err.message, sizeof q->err.message, "%s", "out of memory");
		}
		if (err) {
			*err = q->err;
			/* the query's strings die with it: keep the file name in this thread's buffer */
			static _Thread_local char failed_file[1024];
			if (err->file) {
				snprintf(failed_file, sizeof failed_file, "%s", err->file);
				err->file = failed_file;
			}
		}
		sluice_query_close(q);
		return rc;
	}
	*out = q;
	return SLUICE_OK;
}

sluice_status sluice_query_open(sluice_query **out, const char *sql, const sluice_query_options *qo, sluice_error *err)
{
	return query_open(out, sql, qo, err);
}

const char *sluice_query_path(const sluice_query *q)
{
	return q->path;
}

const sluice_scan_stats *sluice_query_reader_stats(const sluice_query *q)
{
	return sluice_reader_stats(q->r);
}

sluice_status sluice_query_open_select(sluice_query **out, const char *path, const char *columns, const char *where,
                             const sluice_query_options *qo, sluice_error *err)
{
	size_t cap = strlen(path) * 2 + strlen(columns) + (where ? strlen(where) : 0) + 64;
	char *sql = malloc(cap);
	if (!sql) {
		*out = NULL;
		if (err) {
			memset(err, 0, sizeof *err);
			err->status = SLUICE_ERR_NOMEM;
		}
		return SLUICE_ERR_NOMEM;
	}
	size_t at = (size_t)snprintf(sql, cap, "SELECT %s FROM '", columns);
	for (const char *p = path; *p; p++) {
		if (*p == '\'')
			sql[at++] = '\'';
		sql[at++] = *p;
	}
	at += (size_t)snprintf(sql + at, cap - at, "'%s%s", where ? " WHERE " : "", where ? where : "");
	int rc = sluice_query_open(out, sql, qo, err);
	free(sql);
	return rc;
}

sluice_status sluice_query_next_batch(sluice_query *q, sluice_batch *b)
{
	int rc;
	SLUICE_GUARDED(rc, sq_next_batch(q, b), sq_query_fault(q));
	return rc;
}

sluice_status sluice_query_next(sluice_query *q, const sluice_value **row)
{
	if (q->res_pos >= q->res_n) {
		sluice_batch b;
		int rc = sluice_query_next_batch(q, &b);
		if (rc != SLUICE_OK)
			return rc;
		q->res_n = b.nrows;
		q->res_pos = 0;
	}
	for (size_t c = 0; c < q->nvisible; c++)
		q->row_out[c] = q->res[c * q->bcap + q->res_pos];
	q->res_pos++;
	*row = q->row_out;
	return SLUICE_OK;
}

/* ------------------------------------------------------------------------------------------ */

size_t sluice_query_column_count(const sluice_query *q)
{
	return q->nvisible;
}

const char *sluice_query_column_name(const sluice_query *q, size_t i)
{
	return i < q->nvisible ? q->out_names[i] : NULL;
}

sluice_type sluice_query_column_type(const sluice_query *q, size_t i)
{
	return i < q->nvisible ? (sluice_type)q->out_types[i] : SLUICE_TYPE_NULL;
}

const sluice_exec_stats *sluice_query_stats(const sluice_query *q)
{
	return &q->stats;
}

const sluice_error *sluice_query_error(const sluice_query *q)
{
	return &q->err;
}

size_t sluice_query_input_count(const sluice_query *q)
{
	return q->nin;
}

const char *sluice_query_input_name(const sluice_query *q, size_t i)
{
	return i < q->nin ? q->in_names[i] : NULL;
}

sluice_type sluice_query_input_type(const sluice_query *q, size_t i)
{
	if (q->typed)
		sq_resolve_deferred_types((sluice_query *)q); /* a cache behind the const */
	return i < q->nin ? (sluice_type)q->in_types[i] : SLUICE_TYPE_NULL;
}

const sluice_dialect *sluice_query_dialect(const sluice_query *q)
{
	return &q->ropts.dialect;
}

const sluice_sniff_info *sluice_query_sniff_info(const sluice_query *q)
{
	return &q->sniff;
}

const char *sluice_query_encoding(const sluice_query *q)
{
	return q->encoding_read[0] ? q->encoding_read : "utf-8";
}

/* Frees what the plan holds (the parts of a parallel scan, which share it, free only their own). */
static void free_plan(sluice_query *q)
{
	sq_query_free(q->ast);
	for (size_t i = 0; i < q->nown; i++)
		sq_expr_free(q->own_exprs[i]);
	free(q->own_exprs);
	for (size_t i = 0; i < q->nin; i++)
		free(q->in_names ? q->in_names[i] : NULL);
	free(q->in_names);
	free(q->in_types);
	free(q->in_fmt);
	free(q->fmt.date_layout);
	free(q->fmt.timestamp_layout);
	free(q->typed);
	free(q->in_slot);
	free(q->slot_col);
	free(q->slot_in_where);
	for (size_t i = 0; i < q->nnulls; i++)
		free(q->nulls[i]);
	free(q->nulls);
	free(q->encoding);
	for (size_t i = 0; i < q->nout; i++)
		free(q->out_names ? q->out_names[i] : NULL);
	free(q->out_names);
	free(q->out_exprs);
	free(q->out_types);
	free(q->aggs);
	free(q->group_exprs);
	free(q->order_cols);
	free(q->order_desc);
	free(q->order_nulls_first);
	free(q->pf_lit);
	free(q->name_slots);
	free(q->path);
	for (size_t i = 0; i < q->npaths; i++)
		free(q->paths[i]);
	free(q->paths);
	free(q->sql);
}

void sluice_query_close(sluice_query *q)
{
	if (!q)
		return;
	sq_rows_par_free(q->par);
	sq_pipeline_free(q->pipe);
	sq_exec_free(q);
	free_plan(q);
	free(q);
}
