/* order.c: arranges the articles in the book's sections, by the site's
 * navigation or its folders, and sorts siblings. */
#include "order.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <strings.h>

#include "diag.h"
#include "scan.h"
#include "site.h"
#include "text.h"

/* The most text a merged chapter holds, in characters: e-readers open a
 * chapter at once, and slow past a few hundred kilobytes. */
#define MERGED_MAX 200000

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

/* An entry's title, and the article that sorts it (a section's hub). */
static const char *
entry_title(const struct entry *e)
{
	return e->sec ? e->sec->title : e->art ? e->art->title : "";
}

/* What tells entries apart: a section's key, an article's path. */
static const char *
entry_key(const struct entry *e)
{
	return e->sec ? e->sec->key : e->art ? e->art->path : "";
}

static int
entry_cmp(const void *p, const void *q)
{
	const struct entry *x = p, *y = q;
	const struct article *ax = x->sec ? x->sec->hub : x->art;
	const struct article *ay = y->sec ? y->sec->hub : y->art;
	int rx = x->sec ? x->sec->rank : INT32_MAX;
	int ry = y->sec ? y->sec->rank : INT32_MAX, c;

	if (rx != ry)
		return rx < ry ? -1 : 1;
	if (ax != NULL && ay != NULL)
		return article_cmp(ax, ay);
	/* a section without a hub page: after those with a weight, by title */
	if (ax != NULL && ax->has_weight)
		return -1;
	if (ay != NULL && ay->has_weight)
		return 1;
	if ((c = strcasecmp(entry_title(x), entry_title(y))) != 0)
		return c;
	return strcmp(entry_key(x), entry_key(y));
}

/* The folder of a's page in the book's tree: its folder in its content
 * folder, below the collection's name when it is a collection of its own
 * ("announcements/x.md"), and "" at the top. */
static char *
tree_dir(const struct book *b, const struct article *a)
{
	const struct site *s = b->site;
	char *dir = path_dir(a->path), *t;
	const char *col;

	if (s->content.n < 2 || a->where == NULL ||
	    strcmp(a->where, s->content.v[0]) == 0)
		return dir;
	/* a collection addressed at the top (Jekyll's permalink /:path)
	 * joins the top; else it is a section of its own */
	col = path_base(a->where);
	if (col[0] == '_')
		col++;
	for (size_t i = 0; i < a->urls.n; i++) {
		const char *u = a->urls.v[i];
		size_t n = strlen(col);
		if (!(u[0] == '/' && strncmp(u + 1, col, n) == 0 &&
		    (u[n + 1] == '/' || u[n + 1] == '\0')))
			return dir;
	}
	t = dir[0] ? xasprintf("%s/%s", col, dir) : xstrdup(col);
	free(dir);
	return t;
}

/* The article's name without extension: "README", "about". */
static char *
stem_of(const char *path)
{
	const char *base = path_base(path), *dot = strrchr(base, '.');

	return xstrndup(base, dot && dot != base ? (size_t)(dot - base) :
	    strlen(base));
}

struct tree {
	struct book *b;
	struct strmap *secs;     /* key -> section */
	char **dirs;             /* each article's tree folder */
	struct strmap *has_kids; /* tree folders holding pages */
};

/* The section for the tree folder dir, made with its parents. */
static struct section *
section_at(struct tree *t, const char *dir)
{
	struct section *s, *parent;
	char *up, *title;

	if (dir[0] == '\0')
		return &t->b->top;
	if ((s = strmap_get(t->secs, dir)) != NULL)
		return s;
	up = path_dir(dir);
	parent = section_at(t, up);
	title = readable_name(path_base(dir));
	s = book_section(t->b, dir, title, parent);
	section_add(parent, s, NULL);
	strmap_put(t->secs, dir, s);
	free(title);
	free(up);
	return s;
}

/* Makes a the hub of the section at dir, unless it has one. */
static int
make_hub(struct tree *t, struct article *a, const char *dir)
{
	struct section *s = section_at(t, dir);

	if (s == &t->b->top || s->hub != NULL)
		return 0;
	s->hub = a;
	a->hub_of = s;
	a->sec = s->parent;
	free(s->title);
	s->title = xstrdup(a->title);
	if (a->description)
		s->description = xstrdup(a->description);
	return 1;
}

/* The folders' tree for the articles of b that no section holds yet. */
static void
by_folders(struct tree *t, struct article **arts, size_t n)
{
	struct book *b = t->b;

	for (size_t i = 0; i < n; i++) {
		char *d = tree_dir(b, arts[i]);
		int own = site_index_name(path_base(arts[i]->path));
		t->dirs[i] = d;
		/* the folders that hold pages, but their own index page: a
		 * folder with that alone is a page (a bundle), no section */
		for (char *p = xstrdup(d), *up; p != NULL; p = up, own = 0) {
			if (p[0] == '\0') {
				free(p);
				break;
			}
			up = path_dir(p);
			if (!own)
				strmap_put(t->has_kids, p, (void *)1);
			free(p);
		}
	}
	/* hub pages: a folder's index, _index or README, first */
	for (size_t i = 0; i < n; i++) {
		struct article *a = arts[i];
		if (a->sec == NULL && a->hub_of == NULL && t->dirs[i][0] &&
		    site_index_name(path_base(a->path)) &&
		    strmap_get(t->has_kids, t->dirs[i]) != NULL)
			make_hub(t, a, t->dirs[i]);
	}
	/* then x.md beside a folder x of pages without a hub */
	for (size_t i = 0; i < n; i++) {
		struct article *a = arts[i];
		char *stem, *sub;
		if (a->sec != NULL || a->hub_of != NULL ||
		    site_index_name(path_base(a->path)))
			continue;
		stem = stem_of(a->path);
		sub = t->dirs[i][0] ? xasprintf("%s/%s", t->dirs[i], stem) :
		    xstrdup(stem);
		if (strmap_get(t->has_kids, sub) != NULL) {
			struct section *s = section_at(t, sub);
			if (s->hub == NULL)
				make_hub(t, a, sub);
		}
		free(sub);
		free(stem);
	}
	for (size_t i = 0; i < n; i++) {
		struct article *a = arts[i];
		struct section *s;
		if (a->hub_of != NULL || a->sec != NULL)
			continue;
		if (a->category != NULL) {
			/* hbook's own category: a section at the top */
			char *key = slugify(a->category);
			s = strmap_get(t->secs, key[0] ? key : "general");
			if (s == NULL) {
				s = book_section(b, key[0] ? key : "general",
				    a->category, &b->top);
				section_add(&b->top, s, NULL);
				strmap_put(t->secs, key[0] ? key : "general", s);
			}
			free(key);
		} else if (site_index_name(path_base(a->path)) && t->dirs[i][0] &&
		    strmap_get(t->has_kids, t->dirs[i]) == NULL) {
			/* a bundle: the page of a folder holding nothing else */
			char *up = path_dir(t->dirs[i]);
			s = section_at(t, up);
			free(up);
		} else {
			s = section_at(t, t->dirs[i]);
		}
		a->sec = s;
		section_add(s, NULL, a);
	}
}

/* A navigation's reference as the key tables hold it: no "./" or
 * leading "/", no fragment, percent-decoded spaces. */
static char *
nav_key(const char *ref)
{
	char *k, *p;

	while (ref[0] == '.' && ref[1] == '/')
		ref += 2;
	while (ref[0] == '/')
		ref++;
	k = xstrndup(ref, strcspn(ref, "#?"));
	while ((p = strstr(k, "%20")) != NULL) {
		*p = ' ';
		memmove(p + 1, p + 3, strlen(p + 3) + 1);
	}
	return k;
}

/* The same for a site address: no trailing "/", ".html" or "index". */
static char *
url_key(const char *u)
{
	char *k = nav_key(u);
	size_t n = strlen(k);

	if (str_ends(k, ".html"))
		k[n -= 5] = '\0';
	if (n >= 5 && strcmp(k + n - 5, "index") == 0 &&
	    (n == 5 || k[n - 6] == '/'))
		k[n -= n == 5 ? 5 : 6] = '\0';
	while (n > 0 && k[n - 1] == '/')
		k[--n] = '\0';
	return k;
}

struct navwalk {
	struct tree *t;
	struct strmap *keys;     /* the nav's names for pages -> article */
	struct strmap *urls;     /* their addresses -> article */
	long place;              /* the next page's place */
	size_t count;            /* sections made, for keys */
};

static struct article *
nav_find(struct navwalk *w, const char *ref)
{
	struct article *a;
	char *k;

	if (ref == NULL || strstr(ref, "://") != NULL)
		return NULL;
	k = nav_key(ref);
	a = strmap_get(w->keys, k);
	if (a == NULL) {
		char *u = url_key(ref);
		a = strmap_get(w->urls, u);
		if (a == NULL && (str_ends(k, ".md") || str_ends(k, ".mdx"))) {
			/* "a/b.md" for a page at a/b */
			k[strlen(k) - (str_ends(k, ".md") ? 3 : 4)] = '\0';
			a = strmap_get(w->keys, k);
		}
		free(u);
	}
	free(k);
	return a;
}

/* Places the items of nav in section parent. */
static void
nav_place(struct navwalk *w, struct section *parent,
    const struct navitem *nav)
{
	struct book *b = w->t->b;

	if (nav->kids == NULL)
		return;
	for (size_t i = 0; i < nav->nkids; i++) {
		const struct navitem *it = &nav->kids[i];
		struct article *a = nav_find(w, it->ref);
		const struct navitem *first = it->nkids ? &it->kids[0] : NULL;

		/* a group whose first entry is an index page, untitled
		 * (MkDocs' section index): that page is the group's */
		if (a == NULL && first != NULL && first->nkids == 0 &&
		    first->ref != NULL && site_index_name(path_base(first->ref)) &&
		    (a = nav_find(w, first->ref)) != NULL &&
		    (a->sec != NULL || a->hub_of != NULL))
			a = NULL;

		if (a != NULL && (a->sec != NULL || a->hub_of != NULL))
			a = NULL;        /* a page goes where the nav first puts it */
		if (a != NULL && it->title != NULL) {
			free(a->navtitle);
			a->navtitle = xstrdup(it->title);
			free(a->title);
			a->title = xstrdup(it->title);
		}
		if (a != NULL)
			a->navorder = w->place++;
		if (it->nkids > 0) {
			char *key = xasprintf("nav/%zu", w->count++);
			struct section *s = book_section(b, key, it->title ?
			    it->title : a ? a->title : "Pages", parent);
			section_add(parent, s, NULL);
			if (a != NULL) {
				s->hub = a;
				a->hub_of = s;
				a->sec = parent;
				if (it->title == NULL) {
					free(s->title);
					s->title = xstrdup(a->title);
				}
				if (a->description)
					s->description = xstrdup(a->description);
			}
			nav_place(w, s, it);
			free(key);
		} else if (a != NULL) {
			a->sec = parent;
			section_add(parent, NULL, a);
		}
	}
}

static void
by_nav(struct tree *t)
{
	struct book *b = t->b;
	const struct site *s = b->site;
	struct navwalk w = {t, strmap_new(), strmap_new(), 0, 0};
	struct article **rest;
	size_t nrest = 0;

	for (size_t i = 0; i < b->narts; i++) {
		struct article *a = b->arts[i];
		char *k = s->gen->navkey ? s->gen->navkey(s, a) : NULL;

		strmap_put(w.keys, k ? k : a->path, a);
		if (k == NULL) {
			/* GitBook's and mdBook's refs start at SUMMARY.md's
			 * folder, the content folder */
			char *in = nav_key(a->path);
			strmap_put(w.keys, in, a);
			free(in);
		}
		free(k);
		for (size_t j = 0; j < a->urls.n; j++) {
			char *u = url_key(a->urls.v[j]);
			strmap_put(w.urls, u, a);
			free(u);
		}
	}
	nav_place(&w, &b->top, &s->nav);
	strmap_free(w.keys);
	strmap_free(w.urls);
	/* the pages the navigation leaves out follow, by folder */
	rest = xcalloc(b->narts + 1, sizeof(*rest));
	for (size_t i = 0; i < b->narts; i++)
		if (b->arts[i]->sec == NULL && b->arts[i]->hub_of == NULL)
			rest[nrest++] = b->arts[i];
	by_folders(t, rest, nrest);
	free(rest);
}

/* hbook.yaml's categories: the top sections it names come first, in its
 * order; a warning for those that are not there. */
static void
rank_top(struct book *b)
{
	const struct strlist *l = &b->cfg.categories;

	for (size_t i = 0; i < b->nsecs; i++)
		b->secs[i]->rank = INT32_MAX;
	for (size_t i = 0; i < l->n; i++) {
		char *k = slugify(l->v[i]);
		int found = 0;
		for (size_t j = 0; j < b->top.nkids; j++) {
			struct section *s = b->top.kids[j].sec;
			char *key, *title;
			if (s == NULL || s->rank != INT32_MAX)
				continue;
			key = slugify(s->key);
			title = slugify(s->title);
			if (strcmp(k, key) == 0 || strcmp(k, title) == 0) {
				s->rank = (int)i;
				found = 1;
			}
			free(key);
			free(title);
		}
		if (!found)
			warnx_at(b->cfg.src, 0, "category '%s' has no articles",
			    l->v[i]);
		free(k);
	}
}

/* The end of an MDX element at p that shows nothing: a component closed
 * in its own tag ("<TableDescription model="x" />": hbook cannot run
 * it), an MDX comment in braces, or an import or export line; NULL for
 * text. */
static const char *
mdx_silent(const char *p, const char *end)
{
	if (*p == '<' && end - p > 1 && isupper((unsigned char)p[1])) {
		char quote = 0;
		int depth = 0;
		for (const char *q = p + 1; q < end; q++) {
			if (quote) {
				quote = *q == quote ? 0 : quote;
			} else if (*q == '"' || *q == '\'') {
				quote = *q;
			} else if (*q == '{') {
				depth++;
			} else if (*q == '}') {
				depth--;
			} else if (depth == 0 && *q == '>') {
				return q[-1] == '/' ? q + 1 : NULL;
			}
		}
		return NULL;
	}
	if (end - p >= 3 && memcmp(p, "{/*", 3) == 0) {
		const char *e = strstr(p, "*/}");
		return e != NULL && e < end ? e + 3 : NULL;
	}
	if ((end - p >= 7 && memcmp(p, "import ", 7) == 0) ||
	    (end - p >= 7 && memcmp(p, "export ", 7) == 0)) {
		const char *e = memchr(p, '\n', end - p);
		return e ? e : end;
	}
	return NULL;
}

/* Whether a's page has no text: blanks and comments only (and, in MDX,
 * components that show nothing). */
static int
no_text(const struct book *b, const struct article *a)
{
	const char *p = a->body, *end;
	int mdx = b->site->gen == &gen_docusaurus || str_ends(a->path, ".mdx");

	if (p == NULL)
		return 0;
	end = p + a->body_len;
	while (p < end) {
		const char *e;
		if (isspace((unsigned char)*p)) {
			p++;
		} else if (end - p >= 4 && memcmp(p, "<!--", 4) == 0) {
			e = strstr(p + 4, "-->");
			if (e == NULL || e >= end)
				return 0;
			p = e + 3;
		} else if (mdx && (e = mdx_silent(p, end)) != NULL) {
			p = e;
		} else {
			return 0;
		}
	}
	return 1;
}

/* Pages with no text and nothing under them (a site's navigation stubs,
 * "Apply now") leave the book: a chapter of a title alone.  Links to
 * them go where links to pages not in the book go.  One warning says how
 * many, and which. */
struct gone {
	struct article **v;
	size_t n, cap;
};

static void
drop_empty(const struct book *b, struct section *s, struct gone *gone)
{
	size_t k = 0;

	for (size_t i = 0; i < s->nkids; i++) {
		struct entry *e = &s->kids[i];
		if (e->art != NULL && e->art->hub_of == NULL &&
		    no_text(b, e->art)) {
			gone->v = xgrow(gone->v, gone->n, &gone->cap,
			    sizeof(*gone->v));
			gone->v[gone->n++] = e->art;
			continue;
		}
		if (e->sec != NULL)
			drop_empty(b, e->sec, gone);
		s->kids[k++] = *e;
	}
	s->nkids = k;
}

/* About how many characters of text a's page shows, up to cap: its body
 * without tags, link targets and Markdown's marks, each run of blanks
 * one.  The measure of a
 * short page, taken before rendering, as ordering needs it. */
static size_t
text_size(const struct book *b, const struct article *a, size_t cap)
{
	/* what a byte is to the measure: 0 text, 1 a blank, 2 a mark */
	static const unsigned char kind[256] = {
		[' '] = 1, ['\t'] = 1, ['\n'] = 1, ['\r'] = 1, ['\f'] = 1,
		['\v'] = 1, ['#'] = 2, ['*'] = 2, ['_'] = 2, ['`'] = 2,
		['['] = 2, [']'] = 2, ['>'] = 2, ['|'] = 2, ['-'] = 2, ['='] = 2,
	};
	const char *p = a->body, *end = p ? p + a->body_len : NULL, *e;
	int mdx = b->site->gen == &gen_docusaurus || str_ends(a->path, ".mdx");
	size_t n = 0;

	while (p != NULL && p < end && n < cap) {
		unsigned char k = kind[(unsigned char)*p];
		if (mdx && (p == a->body || p[-1] == '\n') &&
		    (e = mdx_silent(p, end)) != NULL) {
			p = e;
		} else if (*p == '<') {
			e = memchr(p, '>', (size_t)(end - p));
			p = e ? e + 1 : end;
		} else if (p[0] == ']' && p + 1 < end && p[1] == '(') {
			e = memchr(p, ')', (size_t)(end - p));
			p = e ? e + 1 : end;
		} else if (k == 1) {
			/* a run of blanks is one, as it reads */
			while (p < end && kind[(unsigned char)*p] == 1)
				p++;
			n++;
		} else {
			n += k == 0;
			p++;
		}
	}
	return n;
}

static int
size_cmp(const void *x, const void *y)
{
	size_t a = *(const size_t *)x, b = *(const size_t *)y;

	return a < b ? -1 : a > b;
}

/* The median of the sizes of s's pages (size[i] for its kid i). */
static size_t
median(const size_t *size, const struct section *s)
{
	size_t *v = xcalloc(s->nkids + 1, sizeof(*v)), n = 0, m;

	for (size_t i = 0; i < s->nkids; i++)
		if (s->kids[i].art != NULL)
			v[n++] = size[i];
	qsort(v, n, sizeof(*v), size_cmp);
	m = n ? v[n / 2] : 0;
	free(v);
	return m;
}

/* A short page (a glossary's term, an FAQ's "Yes.") is an entry at the end
 * of the page before it (its section's, or the article before it), so
 * the reading order stays the site's, instead of a page turn for a line
 * or two; when a section's pages are mostly short (a glossary, an FAQ),
 * all of them are entries of the section's page, one chapter.  The entries of a
 * page stay under what e-readers open at once. */
static void
merge_short(const struct book *b, struct section *s, long under)
{
	size_t pages = 0, shorts = 0, all = 0, entries = 0, total = 0;
	size_t *size = xcalloc(s->nkids + 1, sizeof(*size));
	int most;

	for (size_t i = 0; i < s->nkids; i++)
		if (s->kids[i].sec != NULL)
			merge_short(b, s->kids[i].sec, under);
	if (under <= 0 || s->key == NULL) {
		free(size);
		return;
	}
	/* the measure needs no more than twice under of each page: a long
	 * article is not read to its end */
	for (size_t i = 0; i < s->nkids; i++) {
		if (s->kids[i].art == NULL)
			continue;
		size[i] = text_size(b, s->kids[i].art, 2 * (size_t)under);
		pages++;
		shorts += size[i] < (size_t)under;
		all += size[i];
	}
	/* mostly short: two in five under the measure, and half under twice
	 * it (HealthCare.gov's 131 answers: 65 under 300 characters, the
	 * median 300; the sample's articles: none under 300) */
	most = pages > 0 && 5 * shorts >= 2 * pages &&
	    median(size, s) < 2 * (size_t)under && all < MERGED_MAX;
	for (size_t i = 0; most && i < s->nkids; i++) {
		/* all of them: their whole size, for the chapter's limit */
		if (s->kids[i].art == NULL || size[i] < 2 * (size_t)under)
			continue;
		all -= size[i];
		size[i] = text_size(b, s->kids[i].art, MERGED_MAX);
		all += size[i];
	}
	most = most && all < MERGED_MAX;
	for (size_t i = 0; i < s->nkids; i++) {
		struct article *a = s->kids[i].art;
		/* the page before it in reading order shows it: its section's
		 * (first in the section, or all of them are entries), or the
		 * article before it; after a section it stays a chapter */
		struct article *prev = i > 0 ? s->kids[i - 1].art : NULL;
		if (a == NULL || (!most && size[i] >= (size_t)under) ||
		    total + size[i] >= MERGED_MAX || (i > 0 && prev == NULL))
			continue;
		a->entry = 1;
		a->host = most || prev == NULL ? NULL : prev->entry ? prev->host :
		    prev;
		entries++;
		total += size[i];
	}
	s->merged = entries > 0 && entries == s->nkids;
	free(size);
}

/* Sorts every section's kids (the navigation's are in its order), and
 * lists the articles in reading order. */
static void
arrange(struct book *b, struct section *s, int sorted, size_t *n)
{
	if (!sorted && s->nkids > 1)
		qsort(s->kids, s->nkids, sizeof(*s->kids), entry_cmp);
	for (size_t i = 0; i < s->nkids; i++) {
		struct entry *e = &s->kids[i];
		if (e->art != NULL) {
			b->arts[(*n)++] = e->art;
		} else {
			if (e->sec->hub != NULL)
				b->arts[(*n)++] = e->sec->hub;
			arrange(b, e->sec, sorted && strncmp(e->sec->key, "nav/",
			    4) == 0, n);
		}
	}
}

void
book_order(struct book *b)
{
	struct tree t = {b, strmap_new(), NULL, strmap_new()};
	struct gone gone = {NULL, 0, 0};
	size_t n = 0, count = b->narts;

	t.dirs = xcalloc(count + 1, sizeof(*t.dirs));
	b->top.key = NULL;
	for (size_t i = 0; i < b->narts; i++)
		b->arts[i]->navorder = -1;
	if (b->site->nav.nkids > 0)
		by_nav(&t);
	else
		by_folders(&t, b->arts, b->narts);
	rank_top(b);
	drop_empty(b, &b->top, &gone);
	merge_short(b, &b->top, b->cfg.short_pages);
	if (gone.n > 0) {
		struct buf some = {0};
		for (size_t i = 0; i < gone.n && i < 3; i++) {
			buf_adds(&some, i ? ", " : "");
			buf_adds(&some, gone.v[i]->path);
		}
		warnx_at(b->root, 0, "%zu page%s with no text left out of the book "
		    "(%s%s); links to %s go to the site", gone.n, gone.n == 1 ?
		    "" : "s", some.data, gone.n > 3 ? ", ..." : "", gone.n == 1 ?
		    "it" : "them");
		buf_free(&some);
	}
	arrange(b, &b->top, b->site->nav.nkids > 0, &n);
	b->narts = n;
	for (size_t i = 0; i < gone.n; i++)
		article_free(gone.v[i]);
	free(gone.v);
	for (size_t i = 0; i < count; i++)
		free(t.dirs[i]);
	free(t.dirs);
	strmap_free(t.secs);
	strmap_free(t.has_kids);
	/* the sections' depths, now that they are placed */
	for (size_t i = 0; i < b->nsecs; i++) {
		int d = 0;
		for (struct section *p = b->secs[i]->parent; p && p != &b->top;
		    p = p->parent)
			d++;
		b->secs[i]->depth = d;
	}
}
