/* spine.c: plans the book's documents, names their files, and settles the
 * book's identifier and date. */
#include "spine.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "hash.h"
#include "input.h"
#include "site.h"
#include "text.h"

/* A file name's stem for path: its parts joined by hyphens, slugged. */
static char *
stem_for(const char *path)
{
	char *p = xstrdup(path), *slug;

	for (char *c = p; *c; c++)
		if (*c == '/')
			*c = '-';
	slug = slugify(p);
	free(p);
	return slug;
}

/* The short pages of a section shown as entries: the file of the page
 * that shows them, and an id each, by title ("glossary.xhtml#copayment"),
 * unique in the section, where links to them go.  The page's renderer
 * keeps these ids first. */
static void
name_entries(struct section *s)
{
	struct strmap *used = strmap_new(), *next = strmap_new();

	for (size_t i = 0; i < s->nkids; i++) {
		struct article *a = s->kids[i].art;
		char *base;

		if (a == NULL || !a->entry)
			continue;
		base = make_id(a->title);
		a->file = xstrdup(a->host ? a->host->file : s->file);
		a->anchor = unique_name(used, next, base, "-", "");
		a->href = xasprintf("%s#%s", a->file, a->anchor);
		free(base);
	}
	strmap_free(used);
	strmap_free(next);
}

/* Names the files of the sections and articles in text/, each its own:
 * a section by its folder ("health-care-eligibility.xhtml"), an article
 * by its folder and name ("sleep-naps.xhtml"), stem, stem-2, ... */
static void
name_section(struct section *s, struct strmap *used, struct strmap *next)
{
	for (size_t i = 0; i < s->nkids; i++) {
		struct entry *e = &s->kids[i];
		char *stem;

		if (e->sec != NULL) {
			stem = strncmp(e->sec->key, "nav/", 4) == 0 ?
			    stem_for(e->sec->title) : stem_for(e->sec->key);
			e->sec->file = unique_name(used, next, stem[0] ? stem :
			    "section", "-", ".xhtml");
			if (e->sec->hub != NULL) {
				e->sec->hub->file = xstrdup(e->sec->file);
				e->sec->hub->href = xstrdup(e->sec->file);
			}
			free(stem);
			name_section(e->sec, used, next);
			name_entries(e->sec);
		} else if (!e->art->entry) {
			struct article *a = e->art;
			char *dir = path_dir(a->path), *slug = slugify(a->slug);
			/* a bundle's index.md is named by its folder */
			char *base = site_index_name(path_base(a->path)) && dir[0] ?
			    xstrdup(dir) : xasprintf("%s%s%s", dir, dir[0] ? "/" :
			    "", slug[0] ? slug : "article");
			stem = stem_for(base);
			a->file = unique_name(used, next, stem[0] ? stem : "page",
			    "-", ".xhtml");
			a->href = xstrdup(a->file);
			free(stem);
			free(base);
			free(slug);
			free(dir);
		}
	}
}

static void
name_files(struct book *b)
{
	struct strmap *used = strmap_new(), *next = strmap_new();
	static const char *const own[] = {"title.xhtml", "disclaimer.xhtml",
	    "nav.xhtml", "cover.xhtml", "topics.xhtml", NULL};

	for (size_t i = 0; own[i]; i++)
		strmap_put(used, own[i], (void *)1);
	name_section(&b->top, used, next);
	strmap_free(used);
	strmap_free(next);
}

static int
has_topics(const struct book *b)
{
	int some = 0;

	for (size_t i = 0; i < b->narts && !some; i++) {
		const struct article *a = b->arts[i];
		for (size_t j = 0; j < a->tags.n && !some; j++) {
			char *key = book_topic(b, a->tags.v[j]);
			some = key != NULL;
			free(key);
		}
	}
	return some;
}

/* Adds a document in the text/ folder named file. */
static struct doc *
add(struct book *b, enum doc_kind kind, const char *file, const char *label,
    int depth)
{
	struct doc *d;

	if (b->ndocs == b->capdocs) {
		b->capdocs = b->capdocs ? 2 * b->capdocs : 64;
		b->docs = xrealloc(b->docs, b->capdocs * sizeof(*b->docs));
	}
	d = &b->docs[b->ndocs++];
	memset(d, 0, sizeof(*d));
	d->kind = kind;
	d->href = xasprintf("text/%s", file);
	/* manifest ids: "x-" and the file name without ".xhtml", valid XML
	 * names since file names are [a-z0-9-] */
	d->id = xasprintf("x-%.*s", (int)(strlen(file) - 6), file);
	d->label = label;
	d->depth = depth;
	d->linear = 1;
	return d;
}

/* The book's identifier, and its date: source_date (SOURCE_DATE_EPOCH)
 * when it is set, else the newest date of hbook.yaml and the articles,
 * never before 1980-01-01, the zip format's first day. */
static void
set_identity(struct book *b, long long source_date)
{
	const struct config *cfg = &b->cfg;
	const char *newest = cfg->date;
	long long t;
	time_t tt;
	struct tm tm;
	char out[32];

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
	/* the pages' newest date, placeholders (Jekyll's 0001-01-01, 1970)
	 * left out: none is older than the web */
	for (size_t i = 0; i < b->narts; i++) {
		const struct article *a = b->arts[i];
		const char *d[2] = {a->date, a->updated};
		for (int k = 0; k < 2; k++)
			if (d[k] != NULL && strcmp(d[k], "1991") > 0 &&
			    (newest == NULL || strcmp(d[k], newest) > 0))
				newest = d[k];
	}
	/* else the content's own newest file time */
	t = source_date >= 0 ? source_date : newest ? date_epoch(newest) :
	    input_newest(b->in) > 0 ? input_newest(b->in) : 315532800;
	if (t < 315532800)
		t = 315532800;
	tt = (time_t)t;
	gmtime_r(&tt, &tm);
	strftime(out, sizeof(out), "%Y-%m-%dT%H:%M:%SZ", &tm);
	b->modified = xstrdup(out);
	b->modified_epoch = t;
}

/* The documents of s's kids, at depth, and of theirs below. */
static void
plan_section(struct book *b, const struct section *s, int depth)
{
	for (size_t i = 0; i < s->nkids; i++) {
		const struct entry *e = &s->kids[i];
		if (e->sec != NULL) {
			add(b, DOC_SECTION, e->sec->file, e->sec->title, depth)->sec =
			    e->sec;
			plan_section(b, e->sec, depth + 1);
		} else if (!e->art->entry) {
			add(b, DOC_ARTICLE, e->art->file, e->art->title, depth)->art =
			    e->art;
		}
	}
}

void
spine_plan(struct book *b, int cover, long long source_date)
{
	struct doc *d;

	name_files(b);
	if (cover)
		add(b, DOC_COVER, "cover.xhtml", NULL, 0);
	add(b, DOC_TITLE, "title.xhtml", NULL, 0);
	if (b->cfg.disclaimer != NULL)
		add(b, DOC_DISCLAIMER, "disclaimer.xhtml", "Medical disclaimer",
		    0);
	plan_section(b, &b->top, 0);
	if (has_topics(b))
		add(b, DOC_TOPICS, "topics.xhtml", "Topics", 0);
	/* the nav is a page too (landmarks point at it), after the rest */
	d = add(b, DOC_NAV, "nav.xhtml", NULL, 0);
	free(d->href);
	free(d->id);
	d->href = xstrdup("nav.xhtml");
	d->id = xstrdup("nav");
	d->linear = 0;
	d->properties = "nav";
	set_identity(b, source_date);
}

struct doc *
spine_find(const struct book *b, enum doc_kind kind)
{
	for (size_t i = 0; i < b->ndocs; i++)
		if (b->docs[i].kind == kind)
			return &b->docs[i];
	return NULL;
}
