/* sniff_cells.h - what a field's text looks like, and the header decision, for the sniffer. */
#ifndef SLUICE_SCAN_SNIFF_CELLS_H
#define SLUICE_SCAN_SNIFF_CELLS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The shape of a field's text. Shapes only: the query layer parses the values. */
enum sn_class {
	SN_EMPTY = 0, /* no bytes */
	SN_NULL,      /* NA, N/A, NULL, null, \N, -, nan, #N/A: a missing value in any column */
	SN_BOOL,      /* true/false, t/f, yes/no in any case */
	SN_INT,       /* [+-]digits, or digits in groups of three between one thousands separator */
	SN_DEC,       /* a number with a decimal point or comma, or an exponent */
	SN_DATE,      /* three groups of digits joined by one of - . / (a year of 4 digits first or last) */
	SN_TIME,      /* hh:mm or hh:mm:ss, with a fraction or AM/PM */
	SN_TS,        /* a date, ' ' or 'T', a time, maybe an offset (Z, +hh:mm) */
	SN_TEXT,      /* anything else */
	SN_WORD,      /* text of one word: letters, digits, bytes of UTF-8 sequences, - _ . (a name, a code) */
	SN_NONE,      /* a column with no value at all (only empty or NULL cells) */
};

/* The shape of p[0..n). */
int sn_class_of(const uint8_t *p, size_t n);

/* The shape that holds both (SN_NONE is the start): empty and NULL cells fit anything, INT and
 * DEC give DEC, DATE and TS give TS; other mixes are TEXT, and so is a word. */
int sn_class_merge(int col, int cell);

/* True for text: SN_TEXT or SN_WORD. */
static inline bool sn_class_text(int c)
{
	return c == SN_TEXT || c == SN_WORD;
}

/* True for a shape that says something about a column: a number, date, time or boolean. */
static inline bool sn_class_typed(int c)
{
	return c >= SN_BOOL && c <= SN_TS;
}

/* A sample read with one dialect: the field count of each record and the shape of its first
 * SN_COLS fields, row-major. */
#define SN_COLS 64
#define SN_RECORDS 1024

typedef struct sn_table {
	size_t n;                      /* records */
	uint64_t repaired;             /* records the lenient reading had to repair */
	uint32_t nfields[SN_RECORDS];
	uint64_t line[SN_RECORDS];     /* 1-based line where the record starts */
	uint8_t cls[SN_RECORDS][SN_COLS];
	uint32_t hash[SN_RECORDS][SN_COLS]; /* of each field's text, to see a value come again; an
	                                     * SN_INT field's value when it is below 2^31 */
} sn_table;

/* Whether record `first` of t names the columns of the records after it (up to t->n): it does
 * when a typed column (one whose values, but for at most one in ten texts, have one shape) holds in
 * it a value of another shape, when its numbers are a run of years over columns of other numbers,
 * or when every column is text and none of its values comes again in its column. */
bool sn_is_header(const sn_table *t, size_t first, uint32_t width);

#endif
