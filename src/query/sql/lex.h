/* lex.h - the query lexer: SQL text to a token array the parser walks with free lookahead. */
#ifndef SLUICE_QUERY_LEX_H
#define SLUICE_QUERY_LEX_H

#include <stdbool.h>
#include <stddef.h>

typedef enum sq_tok_kind {
	SQ_TK_EOF = 0,
	SQ_TK_ERROR,      /* a lexical error at this position; sq_lexed.error says which */
	SQ_TK_IDENT,      /* bare word: keyword, column, function or type name */
	SQ_TK_QIDENT,     /* "quoted identifier"; the slice includes the quotes */
	SQ_TK_STRING,     /* 'string'; the slice includes the quotes */
	SQ_TK_INT,        /* digits only */
	SQ_TK_FLOAT,      /* digits with a '.' or an exponent */
	SQ_TK_LPAREN,
	SQ_TK_RPAREN,
	SQ_TK_COMMA,
	SQ_TK_SEMI,
	SQ_TK_STAR,
	SQ_TK_PLUS,
	SQ_TK_MINUS,
	SQ_TK_SLASH,
	SQ_TK_SLASH2,   /* // integer division */
	SQ_TK_PERCENT,
	SQ_TK_EQ,         /* = or == */
	SQ_TK_NE,         /* != or <> */
	SQ_TK_LT,
	SQ_TK_LE,
	SQ_TK_GT,
	SQ_TK_GE,
	SQ_TK_CONCAT,     /* || */
	SQ_TK_DCOLON,     /* :: */
	SQ_TK_OTHER,      /* any other byte: only ever a syntax error, but the parser reports where */
} sq_tok_kind;

typedef struct sq_token {
	int kind;         /* sq_tok_kind */
	size_t pos;       /* byte offset of the first byte */
	size_t end;       /* byte offset just past the last byte */
} sq_token;

/* The whole statement lexed up front. The array always ends with one SQ_TK_EOF or SQ_TK_ERROR
 * token; lexing stops at the first error so that the parser, reaching that token in order,
 * reports whichever problem comes first in the text. */
typedef struct sq_lexed {
	sq_token *tok;
	size_t n;
	const char *error; /* static message for the final SQ_TK_ERROR token, else NULL */
} sq_lexed;

/* Lexes sql[0..len). Returns 0, or -1 when memory runs out (then *out holds nothing to free).
 * Free a success with sq_lexed_free. Thread-safe. */
int sq_lex(const char *sql, size_t len, sq_lexed *out);
void sq_lexed_free(sq_lexed *lx);

/* Converts the numeric text s[0..n) to a double in the C locale whatever the process locale is,
 * so that "1.5" means 1.5 under a decimal-comma locale too. Returns 0, or -1 when memory runs
 * out. Thread-safe. */
int sq_lex_strtod(const char *s, size_t n, double *out);

/* Whether the bare word s[0..n) is reserved (any case): a reserved word never names a column,
 * a function or an alias, so `SELECT a FROM t` does not read FROM as an alias, and an
 * unsupported construct (CASE, JOIN, UNION) fails at its first word. */
bool sq_lex_reserved(const char *s, size_t n);

/* Whether b may continue a bare identifier (bytes of UTF-8 sequences count as letters). */
static inline int sq_lex_ident_byte(unsigned char b)
{
	return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '_' || b == '$' ||
	       b >= 0x80;
}

#endif
