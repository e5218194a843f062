/* decimals.h - a batch of fields parsed as plain short decimals, eight at a time with AVX-512. */
/*
 * Included by block_loop.h, so that each ISA file compiles it with its own flags. The AVX-512 file
 * defines BL_DECIMALS_AVX512 first; the others get the scalar loop.
 *
 * bl_decimals(f, n, end, out) parses each field f[i] that sq_parse_decimal8 takes ([-]digits[.digits]
 * of at most 8 bytes after the sign, flags 0, with 9 bytes readable from its start before `end`)
 * into out[i], with the same result bit for bit, and returns how many it parsed. out[i] of the
 * others is unspecified.
 */
#ifndef SLUICE_DECIMALS_H
#define SLUICE_DECIMALS_H

#include <stddef.h>
#include <stdint.h>

#include "kernels/digits.h"
#include "sluice.h"

/* The checks that make 9 bytes from the field's start readable, and the value unescaped. */
static inline bool bl_decimal_candidate(const sluice_field *f, const char *end)
{
	return f->flags == 0 && f->len - 1 < 9 && end - f->ptr >= 9;
}

#if FLT_EVAL_METHOD == 0
static inline size_t bl_decimals_scalar(const sluice_field *f, size_t n, const char *end, double *out)
{
	size_t done = 0;
	for (size_t i = 0; i < n; i++)
		done += bl_decimal_candidate(&f[i], end) && sq_parse_decimal8(f[i].ptr, f[i].len, &out[i]);
	return done;
}
#else
static inline size_t bl_decimals_scalar(const sluice_field *f, size_t n, const char *end, double *out)
{
	(void)f, (void)n, (void)end, (void)out;
	return 0;
}
#endif

#if defined(BL_DECIMALS_AVX512) && FLT_EVAL_METHOD == 0
/*
 * sq_parse_decimal8's steps on eight 64-bit lanes. The sign and the 8 bytes after it are gathered
 * one field at a time (a field that is no candidate gets length 0, which fails the length check);
 * the digits then become a number the way SIMD parsers do it: pairs of bytes times 10 and 1, pairs
 * of those times 100 and 1, and the two 4-digit halves of each lane times 10^4 and 1.
 *
 *   "17.02"        bytes 31 37 2e 30 32 ...      as in sq_parse_decimal8, up to '0' padding:
 *   padded         30 30 30 30 31 37 30 32
 *   - '0'          00 00 00 00 01 07 00 02
 *   x10 + x1       0000 0000 0017 0002           16-bit lanes (decimal shown)
 *   x100 + x1      00000000 00001702             32-bit lanes
 *   lo * 10^4 + hi 1702, then / 10^2 as a double
 */
static inline size_t bl_decimals(const sluice_field *f, size_t n, const char *end, double *out)
{
	const simde__m512i one8 = simde_mm512_set1_epi64(0x0101010101010101);
	const simde__m512i dots = simde_mm512_set1_epi64(0x2e2e2e2e2e2e2e2e);
	const simde__m512i high = simde_mm512_set1_epi64((int64_t)0x8080808080808080u);
	const simde__m512i zeros = simde_mm512_set1_epi64(0x3030303030303030);
	const simde__m512i nibble = simde_mm512_set1_epi64((int64_t)0xF0F0F0F0F0F0F0F0u);
	const simde__m512i six = simde_mm512_set1_epi64(0x0606060606060606);
	const simde__m512i threes = simde_mm512_set1_epi64(0x3333333333333333);
	const simde__m512i w10 = simde_mm512_set1_epi16(0x010a); /* bytes 10, 1 */
	const simde__m512i w100 = simde_mm512_set1_epi32(0x00010064); /* words 100, 1 */
	const simde__m512i k1 = simde_mm512_set1_epi64(1);
	const simde__m512i k8 = simde_mm512_set1_epi64(8);
	const simde__m512i k64 = simde_mm512_set1_epi64(64);
	const simde__m512i k7 = simde_mm512_set1_epi64(7);
	const simde__m512i byte_index = simde_mm512_set1_epi64(0x0706050403020100);
	const simde__m512i two52_bits = simde_mm512_set1_epi64(0x4330000000000000);
	const simde__m512d two52 = simde_mm512_set1_pd(4503599627370496.0);
	const simde__m512i k10000 = simde_mm512_set1_epi64(10000);
	const simde__m512d pow10 = simde_mm512_loadu_pd(pow10_exact);
	const simde__m512d sign = simde_mm512_set1_pd(-0.0);
	size_t done = 0, i = 0;
	for (; i + 8 <= n; i += 8) {
		uint64_t w[8], len[8];
		simde__mmask8 neg = 0;
		for (int j = 0; j < 8; j++) {
			const sluice_field *x = &f[i + (size_t)j];
			w[j] = 0;
			len[j] = 0;
			if (bl_decimal_candidate(x, end)) {
				const bool minus = x->ptr[0] == '-';
				neg |= (simde__mmask8)(minus << j);
				w[j] = load8(x->ptr + minus);
				len[j] = x->len - minus;
			}
		}
		/* made in registers: a load of the eight stores just made would wait for them */
		const simde__m512i nv =
		        simde_mm512_set_epi64((int64_t)len[7], (int64_t)len[6], (int64_t)len[5], (int64_t)len[4],
		                              (int64_t)len[3], (int64_t)len[2], (int64_t)len[1], (int64_t)len[0]);
		const simde__m512i wv =
		        simde_mm512_set_epi64((int64_t)w[7], (int64_t)w[6], (int64_t)w[5], (int64_t)w[4], (int64_t)w[3],
		                              (int64_t)w[2], (int64_t)w[1], (int64_t)w[0]);
		/* 1..8 bytes after the sign */
		simde__mmask8 ok = simde_mm512_cmple_epu64_mask(simde_mm512_sub_epi64(nv, k1), k7);
		/* to the top: the bytes past the field fall off */
		simde__m512i x = simde_mm512_sllv_epi64(wv, simde_mm512_sub_epi64(k64, simde_mm512_slli_epi64(nv, 3)));
		/* the dot: the lowest zero byte of x ^ "........" */
		const simde__m512i t = simde_mm512_xor_si512(x, dots);
		const simde__m512i dz =
		        simde_mm512_and_si512(simde_mm512_andnot_si512(t, simde_mm512_sub_epi64(t, one8)), high);
		const simde__mmask8 has = simde_mm512_test_epi64_mask(dz, dz);
		ok &= (simde__mmask8) ~(has & simde_mm512_cmpeq_epi64_mask(nv, k1)); /* a dot alone */
		const simde__m512i low =
		        simde_mm512_and_si512(dz, simde_mm512_sub_epi64(simde_mm512_setzero_si512(), dz));
		const simde__m512i below = simde_mm512_sub_epi64(simde_mm512_srli_epi64(low, 7), k1);
		/* the bytes below the dot move up over it; ~below << 8 keeps those above it */
		const simde__m512i above =
		        simde_mm512_slli_epi64(simde_mm512_xor_si512(below, simde_mm512_set1_epi64(-1)), 8);
		const simde__m512i moved = simde_mm512_or_si512(
		        simde_mm512_and_si512(x, above), simde_mm512_slli_epi64(simde_mm512_and_si512(x, below), 8));
		x = simde_mm512_mask_blend_epi64(has, x, moved);
		/* the digits after the dot, 7 - at for the dot in byte at: 1 << 8 * at times bytes 0..7
		 * puts byte 7 - at of the multiplier, 7 - at, in the top byte (0 without a dot) */
		const simde__m512i frac =
		        simde_mm512_srli_epi64(simde_mm512_mullo_epi64(simde_mm512_srli_epi64(low, 7), byte_index), 56);
		/* '0' in the bytes below the digits: 8 - n of them, one more with a dot */
		const simde__m512i pad0 = simde_mm512_sub_epi64(k8, nv);
		const simde__m512i pad = simde_mm512_mask_add_epi64(pad0, has, pad0, k1);
		const simde__m512i padmask =
		        simde_mm512_sub_epi64(simde_mm512_sllv_epi64(k1, simde_mm512_slli_epi64(pad, 3)), k1);
		x = simde_mm512_or_si512(x, simde_mm512_and_si512(zeros, padmask));
		/* all eight bytes digits (all_digits8) */
		const simde__m512i hi = simde_mm512_and_si512(x, nibble);
		const simde__m512i lo =
		        simde_mm512_srli_epi64(simde_mm512_and_si512(simde_mm512_add_epi64(x, six), nibble), 4);
		ok &= simde_mm512_cmpeq_epi64_mask(simde_mm512_or_si512(hi, lo), threes);
		/* the value of the eight digits */
		const simde__m512i dg = simde_mm512_sub_epi8(x, zeros);
		const simde__m512i p2 = simde_mm512_maddubs_epi16(dg, w10);
		const simde__m512i p4 = simde_mm512_madd_epi16(p2, w100);
		const simde__m512i v =
		        simde_mm512_add_epi64(simde_mm512_mul_epu32(p4, k10000), simde_mm512_srli_epi64(p4, 32));
		/* v < 10^8 as a double, exactly: its bits below those of 2^52, less 2^52 */
		const simde__m512d dv =
		        simde_mm512_sub_pd(simde_mm512_castsi512_pd(simde_mm512_or_si512(v, two52_bits)), two52);
		simde__m512d d = simde_mm512_div_pd(dv, simde_mm512_permutexvar_pd(frac, pow10));
		d = simde_mm512_mask_xor_pd(d, neg, d, sign);
		simde_mm512_storeu_pd(out + i, d);
		done += (size_t)__builtin_popcount(ok);
	}
	return done + bl_decimals_scalar(f + i, n - i, end, out + i);
}
#else
static inline size_t bl_decimals(const sluice_field *f, size_t n, const char *end, double *out)
{
	return bl_decimals_scalar(f, n, end, out);
}
#endif

#endif
