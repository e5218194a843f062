/* column_sniff.h - a column's type and the format of its values, decided from a sample of them. */
#ifndef SLUICE_QUERY_PLAN_COLUMN_SNIFF_H
#define SLUICE_QUERY_PLAN_COLUMN_SNIFF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "query/values/types.h"

/* What the flags and read_csv options fix about how values are written; the rest is sniffed. The
 * layouts are owned by the query. */
typedef struct sq_format_options {
	char decimal;             /* '.' or ',', '\0' when sniffed */
	char thousands;           /* the digit group separator when thousands_given ('\0': none) */
	bool thousands_given;
	char *date_layout;        /* DATE values' layout (values/layout.h), NULL when sniffed */
	char *timestamp_layout;   /* TIMESTAMP values' layout, NULL when sniffed */
} sq_format_options;

/* The formats a column's values are tried in, most likely first, for one input. */
typedef struct sq_sniff_formats {
	sq_text_format numbers[4];
	size_t nnumbers;
	const char *dates[4];     /* layouts; NULL is ISO 8601 */
	size_t ndates;
	const char *stamps[16];
	size_t nstamps;
} sq_sniff_formats;

/* The formats of the values of one column seen so far. All zero is a column with no value yet. */
typedef struct sq_column_sniff {
	bool any;                 /* a value (not NULL) was seen */
	bool boolean;             /* every value is a boolean */
	bool integer;             /* every value is a plain integer (sq_parse_int64) */
	uint8_t numbers;          /* bit i: every value is a number in numbers[i] */
	uint8_t dates;            /* bit i: every value is a date in dates[i] */
	uint16_t stamps;          /* bit i: every value is a timestamp in stamps[i] */
	bool timed;               /* a value has a time of day (a ':'): dates alone are no TIMESTAMP */
	bool zoned;               /* every value is an ISO timestamp, with or without a UTC offset */
} sq_column_sniff;

/* The formats to try for an input whose fields are split by delimiter: a ',' can only be part of
 * a number when it does not split fields, so a comma-delimited input tries '.' numbers only. What
 * o fixes is the only format tried for it. */
void sq_sniff_formats_init(sq_sniff_formats *f, const sq_format_options *o, int delimiter);

/* One value (not NULL, unescaped) into the column. */
void sq_column_sniff_add(sq_column_sniff *c, const sq_sniff_formats *f, const char *p, size_t n);

/* Whether no value can change the column any more: it is VARCHAR. */
static inline bool sq_column_sniff_text(const sq_column_sniff *c)
{
	return c->any && !c->boolean && !c->integer && !c->numbers && !c->dates && !c->stamps && !c->zoned;
	/* (a column of dates alone that no date layout reads stays open to timestamps: it ends VARCHAR
	 * unless a time comes) */
}

/* The column's type (SQ_T_NULL when it had no value) and, into *fmt, the format its values are
 * read in: BOOLEAN, then BIGINT, DOUBLE, DATE, TIMESTAMP, TIMESTAMPTZ (so a column is that only
 * when a value has an offset, and then its other timestamps are UTC, as in DuckDB), the first type
 * every value fits, in the first of its formats they all fit; else VARCHAR. */
int sq_column_sniff_type(const sq_column_sniff *c, const sq_sniff_formats *f, sq_text_format *fmt);

#endif
