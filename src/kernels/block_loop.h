/* block_loop.h - the 64-byte block loop every SIMD kernel instantiates with its own classify step. */
/*
 * Included once by each ISA file after it defines:
 *   static inline void bl_classify(const uint8_t *p, const ix_dialect *d, bl_masks *m);
 *   static inline uint64_t bl_prefix_xor(uint64_t x);
 *   BL_KERNEL  the name of the ix_kernel object to define.
 * and after utf8_check.h, whose validator the kernel table points at.
 * Everything here is static inline so that each ISA file compiles it with its own flags.
 *
 * Worked example (bit i = byte i, drawn left to right):
 *
 *   bytes   a , " b , c " , d \n
 *   q       . . 1 . . . 1 . . .
 *   in      . . 1 1 1 1 . . . .     prefix XOR of q: on from the opening quote up to the closing one
 *   d&~in   . 1 . . . . . 1 . .     the comma inside quotes is dropped
 *   re      . . . . . . . . . 1
 *
 * The opening quote follows ',' and the closing one is followed by ',', so parity is trusted.
 */
#ifndef SLUICE_BLOCK_LOOP_H
#define SLUICE_BLOCK_LOOP_H

#include <stdint.h>
#include <string.h>

#include "kernels/index.h"

typedef struct bl_masks {
	uint64_t q, d, cr, lf, esc, cmt;
} bl_masks;

static inline void bl_classify(const uint8_t *p, const ix_dialect *d, bl_masks *m);
static inline uint64_t bl_prefix_xor(uint64_t x);
static inline uint64_t bl_eq(const uint8_t *p, uint8_t c); /* bit i: p[i] == c, for 64 bytes */

/* Trailing zeros, defined as 64 for 0 (the flattening loop runs past the last bit). */
#if defined(__BMI__) || defined(__BMI2__)
#include <immintrin.h>
#endif
#if defined(__BMI__)
#define BL_TZCNT(x) _tzcnt_u64(x)
#else
#define BL_TZCNT(x) ((x) ? (uint64_t)__builtin_ctzll(x) : 64u)
#endif

/* Writes the positions of the set bits of `bits` as offsets off + bit, without a branch per bit:
 * the stores past the last bit write garbage into slack the caller keeps free (64 + 8 entries),
 * and the count advances by the true number. */
#if defined(__AVX512VBMI2__)
/* With VBMI2: the bit numbers compressed into bytes in one instruction, then widened and stored 16
 * at a time. */
static inline size_t bl_flatten(uint32_t *out, size_t n, uint32_t off, uint64_t bits)
{
	const __m512i iota = _mm512_set_epi8(63, 62, 61, 60, 59, 58, 57, 56, 55, 54, 53, 52, 51, 50, 49, 48, 47, 46, 45,
	                                     44, 43, 42, 41, 40, 39, 38, 37, 36, 35, 34, 33, 32, 31, 30, 29, 28, 27, 26,
	                                     25, 24, 23, 22, 21, 20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5,
	                                     4, 3, 2, 1, 0);
	const __m512i at = _mm512_maskz_compress_epi8(bits, iota);
	const __m512i base = _mm512_set1_epi32((int)off);
	const size_t cnt = (size_t)__builtin_popcountll(bits);
	uint32_t *o = out + n;
	_mm512_storeu_si512((void *)o, _mm512_add_epi32(_mm512_cvtepu8_epi32(_mm512_castsi512_si128(at)), base));
	if (SLUICE_UNLIKELY(cnt > 16)) {
		_mm512_storeu_si512((void *)(o + 16),
		                    _mm512_add_epi32(_mm512_cvtepu8_epi32(_mm512_extracti32x4_epi32(at, 1)), base));
		_mm512_storeu_si512((void *)(o + 32),
		                    _mm512_add_epi32(_mm512_cvtepu8_epi32(_mm512_extracti32x4_epi32(at, 2)), base));
		_mm512_storeu_si512((void *)(o + 48),
		                    _mm512_add_epi32(_mm512_cvtepu8_epi32(_mm512_extracti32x4_epi32(at, 3)), base));
	}
	return n + cnt;
}
#else
/* Eight at a time, one tzcnt each. */
static inline size_t bl_flatten(uint32_t *out, size_t n, uint32_t off, uint64_t bits)
{
	uint32_t *o = out + n;
	const size_t cnt = (size_t)__builtin_popcountll(bits);
	/* the first eight unconditionally: whether a block has any bits at all is what branches
	 * mispredict on */
	for (int k = 0; k < 8; k++) {
		o[k] = off + (uint32_t)BL_TZCNT(bits);
		bits &= bits - 1;
	}
	if (SLUICE_UNLIKELY(cnt > 8)) {
		for (size_t i = 8; i < cnt; i += 8) {
			for (int k = 0; k < 8; k++) {
				o[i + (size_t)k] = off + (uint32_t)BL_TZCNT(bits);
				bits &= bits - 1;
			}
		}
	}
	return n + cnt;
}
#endif

/* The k lowest set bits of x, for k below the number of set bits. */
static inline uint64_t bl_low_bits(uint64_t x, uint64_t k)
{
#if defined(__BMI2__)
	return _pdep_u64(((uint64_t)1 << k) - 1, x);
#else
	uint64_t t = x;
	for (uint64_t i = 0; i < k; i++)
		t &= t - 1;
	return x ^ t;
#endif
}

/*
 * The projection pushed into the indexer: of the field delimiters fd of a block, keeps the first
 * `cut` of each record (those that end the projected fields) and drops the rest, so the cursor
 * steps from the last projected field straight to the record end. re holds the block's record
 * ends; *nd counts the delimiters of the record in progress (carried from block to block).
 * *short_rec gets a nonzero value when a record ends with fewer than `cut` delimiters.
 *
 *   fields  a , b , c , d \n e , f , g \n      cut = 2
 *   fd      . 1 . 1 . 1 . . . 1 . 1 . .
 *   kept    . 1 . 1 . . . . . 1 . 1 . .      the third delimiter of the first record is dropped
 */
static inline uint64_t bl_cut(uint64_t fd, uint64_t re, uint64_t *nd, uint64_t cut, uint64_t *short_rec)
{
	uint64_t have = *nd, keep = 0;
#if defined(__BMI2__)
	/* Without a branch when the block ends at most one record: the segment up to the first record
	 * end (all of the block when there is none) keeps the delimiters the record still needs, the
	 * segment after it the first `cut` (pdep deposits at most as many as the mask has bits, and
	 * bzhi makes a mask of min(need, 64) bits). */
	const uint64_t cap = cut < 64 ? cut : 64;
	const uint64_t first = re ^ (re - 1); /* up to the first record end; all bits when re == 0 */
	const uint64_t left = have < cut ? (cut - have < 64 ? cut - have : 64) : 0;
	const uint64_t k1 = _pdep_u64(_bzhi_u64(~(uint64_t)0, (unsigned)left), fd & first);
	/* the count carried on is min(have + the segment's delimiters, cut): a popcount of the segment
	 * rather than of k1 keeps pdep out of the chain from block to block */
	const uint64_t seen = have + (uint64_t)__builtin_popcountll(fd & first);
	*short_rec |= (uint64_t)(seen < cut) & (uint64_t)(re != 0);
	const uint64_t more = re & (re - 1);
	if (SLUICE_LIKELY(!more)) {
		const uint64_t k2 = _pdep_u64(_bzhi_u64(~(uint64_t)0, (unsigned)cap), fd & ~first);
		*nd = re ? (uint64_t)__builtin_popcountll(k2) : seen < cut ? seen : cut;
		return k1 | k2;
	}
	keep = k1;
	fd &= ~first;
	have = 0;
	re = more;
#endif
	for (;;) {
		const uint64_t upto = re ? re ^ (re - 1) : ~(uint64_t)0; /* bits up to the next record end */
		const uint64_t seg = fd & upto;
		if (have < cut) {
			const uint64_t need = cut - have, pc = (uint64_t)__builtin_popcountll(seg);
			if (pc <= need) {
				keep |= seg;
				have += pc;
			} else {
				keep |= bl_low_bits(seg, need);
				have = cut;
			}
		}
		if (!re)
			break;
		*short_rec |= have < cut;
		fd &= ~upto;
		have = 0;
		re &= re - 1;
	}
	*nd = have;
	return keep;
}

/* The start of the record after the last record end of a block: re holds the block's record ends
 * (bit i: byte pos + i), the last of which may be the CR of a CRLF. */
static inline uint64_t bl_rec_start(const uint8_t *data, uint64_t len, uint64_t pos, uint64_t re)
{
	const uint64_t last = pos + 63 - (uint64_t)__builtin_clzll(re);
	uint64_t rs = last + 1;
	if (data[last] == '\r' && rs < len && data[rs] == '\n')
		rs++;
	return rs;
}

static inline __attribute__((always_inline)) void bl_run(ix_state *st, const uint8_t *src, uint64_t end,
                                                         const int emit, const int plain)
{
	ix_dialect dl = st->d; /* a local copy: entry stores cannot alias it */
	if (plain) {
		/* known here, so that the escape and comment masks fold away and the loop keeps its
		 * carries in registers */
		dl.has_escape = false;
		dl.has_comment = false;
	}
	const ix_dialect *d = &dl;
	const uint8_t *data = st->data;
	const uint64_t len = st->len;
	const uint64_t start = st->pos;
	const uint64_t dq = d->double_quote ? ~(uint64_t)0 : 0;
	uint64_t pos = start;
	uint64_t inq = st->c_inq, prev_ok = st->c_prev_ok, ccr = st->c_cr, crs = st->c_rs;
	/* the record start is worked out only when it is needed (a rewind, the end): from the last
	 * block that ended a record, kept here */
	uint64_t re_pos = 0, re_last = 0;
	uint64_t count = st->count, nre = st->nre;
	size_t n = st->n;
	const uint64_t cut = st->cut;
	uint64_t nd = st->c_nd;
	uint64_t short_rec = 0;

	while (pos < end) {
		if (emit && st->cap - n < 72)
			break;
		bl_masks m;
		bl_classify(src + (pos - start), d, &m);
		const uint64_t rem = len - pos;
		if (rem < 64) {
			const uint64_t v = ((uint64_t)1 << rem) - 1;
			m.q &= v;
			m.d &= v;
			m.cr &= v;
			m.lf &= v;
			m.esc &= v;
			m.cmt &= v;
		}

		/* Quote parity, then the checks that make parity agree with the machine. */
		const uint64_t in = bl_prefix_xor(m.q) ^ inq;
		const uint64_t open = m.q & in;
		const uint64_t close = m.q & ~in;
		const uint64_t brk = m.cr | m.lf;
		const uint64_t term = brk & ~in;
		const uint64_t sep = m.d | brk | (m.q & dq);
		uint64_t next_ok = sep >> 1;
		if (rem <= 64) {
			next_ok |= ~(uint64_t)0 << (rem - 1); /* the end of input may follow a closing quote */
		} else if (close >> 63) {
			const uint8_t c = data[pos + 64];
			if (c == d->delim || c == '\r' || c == '\n' || (dq && c == d->quote))
				next_ok |= (uint64_t)1 << 63;
		}
		const uint64_t rs = (term << 1) | crs;
		uint64_t bad = (open & ~((sep << 1) | prev_ok)) | (close & ~next_ok);
		if (d->has_escape)
			bad |= m.esc;
		if (d->has_comment)
			bad |= m.cmt & rs & ~in;
		if (SLUICE_UNLIKELY(bad)) {
			st->n = n;
			st->count = count;
			st->nre = nre;
			ix_rewind(st, re_last ? bl_rec_start(data, len, re_pos, re_last) : st->rec_start, pos);
			return;
		}
		prev_ok = sep >> 63;
		inq = (uint64_t)((int64_t)in >> 63);
		const uint64_t lf_after_cr = m.lf & ((m.cr << 1) | ccr);
		ccr = m.cr >> 63;
		crs = term >> 63;
		const uint64_t re = term & ~lf_after_cr;
		if (re) {
			re_pos = pos;
			re_last = re;
		}
		if (emit) {
			uint64_t fd = m.d & ~in;
			if (cut)
				fd = bl_cut(fd, re, &nd, cut, &short_rec);
			n = bl_flatten(st->ent, n, (uint32_t)(pos - st->base), fd | re);
			nre += (uint64_t)__builtin_popcountll(re);
		} else {
			count += (uint64_t)__builtin_popcountll(re);
			if (st->skip_empty)
				count -= (uint64_t)__builtin_popcountll(re & rs);
		}
		pos += 64;
	}
	st->pos = pos < end ? pos : end;
	st->c_inq = inq;
	st->c_prev_ok = prev_ok;
	st->c_cr = ccr;
	st->c_rs = crs;
	st->c_nd = cut ? nd : 0; /* without a cut, 0: fewer than the true count only keeps more */
	st->irregular |= short_rec;
	if (re_last)
		st->rec_start = bl_rec_start(data, len, re_pos, re_last);
	st->count = count;
	st->nre = nre;
	st->n = n;
}

static void bl_index(ix_state *st, const uint8_t *src, uint64_t end)
{
	if (!st->d.has_escape && !st->d.has_comment)
		bl_run(st, src, end, 1, 1);
	else
		bl_run(st, src, end, 1, 0);
}

static void bl_count(ix_state *st, const uint8_t *src, uint64_t end)
{
	if (!st->d.has_escape && !st->d.has_comment)
		bl_run(st, src, end, 0, 1);
	else
		bl_run(st, src, end, 0, 0);
}

/*
 * Literal search for the prefilter: candidates are positions where both the needle's first byte
 * and its last byte (m - 1 further on) match, 64 at a time; memcmp confirms them.
 *
 *   hay     x d i s p u t e d x       needle "disputed": first 'd', last 'd'
 *   first   . 1 . . . . . . 1 .
 *   last@+7 . 1 . . . . . . . .       (bit i: hay[i + 7] == 'd')
 *   both    . 1 . . . . . . . .       one candidate, confirmed by memcmp
 */
static const uint8_t *bl_find(const uint8_t *h, size_t n, const uint8_t *nd, size_t m)
{
	if (m == 0)
		return h;
	size_t i = 0;
	while (n >= m && i + m - 1 + 64 <= n) {
		uint64_t mask = bl_eq(h + i, nd[0]) & bl_eq(h + i + m - 1, nd[m - 1]);
		while (mask) {
			const size_t j = i + (size_t)__builtin_ctzll(mask);
			if (memcmp(h + j, nd, m) == 0)
				return h + j;
			mask &= mask - 1;
		}
		i += 64;
	}
	return i < n ? memmem(h + i, n - i, nd, m) : NULL;
}

#include "kernels/decimals.h"

const ix_kernel BL_KERNEL = {bl_index, bl_count, bl_find, u8_validate, bl_decimals};

#endif
