/* meta.c: the reading stage: articles, their titles, and the categories'
 * _index.md files. */
#include "meta.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "diag.h"
#include "frontmatter.h"
#include "input.h"
#include "markdown.h"
#include "scan.h"
#include "site.h"
#include "text.h"
#include "threads.h"
#include "yaml.h"

/* The language a file's name gives ("about.fr.md" -> "fr") when the site
 * is in that language, or NULL. */
static char *
name_lang(const struct site *s, const char *path)
{
	const char *base = path_base(path), *dot = strrchr(base, '.'), *p;
	char *code;

	if (s == NULL || dot == NULL || dot == base)
		return NULL;
	for (p = dot - 1; p > base && *p != '.'; p--)
		;
	if (*p != '.')
		return NULL;
	code = xstrndup(p + 1, (size_t)(dot - p - 1));
	if (strlist_has(&s->languages, code) || (s->language &&
	    strcmp(code, s->language) == 0))
		return code;
	free(code);
	return NULL;
}

/* Whether the site makes no page of this file that belongs in a book:
 * "permalink: false" (Eleventy's and Metalsmith's "write no page"), or
 * the site's error page ("404.md", "_pages/503.html"): at the top of its
 * content folder or of a Jekyll collection, named for an HTTP error. */
static int
no_page(const struct fields *f, const char *path)
{
	const char *permalink = ystr(field_node(f, "permalink"));
	const char *name = path_base(path);
	char *dir = path_dir(path);
	int top = dir[0] == '\0' || path_base(dir)[0] == '_';

	free(dir);
	if (permalink != NULL && strcmp(permalink, "false") == 0)
		return 1;
	return top && (name[0] == '4' || name[0] == '5') &&
	    isdigit((unsigned char)name[1]) && isdigit((unsigned char)name[2]) &&
	    name[3] == '.';
}

/* The front matter's values the body names as {{ page.NAME }} (Liquid's
 * page variables, which Jekyll fills before the Markdown is read): kept
 * for generator.c, plain values only. */
static void
page_vars(struct article *a, const struct ynode *map)
{
	const char *p = a->body, *end = a->body + a->body_len, *q;

	/* no output tag, no variable: one memchr() pass */
	for (q = p; (q = memchr(q, '{', (size_t)(end - q))) != NULL &&
	    (q + 1 >= end || q[1] != '{'); q++)
		;
	if (q == NULL)
		return;
	while (map != NULL && (p = strstr(p, "page.")) != NULL) {
		const char *s = p + 5, *e = s;
		char *name;
		const char *v;

		while (isalnum((unsigned char)*e) || *e == '_' || *e == '-')
			e++;
		p = e;
		name = xstrndup(s, (size_t)(e - s));
		v = ystr(ymap_get(map, name));
		if (v != NULL && article_var(a, name) == NULL) {
			char *entry = xasprintf("%s\t%s", name, v);
			strlist_add(&a->vars, entry);
			free(entry);
		}
		free(name);
	}
}

/* One article from its text: a new article, or NULL when it is skipped
 * (a draft, or a file the generator would not make a page of).  Touches
 * nothing shared but the diagnostics, so the threads of articles_load()
 * run it side by side. */
static struct article *
article_parse(const struct book *b, const char *where, const char *path,
    const char *text, size_t len)
{
	char *rel = path_join(where, path), *full = book_src(b, rel);
	const char *body, *published;
	struct ydoc *doc;
	struct fields f = {NULL, b->cfg.fields, full, 2};
	struct article *a;
	int body_line, html = str_ends(path, ".html") || str_ends(path, ".htm");

	free(rel);
	if (frontmatter_parse(full, text, len, &doc, &body, &body_line) < 0) {
		free(full);
		return NULL;
	}
	/* an .html file, or any file of a Jekyll site, without front matter
	 * is a static file, not a page */
	if (doc == NULL && (html || (b->site && b->site->need_fm))) {
		free(full);
		return NULL;
	}
	f.map = doc ? ydoc_root(doc) : NULL;
	published = ystr(field_node(&f, "published"));
	if (field_bool(&f, "draft") || (published != NULL &&
	    strcmp(published, "false") == 0) || no_page(&f, path)) {
		ydoc_free(doc);
		free(full);
		return NULL;
	}
	a = xcalloc(1, sizeof(*a));
	a->where = xstrdup(where);
	a->path = xstrdup(path);
	a->src = full;
	a->html = html;
	a->title = field_text(&f, "title");
	a->description = field_text(&f, "description");
	a->category = field_text(&f, "category");
	a->date = field_date(&f, "date");
	a->updated = field_date(&f, "updated");
	a->fmslug = field_text(&f, "slug");
	/* a slug with a "/" is an address (Docusaurus), not a name */
	a->slug = a->fmslug && !strchr(a->fmslug, '/') ? xstrdup(a->fmslug) :
	    NULL;
	a->permalink = field_text(&f, "permalink");
	if (a->permalink == NULL)
		a->permalink = field_text(&f, "url");
	if (a->permalink == NULL && b->site && b->site->gen == &gen_zola)
		a->permalink = field_text(&f, "path");
	if (b->site && b->site->gen == &gen_docusaurus)
		a->docid = field_text(&f, "id");
	a->image = field_text(&f, "image");
	a->image_alt = field_text(&f, "image_alt");
	a->lang = field_text(&f, "lang");
	if (a->lang == NULL)
		a->lang = name_lang(b->site, path);
	field_list(&f, "author", &a->authors);
	field_list(&f, "authors", &a->authors);
	field_list(&f, "tags", &a->tags);
	field_list(&f, "related", &a->related);
	field_list(&f, "aliases", &a->aliases);
	field_list(&f, "categories", &a->categories);
	a->has_weight = field_long(&f, "weight", &a->weight);
	if (!a->has_weight)
		a->has_weight = field_long(&f, "sidebar_position", &a->weight) ||
		    field_long(&f, "nav_order", &a->weight);
	a->body_line = body_line;
	a->body_len = len - (size_t)(body - text);
	a->body = xstrndup(body, a->body_len);
	page_vars(a, f.map);
	if (a->slug == NULL) {
		/* page bundles: folder/index.md is the page "folder" */
		char *stem = file_stem(path);
		if (site_index_name(path_base(path)) && strchr(path, '/') != NULL) {
			char *dir = path_dir(path);
			free(stem);
			stem = xstrdup(path_base(dir));
			free(dir);
		}
		a->slug = stem;
	}
	if (a->title == NULL && b->site && b->site->name_is_title) {
		/* a vault's note is titled by its name */
		const char *base = path_base(path), *dot = strrchr(base, '.');
		a->title = xstrndup(base, dot ? (size_t)(dot - base) :
		    strlen(base));
	}
	if (a->title == NULL && !a->html &&
	    (a->title = markdown_first_h1(a->body, a->body_len)) != NULL)
		a->title_from_body = 1;
	if (a->title == NULL)
		a->title = readable_name(a->slug);
	ydoc_free(doc);
	return a;
}

int
article_from_text(struct book *b, const char *path, const char *text,
    size_t len)
{
	struct article *a = article_parse(b, "", path, text, len);

	if (a == NULL)
		return 0;
	book_append_article(b, a);
	return 1;
}

/* Reads and parses one article (rel, in the book's folder); NULL when
 * skipped. */
static struct article *
article_read(const struct book *b, const char *rel)
{
	char *full = book_src(b, rel), *text;
	const char *where = b->site ? scan_content_of(b->site, rel) : "";
	struct article *a = NULL;
	size_t len;

	if (where == NULL)
		where = "";
	if ((text = text_read(b->in, rel, full, INPUT_MAX_ARTICLE,
	    &len)) != NULL)
		a = article_parse(b, where, rel + strlen(where) +
		    (where[0] && rel[strlen(where)] == '/'), text, len);
	free(text);
	free(full);
	return a;
}

struct reading {
	const struct book *b;
	const struct strlist *paths;
	struct article **got;    /* one per path, NULL if skipped */
};

static void
reader(void *arg, size_t i, int worker)
{
	struct reading *r = arg;

	(void)worker;
	r->got[i] = article_read(r->b, r->paths->v[i]);
}

void
articles_load(struct book *b, const struct strlist *paths, int jobs)
{
	struct reading r = {b, paths, NULL};

	md_init();
	r.got = xcalloc(paths->n + 1, sizeof(*r.got));
	threads_each(jobs, paths->n, reader, &r);
	for (size_t i = 0; i < paths->n; i++)
		if (r.got[i] != NULL)
			book_append_article(b, r.got[i]);
	free(r.got);
}

void
articles_address(struct book *b)
{
	for (size_t i = 0; i < b->narts; i++)
		site_urls(b->site, b->arts[i], &b->arts[i]->urls);
}

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
lang_is(const char *tag, const char *lang)
{
	size_t len = strlen(lang);

	return strncasecmp(tag, lang, len) == 0 && (tag[len] == '\0' ||
	    tag[len] == '-');
}

void
articles_choose_language(struct book *b, const char *asked)
{
	const char *lang = asked ? asked : b->cfg.language;
	struct strmap *seen = strmap_new();
	struct strlist others = {0};
	size_t mine = 0;

	/* the languages the pages are in, in reading order of the files */
	for (size_t i = 0; i < b->narts; i++) {
		const char *l = b->arts[i]->lang;
		if (l == NULL || lang_is(l, lang)) {
			mine++;
		} else if (strmap_get(seen, l) == NULL) {
			strmap_put(seen, l, (void *)1);
			strlist_add(&others, l);
		}
	}
	/* a site all in a language not its own: that is the book's */
	if (others.n > 0 && (mine > 0 || asked != NULL)) {
		struct buf list = {0};
		articles_keep_language(b, lang);
		qsort(others.v, others.n, sizeof(*others.v), str_cmp);
		for (size_t i = 0; i < others.n; i++) {
			if (i > 0)
				buf_adds(&list, ", ");
			buf_adds(&list, others.v[i]);
		}
		note_at(b->root, 0, "the site is also in %s: this book is in %s "
		    "(export another with --lang %s)", list.data, lang,
		    others.v[0]);
		buf_free(&list);
	}
	strlist_free(&others);
	strmap_free(seen);
}

void
articles_keep_language(struct book *b, const char *lang)
{
	size_t n = 0, len = strlen(lang);

	for (size_t i = 0; i < b->narts; i++) {
		struct article *a = b->arts[i];
		if (a->lang == NULL || (strncasecmp(a->lang, lang, len) == 0 &&
		    (a->lang[len] == '\0' || a->lang[len] == '-')))
			b->arts[n++] = a;
		else
			article_free(a);
	}
	b->narts = n;
}
