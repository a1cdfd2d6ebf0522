/* links.c: the link table, and the resolvers that answer from it. */
#include "links.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/uri.h>

#include "scan.h"
#include "text.h"

/* The file index's values: a file of the site, or a symbolic link that
 * leaves the content folder (named, never read). */
static const char file_here, file_outside;

struct links {
	const char *base_url;
	const char *pages;       /* the pages folder in the content folder */
	struct strmap *paths;    /* "sleep/naps" -> article */
	struct strmap *slugs;    /* "naps" -> article */
	struct strmap *files;    /* content path -> &file_here, &file_outside */
	struct strlist statics;  /* folders site-absolute files may be in */
};

/* "sleep/naps.md", "sleep/naps/index.md", "/sleep/naps/" and
 * "sleep/naps.html" all become "sleep/naps".  Returns NULL when the path
 * climbs out of the content folder.  The caller frees it. */
static char *
path_key(const char *p)
{
	static const char *const exts[] = {".md", ".markdown", ".html",
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
	n = strlen(norm);
	if (strcmp(norm, "index") == 0 || strcmp(norm, "_index") == 0)
		norm[0] = '\0';
	else if (n > 6 && strcmp(norm + n - 6, "/index") == 0)
		norm[n - 6] = '\0';
	else if (n > 7 && strcmp(norm + n - 7, "/_index") == 0)
		norm[n - 7] = '\0';
	return norm;
}

/* Percent-decodes s.  The caller frees it. */
static char *
unescape(const char *s)
{
	char *u = xmlURIUnescapeString(s, 0, NULL);

	return u ? u : xstrdup(s);
}

static void
add_path(struct links *l, const char *p, const struct article *a)
{
	char *k = path_key(p);

	/* "" is the site's home page, index.md at the root */
	if (k != NULL)
		strmap_put(l->paths, k, (void *)a);
	free(k);
}

struct links *
links_new(const struct book *b, const struct scan *s)
{
	struct links *l = xcalloc(1, sizeof(*l));

	l->base_url = b->cfg.base_url;
	l->pages = b->cfg.pages ? b->cfg.pages : "";
	l->paths = strmap_new();
	l->slugs = strmap_new();
	l->files = strmap_new();
	if (b->cfg.statics.n) {
		for (size_t i = 0; i < b->cfg.statics.n; i++)
			strlist_add(&l->statics, b->cfg.statics.v[i]);
	} else {
		strlist_add(&l->statics, "static");
		strlist_add(&l->statics, "assets");
		strlist_add(&l->statics, "public");
	}
	for (size_t i = 0; s != NULL && i < s->files.n; i++)
		strmap_put(l->files, s->files.v[i], (void *)&file_here);
	for (size_t i = 0; s != NULL && i < s->outside.n; i++)
		strmap_put(l->files, s->outside.v[i], (void *)&file_outside);
	for (size_t i = 0; i < b->narts; i++) {
		const struct article *a = b->arts[i];
		char *stem = file_stem(a->path), *dir = path_dir(a->path);
		char *jekyll = path_join(dir, stem);

		add_path(l, a->path, a);
		add_path(l, jekyll, a);
		for (size_t j = 0; j < a->aliases.n; j++)
			add_path(l, a->aliases.v[j], a);
		strmap_put(l->slugs, a->slug, (void *)a);
		strmap_put(l->slugs, stem, (void *)a);
		free(jekyll);
		free(dir);
		free(stem);
	}
	return l;
}

void
links_free(struct links *l)
{
	if (l == NULL)
		return;
	strmap_free(l->paths);
	strmap_free(l->slugs);
	strmap_free(l->files);
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

/* The article for a site path or a relative path, trying the forms sites
 * use: the path itself, then its last segment as a slug. */
static const struct article *
find_path(const struct links *l, const char *dir, const char *path,
    int absolute)
{
	const struct article *a = NULL;
	char *joined = absolute ? xstrdup(path) : path_join(dir, path);
	char *k = path_key(joined);

	if (k != NULL)
		a = strmap_get(l->paths, k);
	if (a == NULL && !absolute) {
		/* written relative, meant from the site's root */
		char *k2 = path_key(path);
		if (k2 != NULL)
			a = strmap_get(l->paths, k2);
		free(k2);
	}
	if (a == NULL && k != NULL && k[0]) {
		const char *last = strrchr(k, '/') ? strrchr(k, '/') + 1 : k;
		char *stem = file_stem(last);
		a = strmap_get(l->slugs, last);
		if (a == NULL)
			a = strmap_get(l->slugs, stem);
		free(stem);
	}
	free(k);
	free(joined);
	return a;
}

const struct article *
links_find(const struct links *l, const char *dir, const char *ref)
{
	char *url = strip_template(ref), *path;
	const char *p = url;
	const struct article *a;
	char sch[16];
	size_t off;

	if (under_base(l->base_url, url, &off))
		p = url + off;
	else if (scheme(p, sch, sizeof(sch))[0]) {
		free(url);
		return NULL;
	}
	path = xstrndup(p, strcspn(p, "?#"));
	a = strmap_get(l->slugs, path);
	if (a == NULL)
		a = find_path(l, dir, path, path[0] == '/');
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

/* The path (relative to the content folder) of the file of the site a
 * link or picture names, or NULL.  Relative paths start from the page's
 * folder in the pages folder; site paths ("/img/x.png") from the pages
 * folder, the content folder, then each static folder.  Paths that leave
 * the content folder set *outside. */
static char *
site_file(const struct links *l, const char *dir, const char *path,
    int *outside)
{
	char *found = NULL, *n;

	*outside = 0;
	if (path[0] == '/') {
		n = path_normalize(path + 1);
		if (n == NULL || n[0] == '\0') {
			*outside = n == NULL;
			free(n);
			return NULL;
		}
		for (size_t i = 0; found == NULL && i < l->statics.n + 2; i++) {
			const char *base = i == 0 ? l->pages : i == 1 ? "" :
			    l->statics.v[i - 2];
			char *c = path_join(base, n);
			if (has_file(l, c) > 0)
				found = c;
			else
				free(c);
		}
	} else {
		char *j = path_join(dir, path), *pj;
		n = path_normalize(j);
		free(j);
		if (n == NULL) {
			*outside = 1;
			return NULL;
		}
		pj = path_join(l->pages, n);
		if (n[0] && has_file(l, pj) > 0)
			found = xstrdup(pj);
		else if (has_file(l, pj) < 0)
			*outside = 1;
		free(pj);
	}
	free(n);
	return found;
}

/* A link to a file of the site that is no page of the book. */
static void
resolve_file(const struct links *l, const char *dir, const char *path,
    struct link *out)
{
	int absolute = path[0] == '/', outside;
	char *joined = absolute ? xstrdup(path + 1) : path_join(dir, path);
	char *norm = path_normalize(joined);
	char *file = site_file(l, dir, path, &outside);
	int exists = file != NULL;
	char *site = absolute ? xstrdup(path) : norm ?
	    xasprintf("/%s", norm) : NULL;

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
	free(norm);
	free(joined);
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
links_resolve(const struct links *l, const char *dir, const char *raw,
    struct link *out)
{
	char *url = strip_template(raw), *path;
	const char *p = url, *s;
	char sch[16];
	size_t n;

	memset(out, 0, sizeof(*out));
	out->why = "not in the book";
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
	} else if ((out->target = find_path(l, dir, path,
	    path[0] == '/')) != NULL) {
		out->kind = out->frag && out->frag[0] ? LINK_SECTION : LINK_PAGE;
	} else {
		resolve_file(l, dir, path, out);
	}
	free(path);
	free(url);
}

void
links_picture(const struct links *l, const char *dir, const char *raw,
    struct picture *out)
{
	char *url = strip_template(raw);
	const char *p = url;
	char sch[16];
	size_t off;
	int outside, site;

	memset(out, 0, sizeof(*out));
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
	out->file = site_file(l, dir, out->name, &outside);
	out->kind = out->file ? PICTURE_FILE : outside ? PICTURE_OUTSIDE :
	    PICTURE_MISSING;
}
