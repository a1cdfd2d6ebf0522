/* order.h: the reading order: articles grouped into their categories,
 * categories and articles sorted. */
#ifndef HBOOK_ORDER_H
#define HBOOK_ORDER_H

#include "book.h"

/* Categories in hbook.yaml's order, then by _index.md weight, then by
 * title; articles by weight, then date (newest first), then title, then
 * path.  Categories without articles go.  b->arts ends in reading order. */
void book_order(struct book *b);

/* The comparison book_order() sorts articles with, for unit tests. */
int article_cmp(const struct article *x, const struct article *y);

#endif
