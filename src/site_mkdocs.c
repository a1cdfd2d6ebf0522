/* site_mkdocs.c: MkDocs (mkdocs.org), Material for MkDocs too.
 * mkdocs.yml names the pages' folder (docs_dir, docs/ by default), the
 * address (site_url), and the navigation (nav:, whose titles are the
 * pages' titles); with use_directory_urls (the default) a/b.md is at
 * /a/b/ and a/index.md or a/README.md at /a/, else at /a/b.html.  Links
 * between pages name their files, relative to the page's. */
#include <stdlib.h>
#include <string.h>

#include "input.h"
#include "site.h"
#include "tree.h"

static int
detect(struct book *b, const char *dir, char **config)
{
	static const char *const names[] = {"mkdocs.yml", "mkdocs.yaml", NULL};

	return site_find_config(b, dir, names, config);
}

/* nav: a list whose items are "path.md", {Title: path.md}, or
 * {Title: [items]}. */
static void
nav_read(struct navitem *parent, const struct ynode *list)
{
	for (size_t i = 0; list && list->kind == Y_SEQ && i < list->nkids; i++) {
		const struct ynode *it = list->kids[i];

		if (ystr(it)) {
			nav_add(parent, NULL, ystr(it));
		} else if (it->kind == Y_MAP && it->nkids >= 2) {
			const struct ynode *v = it->kids[1];
			nav_add(parent, ystr(it->kids[0]), ystr(v));
			if (v->kind == Y_SEQ)
				nav_read(nav_last(parent), v);
		}
	}
}

static void
read(struct book *b, struct site *s)
{
	const struct ynode *m, *theme;
	const char *docs;
	char *p;

	(void)b;
	s->doc = site_read_tree(b, s->config);
	m = s->doc ? ydoc_root(s->doc) : NULL;
	if (tree_text(m, "site_url"))
		s->base_url = xstrdup(tree_text(m, "site_url"));
	if (tree_text(m, "site_name"))
		s->title = xstrdup(tree_text(m, "site_name"));
	if (tree_text(m, "site_description"))
		s->description = xstrdup(tree_text(m, "site_description"));
	if (tree_text(m, "site_author"))
		s->author = xstrdup(tree_text(m, "site_author"));
	theme = ymap_get(m, "theme");
	if (tree_text(theme, "language"))
		s->language = xstrdup(tree_text(theme, "language"));
	docs = tree_text(m, "docs_dir") ? tree_text(m, "docs_dir") : "docs";
	p = path_join(s->dir, docs);
	strlist_add(&s->content, p);
	strlist_add(&s->statics, p);
	free(p);
	s->style = tree_text(m, "use_directory_urls") &&
	    strcmp(tree_text(m, "use_directory_urls"), "false") == 0 ?
	    URL_HTML : URL_PATH;
	nav_read(&s->nav, ymap_get(m, "nav"));
	s->nav_is_order = s->nav.nkids > 0;
}

const struct generator gen_mkdocs = {"MkDocs", detect, read,
    site_pretty_urls, NULL};
