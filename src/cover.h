/* cover.h: the book's cover: the image given (--cover, hbook.yaml cover:)
 * or one drawn from templates/cover.svg with librsvg. */
#ifndef HBOOK_COVER_H
#define HBOOK_COVER_H

#include "book.h"

struct cover_job;

/* Begins b's cover once its hbook.yaml is read: when it is to be drawn
 * (no file, --cover, and no cover: in hbook.yaml) and threaded, a thread
 * of its own sets up fonts and a canvas while the articles are read, and
 * draws when cover_start() hands it the filled template, so the cover
 * costs little time while the chapters render.  Its pixels are deflated
 * at level (1 to 12, as the book's entries).  Every job ends with
 * cover_finish(). */
struct cover_job *cover_begin(const struct book *b, const char *file,
    int level, int threaded);

/* Starts b's cover once its categories are known.  file is --cover (read
 * from anywhere), else hbook.yaml's cover: (inside the content folder):
 * read now.  Else templates/cover.svg is filled and drawn, in the thread
 * if there is one.  Returns 0, or -1 after an error diagnostic. */
int cover_start(struct book *b, struct cover_job *j, const char *file,
    const char *templates);

/* Waits for the drawing and sets b->cover (a resource, also in b->res);
 * with b NULL (the export failed) only stops the thread.  Frees j.
 * Returns 0, or -1 after an error diagnostic. */
int cover_finish(struct book *b, struct cover_job *j);

/* Fills an SVG cover template: each <text data-hbook="F"> gets field F in
 * lines no wider than data-hbook-width, shrinking its type until they fit
 * in data-hbook-lines.  The caller frees the result (for tests). */
char *cover_svg(const char *svg, size_t len, const char *const *fields,
    size_t *outlen);

#endif
