/* dialect.h - the dialect as the byte readers test it, and the states of the reading machine. */
#ifndef SLUICE_DIALECT_H
#define SLUICE_DIALECT_H

#include <stdbool.h>
#include <stdint.h>

#include "sluice.h"

/* States of the reading machine of docs/reading-rules.md. */
enum sm_state {
	SM_RECORD_START = 0,
	SM_FIELD_START,
	SM_UNQUOTED,
	SM_QUOTED,
	SM_AFTER_QUOTE,
	SM_AFTER_QUOTE_WS,
	SM_ESCAPED_UNQUOTED,
	SM_ESCAPED_QUOTED,
	SM_COMMENT,
};

/* The dialect reduced to what the byte readers test. */
typedef struct ix_dialect {
	uint8_t delim;
	uint8_t quote;
	uint8_t escape;
	bool has_quote;
	bool has_escape;
	bool has_comment;
	bool double_quote;
	bool trim;
	bool strict;
	uint8_t comment_len;
	char comment[SLUICE_COMMENT_MAX];
} ix_dialect;

/* Reduces a public dialect to the bytes the readers test. */
void ix_dialect_from(ix_dialect *x, const sluice_dialect *d);

#endif
