/* avx2.c - the AVX2 structural indexer: two 32-byte compares per mask, clmul prefix XOR. */
#if !defined(__AVX2__) || !defined(__PCLMUL__)
#if !defined(SLUICE_EMULATE)
#error "avx2.c must be built with -mavx2 -mpclmul (or SLUICE_EMULATE)"
#endif
#endif

#include <simde/x86/avx2.h>
#if defined(__PCLMUL__) && !defined(SIMDE_NO_NATIVE)
#include <wmmintrin.h> /* simde's clmul.h calls _mm_clmulepi64_si128 natively but does not include it */
#endif
#include <simde/x86/clmul.h>

#define BL_KERNEL sluice_ix_avx2
#include "block_loop.h"

static inline uint64_t eq64(simde__m256i lo, simde__m256i hi, uint8_t c)
{
	const simde__m256i k = simde_mm256_set1_epi8((char)c);
	const uint32_t a = (uint32_t)simde_mm256_movemask_epi8(simde_mm256_cmpeq_epi8(lo, k));
	const uint32_t b = (uint32_t)simde_mm256_movemask_epi8(simde_mm256_cmpeq_epi8(hi, k));
	return (uint64_t)a | ((uint64_t)b << 32);
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

static inline uint64_t bl_prefix_xor(uint64_t x)
{
	const simde__m128i a = simde_mm_set_epi64x(0, (int64_t)x);
	const simde__m128i ones = simde_mm_set1_epi8((char)0xFF);
	return (uint64_t)simde_mm_cvtsi128_si64(simde_mm_clmulepi64_si128(a, ones, 0));
}
