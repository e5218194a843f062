/* machine.h - the reading state machine of docs/reading-rules.md, one byte per step. */
#ifndef SLUICE_MACHINE_H
#define SLUICE_MACHINE_H

#include <stdint.h>

#include "kernels/dialect.h"

/* What a byte did. */
enum sm_action {
	SM_A_NONE = 0,        /* structure or a dropped byte: not part of any value */
	SM_A_DATA,            /* part of the field's value */
	SM_A_DATA_WS,         /* a space or tab of an unquoted value (dropped at the field end when trimming) */
	SM_A_FIELD,           /* a delimiter: the field ends */
	SM_A_RECORD,          /* a line end: the field and the record end (caller swallows the LF of CRLF) */
	SM_A_BARE_QUOTE,      /* a quote inside an unquoted field: data when lenient, an error when strict */
	SM_A_AFTER_QUOTE,     /* a byte after a closing quote: data when lenient, an error when strict */
};

static inline int sm_is_ws(uint8_t c)
{
	return c == ' ' || c == '\t';
}

/*
 * One step of the machine. RECORD_START must have been checked for a comment prefix by the
 * caller (it needs look-ahead); otherwise it reads like FIELD_START.
 */
static inline int sm_step(const ix_dialect *d, int *state, uint8_t c)
{
	switch (*state) {
	case SM_RECORD_START:
	case SM_FIELD_START:
		if (d->has_quote && c == d->quote) {
			*state = SM_QUOTED;
			return SM_A_NONE;
		}
		if (c == d->delim) {
			*state = SM_FIELD_START;
			return SM_A_FIELD;
		}
		if (c == '\n' || c == '\r') {
			*state = SM_RECORD_START;
			return SM_A_RECORD;
		}
		if (d->has_escape && c == d->escape) {
			*state = SM_ESCAPED_UNQUOTED;
			return SM_A_NONE;
		}
		if (d->trim && sm_is_ws(c)) {
			*state = SM_FIELD_START;
			return SM_A_NONE;
		}
		*state = SM_UNQUOTED;
		return SM_A_DATA;
	case SM_UNQUOTED:
		if (c == d->delim) {
			*state = SM_FIELD_START;
			return SM_A_FIELD;
		}
		if (c == '\n' || c == '\r') {
			*state = SM_RECORD_START;
			return SM_A_RECORD;
		}
		if (d->has_escape && c == d->escape) {
			*state = SM_ESCAPED_UNQUOTED;
			return SM_A_NONE;
		}
		if (d->has_quote && c == d->quote)
			return SM_A_BARE_QUOTE;
		return sm_is_ws(c) ? SM_A_DATA_WS : SM_A_DATA;
	case SM_QUOTED:
		if (c == d->quote) {
			*state = SM_AFTER_QUOTE;
			return SM_A_NONE;
		}
		if (d->has_escape && c == d->escape) {
			*state = SM_ESCAPED_QUOTED;
			return SM_A_NONE;
		}
		return SM_A_DATA;
	case SM_AFTER_QUOTE:
		if (d->double_quote && c == d->quote) {
			*state = SM_QUOTED;
			return SM_A_DATA;
		}
		if (c == d->delim) {
			*state = SM_FIELD_START;
			return SM_A_FIELD;
		}
		if (c == '\n' || c == '\r') {
			*state = SM_RECORD_START;
			return SM_A_RECORD;
		}
		if (d->trim && sm_is_ws(c)) {
			*state = SM_AFTER_QUOTE_WS;
			return SM_A_NONE;
		}
		*state = SM_UNQUOTED;
		return SM_A_AFTER_QUOTE;
	case SM_AFTER_QUOTE_WS:
		/* spaces after a closing quote (trim): a quote here is text, not half of a "" pair */
		if (c == d->delim) {
			*state = SM_FIELD_START;
			return SM_A_FIELD;
		}
		if (c == '\n' || c == '\r') {
			*state = SM_RECORD_START;
			return SM_A_RECORD;
		}
		if (sm_is_ws(c))
			return SM_A_NONE;
		*state = SM_UNQUOTED;
		return SM_A_AFTER_QUOTE;
	case SM_ESCAPED_UNQUOTED:
		*state = SM_UNQUOTED;
		return SM_A_DATA;
	case SM_ESCAPED_QUOTED:
		*state = SM_QUOTED;
		return SM_A_DATA;
	case SM_COMMENT:
	default:
		if (c == '\n' || c == '\r') {
			*state = SM_RECORD_START;
			return SM_A_RECORD;
		}
		return SM_A_NONE;
	}
}

#endif
