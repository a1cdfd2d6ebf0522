/* book.c: creating and releasing the model. */
#include "book.h"

#include <stdlib.h>
#include <string.h>

#include "input.h"
#include "yaml.h"

struct book *
book_new(const char *root)
{
	struct book *b = xcalloc(1, sizeof(*b));

	b->root = xstrdup(root);
	b->in = input_new(root);
	return b;
}

struct article *
book_add_article(struct book *b)
{
	return book_append_article(b, xcalloc(1, sizeof(struct article)));
}

struct article *
book_append_article(struct book *b, struct article *a)
{
	if (b->narts == b->capart) {
		b->capart = b->capart ? b->capart * 2 : 64;
		b->arts = xrealloc(b->arts, b->capart * sizeof(*b->arts));
	}
	return b->arts[b->narts++] = a;
}

struct category *
book_category(struct book *b, const char *key, const char *title)
{
	struct category *c;

	for (size_t i = 0; i < b->ncats; i++)
		if (strcmp(b->cats[i]->key, key) == 0)
			return b->cats[i];
	c = xcalloc(1, sizeof(*c));
	c->key = xstrdup(key);
	c->title = xstrdup(title);
	b->cats = xrealloc(b->cats, (b->ncats + 1) * sizeof(*b->cats));
	b->cats[b->ncats++] = c;
	return c;
}

char *
book_file(const struct book *b, const char *rel)
{
	return path_join(b->cfg.pages ? b->cfg.pages : "", rel);
}

char *
book_src(const struct book *b, const char *rel)
{
	char *pages = path_join(b->root, b->cfg.pages ? b->cfg.pages : "");
	char *p = path_join(pages, rel);

	free(pages);
	return p;
}

void
article_free(struct article *a)
{
	free(a->path);
	free(a->src);
	free(a->title);
	free(a->description);
	free(a->category);
	free(a->date);
	free(a->updated);
	free(a->slug);
	free(a->image);
	free(a->image_alt);
	free(a->lang);
	strlist_free(&a->authors);
	strlist_free(&a->tags);
	strlist_free(&a->related);
	strlist_free(&a->aliases);
	free(a->body);
	free(a->file);
	for (size_t i = 0; i < a->nheads; i++) {
		free(a->heads[i].id);
		free(a->heads[i].text);
	}
	free(a->heads);
	strmap_free(a->ids);
	free(a);
}

void
category_free(struct category *c)
{
	free(c->key);
	free(c->title);
	free(c->description);
	free(c->index);
	free(c->src);
	free(c->intro);
	free(c->file);
	free(c->arts);
	free(c);
}

static void
config_release(struct config *c)
{
	free(c->title);
	free(c->subtitle);
	free(c->publisher);
	free(c->language);
	free(c->description);
	free(c->rights);
	free(c->date);
	free(c->identifier);
	free(c->base_url);
	free(c->disclaimer);
	free(c->src);
	strlist_free(&c->authors);
	strlist_free(&c->categories);
	strlist_free(&c->statics);
	free(c->pages);
	free(c->cover);
	ydoc_free(c->doc);
}

void
book_free(struct book *b)
{
	if (b == NULL)
		return;
	for (size_t i = 0; i < b->narts; i++)
		article_free(b->arts[i]);
	free(b->arts);
	for (size_t i = 0; i < b->ncats; i++)
		category_free(b->cats[i]);
	free(b->cats);
	for (size_t i = 0; i < b->ndocs; i++) {
		struct doc *d = &b->docs[i];
		free(d->href);
		free(d->id);
		free(d->bytes);
		free(d->z.data);
		for (size_t k = 0; k < d->npend; k++)
			free(d->pend[k].frag);
		free(d->pend);
	}
	free(b->docs);
	for (size_t i = 0; i < b->nres; i++) {
		free(b->res[i]->href);
		free(b->res[i]->media_type);
		free(b->res[i]->id);
		free(b->res[i]->data);
		free(b->res[i]);
	}
	free(b->res);
	config_release(&b->cfg);
	free(b->root);
	input_free(b->in);
	free(b->identifier);
	free(b->modified);
	free(b->ncx);
	free(b->opf);
	free(b->css);
	free(b);
}
