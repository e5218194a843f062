/* engine.h - the query's internal state (struct sluice_query): its plan, which plan/ makes, and the
 * execution state exec/ runs it with. Below both, so that either may include it. */
#ifndef SLUICE_QUERY_PLAN_ENGINE_H
#define SLUICE_QUERY_PLAN_ENGINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sluice_experimental.h" /* the library implements both headers */
#include "io/stream.h"
#include "query/plan/column_sniff.h"
#include "query/sql/ast.h"
#include "query/values/arena.h"

#define SQ_EAGER 8              /* slots decoded as soon as they are cut, at most */
#define SQ_BATCH 1024          /* rows per batch, at most (sel holds uint16_t) */
#define SQ_BATCH_BYTES ((size_t)16 << 20) /* a wide query's batches get fewer rows to stay within this */

/* One aggregate call of the query, e.g. sum(fare). */
typedef enum sq_agg_kind {
	SQ_AGG_COUNT_STAR,
	SQ_AGG_COUNT,
	SQ_AGG_SUM,
	SQ_AGG_AVG,
	SQ_AGG_MIN,
	SQ_AGG_MAX,
	SQ_AGG_VAR_SAMP,
	SQ_AGG_VAR_POP,
	SQ_AGG_STDDEV_SAMP,
	SQ_AGG_STDDEV_POP,
	SQ_AGG_APPROX_DISTINCT,    /* approx_count_distinct(x): HyperLogLog */
	SQ_AGG_APPROX_TOP,         /* approx_top_count(x, k): Space-Saving, the result as text */
} sq_agg_kind;

typedef struct sq_agg {
	int kind;              /* sq_agg_kind */
	bool distinct;
	sq_expr *arg;          /* NULL for count(*) */
	int arg_type;
	int result_type;
	int64_t param;         /* approx_top_count: the values reported */
} sq_agg;

/* The running state of one aggregate in one group (exec/agg.h). */
typedef struct sq_agg_state sq_agg_state;

/* A hash set of typed values (count DISTINCT). */
typedef struct sq_set sq_set;

/* A text group key seen lately and its group number (exec/group.c's find_groups). */
#define GROUP_CACHE 16           /* a power of two */
#define GROUP_CACHE_KEY 32
typedef struct sq_gcache {
	size_t len;
	uint32_t gid1;                 /* the group number + 1; 0: a free entry */
	char key[GROUP_CACHE_KEY];
} sq_gcache;

/* The group-by table: key values and aggregate states per group, keyed with XXH3. */
typedef struct sq_groups sq_groups;

/* One batch of input records, column-major over the columns the query reads. */
typedef struct sq_batch {
	size_t n;                      /* records in the batch */
	sluice_field *fields;          /* [ncols_read][bcap] slices; absent fields have ptr == NULL */
	uint64_t *line;                /* per record */
	uint64_t *offset;
	sq_value *vals;                /* [ncols_read][bcap] decoded values */
	uint32_t *gen;                 /* [ncols_read][bcap] == cur_gen when decoded */
	uint32_t cur_gen;
	/* The eagerly decoded DOUBLE slots as plain doubles (see exec/scan.c's decode_eager): rows [0, dense[s])
	 * of slot s are non-NULL doubles, dbl[s * bcap + row], for the loops that read a whole
	 * batch of one column; vals and gen know nothing of them. */
	double *dbl;                   /* [ncols_read][bcap] */
	size_t *dense;                 /* [ncols_read] */
} sq_batch;

/* A vector of values for the rows of a selection (dense: out[k] is for row sel[k]). */
typedef struct sq_vec {
	sq_value *v;
} sq_vec;

/* Per-expression scratch for batch evaluation, indexed by a node number. */
typedef struct sq_scratch {
	sq_value **bufs;       /* one buffer of bcap values per node */
	size_t n;
	size_t cap;
} sq_scratch;

struct sluice_query {
	const struct sluice_query *plan_of; /* a part of a parallel scan: the query whose plan it shares (exec/part.c), else NULL */
	sq_query *ast;
	char *sql;
	size_t sql_len;
	sluice_query_options qo;
	sluice_options ropts;          /* after read_csv options; its dialect as sniffed once q->r is open */
	sluice_sniff_info sniff;       /* what the sniffer decided (sq_open_input) */
	char *encoding;                /* ropts.encoding's copy: the caller's, or read_csv(encoding = ...) */
	char encoding_read[48];        /* the encoding the input was read in (sq_open_input) */
	sluice_reader *r;
	const struct ix_kernel *kern;  /* the reader's kernel (its decimal parser), NULL for scalar */
	char *path;                    /* FROM's path (or the first input), for messages */
	char **paths;                  /* the inputs: FROM's path, its glob's matches, or qo.paths */
	size_t npaths;
	bool streamed;                 /* the inputs are not one mapped file: they are read as a stream */
	sl_stream *stream;             /* that stream, once opened */
	long filename_col;             /* the input column `filename`, or -1 */
	sluice_error err;
	sluice_exec_stats stats;
	sluice_scan_stats parts_scan;  /* the scan counters of the parts of a parallel scan, summed */
	bool parts_ran;                /* parts read (some of) the input */
	bool planned_only;             /* q->r only planned the parts: they read all of the input */
	bool failed;
	bool finished;

	/* input columns */
	size_t nin;
	char **in_names;
	uint32_t *name_slots;          /* plan/bind.c's name index: column + 1 by XXH3 of the name, then of its lower case */
	size_t name_mask;
	int *in_types;
	sq_text_format *in_fmt;        /* how each column's values are written (plan/column_sniff.c) */
	long *in_slot;                 /* input column -> read slot, or -1 */
	size_t nread;                  /* columns read (slots) */
	long *slot_col;                /* slot -> input column */
	size_t max_fields;             /* projection: fields cut per record */
	bool *slot_in_where;
	bool all_varchar;              /* read_csv(all_varchar=true): no type inference */
	/* the columns typed when the query opened, when it left the others (which it does not read)
	 * to be typed when asked; NULL once all are */
	bool *typed;
	sq_format_options fmt;         /* the value formats the flags and read_csv options fix */
	char **nulls;                  /* NULL spellings */
	size_t nnulls;

	/* plan */
	sq_expr **out_exprs;           /* result expressions (SELECT items, * expanded) */
	char **out_names;
	int *out_types;
	size_t nout;                   /* result columns, hidden ORDER BY keys included */
	size_t nvisible;               /* result columns handed out */
	bool aggregate;                /* any aggregate or GROUP BY */
	sq_agg *aggs;
	size_t naggs;
	sq_expr **group_exprs;
	size_t ngroup;
	sq_expr *where;
	sq_expr *having;
	size_t *order_cols;            /* ORDER BY keys: result column indexes (hidden ones after nvisible) */
	bool *order_desc;
	bool *order_nulls_first;
	size_t norder;
	int64_t limit;
	int64_t offset;
	int next_node;                 /* expression node numbers for scratch buffers */
	sq_expr **own_exprs;           /* expressions the planner made (freed at close) */
	size_t nown, cown;

	/* prefilter: a literal every matching record must contain in its raw bytes */
	char *pf_lit;
	size_t pf_len;
	bool pf_ci;                    /* reserved: case-insensitive search is not used */
	uint64_t pf_next;              /* next occurrence at or after the cursor; UINT64_MAX: none */

	/* execution */
	size_t bcap;                   /* rows per batch: SQ_BATCH, fewer when the columns are very many */
	sluice_field **take_out;       /* fast path: field j's place in the batch (NULL: not read) */
	size_t take_n;                 /* fields up to the last one read */
	/* DOUBLE slots that every record of a batch needs (no WHERE, or the first comparison of the
	 * WHERE), decoded right after the fast path cuts them (see decode_eager) */
	size_t eager[SQ_EAGER];
	size_t neager;
	sq_batch in;
	const char *in_end;            /* the end of the input's bytes the batch's fields point into */
	sq_scratch scratch;
	uint16_t *sel;
	size_t nsel;
	sq_arena batch_arena;          /* strings of the current input batch */
	sq_arena out_arena;            /* strings of materialized results (sort, groups) */
	sq_groups *groups;
	sq_gcache gcache[GROUP_CACHE]; /* text keys of a single-key GROUP BY and their groups */
	sq_agg_state *global;          /* aggregate states when there is no GROUP BY */
	bool global_any;

	/* results */
	sq_value *res;                 /* [nout][cap] column-major result values of the current batch */
	size_t res_n, res_pos, res_cap;
	const sluice_value **res_cols;
	sq_value *rows;                /* materialized result rows (row-major, nout each) */
	size_t nrows, rows_cap, rows_pos, rows_end;
	bool materialized;
	int64_t skipped_offset;        /* rows dropped for OFFSET so far */
	uint64_t emitted;              /* rows handed out (LIMIT) */
	sq_value *row_out;             /* one row for sluice_query_next */
	struct sq_rows_par *par;       /* rows printed from several threads (exec/parallel_rows.c), or NULL */
	struct sq_pipeline *pipe;      /* the plan's chains of operators (exec/pipeline.h), built after it */
	bool par_checked;              /* whether they could be was decided */

	/* the final phase of an aggregate query: one row per group */
	bool final_phase;
	sq_value **final_aggs;         /* [naggs][ngroups_in_phase] */
	sq_value **final_keys;         /* [ngroup][ngroups_in_phase] */
};

#endif
