/* book.h: the model every stage shares.
 *
 * config.c and meta.c fill it from hbook.yaml and the content folder,
 * order.c sorts it, spine.c plans the book's documents, render.c writes
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
	char *path;              /* in the pages folder: "sleep/naps.md" */
	char *src;               /* as diagnostics name it: book_src() */
	char *title;
	char *description;
	char *category;          /* front matter category, or NULL */
	char *date, *updated;    /* normalised YYYY-MM-DD, or NULL */
	char *slug;
	char *image, *image_alt;
	char *lang;
	struct strlist authors, tags, related, aliases;
	long weight;
	int has_weight;
	int title_from_body;     /* the body's first h1 is the title */

	char *body;              /* Markdown after the front matter */
	size_t body_len;
	int body_line;           /* line of the body's first line in the file */

	struct category *cat;
	char *file;              /* "sleep-naps.xhtml", inside text/ */
	struct heading *heads;
	size_t nheads;
	struct strmap *ids;      /* every id in the chapter, for fragments */
};

struct category {
	char *key;               /* slug: "mental-health" */
	char *title;
	char *description;
	char *index;             /* its _index.md in the pages folder, or NULL */
	char *src;               /* book_src() of index */
	char *intro;             /* Markdown from _index.md, or NULL */
	int intro_line;
	long weight;
	int has_weight;
	char *file;
	struct article **arts;
	size_t narts;
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
	struct category *cat;    /* DOC_SECTION */
	char *bytes;             /* the page, written */
	size_t len;
	struct deflated z;       /* ... or deflated, by its thread */
	struct pending *pend;    /* links whose href awaits other pages */
	size_t npend;
};

struct book {
	char *root;              /* the content folder as given */
	struct input *in;        /* what reads its files (input.h) */
	struct config cfg;
	struct article **arts;   /* in reading order once sorted */
	size_t narts, capart;
	struct category **cats;  /* in reading order once sorted */
	size_t ncats;
	struct doc *docs;        /* planned by spine_plan() */
	size_t ndocs;
	struct resource **res;
	size_t nres;
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
void category_free(struct category *c);

/* The category keyed key, made (titled title) when there is none yet.
 * Articles without a folder or category go to BOOK_DEFAULT_CATEGORY. */
#define BOOK_DEFAULT_CATEGORY "general"
struct category *book_category(struct book *b, const char *key,
    const char *title);

/* The path in the content folder of rel, a file in the pages folder.
 * The caller frees it. */
char *book_file(const struct book *b, const char *rel);

/* The path diagnostics name a file in the pages folder by: the content
 * folder, the pages folder and rel joined.  The caller frees it. */
char *book_src(const struct book *b, const char *rel);

#endif
