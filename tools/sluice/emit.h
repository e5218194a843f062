/* emit.h - streams the records of an input through an output format (the body of head and cat). */
#ifndef SLUICE_TOOLS_EMIT_H
#define SLUICE_TOOLS_EMIT_H

#include <stdint.h>

#include "sluice/cli_options.h"

/* Opens o->path, prints the header (when the input has one) and then at most limit records in
 * o->format on standard output. Returns the command's exit status after reporting any error. */
int cli_emit_records(const cli_options *o, uint64_t limit);

#endif /* SLUICE_TOOLS_EMIT_H */
