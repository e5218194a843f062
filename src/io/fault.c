/* fault.c - the opt-in guard that turns SIGBUS on a shrunken mapped file into an error. */
#include "io/fault.h"

#include <errno.h>
#include <signal.h>
#include <stdatomic.h>
#include <string.h>

/*
 * Truncating a file that another process has mapped removes the pages past the new end from every
 * mapping; reading one raises SIGBUS. The library never installs a handler by itself: the
 * application calls sluice_fault_guard_install(). From then on, library calls that read a mapping
 * run under a per-thread recovery point (sigsetjmp), and the handler jumps back to it; the call
 * returns SLUICE_ERR_FAULT naming the file and the offset. A fault outside a library call (the
 * application reading a field) goes to the application's callback. Live mappings are kept in a
 * small lock-free table so the handler can name the file.
 */

#define MAX_MAPS 256

static struct {
	_Atomic(uintptr_t) base;
	_Atomic(uint64_t) len;
	const char *_Atomic path;
} maps[MAX_MAPS];

static atomic_bool installed;
static sluice_fault_fn outside_fn;
static _Thread_local sigjmp_buf *recover;
static _Thread_local uint64_t fault_offset;
static _Thread_local const char *fault_path;

bool sluice_fault_guard_on(void)
{
	return atomic_load_explicit(&installed, memory_order_relaxed) && !recover;
}

void sluice_fault_register(const void *base, uint64_t len, const char *path)
{
	for (size_t i = 0; i < MAX_MAPS; i++) {
		uintptr_t expect = 0;
		if (atomic_compare_exchange_strong(&maps[i].base, &expect, (uintptr_t)1)) {
			atomic_store(&maps[i].len, len);
			atomic_store(&maps[i].path, path);
			atomic_store(&maps[i].base, (uintptr_t)base);
			return;
		}
	}
	/* more than MAX_MAPS live mappings: a fault there is reported without a file name */
}

void sluice_fault_unregister(const void *base)
{
	for (size_t i = 0; i < MAX_MAPS; i++) {
		if (atomic_load(&maps[i].base) == (uintptr_t)base) {
			atomic_store(&maps[i].path, NULL);
			atomic_store(&maps[i].base, (uintptr_t)0);
			return;
		}
	}
}

static bool lookup(uintptr_t addr, const char **path, uint64_t *off)
{
	for (size_t i = 0; i < MAX_MAPS; i++) {
		uintptr_t b = atomic_load(&maps[i].base);
		if (b > 1 && addr >= b && addr - b < atomic_load(&maps[i].len)) {
			*path = atomic_load(&maps[i].path);
			*off = addr - b;
			return true;
		}
	}
	return false;
}

static void on_sigbus(int sig, siginfo_t *info, void *ctx)
{
	(void)ctx;
	const char *path = NULL;
	uint64_t off = 0;
	bool ours = lookup((uintptr_t)info->si_addr, &path, &off);
	if (ours && recover) {
		fault_offset = off;
		fault_path = path;
		siglongjmp(*recover, 1);
	}
	if (ours && outside_fn)
		outside_fn(path, off);
	/* not a mapping of ours, or nobody to tell: the default action (the fault repeats) */
	signal(sig, SIG_DFL);
}

sluice_status sluice_fault_guard_install(sluice_fault_fn outside)
{
	outside_fn = outside;
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_sigbus;
	/* NODEFER: the jump back leaves the handler without restoring the mask */
	sa.sa_flags = SA_SIGINFO | SA_NODEFER;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGBUS, &sa, NULL) != 0)
		return SLUICE_ERR_IO; /* errno says why */
	atomic_store(&installed, true);
	return SLUICE_OK;
}

sigjmp_buf *sluice_fault_enter(sigjmp_buf *jb)
{
	sigjmp_buf *prev = recover;
	recover = jb;
	return prev;
}

void sluice_fault_leave(sigjmp_buf *prev)
{
	recover = prev;
}

uint64_t sluice_fault_offset(void)
{
	return fault_offset;
}
