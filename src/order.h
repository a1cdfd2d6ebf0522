/* order.h: turns the loaded articles into a book: categories, reading
 * order, file names, identifier and modification date. */
#ifndef HBOOK_ORDER_H
#define HBOOK_ORDER_H

#include "book.h"
#include "scan.h"

/* Reading order: categories in hbook.yaml's order, then by _index.md
 * weight, then by title; articles by weight, then date (newest first), then
 * title, then path.  Returns 0. */
int book_order(struct book *b, const struct scan *s);

/* The comparison book_order() sorts articles with, for unit tests. */
int article_cmp(const struct article *x, const struct article *y);

#endif
