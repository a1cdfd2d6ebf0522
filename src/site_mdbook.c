/* site_mdbook.c: mdBook (rust-lang.github.io/mdBook).  book.toml names
 * the title, authors, language and the source folder (src/), whose
 * SUMMARY.md is the navigation; a/b.md is served at /a/b.html, README.md
 * as its folder's index. */
#include <stdlib.h>
#include <string.h>

#include "input.h"
#include "site.h"
#include "tree.h"

static int
detect(struct book *b, const char *dir, char **config)
{
	char *rel = path_join(dir, "book.toml");

	if (input_exists(b->in, rel)) {
		*config = rel;
		return 1;
	}
	free(rel);
	return 0;
}

static void
read(struct book *b, struct site *s)
{
	const struct ynode *m, *bk, *authors;
	char *src, *rel;

	s->doc = site_read_tree(b, s->config);
	m = s->doc ? ydoc_root(s->doc) : NULL;
	bk = ymap_get(m, "book");
	if (tree_text(bk, "title"))
		s->title = xstrdup(tree_text(bk, "title"));
	if (tree_text(bk, "description"))
		s->description = xstrdup(tree_text(bk, "description"));
	if (tree_text(bk, "language"))
		s->language = xstrdup(tree_text(bk, "language"));
	authors = ymap_get(bk, "authors");
	if (authors && authors->kind == Y_SEQ && authors->nkids &&
	    ystr(authors->kids[0]))
		s->author = xstrdup(ystr(authors->kids[0]));
	if (tree_text(ymap_get(ymap_get(m, "output"), "html"), "site-url"))
		s->base_url = xstrdup(tree_text(ymap_get(ymap_get(m, "output"),
		    "html"), "site-url"));
	src = path_join(s->dir, tree_text(bk, "src") ? tree_text(bk, "src") :
	    "src");
	strlist_add(&s->content, src);
	strlist_add(&s->statics, src);
	rel = path_join(src, "SUMMARY.md");
	summary_read(b, s, rel);
	free(rel);
	free(src);
	s->style = URL_HTML;
	s->nav_is_order = s->nav.nkids > 0;
	strlist_add(&s->skip, "SUMMARY.md");
}

const struct generator gen_mdbook = {"mdBook", detect, read,
    site_pretty_urls, NULL};
