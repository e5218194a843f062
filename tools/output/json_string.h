/* json_string.h - writes any bytes as one JSON string, keeping bad UTF-8 recoverable as \udcXX. */
#ifndef SLUICE_TOOLS_JSON_STRING_H
#define SLUICE_TOOLS_JSON_STRING_H

#include <stddef.h>

#include "output/writer.h"

/* Writes p[0..n) as a quoted JSON string. '"' and '\\' are escaped, control bytes become \n \r
 * \t \b \f or \u00XX (NUL is \u0000), well-formed UTF-8 is copied as it is, and every byte that
 * is not part of a well-formed UTF-8 sequence becomes \udcXX (Python's surrogateescape: 0xB4 is
 * \udcb4), so the original bytes can be restored exactly. */
void out_json_put_string(out_writer *w, const char *p, size_t n);

#endif /* SLUICE_TOOLS_JSON_STRING_H */
