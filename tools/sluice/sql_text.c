/* sql_text.c - writes the SQL of select/count/schema and finds the file a query names. */
#include "sluice/sql_text.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

char *cli_sql_build_select(const char *cols, const char *path, const char *where, const char *tail)
{
	size_t quotes = 0;
	for (const char *p = path; *p; p++)
		quotes += *p == '\'';
	size_t len = strlen("SELECT ") + strlen(cols) + strlen(" FROM ''") + strlen(path) + quotes;
	if (where)
		len += strlen(" WHERE ") + strlen(where);
	if (tail)
		len += 1 + strlen(tail);

	char *sql = malloc(len + 1);
	if (!sql)
		return NULL;
	char *o = sql;
	o = stpcpy(o, "SELECT ");
	o = stpcpy(o, cols);
	o = stpcpy(o, " FROM '");
	for (const char *p = path; *p; p++) {
		*o++ = *p;
		if (*p == '\'')
			*o++ = '\'';
	}
	*o++ = '\'';
	if (where) {
		o = stpcpy(o, " WHERE ");
		o = stpcpy(o, where);
	}
	if (tail) {
		*o++ = ' ';
		o = stpcpy(o, tail);
	}
	*o = '\0';
	return sql;
}

static bool word_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$' ||
	       c >= 0x80;
}

/* Steps over white space and comments. */
static const char *skip_space(const char *p)
{
	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f' || *p == '\v')
			p++;
		if (p[0] == '-' && p[1] == '-') {
			p += strcspn(p, "\n");
		} else if (p[0] == '/' && p[1] == '*') {
			const char *end = strstr(p + 2, "*/");
			p = end ? end + 2 : p + strlen(p);
		} else {
			return p;
		}
	}
}

/* Past a run quoted with q that opens at *p (a doubled q stays inside). */
static const char *skip_quoted(const char *p, char q)
{
	for (p++; *p; p++) {
		if (*p == q) {
			if (p[1] != q)
				return p + 1;
			p++;
		}
	}
	return p;
}

/* The word at p (len bytes) is w, in any case. */
static bool is_word(const char *p, size_t len, const char *w)
{
	return len == strlen(w) && strncasecmp(p, w, len) == 0;
}

/* The value of the string literal that opens at p. */
static char *literal_value(const char *p)
{
	const char *end = skip_quoted(p, '\'');
	char *out = malloc((size_t)(end - p) + 1);
	if (!out)
		return NULL;
	char *o = out;
	for (p++; p < end; p++) {
		if (*p == '\'') {
			if (p + 1 >= end || p[1] != '\'')
				break;
			p++;
		}
		*o++ = *p;
	}
	*o = '\0';
	return out;
}

/* The path of the source that starts at p (just after FROM), or NULL. */
static char *source_after_from(const char *p)
{
	p = skip_space(p);
	if (*p == '\'')
		return literal_value(p);
	size_t len = 0;
	while (word_byte((unsigned char)p[len]))
		len++;
	if (!is_word(p, len, "read_csv") && !is_word(p, len, "read_csv_auto"))
		return NULL;
	p = skip_space(p + len);
	if (*p != '(')
		return NULL;
	p = skip_space(p + 1);
	return *p == '\'' ? literal_value(p) : NULL;
}

char *cli_sql_source_path(const char *sql)
{
	const char *p = sql;
	for (;;) {
		p = skip_space(p);
		if (*p == '\0')
			return NULL;
		if (*p == '\'' || *p == '"') {
			p = skip_quoted(p, *p);
		} else if (word_byte((unsigned char)*p)) {
			size_t len = 0;
			while (word_byte((unsigned char)p[len]))
				len++;
			if (is_word(p, len, "from"))
				return source_after_from(p + len);
			p += len;
		} else {
			p++;
		}
	}
}
