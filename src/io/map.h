/* map.h - a regular file mapped read-only, and giving its pages back from the resident set. */
#ifndef SLUICE_MAP_H
#define SLUICE_MAP_H

#include <stdint.h>

#include "sluice.h"

typedef struct sl_map {
	void *base;     /* NULL for an empty file */
	uint64_t len;
} sl_map;

/* Maps size bytes of fd (MAP_PRIVATE, MADV_SEQUENTIAL) and registers them with the fault guard
 * under name, which must outlive the mapping. An empty file maps nothing. Returns SLUICE_OK, or
 * SLUICE_ERR_IO with *err set (file = path). */
int sl_map_open(sl_map *m, int fd, uint64_t size, const char *name, const char *path, sluice_error *err);

/* Drops the pages of [from, to) from the resident set (MADV_DONTNEED: the page cache keeps them,
 * and a later read maps them again). */
void sl_map_drop(const sl_map *m, uint64_t from, uint64_t to);

/* The unit in which the page cache may map a file's pages: a file written or read recently sits in
 * folios of up to 2 MiB, and one touched byte maps the whole folio. */
#define SL_MAP_UNIT ((uint64_t)2 << 20)

/* Unregisters and unmaps. A zeroed map is allowed. */
void sl_map_close(sl_map *m);

#endif
