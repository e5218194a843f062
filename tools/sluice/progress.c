/* progress.c - the progress line (see progress.h). The library calls back every few MiB, from
 * several threads in a parallel scan; one of them at a time redraws the line, at most 4 times a
 * second. */
#include "sluice/progress.h"

#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <time.h>

static _Atomic uint64_t done_bytes;
static _Atomic uint64_t total_bytes;
static _Atomic uint64_t last_draw_ns;
static atomic_flag drawing = ATOMIC_FLAG_INIT;
static atomic_bool shown;
static uint64_t start_ns;

static uint64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

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
	fprintf(stderr, "\r%s\033[K", line);
	fflush(stderr);
	atomic_store(&shown, true);
}

static void on_progress(void *user, uint64_t bytes, uint64_t total)
{
	(void)user;
	const uint64_t done = atomic_fetch_add(&done_bytes, bytes) + bytes;
	uint64_t t = atomic_load(&total_bytes);
	while (total > t && !atomic_compare_exchange_weak(&total_bytes, &t, total))
		;
	const uint64_t now = now_ns();
	if (now - start_ns < 1000000000u || now - atomic_load(&last_draw_ns) < 250000000u)
		return;
	if (atomic_flag_test_and_set(&drawing))
		return;
	atomic_store(&last_draw_ns, now);
	draw(done, atomic_load(&total_bytes), now);
	atomic_flag_clear(&drawing);
}

void cli_progress_attach(sluice_options *opts)
{
	start_ns = now_ns();
	opts->progress = on_progress;
	opts->progress_user = NULL;
}

void cli_progress_done(void)
{
	if (atomic_load(&shown)) {
		fputs("\r\033[K", stderr);
		fflush(stderr);
		atomic_store(&shown, false);
	}
}
