/* casefold.h - lower and upper case for UTF-8 text (Latin, Greek and Cyrillic letters). */
#ifndef SLUICE_QUERY_CASEFOLD_H
#define SLUICE_QUERY_CASEFOLD_H

#include <stdbool.h>
#include <stddef.h>

/* Writes s[0..n) in lower (or upper) case to out, which must hold 3 * n bytes (a 2-byte letter can
 * become a 3-byte one: ß -> ẞ); returns the length written. Bytes that are not valid UTF-8, and
 * letters outside the covered blocks, are copied as they are. */
size_t sq_utf8_case(const char *s, size_t n, char *out, bool upper);

#endif
