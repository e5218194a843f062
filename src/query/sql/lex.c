/* lex.c - the query lexer: splits SQL text into tokens, stopping at the first lexical error. */
#include "query/sql/lex.h"

#include <locale.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

static const char *const reserved[] = {
	"ALL", "AND", "ANY", "AS", "ASC", "BETWEEN", "BY", "CASE", "CAST", "DESC", "DISTINCT", "ELSE",
	"END", "EXCEPT", "FALSE", "FROM", "FULL", "GROUP", "HAVING", "ILIKE", "IN", "INNER", "INTERSECT",
	"IS", "JOIN", "LIKE", "LIMIT", "NOT", "NULL", "OFFSET", "ON", "OR", "ORDER", "SELECT", "THEN",
	"TRUE", "UNION", "USING", "WHEN", "WHERE", "WINDOW", "WITH",
};

static bool is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static bool is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static bool is_ident_start(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}

/* Appends a token; the array grows by doubling at powers of two so no capacity is stored. */
static int push(sq_lexed *lx, int kind, size_t pos, size_t end)
{
	size_t n = lx->n;
	if (n == 0 || (n >= 16 && (n & (n - 1)) == 0)) {
		size_t cap = n ? 2 * n : 16;
		sq_token *t = realloc(lx->tok, cap * sizeof *t);
		if (!t)
			return -1;
		lx->tok = t;
	}
	lx->tok[n] = (sq_token){kind, pos, end};
	lx->n = n + 1;
	return 0;
}

/* Where a quoted run opened at s[i] (quote q) ends, past the closing quote; a doubled quote is
 * an escaped one. Returns 0 when the text ends first. */
static size_t quoted_end(const char *s, size_t len, size_t i, char q)
{
	for (size_t j = i + 1; j < len; j++) {
		if (s[j] != q)
			continue;
		if (j + 1 < len && s[j + 1] == q) {
			j++;
			continue;
		}
		return j + 1;
	}
	return 0;
}

/* Lexes one number starting at s[i]; sets *kind and returns its end, or 0 when letters follow
 * the digits: "1e" or "2x" would otherwise read as a number with an alias glued on. */
static size_t number_end(const char *s, size_t len, size_t i, int *kind)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t j = i;
	*kind = SQ_TK_INT;
	while (j < len && is_digit(u[j]))
		j++;
	if (j < len && u[j] == '.') {
		*kind = SQ_TK_FLOAT;
		j++;
		while (j < len && is_digit(u[j]))
			j++;
	}
	if (j < len && (u[j] == 'e' || u[j] == 'E')) {
		size_t k = j + 1;
		if (k < len && (u[k] == '+' || u[k] == '-'))
			k++;
		if (k < len && is_digit(u[k])) {
			*kind = SQ_TK_FLOAT;
			j = k;
			while (j < len && is_digit(u[j]))
				j++;
		}
	}
	if (j < len && sq_lex_ident_byte(u[j]))
		return 0;
	return j;
}

/* The operator or punctuation at s[i]: sets *kind and returns its length (1 or 2). */
static size_t punct(const char *s, size_t len, size_t i, int *kind)
{
	char c = s[i];
	char d = i + 1 < len ? s[i + 1] : '\0';
	switch (c) {
	case '(': *kind = SQ_TK_LPAREN; return 1;
	case ')': *kind = SQ_TK_RPAREN; return 1;
	case ',': *kind = SQ_TK_COMMA; return 1;
	case ';': *kind = SQ_TK_SEMI; return 1;
	case '*': *kind = SQ_TK_STAR; return 1;
	case '+': *kind = SQ_TK_PLUS; return 1;
	case '-': *kind = SQ_TK_MINUS; return 1;
	case '/':
		*kind = d == '/' ? SQ_TK_SLASH2 : SQ_TK_SLASH;
		return d == '/' ? 2 : 1;
	case '%': *kind = SQ_TK_PERCENT; return 1;
	case '=':
		*kind = SQ_TK_EQ;
		return d == '=' ? 2 : 1;
	case '!':
		if (d == '=') {
			*kind = SQ_TK_NE;
			return 2;
		}
		break;
	case '<':
		if (d == '>') {
			*kind = SQ_TK_NE;
			return 2;
		}
		*kind = d == '=' ? SQ_TK_LE : SQ_TK_LT;
		return d == '=' ? 2 : 1;
	case '>':
		*kind = d == '=' ? SQ_TK_GE : SQ_TK_GT;
		return d == '=' ? 2 : 1;
	case '|':
		if (d == '|') {
			*kind = SQ_TK_CONCAT;
			return 2;
		}
		break;
	case ':':
		if (d == ':') {
			*kind = SQ_TK_DCOLON;
			return 2;
		}
		break;
	default:
		break;
	}
	*kind = SQ_TK_OTHER;
	return 1;
}

int sq_lex(const char *sql, size_t len, sq_lexed *out)
{
	sq_lexed lx = {NULL, 0, NULL};
	const unsigned char *u = (const unsigned char *)sql;
	size_t i = 0;
	while (i < len) {
		unsigned char c = u[i];
		size_t start = i;
		int kind;
		if (is_space(c)) {
			i++;
			continue;
		}
		if (c == '-' && i + 1 < len && u[i + 1] == '-') {
			while (i < len && u[i] != '\n')
				i++;
			continue;
		}
		if (c == '/' && i + 1 < len && u[i + 1] == '*') {
			const char *close = NULL;
			if (len - i >= 4)
				close = memmem(sql + i + 2, len - i - 2, "*/", 2);
			if (!close) {
				lx.error = "unterminated /* comment";
				break;
			}
			i = (size_t)(close - sql) + 2;
			continue;
		}
		if (is_ident_start(c)) {
			while (i < len && sq_lex_ident_byte(u[i]))
				i++;
			kind = SQ_TK_IDENT;
		} else if (is_digit(c) || (c == '.' && i + 1 < len && is_digit(u[i + 1]))) {
			i = number_end(sql, len, i, &kind);
			if (i == 0) {
				i = start;
				lx.error = "trailing junk after numeric literal";
				break;
			}
		} else if (c == '\'' || c == '"') {
			i = quoted_end(sql, len, i, (char)c);
			if (i == 0) {
				i = start;
				lx.error = c == '\'' ? "unterminated string literal" : "unterminated quoted identifier";
				break;
			}
			if (c == '"' && i == start + 2) {
				i = start;
				lx.error = "zero-length quoted identifier";
				break;
			}
			kind = c == '\'' ? SQ_TK_STRING : SQ_TK_QIDENT;
		} else {
			i += punct(sql, len, i, &kind);
		}
		if (push(&lx, kind, start, i) != 0)
			goto nomem;
	}
	if (push(&lx, lx.error ? SQ_TK_ERROR : SQ_TK_EOF, lx.error ? i : len, lx.error ? i : len) != 0)
		goto nomem;
	*out = lx;
	return 0;
nomem:
	free(lx.tok);
	*out = (sq_lexed){NULL, 0, NULL};
	return -1;
}

bool sq_lex_reserved(const char *s, size_t n)
{
	for (size_t k = 0; k < sizeof reserved / sizeof reserved[0]; k++) {
		const char *w = reserved[k];
		size_t j = 0;
		/* ASCII-only case folding: keywords must not depend on the process locale */
		while (j < n && w[j] != '\0' && (s[j] == w[j] || (s[j] >= 'a' && s[j] <= 'z' && s[j] - 32 == w[j])))
			j++;
		if (j == n && w[j] == '\0')
			return true;
	}
	return false;
}

void sq_lexed_free(sq_lexed *lx)
{
	if (!lx)
		return;
	free(lx->tok);
	lx->tok = NULL;
	lx->n = 0;
}

int sq_lex_strtod(const char *s, size_t n, double *out)
{
	char small[64];
	char *buf = n < sizeof small ? small : malloc(n + 1);
	if (!buf)
		return -1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	/* A private C locale rather than setlocale: the process locale belongs to the caller and
	 * other threads. */
	locale_t c = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
	int rc = -1;
	if (c) {
		*out = strtod_l(buf, NULL, c);
		freelocale(c);
		rc = 0;
	}
	if (buf != small)
		free(buf);
	return rc;
}
