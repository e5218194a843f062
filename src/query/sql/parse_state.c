/* parse_state.c - the parser's errors, expectations, lists and the text of names and literals. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "query/sql/parse_state.h"

/* ------------------------------------------------------------------------------------------ */
/* Errors and expectations */

void sqp_fail(parser *p, size_t pos, const char *msg)
{
	if (p->failed)
		return;
	p->failed = true;
	p->err->pos = pos;
	snprintf(p->err->message, sizeof p->err->message, "%s", msg);
}

void sqp_token_text(const parser *p, const sq_token *t, char *buf, size_t cap)
{
	size_t n = t->end - t->pos, max = 40, k;
	bool cut = n > max;
	if (cut) {
		n = max;
		while (n > 0 && ((unsigned char)p->sql[t->pos + n] & 0xC0) == 0x80)
			n--;
	}
	for (k = 0; k < n && k + 4 < cap; k++) {
		unsigned char c = (unsigned char)p->sql[t->pos + k];
		buf[k] = c < 0x20 || c == 0x7F ? '?' : (char)c;
	}
	if (cut && k + 4 <= cap) {
		memcpy(buf + k, "...", 3);
		k += 3;
	}
	buf[k] = '\0';
}

void sqp_fail_at(parser *p, const sq_token *t, const char *what)
{
	char text[64], msg[160];
	if (p->failed)
		return;
	if (t->kind == SQ_TK_ERROR) {
		sqp_fail(p, t->pos, p->lex_error);
		return;
	}
	if (t->kind == SQ_TK_EOF) {
		snprintf(msg, sizeof msg, "%s at end of input", what ? what : "syntax error");
	} else {
		sqp_token_text(p, t, text, sizeof text);
		snprintf(msg, sizeof msg, "%s at or near \"%s\"", what ? what : "syntax error", text);
	}
	sqp_fail(p, t->pos, msg);
}

void sqp_fail_nomem(parser *p)
{
	sqp_fail(p, cur(p)->pos, "out of memory");
}

bool sqp_expect(parser *p, int kind, const char *what)
{
	if (!is(p, kind)) {
		sqp_fail_at(p, cur(p), what);
		return false;
	}
	advance(p);
	return true;
}

bool sqp_expect_kw(parser *p, const char *word, const char *what)
{
	if (!kw(p, word)) {
		sqp_fail_at(p, cur(p), what);
		return false;
	}
	advance(p);
	return true;
}

bool sqp_grow(parser *p, void **arr, size_t n, size_t elem)
{
	if (n != 0 && (n < 4 || (n & (n - 1)) != 0))
		return true;
	size_t cap = n ? 2 * n : 4;
	void *a = realloc(*arr, cap * elem);
	if (!a) {
		sqp_fail_nomem(p);
		return false;
	}
	*arr = a;
	return true;
}

bool sqp_list(parser *p, bool (*item)(parser *p, void *ctx), void *ctx)
{
	for (;;) {
		if (!item(p, ctx))
			return false;
		if (!is(p, SQ_TK_COMMA))
			return true;
		advance(p);
	}
}

/* ------------------------------------------------------------------------------------------ */
/* Text of names and literals */

char *sqp_unquote(parser *p, const sq_token *t, size_t *out_len)
{
	const char *s = p->sql + t->pos + 1;
	size_t n = t->end - t->pos - 2, k = 0;
	char q = p->sql[t->pos];
	char *r = malloc(n + 1);
	if (!r) {
		sqp_fail_nomem(p);
		return NULL;
	}
	for (size_t j = 0; j < n; j++) {
		r[k++] = s[j];
		if (s[j] == q)
			j++;
	}
	r[k] = '\0';
	if (out_len)
		*out_len = k;
	return r;
}

char *sqp_copy_text(parser *p, const sq_token *t, bool fold)
{
	size_t n = t->end - t->pos;
	char *r = malloc(n + 1);
	if (!r) {
		sqp_fail_nomem(p);
		return NULL;
	}
	for (size_t k = 0; k < n; k++)
		r[k] = fold ? lower(p->sql[t->pos + k]) : p->sql[t->pos + k];
	r[n] = '\0';
	return r;
}

char *sqp_ident_name(parser *p, const sq_token *t)
{
	return t->kind == SQ_TK_QIDENT ? sqp_unquote(p, t, NULL) : sqp_copy_text(p, t, false);
}

bool sqp_digits_u64(const char *s, size_t n, uint64_t *out)
{
	uint64_t v = 0;
	for (size_t k = 0; k < n; k++) {
		unsigned d = (unsigned)(s[k] - '0');
		if (v > (UINT64_MAX - d) / 10)
			return false;
		v = v * 10 + d;
	}
	*out = v;
	return true;
}

bool sqp_number(parser *p, const sq_token *t, bool neg, sq_value *v)
{
	const char *s = p->sql + t->pos;
	size_t n = t->end - t->pos;
	uint64_t mag;
	memset(v, 0, sizeof *v);
	if (t->kind == SQ_TK_INT && sqp_digits_u64(s, n, &mag) && mag <= (uint64_t)INT64_MAX + (neg ? 1 : 0)) {
		v->type = SQ_T_BIGINT;
		v->u.i = neg ? (mag == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)mag) : (int64_t)mag;
		return true;
	}
	double d;
	if (sq_lex_strtod(s, n, &d) != 0) {
		sqp_fail_nomem(p);
		return false;
	}
	if (isinf(d)) {
		sqp_fail(p, t->pos, "numeric literal out of range");
		return false;
	}
	v->type = SQ_T_DOUBLE;
	v->u.d = neg ? -d : d;
	return true;
}
