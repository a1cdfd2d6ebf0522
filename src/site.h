/* site.h: what a site's generator says about the site, found from its own
 * configuration and read without running anything: where its pages and
 * static files are, its address, title and languages, how it turns a
 * page's file into the page's address, and its navigation.
 *
 * One file per generator (site_hugo.c, site_jekyll.c, ...) fills a
 * struct site through one interface, struct generator; the rest of the
 * pipeline reads only struct site. */
#ifndef HBOOK_SITE_H
#define HBOOK_SITE_H

#include "book.h"

struct ynode;
struct ydoc;

/* An entry of the site's navigation: a page (ref names it: a file path
 * relative to the content folder, a Docusaurus doc id, or an address),
 * a group of entries (ref NULL), or both (a group with its own page). */
struct navitem {
	char *title;             /* NULL: the page's own */
	char *ref;
	struct navitem *kids;
	size_t nkids;
};

/* How a generator serves pages, for the addresses of struct page_url. */
enum url_style {
	URL_PATH,                /* a/b.md at /a/b/ (pretty) */
	URL_HTML,                /* a/b.md at /a/b.html */
	URL_FILE                 /* links name files: a/b.md (GitBook,
	                          * Obsidian) */
};

struct site {
	const struct generator *gen;
	char *config;            /* the configuration read, in the folder */
	char *dir;               /* the site's folder in the content folder */
	struct strlist content;  /* folders of pages, in the content folder */
	struct strlist statics;  /* folders of static files, the same */
	struct strlist skip;     /* folder names never read as pages */
	char *base_url, *title, *description, *language, *author;
	struct strlist languages;    /* others the site is in */
	enum url_style style;
	int lower;               /* addresses in lowercase (Hugo) */
	int numbers;             /* "01-intro.md" is "intro" (Docusaurus) */
	char *route;             /* where pages are served: "/", "/docs" */
	struct navitem nav;      /* nav.nkids 0: none */
	int nav_is_order;        /* the nav orders every page it lists */
	int need_fm;             /* a page has front matter (Jekyll) */
	int html_pages;          /* .html files with front matter are pages */
	int name_is_title;       /* a note's name is its title (Obsidian) */
	char *attachments;       /* where a vault keeps pictures (Obsidian) */
	struct ydoc *doc;        /* the configuration, as read */
};

struct generator {
	const char *name;
	/* Whether the folder dir (in the content folder, "" its root) holds
	 * this generator's site; *config is its configuration file there. */
	int (*detect)(struct book *b, const char *dir, char **config);
	/* Reads the configuration into s (s->dir and s->config are set). */
	void (*read)(struct book *b, struct site *s);
	/* The addresses a's page has on the site, from its file and front
	 * matter, into urls (site paths: "/a/b/"). */
	void (*urls)(const struct site *s, const struct article *a,
	    struct strlist *urls);
	/* The name the navigation gives a's page (the caller frees it), or
	 * NULL for its path in the content folder. */
	char *(*navkey)(const struct site *s, const struct article *a);
};

/* Finds the generator of the site in b's content folder (or in one of
 * its folders docs, src, site, website) and reads its configuration into
 * s.  A folder without one is a plain folder of pages.  Returns 0, or -1
 * after an error diagnostic. */
int site_detect(struct book *b, struct site *s);
void site_free(struct site *s);

/* The addresses a has, by s's generator. */
void site_urls(const struct site *s, const struct article *a,
    struct strlist *urls);

/* Reads the file rel of b's content folder as a tree, in the syntax its
 * name says (.toml, .yml/.yaml, .json, .js), or NULL with a warning. */
struct ydoc *site_read_tree(struct book *b, const char *rel);

/* For the generators' files. */
int site_index_name(const char *name);
/* A generator's detect(): the first of names (NULL-terminated) that
 * exists in dir sets *config (its path; the caller frees it).  Returns
 * whether one did. */
int site_find_config(struct book *b, const char *dir,
    const char *const *names, char **config);
void site_pretty_urls(const struct site *s, const struct article *a,
    struct strlist *urls);
void summary_read(struct book *b, struct site *s, const char *rel);
void nav_add(struct navitem *parent, const char *title, const char *ref);
struct navitem *nav_last(struct navitem *parent);
void nav_free(struct navitem *n);
/* A mapping's text field, or NULL (borrowed). */
const char *tree_text(const struct ynode *map, const char *key);

extern const struct generator gen_plain, gen_hugo, gen_zola, gen_jekyll,
    gen_mkdocs, gen_docusaurus, gen_gitbook, gen_mdbook, gen_obsidian,
    gen_wikijs;

#endif
