/* page.h: one page being written.  Markdown (markdown.c), raw HTML
 * (rawhtml.c), the sanitiser and the templates (render.c) all write through
 * it: the document, the ids it holds, its sections for the contents, its
 * notes, the warnings it gave, and the links that wait for other pages.
 * It also turns resolved links and pictures (links.c, images.c) into
 * attributes and report rows: the one place that does. */
#ifndef HBOOK_PAGE_H
#define HBOOK_PAGE_H

#include <stddef.h>
#include <libxml/tree.h>

#include "book.h"

struct links;
struct images;
struct report;

/* Limits of one page (man 5 hbook, LIMITS), each with a warning when it
 * applies: headings past the first PAGE_MAX_HEADINGS are bold paragraphs,
 * notes past PAGE_MAX_NOTES text at the end, and raw HTML's ids past
 * PAGE_MAX_IDS go. */
#define PAGE_MAX_HEADINGS 5000
#define PAGE_MAX_NOTES 5000
#define PAGE_MAX_IDS 50000

/* The syntax a page's Markdown is written in, beyond CommonMark and the
 * dialects every page may use (dialect.c), from its site's generator. */
enum {
	SYNTAX_TEMPLATES = 1,    /* Hugo shortcodes, Liquid tags (generator.c) */
	SYNTAX_ZOLA = 2,         /* only Zola's shortcodes: {{ name(args) }} */
	SYNTAX_MDX = 4           /* MDX: import lines, JSX, no indented code */
};

/* What a page uses that hbook cannot run, said once for the book with
 * how many pages use it (render.c), not once a page. */
enum unknown_kind {
	UNKNOWN_MDX = 'm',       /* an MDX component: <Chart data={x} /> */
	UNKNOWN_TAG = 't'        /* a template tag: {% include x.html %} */
};

/* A link to "#frag" in this page, settled once the page is complete. */
struct local {
	xmlNode *a;
	char *frag;
	const char *src;         /* where it is written */
	int line;
	size_t row;              /* its report row */
};

struct page {
	xmlDoc *doc;
	xmlNs *epub;             /* the epub: namespace on <html> */
	const char *src;         /* file named in diagnostics */
	int line0;               /* line of the Markdown's first line */
	int smart;               /* --smart */
	int kramdown;            /* hbook.yaml markdown: kramdown */
	int syntax;              /* SYNTAX_* */
	struct book *book;       /* for what a page includes (include.c), and
	                          * the count of pictures without alt text */
	int *linemap;            /* the text's lines to the page's, when it
	                          * includes other files; else NULL */
	size_t nlinemap;
	int rendering;           /* md_render() calls under way, nested */
	int embedding;           /* notes embedded in notes, nested */
	struct strlist unknown;  /* MDX components hbook cannot run, each
	                          * once: "Name\tline" */
	int kobo;                /* --kobo: koboSpans in the page */
	const char *drop_h1;     /* drop a first level-1 heading with this text */

	const struct links *links;   /* NULL: links and pictures as written */
	struct images *images;
	struct report *report;
	int ids_known;           /* every article's ids are known */
	const struct article *art;   /* the page's article (relative links
	                              * start from it), or NULL */
	const char *file;        /* the page's own file name in text/ */
	size_t order;            /* its place in the book, for the report */

	struct local *local;     /* links to "#fragment" in this page */
	size_t nlocal, caplocal;
	struct pending *pend;    /* links into other pages' sections */
	size_t npend, cappend;

	struct strmap *ids;      /* every id used in the document */
	struct strmap *counts;   /* unique_name()'s next numbers */
	struct heading *heads;   /* the level-2 sections, for the contents */
	size_t nheads;
	xmlNode *notes;          /* <div> holding the footnotes' asides */
	int nnotes;
	int deep_warned;
	struct strmap *warned;   /* warnings given, one per kind and what */
	int html_split;          /* kramdown HTML blocks split, nested */
	int markdown_nest;       /* markdown="1" in raw HTML, nested */
};

/* The page's line (from its file's first) of line k (from 0) of the text
 * being rendered. */
int page_line(const struct page *pg, int k);

/* Starts a page on doc; the caller owns doc and the strings it sets.
 * page_free() releases the rest. */
void page_init(struct page *pg, xmlDoc *doc, const char *src);
void page_free(struct page *pg);

/* A new id made from text, unique in the page.  The caller frees it. */
char *page_id(struct page *pg, const char *text);

/* Warns, as fmt with what for its %s, unless this page warned of kind and
 * what before.  Returns 1 when it warned. */
int page_warn_once(struct page *pg, const char *kind, const char *what,
    int line, const char *fmt);

/* Sets a's href for url, written at line.  Returns 0, or -1 when the link
 * cannot be kept (a warning said why when it matters): write its text
 * only. */
int page_link(struct page *pg, xmlNode *a, const char *url, int line);

/* The src of the embedded picture url names, relative to the page, or
 * NULL (with a warning) when it cannot be embedded: write its alt text.
 * The caller frees it. */
char *page_picture(struct page *pg, const char *url, int line);

/* Settles the links to "#fragment" once the page is complete: one to a
 * section the page does not have leads nowhere, so its text stays,
 * unlinked, with a warning. */
void page_check_local(struct page *pg);

/* Notes that the page uses name, of kind, at line of the file being
 * rendered: once a page, into pg->unknown as "K\tNAME\tLINE\tFILE". */
void page_unknown(struct page *pg, enum unknown_kind kind, const char *name,
    int line);

/* The mark a pending link's href holds until it is known: bytes no XML
 * text can hold, so the serialised page is patched at them. */
#define PENDING_MARK '\001'

#endif
