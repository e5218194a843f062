/* utf8_check.h - UTF-8 validation by three nibble lookups (Keiser & Lemire), shared by the SIMD kernels. */
/*
 * Included once by each ISA file after it defines its vector type:
 *   typedef ... u8_vec;         U8_VEC_BYTES (16, 32 or 64) bytes
 * and, anywhere in the file, the primitives declared below (byte shuffles for the lookups:
 * pshufb on x86, tbl on NEON). Everything here is static inline so that each ISA file compiles
 * it with its own flags; the kernel's table points at u8_validate.
 *
 * Every byte is looked at with the byte before it (prev1). Three 16-entry tables, indexed by the
 * high nibble of prev1, the low nibble of prev1 and the high nibble of the byte, each give the
 * error kinds (one bit each, below) the pair may be; the pair is wrong when a kind is in all
 * three:
 *
 *   bytes          E0 80 41       (E0 80 starts an overlong form of U+0000..U+07FF)
 *   t1_high[0xE]   TOO_SHORT | OVERLONG_3 | SURROGATE                    for the 80
 *   t1_low[0x0]    CARRY | OVERLONG_2 | OVERLONG_3 | OVERLONG_4
 *   t2_high[0x8]   TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | ...
 *   all three      OVERLONG_3                                            -> an error
 *
 * The third and fourth bytes of a sequence are checked by position: a byte two after an
 * E0..EF, or three after an F0..FF, must be a continuation that follows a continuation
 * (TWO_CONTS), and no other byte may be. (byte - 0x60 saturated) has its high bit set exactly
 * for bytes >= E0, (byte - 0x70) for bytes >= F0:
 *
 *   bytes    E2 82 AC 41
 *   prev2    .  .  E2 82     prev2 >= E0 at the AC: must be TWO_CONTS -> it is (82 AC)
 *   prev3    .  .  .  E2     prev3 < F0 at the 41: must not be        -> it is not
 *
 * A block is 64 bytes; the previous block's last vector is carried in so that prev1..3 reach
 * back across the edge. A block with no high bit is valid on its own, and only needs the
 * previous block not to end inside a sequence. The last partial block is copied into a
 * zero-padded buffer (nothing is read past p + n); the zeros after the data end any sequence the
 * input cuts short, which the lookups then reject. When a block holds an error, the scalar
 * validator names the first bad byte, starting from the sequence the block begins in.
 */
#ifndef SLUICE_UTF8_CHECK_H
#define SLUICE_UTF8_CHECK_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "kernels/index.h"
#include "kernels/utf8.h"

#if !defined(U8_VEC_BYTES) || (U8_VEC_BYTES != 16 && U8_VEC_BYTES != 32 && U8_VEC_BYTES != 64)
#error "define u8_vec and U8_VEC_BYTES (16, 32 or 64) before including utf8_check.h"
#endif

static inline u8_vec u8_load(const uint8_t *p);             /* unaligned load */
static inline u8_vec u8_splat(uint8_t c);                   /* c in every byte */
static inline u8_vec u8_table(const uint8_t *t);            /* t[0..16) in every 16-byte lane */
static inline u8_vec u8_lookup(u8_vec table, u8_vec idx);   /* per byte: table[idx], idx in 0..15 */
static inline u8_vec u8_shr4(u8_vec v);                     /* per byte: v >> 4 */
static inline u8_vec u8_and(u8_vec a, u8_vec b);
static inline u8_vec u8_or(u8_vec a, u8_vec b);
static inline u8_vec u8_xor(u8_vec a, u8_vec b);
static inline u8_vec u8_subs(u8_vec a, u8_vec b);           /* per byte: a - b, saturated at 0 */
/* cur shifted N bytes later, the last N bytes of prev in front (the bytes N before each byte) */
static inline u8_vec u8_prev1(u8_vec cur, u8_vec prev);
static inline u8_vec u8_prev2(u8_vec cur, u8_vec prev);
static inline u8_vec u8_prev3(u8_vec cur, u8_vec prev);
static inline bool u8_any(u8_vec v);                        /* a byte is not zero */
static inline bool u8_high(u8_vec v);                       /* a byte has its high bit set */

#define U8_VECS (64 / U8_VEC_BYTES)

/* Error kinds, one bit each (OVERLONG_4 and TOO_LARGE_1000 share a bit: the low nibble of the
 * lead tells them apart). */
#define U8_TOO_SHORT 0x01      /* 11______ then 0_______ or 11______: a lead byte left without continuation */
#define U8_TOO_LONG 0x02       /* 0_______ 10______: a continuation byte after ASCII */
#define U8_OVERLONG_3 0x04     /* 11100000 100_____ */
#define U8_TOO_LARGE 0x08      /* 11110100 1001____, 11110100 101_____, 11110101+ 1001____ / 101_____ */
#define U8_SURROGATE 0x10      /* 11101101 101_____ */
#define U8_OVERLONG_2 0x20     /* 1100000_ 10______ */
#define U8_TOO_LARGE_1000 0x40 /* 11110101+ 1000____ */
#define U8_OVERLONG_4 0x40     /* 11110000 1000____ */
#define U8_TWO_CONTS 0x80      /* 10______ 10______: right only as the third or fourth byte */
#define U8_CARRY (U8_TOO_SHORT | U8_TOO_LONG | U8_TWO_CONTS)

static const uint8_t u8_t1_high[16] = {
	/* 0_______ : ASCII */
	U8_TOO_LONG, U8_TOO_LONG, U8_TOO_LONG, U8_TOO_LONG, U8_TOO_LONG, U8_TOO_LONG, U8_TOO_LONG, U8_TOO_LONG,
	/* 10______ : continuation */
	U8_TWO_CONTS, U8_TWO_CONTS, U8_TWO_CONTS, U8_TWO_CONTS,
	/* 1100____, 1101____ : two-byte lead */
	U8_TOO_SHORT | U8_OVERLONG_2, U8_TOO_SHORT,
	/* 1110____ : three-byte lead */
	U8_TOO_SHORT | U8_OVERLONG_3 | U8_SURROGATE,
	/* 1111____ : four-byte lead (or no lead at all) */
	U8_TOO_SHORT | U8_TOO_LARGE | U8_TOO_LARGE_1000 | U8_OVERLONG_4,
};

static const uint8_t u8_t1_low[16] = {
	/* ____0000 */ U8_CARRY | U8_OVERLONG_2 | U8_OVERLONG_3 | U8_OVERLONG_4,
	/* ____0001 */ U8_CARRY | U8_OVERLONG_2,
	/* ____001_ */ U8_CARRY, U8_CARRY,
	/* ____0100 */ U8_CARRY | U8_TOO_LARGE,
	/* ____0101, ____011_, ____1___ */
	U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000, U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000,
	U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000, U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000,
	U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000, U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000,
	U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000, U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000,
	/* ____1101 */ U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000 | U8_SURROGATE,
	/* ____111_ */ U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000, U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000,
};

static const uint8_t u8_t2_high[16] = {
	/* 0_______ : ASCII after anything but a lead is fine */
	U8_TOO_SHORT, U8_TOO_SHORT, U8_TOO_SHORT, U8_TOO_SHORT, U8_TOO_SHORT, U8_TOO_SHORT, U8_TOO_SHORT, U8_TOO_SHORT,
	/* 1000____ */
	U8_TOO_LONG | U8_OVERLONG_2 | U8_TWO_CONTS | U8_OVERLONG_3 | U8_TOO_LARGE_1000 | U8_OVERLONG_4,
	/* 1001____ */
	U8_TOO_LONG | U8_OVERLONG_2 | U8_TWO_CONTS | U8_OVERLONG_3 | U8_TOO_LARGE,
	/* 101_____ */
	U8_TOO_LONG | U8_OVERLONG_2 | U8_TWO_CONTS | U8_SURROGATE | U8_TOO_LARGE,
	U8_TOO_LONG | U8_OVERLONG_2 | U8_TWO_CONTS | U8_SURROGATE | U8_TOO_LARGE,
	/* 11______ : a lead byte right after a lead byte */
	U8_TOO_SHORT, U8_TOO_SHORT, U8_TOO_SHORT, U8_TOO_SHORT,
};

/* The tables and masks, set up once per call: the compiler does not hoist them out of the branch
 * that checks a block with high bits. */
typedef struct u8_consts {
	u8_vec t1_high, t1_low, t2_high;
	u8_vec nibble; /* 0x0F */
	u8_vec third;  /* 0xE0 - 0x80 */
	u8_vec fourth; /* 0xF0 - 0x80 */
	u8_vec top;    /* 0x80 */
} u8_consts;

static inline void u8_consts_init(u8_consts *c)
{
	c->t1_high = u8_table(u8_t1_high);
	c->t1_low = u8_table(u8_t1_low);
	c->t2_high = u8_table(u8_t2_high);
	c->nibble = u8_splat(0x0F);
	c->third = u8_splat(0xE0 - 0x80);
	c->fourth = u8_splat(0xF0 - 0x80);
	c->top = u8_splat(0x80);
}

/* The error bits of the bytes of `in`, given the vector before it: zero where they are fine. */
static inline u8_vec u8_vec_errors(const u8_consts *c, u8_vec in, u8_vec prev)
{
	const u8_vec prev1 = u8_prev1(in, prev);
	const u8_vec b1h = u8_lookup(c->t1_high, u8_shr4(prev1));
	const u8_vec b1l = u8_lookup(c->t1_low, u8_and(prev1, c->nibble));
	const u8_vec b2h = u8_lookup(c->t2_high, u8_shr4(in));
	const u8_vec special = u8_and(u8_and(b1h, b1l), b2h);
	const u8_vec third = u8_subs(u8_prev2(in, prev), c->third);
	const u8_vec fourth = u8_subs(u8_prev3(in, prev), c->fourth);
	const u8_vec must_cont = u8_and(u8_or(third, fourth), c->top);
	return u8_xor(must_cont, special);
}

/* True when the 64 bytes at b end inside a sequence (a lead byte without all its continuations). */
static inline bool u8_ends_open(const uint8_t *b)
{
	return (b[63] >= 0xC0) | (b[62] >= 0xE0) | (b[61] >= 0xF0); /* no branch: the bytes are random */
}

/* Checks the 64 bytes at b, carrying the last vector and whether the block ends inside a
 * sequence. Returns false when the block (or a sequence running into it) is invalid. */
static inline __attribute__((always_inline)) bool u8_block(const u8_consts *c, const uint8_t *b, u8_vec *prev,
                                                            bool *open)
{
	u8_vec v[U8_VECS];
	u8_vec any = u8_load(b);
	v[0] = any;
	for (int k = 1; k < U8_VECS; k++) {
		v[k] = u8_load(b + k * U8_VEC_BYTES);
		any = u8_or(any, v[k]);
	}
	if (SLUICE_LIKELY(!u8_high(any))) {
		/* all ASCII: fine unless the previous block left a sequence open */
		*prev = v[U8_VECS - 1];
		const bool ok = !*open;
		*open = false;
		return ok;
	}
	u8_vec err = u8_vec_errors(c, v[0], *prev);
	for (int k = 1; k < U8_VECS; k++)
		err = u8_or(err, u8_vec_errors(c, v[k], v[k - 1]));
	*prev = v[U8_VECS - 1];
	*open = u8_ends_open(b);
	return !u8_any(err);
}

/* The kernel's validator: the offset of the first invalid byte of p[0..n), or n. */
static size_t u8_validate(const uint8_t *p, size_t n)
{
	u8_consts c;
	u8_consts_init(&c);
	u8_vec prev = u8_splat(0);
	bool open = false;
	size_t i = 0;
	for (; i + 64 <= n; i += 64) {
		if (SLUICE_UNLIKELY(!u8_block(&c, p + i, &prev, &open)))
			return sluice_utf8_locate(p, n, i);
	}
	uint8_t pad[64];
	memset(pad, 0, sizeof pad);
	memcpy(pad, p + i, n - i);
	if (SLUICE_UNLIKELY(!u8_block(&c, pad, &prev, &open)))
		return sluice_utf8_locate(p, n, i);
	return n;
}

#endif
