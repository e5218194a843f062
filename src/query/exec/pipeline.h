/* pipeline.h - a query's plan as chains of physical operators (exec/op.h), built once after binding, and the loops that push views through them. */
#ifndef SLUICE_QUERY_EXEC_PIPELINE_H
#define SLUICE_QUERY_EXEC_PIPELINE_H

#include "query/exec/op.h"

/* One chain: views from source pushed into head, which pushes on down to sink. */
typedef struct sq_pipe {
	sq_operator *source;
	sq_operator *head;
	sq_operator *sink;
	bool done;        /* an operator answered SQ_OPERATOR_DONE: the source is asked no more */
} sq_pipe;

/*
 * The pipelines of a query, run in order: each but the last runs to its end and finishes its sink,
 * which is the next one's source; the last one's sink is the output, from which the caller takes
 * a batch at a time. For example:
 *
 *   GROUP BY:      scan -> group_by | group_by -> collect | collect -> output
 *   ORDER BY:      scan -> project -> order (top_n with LIMIT) | order -> output
 *   rows as read:  scan -> limit -> project -> output
 */
#define SQ_PIPES 3
#define SQ_PIPE_OPS 8
typedef struct sq_pipeline {
	sq_pipe pipe[SQ_PIPES];
	size_t npipes;
	sq_operator *ops[SQ_PIPE_OPS]; /* every operator once, in the order built (for open and free) */
	size_t nops;
	sq_operator *aggregate;        /* the aggregate operator, or NULL */
	bool parallel_agg;       /* the aggregate may scan in parts on several threads (exec/parallel_agg.c) */
	bool opened;
} sq_pipeline;

/* Builds q->pipe from q's plan (after sq_exec_alloc). Returns 0 or SLUICE_ERR_NOMEM. */
int sq_pipeline_build(sluice_query *q);

/* Opens every operator, once (later calls do nothing). 0 or an error. */
int sq_pipeline_open(sq_pipeline *pl);

/* Pushes every view of p's source through it, to the source's end or an SQ_OPERATOR_DONE. 0 or an error. */
int sq_pipe_drain(sq_pipe *p);

/* p's input is over: finishes its sink. 0 or an error. */
int sq_pipe_finish(sq_pipe *p);

/* The next view that reaches p's sink (the output), pushing views from the source until one does.
 * SLUICE_OK, SLUICE_END when the source has ended or an operator is done, or an error. */
int sq_pipe_pull(sq_pipe *p, sq_view *out);

/* Writes the operators' names, pipeline by pipeline ("scan -> group_by | ..."), into buf (at most cap
 * bytes, NUL-terminated when cap > 0); returns the length the text needs. */
size_t sq_pipeline_describe(const sq_pipeline *pl, char *buf, size_t cap);

/* Frees the operators and pl; NULL is a no-op. */
void sq_pipeline_free(sq_pipeline *pl);

#endif
