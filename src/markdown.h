/* markdown.h: Markdown to XHTML.  Walks the cmark-gfm tree and builds
 * libxml2 nodes in a page; raw HTML goes through rawhtml.c, which may
 * render Markdown in turn (kramdown's markdown="1"): that pair alone
 * includes each other.
 *
 * Limits, enforced in markdown.c: containers nested deeper than
 * MD_MAX_DEPTH are flattened into their ancestor (with one warning per
 * page). */
#ifndef HBOOK_MARKDOWN_H
#define HBOOK_MARKDOWN_H

#include <stddef.h>
#include <libxml/tree.h>

#define MD_MAX_DEPTH 48

struct page;

/* Registers cmark-gfm's extensions: call once before threads render. */
void md_init(void);

/* The time the threads have spent parsing Markdown so far, summed. */
double md_parse_seconds(void);

/* Renders Markdown into new children of parent.  Footnotes collect in
 * pg->notes. */
void md_render(struct page *pg, xmlNode *parent, const char *md,
    size_t len);

/* Settles the headings below root: the page's title is its only h1, so
 * the shallowest heading becomes h2 and no heading is more than one level
 * below the one before it (levels never skip).  Headings without an id get
 * one; the h2 sections are listed in pg->heads for the contents. */
void headings_normalize(struct page *pg, xmlNode *root);
/* The same with the first level top (3 for an entry of a merged page,
 * under its title); only level 2 goes into the contents. */
void headings_below(struct page *pg, xmlNode *root, int top);

/* The text of the first heading of md when it is a level-1 heading, or
 * NULL.  The caller frees it. */
char *markdown_first_h1(const char *md, size_t len);

#endif
