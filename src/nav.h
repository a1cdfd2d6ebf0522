/* nav.h: nav.xhtml and toc.ncx, from the book's list of documents. */
#ifndef HBOOK_NAV_H
#define HBOOK_NAV_H

#include "book.h"

/* Writes nav.xhtml into its document, and b->ncx.  Call after the articles
 * are written: the contents list each one's sections.  Each writes only
 * its own field, so the two run at once, beside the book's own pages. */
void nav_build(struct book *b);
void ncx_build(struct book *b);

#endif
