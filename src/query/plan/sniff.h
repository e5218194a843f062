/* sniff.h - guessing the dialect: delimiter, quote and header. */
#ifndef SLUICE_QUERY_PLAN_SNIFF_H
#define SLUICE_QUERY_PLAN_SNIFF_H

#include "query/plan/engine.h"

/* Sets q->ropts' delimiter (and quote, unless given) from the first bytes of q->r. */
void sq_sniff_delimiter(sluice_query *q);

/* Decides whether the first record is a header; reopens q->r when that changes. */
int sq_sniff_header(sluice_query *q);

#endif
