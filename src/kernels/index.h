/* index.h - the structural indexer's state, shared by the scalar machine, the kernels and the cursor. */
#ifndef SLUICE_INDEX_H
#define SLUICE_INDEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sluice.h"
#include "kernels/dialect.h"
#include "kernels/hints.h"

/* Which reader of bytes runs next. */
enum ix_mode {
	IX_SIMD = 0,   /* the kernel's block loop */
	IX_SCALAR,     /* the scalar machine, until it passes scalar_until at a record start */
	IX_DONE,       /* all input classified */
	IX_ERROR,      /* strict mode stopped; err_* say where */
};


/*
 * Output of one fill: positions of structural bytes, as uint32 offsets from `base`. A structural
 * byte is a delimiter or a record terminator (LF, lone CR, or the CR of a CRLF) outside quotes.
 * When a rewind crosses the start of the fill, `restart` holds the record start the cursor must
 * re-read from (UINT64_MAX otherwise).
 */
typedef struct ix_state {
	const uint8_t *data;
	uint64_t len;
	ix_dialect d;

	uint64_t pos;          /* next byte to classify */
	uint64_t rec_start;    /* start of the record that pos is in */
	int mode;              /* enum ix_mode */

	/* block-loop carries (all reset at a record start) */
	uint64_t c_inq;        /* 0 or ~0: inside quotes at the end of the last block */
	uint64_t c_prev_ok;    /* 1 when the last byte lets a quote open after it */
	uint64_t c_cr;         /* 1 when the last byte was CR */
	uint64_t c_rs;         /* 1 when the next byte starts a record */
	uint64_t c_nd;         /* field delimiters of the record in progress (with a cut) */

	/* scalar machine */
	int sm;                /* enum sm_state */
	uint64_t scalar_until; /* the scalar machine hands back at the first record start >= this */

	/* emit mode output */
	bool emit;             /* true: emit positions; false: count records */
	uint32_t *ent;
	size_t n;
	size_t cap;
	uint64_t base;
	uint64_t restart;
	uint64_t cut;          /* keep only the first cut field delimiters of each record; 0: all */
	uint64_t nre;          /* record ends the block loop emitted in this fill */
	/* nonzero when a record of this fill may not hold exactly `cut` kept delimiters before its
	 * end: it had fewer, or the scalar machine (which keeps them all) read part of the fill */
	uint64_t irregular;

	/* count mode output */
	uint64_t count;
	bool skip_empty;

	uint64_t quote_pos;    /* where the scalar machine last opened a quoted field */
	unsigned rec_flags;    /* repairs seen in the record being read (scalar machine) */

	/* strict-mode error */
	uint64_t err_pos;
	const char *err_msg;

	/* counters */
	uint64_t scalar_bytes;
	uint64_t rep_records;
	uint64_t rep_bare_quote;
	uint64_t rep_after_quote;
	uint64_t rep_unterminated;
} ix_state;

/* A kernel's block loop. src holds the bytes from st->pos on; the loop classifies 64-byte blocks
 * until pos reaches end. end - st->pos is a multiple of 64, except for the last partial block of
 * the input, which the caller copies into a zero-padded 64-byte buffer (end == st->len). It stops
 * early on an anomaly (rewinding to the scalar machine) or when the entry buffer has fewer than
 * 64 free slots. */
typedef void (*ix_kernel_fn)(ix_state *st, const uint8_t *src, uint64_t end);

typedef struct ix_kernel {
	ix_kernel_fn index;    /* emit structural positions */
	ix_kernel_fn count;    /* count records */
	/* first occurrence of needle[0..m) in hay[0..n), or NULL (memmem's contract) */
	const uint8_t *(*find)(const uint8_t *hay, size_t n, const uint8_t *needle, size_t m);
	/* the offset of the first invalid UTF-8 byte of p[0..n), or n (sluice_utf8_check's contract) */
	size_t (*utf8_check)(const uint8_t *p, size_t n);
	/* fields parsed as plain short decimals, how many of them (decimals.h's contract) */
	size_t (*decimals)(const sluice_field *f, size_t n, const char *end, double *out);
} ix_kernel;

/* Resets the block-loop carries for a stretch that starts at a record start. */
static inline void ix_reset_carries(ix_state *st)
{
	st->c_inq = 0;
	st->c_prev_ok = 1;
	st->c_cr = 0;
	st->c_rs = 1;
	st->c_nd = 0;
}

/* Scalar machine over [st->pos, ...) until it may hand back to the block loop, the buffer fills,
 * or limit is reached (it then stops at limit with its state saved). */
void ix_scalar_run(ix_state *st, uint64_t limit);

/* Handles the end of input once every byte is classified: an open quote is an anomaly. */
void ix_finish(ix_state *st);

/* Switches to the scalar machine at the start of the record that began before `at`:
 * drops emitted entries from there on (or asks the cursor to restart). */
void ix_rewind(ix_state *st, uint64_t rec_start, uint64_t at);

/* The block loops of kernel k, NULL for the scalar kernel (and for kernels this build lacks). */
const ix_kernel *ix_kernel_get(sluice_kernel k);

/* Runs the indexer (kernel plus scalar fallbacks) forward by about `budget` bytes. In emit mode
 * the entry buffer is emptied first. k == NULL runs the scalar machine only. */
void ix_fill(ix_state *st, const ix_kernel *k, uint64_t budget);

/* The 1-based field number that byte `at` falls in, for the record starting at rec_start. */
uint64_t ix_field_number(const ix_state *st, uint64_t rec_start, uint64_t at);

extern const ix_kernel sluice_ix_sse42;
extern const ix_kernel sluice_ix_avx2;
extern const ix_kernel sluice_ix_avx512;
extern const ix_kernel sluice_ix_neon;

#endif
