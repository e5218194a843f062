/* map.c - a regular file mapped read-only: mapping, fault registration, and page release. */
#include "io/map.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include "io/fault.h"

int sl_map_open(sl_map *m, int fd, uint64_t size, const char *name, const char *path, sluice_error *err)
{
	m->base = NULL;
	m->len = 0;
	if (size == 0)
		return SLUICE_OK;
	void *p = mmap(NULL, (size_t)size, PROT_READ, MAP_PRIVATE, fd, 0);
	if (p == MAP_FAILED) {
		const int e = errno;
		if (err) {
			memset(err, 0, sizeof *err);
			err->status = SLUICE_ERR_IO;
			err->file = path;
			err->sys_errno = e;
			snprintf(err->message, sizeof err->message, "%s", strerror(e));
		}
		return SLUICE_ERR_IO;
	}
	(void)madvise(p, (size_t)size, MADV_SEQUENTIAL);
	sluice_fault_register(p, size, name);
	m->base = p;
	m->len = size;
	return SLUICE_OK;
}

void sl_map_drop(const sl_map *m, uint64_t from, uint64_t to)
{
	if (m->base && to > from)
		(void)madvise((uint8_t *)m->base + from, (size_t)(to - from), MADV_DONTNEED);
}

void sl_map_close(sl_map *m)
{
	if (!m->base)
		return;
	sluice_fault_unregister(m->base);
	munmap(m->base, (size_t)m->len);
	m->base = NULL;
	m->len = 0;
}
