/* part.c - a part of a parallel scan: the query's plan, shared read-only, with an execution state of its own. */
#include "query/exec/part.h"

#include <stdlib.h>
#include <string.h>

#include "io/stream.h"
#include "query/exec/pipeline.h"
#include "query/exec/state.h"
#include "query/plan/inputs.h"
#include "query/plan/projection.h"

/* The parent's plan into q, shared: the fields that plan/ fills and execution only reads. */
static void share_plan(sluice_query *q, const sluice_query *p)
{
	q->plan_of = p;
	q->ast = p->ast;
	q->sql = p->sql;
	q->sql_len = p->sql_len;
	q->path = p->path;
	q->paths = p->paths;
	q->npaths = p->npaths;
	q->streamed = p->streamed;
	q->filename_col = p->filename_col;
	q->nin = p->nin;
	q->in_names = p->in_names;
	q->in_fmt = p->in_fmt;
	q->fmt = p->fmt;
	q->in_slot = p->in_slot;
	q->nread = p->nread;
	q->slot_col = p->slot_col;
	q->max_fields = p->max_fields;
	q->slot_in_where = p->slot_in_where;
	q->all_varchar = p->all_varchar;
	q->nulls = p->nulls;
	q->nnulls = p->nnulls;
	q->out_exprs = p->out_exprs;
	q->out_names = p->out_names;
	q->out_types = p->out_types;
	q->nout = p->nout;
	q->nvisible = p->nvisible;
	q->aggregate = p->aggregate;
	q->aggs = p->aggs;
	q->naggs = p->naggs;
	q->group_exprs = p->group_exprs;
	q->ngroup = p->ngroup;
	q->where = p->where;
	q->having = p->having;
	q->order_cols = p->order_cols;
	q->order_desc = p->order_desc;
	q->order_nulls_first = p->order_nulls_first;
	q->norder = p->norder;
	q->limit = p->limit;
	q->offset = p->offset;
	q->next_node = p->next_node;
	q->pf_lit = p->pf_lit;
	q->pf_len = p->pf_len;
	q->pf_ci = p->pf_ci;
}

int sq_part_open(sluice_query **out, const sluice_query *parent, const sluice_query_options *qo)
{
	*out = NULL;
	sluice_query *q = calloc(1, sizeof *q);
	if (!q)
		return SLUICE_ERR_NOMEM;
	share_plan(q, parent);
	q->qo = *qo;
	q->ropts = qo->reader;
	q->ropts.dialect = parent->ropts.dialect; /* as sniffed */
	q->ropts.encoding = parent->ropts.encoding; /* the parent's copy: the caller's may be gone */
	/* a part reads a range past the header, whose names it has from the parent: its reader need
	 * not read the header again, unless a ragged policy measures records against it */
	if (q->ropts.ragged == SLUICE_RAGGED_KEEP && !parent->streamed && parent->npaths == 1)
		q->ropts.dialect.header = false;
	/* the types of its own: sluice_query_input_type may type the parent's unread columns while
	 * the part runs */
	q->in_types = calloc(q->nin + 2, sizeof *q->in_types);
	int rc = q->in_types ? 0 : SLUICE_ERR_NOMEM;
	if (!rc) {
		memcpy(q->in_types, parent->in_types, q->nin * sizeof *q->in_types);
		rc = sq_open_reader(q, &q->r);
	}
	if (!rc)
		rc = sq_exec_alloc(q);
	if (!rc)
		rc = sq_pipeline_build(q);
	if (!rc)
		rc = sq_apply_projection(q, q->r);
	if (!rc && q->stream)
		sl_stream_hold(q->stream, false);
	if (rc) {
		sq_part_close(q);
		return rc;
	}
	*out = q;
	return SLUICE_OK;
}

void sq_part_close(sluice_query *q)
{
	if (!q)
		return;
	sq_pipeline_free(q->pipe);
	sq_exec_free(q);
	free(q->in_types);
	free(q);
}
