/* xhtml.h: Markdown -> XHTML.  Walks the cmark-gfm tree and builds libxml2
 * nodes; raw HTML goes through html.c and its sanitiser.
 *
 * Limits, enforced in xhtml.c: containers nested deeper than MD_MAX_DEPTH
 * are flattened into their ancestor (with one warning per chapter). */
#ifndef HBOOK_XHTML_H
#define HBOOK_XHTML_H

#include <stddef.h>
#include <libxml/tree.h>

#include "book.h"

#define MD_MAX_DEPTH 48

struct links;

/* The state of one chapter being written.  The caller owns doc and the
 * strings it passes; chapter_free() releases the rest. */
struct chapter {
	xmlDoc *doc;
	xmlNs *epub;             /* the epub: namespace on <html> */
	const char *src;         /* file named in diagnostics */
	int line0;               /* line of the Markdown's first line */
	int smart;
	int kramdown;            /* hbook.yaml markdown: kramdown */
	int kobo;                /* --kobo: koboSpans in the page */
	const char *drop_h1;     /* drop a first level-1 heading with this text */
	struct links *links;     /* NULL: hrefs and image paths stay as written */
	struct article *art;     /* the article, when links is set */
	const char *dir;         /* folder relative links start from */
	const char *file;        /* the page's own file name in text/ */
	size_t order;            /* its place in the book, for the report */
	xmlNode **local;         /* links to "#fragment" in this chapter */
	size_t nlocal;

	struct strmap *ids;      /* ids used in the document */
	struct heading *heads;   /* the level-2 sections, for the nav */
	size_t nheads;
	xmlNode *notes;          /* <div> holding the footnotes' asides */
	int nnotes;
	int deep_warned;
	struct strmap *warned;   /* one warning per kind per chapter */
};

void chapter_init(struct chapter *ch, xmlDoc *doc, const char *src);
void chapter_free(struct chapter *ch);

/* A new id made from text, unique in the chapter.  The caller frees it. */
char *chapter_id(struct chapter *ch, const char *text);

/* Registers cmark-gfm's extensions: call once before threads render. */
void md_init(void);

/* The time the threads have spent parsing Markdown so far, summed. */
double md_parse_seconds(void);

/* Renders Markdown into new children of parent.  Footnotes collect in
 * ch->notes. */
void md_render(struct chapter *ch, xmlNode *parent, const char *md,
    size_t len);

/* Settles the headings below root: the chapter's title is its only h1, so
 * the shallowest heading becomes h2 and no heading is more than one level
 * below the one before it (levels never skip).  Headings without an id get
 * one; the h2 sections are listed in ch->heads for the nav. */
void headings_normalize(struct chapter *ch, xmlNode *root);

/* The text of the first heading of md when it is a level-1 heading, or
 * NULL.  The caller frees it. */
char *markdown_first_h1(const char *md, size_t len);

/* A copy of s with the characters XML cannot hold replaced by U+FFFD.
 * The caller frees it. */
char *xml_clean(const char *s, size_t len);
/* Appends text to parent, and sets an attribute, through xml_clean(). */
void append_text(xmlNode *parent, const char *s, size_t len);
void set_attr(xmlNode *el, const char *name, const char *value);

/* A new XHTML element appended to parent (NULL: unattached). */
xmlNode *el_new(xmlNode *parent, const char *name);

/* doc as UTF-8 XML with its declaration, indented when format, in *out
 * (the caller frees it); doc is freed.  Every XML file of the book is
 * written here. */
void xml_dump(xmlDoc *doc, int format, char **out, size_t *len);

#endif
