/* utf8.h - UTF-8 validation: the scalar validator and the helpers the SIMD kernels and the cursor share. */
#ifndef SLUICE_UTF8_H
#define SLUICE_UTF8_H

#include <stddef.h>
#include <stdint.h>

/*
 * Validity is that of the Unicode standard (table 3-7): no overlong forms, no surrogates
 * (U+D800..U+DFFF), nothing above U+10FFFF, every lead byte followed by exactly its continuation
 * bytes, and no sequence cut short by the end of p[0..n). NUL is valid.
 *
 * The offset reported for an invalid stretch is where its sequence starts: the lead byte when
 * continuation bytes are missing or out of range, or the stray byte itself (a continuation byte
 * with no lead, C0, C1, F5..FF). Every function here is pure and thread-safe.
 */

/* The offset of the first invalid byte of p[0..n), or n when all of it is valid. */
size_t sluice_utf8_check(const uint8_t *p, size_t n);

/* Like sluice_utf8_check, for a SIMD kernel that found an error in the block starting at `at`
 * after finding p[0..at) valid but for a sequence that may run on into the block: scans from the
 * start of that sequence (at most 3 bytes back). */
size_t sluice_utf8_locate(const uint8_t *p, size_t n, size_t at);

/* n minus the bytes of a sequence that p[0..n) ends inside (a lead byte and fewer continuation
 * bytes than it announces): where a window of input can be cut so that no sequence straddles it. */
size_t sluice_utf8_complete(const uint8_t *p, size_t n);

#endif
