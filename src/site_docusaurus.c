/* site_docusaurus.c: Docusaurus (docusaurus.io).  docusaurus.config.js is
 * read for its literal fields only (jslit.c): url and baseUrl, title, the
 * i18n locales, and the classic preset's docs (path, routeBasePath) and
 * blog.  A doc's id is its path without extension and number prefixes
 * ("01-intro" is "intro"), its own id replacing the last part; it is
 * served at routeBasePath and the id, or at its slug.  sidebars.js (its
 * first sidebar) is the navigation, its labels the titles. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "input.h"
#include "site.h"
#include "text.h"
#include "tree.h"

static const char *const configs[] = {"docusaurus.config.js",
    "docusaurus.config.ts", "docusaurus.config.mjs", "docusaurus.config.cjs",
    NULL};

static int
detect(struct book *b, const char *dir, char **config)
{
	return site_find_config(b, dir, configs, config);
}

/* The classic preset's options for key ("docs", "blog"). */
static const struct ynode *
preset(const struct ynode *m, const char *key)
{
	const struct ynode *ps = ymap_get(m, "presets");

	for (size_t i = 0; ps && ps->kind == Y_SEQ && i < ps->nkids; i++) {
		const struct ynode *p = ps->kids[i];
		if (p->kind == Y_SEQ && p->nkids >= 2 && ystr(p->kids[0]) &&
		    strstr(ystr(p->kids[0]), "classic") != NULL)
			return ymap_get(p->kids[1], key);
	}
	return NULL;
}

/* A sidebar's items: "id", {type: doc, id, label}, {type: category,
 * label, items, link: {type: doc, id}}, {type: link, href, label}. */
static void
sidebar_read(struct navitem *parent, const struct ynode *items)
{
	for (size_t i = 0; items && items->kind == Y_SEQ && i < items->nkids;
	    i++) {
		const struct ynode *it = items->kids[i];
		const char *type = tree_text(it, "type");

		if (ystr(it)) {
			nav_add(parent, NULL, ystr(it));
		} else if (type && (strcmp(type, "doc") == 0 ||
		    strcmp(type, "ref") == 0)) {
			nav_add(parent, tree_text(it, "label"), tree_text(it, "id"));
		} else if (type && strcmp(type, "category") == 0) {
			const struct ynode *link = ymap_get(it, "link");
			nav_add(parent, tree_text(it, "label"),
			    tree_text(link, "type") && strcmp(tree_text(link,
			    "type"), "doc") == 0 ? tree_text(link, "id") : NULL);
			sidebar_read(nav_last(parent), ymap_get(it, "items"));
		} else if (it->kind == Y_MAP && type == NULL && it->nkids >= 2 &&
		    it->kids[1]->kind == Y_SEQ) {
			/* the short form: {"Label": [items]} */
			nav_add(parent, ystr(it->kids[0]), NULL);
			sidebar_read(nav_last(parent), it->kids[1]);
		}
	}
}

/* A section for sidebar id in nav, named as the navbar names it
 * (themeConfig.navbar.items: {type: docSidebar, sidebarId, label}), else
 * by the id ("knowledgeSidebar" is "Knowledge"). */
static void
sidebar_label(const struct ynode *config, const char *id,
    struct navitem *nav)
{
	const struct ynode *items = ymap_get(ymap_get(ymap_get(config,
	    "themeConfig"), "navbar"), "items");
	char *name;
	size_t n;

	for (size_t i = 0; id && items && items->kind == Y_SEQ &&
	    i < items->nkids; i++) {
		const char *sid = tree_text(items->kids[i], "sidebarId");
		if (sid && strcmp(sid, id) == 0 &&
		    tree_text(items->kids[i], "label")) {
			nav_add(nav, tree_text(items->kids[i], "label"), NULL);
			return;
		}
	}
	name = xstrdup(id ? id : "Docs");
	n = strlen(name);
	if (n > 7 && strcmp(name + n - 7, "Sidebar") == 0)
		name[n - 7] = '\0';
	name[0] = (char)toupper((unsigned char)name[0]);
	nav_add(nav, name, NULL);
	free(name);
}

static void
read(struct book *b, struct site *s)
{
	const struct ynode *m, *docs, *i18n, *locales;
	const char *url, *base, *path, *route;
	struct ydoc *sidebars;
	char *p;

	s->doc = site_read_tree(b, s->config);
	m = s->doc ? ydoc_root(s->doc) : NULL;
	url = tree_text(m, "url");
	base = tree_text(m, "baseUrl");
	if (url != NULL)
		s->base_url = xasprintf("%s%s", url, base && strcmp(base, "/") ?
		    base : "");
	if (tree_text(m, "title"))
		s->title = xstrdup(tree_text(m, "title"));
	if (tree_text(m, "tagline"))
		s->description = xstrdup(tree_text(m, "tagline"));
	i18n = ymap_get(m, "i18n");
	s->language = xstrdup(tree_text(i18n, "defaultLocale") ?
	    tree_text(i18n, "defaultLocale") : "en");
	locales = ymap_get(i18n, "locales");
	for (size_t i = 0; locales && locales->kind == Y_SEQ &&
	    i < locales->nkids; i++)
		if (ystr(locales->kids[i]) && strcmp(ystr(locales->kids[i]),
		    s->language) != 0)
			strlist_add(&s->languages, ystr(locales->kids[i]));
	docs = preset(m, "docs");
	path = tree_text(docs, "path") ? tree_text(docs, "path") : "docs";
	route = tree_text(docs, "routeBasePath");
	if (route == NULL)
		route = "docs";
	while (*route == '/')
		route++;
	s->route = route[0] ? xasprintf("/%s", route) : xstrdup("");
	{
		/* the newest released version, when the site has versions */
		char *vs = path_join(s->dir, "versions.json");
		struct ydoc *v = input_exists(b->in, vs) ? site_read_tree(b, vs) :
		    NULL;
		const struct ynode *first = v && ydoc_root(v) &&
		    ydoc_root(v)->kind == Y_SEQ && ydoc_root(v)->nkids ?
		    ydoc_root(v)->kids[0] : NULL;
		if (ystr(first) != NULL) {
			char *d = xasprintf("versioned_docs/version-%s", ystr(first));
			p = path_join(s->dir, d);
			free(d);
		} else {
			p = path_join(s->dir, path);
		}
		ydoc_free(v);
		free(vs);
	}
	strlist_add(&s->content, p);
	free(p);
	p = path_join(s->dir, "static");
	strlist_add(&s->statics, p);
	free(p);
	strlist_add(&s->skip, "node_modules");
	strlist_add(&s->skip, "build");
	s->numbers = 1;
	/* the sidebars, from sidebars.js (or .ts, .json): the first is the
	 * book's top, each other one (a navbar item of its own) a section */
	for (const char *name = "sidebars.js\0sidebars.ts\0sidebars.json\0";
	    *name && s->nav.nkids == 0; name += strlen(name) + 1) {
		char *rel = path_join(s->dir, name);
		sidebars = input_exists(b->in, rel) ? site_read_tree(b, rel) : NULL;
		const struct ynode *sb = sidebars ? ydoc_root(sidebars) : NULL;
		for (size_t k = 0; sb != NULL && sb->kind == Y_MAP &&
		    k + 1 < sb->nkids; k += 2) {
			if (k == 0) {
				sidebar_read(&s->nav, sb->kids[1]);
				continue;
			}
			sidebar_label(m, ystr(sb->kids[k]), &s->nav);
			sidebar_read(nav_last(&s->nav), sb->kids[k + 1]);
		}
		ydoc_free(sidebars);
		free(rel);
	}
	s->nav_is_order = s->nav.nkids > 0;
}

/* path without number prefixes ("01-intro/02_setup.md" ->
 * "intro/setup.md"). */
static char *
unnumbered(const char *path)
{
	struct buf b = {0};

	buf_add(&b, "", 0);
	for (const char *p = path; *p;) {
		const char *s = p;
		size_t n = strcspn(p, "/");
		while (s < p + n && isdigit((unsigned char)*s))
			s++;
		if (s > p && s < p + n - 1 && (*s == '-' || *s == '_' || *s == '.')
		    && s[1] != '/')
			s++;
		else
			s = p;
		buf_add(&b, s, (size_t)(p + n - s));
		p += n;
		if (*p == '/')
			buf_addc(&b, *p++);
	}
	return buf_steal(&b);
}

/* A doc's id: its path without extension and numbers, its own id in
 * place of the name.  The caller frees it. */
char *docusaurus_id(const struct article *a);

char *
docusaurus_id(const struct article *a)
{
	char *u = unnumbered(a->path), *dir = path_dir(u), *id;
	const char *base = path_base(u), *dot = strrchr(base, '.');
	char *name = xstrndup(base, dot ? (size_t)(dot - base) : strlen(base));

	id = a->docid ? path_join(dir, a->docid) : path_join(dir, name);
	free(name);
	free(dir);
	free(u);
	return id;
}

static void
urls(const struct site *s, const struct article *a, struct strlist *out)
{
	char *id = docusaurus_id(a), *dir = path_dir(id), *u;
	const char *name = path_base(id), *route = s->route ? s->route : "";

	const char *slug = a->permalink ? a->permalink : a->fmslug;

	if (slug != NULL) {
		/* slug: from the route when absolute, else from the folder */
		u = slug[0] == '/' ? xasprintf("%s%s", route, slug) :
		    xasprintf("%s/%s%s%s", route, dir, dir[0] ? "/" : "", slug);
	} else if (site_index_name(name) || (dir[0] &&
	    strcmp(name, path_base(dir)) == 0)) {
		/* index, README, and a/a.md are the folder's page */
		u = xasprintf("%s/%s", route, dir);
	} else {
		u = xasprintf("%s/%s", route, id);
	}
	strlist_add(out, u[0] ? u : "/");
	free(u);
	free(dir);
	free(id);
}

static char *
navkey(const struct site *s, const struct article *a)
{
	(void)s;
	return docusaurus_id(a);
}

const struct generator gen_docusaurus = {"Docusaurus", detect, read, urls,
    navkey};
