/* progress.c - the progress line (see progress.h). The library calls back every few MiB, from
 * several threads in a parallel scan; one of them at a time redraws the line, at most 4 times a
 * second. The lock that allows one drawer also keeps erase and stop from cutting a line in half. */
#include "sluice/progress.h"

#include <stdatomic.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

static _Atomic uint64_t done_bytes;
static _Atomic uint64_t total_bytes;
static _Atomic uint64_t last_draw_ns;
static atomic_flag drawing = ATOMIC_FLAG_INIT;
static atomic_bool shown;     /* a line is on the terminal, to be erased */
static atomic_bool stopped;   /* results or messages follow: no more drawing */
static bool attached;
static bool forced;
static bool terminal;         /* stderr is a terminal: the line redraws itself in place */
static uint64_t start_ns;

static uint64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void lock(void)
{
	while (atomic_flag_test_and_set(&drawing))
		;
}

static void unlock(void)
{
	atomic_flag_clear(&drawing);
}

/* Called with the lock held. */
static void draw(uint64_t done, uint64_t total, uint64_t now)
{
	const double secs = (double)(now - start_ns) / 1e9;
	const double rate = secs > 0 ? (double)done / secs : 0;
	char line[128];
	if (total && done <= total) {
		const double left = rate > 0 ? (double)(total - done) / rate : 0;
		snprintf(line, sizeof line, "sluice: %.2f of %.2f GB (%.0f%%), %.2f GB/s, %.0f s left", (double)done / 1e9,
		         (double)total / 1e9, 100.0 * (double)done / (double)total, rate / 1e9, left);
	} else {
		snprintf(line, sizeof line, "sluice: %.2f GB, %.2f GB/s", (double)done / 1e9, rate / 1e9);
	}
	if (terminal) {
		fprintf(stderr, "\r%s\033[K", line);
		atomic_store(&shown, true);
	} else {
		fprintf(stderr, "%s\n", line);
	}
	fflush(stderr);
}

/* Called with the lock held. */
static void erase(void)
{
	if (atomic_load(&shown)) {
		fputs("\r\033[K", stderr);
		fflush(stderr);
		atomic_store(&shown, false);
	}
}

static void on_progress(void *user, uint64_t bytes, uint64_t total)
{
	(void)user;
	atomic_fetch_add(&done_bytes, bytes);
	uint64_t t = atomic_load(&total_bytes);
	while (total > t && !atomic_compare_exchange_weak(&total_bytes, &t, total))
		;
	if (atomic_load(&stopped))
		return;
	const uint64_t now = now_ns();
	/* (another thread may have drawn after `now` was read: so now < last is possible) */
	if (now - start_ns < 1000000000u || now < atomic_load(&last_draw_ns) + 250000000u)
		return;
	if (atomic_flag_test_and_set(&drawing))
		return;
	if (!atomic_load(&stopped)) {
		atomic_store(&last_draw_ns, now);
		draw(atomic_load(&done_bytes), atomic_load(&total_bytes), now);
	}
	unlock();
}

void cli_progress_attach(sluice_options *opts, bool force)
{
	start_ns = now_ns();
	attached = true;
	forced = force;
	terminal = isatty(STDERR_FILENO);
	opts->progress = on_progress;
	opts->progress_user = NULL;
}

void cli_progress_erase(void)
{
	if (!attached)
		return;
	lock();
	erase();
	unlock();
}

void cli_progress_stop(void)
{
	if (!attached)
		return;
	lock();
	atomic_store(&stopped, true);
	erase();
	unlock();
}

void cli_progress_done(void)
{
	if (!attached)
		return;
	cli_progress_stop();
	if (forced) {
		const double secs = (double)(now_ns() - start_ns) / 1e9;
		const uint64_t done = atomic_load(&done_bytes);
		fprintf(stderr, "sluice: read %llu bytes in %.2f s (%.2f GB/s)\n", (unsigned long long)done, secs,
		        secs > 0 ? (double)done / secs / 1e9 : 0.0);
		fflush(stderr);
	}
	attached = false;
}
