/* hints.h - branch hints and the cold-path attribute the hot loops use. */
#ifndef SLUICE_HINTS_H
#define SLUICE_HINTS_H

#if defined(__GNUC__)
#define SLUICE_LIKELY(x) __builtin_expect(!!(x), 1)
#define SLUICE_UNLIKELY(x) __builtin_expect(!!(x), 0)
#define SLUICE_COLD __attribute__((cold, noinline))
#else
#define SLUICE_LIKELY(x) (x)
#define SLUICE_UNLIKELY(x) (x)
#define SLUICE_COLD
#endif

#endif
