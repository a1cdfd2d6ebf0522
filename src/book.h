/* book.h: the model every stage shares.
 *
 * config.c, site.c and meta.c fill it from hbook.yaml, the site's own
 * settings and its pages, order.c arranges it in sections, spine.c plans
 * the book's documents, render.c writes
 * each page into its document, and nav.c, opf.c and pack.c only read it.
 * Paths in the model are relative: an article's to the pages folder, a
 * file's to the content folder; book_src() names them for diagnostics.
 * book_free() releases all of it. */
#ifndef HBOOK_BOOK_H
#define HBOOK_BOOK_H

#include <stddef.h>
#include <stdint.h>

#include "util.h"

struct input;
struct site;
struct ydoc;
struct ynode;

struct heading {
	int level;               /* 2 for the sections the nav lists */
	char *id;
	char *text;
};

/* Bytes deflated once (pack.c), copied into the zip as they are. */
struct deflated {
	unsigned char *data;
	size_t len;              /* deflated */
	size_t raw_len;          /* before */
	uint32_t crc;            /* CRC-32 of the bytes before */
};

struct article {
	char *where;             /* its content folder, in the book's folder */
	char *path;              /* in its content folder: "sleep/naps.md" */
	char *src;               /* as diagnostics name it: book_src() */
	char *title;
	char *description;
	char *category;          /* front matter category, or NULL */
	char *date, *updated;    /* normalised YYYY-MM-DD, or NULL */
	char *slug;              /* the front matter's, or the file's name */
	char *fmslug;            /* the front matter's slug, or NULL */
	char *permalink;         /* its url, permalink or path, or NULL */
	char *docid;             /* its id (Docusaurus), or NULL */
	char *image, *image_alt;
	char *lang;
	struct strlist authors, tags, related, aliases, categories;
	struct strlist urls;     /* its addresses on the site (site.h) */
	struct strlist vars;     /* the front matter's values its text names
	                          * as {{ page.NAME }}: "NAME\tvalue" */
	int html;                /* the body is HTML, not Markdown */
	long weight;
	int has_weight;
	int title_from_body;     /* the body's first h1 is the title */

	char *body;              /* Markdown after the front matter */
	size_t body_len;
	int body_line;           /* line of the body's first line in the file */

	char *navtitle;          /* the title the site's navigation gives */
	long navorder;           /* its place in that navigation, or -1 */
	struct section *sec;     /* the section it is in */
	struct section *hub_of;  /* the section it introduces, or NULL */
	char *file;              /* "sleep-naps.xhtml", inside text/ */
	int entry;               /* a short page, shown as an entry at the end
	                          * of the chapter before it, not a chapter of
	                          * its own */
	struct article *host;    /* that chapter's page, or NULL: its
	                          * section's page */
	char *href;              /* where links to it go: its file, or its
	                          * entry's: "glossary.xhtml#copay" */
	char *anchor;            /* that id, or NULL */
	struct heading *heads;
	size_t nheads;
	struct strmap *ids;      /* every id in the chapter, for fragments */
};

/* A section of the book: a folder of the site, or a group of its
 * navigation.  Its page introduces it (with its hub page's text, when the
 * site has one: index.md, _index.md, README.md) and lists what it holds. */
struct section {
	char *key;               /* unique: the folder's path, or the nav's */
	char *title;
	char *description;
	struct article *hub;     /* the page that introduces it, or NULL */
	struct section *parent;  /* NULL: the book's top */
	struct entry *kids;      /* what it holds, in reading order */
	size_t nkids, capkids;
	int depth;               /* 0 for a section at the top */
	int rank;                /* hbook.yaml's order of the top ones */
	char *file;              /* its page, in text/ */
	int merged;              /* every page of it is an entry (a glossary):
	                          * its page lists no contents */
	struct strmap *ids;      /* its page's ids, when it has entries and
	                          * no hub page to keep them */
};

/* A section's entry: a section, or an article. */
struct entry {
	struct section *sec;
	struct article *art;
};

struct resource {
	char *href;              /* "images/3f2a9c.png", inside the book's root */
	char *media_type;
	char *id;
	unsigned char *data;
	size_t len;
	unsigned char sha[20];
};

struct config {
	char *title, *subtitle, *publisher, *language, *description;
	char *rights, *date, *identifier, *base_url, *disclaimer;
	struct strlist authors;
	struct strlist categories;   /* configured order, as written */
	struct strlist statics;      /* folders site-absolute files may be in */
	char *pages;                 /* the pages' folder, normalised: "" for
	                              * the content folder itself */
	char *cover;                 /* cover: a JPEG or PNG in the folder */
	int kramdown;                /* markdown: kramdown */
	int no_topics;               /* topics: false */
	struct strlist topics_exclude;   /* tags that are not for readers,
	                              * as slugs ("qat-blurb") */
	long short_pages;            /* a page under this many characters is
	                              * short; a section of mostly short
	                              * pages is one chapter (0: never) */
	char *src;                   /* path of hbook.yaml, for diagnostics */
	struct ydoc *doc;            /* hbook.yaml, which fields points into */
	const struct ynode *fields;  /* the site's names for hbook's fields */
};

/* The book's documents, in reading order: the spine, and the contents. */
enum doc_kind {
	DOC_COVER,
	DOC_TITLE,
	DOC_DISCLAIMER,
	DOC_SECTION,             /* a category's page */
	DOC_ARTICLE,
	DOC_TOPICS,
	DOC_NAV                  /* nav.xhtml: last, and not linear */
};

/* A link into another article's section, made before every article's ids
 * were known: the page's bytes hold a mark where its href goes. */
struct pending {
	const struct article *target;
	char *frag;
	const char *src;         /* the file it is written in */
	int line;
	size_t row;              /* its report row */
};

struct doc {
	enum doc_kind kind;
	char *href;              /* inside EPUB/: "text/sleep-naps.xhtml" */
	char *id;                /* its manifest id */
	const char *label;       /* its entry in the contents, or NULL */
	int depth;               /* the entry's level, 0 the top */
	int linear;
	const char *properties;  /* the manifest item's, or NULL */
	struct article *art;     /* DOC_ARTICLE */
	struct section *sec;     /* DOC_SECTION */
	char *bytes;             /* the page, written */
	size_t len;
	struct deflated z;       /* ... or deflated, by its thread */
	struct pending *pend;    /* links whose href awaits other pages */
	size_t npend;
	struct strlist unknown;  /* MDX components it uses that hbook
	                          * cannot run: "Name\tline" */
};

struct book {
	char *root;              /* the content folder as given */
	struct input *in;        /* what reads its files (input.h) */
	struct site *site;       /* what its generator says (site.h); its
	                          * owner frees it (site_free()) */
	struct config cfg;
	struct article **arts;   /* in reading order once sorted */
	size_t narts, capart;
	struct section top;      /* the book's top: its kids are the top */
	struct section **secs;   /* every section, in reading order */
	size_t nsecs, capsecs;
	struct doc *docs;        /* planned by spine_plan() */
	size_t ndocs, capdocs;
	struct resource **res;
	size_t nres, capres;
	int no_alt;              /* pictures shown without alt text (atomic) */
	char *creator;           /* who made it, when hbook.yaml names no
	                          * author: config_settle()'s */
	char *identifier;        /* "urn:uuid:..." or the configured one */
	char *modified;          /* CCYY-MM-DDThh:mm:ssZ */
	long long modified_epoch;
	struct resource *cover;  /* the cover image (also in res) */
	char *ncx, *opf, *css;
	size_t ncx_len, opf_len, css_len;
};

struct book *book_new(const char *root);
void book_free(struct book *b);
struct article *book_add_article(struct book *b);
/* Appends a, made elsewhere, to b's articles.  Returns a. */
struct article *book_append_article(struct book *b, struct article *a);
void article_free(struct article *a);
/* The value of a's front-matter field name, as its text names it
 * ({{ page.NAME }}), or NULL. */
const char *article_var(const struct article *a, const char *name);
/* The ids of the page a's text is on, for links into its sections: its
 * own, or its merged section's page's. */
struct strmap *article_ids(const struct article *a);
/* The topic a tag files its page under: the tag's slug, or NULL when it
 * has none or hbook.yaml's topics leave it out.  The caller frees it. */
char *book_topic(const struct book *b, const char *tag);

/* A new section of b, keyed key, titled title, in parent (NULL: the
 * top), added to b->secs. */
struct section *book_section(struct book *b, const char *key,
    const char *title, struct section *parent);
/* Adds an entry, a section or an article, to s's kids. */
void section_add(struct section *s, struct section *sec, struct article *a);

/* The path diagnostics name a file of the book's folder by: the folder
 * and rel joined.  The caller frees it. */
char *book_src(const struct book *b, const char *rel);


#endif
