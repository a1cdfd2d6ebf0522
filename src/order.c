/* order.c: groups the articles into categories and sorts both. */
#include "order.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "diag.h"
#include "text.h"

int
article_cmp(const struct article *x, const struct article *y)
{
	int c;

	if (x->has_weight != y->has_weight)
		return x->has_weight ? -1 : 1;
	if (x->has_weight && x->weight != y->weight)
		return x->weight < y->weight ? -1 : 1;
	if ((x->date == NULL) != (y->date == NULL))
		return x->date ? -1 : 1;
	if (x->date && (c = strcmp(y->date, x->date)) != 0)
		return c;
	if ((c = strcasecmp(x->title, y->title)) != 0)
		return c;
	return strcmp(x->path, y->path);
}

static int
art_qcmp(const void *a, const void *b)
{
	return article_cmp(*(struct article *const *)a,
	    *(struct article *const *)b);
}

/* A category with its place in hbook.yaml's list (the list's length when
 * it is not there), for sorting. */
struct ranked {
	long rank;
	struct category *c;
};

static long
configured_rank(const struct config *cfg, const struct category *c)
{
	const struct strlist *l = &cfg->categories;
	char *title = slugify(c->title);
	long rank = (long)l->n;

	/* an entry names a category by its title or its folder */
	for (size_t i = 0; i < l->n && rank == (long)l->n; i++) {
		char *k = slugify(l->v[i]);
		if (strcmp(k, c->key) == 0 || strcmp(k, title) == 0)
			rank = (long)i;
		free(k);
	}
	free(title);
	return rank;
}

static int
cat_qcmp(const void *a, const void *b)
{
	const struct ranked *rx = a, *ry = b;
	const struct category *x = rx->c, *y = ry->c;
	int c;

	if (rx->rank != ry->rank)
		return rx->rank < ry->rank ? -1 : 1;
	if (x->has_weight != y->has_weight)
		return x->has_weight ? -1 : 1;
	if (x->has_weight && x->weight != y->weight)
		return x->weight < y->weight ? -1 : 1;
	if ((c = strcasecmp(x->title, y->title)) != 0)
		return c;
	return strcmp(x->key, y->key);
}

/* Puts each article in its category: the front matter's, else its first
 * folder's, else the default one. */
static void
group(struct book *b)
{
	struct strmap *cats = strmap_new();

	for (size_t i = 0; i < b->ncats; i++)
		strmap_put(cats, b->cats[i]->key, b->cats[i]);
	for (size_t i = 0; i < b->narts; i++) {
		struct article *a = b->arts[i];
		char *key, *title;
		struct category *c;

		if (a->category != NULL) {
			key = slugify(a->category);
			title = xstrdup(a->category);
		} else if (strchr(a->path, '/') != NULL) {
			char *dir = xstrndup(a->path, strcspn(a->path, "/"));
			key = slugify(dir);
			title = readable_name(dir);
			free(dir);
		} else {
			key = xstrdup(BOOK_DEFAULT_CATEGORY);
			title = xstrdup("General");
		}
		if (key[0] == '\0') {
			free(key);
			key = xstrdup(BOOK_DEFAULT_CATEGORY);
		}
		if ((c = strmap_get(cats, key)) == NULL)
			c = strmap_put(cats, key, book_category(b, key, title));
		c->arts = xrealloc(c->arts, (c->narts + 1) * sizeof(*c->arts));
		c->arts[c->narts++] = a;
		a->cat = c;
		free(key);
		free(title);
	}
	strmap_free(cats);
}

void
book_order(struct book *b)
{
	const struct config *cfg = &b->cfg;
	struct ranked *r;
	size_t n = 0;

	group(b);
	/* a category with an _index.md but no articles has no pages */
	for (size_t i = 0; i < b->ncats; i++) {
		if (b->cats[i]->narts == 0)
			category_free(b->cats[i]);
		else
			b->cats[n++] = b->cats[i];
	}
	b->ncats = n;
	r = xcalloc(b->ncats + 1, sizeof(*r));
	for (size_t i = 0; i < b->ncats; i++) {
		r[i].rank = configured_rank(cfg, b->cats[i]);
		r[i].c = b->cats[i];
	}
	qsort(r, b->ncats, sizeof(*r), cat_qcmp);
	for (size_t i = 0; i < cfg->categories.n; i++) {
		size_t j = 0;
		while (j < b->ncats && r[j].rank != (long)i)
			j++;
		if (j == b->ncats)
			warnx_at(cfg->src, 0, "category '%s' has no articles",
			    cfg->categories.v[i]);
	}
	n = 0;
	for (size_t i = 0; i < b->ncats; i++) {
		struct category *c = b->cats[i] = r[i].c;
		qsort(c->arts, c->narts, sizeof(*c->arts), art_qcmp);
		for (size_t j = 0; j < c->narts; j++)
			b->arts[n++] = c->arts[j];
	}
	free(r);
}
