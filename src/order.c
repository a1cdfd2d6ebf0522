/* order.c: categories, reading order, file names and book identity. */
#include "order.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "diag.h"
#include "meta.h"
#include "text.h"
#include "xhtml.h"

#define DEFAULT_CATEGORY "general"

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

static const struct config *cmp_cfg;

static long
configured_rank(const struct category *c)
{
	const struct strlist *l = &cmp_cfg->categories;

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
	const struct category *x = *(struct category *const *)a;
	const struct category *y = *(struct category *const *)b;
	long rx = configured_rank(x), ry = configured_rank(y);
	int c;

	if (rx != ry)
		return rx < ry ? -1 : 1;
	if (x->has_weight != y->has_weight)
		return x->has_weight ? -1 : 1;
	if (x->has_weight && x->weight != y->weight)
		return x->weight < y->weight ? -1 : 1;
	if ((c = strcasecmp(x->title, y->title)) != 0)
		return c;
	return strcmp(x->key, y->key);
}

static struct category *
category_get(struct book *b, struct strmap *cats, const char *key,
    const char *title)
{
	struct category *c = strmap_get(cats, key);

	if (c != NULL)
		return c;
	c = xcalloc(1, sizeof(*c));
	c->key = xstrdup(key);
	c->title = xstrdup(title);
	b->cats = xrealloc(b->cats, (b->ncats + 1) * sizeof(*b->cats));
	b->cats[b->ncats++] = c;
	strmap_put(cats, key, c);
	return c;
}

/* A file name in text/ that no other file has: stem, stem-2, stem-3... */
static char *
unique_file(struct strmap *used, const char *stem)
{
	char *name = xasprintf("%s.xhtml", stem[0] ? stem : "page");

	for (int i = 2; strmap_get(used, name) != NULL; i++) {
		free(name);
		name = xasprintf("%s-%d.xhtml", stem[0] ? stem : "page", i);
	}
	strmap_put(used, name, (void *)1);
	return name;
}

static void
set_modified(struct book *b)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	const char *newest = b->cfg.date;
	long long t;
	time_t tt;
	struct tm tm;
	char out[32];

	for (size_t i = 0; i < b->narts; i++) {
		const struct article *a = b->arts[i];
		if (a->date && (newest == NULL || strcmp(a->date, newest) > 0))
			newest = a->date;
		if (a->updated && (newest == NULL ||
		    strcmp(a->updated, newest) > 0))
			newest = a->updated;
	}
	if (sde != NULL && sde[0]) {
		char *end;
		t = strtoll(sde, &end, 10);
		if (*end != '\0' || t < 0) {
			warnx_at(NULL, 0, "SOURCE_DATE_EPOCH is not a number "
			    "of seconds; ignored");
			t = newest ? date_epoch(newest) : 315532800;
		}
	} else {
		/* without dates: 1980-01-01, the zip format's first day */
		t = newest ? date_epoch(newest) : 315532800;
	}
	if (t < 315532800)
		t = 315532800;
	tt = (time_t)t;
	gmtime_r(&tt, &tm);
	strftime(out, sizeof(out), "%Y-%m-%dT%H:%M:%SZ", &tm);
	b->modified = xstrdup(out);
	b->modified_epoch = t;
}

int
book_order(struct book *b, const struct scan *s)
{
	struct strmap *cats = strmap_new(), *used = strmap_new();
	struct config *cfg = &b->cfg;

	if (cfg->language == NULL)
		cfg->language = xstrdup("en");
	if (cfg->title == NULL) {
		char *stem = xstrdup(path_base(b->root));
		size_t n = strlen(stem);
		while (n > 1 && stem[n - 1] == '/')
			stem[--n] = '\0';
		cfg->title = readable_name(stem[0] && strcmp(stem, ".") ?
		    stem : "Book");
		free(stem);
	}

	/* titles first: ordering needs them */
	for (size_t i = 0; i < b->narts; i++) {
		struct article *a = b->arts[i];
		if (a->title == NULL &&
		    (a->title = markdown_first_h1(a->body, a->body_len)) != NULL)
			a->title_from_body = 1;
		if (a->title == NULL)
			a->title = readable_name(a->slug);
	}

	/* category folders with _index.md, so their titles are known */
	for (size_t i = 0; i < s->indexes.n; i++) {
		char *dir = path_dir(s->indexes.v[i]);
		char *key = slugify(dir), *title = readable_name(dir);
		struct category *c = category_get(b, cats, key[0] ? key :
		    DEFAULT_CATEGORY, title);
		category_load_index(b, c, s->indexes.v[i]);
		free(key);
		free(title);
		free(dir);
	}

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
			key = xstrdup(DEFAULT_CATEGORY);
			title = xstrdup("General");
		}
		c = category_get(b, cats, key[0] ? key : DEFAULT_CATEGORY,
		    title);
		c->arts = xrealloc(c->arts, (c->narts + 1) * sizeof(*c->arts));
		c->arts[c->narts++] = a;
		a->cat = c;
		free(key);
		free(title);
	}

	/* a category with an _index.md but no articles has no pages */
	{
		size_t n = 0;
		for (size_t i = 0; i < b->ncats; i++) {
			if (b->cats[i]->narts == 0) {
				free(b->cats[i]->key);
				free(b->cats[i]->title);
				free(b->cats[i]->description);
				free(b->cats[i]->intro);
				free(b->cats[i]->intro_src);
				free(b->cats[i]);
			} else {
				b->cats[n++] = b->cats[i];
			}
		}
		b->ncats = n;
	}

	cmp_cfg = cfg;
	qsort(b->cats, b->ncats, sizeof(*b->cats), cat_qcmp);
	for (size_t i = 0; i < cfg->categories.n; i++) {
		size_t j = 0;
		while (j < b->ncats && configured_rank(b->cats[j]) != (long)i)
			j++;
		if (j == b->ncats)
			warnx_at(cfg->src, 0, "category '%s' has no articles",
			    cfg->categories.v[i]);
	}

	/* reading order and file names */
	strmap_put(used, "title.xhtml", (void *)1);
	strmap_put(used, "disclaimer.xhtml", (void *)1);
	strmap_put(used, "nav.xhtml", (void *)1);
	strmap_put(used, "cover.xhtml", (void *)1);
	strmap_put(used, "topics.xhtml", (void *)1);
	{
		size_t n = 0;
		for (size_t i = 0; i < b->ncats; i++) {
			struct category *c = b->cats[i];
			qsort(c->arts, c->narts, sizeof(*c->arts), art_qcmp);
			c->file = unique_file(used, c->key);
			for (size_t j = 0; j < c->narts; j++) {
				char *slug = slugify(c->arts[j]->slug);
				char *stem = xasprintf("%s-%s", c->key,
				    slug[0] ? slug : "article");
				c->arts[j]->file = unique_file(used, stem);
				b->arts[n++] = c->arts[j];
				free(stem);
				free(slug);
			}
		}
	}

	if (cfg->identifier != NULL) {
		b->identifier = xstrdup(cfg->identifier);
	} else {
		char uuid[37];
		char *name = xasprintf("%s\n%s", cfg->base_url ?
		    cfg->base_url : "", cfg->title);
		uuid5_url(name, uuid);
		b->identifier = xasprintf("urn:uuid:%s", uuid);
		free(name);
	}
	set_modified(b);
	strmap_free(cats);
	strmap_free(used);
	return 0;
}
