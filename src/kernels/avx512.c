/* avx512.c - the AVX-512 structural indexer: one 64-byte compare per mask, clmul prefix XOR. */
#if !defined(__AVX512BW__) || !defined(__PCLMUL__)
#if !defined(SLUICE_EMULATE)
#error "avx512.c must be built with the AVX-512 flags of src/meson.build (or SLUICE_EMULATE)"
#endif
#endif

#include <simde/x86/avx512.h>

typedef simde__m512i u8_vec;
#define U8_VEC_BYTES 64
#include "kernels/utf8_check.h"

#define BL_KERNEL sluice_ix_avx512
#define BL_DECIMALS_AVX512 1
#include "kernels/block_loop.h"
#include "kernels/prefix_xor_x86.h"

static inline uint64_t eq64(simde__m512i v, uint8_t c)
{
	return (uint64_t)simde_mm512_cmpeq_epi8_mask(v, simde_mm512_set1_epi8((char)c));
}

static inline uint64_t bl_eq(const uint8_t *p, uint8_t c)
{
	return eq64(simde_mm512_loadu_si512((const void *)p), c);
}

static inline void bl_classify(const uint8_t *p, const ix_dialect *d, bl_masks *m)
{
	const simde__m512i v = simde_mm512_loadu_si512((const void *)p);
	m->q = d->has_quote ? eq64(v, d->quote) : 0;
	m->d = eq64(v, d->delim);
	m->cr = eq64(v, '\r');
	m->lf = eq64(v, '\n');
	m->esc = d->has_escape ? eq64(v, d->escape) : 0;
	m->cmt = d->has_comment ? eq64(v, (uint8_t)d->comment[0]) : 0;
}

/* The UTF-8 validator's primitives: one 64-byte vector per block. */
static inline u8_vec u8_load(const uint8_t *p)
{
	return simde_mm512_loadu_si512((const void *)p);
}

static inline u8_vec u8_splat(uint8_t c)
{
	return simde_mm512_set1_epi8((char)c);
}

static inline u8_vec u8_table(const uint8_t *t)
{
	return simde_mm512_broadcast_i32x4(simde_mm_loadu_si128((const void *)t));
}

static inline u8_vec u8_lookup(u8_vec table, u8_vec idx)
{
	return simde_mm512_shuffle_epi8(table, idx);
}

static inline u8_vec u8_shr4(u8_vec v)
{
	return simde_mm512_and_si512(simde_mm512_srli_epi16(v, 4), simde_mm512_set1_epi8(0x0F));
}

static inline u8_vec u8_and(u8_vec a, u8_vec b)
{
	return simde_mm512_and_si512(a, b);
}

static inline u8_vec u8_or(u8_vec a, u8_vec b)
{
	return simde_mm512_or_si512(a, b);
}

static inline u8_vec u8_xor(u8_vec a, u8_vec b)
{
	return simde_mm512_xor_si512(a, b);
}

static inline u8_vec u8_subs(u8_vec a, u8_vec b)
{
	return simde_mm512_subs_epu8(a, b);
}

/*
 * The bytes N before each byte. Byte shifts work within 128-bit lanes, so each lane first gets
 * the lane before it beside it (the first lane gets prev's last): a permutation of 64-bit words.
 *
 *   cur     [ c0 | c1 | c2 | c3 ]    prev [ p0 | p1 | p2 | p3 ]
 *   before  [ p3 | c0 | c1 | c2 ]    then per lane: (lane : before) shifted N bytes
 *
 * simde 0.7.4 has no _mm512_alignr_epi8, so a native build calls the intrinsic itself and the
 * emulated build joins two byte shuffles instead.
 */
static const uint64_t u8_lane_order[8] = {6, 7, 8, 9, 10, 11, 12, 13}; /* words 6, 7 of prev, 0..5 of cur */

static inline u8_vec u8_lane_before(u8_vec cur, u8_vec prev)
{
	return simde_mm512_permutex2var_epi64(prev, simde_mm512_loadu_si512((const void *)u8_lane_order), cur);
}

#if defined(SIMDE_X86_AVX512BW_NATIVE)
#define U8_PREV(cur, prev, N) _mm512_alignr_epi8((cur), u8_lane_before((cur), (prev)), 16 - (N))
#else
/* per lane, for a shift by N: cur's bytes move up N places, the last N of the lane before fill in */
static const uint8_t u8_from_cur[19] = {0x80, 0x80, 0x80, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
static const uint8_t u8_from_before[19] = {13, 14, 15, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
                                           0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80};

static inline u8_vec u8_prev_n(u8_vec cur, u8_vec prev, int n)
{
	const u8_vec a = simde_mm512_shuffle_epi8(cur, u8_table(u8_from_cur + 3 - n));
	const u8_vec b = simde_mm512_shuffle_epi8(u8_lane_before(cur, prev), u8_table(u8_from_before + 3 - n));
	return simde_mm512_or_si512(a, b);
}
#define U8_PREV(cur, prev, N) u8_prev_n((cur), (prev), (N))
#endif

static inline u8_vec u8_prev1(u8_vec cur, u8_vec prev)
{
	return U8_PREV(cur, prev, 1);
}

static inline u8_vec u8_prev2(u8_vec cur, u8_vec prev)
{
	return U8_PREV(cur, prev, 2);
}

static inline u8_vec u8_prev3(u8_vec cur, u8_vec prev)
{
	return U8_PREV(cur, prev, 3);
}

static inline bool u8_any(u8_vec v)
{
	return simde_mm512_test_epi8_mask(v, v) != 0;
}

static inline bool u8_high(u8_vec v)
{
	return simde_mm512_movepi8_mask(v) != 0;
}
