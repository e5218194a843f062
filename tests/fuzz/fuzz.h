/* fuzz.h - what the fuzz targets share: the libFuzzer entry point and a check that aborts. */
#ifndef SLUICE_TESTS_FUZZ_H
#define SLUICE_TESTS_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "sluice.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Copies len bytes to the end of a page that an inaccessible page follows, so that a read past
 * their end faults; *map and *maplen are what to munmap. Aborts when it cannot map. */
const uint8_t *fuzz_guarded(const uint8_t *data, size_t len, void **map, size_t *maplen);

/* A differential check: a mismatch is a finding, so it aborts like a crash would. */
#define FUZZ_CHECK(cond)                                                                           \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);  \
			abort();                                                                   \
		}                                                                                  \
	} while (0)

#endif
