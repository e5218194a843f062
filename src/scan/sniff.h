/* sniff.h - the dialect sniffer: a reader's SLUICE_AUTO fields decided from a sample of its input. */
#ifndef SLUICE_SCAN_SNIFF_H
#define SLUICE_SCAN_SNIFF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sluice.h"

/* The sample is the input's first SL_SNIFF_HEAD bytes (more, up to SL_SNIFF_HEAD_MAX, until they
 * hold SL_SNIFF_LINES line feeds: long records), and for a mapped input of more than
 * SL_SNIFF_PROBE_MIN bytes, SL_SNIFF_PROBES slices of SL_SNIFF_PROBE bytes further in. */
#define SL_SNIFF_HEAD ((size_t)64 << 10)
#define SL_SNIFF_HEAD_MAX ((size_t)16 << 20)
#define SL_SNIFF_LINES 3
#define SL_SNIFF_PROBE ((size_t)16 << 10)
#define SL_SNIFF_PROBES 3
#define SL_SNIFF_PROBE_MIN ((uint64_t)4 << 20)

/* A slice of the input the sniffer reads. */
typedef struct sl_slice {
	const uint8_t *p;
	size_t n;
} sl_slice;

static inline bool sl_comment_auto(const sluice_dialect *d)
{
	return d->comment[0] == SLUICE_COMMENT_AUTO[0] && d->comment[1] == '\0';
}

/* True when some field of d is left to the sniffer. */
static inline bool sl_dialect_has_auto(const sluice_dialect *d)
{
	return d->delimiter == SLUICE_AUTO || d->quote == SLUICE_AUTO || d->escape == SLUICE_AUTO ||
	       sl_comment_auto(d) || d->trim == SLUICE_AUTO || d->header == SLUICE_AUTO || d->skip == SLUICE_AUTO;
}

/* Decides every AUTO field of *d from head (the input's first bytes, after a byte order mark; all
 * of it when whole) and the probes further in (which may be NULL), and fills *info (the decided
 * dialect included). Returns SLUICE_OK or SLUICE_ERR_NOMEM. */
int sl_sniff(sl_slice head, bool whole, const sl_slice *probes, size_t nprobes, sluice_dialect *d,
             sluice_sniff_info *info);

#endif
