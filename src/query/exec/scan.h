/* scan.h - the scan: input batches filled from the reader, filtered, aggregated or collected. */
#ifndef SLUICE_QUERY_EXEC_SCAN_H
#define SLUICE_QUERY_EXEC_SCAN_H

#include "query/plan/engine.h"

/* Fills q->in with up to bcap records (fewer at the end; q->finished at the input's end). */
int sq_fill_batch(sluice_query *q);

/* Takes the reader's error into q->err and returns rc. */
int sq_reader_failed(sluice_query *q, int rc);

/* Sets q->err for a fault (the file shrank while mapped) and returns SLUICE_ERR_FAULT. */
int sq_query_fault(sluice_query *q);

#endif
