/* output.h: the one rule for what hbook writes.
 *
 * The book (-o) and the report (--report) are regular files or new names,
 * in a folder that exists.  Never a device, a FIFO or a folder; never a
 * file this export reads (compared by device and inode once everything is
 * read); never a name it would read next time (hbook.yaml, a page of the
 * pages folder).  "-o -" writes the book to standard output.
 *
 * A file is written whole or not at all: into an unnamed file in the
 * target's folder (O_TMPFILE), named only once complete and renamed over
 * the target, so a failed, interrupted or killed export leaves the old
 * file as it was and nothing beside it.  Where the file system has no
 * O_TMPFILE, a temporary file ".NAME.hbook-XXXXXX" stands in, locked while
 * it is written; the next export to NAME removes those no export holds.  A
 * replaced file keeps its mode. */
#ifndef HBOOK_OUTPUT_H
#define HBOOK_OUTPUT_H

#include <stddef.h>

struct book;
struct output;

/* Checks early that path can be written as what ("book", "report") of
 * b's export.  Returns 0, or -1 after an error diagnostic. */
int output_check(const struct book *b, const char *path, const char *what);

/* Starts writing path, the what ("book", "report") of the export.
 * Returns the output, or NULL after an error. */
struct output *output_open(const char *path, const char *what);

/* Appends len bytes.  Returns 0, or -1 after an error diagnostic. */
int output_write(struct output *o, const void *data, size_t len);

/* Checks, once b's export has read everything, that path is none of the
 * files it read, and takes the mode of the file it replaces.  Returns 0,
 * or -1 after an error diagnostic. */
int output_verify(struct output *o, const struct book *b);

/* Makes the file complete and puts it in place.  Frees o.  Returns 0, or
 * -1 after an error diagnostic (the old file stays as it was). */
int output_commit(struct output *o);

/* Drops what was written.  Frees o. */
void output_abort(struct output *o);

/* SIGINT, SIGTERM and SIGHUP end hbook with status 1, removing a named
 * temporary file if there is one: the previous file stays as it was. */
void output_signals(void);

#endif
