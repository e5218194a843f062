/* op.h - the physical operator interface: what every step of a query's execution (scan, aggregate, order, limit, projection, output) offers to the pipeline that drives it. */
#ifndef SLUICE_QUERY_EXEC_OP_H
#define SLUICE_QUERY_EXEC_OP_H

#include <stddef.h>
#include <stdint.h>

#include "query/plan/engine.h"

/*
 * Execution is push-based, a batch at a time (after DuckDB's physical operators): a source makes
 * views of up to bcap rows, and each view is pushed through a chain of operators into a sink. An
 * operator that must see all its input before it has output (the aggregate, ORDER BY) is the sink
 * of one pipeline and the source of the next (exec/pipeline.h). Each call is per batch, never per
 * row: the loops over rows stay inside the operators (scan.c, group.c, sort.c).
 *
 * A view borrows what it points at. An input view's rows are the query's input batch (q->in, which
 * sq_fill_batch fills), the n rows sel[0..n); a result view's are evaluated values, column c of
 * row r at vals[c * stride + r] (for now always q->res, stride bcap). Either stays valid until the
 * source that made it is asked for its next view; an operator that keeps rows longer copies them
 * (the order operator copies rows and their strings into q->rows and q->out_arena).
 */
typedef struct sq_view {
	size_t n;              /* rows, at least 1 in any view pushed */
	const uint16_t *sel;   /* input view: rows of q->in; NULL in a result view */
	const sq_value *vals;  /* result view: the values; NULL in an input view */
	size_t stride;         /* result view: values per column */
} sq_view;

/* push's answers besides 0 (more input welcome) and a negative error: the operator wants no more
 * input, its query's answer is complete (LIMIT reached). open may answer it too. */
#define SQ_OPERATOR_DONE 2

typedef struct sq_operator sq_operator;

typedef struct sq_operator_vt {
	const char *name;     /* for --explain and messages */
	/* Before the first push or next, once; may be NULL. 0, SQ_OPERATOR_DONE (no input is wanted at
	 * all: LIMIT 0), or an error. */
	int (*open)(sq_operator *op);
	/* An operator or sink: takes view in (at least one row). A transform pushes what it makes
	 * into op->to and returns what that push returned. 0, SQ_OPERATOR_DONE, or an error (q->err set
	 * where it was detected). NULL for a source only. */
	int (*push)(sq_operator *op, const sq_view *in);
	/* A sink: its input is over (no push after it); a sink that is also a source gets its
	 * output ready here. NULL when there is nothing to do. */
	int (*finish)(sq_operator *op);
	/* A sink: folds part's state into op's. part is the same operator of a part of this query
	 * (exec/part.c: the same plan, its own execution state) whose input is over and which was
	 * not finished; op is not finished yet. The part is left as it is, for its owner to free;
	 * parts are merged in file order. NULL when the operator does not run in parts. */
	int (*merge)(sq_operator *op, sq_operator *part);
	/* A source: the next view into *out. SLUICE_OK, SLUICE_END once there is no more (and again
	 * on each call after), or an error. A sink that is the next pipeline's source (aggregate,
	 * order) is asked only after its finish; the output, after each push. NULL for an
	 * operator that is not a source. */
	int (*next)(sq_operator *op, sq_view *out);
	/* Frees what the operator holds besides itself (not the query's state it works on); the
	 * pipeline frees the operator. NULL when it holds nothing. */
	void (*free)(sq_operator *op);
} sq_operator_vt;

/* Every operator begins with this; its own state follows (each operator's file defines it). */
struct sq_operator {
	const sq_operator_vt *vt;
	sluice_query *q;      /* the query (or the part) whose state the operator works on */
	sq_operator *to;            /* where a transform pushes its output; NULL for a sink */
};

/* The operators, one file each. Each returns NULL when out of memory. */

/* exec/op_scan.c: the scan of the input as input views: sq_fill_batch's batches, the WHERE
 * applied (the prefilter inside the fill), empty ones skipped. */
sq_operator *sq_scan_op_new(sluice_query *q);

/* exec/op_scan.c: count(*) of every record (no WHERE, no prefilter) by the reader's counting loop,
 * into the one aggregate state: a source that makes no views. */
sq_operator *sq_count_op_new(sluice_query *q);

/* exec/op_aggregate.c: the aggregate: a sink of input views (group.c's loops), merged from parts,
 * then a source of result views, a row per group (HAVING applied, the result expressions). */
sq_operator *sq_aggregate_op_new(sluice_query *q);

/* exec/op_order.c: the collected result rows: a sink of result views, then a source of the rows
 * [OFFSET, OFFSET + LIMIT) in ORDER BY order (as they came without ORDER BY). keep is LIMIT +
 * OFFSET (SIZE_MAX: no LIMIT); with prune, only the first keep rows are kept as rows come (top-N). */
sq_operator *sq_order_op_new(sluice_query *q, size_t keep, bool prune);

/* exec/op_limit.c: OFFSET and LIMIT on a stream of views: drops the first OFFSET rows, passes on
 * LIMIT rows, then answers SQ_OPERATOR_DONE. */
sq_operator *sq_limit_op_new(sluice_query *q);

/* exec/op_project.c: the result expressions 0..ncols-1 of input views into result views (q->res). */
sq_operator *sq_project_op_new(sluice_query *q, size_t ncols);

/* exec/op_project.c: the output: a sink that holds the one result view pushed last, and a source
 * that hands it out (once) to whoever returns it as the query's batch. */
sq_operator *sq_output_op_new(sluice_query *q);

#endif
