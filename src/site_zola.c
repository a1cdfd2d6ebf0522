/* site_zola.c: Zola (getzola.org).  config.toml says base_url (Hugo's
 * says baseURL); pages are in content/, addressed by their path in pretty
 * form; a date before the name ("2024-01-02-name.md") is not part of it;
 * path replaces the address and slug the name.  Links to pages are
 * written "@/section/page.md", from the content folder. */
#include <stdlib.h>
#include <string.h>

#include "input.h"
#include "site.h"
#include "tree.h"

static int
detect(struct book *b, const char *dir, char **config)
{
	char *rel = path_join(dir, "config.toml");
	struct ydoc *d = input_exists(b->in, rel) ? site_read_tree(b, rel) : NULL;
	int yes = d != NULL && ymap_get(ydoc_root(d), "base_url") != NULL;

	ydoc_free(d);
	if (yes)
		*config = rel;
	else
		free(rel);
	return yes;
}

static void
read(struct book *b, struct site *s)
{
	const struct ynode *m, *langs;
	char *content;

	s->doc = site_read_tree(b, s->config);
	m = s->doc ? ydoc_root(s->doc) : NULL;
	if (tree_text(m, "base_url"))
		s->base_url = xstrdup(tree_text(m, "base_url"));
	if (tree_text(m, "title"))
		s->title = xstrdup(tree_text(m, "title"));
	if (tree_text(m, "description"))
		s->description = xstrdup(tree_text(m, "description"));
	s->language = xstrdup(tree_text(m, "default_language") ?
	    tree_text(m, "default_language") : "en");
	langs = ymap_get(m, "languages");
	for (size_t i = 0; langs && langs->kind == Y_MAP && i + 1 < langs->nkids;
	    i += 2)
		if (strcmp(langs->kids[i]->str, s->language) != 0)
			strlist_add(&s->languages, langs->kids[i]->str);
	if (tree_text(ymap_get(m, "extra"), "author"))
		s->author = xstrdup(tree_text(ymap_get(m, "extra"), "author"));
	content = path_join(s->dir, "content");
	strlist_add(&s->content, content);
	free(content);
	content = path_join(s->dir, "static");
	strlist_add(&s->statics, content);
	free(content);
}

static void
urls(const struct site *s, const struct article *a, struct strlist *out)
{
	/* "2024-01-02-name.md" and "2024-01-02_name.md": the date goes */
	const char *base = path_base(a->path);

	if (a->fmslug == NULL && strlen(base) > 11 && base[4] == '-' &&
	    base[7] == '-' && (base[10] == '-' || base[10] == '_')) {
		struct article copy = *a;
		copy.fmslug = xstrndup(base + 11, strcspn(base + 11, "."));
		site_pretty_urls(s, &copy, out);
		free(copy.fmslug);
		return;
	}
	site_pretty_urls(s, a, out);
}

const struct generator gen_zola = {"Zola", detect, read, urls, NULL};
