/* nav.h: nav.xhtml and toc.ncx from the model. */
#ifndef HBOOK_NAV_H
#define HBOOK_NAV_H

#include "book.h"

/* Sets b->nav_xhtml and b->ncx.  Call after the pages are written: it
 * needs each article's sections. */
void nav_build(struct book *b);

#endif
