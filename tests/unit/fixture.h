/* fixture.h - small helpers the unit tests share: temporary files and readers over literal CSV. */
#ifndef SLUICE_TESTS_FIXTURE_H
#define SLUICE_TESTS_FIXTURE_H

#include <stddef.h>

#include "sluice.h"

/* Writes len bytes to a new temporary file and returns its path (free it with fixture_remove). */
char *fixture_write(const void *bytes, size_t len);

/* Deletes the file and frees the path. NULL is accepted. */
void fixture_remove(char *path);

/* The default options (sluice_options_init), as a value. */
sluice_options fixture_options(void);

/* Opens a reader over the NUL-terminated csv (which must outlive the reader); asserts success. */
sluice_reader *fixture_open(const char *csv, const sluice_options *opts);

/* Reads the next record into *row and asserts SLUICE_OK. */
void fixture_next(sluice_reader *r, sluice_row *row);

/* The value of field i of row as a NUL-terminated string in buf (cap bytes), unescaping if needed. */
const char *fixture_value(const sluice_reader *r, const sluice_row *row, size_t i, char *buf, size_t cap);

/* Runs sql_fmt, its %s replaced by path, with the options qo, and returns every row as text (free
 * it): each value formatted and followed by '|', NULL as NULL, a line break after each row. Asserts
 * that the query opens and ends without an error; its counters go to *stats unless stats is NULL. */
char *fixture_query_rows(const char *sql_fmt, const char *path, const sluice_query_options *qo,
                         sluice_exec_stats *stats);

#endif /* SLUICE_TESTS_FIXTURE_H */
