/* pack.h: the EPUB container, written whole or not at all.
 *
 * The zip is built in memory with libzip (mimetype first and stored, fixed
 * entry order and times), written to a temporary file beside the target and
 * renamed over it only when complete.  A failure or SIGINT/SIGTERM leaves
 * the previous book untouched and no temporary file behind. */
#ifndef HBOOK_PACK_H
#define HBOOK_PACK_H

#include "book.h"

/* Checks early that out can be written (its folder exists, it is not a
 * folder).  Returns 0, or -1 after an error diagnostic. */
int pack_check(const char *out);

/* SIGINT, SIGTERM and SIGHUP end hbook with status 1, removing the
 * temporary file if there is one: the previous book stays as it was. */
void pack_signals(void);

/* Writes the book to out.  Returns 0, or -1 after an error diagnostic. */
/* Deflates a chapter at level (1 to 9) into a one-entry zip in memory,
 * so chapters are compressed in parallel by the threads that render them;
 * pack_write() copies the deflated bytes into the book unchanged.  Returns
 * 0 and the zip (the caller frees it), or -1. */
int pack_chapter(const char *xhtml, size_t len, int level,
    unsigned char **out, size_t *outlen);

/* level is the deflate level, 1 to 9. */
int pack_write(struct book *b, const char *out, int level);

#endif
