/* sql_text.h - the SQL text the CLI writes for its flag-built commands, and the input file it reads back out of a query. */
#ifndef SLUICE_TOOLS_SQL_TEXT_H
#define SLUICE_TOOLS_SQL_TEXT_H

/* Builds "SELECT cols FROM 'path'[ WHERE where][ tail]" with path written as an SQL string
 * literal (each ' doubled). where and tail may be NULL. Returns a string the caller frees, or
 * NULL when memory runs out. */
char *cli_sql_build_select(const char *cols, const char *path, const char *where, const char *tail);

/* The file a query reads: the string literal after FROM, or the first argument of
 * FROM read_csv(...) / read_csv_auto(...), with doubled quotes undone. Returns a string the
 * caller frees, or NULL when there is none (or memory runs out). Comments and quoted text are
 * stepped over, so a FROM inside them does not count. */
char *cli_sql_source_path(const char *sql);

#endif /* SLUICE_TOOLS_SQL_TEXT_H */
