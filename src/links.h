/* links.h: the link table, and where every link and image goes.
 *
 * Before any chapter is written, links_new() maps every way the site
 * refers to an article (paths with or without .md, page bundles,
 * site-absolute paths, base_url URLs, slugs, Jekyll post names, aliases)
 * onto the article.  Images are embedded once each, found by path inside
 * the content folder and typed by their bytes. */
#ifndef HBOOK_LINKS_H
#define HBOOK_LINKS_H

#include <libxml/tree.h>

#include "book.h"

struct chapter;
struct links;

/* The caller frees the table with links_free(). */
struct links *links_new(struct book *b);
void links_free(struct links *l);

/* Sets a's href for url as written in the chapter.  Returns 0, or -1 when
 * the link cannot be kept (a diagnostic says why): write its text only. */
int links_href(struct chapter *ch, const char *url, int line, xmlNode *a);

/* The href of the embedded image for url, relative to the chapter, or NULL
 * (with a warning) when it cannot be embedded: write its alt text.  The
 * caller frees it. */
char *links_image(struct chapter *ch, const char *url, int line);

/* The article ref names ("zinc", "../nutrition/zinc.md", a URL), seen from
 * article from; NULL when there is none. */
struct article *links_find(struct links *l, const struct article *from,
    const char *ref);

/* Adds a row to the report: what became of a link or image, in the
 * chapter at place order in the book.  Safe from several threads. */
void links_note(struct links *l, size_t order, const char *src, int line,
    const char *kind, const char *target, const char *outcome);
/* Drops the rows of the chapter at order (it is written again). */
void links_forget(struct links *l, size_t order);

/* Writes the report (--report) as tab-separated rows, in reading order:
 * article, line, kind, target, outcome.  Returns 0, or -1 after an error
 * diagnostic. */
int links_report(struct links *l, const char *path);

/* Checks the fragments of links within the chapter once it is complete:
 * a missing one points at the page itself, with a warning. */
void links_check_local(struct chapter *ch);

/* Once every chapter is written: checks the links into other chapters'
 * sections (warning about missing ones, in reading order) and lists in
 * *redo (the caller frees it) the places of the chapters whose links
 * guessed an id wrong; returns how many.  From then on links are written
 * with every chapter's ids known: those chapters are to be written again.
 * links_href() and links_image() are safe from several threads. */
size_t links_finish(struct links *l, size_t **redo);

#endif
