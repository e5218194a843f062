/* layout.h - dates and timestamps written in a strftime-like layout ("%d.%m.%Y", "%m/%d/%Y %I:%M %p"). */
#ifndef SLUICE_QUERY_VALUES_LAYOUT_H
#define SLUICE_QUERY_VALUES_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * A layout is the text of a value with directives for its parts, as DuckDB's dateformat and
 * timestampformat: %d day, %m month (1 or 2 digits each), %Y a 4-digit year, %y a 2-digit year
 * (00..68 is 20xx, 69..99 19xx), %H hour 0..23, %I hour 1..12 with %p AM or PM (any case), %M
 * minutes, %S seconds (1 or 2 digits each), %f a fraction of a second (1 to 6 digits), %% a '%'.
 * Any other byte stands for itself. Thread-safe, no allocation, no locale; the n bytes at p need no
 * terminator.
 */

/* Reads the whole of p in layout. For a DATE (timestamp false) *out is days from 1970-01-01; for a
 * TIMESTAMP microseconds from its midnight, and text that ends at the ' ' after the date parts is
 * that day's midnight (so a column that mixes dates and timestamps reads in one layout). Returns
 * false, *out unchanged, when the text does not fit or names a day or time that does not exist. */
bool sq_parse_layout(const char *layout, const char *p, size_t n, bool timestamp, int64_t *out);

/* NULL when layout can read a DATE (timestamp false: no time directives) or a TIMESTAMP: known
 * directives only, a year, a month and a day, %p with %I. Else a static message saying why. */
const char *sq_layout_problem(const char *layout, bool timestamp);

#endif
