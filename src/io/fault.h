/* fault.h - per-thread recovery points for SIGBUS on mapped files (see fault.c). */
#ifndef SLUICE_FAULT_H
#define SLUICE_FAULT_H

#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>

#include "sluice.h"

/* True when the guard is installed and this thread has no recovery point yet (an outer library
 * call's point covers the calls it makes). */
bool sluice_fault_guard_on(void);
void sluice_fault_register(const void *base, uint64_t len, const char *path);
void sluice_fault_unregister(const void *base);
/* Makes jb this thread's recovery point and returns the previous one (for nesting). */
sigjmp_buf *sluice_fault_enter(sigjmp_buf *jb);
void sluice_fault_leave(sigjmp_buf *prev);
/* The offset of the last fault caught on this thread. */
uint64_t sluice_fault_offset(void);

/*
 * GUARDED(call, on_fault): runs `call` (an int expression) under a recovery point when the guard is
 * installed; when the mapping faults, evaluates `on_fault` (an int expression) instead.
 */
#define SLUICE_GUARDED(result, call, on_fault)                                                      \
	do {                                                                                        \
		if (!sluice_fault_guard_on()) {                                                     \
			(result) = (call);                                                          \
			break;                                                                      \
		}                                                                                   \
		sigjmp_buf jb_;                                                                     \
		sigjmp_buf *prev_ = sluice_fault_enter(&jb_);                                       \
		if (sigsetjmp(jb_, 0) == 0) {                                                       \
			(result) = (call);                                                          \
			sluice_fault_leave(prev_);                                                  \
		} else {                                                                            \
			sluice_fault_leave(prev_);                                                  \
			(result) = (on_fault);                                                      \
		}                                                                                   \
	} while (0)

#endif
