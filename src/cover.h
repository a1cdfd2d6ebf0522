/* cover.h: the book's cover: the image given (--cover, hbook.yaml cover:)
 * or one drawn from templates/cover.svg with librsvg. */
#ifndef HBOOK_COVER_H
#define HBOOK_COVER_H

#include "book.h"

/* Sets b->cover (a resource, also in b->res).  file is --cover (read from
 * anywhere), else hbook.yaml's cover: (inside the content folder), else
 * the cover is drawn.  Returns 0, or -1 after an error diagnostic. */
int cover_make(struct book *b, const char *file, const char *templates);

/* Fills an SVG cover template: each <text data-hbook="F"> gets field F in
 * lines no wider than data-hbook-width, shrinking its type until they fit
 * in data-hbook-lines.  The caller frees the result (for tests). */
char *cover_svg(const char *svg, size_t len, const char *const *fields,
    size_t *outlen);

#endif
