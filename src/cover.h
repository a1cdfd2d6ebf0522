/* cover.h: the book's cover: the image given (--cover, hbook.yaml cover:)
 * or one drawn from templates/cover.svg with librsvg. */
#ifndef HBOOK_COVER_H
#define HBOOK_COVER_H

#include "book.h"

struct cover_job;

/* Starts b's cover.  file is --cover (read from anywhere), else
 * hbook.yaml's cover: (inside the content folder): read now.  Else the
 * cover is drawn, its pixels deflated at level (1 to 12, as the book's
 * entries), in a thread of its own when threaded, so it costs no time
 * while the chapters render.  Returns the job for cover_finish(), or NULL
 * after an error diagnostic. */
struct cover_job *cover_start(struct book *b, const char *file,
    const char *templates, int level, int threaded);

/* Waits for the drawing and sets b->cover (a resource, also in b->res).
 * Frees j.  Returns 0, or -1 after an error diagnostic. */
int cover_finish(struct book *b, struct cover_job *j);

/* Fills an SVG cover template: each <text data-hbook="F"> gets field F in
 * lines no wider than data-hbook-width, shrinking its type until they fit
 * in data-hbook-lines.  The caller frees the result (for tests). */
char *cover_svg(const char *svg, size_t len, const char *const *fields,
    size_t *outlen);

#endif
