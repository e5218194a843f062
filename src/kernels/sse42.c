/* sse42.c - the SSE4.2 structural indexer: four 16-byte compares per mask, clmul prefix XOR. */
#if !defined(__SSE4_2__) || !defined(__PCLMUL__)
#if !defined(SLUICE_EMULATE)
#error "sse42.c must be built with -msse4.2 -mpclmul (or SLUICE_EMULATE)"
#endif
#endif

#include <simde/x86/sse4.2.h>

#define BL_KERNEL sluice_ix_sse42
#include "block_loop.h"
#include "prefix_xor_x86.h"

typedef struct sse_block {
	simde__m128i v[4];
} sse_block;

static inline uint64_t eq64(const sse_block *b, uint8_t c)
{
	const simde__m128i k = simde_mm_set1_epi8((char)c);
	uint64_t r = 0;
	for (int i = 0; i < 4; i++)
		r |= (uint64_t)(uint16_t)simde_mm_movemask_epi8(simde_mm_cmpeq_epi8(b->v[i], k)) << (16 * i);
	return r;
}

static inline uint64_t bl_eq(const uint8_t *p, uint8_t c)
{
	sse_block b;
	for (int i = 0; i < 4; i++)
		b.v[i] = simde_mm_loadu_si128((const void *)(p + 16 * i));
	return eq64(&b, c);
}

static inline void bl_classify(const uint8_t *p, const ix_dialect *d, bl_masks *m)
{
	sse_block b;
	for (int i = 0; i < 4; i++)
		b.v[i] = simde_mm_loadu_si128((const void *)(p + 16 * i));
	m->q = d->has_quote ? eq64(&b, d->quote) : 0;
	m->d = eq64(&b, d->delim);
	m->cr = eq64(&b, '\r');
	m->lf = eq64(&b, '\n');
	m->esc = d->has_escape ? eq64(&b, d->escape) : 0;
	m->cmt = d->has_comment ? eq64(&b, (uint8_t)d->comment[0]) : 0;
}
