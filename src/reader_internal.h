/* reader_internal.h - what the query engine, inside the library, may ask of a reader. */
#ifndef SLUICE_READER_INTERNAL_H
#define SLUICE_READER_INTERNAL_H

#include <stdint.h>

#include "sluice.h"

/* The input bytes (the mapping or the caller's buffer) and their length. */
const uint8_t *sluice_reader_bytes(const sluice_reader *r, uint64_t *len);
/* Where the next record starts. */
uint64_t sluice_reader_position(const sluice_reader *r);

/* Keeps the pages from offset on resident-eligible: nothing at or after it is released while the
 * caller still reads records there (a batch). UINT64_MAX: release behind the cursor. */
void sluice_reader_pin(sluice_reader *r, uint64_t offset);

/* The offset of the first occurrence of needle at or after from (the kernel's SIMD search), or
 * the input length when there is none. */
uint64_t sluice_reader_find(const sluice_reader *r, uint64_t from, const char *needle, size_t m);

#endif
