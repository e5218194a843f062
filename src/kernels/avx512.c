/* avx512.c - the AVX-512 structural indexer: one 64-byte compare per mask, clmul prefix XOR. */
#if !defined(__AVX512BW__) || !defined(__PCLMUL__)
#if !defined(SLUICE_EMULATE)
#error "avx512.c must be built with -mavx512f -mavx512bw -mavx512vl -mpclmul (or SLUICE_EMULATE)"
#endif
#endif

#include <simde/x86/avx512.h>
#if defined(__PCLMUL__) && !defined(SIMDE_NO_NATIVE)
#include <wmmintrin.h> /* simde's clmul.h calls _mm_clmulepi64_si128 natively but does not include it */
#endif
#include <simde/x86/clmul.h>

#define BL_KERNEL sluice_ix_avx512
#include "block_loop.h"

static inline uint64_t eq64(simde__m512i v, uint8_t c)
{
	return (uint64_t)simde_mm512_cmpeq_epi8_mask(v, simde_mm512_set1_epi8((char)c));
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

static inline uint64_t bl_prefix_xor(uint64_t x)
{
	const simde__m128i a = simde_mm_set_epi64x(0, (int64_t)x);
	const simde__m128i ones = simde_mm_set1_epi8((char)0xFF);
	return (uint64_t)simde_mm_cvtsi128_si64(simde_mm_clmulepi64_si128(a, ones, 0));
}
