/* book.c: creating and releasing the model. */
#include "book.h"

#include <stdlib.h>
#include <string.h>

#include "input.h"
#include "text.h"
#include "yaml.h"

struct book *
book_new(const char *root)
{
	struct book *b = xcalloc(1, sizeof(*b));

	b->root = xstrdup(root);
	b->in = input_new(root);
	b->cfg.short_pages = 300;
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

struct section *
book_section(struct book *b, const char *key, const char *title,
    struct section *parent)
{
	struct section *s = xcalloc(1, sizeof(*s));

	s->key = xstrdup(key);
	s->title = xstrdup(title);
	s->parent = parent;
	s->depth = parent && parent != &b->top ? parent->depth + 1 : 0;
	b->secs = xgrow(b->secs, b->nsecs, &b->capsecs, sizeof(*b->secs));
	b->secs[b->nsecs++] = s;
	return s;
}

void
section_add(struct section *s, struct section *sec, struct article *a)
{
	s->kids = xgrow(s->kids, s->nkids, &s->capkids, sizeof(*s->kids));
	s->kids[s->nkids].sec = sec;
	s->kids[s->nkids++].art = a;
}

char *
book_src(const struct book *b, const char *rel)
{
	return path_join(b->root, rel);
}

void
article_free(struct article *a)
{
	free(a->where);
	free(a->path);
	free(a->src);
	free(a->title);
	free(a->description);
	free(a->category);
	free(a->date);
	free(a->updated);
	free(a->slug);
	free(a->fmslug);
	free(a->permalink);
	free(a->docid);
	free(a->image);
	free(a->image_alt);
	free(a->lang);
	strlist_free(&a->authors);
	strlist_free(&a->tags);
	strlist_free(&a->related);
	strlist_free(&a->aliases);
	strlist_free(&a->categories);
	strlist_free(&a->urls);
	strlist_free(&a->vars);
	free(a->navtitle);
	free(a->body);
	free(a->file);
	free(a->href);
	free(a->anchor);
	for (size_t i = 0; i < a->nheads; i++) {
		free(a->heads[i].id);
		free(a->heads[i].text);
	}
	free(a->heads);
	strmap_free(a->ids);
	free(a);
}

const char *
article_var(const struct article *a, const char *name)
{
	size_t n = strlen(name);

	for (size_t i = 0; i < a->vars.n; i++)
		if (strncmp(a->vars.v[i], name, n) == 0 && a->vars.v[i][n] == '\t')
			return a->vars.v[i] + n + 1;
	return NULL;
}

char *
book_topic(const struct book *b, const char *tag)
{
	char *key = b->cfg.no_topics ? NULL : slugify(tag);

	if (key != NULL && (key[0] == '\0' ||
	    strlist_has(&b->cfg.topics_exclude, key))) {
		free(key);
		key = NULL;
	}
	return key;
}

struct strmap *
article_ids(const struct article *a)
{
	const struct section *s = a->sec;

	if (a->anchor == NULL || s == NULL)
		return a->ids;
	if (a->host != NULL)
		return a->host->ids;
	return s->hub != NULL ? s->hub->ids : s->ids;
}

static void
section_free(struct section *s)
{
	free(s->key);
	free(s->title);
	free(s->description);
	free(s->file);
	free(s->kids);
	strmap_free(s->ids);
	free(s);
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
	strlist_free(&c->topics_exclude);
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
	for (size_t i = 0; i < b->nsecs; i++)
		section_free(b->secs[i]);
	free(b->secs);
	free(b->top.kids);
	free(b->creator);
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
