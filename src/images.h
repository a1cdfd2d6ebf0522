/* images.h: the book's pictures: each file read once, typed by its bytes,
 * the same picture embedded once however many files hold it. */
#ifndef HBOOK_IMAGES_H
#define HBOOK_IMAGES_H

#include <stddef.h>

#include "book.h"

struct images;

/* Pictures for b, found in its content folder.  The caller frees them
 * with images_free(); the resources stay in b. */
struct picture_opts;
struct images *images_new(struct book *b, const struct picture_opts *opts);
void images_free(struct images *im);

/* The resource for the file at path (relative to the content folder),
 * read the first time it is asked for; NULL when it cannot be embedded,
 * with *why saying why for the report and *warning a warning's format
 * (one %s: the picture).  Safe from several threads. */
const struct resource *images_embed(struct images *im, const char *path,
    const char **why, const char **warning, const char **note);

/* Says, in the order of their files, what was done to the pictures (an
 * SVG's scripts removed).  After the chapters. */
void images_say(struct images *im);

/* The media type of the picture in d ("image/png"), with *ext its file
 * extension; NULL when it is none hbook knows. */
const char *image_type(const unsigned char *d, size_t n, const char **ext);

/* Adds data (taken over) to b's resources as href with manifest id id.
 * Not thread-safe: for the cover, made on its own. */
struct resource *images_add(struct book *b, unsigned char *data, size_t len,
    const char *type, const char *href, const char *id);

#endif
