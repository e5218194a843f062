/* harness.h - the kernel tests' comparison harness (harness.c): the kernel under test, the dialects,
 * and the checks of one input against the reference parser. */
#ifndef SLUICE_TEST_HARNESS_H
#define SLUICE_TEST_HARNESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sluice.h"

/* The kernel SLUICE_KERNEL names (AUTO when unset); false when the name is unknown. */
bool kernel_from_env(sluice_kernel *k);
/* The same, failing the test on an unknown name. */
sluice_kernel test_kernel(void);

/* The largest input a check takes. */
#define MAX_INPUT (64u * 1024u)
/* A copy of in[0..len) that ends right before a PROT_NONE page, so that a read past its end faults. */
const uint8_t *guard_place(const uint8_t *in, size_t len);

/* The dialects the kernels are checked in. */
enum {
	DL_DEFAULT,
	DL_STRICT,
	DL_NO_QUOTE,
	DL_NO_DOUBLE,
	DL_ESCAPE,
	DL_COMMENT,
	DL_TRIM,
	DL_SKIP_EMPTY,
	DL_SEMICOLON,
	DL_TAB,
	DL_STRICT_ESCAPE,
	DL_STRICT_NO_DOUBLE,
	DL_STRICT_TRIM,
	DL_STRICT_COMMENT,
	DL_TRIM_ESCAPE_COMMENT,
	DL_LONG_COMMENT,
	DL_NO_QUOTE_ESCAPE,
	DL_NO_DOUBLE_TRIM,
	DL_COUNT
};
extern const char *const dialect_names[DL_COUNT];
/* The dialect number id, with the header off (each check turns it on or off). */
sluice_dialect make_dialect(int id);

/* Window sizes: the default (0 here) and sizes that put a window edge on every block edge. */
#define NWINDOWS 5
extern const size_t windows[NWINDOWS];

/* Also compare the repair and skipped-line counters (the lenient dialects' test sets it). */
extern bool compare_stats;

/* Checks in[0..len) in the dialect, every way the reader reads it: in every window size, or (not
 * all_windows) the default one only. Mismatches are counted and dumped; finish() fails on them. */
void check_input_windows(const uint8_t *in, size_t len, int dialect, bool all_windows);
void check_input(const uint8_t *in, size_t len, int dialect);
/* Ends a test: fails it, naming what, when any check found a mismatch. */
void finish(const char *what);

#endif
