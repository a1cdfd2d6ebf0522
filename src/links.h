/* links.h: the link table, and where each link and picture goes.
 *
 * links_new() maps every way the site names a page (paths with or without
 * .md, page bundles, site-absolute paths, base_url URLs, slugs, Jekyll post
 * names, aliases) onto its article, and keeps the list of the site's other
 * files that the scan found.  The resolvers below answer from those tables
 * alone: they read no file, write nothing and print nothing; what they
 * return says what became of the URL and why.  The page that owns the
 * element sets its attributes (page.c). */
#ifndef HBOOK_LINKS_H
#define HBOOK_LINKS_H

#include "book.h"

struct links;
struct scan;

/* The table for b's articles and the files s found; the caller frees it
 * with links_free().  b's articles must stay as they are while it lives. */
struct links *links_new(const struct book *b, const struct scan *s);
void links_free(struct links *l);

enum link_kind {
	LINK_PAGE,               /* another page of the book: target */
	LINK_SECTION,            /* a section of another page: target, frag */
	LINK_HERE,               /* a section of this page: frag */
	LINK_WEB,                /* a web address: href */
	LINK_TEXT                /* nowhere: the link's text stays */
};

/* What a URL resolves to.  Strings are owned: link_clear() frees them. */
struct link {
	enum link_kind kind;
	const struct article *target;
	char *frag;              /* decoded, as written */
	char *href;              /* LINK_WEB: a valid URI */
	int off_book;            /* LINK_WEB: a site page not in the book */
	const char *why;         /* LINK_TEXT: why, for the report */
	const char *warning;     /* printf format with one %s, or NULL */
	const char *warn_kind;   /* warnings are given once per kind and what */
	char *what;              /* what the warning names */
};

/* Resolves url, written in the page from (NULL: a page of the book's own,
 * in the content folder), by the site's rules: a site path by address, a
 * relative one from the page's file or its address (which first depends
 * on the generator, and on whether it names a .md file), then by a
 * page's name, the nearest of several, with a warning when none is
 * nearer.  With l NULL (a fixture, no book) links keep their URL. */
void links_resolve(const struct links *l, const struct article *from,
    const char *url, struct link *out);
void link_clear(struct link *k);

/* The article ref names ("zinc", "../nutrition/zinc.md", a URL), seen from
 * the page from; NULL when there is none. */
const struct article *links_find(const struct links *l,
    const struct article *from, const char *ref);

enum picture_kind {
	PICTURE_FILE,            /* a file of the site: path */
	PICTURE_REMOTE,          /* on the web: never fetched */
	PICTURE_OUTSIDE,         /* leaves the content folder: never read */
	PICTURE_MISSING,         /* not among the site's files */
	PICTURE_NONE             /* an empty address */
};

struct picture {
	enum picture_kind kind;
	char *file;              /* FILE: relative to the content folder */
	char *name;              /* the address as warnings name it */
};

/* Finds the file a picture's url names, from the page from.  The caller
 * frees out->file and out->name. */
void links_picture(const struct links *l, const struct article *from,
    const char *url, struct picture *out);

/* Whether the site writes [[wikilinks]] (an Obsidian vault). */
int links_wikilinks(const struct links *l);

/* url as an href EPUBCheck accepts (spaces and the characters URLs cannot
 * hold percent-encoded), or NULL when it is still not a URI.  The caller
 * frees it. */
char *url_clean(const char *url);

/* The id frag names among ids: frag itself, else its slug (sites link
 * "#Dosage Guide" to "dosage-guide"); NULL when neither is there.  The
 * caller frees it. */
char *links_choose_id(const struct strmap *ids, const char *frag);

#endif
