/* nav.h: nav.xhtml and toc.ncx from the model. */
#ifndef HBOOK_NAV_H
#define HBOOK_NAV_H

#include "book.h"

/* Set b->nav_xhtml and b->ncx.  Call after the pages are written: they
 * need each article's sections.  Each writes only its own field, so the
 * two (and opf_build()) can run at once. */
void nav_build(struct book *b);
void ncx_build(struct book *b);

#endif
