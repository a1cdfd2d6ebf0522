/* meta.c: the reading stage: articles, their titles, and the categories'
 * _index.md files. */
#include "meta.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "diag.h"
#include "frontmatter.h"
#include "input.h"
#include "markdown.h"
#include "text.h"
#include "threads.h"
#include "yaml.h"

/* One article from its text: a new article, or NULL when it is skipped
 * (a draft).  Touches nothing shared but the diagnostics, so the threads
 * of articles_load() run it side by side. */
static struct article *
article_parse(const struct book *b, const char *path, const char *text,
    size_t len)
{
	char *full = book_src(b, path);
	const char *body, *published;
	struct ydoc *doc;
	struct fields f = {NULL, b->cfg.fields, full, 2};
	struct article *a;
	int body_line;

	if (frontmatter_parse(full, text, len, &doc, &body, &body_line) < 0) {
		free(full);
		return NULL;
	}
	f.map = doc ? ydoc_root(doc) : NULL;
	published = ystr(field_node(&f, "published"));
	if (field_bool(&f, "draft") || (published != NULL &&
	    strcmp(published, "false") == 0)) {
		ydoc_free(doc);
		free(full);
		return NULL;
	}
	a = xcalloc(1, sizeof(*a));
	a->path = xstrdup(path);
	a->src = full;
	a->title = field_text(&f, "title");
	a->description = field_text(&f, "description");
	a->category = field_text(&f, "category");
	a->date = field_date(&f, "date");
	a->updated = field_date(&f, "updated");
	a->slug = field_text(&f, "slug");
	a->image = field_text(&f, "image");
	a->image_alt = field_text(&f, "image_alt");
	a->lang = field_text(&f, "lang");
	field_list(&f, "author", &a->authors);
	field_list(&f, "authors", &a->authors);
	field_list(&f, "tags", &a->tags);
	field_list(&f, "related", &a->related);
	field_list(&f, "aliases", &a->aliases);
	a->has_weight = field_long(&f, "weight", &a->weight);
	a->body_line = body_line;
	a->body_len = len - (size_t)(body - text);
	a->body = xstrndup(body, a->body_len);
	if (a->slug == NULL) {
		/* page bundles: folder/index.md is the page "folder" */
		char *stem = file_stem(path);
		if (strcmp(stem, "index") == 0 && strchr(path, '/') != NULL) {
			char *dir = path_dir(path);
			free(stem);
			stem = xstrdup(path_base(dir));
			free(dir);
		}
		a->slug = stem;
	}
	if (a->title == NULL &&
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
	struct article *a = article_parse(b, path, text, len);

	if (a == NULL)
		return 0;
	book_append_article(b, a);
	return 1;
}

/* Reads and parses one article; NULL when skipped. */
static struct article *
article_read(const struct book *b, const char *path)
{
	char *full = book_src(b, path), *file = book_file(b, path), *text;
	struct article *a = NULL;
	size_t len;

	if ((text = text_read(b->in, file, full, INPUT_MAX_ARTICLE,
	    &len)) != NULL)
		a = article_parse(b, path, text, len);
	free(text);
	free(file);
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

/* Reads _index.md at path into c. */
static void
index_read(const struct book *b, struct category *c, const char *path)
{
	char *full = book_src(b, path), *file = book_file(b, path), *text, *w;
	const char *body;
	size_t len;
	struct ydoc *doc;
	struct fields f = {NULL, b->cfg.fields, full, 2};
	int body_line;

	text = text_read(b->in, file, full, INPUT_MAX_ARTICLE, &len);
	free(file);
	if (text == NULL) {
		free(full);
		return;
	}
	if (frontmatter_parse(full, text, len, &doc, &body, &body_line) < 0) {
		free(text);
		free(full);
		return;
	}
	f.map = doc ? ydoc_root(doc) : NULL;
	if ((w = field_text(&f, "title")) != NULL) {
		free(c->title);
		c->title = w;
	}
	free(c->description);
	c->description = field_text(&f, "description");
	if (field_long(&f, "weight", &c->weight))
		c->has_weight = 1;
	while (*body == '\n' || *body == '\r')
		body++;
	free(c->index);
	free(c->src);
	c->index = xstrdup(path);
	c->src = full;
	if (*body) {
		free(c->intro);
		c->intro = xstrdup(body);
		c->intro_line = body_line;
	}
	ydoc_free(doc);
	free(text);
}

void
categories_load(struct book *b, const struct strlist *indexes)
{
	for (size_t i = 0; i < indexes->n; i++) {
		char *dir = path_dir(indexes->v[i]);
		char *key = slugify(dir), *title = readable_name(dir);

		index_read(b, book_category(b, key[0] ? key : BOOK_DEFAULT_CATEGORY,
		    title), indexes->v[i]);
		free(key);
		free(title);
		free(dir);
	}
}
