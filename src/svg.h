/* svg.h: an SVG picture made safe and valid for a book. */
#ifndef HBOOK_SVG_H
#define HBOOK_SVG_H

#include <stddef.h>

/* What svg_clean() took out, beyond the DOCTYPE, comments and processing
 * instructions, which go from every picture. */
enum {
	SVG_ACTIVE = 1,          /* scripts, event handlers, javascript: */
	SVG_REMOTE = 2,          /* references a reader would fetch */
	SVG_FOREIGN = 4          /* HTML in <foreignObject>, media */
};

/* The SVG picture in d, n bytes, written again without its DOCTYPE,
 * scripts, event handlers, HTML, and references outside the drawing,
 * into *out (the caller frees it); *removed says what went.  -1 when d
 * is not a well-formed SVG document. */
int svg_clean(const unsigned char *d, size_t n, char **out, size_t *outlen,
    int *removed);

#endif
