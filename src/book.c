/* book.c: creating and releasing the model. */
#include "book.h"

#include <stdlib.h>
#include <string.h>

struct book *
book_new(const char *root)
{
	struct book *b = xcalloc(1, sizeof(*b));

	b->root = xstrdup(root);
	b->pages_root = xstrdup(root);
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
	free(a->z.data);
	free(a);
}

static void
category_free(struct category *c)
{
	free(c->key);
	free(c->title);
	free(c->description);
	free(c->intro);
	free(c->intro_src);
	free(c->file);
	free(c->arts);
	free(c->xhtml);
	free(c);
}

void
book_free(struct book *b)
{
	struct config *c;

	if (b == NULL)
		return;
	c = &b->cfg;
	for (size_t i = 0; i < b->narts; i++)
		article_free(b->arts[i]);
	free(b->arts);
	for (size_t i = 0; i < b->ncats; i++)
		category_free(b->cats[i]);
	free(b->cats);
	for (size_t i = 0; i < b->nres; i++) {
		free(b->res[i]->href);
		free(b->res[i]->media_type);
		free(b->res[i]->id);
		free(b->res[i]->data);
		free(b->res[i]);
	}
	free(b->res);
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
	free(b->pages_root);
	free(b->root);
	free(b->identifier);
	free(b->modified);
	free(b->title_xhtml);
	free(b->cover_xhtml);
	free(b->topics_xhtml);
	free(b->disclaimer_xhtml);
	free(b->nav_xhtml);
	free(b->ncx);
	free(b->opf);
	free(b->css);
	free(b);
}
