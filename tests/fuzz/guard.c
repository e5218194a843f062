/* guard.c - fuzzed input placed right before an unmapped page. */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "fuzz.h"

const uint8_t *fuzz_guarded(const uint8_t *data, size_t len, void **map, size_t *maplen)
{
	const size_t page = (size_t)sysconf(_SC_PAGESIZE);
	size_t body = (len + page - 1) / page * page;
	if (body == 0)
		body = page;
	uint8_t *m = mmap(NULL, body + page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED)
		abort();
	mprotect(m + body, page, PROT_NONE);
	uint8_t *at = m + body - len;
	if (len)
		memcpy(at, data, len);
	*map = m;
	*maplen = body + page;
	return at;
}
