/* render.h: the book's pages, each from its template and the model, into
 * its document of the spine. */
#ifndef HBOOK_RENDER_H
#define HBOOK_RENDER_H

#include "book.h"

struct links;
struct images;
struct report;

struct render {
	struct book *book;
	const struct links *links;
	struct images *images;
	struct report *report;   /* NULL: no --report */
	const char *templates;   /* --templates DIR, or NULL */
	int smart;               /* --smart */
	int kobo;                /* --kobo */
	int jobs;                /* -j: threads */
	int level;               /* deflate level of the pages */
};

/* Renders, serialises and deflates the site's pages on r->jobs threads:
 * every article, and every section's page (with its hub page's text).  A
 * link into another page's section is written once every page's ids are
 * known: its page waits, as bytes, for its hrefs, then is deflated.
 * Returns 0, or -1 after an error diagnostic. */
int render_articles(const struct render *r);

/* The documents render_front() makes: every one but the site's pages and
 * nav.xhtml, listed by their place in the spine.  The caller frees the
 * list. */
size_t *render_front_list(const struct book *b, size_t *n);

/* Renders the book's own page at place i of the spine (the title page,
 * disclaimer, topics or cover page) once the site's pages are written; each writes only its own document, so any number run at
 * once.  Returns 0, or -1 after an error diagnostic. */
int render_front(const struct render *r, size_t i);

#endif
