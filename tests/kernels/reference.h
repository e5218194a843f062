/* reference.h - an independent CSV parser written from docs/reading-rules.md alone, for differential tests. */
#ifndef SLUICE_TESTS_REFERENCE_H
#define SLUICE_TESTS_REFERENCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sluice.h"

/* One decoded field: the value after quotes, doubled quotes, escapes and trim are applied. */
typedef struct ref_field {
	char *data; /* owned by the ref_result; never NULL (a 1-byte allocation for "") */
	size_t len;
	bool quoted; /* the field opened with a structural quote */
} ref_field;

typedef struct ref_record {
	ref_field *fields;
	size_t nfields;
	uint64_t line;   /* 1-based physical line of the record's first byte */
	uint64_t offset; /* offset of the record's first byte in the input (the BOM counts) */
} ref_record;

/* What went wrong in strict mode. */
typedef enum ref_error_kind {
	REF_ERR_NONE = 0,
	REF_ERR_BARE_QUOTE,   /* a quote inside an unquoted field */
	REF_ERR_AFTER_QUOTE,  /* text after a closing quote */
	REF_ERR_UNTERMINATED, /* a quoted field still open at the end of input */
} ref_error_kind;

typedef struct ref_result {
	ref_record *records; /* every record, the header included */
	size_t nrecords;

	/* Strict mode: the first error. records[] then holds only the records before the faulty one. */
	ref_error_kind error;
	uint64_t err_offset;       /* the offending byte; for an unterminated quote, the quote that opened it */
	uint64_t err_line;         /* 1-based physical line of err_offset */
	uint64_t err_column;       /* 1-based field number within the record */
	uint64_t err_record;       /* 0-based number of the faulty record among all records */
	uint64_t err_record_offset; /* where the faulty record starts */

	/* Lenient repairs, as sluice_scan_stats counts them (the header included): repaired records, each
	 * counted once per kind of repair it needed however often it needed it. */
	uint64_t repaired_records;
	uint64_t repaired_bare_quote;   /* a quote inside an unquoted field, kept as data */
	uint64_t repaired_after_quote;  /* text after a closing quote, joined to the field */
	uint64_t repaired_unterminated; /* a quoted field still open at the end of input */
	/* Skipped lines. */
	uint64_t comment_lines;
	uint64_t empty_lines;
} ref_result;

/* Reads len bytes with dialect d into *out, which the caller releases with ref_result_free().
 * Returns 0, or -1 when memory ran out (then *out holds nothing to free). */
int ref_parse(const void *data, size_t len, const sluice_dialect *d, ref_result *out);

/* Releases what ref_parse stored. NULL is accepted. */
void ref_result_free(ref_result *r);

/* A short name for an error kind. */
const char *ref_error_name(ref_error_kind e);

#endif /* SLUICE_TESTS_REFERENCE_H */
