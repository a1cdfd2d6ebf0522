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

/* Renders, serialises and deflates every article (a->z) on o->jobs
 * threads, then renders again the few whose links into other chapters
 * guessed a section id wrong. */
int pages_articles(struct book *b, struct links *l, const struct page_opts *o);
/* The book's own pages: the title page, disclaimer, topics index, cover
 * page and category pages.  pages_plan() decides which there will be
 * (b->has_topics; the disclaimer and cover pages follow hbook.yaml and
 * b->cover), so nav.c and opf.c can list them while they are made, and
 * returns how many pages_front() can make; each is made by one call, in
 * any order, from any thread. */
size_t pages_plan(struct book *b);
int pages_front(struct book *b, struct links *l, const struct page_opts *o,
    size_t i);

/* Serialises an XHTML document as EPUB readers want it: XML declaration
 * with encoding, DOCTYPE, and no self-closed non-void elements, and frees
 * it.  The caller frees *out. */
void xhtml_serialize(void *doc, char **out, size_t *len);

#endif
