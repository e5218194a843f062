/* avx2.c - the AVX2 structural indexer: two 32-byte compares per mask, clmul prefix XOR. */
#if !defined(__AVX2__) || !defined(__PCLMUL__)
#if !defined(SLUICE_EMULATE)
#error "avx2.c must be built with -mavx2 -mpclmul (or SLUICE_EMULATE)"
#endif
#endif

#include <simde/x86/avx2.h>

#define BL_KERNEL sluice_ix_avx2
#include "block_loop.h"
#include "prefix_xor_x86.h"

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
