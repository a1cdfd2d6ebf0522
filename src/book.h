/* book.h: the model every stage shares.
 *
 * scan.c and meta.c fill it from the content folder, order.c sorts it and
 * names its files, render.c adds each chapter's XHTML and headings, and
 * opf.c, nav.c and pack.c only read it.  book_free() releases all of it. */
#ifndef HBOOK_BOOK_H
#define HBOOK_BOOK_H

#include <stddef.h>

#include "util.h"

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
	char *path;              /* relative to the content root: "sleep/naps.md" */
	char *src;               /* as diagnostics name it: "content/sleep/naps.md" */
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
	struct deflated z;       /* the chapter, deflated by its thread */
};

struct category {
	char *key;               /* slug: "mental-health" */
	char *title;
	char *description;
	char *intro;             /* Markdown from _index.md, or NULL */
	char *intro_src;
	int intro_line;
	long weight;
	int has_weight;
	char *file;
	struct article **arts;
	size_t narts;
	char *xhtml;
	size_t xhtml_len;
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
	char *pages;                 /* folder of the pages, "" for the root */
	char *cover;                 /* cover: a JPEG or PNG in the folder */
	int kramdown;                /* markdown: kramdown */
	char *src;                   /* path of hbook.yaml, for diagnostics */
};

struct book {
	char *root;              /* the content folder as given */
	char *pages_root;        /* where the articles are: root or root/pages */
	struct config cfg;
	struct article **arts;   /* in reading order once sorted */
	size_t narts, capart;
	struct category **cats;  /* in reading order once sorted */
	size_t ncats;
	struct resource **res;
	size_t nres;
	char *identifier;        /* "urn:uuid:..." or the configured one */
	char *modified;          /* CCYY-MM-DDThh:mm:ssZ */
	long long modified_epoch;
	char *title_xhtml, *disclaimer_xhtml, *nav_xhtml, *ncx, *opf;
	size_t title_len, disclaimer_len, nav_len, ncx_len, opf_len;
	struct resource *cover;  /* the cover image (also in res) */
	char *cover_xhtml;       /* the cover page */
	size_t cover_len;
	char *topics_xhtml;      /* the index of tags, or NULL without tags */
	size_t topics_len;
	int has_topics;          /* there will be one: pages_plan() says */
	char *css;
	size_t css_len;
};

struct book *book_new(const char *root);
void book_free(struct book *b);
struct article *book_add_article(struct book *b);
/* Appends a, made elsewhere, to b's articles.  Returns a. */
struct article *book_append_article(struct book *b, struct article *a);
void article_free(struct article *a);

#endif
