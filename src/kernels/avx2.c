/* avx2.c - the AVX2 structural indexer: two 32-byte compares per mask, clmul prefix XOR. */
#if !defined(__AVX2__) || !defined(__PCLMUL__)
#if !defined(SLUICE_EMULATE)
#error "avx2.c must be built with -mavx2 -mpclmul (or SLUICE_EMULATE)"
#endif
#endif

#include <simde/x86/avx2.h>

typedef simde__m256i u8_vec;
#define U8_VEC_BYTES 32
#include "kernels/utf8_check.h"

#define BL_KERNEL sluice_ix_avx2
#include "kernels/block_loop.h"
#include "kernels/prefix_xor_x86.h"

static inline uint64_t eq64(simde__m256i lo, simde__m256i hi, uint8_t c)
{
	const simde__m256i k = simde_mm256_set1_epi8((char)c);
	const uint32_t a = (uint32_t)simde_mm256_movemask_epi8(simde_mm256_cmpeq_epi8(lo, k));
	const uint32_t b = (uint32_t)simde_mm256_movemask_epi8(simde_mm256_cmpeq_epi8(hi, k));
	return (uint64_t)a | ((uint64_t)b << 32);
}

static inline uint64_t bl_eq(const uint8_t *p, uint8_t c)
{
	return eq64(simde_mm256_loadu_si256((const void *)p), simde_mm256_loadu_si256((const void *)(p + 32)), c);
}

static inline void bl_classify(const uint8_t *p, const ix_dialect *d, bl_masks *m)
{
	const simde__m256i lo = simde_mm256_loadu_si256((const void *)p);
	const simde__m256i hi = simde_mm256_loadu_si256((const void *)(p + 32));
	m->q = d->has_quote ? eq64(lo, hi, d->quote) : 0;
	m->d = eq64(lo, hi, d->delim);
	m->cr = eq64(lo, hi, '\r');
	m->lf = eq64(lo, hi, '\n');
	m->esc = d->has_escape ? eq64(lo, hi, d->escape) : 0;
	m->cmt = d->has_comment ? eq64(lo, hi, (uint8_t)d->comment[0]) : 0;
}

/* The UTF-8 validator's primitives: 32 bytes per vector, two per block. */
static inline u8_vec u8_load(const uint8_t *p)
{
	return simde_mm256_loadu_si256((const void *)p);
}

static inline u8_vec u8_splat(uint8_t c)
{
	return simde_mm256_set1_epi8((char)c);
}

static inline u8_vec u8_table(const uint8_t *t)
{
	return simde_mm256_broadcastsi128_si256(simde_mm_loadu_si128((const void *)t));
}

static inline u8_vec u8_lookup(u8_vec table, u8_vec idx)
{
	return simde_mm256_shuffle_epi8(table, idx);
}

static inline u8_vec u8_shr4(u8_vec v)
{
	return simde_mm256_and_si256(simde_mm256_srli_epi16(v, 4), simde_mm256_set1_epi8(0x0F));
}

static inline u8_vec u8_and(u8_vec a, u8_vec b)
{
	return simde_mm256_and_si256(a, b);
}

static inline u8_vec u8_or(u8_vec a, u8_vec b)
{
	return simde_mm256_or_si256(a, b);
}

static inline u8_vec u8_xor(u8_vec a, u8_vec b)
{
	return simde_mm256_xor_si256(a, b);
}

static inline u8_vec u8_subs(u8_vec a, u8_vec b)
{
	return simde_mm256_subs_epu8(a, b);
}

/* alignr shifts within 128-bit lanes: first line up (prev's high lane, cur's low lane) beside cur. */
#define U8_PREV(cur, prev, N) simde_mm256_alignr_epi8((cur), simde_mm256_permute2x128_si256((prev), (cur), 0x21), 16 - (N))

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

/* not testz: simde 0.7.4's portable one answers "zero" as soon as one 64-bit half is */
static inline bool u8_any(u8_vec v)
{
	return (uint32_t)simde_mm256_movemask_epi8(simde_mm256_cmpeq_epi8(v, simde_mm256_setzero_si256())) != 0xFFFFFFFFu;
}

static inline bool u8_high(u8_vec v)
{
	return simde_mm256_movemask_epi8(v) != 0;
}
