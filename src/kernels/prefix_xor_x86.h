/* prefix_xor_x86.h - in-quote masks by carry-less multiplication, shared by the x86 kernels. */
#ifndef SLUICE_PREFIX_XOR_X86_H
#define SLUICE_PREFIX_XOR_X86_H

#include <stdint.h>

/*
 * Multiplying the quote mask by all ones without carries gives, at bit i, the XOR of bits 0..i:
 *
 *   q       0 0 1 0 0 0 1 0      (bit 0 first)
 *   result  0 0 1 1 1 1 0 0      on from an opening quote, off from the closing one
 *
 * simde 0.7.4's PCLMUL mapping falls back to its portable multiply even when __PCLMUL__ is set,
 * so a native build calls the intrinsic itself.
 */
#if defined(__PCLMUL__) && !defined(SIMDE_NO_NATIVE)
#include <wmmintrin.h>

static inline uint64_t bl_prefix_xor(uint64_t x)
{
	const __m128i a = _mm_set_epi64x(0, (long long)x);
	return (uint64_t)_mm_cvtsi128_si64(_mm_clmulepi64_si128(a, _mm_set1_epi8((char)0xFF), 0));
}
#else
#include <simde/x86/clmul.h>

static inline uint64_t bl_prefix_xor(uint64_t x)
{
	const simde__m128i a = simde_mm_set_epi64x(0, (int64_t)x);
	const simde__m128i ones = simde_mm_set1_epi8((char)0xFF);
	return (uint64_t)simde_mm_cvtsi128_si64(simde_mm_clmulepi64_si128(a, ones, 0));
}
#endif

#endif
