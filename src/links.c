/* links.c: the link table, and the resolvers that answer from it. */
#include "links.h"
#include "mdext.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/uri.h>

#include "scan.h"
#include "site.h"
#include "text.h"

/* The file index's values: a file of the site, or a symbolic link that
 * leaves the content folder (named, never read). */
static const char file_here, file_outside;

/* The pages a name may mean: a slug several pages share. */
struct cands {
	const struct article **v;
	size_t n, cap;
};

struct links {
	const char *base_url;
	int wikilinks;           /* the site writes [[wikilinks]] */
	struct strmap *names;    /* "note name" (lowercase) -> struct cands */
	struct strmap *filenames;    /* "picture.png" -> its path */
	int lower;               /* addresses compare in lowercase */
	int file_first;          /* relative links name files, not addresses */
	struct strmap *paths;    /* pages' files, in the book's folder */
	struct strmap *urls;     /* pages' addresses */
	struct strmap *slugs;    /* "naps" -> struct cands */
	struct strmap *files;    /* content path -> &file_here, &file_outside */
	struct strlist contents; /* the site's content folders */
	struct strlist statics;  /* folders site-absolute files may be in */
};

/* "sleep/naps.md", "sleep/naps/index.md", "/sleep/naps/" and
 * "sleep/naps.html" all become "sleep/naps".  Returns NULL when the path
 * climbs out of the content folder.  The caller frees it. */
static char *
path_key(const char *p)
{
	static const char *const exts[] = {".md", ".markdown", ".mdx", ".html",
	    ".htm", ".xhtml", NULL};
	char *norm;
	size_t n;

	while (p[0] == '/')
		p++;
	if ((norm = path_normalize(p)) == NULL)
		return NULL;
	for (int i = 0; exts[i]; i++)
		if (str_ends(norm, exts[i])) {
			norm[strlen(norm) - strlen(exts[i])] = '\0';
			break;
		}
	{
		static const char *const idx[] = {"index", "_index", "README",
		    "readme", NULL};
		const char *base = path_base(norm);
		for (int i = 0; idx[i]; i++)
			if (strcmp(base, idx[i]) == 0) {
				norm[base == norm ? 0 : base - norm - 1] = '\0';
				break;
			}
	}
	for (n = strlen(norm); n > 0 && norm[n - 1] == '/'; n--)
		norm[n - 1] = '\0';
	return norm;
}

/* Percent-decodes s.  The caller frees it. */
static char *
unescape(const char *s)
{
	char *u = xmlURIUnescapeString(s, 0, NULL);

	return u ? u : xstrdup(s);
}

/* An address as the table keys it: path_key(), lowercased when the site
 * lowercases its addresses. */
static char *
url_key(const struct links *l, const char *u)
{
	char *k = path_key(u);

	if (k != NULL && l->lower)
		for (char *c = k; *c; c++)
			if (*c >= 'A' && *c <= 'Z')
				*c = (char)(*c - 'A' + 'a');
	return k;
}

static void
add_key(struct strmap *m, char *k, const struct article *a)
{
	/* "" is the site's home page, index.md at the top */
	if (k != NULL)
		strmap_put(m, k, (void *)a);
	free(k);
}

/* s in lowercase.  The caller frees it. */
static char *
lower(const char *s)
{
	char *t = xstrdup(s);

	for (char *c = t; *c; c++)
		if (*c >= 'A' && *c <= 'Z')
			*c = (char)(*c - 'A' + 'a');
	return t;
}

static void
add_cand(struct strmap *m, const char *key, const struct article *a)
{
	struct cands *c = strmap_get(m, key);

	if (c == NULL) {
		c = xcalloc(1, sizeof(*c));
		strmap_put(m, key, c);
	}
	/* an article's keys are added together: a repeat is the last */
	if (c->n > 0 && c->v[c->n - 1] == a)
		return;
	c->v = xgrow(c->v, c->n, &c->cap, sizeof(*c->v));
	c->v[c->n++] = a;
}

static void
add_slug(struct links *l, const char *slug, const struct article *a)
{
	/* every folder's page is "index": the name says nothing of which */
	if (!site_index_name(slug))
		add_cand(l->slugs, slug, a);
}

/* The folder of a's file, in the book's folder. */
static char *
page_dir(const struct article *a)
{
	char *rel = path_join(a->where ? a->where : "", a->path);
	char *dir = path_dir(rel);

	free(rel);
	return dir;
}

struct links *
links_new(const struct book *b, const struct scan *s)
{
	struct links *l = xcalloc(1, sizeof(*l));
	const struct site *site = b->site;

	l->base_url = b->cfg.base_url;
	l->lower = site ? site->lower : 0;
	l->file_first = site == NULL || site->gen == &gen_plain ||
	    site->style == URL_FILE;
	l->wikilinks = site != NULL && site->gen == &gen_obsidian;
	l->names = strmap_new();
	l->filenames = strmap_new();
	l->paths = strmap_new();
	l->urls = strmap_new();
	l->slugs = strmap_new();
	l->files = strmap_new();
	for (size_t i = 0; site && i < site->content.n; i++)
		strlist_add(&l->contents, site->content.v[i]);
	if (l->contents.n == 0)
		strlist_add(&l->contents, b->cfg.pages ? b->cfg.pages : "");
	for (size_t i = 0; site && i < site->statics.n; i++)
		strlist_add(&l->statics, site->statics.v[i]);
	for (size_t i = 0; s != NULL && i < s->files.n; i++) {
		char *low = lower(path_base(s->files.v[i]));
		strmap_put(l->files, s->files.v[i], (void *)&file_here);
		/* by name, for ![[picture.png]]: the shortest path first */
		if (l->wikilinks && (strmap_get(l->filenames, low) == NULL ||
		    strlen(s->files.v[i]) < strlen(strmap_get(l->filenames, low))))
			strmap_set(l->filenames, low, s->files.v[i]);
		free(low);
	}
	for (size_t i = 0; s != NULL && i < s->outside.n; i++)
		strmap_put(l->files, s->outside.v[i], (void *)&file_outside);
	for (size_t i = 0; i < b->narts; i++) {
		const struct article *a = b->arts[i];
		char *stem = file_stem(a->path), *dir = page_dir(a);
		char *rel = path_join(a->where ? a->where : "", a->path);
		char *jekyll = path_join(dir, stem);

		add_key(l->paths, path_key(rel), a);
		add_key(l->paths, path_key(jekyll), a);
		for (size_t j = 0; j < a->urls.n; j++)
			add_key(l->urls, url_key(l, a->urls.v[j]), a);
		for (size_t j = 0; j < a->aliases.n; j++)
			add_key(l->urls, url_key(l, a->aliases.v[j]), a);
		free(jekyll);
		free(rel);
		free(dir);
		dir = path_dir(a->path);
		jekyll = path_join(dir, stem);
		/* a page's path in its content folder, as plain sites
		 * address it, after the addresses its generator gives */
		add_key(l->urls, url_key(l, a->path), a);
		add_key(l->urls, url_key(l, jekyll), a);
		add_slug(l, a->slug, a);
		add_slug(l, stem, a);
		if (l->wikilinks) {
			char *name = lower(path_base(a->path));
			if (str_ends(name, ".md"))
				name[strlen(name) - 3] = '\0';
			add_cand(l->names, name, a);
			free(name);
		}
		free(jekyll);
		free(dir);
		free(stem);
	}
	return l;
}

static void
free_cand(const char *key, void *value, void *ctx)
{
	struct cands *c = value;

	(void)key;
	(void)ctx;
	free(c->v);
	free(c);
}

void
links_free(struct links *l)
{
	if (l == NULL)
		return;
	strmap_each(l->slugs, free_cand, NULL);
	strmap_each(l->names, free_cand, NULL);
	strmap_free(l->names);
	strmap_free(l->filenames);
	strmap_free(l->paths);
	strmap_free(l->urls);
	strmap_free(l->slugs);
	strmap_free(l->files);
	strlist_free(&l->contents);
	strlist_free(&l->statics);
	free(l);
}

void
link_clear(struct link *k)
{
	free(k->frag);
	free(k->href);
	free(k->what);
	memset(k, 0, sizeof(*k));
}

/* Removes template syntax a site generator would have filled in:
 * "{{site.baseurl}}/x" -> "/x", "{{< ref "x.md" >}}" -> "x.md".  The
 * caller frees the result. */
static char *
strip_template(const char *url)
{
	const char *end, *q;

	while (isspace((unsigned char)*url))
		url++;
	if (strncmp(url, "{{", 2) != 0 && strncmp(url, "{%", 2) != 0)
		return xstrdup(url);
	end = strstr(url, url[1] == '{' ? "}}" : "%}");
	if (end == NULL)
		return xstrdup(url);
	if ((q = strstr(url, "ref ")) != NULL && q < end &&
	    (q = strchr(q, '"')) != NULL && q < end) {
		const char *e = strchr(q + 1, '"');
		if (e != NULL && e < end)
			return xstrndup(q + 1, (size_t)(e - q - 1));
	}
	return xstrdup(end + 2);
}

/* Whether url is an address under base_url; *path is then where its path
 * on the site starts: the "/" after the host ("https://site.example/a/b"
 * -> "/a/b"), or the end for the site itself.  A longer host that merely
 * starts the same ("https://site.example.org") is another site. */
static int
under_base(const char *base, const char *url, size_t *path)
{
	size_t n;

	if (base == NULL || (n = strlen(base)) == 0 || !str_starts(url, base))
		return 0;
	if (base[n - 1] == '/') {
		*path = n - 1;
		return 1;
	}
	*path = n;
	return url[n] == '\0' || url[n] == '/';
}

/* The URL scheme ("http"), lowercased into buf, or "" when relative. */
static const char *
scheme(const char *url, char *buf, size_t size)
{
	size_t i = 0;

	if (!isalpha((unsigned char)url[0]))
		return "";
	while (url[i] && (isalnum((unsigned char)url[i]) ||
	    strchr("+-.", url[i])))
		i++;
	if (url[i] != ':' || i + 1 > size)
		return "";
	for (size_t k = 0; k < i; k++)
		buf[k] = (char)tolower((unsigned char)url[k]);
	buf[i] = '\0';
	return buf;
}

char *
url_clean(const char *url)
{
	struct buf b = {0};
	xmlURIPtr uri;

	buf_add(&b, "", 0);
	for (const unsigned char *p = (const unsigned char *)url; *p; p++) {
		if (*p <= 0x20 || *p >= 0x7F || strchr("\"<>\\^`{|}", *p)) {
			char hex[4];
			snprintf(hex, sizeof(hex), "%%%02X", *p);
			buf_adds(&b, hex);
		} else if (*p == '%' && !(isxdigit(p[1]) && isxdigit(p[2]))) {
			buf_adds(&b, "%25");
		} else if (*p == '#' && strchr((const char *)p + 1, '#')) {
			buf_adds(&b, "%23");
		} else {
			buf_addc(&b, (char)*p);
		}
	}
	uri = xmlParseURI(b.data);
	if (uri == NULL) {
		buf_free(&b);
		return NULL;
	}
	xmlFreeURI(uri);
	return buf_steal(&b);
}

/* Whether a web URL's host is a name or address readers can look up:
 * ASCII labels of letters, digits and hyphens, or a bracketed IPv6
 * address.  (Non-ASCII names would need IDNA; they are refused.) */
static int
valid_host(const char *url)
{
	const char *h = strstr(url, "://"), *e, *at;
	size_t n;

	if (h == NULL)
		return 1;     /* mailto:, tel: */
	h += 3;
	e = h + strcspn(h, "/?#");
	at = memchr(h, '@', (size_t)(e - h));
	if (at != NULL)
		h = at + 1;
	if (*h == '[')
		return memchr(h, ']', (size_t)(e - h)) != NULL;
	n = strcspn(h, ":/?#");
	if (n == 0 || h[0] == '.' || h[0] == '-')
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (h[i] == '.' && (h[i + 1] == '.' || i + 1 == n))
			return i + 1 == n && i > 0;   /* "a.b." is fine */
		if (!isalnum((unsigned char)h[i]) && h[i] != '-' && h[i] != '.')
			return 0;
	}
	return 1;
}

/* url as a web link's href, or NULL when it is not a valid address. */
static char *
web_href(const char *url)
{
	char *href = url_clean(url);

	if (href != NULL && !valid_host(href)) {
		free(href);
		href = NULL;
	}
	return href;
}

/* Whether path names a page's file (.md, .mdx, .markdown). */
static int
file_like(const char *path)
{
	const char *end = path + strcspn(path, "?#");
	size_t n = (size_t)(end - path);

	return (n > 3 && strncmp(end - 3, ".md", 3) == 0) ||
	    (n > 4 && strncmp(end - 4, ".mdx", 4) == 0) ||
	    (n > 9 && strncmp(end - 9, ".markdown", 9) == 0);
}

/* path, relative, resolved against the address page is at: from its
 * folder ("/a/b/" is one, "/a/b.html" is in /a/).  The caller frees it;
 * NULL when it climbs above the site. */
static char *
from_url(const char *page, const char *path)
{
	const char *slash = strrchr(page, '/');
	char *base = xstrndup(page, slash ? (size_t)(slash - page) + 1 : 0);
	char *j = path_join(base, path), *n;
	const char *p = j[0] == '/' ? j + 1 : j;

	/* a browser stops ".." at the site's top */
	n = path_normalize(p);
	while (n == NULL && strncmp(p, "../", 3) == 0) {
		p += 3;
		n = path_normalize(p);
	}
	if (n == NULL && strcmp(p, "..") == 0)
		n = xstrdup("");
	free(j);
	free(base);
	return n;
}

/* The candidate of c nearest the folder dir: the one sharing the longest
 * folder with it; *tie when another shares as much. */
static const struct article *
nearest(const struct cands *c, const char *dir, int *tie)
{
	const struct article *best = NULL;
	size_t bestn = 0;

	*tie = 0;
	for (size_t i = 0; i < c->n; i++) {
		char *d = page_dir(c->v[i]);
		size_t k = 0;
		while (d[k] && d[k] == dir[k])
			k++;
		/* a whole folder in common, not half a name */
		while (k > 0 && d[k] != '\0' && d[k] != '/')
			k--;
		if (best == NULL || k > bestn) {
			best = c->v[i];
			bestn = k;
			*tie = 0;
		} else if (k == bestn) {
			*tie = 1;
		}
		free(d);
	}
	return best;
}

/* The page a link's path names, seen from the page from (NULL: a page of
 * the book's own), by the site's rules; *cands lists the pages a name
 * shared by several could mean when none is nearer than the others. */
static const struct article *
find_path(const struct links *l, const struct article *from,
    const char *path, const struct cands **cands)
{
	const struct article *a = NULL;
	char *dir = from ? page_dir(from) : xstrdup(l->contents.v[0]);
	char *k = NULL;

	*cands = NULL;
	if (path[0] == '/') {
		k = url_key(l, path);
		if (k != NULL)
			a = strmap_get(l->urls, k);
		free(k);
		k = NULL;
		/* a file's path from the content folder (GitBook, Hugo's ref) */
		for (size_t i = 0; a == NULL && i < l->contents.n; i++) {
			char *f = path_join(l->contents.v[i], path + 1);
			k = path_key(f);
			if (k != NULL)
				a = strmap_get(l->paths, k);
			free(k);
			k = NULL;
			free(f);
		}
	} else {
		char *f = path_join(dir, path), *fk = path_key(f), *uk = NULL;
		const struct article *byfile = fk ? strmap_get(l->paths, fk) : NULL;
		const struct article *byurl = NULL;

		if (from != NULL && from->urls.n > 0) {
			char *u = from_url(from->urls.v[0], path);
			if (u != NULL && (uk = url_key(l, u)) != NULL)
				byurl = strmap_get(l->urls, uk);
			free(u);
		}
		a = l->file_first || file_like(path) ? (byfile ? byfile : byurl) :
		    (byurl ? byurl : byfile);
		if (a == NULL) {
			/* written relative, meant from the site's top */
			char *k2 = url_key(l, path);
			if (k2 != NULL)
				a = strmap_get(l->urls, k2);
			free(k2);
		}
		free(uk);
		free(fk);
		free(f);
	}
	if (a == NULL && (k = url_key(l, path)) != NULL && k[0]) {
		/* the last part, as a page's name: the nearest of those that
		 * have it */
		const struct cands *c;
		const char *last = strrchr(k, '/') ? strrchr(k, '/') + 1 : k;
		c = strmap_get(l->slugs, last);
		if (c == NULL) {
			char *stem = file_stem(last);
			c = strmap_get(l->slugs, stem);
			free(stem);
		}
		if (c != NULL && c->n == 1) {
			a = c->v[0];
		} else if (c != NULL) {
			int tie;
			a = nearest(c, dir, &tie);
			if (tie)
				*cands = c;
		}
	}
	free(k);
	free(dir);
	return a;
}

int
links_wikilinks(const struct links *l)
{
	return l != NULL && l->wikilinks;
}

/* The note a wikilink's target names, from the page from, by Obsidian's
 * rule: a path ("Folder/Note") from the vault's top, then from the page's
 * folder, then as the end of a note's path; a name by the notes of that
 * name, the page's folder first, then the shortest path. */
static const struct article *
wikilink_note(const struct links *l, const struct article *from,
    const char *target)
{
	char *t = lower(target);
	const struct cands *c;
	const struct article *best = NULL;
	char *dir = from ? page_dir(from) : xstrdup("");

	if (str_ends(t, ".md"))
		t[strlen(t) - 3] = '\0';
	c = strmap_get(l->names, path_base(t));
	if (strchr(t, '/') != NULL) {
		/* from the top, from the page's folder, or the end of a path */
		char *fromdir = from ? path_dir(from->path) : xstrdup("");
		char *j = path_join(fromdir, t), *rel = path_normalize(j);
		for (int pass = 0; pass < 3 && best == NULL; pass++)
			for (size_t i = 0; best == NULL && c && i < c->n; i++) {
				char *p = lower(c->v[i]->path);
				size_t pn = strlen(p) - (str_ends(p, ".md") ? 3 : 0);
				size_t tn = strlen(t);
				p[pn] = '\0';
				if ((pass == 0 && strcmp(p, t) == 0) ||
				    (pass == 1 && rel && strcmp(p, rel) == 0) ||
				    (pass == 2 && pn > tn && strcmp(p + pn - tn, t) == 0 &&
				    p[pn - tn - 1] == '/'))
					best = c->v[i];
				free(p);
			}
		free(rel);
		free(j);
		free(fromdir);
	} else if (c != NULL) {
		for (size_t i = 0; i < c->n; i++) {
			char *d = page_dir(c->v[i]);
			int here = strcmp(d, dir) == 0;
			free(d);
			if (here) {
				best = c->v[i];
				break;
			}
			if (best == NULL || strlen(c->v[i]->path) < strlen(best->path) ||
			    (strlen(c->v[i]->path) == strlen(best->path) &&
			    strcmp(c->v[i]->path, best->path) < 0))
				best = c->v[i];
		}
	}
	free(dir);
	free(t);
	return best;
}

/* [[Note#Heading]]: the note, its section, this page's, or text. */
static void
resolve_wikilink(const struct links *l, const struct article *from,
    const char *target, struct link *out)
{
	size_t n = strcspn(target, "#");
	char *name = xstrndup(target, n);

	if (target[n] == '#' && target[n + 1])
		out->frag = xstrdup(target + n + 1);
	if (name[0] == '\0') {
		out->kind = out->frag ? LINK_HERE : LINK_TEXT;
	} else if ((out->target = wikilink_note(l, from, name)) != NULL) {
		out->kind = out->frag ? LINK_SECTION : LINK_PAGE;
	} else {
		out->kind = LINK_TEXT;
		out->why = "a note not in the book";
		out->warning = "link to '[[%s]]', a note not in the book, written "
		    "as text";
		out->warn_kind = "page";
		out->what = xstrdup(name);
	}
	free(name);
}

const struct article *
links_find(const struct links *l, const struct article *from,
    const char *ref)
{
	char *url = strip_template(ref), *path;
	const char *p = url;
	const struct article *a;
	const struct cands *c;
	char sch[16];
	size_t off;

	if (under_base(l->base_url, url, &off))
		p = url + off;
	else if (scheme(p, sch, sizeof(sch))[0]) {
		free(url);
		return NULL;
	}
	path = xstrndup(p, strcspn(p, "?#"));
	{
		/* a related entry is often a page's name */
		const struct cands *byname = strmap_get(l->slugs, path);
		a = byname && byname->n == 1 ? byname->v[0] : NULL;
	}
	if (a == NULL)
		a = find_path(l, from, path, &c);
	free(path);
	free(url);
	return a;
}

char *
links_choose_id(const struct strmap *ids, const char *frag)
{
	char *id;

	if (ids != NULL && strmap_get(ids, frag) != NULL)
		return xstrdup(frag);
	id = make_id(frag);
	if (ids != NULL && strmap_get(ids, id) != NULL)
		return id;
	free(id);
	return NULL;
}

/* Whether the file index has path: 1 a file of the site, -1 a link out of
 * the content folder, 0 neither. */
static int
has_file(const struct links *l, const char *path)
{
	const void *v = strmap_get(l->files, path);

	return v == &file_here ? 1 : v == &file_outside ? -1 : 0;
}

/* The first of the folders bases (and the book's folder itself when
 * top) that holds the site path n as a file, or NULL. */
static char *
file_in(const struct links *l, const struct strlist *bases, int top,
    const char *n)
{
	for (size_t i = 0; i < bases->n + (size_t)top; i++) {
		char *c = path_join(i < bases->n ? bases->v[i] : "", n);
		if (has_file(l, c) > 0)
			return c;
		free(c);
	}
	return NULL;
}

/* The path (in the book's folder) of the file of the site a link or
 * picture names, from the page from (NULL: a page of the book's own), or
 * NULL.  Relative paths start from the page's folder, then (where pages
 * are served at addresses of their own) from its address; site paths
 * ("/img/x.png") from each content folder, the book's folder, then each
 * static folder.  Paths that leave the book's folder set *outside. */
static char *
site_file(const struct links *l, const struct article *from,
    const char *path, int *outside)
{
	char *found = NULL, *n, *dir;

	*outside = 0;
	if (path[0] == '/') {
		n = path_normalize(path + 1);
		if (n == NULL || n[0] == '\0') {
			*outside = n == NULL;
			free(n);
			return NULL;
		}
		found = file_in(l, &l->contents, 1, n);
		if (found == NULL)
			found = file_in(l, &l->statics, 0, n);
		free(n);
		return found;
	}
	dir = from ? page_dir(from) : xstrdup(l->contents.v[0]);
	{
		char *j = path_join(dir, path);
		n = path_normalize(j);
		free(j);
	}
	free(dir);
	if (n == NULL) {
		*outside = 1;
		return NULL;
	}
	if (n[0] && has_file(l, n) > 0)
		found = xstrdup(n);
	else if (has_file(l, n) < 0)
		*outside = 1;
	free(n);
	if (found == NULL && !*outside && from != NULL && from->urls.n > 0 &&
	    (n = from_url(from->urls.v[0], path)) != NULL) {
		/* served at /a/b/, the page's "x.png" is /a/b/x.png */
		found = n[0] ? file_in(l, &l->contents, 0, n) : NULL;
		if (found == NULL && n[0])
			found = file_in(l, &l->statics, 0, n);
		free(n);
	}
	return found;
}

/* A link to a file of the site that is no page of the book. */
static void
resolve_file(const struct links *l, const struct article *from,
    const char *path, struct link *out)
{
	int absolute = path[0] == '/', outside;
	char *file = site_file(l, from, path, &outside), *site = NULL;
	int exists = file != NULL;

	if (absolute) {
		site = xstrdup(path);
	} else if (from != NULL && !l->file_first && from->urls.n > 0) {
		char *n = from_url(from->urls.v[0], path);
		site = n ? xasprintf("/%s", n) : NULL;
		free(n);
	} else {
		/* from the page's folder in its content folder */
		char *d = from ? path_dir(from->path) : xstrdup("");
		char *j = path_join(d, path), *n = path_normalize(j);
		site = n ? xasprintf("/%s", n) : NULL;
		free(n);
		free(j);
		free(d);
	}
	if (l->base_url != NULL && site != NULL && (absolute || exists)) {
		/* on the site, as the web has it */
		size_t n = strlen(l->base_url);
		char *web = xasprintf("%.*s%s", (int)(n - (l->base_url[n - 1] ==
		    '/')), l->base_url, site);
		out->href = url_clean(web);
		out->kind = out->href ? LINK_WEB : LINK_TEXT;
		out->off_book = 1;
		free(web);
	} else {
		out->kind = LINK_TEXT;
		out->why = exists ? "a file that is not an article" :
		    "a page not in the book";
		out->warning = exists ? "link to '%s', a file that is not an "
		    "article, written as text (set base_url to link to the "
		    "site)" : "link to '%s', a page not in the book, written "
		    "as text";
		out->warn_kind = "page";
		out->what = xstrdup(path);
	}
	free(site);
	free(file);
}

/* A link whose scheme is s ("http", "mailto"): the web, if allowed. */
static void
resolve_scheme(const char *s, const char *url, const char *p,
    struct link *out)
{
	out->kind = LINK_TEXT;
	out->warn_kind = "scheme";
	out->what = xstrdup(url);
	if (strcmp(s, "http") && strcmp(s, "https") && strcmp(s, "mailto") &&
	    strcmp(s, "tel") && strcmp(s, "ftp")) {
		out->why = "not a web address";
		out->warning = "link removed: '%s' is not a web address";
	} else if ((out->href = web_href(p)) == NULL) {
		out->why = "not a valid address";
		out->warning = "link removed: '%s' is not a valid address";
		out->warn_kind = "url";
	} else {
		out->kind = LINK_WEB;
		free(out->what);
		out->what = NULL;
		out->warn_kind = NULL;
	}
}

void
links_resolve(const struct links *l, const struct article *from,
    const char *raw, struct link *out)
{
	const struct cands *c = NULL;
	char *url = strip_template(raw), *path;
	const char *p = url, *s;
	char sch[16];
	size_t n;

	memset(out, 0, sizeof(*out));
	out->why = "not in the book";
	if (l != NULL && str_starts(raw, WIKILINK_SCHEME)) {
		resolve_wikilink(l, from, raw + strlen(WIKILINK_SCHEME), out);
		free(url);
		return;
	}
	s = scheme(p, sch, sizeof(sch));
	if (under_base(l ? l->base_url : NULL, url, &n)) {
		p = url + n;
		s = "";
	}
	if (s[0]) {
		resolve_scheme(s, url, p, out);
		free(url);
		return;
	}
	if (p[0] == '/' && p[1] == '/') {
		/* protocol-relative: the web */
		char *full = xasprintf("https:%s", p);
		out->href = web_href(full);
		out->kind = out->href ? LINK_WEB : LINK_TEXT;
		free(full);
		free(url);
		return;
	}
	if (p[0] == '@' && p[1] == '/')
		p++;          /* Zola: "@/x.md" is x.md from the content root */
	n = strcspn(p, "?#");
	{
		char *enc = xstrndup(p, n);
		path = unescape(enc);
		free(enc);
	}
	if (p[n] == '?')
		n += strcspn(p + n, "#");
	if (p[n] == '#')
		out->frag = unescape(p + n + 1);
	if (l == NULL) {
		/* no book: fixtures keep what was written */
		out->kind = LINK_WEB;
		out->href = url_clean(url);
	} else if (path[0] == '\0') {
		out->kind = out->frag && out->frag[0] ? LINK_HERE : LINK_TEXT;
	} else if ((out->target = find_path(l, from, path, &c)) != NULL) {
		out->kind = out->frag && out->frag[0] ? LINK_SECTION : LINK_PAGE;
		if (c != NULL) {
			/* a name several pages share, none nearer: say which */
			struct buf names = {0};
			buf_adds(&names, path);
			buf_adds(&names, "' could mean ");
			for (size_t i = 0; i < c->n && i < 4; i++) {
				buf_adds(&names, i ? ", " : "");
				buf_adds(&names, c->v[i]->path);
			}
			if (c->n > 4)
				buf_adds(&names, ", ...");
			buf_adds(&names, "; it goes to ");
			buf_adds(&names, out->target->path);
			out->what = buf_steal(&names);
			out->warning = "link to '%s'";
			out->warn_kind = "ambiguous";
		}
	} else {
		resolve_file(l, from, path, out);
	}
	free(path);
	free(url);
}

/* A vault's picture by the end of its path, as Obsidian finds one a
 * Markdown link names ("shot.png", "images/shot.png"), or NULL. */
static char *
by_filename(const struct links *l, const char *name)
{
	char *low = lower(name);
	const char *found = strmap_get(l->filenames, path_base(low));
	size_t n = strlen(low), m = found ? strlen(found) : 0;
	char *file = NULL;

	if (found != NULL && strstr(low, "..") == NULL && (strchr(low, '/') ==
	    NULL || (m > n && found[m - n - 1] == '/' &&
	    strcasecmp(found + m - n, low) == 0)))
		file = xstrdup(found);
	free(low);
	return file;
}

void
links_picture(const struct links *l, const struct article *from,
    const char *raw, struct picture *out)
{
	char *url = strip_template(raw);
	const char *p = url;
	char sch[16];
	size_t off;
	int outside, site;

	memset(out, 0, sizeof(*out));
	if (str_starts(raw, WIKILINK_SCHEME)) {
		/* ![[picture.png]]: by its name in the vault */
		const char *name = raw + strlen(WIKILINK_SCHEME);
		char *low;
		const char *found;
		out->name = xstrndup(name, strcspn(name, "#|"));
		low = lower(out->name);
		found = strmap_get(l->filenames, path_base(low));
		out->kind = found ? PICTURE_FILE : PICTURE_MISSING;
		out->file = found ? xstrdup(found) : NULL;
		free(low);
		free(url);
		return;
	}
	if ((site = under_base(l->base_url, url, &off)) != 0)
		p = url[off] == '\0' ? "/" : url + off;
	if ((!site && scheme(p, sch, sizeof(sch))[0]) || str_starts(p, "//")) {
		out->kind = PICTURE_REMOTE;
		out->name = url;
		return;
	}
	{
		char *enc = xstrndup(p, strcspn(p, "?#"));
		out->name = unescape(enc);
		free(enc);
	}
	free(url);
	if (out->name[0] == '\0') {
		out->kind = PICTURE_NONE;
		return;
	}
	out->file = site_file(l, from, out->name, &outside);
	if (out->file == NULL && !outside && l->wikilinks)
		out->file = by_filename(l, out->name);
	out->kind = out->file ? PICTURE_FILE : outside ? PICTURE_OUTSIDE :
	    PICTURE_MISSING;
}
