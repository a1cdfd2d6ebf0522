/* rawhtml.h: raw HTML in Markdown, read with libxml2's HTML parser and
 * grafted into the page through the sanitiser (sanitize.h).
 *
 * Each chunk (an HTML block or an inline tag) is parsed with a fresh push
 * parser that is never told the input ended, so elements a chunk opens stay
 * open: the Markdown after them becomes their content until a later chunk
 * closes them.  End tags close only elements raw HTML opened below base. */
#ifndef HBOOK_RAWHTML_H
#define HBOOK_RAWHTML_H

#include <stddef.h>
#include <libxml/tree.h>

struct page;

/* Adds the HTML in html[0..len) at *cur, which it moves as elements open
 * and close.  line is the chunk's line in the page's source. */
void html_feed(struct page *pg, xmlNode *base, xmlNode **cur,
    const char *html, size_t len, int line);

#endif
