/* parallel_rows.c - result rows read from several threads and handed out in file order. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "query/exec/parallel_rows.h"
#include "scan/parallel.h"
#include "scan/scan.h"
#include "query/exec/parallel_agg.h"
#include "query/exec/part.h"

/* Rows printed from several threads. The main query reads the first byte range itself, as a
 * serial scan does; a thread per later range runs a part of the query (exec/part.c) over it and
 * queues copies of its result rows, at most ROWS_QUEUE bytes ahead. The ranges' rows are handed out in file
 * order: a range is read once the one before it has ended, and only if it starts where that one
 * stopped (its guess of a record start was right); otherwise the rest is read serially. */

#define ROWS_QUEUE ((size_t)8 << 20)

typedef struct row_chunk {
	struct row_chunk *next;
	size_t n;          /* rows */
	sq_value *vals;    /* n rows of nvisible values, strings copied behind them */
} row_chunk;

typedef struct rows_part {
	const sluice_query *parent;
	sluice_query *q;
	uint64_t start, end, stop;
	pthread_t tid;
	bool started;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	row_chunk *head, *tail;
	size_t queued;     /* bytes in the queue */
	bool done, cancel;
	int rc;
} rows_part;

struct sq_rows_par {
	rows_part *parts;
	size_t k;          /* ranges; parts[0] is the main query's */
	size_t cur;        /* the range being handed out */
	row_chunk *out;    /* the chunk the last batch came from */
};

/* Copies the n rows of batch b into a chunk. */
static row_chunk *copy_rows(const sluice_query *w, size_t n)
{
	const size_t nv = w->nvisible;
	size_t bytes = sizeof(row_chunk) + n * nv * sizeof(sq_value);
	for (size_t c = 0; c < nv; c++)
		for (size_t r = 0; r < n; r++) {
			const sq_value *v = &w->res[c * w->bcap + r];
			if (!v->null && v->type == SQ_T_VARCHAR)
				bytes += v->u.s.len;
		}
	row_chunk *ch = malloc(bytes);
	if (!ch)
		return NULL;
	ch->next = NULL;
	ch->n = n;
	ch->vals = (sq_value *)(ch + 1);
	char *text = (char *)(ch->vals + n * nv);
	for (size_t r = 0; r < n; r++)
		for (size_t c = 0; c < nv; c++) {
			sq_value v = w->res[c * w->bcap + r];
			if (!v.null && v.type == SQ_T_VARCHAR && v.u.s.len) {
				memcpy(text, v.u.s.ptr, v.u.s.len);
				v.u.s.ptr = text;
				text += v.u.s.len;
			}
			ch->vals[r * nv + c] = v;
		}
	return ch;
}

static void *rows_part_thread(void *arg)
{
	rows_part *p = arg;
	sluice_query_options o = p->parent->qo;
	o.reader.threads = 1;
	o.reader.split_offsets = NULL;
	o.reader.nsplits = 0;
	o.reader.progress = p->parent->ropts.progress;
	int rc = sq_part_open(&p->q, p->parent, &o);
	if (!rc)
		rc = sluice_reader_set_range(p->q->r, p->start, p->end);
	while (!rc) {
		sluice_batch b;
		rc = sluice_query_next_batch(p->q, &b);
		if (rc != SLUICE_OK)
			break;
		row_chunk *ch = copy_rows(p->q, b.nrows);
		if (!ch) {
			rc = SLUICE_ERR_NOMEM;
			break;
		}
		const size_t bytes = sizeof *ch + ch->n * p->q->nvisible * sizeof(sq_value);
		pthread_mutex_lock(&p->mu);
		while (p->queued >= ROWS_QUEUE && !p->cancel)
			pthread_cond_wait(&p->cv, &p->mu);
		if (p->cancel) {
			pthread_mutex_unlock(&p->mu);
			free(ch);
			break;
		}
		if (p->tail)
			p->tail->next = ch;
		else
			p->head = ch;
		p->tail = ch;
		p->queued += bytes;
		pthread_cond_broadcast(&p->cv);
		pthread_mutex_unlock(&p->mu);
	}
	pthread_mutex_lock(&p->mu);
	p->rc = rc == SLUICE_END ? SLUICE_OK : rc;
	if (p->q && p->q->r)
		p->stop = sluice_reader_position(p->q->r);
	if (rc && rc != SLUICE_END && !p->q) {
		/* the open failed: keep its error where the caller looks for it */
		p->q = NULL;
	}
	p->done = true;
	pthread_cond_broadcast(&p->cv);
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

/* Stops and frees the threads' work. */
void sq_rows_par_free(sq_rows_par *pr)
{
	if (!pr)
		return;
	for (size_t i = 1; i < pr->k; i++) {
		rows_part *p = &pr->parts[i];
		if (p->started) {
			pthread_mutex_lock(&p->mu);
			p->cancel = true;
			pthread_cond_broadcast(&p->cv);
			pthread_mutex_unlock(&p->mu);
			pthread_join(p->tid, NULL);
		}
		while (p->head) {
			row_chunk *n = p->head->next;
			free(p->head);
			p->head = n;
		}
		sq_part_close(p->q);
		pthread_mutex_destroy(&p->mu);
		pthread_cond_destroy(&p->cv);
	}
	free(pr->out);
	free(pr->parts);
	free(pr);
}

/* Decides, at the first batch of a query that prints rows, whether they come from several
 * threads, and starts them. Not for LIMIT/OFFSET (the first rows are soon there), rejects (they
 * are handed out in file order, one at a time) or a stream (read once, in order). */
void sq_rows_par_start(sluice_query *q)
{
	q->par_checked = true;
	const unsigned t = sluice_thread_count(q->ropts.threads);
	if ((t <= 1 && !q->ropts.nsplits) || q->limit >= 0 || q->offset > 0 || q->ropts.reject ||
	    !sluice_reader_splittable(q->r) || q->filename_col >= 0 ||
	    (q->ropts.ragged != SLUICE_RAGGED_KEEP && !q->ropts.dialect.header))
		return;
	uint64_t starts[257];
	size_t k = sluice_plan_ranges(q->r, &q->ropts, t, starts, 256);
	if (k <= 1)
		return;
	sq_rows_par *pr = calloc(1, sizeof *pr);
	rows_part *parts = calloc(k, sizeof *parts);
	if (!pr || !parts) {
		free(pr);
		free(parts);
		return; /* serially, then */
	}
	pr->parts = parts;
	pr->k = k;
	for (size_t i = 0; i < k; i++) {
		parts[i].parent = q;
		parts[i].start = starts[i];
		parts[i].end = starts[i + 1];
	}
	if (sluice_reader_set_range(q->r, starts[0], starts[1]) != SLUICE_OK) {
		free(parts);
		free(pr);
		return;
	}
	for (size_t i = 1; i < k; i++) {
		pthread_mutex_init(&parts[i].mu, NULL);
		pthread_cond_init(&parts[i].cv, NULL);
		parts[i].started = pthread_create(&parts[i].tid, NULL, rows_part_thread, &parts[i]) == 0;
		if (!parts[i].started) {
			/* no thread: the ranges from here on are read serially by the main query */
			pr->k = i;
			pthread_mutex_destroy(&parts[i].mu);
			pthread_cond_destroy(&parts[i].cv);
			(void)sluice_reader_set_range(q->r, starts[0], i > 1 ? starts[1] : UINT64_MAX);
			break;
		}
	}
	if (pr->k <= 1) {
		sq_rows_par_free(pr);
		(void)sluice_reader_set_range(q->r, starts[0], UINT64_MAX);
		return;
	}
	q->par = pr;
}

/* The main query's range has ended: hands out the next rows of the later ranges. Returns
 * SLUICE_OK with a batch, SLUICE_END, 1 when the rest is to be read serially by the main query
 * (from sluice_reader_position on), or an error. */
int sq_rows_par_next(sluice_query *q, sluice_batch *b)
{
	sq_rows_par *pr = q->par;
	free(pr->out);
	pr->out = NULL;
	while (pr->cur < pr->k) {
		rows_part *prev = &pr->parts[pr->cur];
		if (pr->cur == 0)
			prev->stop = sluice_reader_position(q->r);
		rows_part *p = pr->cur + 1 < pr->k ? &pr->parts[pr->cur + 1] : NULL;
		if (!p)
			break;
		pthread_mutex_lock(&p->mu);
		while (!p->head && !p->done)
			pthread_cond_wait(&p->cv, &p->mu);
		row_chunk *ch = p->head;
		if (ch) {
			p->head = ch->next;
			if (!p->head)
				p->tail = NULL;
			p->queued -= sizeof *ch + ch->n * q->nvisible * sizeof(sq_value);
			pthread_cond_broadcast(&p->cv);
		}
		const bool done = p->done;
		pthread_mutex_unlock(&p->mu);
		if (prev->stop != p->start) {
			/* the range's guess was wrong (a line break inside quotes): read on serially */
			free(ch);
			return 1;
		}
		if (ch) {
			for (size_t r = 0; r < ch->n; r++)
				for (size_t c = 0; c < q->nvisible; c++)
					q->res[c * q->bcap + r] = ch->vals[r * q->nvisible + c];
			pr->out = ch;
			q->emitted += ch->n;
			q->stats.rows_out += ch->n;
			b->nrows = ch->n;
			return SLUICE_OK;
		}
		if (done) {
			if (p->rc) {
				q->failed = true;
				if (p->q) {
					q->err = p->q->err;
					if (q->err.file && strcmp(q->err.file, "<query>") != 0)
						q->err.file = q->path; /* the part's strings die with it */
				} else {
					memset(&q->err, 0, sizeof q->err);
					q->err.status = p->rc;
				}
				return p->rc;
			}
			if (p->q)
				sq_add_counters(q, p->q);
			pr->cur++;
		}
	}
	return SLUICE_END;
}

uint64_t sq_rows_par_resume(const sq_rows_par *pr, uint64_t from)
{
	uint64_t at = from;
	for (size_t i = 0; i <= pr->cur && i < pr->k; i++)
		at = pr->parts[i].stop > at ? pr->parts[i].stop : at;
	return at;
}
