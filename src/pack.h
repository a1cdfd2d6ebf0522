/* pack.h: the EPUB container, written whole or not at all.
 *
 * The zip is built in memory with libzip (mimetype first and stored, fixed
 * entry order and times) from entries deflated with libdeflate, and
 * written by output.h's rule: whole or not at all. */
#ifndef HBOOK_PACK_H
#define HBOOK_PACK_H

#include "book.h"

/* A deflate compressor (libdeflate) at one level, 1 to 12; one per
 * thread, reused for every chapter the thread renders. */
struct deflater;
struct deflater *deflater_new(int level);
void deflater_free(struct deflater *d);

/* Deflates raw into *out (replacing what it held), so chapters are
 * compressed in parallel by the threads that render them; pack_write()
 * copies the bytes into the book unchanged. */
void deflate_bytes(struct deflater *d, const void *raw, size_t len,
    struct deflated *out);

/* Writes the book to out, deflating at level (1 to 12), on jobs threads,
 * what the chapters' threads have not.  Once the bytes are written and
 * b is no longer needed, done(arg) runs on a thread of its own while the
 * file is synced and renamed into place (the caller frees the book
 * there, instead of after: 3 ms at 1,000 articles), or on this one if
 * no thread starts; it does not run when the export fails before.
 * Returns 0, or -1 after an error diagnostic. */
int pack_write(struct book *b, const char *out, int level, int jobs,
    void (*done)(void *), void *arg);

#endif
