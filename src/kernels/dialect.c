/* dialect.c - a public dialect reduced to the bytes the readers test. */
#include <string.h>

#include "kernels/dialect.h"

void ix_dialect_from(ix_dialect *x, const sluice_dialect *d)
{
	memset(x, 0, sizeof *x);
	x->delim = d->delimiter;
	x->has_quote = d->quote != SLUICE_NO_CHAR;
	x->quote = x->has_quote ? (uint8_t)d->quote : 0;
	x->has_escape = d->escape != SLUICE_NO_CHAR;
	x->escape = x->has_escape ? (uint8_t)d->escape : 0;
	x->double_quote = d->double_quote;
	x->trim = d->trim;
	x->strict = d->strict;
	x->comment_len = (uint8_t)strnlen(d->comment, SLUICE_COMMENT_MAX - 1);
	x->has_comment = x->comment_len > 0;
	memcpy(x->comment, d->comment, x->comment_len);
}
