/* dispatch.c - which kernels this build has, which the CPU runs, and the choice made once at open. */
#include <stdlib.h>
#include <string.h>

#include "kernels/index.h"

static const char *const kernel_names[SLUICE_KERNEL_COUNT] = {"auto", "scalar", "sse42", "avx2", "avx512", "neon"};

const char *sluice_kernel_name(sluice_kernel k)
{
	if ((unsigned)k >= SLUICE_KERNEL_COUNT)
		return "?";
	return kernel_names[k];
}

sluice_status sluice_kernel_from_name(const char *name, sluice_kernel *out)
{
	if (!name)
		return SLUICE_ERR_INVALID_OPTION;
	for (unsigned i = 0; i < SLUICE_KERNEL_COUNT; i++) {
		if (strcmp(name, kernel_names[i]) == 0) {
			*out = (sluice_kernel)i;
			return SLUICE_OK;
		}
	}
	return SLUICE_ERR_INVALID_OPTION;
}

const ix_kernel *ix_kernel_get(sluice_kernel k)
{
	switch (k) {
#if defined(SLUICE_HAVE_SSE42)
	case SLUICE_KERNEL_SSE42:
		return &sluice_ix_sse42;
#endif
#if defined(SLUICE_HAVE_AVX2)
	case SLUICE_KERNEL_AVX2:
		return &sluice_ix_avx2;
#endif
#if defined(SLUICE_HAVE_AVX512)
	case SLUICE_KERNEL_AVX512:
		return &sluice_ix_avx512;
#endif
#if defined(SLUICE_HAVE_NEON)
	case SLUICE_KERNEL_NEON:
		return &sluice_ix_neon;
#endif
	default:
		return NULL;
	}
}

bool sluice_kernel_supported(sluice_kernel k)
{
	switch (k) {
	case SLUICE_KERNEL_AUTO:
	case SLUICE_KERNEL_SCALAR:
		return true;
#if defined(SLUICE_HAVE_SSE42)
	case SLUICE_KERNEL_SSE42:
#if defined(SLUICE_EMULATED_X86)
		return true;
#else
		return __builtin_cpu_supports("sse4.2") && __builtin_cpu_supports("pclmul");
#endif
#endif
#if defined(SLUICE_HAVE_AVX2)
	case SLUICE_KERNEL_AVX2:
#if defined(SLUICE_EMULATED_X86)
		return true;
#else
		return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("pclmul") && __builtin_cpu_supports("bmi") &&
		       __builtin_cpu_supports("bmi2");
#endif
#endif
#if defined(SLUICE_HAVE_AVX512)
	case SLUICE_KERNEL_AVX512:
#if defined(SLUICE_EMULATED_X86)
		return true;
#else
		return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
		       __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512vbmi2") &&
		       __builtin_cpu_supports("avx512dq") &&
		       __builtin_cpu_supports("pclmul") && __builtin_cpu_supports("bmi") && __builtin_cpu_supports("bmi2");
#endif
#endif
#if defined(SLUICE_HAVE_NEON)
	case SLUICE_KERNEL_NEON:
		return true;
#endif
	default:
		return false;
	}
}

sluice_kernel sluice_kernel_best(void)
{
	const char *env = getenv("SLUICE_KERNEL");
	sluice_kernel k;
	if (env && *env && sluice_kernel_from_name(env, &k) == SLUICE_OK && k != SLUICE_KERNEL_AUTO &&
	    sluice_kernel_supported(k))
		return k;
	static const sluice_kernel order[] = {SLUICE_KERNEL_AVX512, SLUICE_KERNEL_AVX2, SLUICE_KERNEL_SSE42};
	for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
		if (sluice_kernel_supported(order[i]))
			return order[i];
	}
#if defined(SLUICE_HAVE_NEON) && defined(__ARM_NEON)
	return SLUICE_KERNEL_NEON;
#else
	return SLUICE_KERNEL_SCALAR;
#endif
}
