/* site_jekyll.c: Jekyll (jekyllrb.com).  _config.yml is in the site's
 * folder, whose pages are its files with front matter, outside the folders
 * starting with "_" but _posts and the collections that are output; url
 * and baseurl make the address.  Pages are at /:path/:basename.html,
 * posts at the permalink pattern (/:categories/:year/:month/:day/:title
 * .html by default), collections at theirs (/:collection/:path.html); a
 * page's own permalink wins. */
#include <stdlib.h>
#include <string.h>

#include "input.h"
#include "site.h"
#include "text.h"
#include "tree.h"

static int
detect(struct book *b, const char *dir, char **config)
{
	static const char *const names[] = {"_config.yml", "_config.yaml",
	    "_config.toml", NULL};

	return site_find_config(b, dir, names, config);
}

static void
read(struct book *b, struct site *s)
{
	const struct ynode *m, *cols, *ex;
	const char *url, *base;
	char *p;

	s->doc = site_read_tree(b, s->config);
	m = s->doc ? ydoc_root(s->doc) : NULL;
	url = tree_text(m, "url");
	base = tree_text(m, "baseurl");
	if (url != NULL)
		s->base_url = xasprintf("%s%s", url, base ? base : "");
	if (tree_text(m, "title"))
		s->title = xstrdup(tree_text(m, "title"));
	if (tree_text(m, "description"))
		s->description = xstrdup(tree_text(m, "description"));
	if (tree_text(m, "author"))
		s->author = xstrdup(tree_text(m, "author"));
	else if (tree_text(ymap_get(m, "author"), "name"))
		s->author = xstrdup(tree_text(ymap_get(m, "author"), "name"));
	if (tree_text(m, "lang"))
		s->language = xstrdup(tree_text(m, "lang"));
	s->style = URL_HTML;
	s->need_fm = 1;
	s->html_pages = 1;
	strlist_add(&s->content, s->dir);
	p = path_join(s->dir, "_posts");
	strlist_add(&s->content, p);
	free(p);
	cols = ymap_get(m, "collections");
	for (size_t i = 0; cols && cols->kind == Y_MAP && i + 1 < cols->nkids;
	    i += 2) {
		const char *out = tree_text(cols->kids[i + 1], "output");
		char *name = xasprintf("_%s", cols->kids[i]->str);
		if (out != NULL && strcmp(out, "true") == 0) {
			p = path_join(s->dir, name);
			strlist_add(&s->content, p);
			free(p);
		}
		free(name);
	}
	for (size_t i = 0; cols && cols->kind == Y_SEQ && i < cols->nkids; i++) {
		if (ystr(cols->kids[i]) == NULL)
			continue;
		char *name = xasprintf("_%s", ystr(cols->kids[i]));
		p = path_join(s->dir, name);
		strlist_add(&s->content, p);
		free(p);
		free(name);
	}
	/* the site's folder is a content folder: its files are static too */
	strlist_add(&s->statics, s->dir);
	ex = ymap_get(m, "exclude");
	for (size_t i = 0; ex && ex->kind == Y_SEQ && i < ex->nkids; i++)
		if (ystr(ex->kids[i]))
			strlist_add(&s->skip, ystr(ex->kids[i]));
	strlist_add(&s->skip, "vendor");
	strlist_add(&s->skip, "node_modules");
	strlist_add(&s->skip, "README.md");
}

/* The collection (without "_") a page is in, or NULL for a plain page. */
static const char *
collection(const struct article *a)
{
	const char *w = a->where ? path_base(a->where) : "";

	return w[0] == '_' ? w + 1 : NULL;
}

/* A permalink pattern filled for a, or NULL when it is a style name
 * Jekyll knows ("pretty", "date"...) to be expanded first. */
static char *
fill(const char *pattern, const struct article *a, const char *col)
{
	static const struct {
		const char *name, *pattern;
	} styles[] = {
		{"date", "/:categories/:year/:month/:day/:title:output_ext"},
		{"pretty", "/:categories/:year/:month/:day/:title/"},
		{"ordinal", "/:categories/:year/:y_day/:title:output_ext"},
		{"none", "/:categories/:title:output_ext"},
	};
	struct buf b = {0};
	char *stem = file_stem(a->path), *dir = path_dir(a->path);
	const char *slug = a->fmslug ? a->fmslug : stem;

	for (size_t i = 0; i < sizeof(styles) / sizeof(*styles); i++)
		if (strcmp(pattern, styles[i].name) == 0)
			pattern = styles[i].pattern;
	buf_add(&b, "", 0);
	for (const char *p = pattern; *p;) {
		if (*p != ':') {
			buf_addc(&b, *p++);
			continue;
		}
		p++;
		if (str_starts(p, "categories")) {
			for (size_t i = 0; i < a->categories.n; i++) {
				char *c = slugify(a->categories.v[i]);
				if (i)
					buf_addc(&b, '/');
				buf_adds(&b, c);
				free(c);
			}
			p += 10;
		} else if (str_starts(p, "collection")) {
			buf_adds(&b, col ? col : ""), p += 10;
		} else if (str_starts(p, "path")) {
			buf_adds(&b, dir), buf_adds(&b, dir[0] ? "/" : ""),
			    buf_adds(&b, stem), p += 4;
		} else if (str_starts(p, "basename")) {
			buf_adds(&b, stem), p += 8;
		} else if (str_starts(p, "name")) {
			buf_adds(&b, stem), p += 4;
		} else if (str_starts(p, "output_ext")) {
			buf_adds(&b, ".html"), p += 10;
		} else if (str_starts(p, "title") || str_starts(p, "slug")) {
			buf_adds(&b, slug), p += p[0] == 't' ? 5 : 4;
		} else if (str_starts(p, "year") && a->date) {
			buf_add(&b, a->date, 4), p += 4;
		} else if (str_starts(p, "month") && a->date) {
			buf_add(&b, a->date + 5, 2), p += 5;
		} else if (str_starts(p, "day") && a->date) {
			buf_add(&b, a->date + 8, 2), p += 3;
		} else {
			while (*p >= 'a' && *p <= 'z')
				p++;
		}
	}
	free(stem);
	free(dir);
	/* empty parts (no categories) leave doubled slashes */
	for (char *c = b.data; (c = strstr(c, "//")) != NULL;)
		memmove(c, c + 1, strlen(c));
	return buf_steal(&b);
}

static void
urls(const struct site *s, const struct article *a, struct strlist *out)
{
	const struct ynode *m = s->doc ? ydoc_root(s->doc) : NULL;
	const char *col = collection(a);
	const char *pattern = NULL;

	if (col != NULL && strcmp(col, "posts") == 0)
		pattern = tree_text(m, "permalink") ? tree_text(m, "permalink") :
		    "date";
	else if (col != NULL)
		pattern = tree_text(ymap_get(ymap_get(m, "collections"), col),
		    "permalink") ? tree_text(ymap_get(ymap_get(m, "collections"),
		    col), "permalink") : "/:collection/:path:output_ext";
	else if (tree_text(m, "permalink") &&
	    strcmp(tree_text(m, "permalink"), "pretty") == 0)
		pattern = "/:path/";
	if (a->permalink == NULL && pattern != NULL) {
		char *u = fill(pattern, a, col);
		strlist_add(out, u);
		free(u);
	}
	site_pretty_urls(s, a, out);
}

const struct generator gen_jekyll = {"Jekyll", detect, read, urls, NULL};
