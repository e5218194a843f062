/* avx512.c - the AVX-512 structural indexer: one 64-byte compare per mask, clmul prefix XOR. */
#if !defined(__AVX512BW__) || !defined(__PCLMUL__)
#if !defined(SLUICE_EMULATE)
#error "avx512.c must be built with -mavx512f -mavx512bw -mavx512vl -mpclmul (or SLUICE_EMULATE)"
#endif
#endif

#include <simde/x86/avx512.h>

#define BL_KERNEL sluice_ix_avx512
#include "block_loop.h"
#include "prefix_xor_x86.h"

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
