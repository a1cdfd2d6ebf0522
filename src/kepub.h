/* kepub.h: the markup Kobo's kepub engine expects (--kobo). */
#ifndef HBOOK_KEPUB_H
#define HBOOK_KEPUB_H

#include <libxml/tree.h>

/* Wraps the page's content in div#book-columns > div#book-inner and each
 * sentence of its text in <span class="koboSpan" id="kobo.P.S">, P
 * counting the blocks and S the sentences in each: Kobo pops notes up,
 * keeps the reading position and counts reading time by these. */
void kepub_page(xmlDoc *doc);

#endif
