/* pages.h: the book's XHTML pages, from templates and the model. */
#ifndef HBOOK_PAGES_H
#define HBOOK_PAGES_H

#include "book.h"

struct links;

struct page_opts {
	const char *templates;   /* --templates DIR, or NULL */
	int smart;               /* --smart */
	int kramdown;            /* hbook.yaml markdown: kramdown */
	int jobs;                /* -j: threads rendering chapters */
	int level;               /* deflate level for the chapters */
	int kobo;                /* --kobo */
};

/* Each returns 0, or -1 after an error diagnostic. */

/* Renders every article into its xmlDoc (a->doc), resolves the links
 * between them, then serialises each into a->xhtml. */
int pages_articles(struct book *b, struct links *l, const struct page_opts *o);
/* The title page, the disclaimer page and the category pages. */
int pages_front(struct book *b, struct links *l, const struct page_opts *o);

/* Serialises an XHTML document as EPUB readers want it: XML declaration
 * with encoding, DOCTYPE, and no self-closed non-void elements.  The caller
 * frees *out. */
void xhtml_serialize(void *doc, char **out, size_t *len);

#endif
