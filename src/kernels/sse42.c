/* sse42.c - the SSE4.2 structural indexer: four 16-byte compares per mask, clmul prefix XOR. */
#if !defined(__SSE4_2__) || !defined(__PCLMUL__)
#if !defined(SLUICE_EMULATE)
#error "sse42.c must be built with -msse4.2 -mpclmul (or SLUICE_EMULATE)"
#endif
#endif

#include <simde/x86/sse4.2.h>

typedef simde__m128i u8_vec;
#define U8_VEC_BYTES 16
#include "kernels/utf8_check.h"

#define BL_KERNEL sluice_ix_sse42
#include "kernels/block_loop.h"
#include "kernels/prefix_xor_x86.h"

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

/* The UTF-8 validator's primitives: 16 bytes per vector, four per block. */
static inline u8_vec u8_load(const uint8_t *p)
{
	return simde_mm_loadu_si128((const void *)p);
}

static inline u8_vec u8_splat(uint8_t c)
{
	return simde_mm_set1_epi8((char)c);
}

static inline u8_vec u8_table(const uint8_t *t)
{
	return simde_mm_loadu_si128((const void *)t);
}

static inline u8_vec u8_lookup(u8_vec table, u8_vec idx)
{
	return simde_mm_shuffle_epi8(table, idx);
}

static inline u8_vec u8_shr4(u8_vec v)
{
	return simde_mm_and_si128(simde_mm_srli_epi16(v, 4), simde_mm_set1_epi8(0x0F));
}

static inline u8_vec u8_and(u8_vec a, u8_vec b)
{
	return simde_mm_and_si128(a, b);
}

static inline u8_vec u8_or(u8_vec a, u8_vec b)
{
	return simde_mm_or_si128(a, b);
}

static inline u8_vec u8_xor(u8_vec a, u8_vec b)
{
	return simde_mm_xor_si128(a, b);
}

static inline u8_vec u8_subs(u8_vec a, u8_vec b)
{
	return simde_mm_subs_epu8(a, b);
}

static inline u8_vec u8_prev1(u8_vec cur, u8_vec prev)
{
	return simde_mm_alignr_epi8(cur, prev, 15);
}

static inline u8_vec u8_prev2(u8_vec cur, u8_vec prev)
{
	return simde_mm_alignr_epi8(cur, prev, 14);
}

static inline u8_vec u8_prev3(u8_vec cur, u8_vec prev)
{
	return simde_mm_alignr_epi8(cur, prev, 13);
}

/* not testz: simde 0.7.4's portable one answers "zero" as soon as one 64-bit half is */
static inline bool u8_any(u8_vec v)
{
	return simde_mm_movemask_epi8(simde_mm_cmpeq_epi8(v, simde_mm_setzero_si128())) != 0xFFFF;
}

static inline bool u8_high(u8_vec v)
{
	return simde_mm_movemask_epi8(v) != 0;
}
