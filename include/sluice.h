/* sluice.h - the stable public API of libsluice, a memory-mapped CSV scanning engine. */
#ifndef SLUICE_H
#define SLUICE_H

/* What this header declares is stable: within a major version a call keeps its name, arguments
 * and meaning, a status keeps its value, and option structs only grow at the end (struct_size).
 * Calls that may still change (EXPLAIN text, the schema calls of the CLI, test hooks) are in
 * sluice_experimental.h, which a program includes on purpose.
 *
 * Conventions, which every comment below takes for granted unless it says otherwise:
 *  - Handles (sluice_reader, sluice_query) are opaque. The open call that made one owns nothing
 *    of the caller's; close releases it, and close accepts NULL. Every other call needs a non-NULL
 *    handle and non-NULL pointers for what it writes through (out, row, n, ...).
 *  - opts / qo may be NULL (the defaults); err may be NULL (no details). An open that fails stores
 *    NULL in *out and returns a negative sluice_status; *err, when given, is then filled.
 *  - A handle is used by one thread at a time; distinct handles are independent and may run on
 *    different threads at once. Calls without a handle are thread-safe.
 *  - Pointers a call returns into a handle (names, errors, stats, row slices) belong to the handle:
 *    do not free them; they stay valid as the comment says, at the latest until close.
 *  - The library never prints, aborts or exits, and installs no signal handler by itself. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(SLUICE_BUILDING) && defined(__GNUC__)
#define SLUICE_API __attribute__((visibility("default")))
#else
#define SLUICE_API
#endif

/* ---------------------------------------------------------------------------------------------
 * Version. sluice_version.h (generated from meson.build) defines SLUICE_VERSION_MAJOR, _MINOR,
 * _PATCH, SLUICE_VERSION_NUMBER (MAJOR * 10000 + MINOR * 100 + PATCH) and SLUICE_VERSION_STRING:
 * the version of these headers. The two calls give the version of the library actually linked.
 * ------------------------------------------------------------------------------------------- */
#include "sluice_version.h"

/* The linked library's version as text, "0.1.0". A static string: never NULL, never freed. */
SLUICE_API const char *sluice_version(void);
/* The linked library's SLUICE_VERSION_NUMBER. */
SLUICE_API unsigned sluice_version_number(void);

/* ---------------------------------------------------------------------------------------------
 * Status codes. Pinned values, never renumbered: 0 is success, a positive value the normal end
 * of data, a negative value an error. A new error gets the next free negative value.
 * ------------------------------------------------------------------------------------------- */
typedef enum sluice_status {
	SLUICE_OK = 0,
	SLUICE_END = 1,                  /* no more records */
	SLUICE_ERR_IO = -1,              /* open/stat/mmap failed; sluice_error.sys_errno says why */
	SLUICE_ERR_NOMEM = -2,           /* an allocation failed */
	SLUICE_ERR_INVALID_OPTION = -3,  /* an option or dialect combination is not valid */
	SLUICE_ERR_KERNEL = -4,          /* the requested kernel is not built or not supported here */
	SLUICE_ERR_QUOTE = -5,           /* malformed quoting in strict mode */
	SLUICE_ERR_RECORD_TOO_LARGE = -6, /* a record is longer than max_record_size */
	SLUICE_ERR_FAULT = -7,           /* the mapped file faulted (e.g. it shrank while mapped) */
	SLUICE_ERR_SQL = -8,             /* a query that does not parse, names an unknown column, or mixes types */
	SLUICE_ERR_TYPE = -9,            /* a value that does not fit its column's type (strict types) */
	SLUICE_ERR_MEMORY_LIMIT = -10,   /* query state grew past the memory limit */
	SLUICE_ERR_RAGGED = -11,         /* a record with the wrong number of fields (ragged = error) */
	SLUICE_ERR_UTF8 = -12,           /* a byte that is not valid UTF-8 (validate_utf8) */
	SLUICE_ERR_HEADER = -13,         /* an input of several read as one table has a different header */
	SLUICE_ERR_FORMAT = -14,         /* an input that is not CSV text: binary data, an archive of
	                                  * several files, a format or encoding not read (the message says) */
} sluice_status;

/* The enumerator's name, "SLUICE_ERR_QUOTE", for any status; "SLUICE_ERR_UNKNOWN" for a value
 * that is none of them. A static string: never NULL, never freed. */
SLUICE_API const char *sluice_status_name(sluice_status status);

/* ---------------------------------------------------------------------------------------------
 * Kernels: the ISA-specific structural indexers. SLUICE_KERNEL_AUTO picks the best one the CPU
 * has, once, at open. The environment variable SLUICE_KERNEL (a name below) overrides AUTO.
 * ------------------------------------------------------------------------------------------- */
typedef enum sluice_kernel {
	SLUICE_KERNEL_AUTO = 0,
	SLUICE_KERNEL_SCALAR = 1, /* the reference state machine, one byte at a time */
	SLUICE_KERNEL_SSE42 = 2,
	SLUICE_KERNEL_AVX2 = 3,   /* with BMI2 */
	SLUICE_KERNEL_AVX512 = 4, /* F, BW, VL, DQ and VBMI2 (Ice Lake, Zen 4 and later), with BMI2 */
	SLUICE_KERNEL_NEON = 5,
} sluice_kernel;

#define SLUICE_KERNEL_COUNT 6

/* "auto", "scalar", "sse42", "avx2", "avx512", "neon"; "?" for an out-of-range value. Static. */
SLUICE_API const char *sluice_kernel_name(sluice_kernel k);
/* Parses a kernel name (as sluice_kernel_name gives it). Returns SLUICE_OK and sets *out, or
 * SLUICE_ERR_INVALID_OPTION for an unknown name or a NULL name (*out untouched). */
SLUICE_API sluice_status sluice_kernel_from_name(const char *name, sluice_kernel *out);
/* True when kernel k is built into this library and the running CPU can execute it (AUTO: true). */
SLUICE_API bool sluice_kernel_supported(sluice_kernel k);
/* The kernel AUTO resolves to on this machine, honouring SLUICE_KERNEL when it names a supported one. */
SLUICE_API sluice_kernel sluice_kernel_best(void);

/* ---------------------------------------------------------------------------------------------
 * Dialect and options. Always start from sluice_options_init(); fields may be added at the end,
 * and open() checks struct_size so that older callers keep working.
 * ------------------------------------------------------------------------------------------- */
#define SLUICE_NO_CHAR (-1)
#define SLUICE_COMMENT_MAX 8
/* A dialect field left to the sniffer (the default of every field that has it): the reader looks
 * at a sample of the input when it opens and decides (sluice_reader_sniff_info says what). A field
 * given a value of its own is never guessed. sluice_dialect_fill_auto() turns sniffing off. */
#define SLUICE_AUTO (-2)
/* comment = SLUICE_COMMENT_AUTO: lines starting with '#' are comments when the sample says so. */
#define SLUICE_COMMENT_AUTO "\001"

typedef struct sluice_dialect {
	int delimiter;             /* any byte but the quote, escape, CR and LF, or SLUICE_AUTO (default) */
	int quote;                 /* quote byte, SLUICE_NO_CHAR for no quoting, or SLUICE_AUTO (default) */
	bool double_quote;         /* "" inside quotes is one quote; default true */
	int escape;                /* backslash-style escape byte, SLUICE_NO_CHAR, or SLUICE_AUTO (default) */
	char comment[SLUICE_COMMENT_MAX]; /* NUL-terminated comment-line prefix, "" for none, or
	                            * SLUICE_COMMENT_AUTO (default) */
	int trim;                  /* 1: drop spaces and tabs around fields, outside quotes; 0: keep them;
	                            * SLUICE_AUTO (default): trim when the delimiter is followed by a space */
	bool skip_empty_lines;     /* an empty line yields no record; default false (one empty field) */
	int header;                /* 1: the first record names the columns; 0: it is data; SLUICE_AUTO (default) */
	bool strict;               /* malformed quoting is an error instead of being repaired; default false */
	/* Lines before the table (a preamble: a title, account details), stepped over as raw lines
	 * (LF, CRLF or CR ends them, quotes do not count) before the header; of several inputs read as
	 * one, in each. 0 or more, or SLUICE_AUTO (default). Line numbers still count them. */
	int64_t skip;
} sluice_dialect;

/* What to do with a record whose field count differs from the header's (or, without a header,
 * from the first record's). */
typedef enum sluice_ragged {
	SLUICE_RAGGED_KEEP = 0,    /* hand it out as it is (default) */
	SLUICE_RAGGED_ERROR,       /* SLUICE_ERR_RAGGED naming file, line and field count */
	SLUICE_RAGGED_PAD,         /* short records get SLUICE_FIELD_MISSING fields (NULL); long ones stay */
	SLUICE_RAGGED_TRUNCATE,    /* long records are cut to the width; short ones are padded */
} sluice_ragged;

/* A record diverted instead of stopping the scan (sluice_options.reject): one that strict quoting,
 * ragged = error or strict types would have made an error. Its extent is the one lenient reading
 * gives it (docs/reading-rules.md, "Rejects"); the scan goes on after it. */
typedef struct sluice_reject {
	int status;                /* the error it would have been: SLUICE_ERR_QUOTE, _RAGGED or _TYPE */
	const char *file;          /* the input the record is in (of several read as one, its own), or "<memory>" */
	uint64_t line;             /* 1-based physical line where the record starts, in that input */
	uint64_t offset;           /* byte offset where the record starts */
	uint64_t column;           /* 1-based field number of the fault */
	const char *record;        /* the raw bytes of the record, without its line end */
	size_t length;             /* bytes at record */
	const char *reason;        /* NUL-terminated, as the error's message would have said it */
} sluice_reject;

/* Receives a diverted record. Everything *rj points to is valid during the call only. */
typedef void (*sluice_reject_fn)(void *user, const sluice_reject *rj);

typedef struct sluice_options {
	size_t struct_size;        /* set by sluice_options_init */
	sluice_dialect dialect;
	sluice_kernel kernel;      /* default SLUICE_KERNEL_AUTO */
	size_t window_size;        /* input bytes indexed per step (>= 64); default 256 KiB */
	/* Longest accepted record in bytes (default 1 GiB): a longer one is SLUICE_ERR_RECORD_TOO_LARGE.
	 * The record in progress is measured each time the indexer moves on by a step (a window for
	 * next(); for counts, the larger of a window and a 16th of the limit, at most 4 MiB), so a
	 * record longer than the limit by less than a step may pass. */
	uint64_t max_record_size;
	unsigned threads;          /* threads for whole-file scans (count, queries); 0 = one per core; default 1 */
	int ragged;                /* sluice_ragged: records whose field count differs from the header's */
	/* Experimental, not covered by the stability promise: a test hook described in
	 * sluice_experimental.h. Leave them NULL and 0 (as sluice_options_init does). */
	const uint64_t *split_offsets;
	size_t nsplits;
	/* Check that the input is UTF-8 as it is indexed (by next, count and skip_to); default false.
	 * The first invalid byte (an overlong form, a surrogate, a code point above U+10FFFF, a missing
	 * or stray continuation byte, a sequence cut short by the end of the input) stops the scan with
	 * SLUICE_ERR_UTF8 naming its line, field and offset (where its sequence starts); next() first
	 * hands out the records that end before it. NUL is valid. Off, bytes are not looked at. */
	bool validate_utf8;
	/* Progress: when set, called every few MiB of input with the bytes read since the last call
	 * (compressed bytes for compressed input) and the input's total size (0 when not known, as for
	 * a pipe). A parallel scan calls it from several threads at once. */
	void (*progress)(void *user, uint64_t bytes, uint64_t total);
	void *progress_user;
	/* Rejects: when set, a record that would stop the scan with SLUICE_ERR_QUOTE (strict), _RAGGED
	 * (ragged = error) or _TYPE (a query's strict_types) is handed to reject(reject_user, ...)
	 * instead, and the scan goes on after it: next() skips it, count() does not count it, a query
	 * neither aggregates nor returns it (with a callback, a query with strict_types checks every
	 * column it reads as each record comes in). A malformed header is still an error, and so are
	 * the other statuses (a diverted record longer than max_record_size is
	 * SLUICE_ERR_RECORD_TOO_LARGE). Calls come in file order, one at a time, on the thread that
	 * called the library (a parallel scan reads again, on that thread, the ranges that held
	 * rejects), from inside the call that found the record: the callback must not call into that
	 * reader or query, and, under the fault guard, must not hold a lock while it reads rj->record
	 * (a fault there ends the call with SLUICE_ERR_FAULT). */
	sluice_reject_fn reject;
	void *reject_user;
	/* The input's text encoding, read at open (the string is copied). NULL, "" or "utf-8" (also
	 * "utf8"; the default): UTF-8, except that an input starting with a UTF-16 or UTF-32 byte
	 * order mark is read as the mark says (the mark decides; a UTF-8 mark is stepped over).
	 * "utf-16" and "utf-32": the byte order from the mark, else from which bytes are NUL, else
	 * little-endian; "utf-16le", "utf-16be", "utf-32le", "utf-32be": that order (a mark of it is
	 * dropped). Case, '-' and '_' do not count in those names. Any other name is one glibc's
	 * iconv knows ("latin1", "iso-8859-1", "cp1252", "windows-1252", "shift_jis"). Text that is
	 * not UTF-8 is read as a stream (not mapped, one pass, one thread) and transcoded to UTF-8 a
	 * piece at a time, after any decompression; the reader, its rows and its errors see UTF-8.
	 * Bytes that are no character of the encoding (a lone surrogate, an odd trailing byte, a byte
	 * cp1252 leaves undefined) are SLUICE_ERR_FORMAT naming their byte offset, never replaced. A
	 * name iconv does not know is SLUICE_ERR_INVALID_OPTION at open; so is any encoding but UTF-8
	 * for sluice_reader_open_memory. */
	const char *encoding;
} sluice_options;

/* Fills *opts with the defaults, struct_size included. opts must not be NULL. */
SLUICE_API void sluice_options_init(sluice_options *opts);
/* Checks a dialect for contradictions (delimiter equal to the quote, CR/LF as delimiter, ...).
 * Returns SLUICE_OK or SLUICE_ERR_INVALID_OPTION, and then, when msg is not NULL, sets *msg to a
 * static reason. d must not be NULL. */
SLUICE_API sluice_status sluice_dialect_check(const sluice_dialect *d, const char **msg);
/* Replaces every SLUICE_AUTO field of *d (and a SLUICE_COMMENT_AUTO comment) by the fixed default
 * it had before sniffing existed: ',', '"', no escape, no comment, no trimming, a header, no lines
 * skipped. A reader opened with the result guesses nothing. d must not be NULL. */
SLUICE_API void sluice_dialect_fill_auto(sluice_dialect *d);

/* ---------------------------------------------------------------------------------------------
 * Errors: a value struct the caller reads without allocating.
 * ------------------------------------------------------------------------------------------- */
typedef struct sluice_error {
	int status;                /* a sluice_status */
	const char *file;          /* the path given to open (owned by the reader), or "<memory>" */
	uint64_t line;             /* 1-based physical line of the fault, 0 when not about data */
	uint64_t column;           /* 1-based field number within the record, 0 when not about data */
	uint64_t offset;           /* byte offset of the fault in the input */
	int sys_errno;             /* errno for SLUICE_ERR_IO, else 0 */
	char message[160];         /* NUL-terminated human-readable reason, without the location */
} sluice_error;

/* ---------------------------------------------------------------------------------------------
 * The cursor. A field is a zero-copy slice into the input.
 * ------------------------------------------------------------------------------------------- */
#define SLUICE_FIELD_QUOTED 0x1u          /* the field was enclosed in quotes */
#define SLUICE_FIELD_NEEDS_UNESCAPE 0x2u  /* ptr/len are the raw bytes: call sluice_field_unescape */
#define SLUICE_FIELD_MISSING 0x4u         /* not in the record: added by ragged = pad (a NULL, len 0) */
#define SLUICE_FIELD_SKIPPED 0x8u         /* not projected (sluice_reader_set_columns): not cut, ptr NULL */

typedef struct sluice_field {
	const char *ptr;           /* the value, or the raw field when NEEDS_UNESCAPE is set */
	size_t len;
	uint32_t flags;
} sluice_field;

typedef struct sluice_row {
	const sluice_field *fields; /* nfields slices, valid until the next next() or close() */
	size_t nfields;
	uint64_t index;            /* 0-based record number among the data records (header excluded) */
	uint64_t line;             /* 1-based physical line where the record starts */
	uint64_t offset;           /* byte offset where the record starts */
} sluice_row;

typedef struct sluice_scan_stats {
	uint64_t records;          /* data records handed out */
	uint64_t bytes_indexed;    /* input bytes the indexer has classified */
	uint64_t scalar_bytes;     /* of those, bytes the scalar state machine read (fallback stretches) */
	/* Lenient reading: records repaired, each counted once per kind of repair it needed. The
	 * indexer counts them as it reads, so they may run a window ahead of the records handed out. */
	uint64_t repaired_records;       /* records with any repair */
	uint64_t repaired_bare_quote;    /* records with a quote inside an unquoted field, kept as data */
	uint64_t repaired_after_quote;   /* records with text after a closing quote, joined to the field */
	uint64_t repaired_unterminated;  /* records with a quoted field still open at end of input */
	uint64_t fields_skipped;   /* fields past the projection, stepped over without being cut (those after
	                            * the last projected field count as one when the indexer drops them) */
	uint64_t bytes_skipped;    /* bytes of whole records stepped over by sluice_reader_skip_to */
	uint64_t ragged_padded;    /* records padded with missing fields (ragged = pad or truncate) */
	uint64_t ragged_truncated; /* records cut to the width (ragged = truncate) */
	uint64_t comment_lines;    /* lines skipped as comments */
	uint64_t empty_lines;      /* empty lines skipped (skip_empty_lines) */
} sluice_scan_stats;

typedef struct sluice_reader sluice_reader;

/* Opens path and stores in *out a reader the caller releases with sluice_reader_close(). A plain
 * regular file is mapped (MADV_SEQUENTIAL). Anything else is streamed, in constant memory, through
 * the same cursor: "-" (standard input), pipes, FIFOs and character devices, compressed data
 * (told by its first bytes, whatever the name), and text that is not UTF-8 (a UTF-16 or UTF-32 byte
 * order mark, or opts->encoding: it is transcoded to UTF-8). A stream is read once, on one thread, and its bytes
 * are decoded only as the cursor asks for them. A 0-byte file is an empty table. The dialect's
 * SLUICE_AUTO fields are sniffed now, from a sample (sluice_reader_sniff_info), and the preamble
 * lines are skipped; when the dialect has a header, the header record is read now. path is copied; opts is read during the call only.
 * Errors: SLUICE_ERR_IO (err->sys_errno says why), SLUICE_ERR_INVALID_OPTION, SLUICE_ERR_KERNEL,
 * SLUICE_ERR_NOMEM, and the data errors of the header record (SLUICE_ERR_QUOTE, _UTF8, ...). */
SLUICE_API sluice_status sluice_reader_open(sluice_reader **out, const char *path, const sluice_options *opts,
                                            sluice_error *err);

/* Opens paths[0..n) as one table, read in order as one stream (each may be plain or compressed,
 * or "-"). With a header, every input's first record must equal the first input's (else
 * SLUICE_ERR_HEADER naming the file that differs) and is read only once; an input without a final
 * line break gets one. n == 1 is sluice_reader_open. The paths are copied. Errors as
 * sluice_reader_open. */
SLUICE_API sluice_status sluice_reader_open_paths(sluice_reader **out, const char *const *paths, size_t n,
                                                  const sluice_options *opts, sluice_error *err);

/* Like sluice_reader_open, over len bytes the caller owns and keeps alive and unchanged until
 * close (they are not copied). Nothing past data[len-1] is ever read. name labels errors and is
 * copied (NULL: "<memory>"). */
SLUICE_API sluice_status sluice_reader_open_memory(sluice_reader **out, const void *data, size_t len,
                                                   const char *name, const sluice_options *opts,
                                                   sluice_error *err);

/* The name of the input the record at byte `offset` (a row's offset) came from: the path given
 * to open, "<stdin>" for "-". Owned by r, valid until close. */
SLUICE_API const char *sluice_reader_source(const sluice_reader *r, uint64_t offset);

/* Advances to the next record. Returns SLUICE_OK and fills *row, SLUICE_END after the last
 * record, or a negative status with the details in
 * sluice_reader_error(r): a data error (SLUICE_ERR_QUOTE, _RAGGED, _UTF8, _RECORD_TOO_LARGE),
 * SLUICE_ERR_FAULT, SLUICE_ERR_IO or SLUICE_ERR_NOMEM. The slices in *row stay valid until the
 * next call on this reader or close. Allocates only when a record has more fields than any before
 * it. */
SLUICE_API sluice_status sluice_reader_next(sluice_reader *r, sluice_row *row);

/* Counts the records from the current position to the end without materializing fields, and
 * leaves the reader at the end. A mapped file is counted on opts.threads threads in byte ranges
 * (see sluice_file_count_records); the ranges' counters (repairs, ...) add up in the reader's
 * stats. Returns SLUICE_OK with *n set, or a negative status as sluice_reader_next. */
SLUICE_API sluice_status sluice_reader_count_records(sluice_reader *r, uint64_t *n);

/* Counts the data records of a whole file with opts->threads threads (0: one per core). The file
 * is split into byte ranges (pieces that shrink toward the end, taken in turn by the threads as
 * they become free); each range guesses where its first record starts and the guess is checked
 * against where the previous range really ended, so the count is exact however quoted line breaks
 * fall (a wrong guess is re-read from the right place). Returns SLUICE_OK with *n set, or a
 * negative status (the errors of sluice_reader_open and sluice_reader_next) with *err filled; err
 * then names path, which the caller owns. Thread-safe: it makes and closes its own reader. */
SLUICE_API sluice_status sluice_file_count_records(const char *path, const sluice_options *opts, uint64_t *n,
                                                   sluice_error *err);

/* Projection: cut at most n fields of each record (0: all). Later fields are stepped over to
 * the record end without being cut, and row.nfields is at most n. Replaces a column set. */
SLUICE_API void sluice_reader_set_max_fields(sluice_reader *r, size_t n);

/* Projection by column set: of the first n fields, cut only those with wanted[i] true; the others
 * come as {NULL, 0, SLUICE_FIELD_SKIPPED}, and fields after the last wanted one are not handed out.
 * wanted is copied. Returns SLUICE_OK, or SLUICE_ERR_NOMEM with the column set cleared. */
SLUICE_API sluice_status sluice_reader_set_columns(sluice_reader *r, const bool *wanted, size_t n);

/* Line numbers cost a look at every field that starts with a quote. With tracking off (default
 * on), row.line is 0 and an error's line is counted from the start of the input when it happens.
 * A stream keeps tracking on: it cannot be read again from its start. */
SLUICE_API void sluice_reader_set_line_tracking(sluice_reader *r, bool on);

/* Steps over the records that end before byte `offset` without cutting their fields: the next
 * record handed out is the one that contains offset, or an earlier one. Far jumps run the
 * indexer's counting loop, which keeps the quote state exact. Line numbers stay exact. Returns
 * SLUICE_OK or a negative status as sluice_reader_next. */
SLUICE_API sluice_status sluice_reader_skip_to(sluice_reader *r, uint64_t offset);

/* Opt-in protection for mapped files that shrink while they are read (another process truncates
 * them): installs a process-wide SIGBUS handler, which the library never does by itself. From then
 * on, library calls that read a mapping run under a per-thread recovery point, and a fault makes
 * them return SLUICE_ERR_FAULT with the file and the offset in the reader's (or query's) error;
 * the reader is then unusable. A fault while the application itself reads a field of a mapping
 * calls outside(path, offset), which must not return (print and _exit, say); with outside NULL,
 * or for addresses that are not sluice mappings, the fault gets the default action. Call once,
 * early, from the main thread, before other threads start. Returns SLUICE_OK, or SLUICE_ERR_IO
 * with errno set when sigaction fails. */
typedef void (*sluice_fault_fn)(const char *path, uint64_t offset);
SLUICE_API sluice_status sluice_fault_guard_install(sluice_fault_fn outside);

/* The last error of r (status SLUICE_OK when there was none). Owned by r, overwritten by the next
 * failing call, valid until close; never NULL. */
SLUICE_API const sluice_error *sluice_reader_error(const sluice_reader *r);
/* Counters since open. Owned by r and updated in place by later calls; never NULL. */
SLUICE_API const sluice_scan_stats *sluice_reader_stats(const sluice_reader *r);
/* The kernel the reader runs (never AUTO: what AUTO resolved to). */
SLUICE_API sluice_kernel sluice_reader_kernel(const sluice_reader *r);
/* The dialect the reader runs (after defaults and validation). Owned by r; never NULL. */
SLUICE_API const sluice_dialect *sluice_reader_dialect(const sluice_reader *r);

/* Header columns: 0 when the dialect has no header. A name is an unescaped copy owned by r, valid
 * until close, NUL-terminated; its length goes to *len when len is not NULL. An out-of-range i
 * gives NULL (and *len = 0). */
SLUICE_API size_t sluice_reader_column_count(const sluice_reader *r);
SLUICE_API const char *sluice_reader_column_name(const sluice_reader *r, size_t i, size_t *len);
/* Index of the first column called name (len bytes, no NUL needed), or -1. Uses a hash table
 * built at open. */
SLUICE_API long sluice_reader_column_index(const sluice_reader *r, const char *name, size_t len);

/* Writes the value of f into buf (cap bytes) and returns its length. The value is never longer
 * than f->len, so a buffer of f->len bytes always suffices; when cap is smaller the value is cut
 * at cap bytes. No NUL is added. A field without NEEDS_UNESCAPE is copied as it is. d (the
 * reader's dialect, sluice_reader_dialect) and f must not be NULL; buf may be NULL when cap is 0.
 * Thread-safe: it touches no reader. */
SLUICE_API size_t sluice_field_unescape(const sluice_dialect *d, const sluice_field *f, char *buf, size_t cap);

/* Releases the reader and its mapping; every pointer it handed out dies with it. NULL is accepted
 * and ignored. */
SLUICE_API void sluice_reader_close(sluice_reader *r);

/* ---------------------------------------------------------------------------------------------
 * Sniffing: what a reader decided for the dialect fields left SLUICE_AUTO. It reads a bounded
 * sample when it opens (the first 64 KiB, up to 16 MiB when the first lines are longer, and for a
 * large mapped file three probes of 16 KiB further in), never the whole input, and scores each
 * candidate dialect by how uniform the records it gives are and how many of their fields look
 * typed (numbers, dates, booleans); docs/sniffing.md has the rules. Several inputs read as one are
 * each sniffed: one that the first input's dialect does not read (another delimiter or preamble,
 * or quotes, an escape or comments the first lacks) is SLUICE_ERR_FORMAT naming it.
 * ------------------------------------------------------------------------------------------- */
typedef enum sluice_line_ending {
	SLUICE_LINE_ENDING_NONE = 0, /* the sample has no line end (one line, or empty) */
	SLUICE_LINE_ENDING_LF,
	SLUICE_LINE_ENDING_CRLF,
	SLUICE_LINE_ENDING_CR,
} sluice_line_ending;

/* The encoding r's input was read in, as a lower-case name: "utf-8" (also for a file with a UTF-8
 * byte order mark), "utf-16le" ... when a byte order mark said so, the resolved byte order for
 * "utf-16" and "utf-32", or the name given (sluice_options.encoding) for an iconv encoding. Of
 * several inputs, the first one's. Owned by r, valid until close; never NULL. */
SLUICE_API const char *sluice_reader_encoding(const sluice_reader *r);

/* Which fields were left to the sniffer (sluice_sniff_info.sniffed). */
#define SLUICE_SNIFFED_DELIMITER 0x01u
#define SLUICE_SNIFFED_QUOTE 0x02u
#define SLUICE_SNIFFED_ESCAPE 0x04u
#define SLUICE_SNIFFED_COMMENT 0x08u
#define SLUICE_SNIFFED_TRIM 0x10u
#define SLUICE_SNIFFED_HEADER 0x20u
#define SLUICE_SNIFFED_SKIP 0x40u

typedef struct sluice_sniff_info {
	sluice_dialect dialect;    /* the dialect the input is read with: no field is AUTO */
	unsigned sniffed;          /* SLUICE_SNIFFED_* bits: the fields that were decided from the data */
	double confidence;         /* 0..1: 1 when no other candidate came close, lower when one did (or the
	                            * sample was too small to tell); 1 when nothing was sniffed */
	int line_ending;           /* sluice_line_ending: how the sample's lines end (all three are read) */
	size_t columns;            /* fields in the table's records (the most common count in the sample) */
	uint64_t sample_bytes;     /* bytes looked at */
	uint64_t sample_records;   /* records of the sample read with the chosen dialect */
} sluice_sniff_info;

/* What the reader's sniffer decided; for a reader opened without AUTO fields, the dialect it was
 * given with sniffed 0. Owned by r; never NULL. */
SLUICE_API const sluice_sniff_info *sluice_reader_sniff_info(const sluice_reader *r);

/* Sniffs path (opts->dialect's AUTO fields; opts may be NULL for all of them) without reading past
 * the sample, and fills *out. Returns SLUICE_OK, or the errors of sluice_reader_open with *err
 * filled (err->file then names path, which the caller owns). Thread-safe. */
SLUICE_API sluice_status sluice_sniff(const char *path, const sluice_options *opts, sluice_sniff_info *out,
                                      sluice_error *err);

/* ---------------------------------------------------------------------------------------------
 * Queries: SQL text (or a projection and a filter) run as one lazy scan.
 * ------------------------------------------------------------------------------------------- */
typedef enum sluice_type {
	SLUICE_TYPE_NULL = 0,      /* only the NULL literal has it */
	SLUICE_TYPE_BOOLEAN,
	SLUICE_TYPE_BIGINT,
	SLUICE_TYPE_DOUBLE,
	SLUICE_TYPE_DATE,          /* days since 1970-01-01 in u.i */
	SLUICE_TYPE_TIMESTAMP,     /* microseconds since 1970-01-01 00:00:00 in u.i */
	SLUICE_TYPE_VARCHAR,
	SLUICE_TYPE_TIMESTAMPTZ,   /* an instant: microseconds since 1970-01-01 00:00:00 UTC in u.i
	                            * (added last: the values above are pinned) */
} sluice_type;

/* A typed value. A VARCHAR points into the input mapping when it is a plain field (zero-copy),
 * or into memory owned by the query; either way it stays valid until the next call on it. */
typedef struct sluice_value {
	uint8_t type;              /* sluice_type */
	bool null;
	union {
		bool b;
		int64_t i;
		double d;
		struct {
			const char *ptr;
			size_t len;
		} s;
	} u;
} sluice_value;

/* "BIGINT", "DOUBLE", ...; "?" for an unknown value. A static string. */
SLUICE_API const char *sluice_type_name(sluice_type type);
/* Writes v as text (numbers so that they read back the same; NULL as ""), returns the length it
 * needs; at most cap bytes are written and the text is NUL-terminated when cap > 0 (buf may be
 * NULL when cap is 0, to measure). v must not be NULL. Thread-safe. */
SLUICE_API size_t sluice_value_format(const sluice_value *v, char *buf, size_t cap);

typedef struct sluice_query_options {
	size_t struct_size;        /* set by sluice_query_options_init */
	sluice_options reader;     /* dialect (its AUTO fields sniffed), kernel, window; read_csv(...)
	                            * options in the SQL win */
	const char *types;         /* forced column types, "fare=DOUBLE,id=VARCHAR", or NULL */
	const char *const *nulls;  /* extra spellings of NULL (NULL-terminated array), or NULL */
	bool prefilter;            /* search literals in the raw bytes to skip records (default true) */
	bool strict_types;         /* a value that does not fit its column type is an error (default: NULL, counted) */
	uint64_t sample_records;   /* records read to infer column types (default 20480) */
	uint64_t memory_limit;     /* bytes for group-by and distinct state; 0 = no limit (default) */
	/* The table's inputs, read in order as one (see sluice_reader_open_paths), instead of the path
	 * in FROM; NULL (default) uses FROM. A path in FROM may be a glob pattern ('logs/2024-*.csv'):
	 * the files it matches, in name order. */
	const char *const *paths;
	size_t npaths;
	bool filename;             /* add a VARCHAR column `filename`: the input each record came from
	                            * (also read_csv(..., filename = true)); default false */
	/* How values are written, for every column (read_csv's decimal_separator, thousands,
	 * dateformat and timestampformat win). By default each is sniffed per column from the sample:
	 * a decimal comma and '.' or ',' digit groups where the delimiter is not ',', day-first and
	 * month-first dates (docs/sniffing.md). */
	int decimal_separator;     /* '.' or ','; SLUICE_AUTO (default): sniffed */
	int thousands;             /* digit group separator, SLUICE_NO_CHAR for none; SLUICE_AUTO (default): sniffed */
	const char *date_format;   /* DATE layout such as "%d.%m.%Y" (strftime-like), or NULL: sniffed */
	const char *timestamp_format; /* TIMESTAMP layout such as "%m/%d/%Y %I:%M %p", or NULL: sniffed */
} sluice_query_options;

typedef struct sluice_exec_stats {
	uint64_t records_seen;       /* records the scan handed to the query */
	uint64_t fields_tokenized;   /* fields cut into slices */
	uint64_t fields_materialized; /* fields decoded into typed values */
	uint64_t bytes_total;        /* size of the input */
	uint64_t bytes_prefiltered;  /* bytes of records skipped by the raw-byte prefilter */
	uint64_t rows_out;           /* result rows */
	uint64_t type_errors;        /* values that did not fit their column type and became NULL */
	uint64_t groups;             /* group-by groups */
	/* The reading's counters (repairs, ragged records, comment lines, ...), over every thread's
	 * reader: exact once the query has read its input to the end (a query that stops early, at a
	 * LIMIT, counts the repairs of what it indexed, up to a window past its last row). */
	sluice_scan_stats scan;
} sluice_exec_stats;

typedef struct sluice_query sluice_query;

/* A column batch: ncols arrays of nrows values (column-major), valid until the next call. */
typedef struct sluice_batch {
	size_t nrows;
	size_t ncols;
	const sluice_value *const *columns;
} sluice_batch;

/* Fills *qo with the defaults (reader options included). qo must not be NULL. */
SLUICE_API void sluice_query_options_init(sluice_query_options *qo);

/* Parses, plans and opens a query, and stores in *out a query the caller releases with
 * sluice_query_close(). sql and qo (with what it points to) are read during the call only. On
 * failure returns a negative status (SLUICE_ERR_SQL for bad SQL, an unknown column or a type
 * error, with err->offset the byte position in sql; SLUICE_ERR_INVALID_OPTION for bad `types`; the
 * open errors of sluice_reader_open for the file) and fills *err; err->file then points into a
 * per-thread buffer valid until the next failed open on the thread. */
SLUICE_API sluice_status sluice_query_open(sluice_query **out, const char *sql, const sluice_query_options *qo,
                                           sluice_error *err);
/* Builds and opens `SELECT columns FROM 'path' [WHERE where]`: columns is a select list ("id, fare",
 * "*", "count(*)"), where an SQL condition or NULL. The path is quoted for you. Errors as above;
 * err->offset then points into the built statement. */
SLUICE_API sluice_status sluice_query_open_select(sluice_query **out, const char *path, const char *columns,
                                                  const char *where, const sluice_query_options *qo,
                                                  sluice_error *err);
/* The result's columns. A name is owned by q and valid until close; an out-of-range i gives NULL
 * (name) or SLUICE_TYPE_NULL (type). */
SLUICE_API size_t sluice_query_column_count(const sluice_query *q);
SLUICE_API const char *sluice_query_column_name(const sluice_query *q, size_t i);
SLUICE_API sluice_type sluice_query_column_type(const sluice_query *q, size_t i);
/* The next result row: *row points at column_count values owned by q, valid until the next call
 * on q. Returns SLUICE_OK, SLUICE_END after the last row, or a negative status (details in
 * sluice_query_error): the reader's errors, SLUICE_ERR_TYPE (strict_types),
 * SLUICE_ERR_MEMORY_LIMIT, SLUICE_ERR_NOMEM. */
SLUICE_API sluice_status sluice_query_next(sluice_query *q, const sluice_value **row);
/* The next batch of result rows (at most a few thousand), owned by q and valid until the next
 * call on q. Returns as sluice_query_next. */
SLUICE_API sluice_status sluice_query_next_batch(sluice_query *q, sluice_batch *b);
/* Counters of the run so far (records seen, rows out, ...). Owned by q and updated in place;
 * never NULL. */
SLUICE_API const sluice_exec_stats *sluice_query_stats(const sluice_query *q);
/* The last error of q (status SLUICE_OK when there was none). Owned by q; never NULL. */
SLUICE_API const sluice_error *sluice_query_error(const sluice_query *q);
/* Releases the query, its reader and every row, batch and name it handed out. NULL is accepted
 * and ignored. */
SLUICE_API void sluice_query_close(sluice_query *q);

#ifdef __cplusplus
}
#endif

#endif /* SLUICE_H */
