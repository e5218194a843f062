/* value.h - typed values as text: parsing, printing, type sniffing and type names for the query engine. */
#ifndef SLUICE_QUERY_VALUE_H
#define SLUICE_QUERY_VALUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "query/values/types.h"

/*
 * Every function here is thread-safe, never allocates and reads only the n bytes it is given (the
 * text need not be NUL-terminated). Parsers accept the whole slice or nothing: surrounding spaces,
 * trailing bytes or an empty slice make them return false and leave *out unchanged.
 * None of them depends on the C locale.
 */

/* Optional '+' or '-', then one or more ASCII digits. Overflow is detected exactly (INT64_MIN is
 * accepted, INT64_MAX + 1 is not); leading zeros do not count towards overflow. */
bool sq_parse_int64(const char *p, size_t n, int64_t *out);

/* Optional sign, digits with an optional '.', an optional exponent e|E[+|-]digits; at least one
 * digit before or after the '.' ("1.", ".5" and "1.e3" are numbers, "." and "e5" are not). Also
 * "inf", "infinity" and "nan" in any case, with an optional sign. Hex floats are not accepted.
 * The result is the correctly rounded double (round to nearest, ties to even) for any number of
 * digits, the same as glibc's strtod; overflow gives +-inf and underflow +-0, both returning true. */
bool sq_parse_double(const char *p, size_t n, double *out);
/* The same, where the bytes up to end may be read (it reads 8 or 9 at once when it can). */
bool sq_parse_double_at(const char *p, size_t n, const char *end, double *out);

/* The same numbers written with decimal ('.' or ',') for the decimal mark and thousands ('\0' for
 * none, else not decimal) between digit groups of the integer part: the first group 1 to 3
 * digits, every other exactly 3 ("1.234,56" and "-866,96" with ',' and '.'; "1,234.5" with '.' and
 * ','). A separator the format does not have makes the text no number. '.' without thousands is
 * sq_parse_double. Text of 128 bytes or more is refused. */
bool sq_parse_double_sep(const char *p, size_t n, char decimal, char thousands, double *out);

/* "true", "false", "t", "f", "yes" or "no" in any case, the words DuckDB's sniffer types BOOLEAN.
 * "1"/"0" and "y"/"n" are deliberately not booleans, as there: a column of 0s and 1s must sniff as
 * BIGINT, and y/n columns are more often codes than truth. */
bool sq_parse_bool(const char *p, size_t n, bool *out);

/* Exactly YYYY-MM-DD with a 4-digit year 0000..9999 of the proleptic Gregorian calendar, a month
 * 01..12 and a day that exists in that month (leap years included). *days counts from 1970-01-01,
 * negative before it. */
bool sq_parse_date(const char *p, size_t n, int64_t *days);

/* The day y-m-d of the proleptic Gregorian calendar as days from 1970-01-01 into *days; false (and
 * *days unchanged) when the month or the day does not exist. */
bool sq_civil_day(int64_t y, int m, int d, int64_t *days);

/* YYYY-MM-DD, alone (midnight) or followed by ' ' or 'T' and HH:MM:SS with HH 00..23, MM and SS
 * 00..59, then optionally '.' and 1 to 6 fraction digits. No time zone. *micros counts
 * microseconds from 1970-01-01 00:00:00. */
bool sq_parse_timestamp(const char *p, size_t n, int64_t *micros);

/* A timestamp as above then its UTC offset after the seconds: Z, or + or - and HH, HH:MM or HHMM
 * ("2024-03-25 14:30:00+02:00", "2024-03-25T12:30:00Z"). *micros is the instant in microseconds
 * from 1970-01-01 00:00:00 UTC. Without an offset the timestamp is taken as UTC, as DuckDB takes
 * it with its TimeZone UTC. */
bool sq_parse_timestamptz(const char *p, size_t n, int64_t *micros);

/*
 * Printing. The fixed-size formatters write into buf, which must hold SQ_FORMAT_CAP bytes: the
 * text, then a NUL that the returned length does not count. The longest outputs are 24 bytes
 * ("-2.2250738585072014e-308", a date 2^63 days away) and 29 for a timestamp (INT64_MIN).
 */
#define SQ_FORMAT_CAP 64

/* Decimal, with a '-' for negatives: at most 20 bytes. */
size_t sq_format_int64(int64_t v, char *buf);

/* The shortest digits that sq_parse_double (and strtod) read back as exactly v, laid out the way
 * DuckDB and Python's repr() do: plain notation when the decimal exponent E (v = d.ddd x 10^E) is
 * in -4 <= E < 16, with ".0" added to whole numbers ("1.0", "0.0001", "123456789012.5",
 * "1000000000000000.0"); otherwise scientific with a signed exponent of at least two digits
 * ("1e+16", "1e-05", "1.5e+300"). Also "inf", "-inf", "nan" (never signed) and "-0.0". */
size_t sq_format_double(double v, char *buf);

/* YYYY-MM-DD. Years outside 0000..9999 (which the parser refuses) print with as many digits as
 * they need and a '-' when negative, so every int64 prints without overflow. */
size_t sq_format_date(int64_t days, char *buf);

/* "YYYY-MM-DD HH:MM:SS", plus '.' and the fraction with its trailing zeros dropped when the
 * microseconds are not zero: "2024-01-02 03:04:05", "2024-01-02 03:04:05.5". */
size_t sq_format_timestamp(int64_t micros, char *buf);

/* A TIMESTAMPTZ as DuckDB prints it with its TimeZone UTC: the UTC timestamp as above and "+00"
 * ("2024-03-25 12:30:00+00"). */
size_t sq_format_timestamptz(int64_t micros, char *buf);

/* Any value as text: a null value of any type prints "NULL", BOOLEAN "true"/"false", VARCHAR its
 * bytes, the others as the formatters above. Writes at most cap bytes (text longer than cap is
 * cut) and returns how many; a NUL follows only when there is room for it. buf may be NULL when cap
 * is 0. An unknown type writes nothing. */
size_t sq_format_value(const sq_value *v, char *buf, size_t cap);

/* "NULL", "BOOLEAN", "BIGINT", "DOUBLE", "DATE", "TIMESTAMP", "VARCHAR", "TIMESTAMP WITH TIME
 * ZONE" (as DuckDB names them); "?" for anything else. */
const char *sq_type_name(int type);

/* The type a SQL type name means, in any case: the names above plus the synonyms TINYINT,
 * SMALLINT, INTEGER, INT, INT1/2/4/8, LONG, HUGEINT (BIGINT); FLOAT, FLOAT4, FLOAT8, REAL, DECIMAL,
 * NUMERIC, DOUBLE PRECISION (DOUBLE); TEXT, STRING, CHAR, BPCHAR (VARCHAR); BOOL, LOGICAL
 * (BOOLEAN); DATETIME (TIMESTAMP); TIMESTAMPTZ (TIMESTAMP WITH TIME ZONE). Returns -1 for an
 * unknown name. */
int sq_type_from_name(const char *name, size_t n);

#endif
