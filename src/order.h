/* order.h: the book's sections and reading order.
 *
 * Where the site has a navigation (mkdocs.yml nav, SUMMARY.md, Docusaurus
 * sidebars), it is the order and the nesting, and its titles are the
 * pages'; pages it leaves out follow, by folder.  Else the folders are the
 * sections, nested as deep as they go.  A folder's hub page (index.md,
 * _index.md, README.md, or x.md beside a folder x) is its section's page.
 * Siblings go by hbook.yaml's categories (at the top), then weight, then
 * date (newest first), then title, then path. */
#ifndef HBOOK_ORDER_H
#define HBOOK_ORDER_H

#include "book.h"

/* Arranges b's articles in sections (b->top, b->secs), and puts b->arts
 * in reading order. */
void book_order(struct book *b);

/* The comparison siblings are sorted with, for unit tests. */
int article_cmp(const struct article *x, const struct article *y);

#endif
