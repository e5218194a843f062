/* index.c - the indexer driver: runs a kernel's block loop, hands anomalies to the scalar machine. */
#include "kernels/index.h"

#include <string.h>

#include "kernels/machine.h"

/* Per-record repair flags, folded into the counters at the record's end. */
enum {
	REC_BARE_QUOTE = 1,
	REC_AFTER_QUOTE = 2,
	REC_UNTERMINATED = 4,
};

static void end_record_repairs(ix_state *st)
{
	if (st->rec_flags) {
		st->rep_records++;
		if (st->rec_flags & REC_BARE_QUOTE)
			st->rep_bare_quote++;
		if (st->rec_flags & REC_AFTER_QUOTE)
			st->rep_after_quote++;
		if (st->rec_flags & REC_UNTERMINATED)
			st->rep_unterminated++;
		st->rec_flags = 0;
	}
}

void ix_rewind(ix_state *st, uint64_t rec_start, uint64_t at)
{
	if (st->emit) {
		st->irregular = 1;
		if (rec_start < st->base) {
			st->n = 0;
			st->base = rec_start;
			st->restart = rec_start;
		} else {
			while (st->n && st->base + st->ent[st->n - 1] >= rec_start)
				st->n--;
		}
	}
	st->pos = rec_start;
	st->rec_start = rec_start;
	st->mode = IX_SCALAR;
	st->sm = SM_RECORD_START;
	st->rec_flags = 0;
	st->scalar_until = at + 64;
}

static bool comment_at(const ix_state *st, uint64_t pos)
{
	const ix_dialect *d = &st->d;
	if (st->len - pos < d->comment_len)
		return false;
	return memcmp(st->data + pos, d->comment, d->comment_len) == 0;
}

SLUICE_COLD static void strict_error(ix_state *st, uint64_t pos, const char *msg)
{
	st->mode = IX_ERROR;
	st->err_pos = pos;
	st->err_msg = msg;
}

void ix_scalar_run(ix_state *st, uint64_t limit)
{
	const ix_dialect *d = &st->d;
	const uint8_t *data = st->data;
	const bool emit = st->emit;
	uint64_t pos = st->pos;
	const uint64_t from = pos;
	int sm = st->sm;

	while (pos < limit) {
		if (sm == SM_RECORD_START) {
			if (pos >= st->scalar_until) {
				st->mode = IX_SIMD;
				ix_reset_carries(st);
				break;
			}
			st->rec_start = pos;
			if (d->has_comment && data[pos] == (uint8_t)d->comment[0] && comment_at(st, pos))
				sm = SM_COMMENT;
		}
		if (emit && st->n >= st->cap)
			break;
		const int was = sm;
		const uint8_t c = data[pos];
		switch (sm_step(d, &sm, c)) {
		case SM_A_FIELD:
			if (emit)
				st->ent[st->n++] = (uint32_t)(pos - st->base);
			break;
		case SM_A_RECORD:
			if (emit)
				st->ent[st->n++] = (uint32_t)(pos - st->base);
			else if (!(was == SM_COMMENT || (was == SM_RECORD_START && st->skip_empty)))
				st->count++;
			if (c == '\r' && pos + 1 < st->len && data[pos + 1] == '\n')
				pos++;
			end_record_repairs(st);
			break;
		case SM_A_BARE_QUOTE:
			if (d->strict) {
				st->sm = sm;
				st->scalar_bytes += pos - from;
				st->pos = pos;
				strict_error(st, pos, "quote inside an unquoted field");
				return;
			}
			st->rec_flags |= REC_BARE_QUOTE;
			break;
		case SM_A_AFTER_QUOTE:
			if (d->strict) {
				st->sm = sm;
				st->scalar_bytes += pos - from;
				st->pos = pos;
				strict_error(st, pos, "text after a closing quote");
				return;
			}
			st->rec_flags |= REC_AFTER_QUOTE;
			break;
		default:
			break;
		}
		if (was != SM_QUOTED && sm == SM_QUOTED && (was == SM_FIELD_START || was == SM_RECORD_START))
			st->quote_pos = pos;
		pos++;
	}
	st->scalar_bytes += pos - from;
	st->pos = pos;
	st->sm = sm;
	if (sm == SM_RECORD_START)
		st->rec_start = pos;
}

void ix_finish(ix_state *st)
{
	if (st->mode == IX_SIMD) {
		if (st->c_inq) {
			/* A quote still open at the end: let the machine decide from the record start. */
			ix_rewind(st, st->rec_start, st->len);
			return;
		}
		if (!st->emit && st->rec_start < st->len)
			st->count++;
		st->mode = IX_DONE;
		return;
	}
	/* IX_SCALAR at the end of input */
	switch (st->sm) {
	case SM_RECORD_START:
	case SM_COMMENT:
		break;
	case SM_QUOTED:
	case SM_ESCAPED_QUOTED:
		if (st->d.strict) {
			strict_error(st, st->quote_pos, "unterminated quoted field");
			return;
		}
		st->rec_flags |= REC_UNTERMINATED;
		end_record_repairs(st);
		if (!st->emit)
			st->count++;
		break;
	default:
		end_record_repairs(st);
		if (!st->emit)
			st->count++;
		break;
	}
	st->mode = IX_DONE;
}

void ix_fill(ix_state *st, const ix_kernel *k, uint64_t budget)
{
	const bool emit = st->emit;
	if (emit) {
		st->n = 0;
		st->base = st->pos;
		st->restart = UINT64_MAX;
		st->irregular = 0;
		st->nre = 0;
	}
	uint64_t target = st->len - st->pos > budget ? st->pos + budget : st->len;
	ix_kernel_fn fn = k ? (emit ? k->index : k->count) : NULL;

	while (st->mode == IX_SIMD || st->mode == IX_SCALAR) {
		if (st->pos >= st->len) {
			ix_finish(st);
			continue;
		}
		/* A rewind may have moved pos back; never let one fill run past 2^31 bytes from base. */
		if (st->pos >= target)
			break;
		if (st->mode == IX_SCALAR || !fn) {
			if (!fn)
				st->scalar_until = UINT64_MAX;
			st->mode = IX_SCALAR;
			st->irregular = 1;
			ix_scalar_run(st, target);
			if (emit && st->n >= st->cap && st->mode == IX_SCALAR)
				break;
			continue;
		}
		if (emit && st->cap - st->n < 72)
			break;
		uint64_t whole = (st->len - st->pos) & ~(uint64_t)63;
		uint64_t want = (target - st->pos + 63) & ~(uint64_t)63;
		uint64_t span = whole < want ? whole : want;
		if (span) {
			fn(st, st->data + st->pos, st->pos + span);
		} else {
			/* The last partial block, copied into a padded buffer so nothing reads past the end. */
			uint8_t pad[64];
			memset(pad, 0, sizeof pad);
			memcpy(pad, st->data + st->pos, st->len - st->pos);
			fn(st, pad, st->len);
		}
		if (emit && st->cap - st->n < 72 && st->mode == IX_SIMD)
			break;
	}
}

uint64_t ix_field_number(const ix_state *st, uint64_t rec_start, uint64_t at)
{
	int sm = SM_RECORD_START;
	uint64_t field = 1;
	for (uint64_t i = rec_start; i < at && i < st->len; i++) {
		if (sm_step(&st->d, &sm, st->data[i]) == SM_A_FIELD)
			field++;
	}
	return field;
}
