/* neon.c - the NEON structural indexer: four 16-byte compares per mask, pairwise-add movemask. */
#if !defined(__ARM_NEON) && !defined(SLUICE_EMULATE)
#error "neon.c must be built for a NEON target (or with SLUICE_EMULATE through simde)"
#endif

#include <simde/arm/neon.h>

typedef simde_uint8x16_t u8_vec;
#define U8_VEC_BYTES 16
#include "kernels/utf8_check.h"

#define BL_KERNEL sluice_ix_neon
#include "kernels/block_loop.h"

typedef struct neon_block {
	simde_uint8x16_t v[4];
} neon_block;

/* Folds four 0x00/0xFF byte-compare results into 64 bits: each lane keeps its own bit of a
 * byte (AND with 1,2,4..128), then three rounds of pairwise adds pack 16 lanes into 2 bytes. */
static inline uint64_t movemask64(simde_uint8x16_t c0, simde_uint8x16_t c1, simde_uint8x16_t c2,
                                  simde_uint8x16_t c3)
{
	static const uint8_t bits[16] = {1, 2, 4, 8, 16, 32, 64, 128, 1, 2, 4, 8, 16, 32, 64, 128};
	const simde_uint8x16_t bm = simde_vld1q_u8(bits);
	simde_uint8x16_t s0 = simde_vpaddq_u8(simde_vandq_u8(c0, bm), simde_vandq_u8(c1, bm));
	simde_uint8x16_t s1 = simde_vpaddq_u8(simde_vandq_u8(c2, bm), simde_vandq_u8(c3, bm));
	s0 = simde_vpaddq_u8(s0, s1);
	s0 = simde_vpaddq_u8(s0, s0);
	return simde_vgetq_lane_u64(simde_vreinterpretq_u64_u8(s0), 0);
}

static inline uint64_t eq64(const neon_block *b, uint8_t c)
{
	const simde_uint8x16_t k = simde_vdupq_n_u8(c);
	return movemask64(simde_vceqq_u8(b->v[0], k), simde_vceqq_u8(b->v[1], k), simde_vceqq_u8(b->v[2], k),
	                  simde_vceqq_u8(b->v[3], k));
}

static inline uint64_t bl_eq(const uint8_t *p, uint8_t c)
{
	neon_block b;
	for (int i = 0; i < 4; i++)
		b.v[i] = simde_vld1q_u8(p + 16 * i);
	return eq64(&b, c);
}

static inline void bl_classify(const uint8_t *p, const ix_dialect *d, bl_masks *m)
{
	neon_block b;
	for (int i = 0; i < 4; i++)
		b.v[i] = simde_vld1q_u8(p + 16 * i);
	m->q = d->has_quote ? eq64(&b, d->quote) : 0;
	m->d = eq64(&b, d->delim);
	m->cr = eq64(&b, '\r');
	m->lf = eq64(&b, '\n');
	m->esc = d->has_escape ? eq64(&b, d->escape) : 0;
	m->cmt = d->has_comment ? eq64(&b, (uint8_t)d->comment[0]) : 0;
}

/* simde has no vmull_p64, so the prefix XOR doubles its span six times. */
static inline uint64_t bl_prefix_xor(uint64_t x)
{
	x ^= x << 1;
	x ^= x << 2;
	x ^= x << 4;
	x ^= x << 8;
	x ^= x << 16;
	x ^= x << 32;
	return x;
}

/* The UTF-8 validator's primitives: 16 bytes per vector, four per block; tbl does the lookups. */
static inline u8_vec u8_load(const uint8_t *p)
{
	return simde_vld1q_u8(p);
}

static inline u8_vec u8_splat(uint8_t c)
{
	return simde_vdupq_n_u8(c);
}

static inline u8_vec u8_table(const uint8_t *t)
{
	return simde_vld1q_u8(t);
}

static inline u8_vec u8_lookup(u8_vec table, u8_vec idx)
{
	return simde_vqtbl1q_u8(table, idx);
}

static inline u8_vec u8_shr4(u8_vec v)
{
	return simde_vshrq_n_u8(v, 4);
}

static inline u8_vec u8_and(u8_vec a, u8_vec b)
{
	return simde_vandq_u8(a, b);
}

static inline u8_vec u8_or(u8_vec a, u8_vec b)
{
	return simde_vorrq_u8(a, b);
}

static inline u8_vec u8_xor(u8_vec a, u8_vec b)
{
	return simde_veorq_u8(a, b);
}

static inline u8_vec u8_subs(u8_vec a, u8_vec b)
{
	return simde_vqsubq_u8(a, b);
}

static inline u8_vec u8_prev1(u8_vec cur, u8_vec prev)
{
	return simde_vextq_u8(prev, cur, 15);
}

static inline u8_vec u8_prev2(u8_vec cur, u8_vec prev)
{
	return simde_vextq_u8(prev, cur, 14);
}

static inline u8_vec u8_prev3(u8_vec cur, u8_vec prev)
{
	return simde_vextq_u8(prev, cur, 13);
}

static inline bool u8_any(u8_vec v)
{
	return simde_vmaxvq_u8(v) != 0;
}

static inline bool u8_high(u8_vec v)
{
	return simde_vmaxvq_u8(v) >= 0x80;
}
