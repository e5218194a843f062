/* parallel.h - byte ranges for parallel scans and the thread count. */
#ifndef SLUICE_PARALLEL_H
#define SLUICE_PARALLEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sluice.h"

/* requested, or one per online core when 0; at most 256. */
unsigned sluice_thread_count(unsigned requested);

/* Splits the rest of r's input (from its current record) into at most max ranges: starts[0] is
 * r's position, starts[i] a guessed record start, starts[k] = UINT64_MAX. Returns k. Uses
 * opts->split_offsets when given (test hook), else equal spans of at least 1 MiB. */
size_t sluice_plan_ranges(sluice_reader *r, const sluice_options *opts, unsigned threads, uint64_t *starts,
                          size_t max);

/* Splits the rest of r's input into pieces that threads take in turn: each piece is a fixed share
 * of what is left after the pieces before it (remaining / (2 * threads), at least
 * SLUICE_PIECE_MIN bytes), so the first pieces are large and the last ones small, and threads that
 * start late or run slower than the others still end within a small piece of each other. Same
 * contract as sluice_plan_ranges; opts->split_offsets, when given, are the pieces. */
size_t sluice_plan_pieces(sluice_reader *r, const sluice_options *opts, unsigned threads, uint64_t *starts,
                          size_t max);

#define SLUICE_PIECE_MIN ((uint64_t)2 << 20)

/* Runs run(user, i) for every piece i < k on up to threads threads, the calling thread among them:
 * it runs piece 0, the others take the next piece not yet begun from a shared counter as they
 * become free. take(user, i) is called on the calling thread for every piece in order, as soon as
 * that piece and all before it have run, so a caller can check a piece's start against where the
 * piece before it stopped and release its state early. A nonzero return of take stops the pieces
 * not yet begun and is returned once the running ones have ended. */
int sluice_run_pieces(size_t k, unsigned threads, void (*run)(void *user, size_t i), int (*take)(void *user, size_t i),
                      void *user);

/* Whether a piece that has run must run again before it is taken, the same rule for counts and
 * queries. Its guessed start is wrong when it is not where the piece before it really stopped
 * (first: there is none): the guess fell inside a quoted field, and the piece starts there
 * instead. A piece after the first only counts its rejects as it runs (defer), since it may start
 * at a wrong guess; one whose start was right and that had some runs again to hand them out, in
 * file order. Either way it no longer defers. */
static inline bool sluice_piece_rerun(bool first, uint64_t prev_stop, uint64_t *start, bool *defer, uint64_t rejects)
{
	if (!first && *start != prev_stop) {
		*start = prev_stop;
		*defer = false;
		return true;
	}
	if (*defer && rejects) {
		*defer = false;
		return true;
	}
	return false;
}

/* Counts the records from r's position to the end, on opts->threads threads. */
int sluice_reader_count_all(sluice_reader *r, const sluice_options *opts, uint64_t *n);

#endif
