/* parse_state.h - the parser's state over the token array and the primitives the expression and statement parsers share. */
#ifndef SLUICE_QUERY_PARSE_STATE_H
#define SLUICE_QUERY_PARSE_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "query/sql/ast.h"
#include "query/sql/lex.h"

/* One parse of one statement: the lexed tokens and the first error. Every sqp_ function reports
 * its failure into err (the first one wins) and returns false or NULL; callers stop at that. */
typedef struct parser {
	const char *sql;
	const sq_token *tok;
	size_t ntok;
	size_t i;             /* current token */
	int depth;
	bool failed;          /* the first error wins; later ones are consequences */
	const char *lex_error;
	sq_parse_error *err;
} parser;

/* ------------------------------------------------------------------------------------------ */
/* Tokens */

static inline const sq_token *cur(const parser *p)
{
	return &p->tok[p->i];
}

static inline const sq_token *ahead(const parser *p, size_t k)
{
	size_t j = p->i + k;
	return &p->tok[j < p->ntok ? j : p->ntok - 1];
}

static inline void advance(parser *p)
{
	if (p->i + 1 < p->ntok)
		p->i++;
}

static inline bool is(const parser *p, int kind)
{
	return cur(p)->kind == kind;
}

/* ASCII-only case folding: keywords must not depend on the process locale. */
static inline char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
}

static inline bool word_eq(const parser *p, const sq_token *t, const char *word)
{
	size_t n = strlen(word);
	if (t->kind != SQ_TK_IDENT || t->end - t->pos != n)
		return false;
	for (size_t k = 0; k < n; k++)
		if (lower(p->sql[t->pos + k]) != lower(word[k]))
			return false;
	return true;
}

static inline bool kw(const parser *p, const char *word)
{
	return word_eq(p, cur(p), word);
}

static inline bool kw_at(const parser *p, size_t k, const char *word)
{
	return word_eq(p, ahead(p, k), word);
}

static inline bool is_reserved(const parser *p, const sq_token *t)
{
	return t->kind == SQ_TK_IDENT && sq_lex_reserved(p->sql + t->pos, t->end - t->pos);
}

/* ------------------------------------------------------------------------------------------ */
/* Errors and expectations (parse_state.c) */

void sqp_fail(parser *p, size_t pos, const char *msg);

/* Reports a problem at token t: `what` is the expectation ("expected FROM"), or NULL for a
 * plain syntax error. A lexical error token reports the lexer's message instead: it is the
 * first thing wrong in the text. */
void sqp_fail_at(parser *p, const sq_token *t, const char *what);
void sqp_fail_nomem(parser *p);

/* Writes the token's text for a message: short, on a UTF-8 boundary, control bytes as '?'. */
void sqp_token_text(const parser *p, const sq_token *t, char *buf, size_t cap);

/* Consumes a token of this kind (or this keyword), or reports `what` and returns false. */
bool sqp_expect(parser *p, int kind, const char *what);
bool sqp_expect_kw(parser *p, const char *word, const char *what);

/* Grows an array whose capacity is implied by its count: 4, then doubling at powers of two. */
bool sqp_grow(parser *p, void **arr, size_t n, size_t elem);

/* item (',' item)*: the one comma-separated list of the grammar (select items, function
 * arguments, IN lists, GROUP BY and ORDER BY keys). Calls item for each element and stops at the
 * first that fails. */
bool sqp_list(parser *p, bool (*item)(parser *p, void *ctx), void *ctx);

/* ------------------------------------------------------------------------------------------ */
/* Text of names and literals (parse_state.c); strings are malloc'd and NUL-terminated */

/* The body of a quoted token with doubled quotes collapsed; *out_len (when not NULL) its length. */
char *sqp_unquote(parser *p, const sq_token *t, size_t *out_len);

/* The token's text, ASCII lower-cased when fold. */
char *sqp_copy_text(parser *p, const sq_token *t, bool fold);

/* An identifier's name: bare ones as written (the planner matches them case-insensitively),
 * quoted ones with their exact bytes. */
char *sqp_ident_name(parser *p, const sq_token *t);

/* Digits to an unsigned magnitude; false when they exceed UINT64_MAX. */
bool sqp_digits_u64(const char *s, size_t n, uint64_t *out);

/* A numeric token as a value, negated when `neg`. Integers keep BIGINT while they fit, which
 * for a negated one includes INT64_MIN; anything else becomes DOUBLE. */
bool sqp_number(parser *p, const sq_token *t, bool neg, sq_value *v);

/* ------------------------------------------------------------------------------------------ */
/* Expressions (parse_expr.c) */

/* A node of this kind spanning pos..end, its planner fields unset. */
sq_expr *sqp_new_expr(parser *p, int kind, size_t pos, size_t end);

/* A whole expression from the current token. */
sq_expr *sqp_expr(parser *p);

#endif
