/* links.c: resolves links and images against the link table. */
#include "links.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <libxml/uri.h>
#include <pthread.h>

#include "diag.h"
#include "scan.h"
#include "text.h"
#include "xhtml.h"

/* A link into another chapter's section, written before that chapter's
 * ids were known: checked by links_finish(). */
struct pending {
	size_t order;            /* the linking chapter's place in the book */
	struct article *target;
	char *frag;              /* as written */
	char *id;                /* the id the href used */
	const char *src;
	int line;
};

struct row {                     /* a line of --report */
	size_t order, seq;       /* chapter, then place in it: the sort key */
	const char *src;
	int line;
	const char *kind;
	char *target, *outcome;
};

struct links {
	struct book *book;
	struct strmap *paths;    /* "sleep/naps" -> article */
	struct strmap *slugs;    /* "naps" -> article */
	struct strmap *images;   /* SHA-1 hex -> resource */
	struct strmap *inside;   /* content path -> &yes or &no */
	struct strmap *files;    /* content path -> resource, once read */
	struct pending *pend;
	size_t npend, cappend;
	struct strlist statics;  /* folders site-absolute images may be in */
	struct row *rows;
	size_t nrows, caprows;
	pthread_mutex_t lock;    /* rows, pend, the maps of files, b->res */
	int final;               /* every chapter's ids are known */
};

/* "sleep/naps.md", "sleep/naps/index.md", "/sleep/naps/" and
 * "sleep/naps.html" all become "sleep/naps".  Returns NULL when the path
 * climbs out of the content folder.  The caller frees it. */
static char *
path_key(const char *p)
{
	char *s = xstrdup(p), *norm;
	size_t n;
	static const char *const exts[] = {".md", ".markdown", ".html",
	    ".htm", ".xhtml", NULL};

	while (s[0] == '/') {
		memmove(s, s + 1, strlen(s));
	}
	norm = path_normalize(s);
	free(s);
	if (norm == NULL)
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
add_path(struct links *l, const char *p, struct article *a)
{
	char *k = path_key(p);

	/* "" is the site's home page, index.md at the root */
	if (k != NULL)
		strmap_put(l->paths, k, a);
	free(k);
}

static char *site_file(struct links *l, const char *dir, const char *path,
    int *outside);

struct links *
links_new(struct book *b)
{
	struct links *l = xcalloc(1, sizeof(*l));

	l->book = b;
	pthread_mutex_init(&l->lock, NULL);
	l->paths = strmap_new();
	l->slugs = strmap_new();
	l->images = strmap_new();
	l->inside = strmap_new();
	l->files = strmap_new();
	if (b->cfg.statics.n) {
		for (size_t i = 0; i < b->cfg.statics.n; i++)
			strlist_add(&l->statics, b->cfg.statics.v[i]);
	} else {
		strlist_add(&l->statics, "static");
		strlist_add(&l->statics, "assets");
		strlist_add(&l->statics, "public");
	}
	for (size_t i = 0; i < b->narts; i++) {
		struct article *a = b->arts[i];
		char *stem = file_stem(a->path), *dir = path_dir(a->path);
		char *jekyll = path_join(dir, stem);

		add_path(l, a->path, a);
		add_path(l, jekyll, a);
		for (size_t j = 0; j < a->aliases.n; j++)
			add_path(l, a->aliases.v[j], a);
		strmap_put(l->slugs, a->slug, a);
		strmap_put(l->slugs, stem, a);
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
	strmap_free(l->images);
	strmap_free(l->inside);
	strmap_free(l->files);
	for (size_t i = 0; i < l->npend; i++) {
		free(l->pend[i].frag);
		free(l->pend[i].id);
	}
	free(l->pend);
	pthread_mutex_destroy(&l->lock);
	for (size_t i = 0; i < l->nrows; i++) {
		free(l->rows[i].target);
		free(l->rows[i].outcome);
	}
	free(l->rows);
	strlist_free(&l->statics);
	free(l);
}

void
links_note(struct links *l, size_t order, const char *src, int line,
    const char *kind, const char *target, const char *outcome)
{
	struct row *r;
	static _Thread_local size_t seq;

	if (l == NULL)
		return;
	pthread_mutex_lock(&l->lock);
	if (l->nrows == l->caprows) {
		l->caprows = l->caprows ? l->caprows * 2 : 256;
		l->rows = xrealloc(l->rows, l->caprows * sizeof(*l->rows));
	}
	r = &l->rows[l->nrows++];
	r->order = order;
	r->seq = seq++;
	r->src = src;
	r->line = line;
	r->kind = kind;
	r->target = xstrdup(target);
	r->outcome = xstrdup(outcome);
	pthread_mutex_unlock(&l->lock);
}

void
links_forget(struct links *l, size_t order)
{
	size_t n = 0;

	for (size_t i = 0; i < l->nrows; i++) {
		if (l->rows[i].order == order) {
			free(l->rows[i].target);
			free(l->rows[i].outcome);
		} else {
			l->rows[n++] = l->rows[i];
		}
	}
	l->nrows = n;
}

static int
row_cmp(const void *x, const void *y)
{
	const struct row *a = x, *b = y;

	if (a->order != b->order)
		return a->order < b->order ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

int
links_report(struct links *l, const char *path)
{
	FILE *f = fopen(path, "w");

	if (l->nrows)
		qsort(l->rows, l->nrows, sizeof(*l->rows), row_cmp);
	if (f == NULL) {
		errx_at(path, 0, "cannot write the report: %s", strerror(errno));
		return -1;
	}
	fputs("article\tline\tkind\ttarget\toutcome\n", f);
	for (size_t i = 0; i < l->nrows; i++) {
		const struct row *r = &l->rows[i];
		/* tabs and line breaks would break the table */
		for (char *c = r->target; *c; c++)
			if (*c == '\t' || *c == '\n' || *c == '\r')
				*c = ' ';
		fprintf(f, "%s\t%d\t%s\t%s\t%s\n", r->src, r->line, r->kind,
		    r->target, r->outcome);
	}
	if (fclose(f) != 0) {
		errx_at(path, 0, "cannot write the report: %s", strerror(errno));
		return -1;
	}
	return 0;
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

/* A URL as an href EPUBCheck accepts: spaces and other characters URLs
 * cannot hold are percent-encoded.  NULL when it still does not parse. */
static char *
clean_url(const char *url)
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

static int
warn_once(struct chapter *ch, const char *kind, const char *what, int line,
    const char *fmt)
{
	char *key = xasprintf("%s\n%s", kind, what);
	int first = strmap_get(ch->warned, key) == NULL;

	if (first) {
		strmap_put(ch->warned, key, (void *)1);
		warnx_at(ch->src, line, fmt, what);
	}
	free(key);
	return first;
}

/* The article for a site path or a relative path, trying the forms sites
 * use: the path itself, then its last segment as a slug. */
static struct article *
find_path(struct links *l, const char *dir, const char *path, int absolute)
{
	struct article *a = NULL;
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
		char *stem;
		const char *last = strrchr(k, '/') ? strrchr(k, '/') + 1 : k;
		stem = file_stem(last);
		a = strmap_get(l->slugs, last);
		if (a == NULL)
			a = strmap_get(l->slugs, stem);
		free(stem);
	}
	free(k);
	free(joined);
	return a;
}

struct article *
links_find(struct links *l, const struct article *from, const char *ref)
{
	char *url = strip_template(ref), *dir, *path;
	const char *base = l->book->cfg.base_url, *p = url;
	struct article *a;
	char sch[16];

	if (base != NULL && str_starts(p, base))
		p += strlen(base);
	else if (scheme(p, sch, sizeof(sch))[0]) {
		free(url);
		return NULL;
	}
	path = xstrndup(p, strcspn(p, "?#"));
	dir = from ? path_dir(from->path) : xstrdup("");
	a = strmap_get(l->slugs, path);
	if (a == NULL)
		a = find_path(l, dir, path, path[0] == '/');
	free(path);
	free(dir);
	free(url);
	return a;
}

/* The id a fragment names in a chapter with these ids: the fragment
 * itself, else its slug (sites link "#Dosage Guide" to "dosage-guide");
 * NULL when neither is there.  The caller frees it. */
static char *
choose_id(struct strmap *ids, const char *frag)
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

/* The link into target's section frag.  Once every chapter is written its
 * ids decide; before, the fragment (or its slug) is written and checked
 * later by links_finish(), which has the chapter written again if it was
 * wrong. */
static void
link_fragment(struct chapter *ch, xmlNode *a, struct article *t,
    const char *frag, int line)
{
	struct links *l = ch->links;
	char *id, *href;

	if (l->final) {
		id = choose_id(t->ids, frag);
	} else {
		id = id_valid(frag) ? xstrdup(frag) : make_id(frag);
		pthread_mutex_lock(&l->lock);
		if (l->npend == l->cappend) {
			l->cappend = l->cappend ? l->cappend * 2 : 64;
			l->pend = xrealloc(l->pend, l->cappend * sizeof(*l->pend));
		}
		l->pend[l->npend].order = ch->order;
		l->pend[l->npend].target = t;
		l->pend[l->npend].frag = xstrdup(frag);
		l->pend[l->npend].id = xstrdup(id);
		l->pend[l->npend].src = ch->src;
		l->pend[l->npend].line = line;
		l->npend++;
		pthread_mutex_unlock(&l->lock);
	}
	href = id ? xasprintf("%s#%s", t->file, id) : xstrdup(t->file);
	set_attr(a, "href", href);
	free(href);
	free(id);
}

int
links_href(struct chapter *ch, const char *raw, int line, xmlNode *a)
{
	struct links *l = ch->links;
	char *url = strip_template(raw), *path = NULL, *frag = NULL, *href;
	const char *base = l ? l->book->cfg.base_url : NULL, *p = url, *s;
	char sch[16];
	struct article *t;
	int rc = 0, absolute;
	const char *why = "not in the book";
	int fallback = 0;

	s = scheme(p, sch, sizeof(sch));
	if (base != NULL && str_starts(p, base) &&
	    (p[strlen(base)] == '\0' || p[strlen(base)] == '/' ||
	    base[strlen(base) - 1] == '/')) {
		p += strlen(base);
		if (p[-1] == '/')
			p--;
		s = "";
	}
	if (s[0]) {
		if (strcmp(s, "http") && strcmp(s, "https") && strcmp(s, "mailto") &&
		    strcmp(s, "tel") && strcmp(s, "ftp")) {
			warn_once(ch, "scheme", url, line,
			    "link removed: '%s' is not a web address");
			why = "not a web address";
			rc = -1;
		} else if ((href = clean_url(p)) == NULL || !valid_host(href)) {
			free(href);
			warn_once(ch, "url", url, line, "link removed: '%s' is "
			    "not a valid address");
			why = "not a valid address";
			rc = -1;
		} else {
			xmlSetProp(a, BAD_CAST "href", BAD_CAST href);
			free(href);
		}
		goto out;
	}
	if (p[0] == '/' && p[1] == '/') {
		/* protocol-relative: the web */
		char *full = xasprintf("https:%s", p);
		if ((href = clean_url(full)) != NULL && valid_host(href)) {
			xmlSetProp(a, BAD_CAST "href", BAD_CAST href);
			free(href);
		} else {
			free(href);
			rc = -1;
		}
		free(full);
		goto out;
	}
	if (p[0] == '@' && p[1] == '/')
		p++;          /* Zola: "@/x.md" is x.md from the content root */
	{
		size_t n = strcspn(p, "?#");
		char *enc = xstrndup(p, n);
		path = unescape(enc);
		free(enc);
		if (p[n] == '?')
			n += strcspn(p + n, "#");
		if (p[n] == '#')
			frag = unescape(p + n + 1);
	}
	if (l == NULL) {
		/* no book: fixtures keep what was written */
		if ((href = clean_url(url)) != NULL) {
			xmlSetProp(a, BAD_CAST "href", BAD_CAST href);
			free(href);
		}
		goto out;
	}
	if (path[0] == '\0') {
		if (frag == NULL || frag[0] == '\0') {
			rc = -1;
			goto out;
		}
		/* within this page: checked when the page is complete */
		xmlSetProp(a, BAD_CAST "href", BAD_CAST "#");
		xmlSetProp(a, BAD_CAST "data-hbook-frag", BAD_CAST frag);
		ch->local = xrealloc(ch->local, (ch->nlocal + 1) *
		    sizeof(*ch->local));
		ch->local[ch->nlocal++] = a;
		goto out;
	}
	absolute = path[0] == '/';
	t = find_path(l, ch->dir ? ch->dir : "", path, absolute);
	if (t != NULL) {
		if (frag != NULL && frag[0])
			link_fragment(ch, a, t, frag, line);
		else
			xmlSetProp(a, BAD_CAST "href", BAD_CAST t->file);
		goto out;
	}
	{
		/* a file of the site that is not an article: a PDF, a form */
		int outside;
		char *joined = absolute ? xstrdup(path + 1) :
		    path_join(ch->dir ? ch->dir : "", path);
		char *norm = path_normalize(joined);
		char *file = site_file(l, ch->dir ? ch->dir : "", path, &outside);
		int exists = file != NULL;
		char *site = absolute ? xstrdup(path) : norm ?
		    xasprintf("/%s", norm) : NULL;

		free(file);
		if (base != NULL && site != NULL && (absolute || exists)) {
			fallback = 1;
			char *web = xasprintf("%.*s%s", (int)(strlen(base) -
			    (base[strlen(base) - 1] == '/')), base, site);
			if ((href = clean_url(web)) != NULL) {
				xmlSetProp(a, BAD_CAST "href", BAD_CAST href);
				free(href);
			} else {
				rc = -1;
			}
			free(web);
		} else {
			why = exists ? "a file that is not an article" :
			    "a page not in the book";
			warn_once(ch, "page", path, line, exists ?
			    "link to '%s', a file that is not an article, "
			    "written as text (set base_url to link to the site)" :
			    "link to '%s', a page not in the book, written as "
			    "text");
			rc = -1;
		}
		free(site);
		free(norm);
		free(joined);
	}
out:
	if (l != NULL) {
		xmlChar *h = rc < 0 ? NULL : xmlGetProp(a, BAD_CAST "href");
		char *outcome;

		if (rc < 0)
			outcome = xasprintf("text: %s", why);
		else if (h != NULL && fallback)
			outcome = xasprintf("web link, not in the book: %s", h);
		else if (h != NULL && strchr((const char *)h, ':') != NULL)
			outcome = xasprintf("web link: %s", h);
		else if (h != NULL && h[0] == '#')
			outcome = xstrdup("in the book: this page");
		else
			outcome = xasprintf("in the book: %s", h ? (char *)h : "");
		links_note(l, ch->order, ch->src, line, "link", raw, outcome);
		free(outcome);
		xmlFree(h);
	}
	free(path);
	free(frag);
	free(url);
	return rc;
}

static void
set_fragment(xmlNode *a, struct strmap *ids, const char *file,
    const char *frag, const char *src, int line)
{
	char *id = choose_id(ids, frag), *href;

	if (id == NULL) {
		warnx_at(src, line, "link to '#%s': no such section in %s; "
		    "it points at the page", frag, file[0] ? file : "the page");
		href = xstrdup(file);
	} else {
		href = xasprintf("%s#%s", file, id);
	}
	set_attr(a, "href", href);
	free(href);
	free(id);
}

void
links_check_local(struct chapter *ch)
{
	for (size_t i = 0; i < ch->nlocal; i++) {
		xmlNode *a = ch->local[i];
		xmlChar *frag = xmlGetProp(a, BAD_CAST "data-hbook-frag");

		xmlUnsetProp(a, BAD_CAST "data-hbook-frag");
		set_fragment(a, ch->ids, ch->file ? ch->file : "",
		    (const char *)frag, ch->src, 0);
		xmlFree(frag);
	}
	ch->nlocal = 0;
}

static int
pend_cmp(const void *x, const void *y)
{
	const struct pending *a = x, *b = y;

	if (a->order != b->order)
		return a->order < b->order ? -1 : 1;
	return a->line - b->line;
}

size_t
links_finish(struct links *l, size_t **redo)
{
	size_t n = 0;

	if (l->npend)
		qsort(l->pend, l->npend, sizeof(*l->pend), pend_cmp);
	*redo = xcalloc(l->npend + 1, sizeof(**redo));
	for (size_t i = 0; i < l->npend; i++) {
		struct pending *p = &l->pend[i];
		char *id = choose_id(p->target->ids, p->frag);

		if (id == NULL)
			warnx_at(p->src, p->line, "link to '#%s': no such section "
			    "in %s; it points at the page", p->frag,
			    p->target->file);
		if ((id == NULL || strcmp(id, p->id) != 0) &&
		    (n == 0 || (*redo)[n - 1] != p->order))
			(*redo)[n++] = p->order;
		free(id);
	}
	l->final = 1;
	return n;
}

/* ---- files of the site ---- */

/* Whether rel names a symbolic link (that path_inside() refused). */
static int
access_link(const char *root, const char *rel)
{
	char *full = path_join(root, rel);
	struct stat st;
	int link = lstat(full, &st) == 0 && S_ISLNK(st.st_mode);

	free(full);
	return link;
}

static const char *
sniff(const unsigned char *d, size_t n, const char **ext)
{
	size_t i = 0;

	if (n >= 8 && memcmp(d, "\x89PNG\r\n\x1a\n", 8) == 0)
		return *ext = "png", "image/png";
	if (n >= 3 && d[0] == 0xFF && d[1] == 0xD8 && d[2] == 0xFF)
		return *ext = "jpg", "image/jpeg";
	if (n >= 6 && (memcmp(d, "GIF87a", 6) == 0 ||
	    memcmp(d, "GIF89a", 6) == 0))
		return *ext = "gif", "image/gif";
	if (n >= 12 && memcmp(d, "RIFF", 4) == 0 && memcmp(d + 8, "WEBP", 4) == 0)
		return *ext = "webp", "image/webp";
	if (n >= 3 && memcmp(d, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < n && isspace(d[i]))
		i++;
	if (i < n && d[i] == '<') {
		/* SVG: XML whose root is <svg> */
		size_t lim = n < 4096 ? n : 4096;
		/* cppcheck-suppress knownConditionTrueFalse ; it loses track of
		 * n here: lim is up to 4096 */
		for (size_t k = i; k + 4 <= lim; k++)
			if (memcmp(d + k, "<svg", 4) == 0)
				return *ext = "svg", "image/svg+xml";
	}
	return NULL;
}


/* path_inside(), remembered: pages name the same images again and
 * again (a logo, an icon), and each answer walks two paths through
 * realpath(), a system call per folder. */
static int
inside(struct links *l, const char *rel)
{
	static const char yes, no;
	const void *v;

	pthread_mutex_lock(&l->lock);
	v = strmap_get(l->inside, rel);
	pthread_mutex_unlock(&l->lock);
	if (v == NULL) {
		v = path_inside(l->book->root, rel) ? &yes : &no;
		pthread_mutex_lock(&l->lock);
		strmap_put(l->inside, rel, (void *)v);
		pthread_mutex_unlock(&l->lock);
	}
	return v == &yes;
}

/* The path (relative to the content folder) of the file a link or image
 * names, or NULL.  Relative paths start from the page's folder in the
 * pages folder; site paths ("/img/x.png") from the pages folder, the
 * content folder, then each static folder.  Paths that leave the content
 * folder set *outside and are never looked at further. */
static char *
site_file(struct links *l, const char *dir, const char *path, int *outside)
{
	const struct book *b = l->book;
	const char *pages = b->cfg.pages ? b->cfg.pages : "";
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
			const char *base = i == 0 ? pages : i == 1 ? "" :
			    l->statics.v[i - 2];
			char *c = path_join(base, n);
			if (inside(l, c))
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
		pj = path_join(pages, n);
		if (n[0] && inside(l, pj))
			found = xstrdup(pj);
		else if (access_link(b->root, pj))
			*outside = 1;
		free(pj);
	}
	free(n);
	return found;
}

/* ---- images ---- */

char *
links_image(struct chapter *ch, const char *raw, int line)
{
	struct links *l = ch->links;
	struct book *b;
	char *url, *path = NULL, *found = NULL, *rel = NULL;
	const char *type, *ext, *base;
	char sch[16], hex[41];
	unsigned char *data = NULL;
	size_t len;
	struct resource *r;
	int outside = 0;
	const char *why = "not found";

	if (l == NULL)
		return clean_url(raw);
	b = l->book;
	base = b->cfg.base_url;
	url = strip_template(raw);
	if (base != NULL && str_starts(url, base)) {
		char *site = xasprintf("/%s", url + strlen(base) +
		    (url[strlen(base)] == '/'));
		free(url);
		url = site;
	}
	if (scheme(url, sch, sizeof(sch))[0] || str_starts(url, "//")) {
		warn_once(ch, "image", url, line, "remote image not embedded: "
		    "%s (its alt text stands in)");
		links_note(l, ch->order, ch->src, line, "image", raw,
		    "alt text: remote");
		free(url);
		return NULL;
	}
	{
		char *enc = xstrndup(url, strcspn(url, "?#"));
		path = unescape(enc);
		free(enc);
	}
	if (path[0] == '\0') {
		free(path);
		free(url);
		return NULL;
	}
	found = site_file(l, ch->dir ? ch->dir : "", path, &outside);
	if (outside) {
		why = "outside the content folder";
		warn_once(ch, "image", path, line, "image outside the content "
		    "folder not read: %s (its alt text stands in)");
		goto out;
	}
	if (found == NULL) {
		warn_once(ch, "image", path, line, "image not found in the "
		    "content folder: %s (its alt text stands in)");
		goto out;
	}
	/* read once however many pages show it */
	pthread_mutex_lock(&l->lock);
	r = strmap_get(l->files, found);
	pthread_mutex_unlock(&l->lock);
	if (r != NULL) {
		rel = xasprintf("../%s", r->href);
		goto out;
	}
	{
		char *full = path_join(b->root, found);
		int rc = file_read(full, (char **)&data, &len);
		free(full);
		if (rc < 0) {
			why = "cannot be read";
			warn_once(ch, "image", path, line, "cannot read image "
			    "%s (its alt text stands in)");
			goto out;
		}
	}
	if ((type = sniff(data, len, &ext)) == NULL) {
		why = "not a PNG, JPEG, GIF or SVG image";
		warn_once(ch, "image", path, line, "not a PNG, JPEG, GIF or "
		    "SVG image: %s (its alt text stands in)");
		goto out;
	}
	if (strcmp(ext, "webp") == 0) {
		why = "WebP, left out";
		warn_once(ch, "image", path, line, "WebP image left out: %s "
		    "(many e-readers cannot show WebP; convert it to PNG or "
		    "JPEG)");
		goto out;
	}
	{
		unsigned char sha[20];
		sha1(data, len, sha);
		for (int i = 0; i < 20; i++)
			snprintf(hex + 2 * i, 3, "%02x", sha[i]);
		pthread_mutex_lock(&l->lock);
		r = strmap_get(l->images, hex);
		if (r == NULL) {
			r = xcalloc(1, sizeof(*r));
			memcpy(r->sha, sha, 20);
			r->href = xasprintf("images/%.16s.%s", hex, ext);
			r->id = xasprintf("img-%.16s", hex);
			r->media_type = xstrdup(type);
			r->data = data;
			r->len = len;
			data = NULL;
			b->res = xrealloc(b->res, (b->nres + 1) * sizeof(*b->res));
			b->res[b->nres++] = r;
			strmap_put(l->images, hex, r);
		}
		strmap_put(l->files, found, r);
		pthread_mutex_unlock(&l->lock);
	}
	rel = xasprintf("../%s", r->href);
out:
	{
		char *outcome = rel ? xasprintf("embedded: %s", rel + 3) :
		    xasprintf("alt text: %s", why);
		links_note(l, ch->order, ch->src, line, "image", raw, outcome);
		free(outcome);
	}
	free(data);
	free(found);
	free(path);
	free(url);
	return rel;
}
