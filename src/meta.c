/* meta.c: reads front matter and hbook.yaml into the model. */
#include "meta.h"

#include <errno.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "text.h"
#include "yaml.h"

/* The site's own names for hbook's fields (hbook.yaml "fields:"), shared by
 * every article of one export. */
static const struct ynode *field_map;

static size_t
line_end(const char *s, size_t i, size_t len, size_t *next)
{
	size_t e = i;

	while (e < len && s[e] != '\n')
		e++;
	*next = e < len ? e + 1 : e;
	if (e > i && s[e - 1] == '\r')
		e--;
	return e;
}

/* Whether s[i..e) is fence followed only by blanks. */
static int
is_fence(const char *s, size_t i, size_t e, const char *fence)
{
	size_t n = strlen(fence);

	if (e - i < n || memcmp(s + i, fence, n) != 0)
		return 0;
	for (i += n; i < e; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return 0;
	return 1;
}

int
frontmatter_split(const char *text, size_t len, const char **yaml,
    size_t *ylen, const char **body, int *body_line)
{
	size_t i = 0, e, next, ystart;
	int line = 1;

	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	*yaml = NULL;
	*ylen = 0;
	*body = text + i;
	*body_line = 1;
	e = line_end(text, i, len, &next);
	if (!is_fence(text, i, e, "---"))
		return 0;
	ystart = next;
	for (i = next; i < len; i = next) {
		line++;
		e = line_end(text, i, len, &next);
		if (is_fence(text, i, e, "---") || is_fence(text, i, e, "...")) {
			*yaml = text + ystart;
			*ylen = i - ystart;
			*body = text + next;
			*body_line = line + 1;
			return 0;
		}
	}
	return -1;
}

static int
has_value(const struct ynode *v)
{
	return v != NULL && v->kind != Y_NULL &&
	    (v->kind != Y_SCALAR || v->str[0] != '\0');
}

/* The node for hbook's field name: the site's names from "fields:" first,
 * in order, the first with a value winning; then hbook's own name. */
static const struct ynode *
field(const struct ynode *map, const char *name)
{
	const struct ynode *alias = ymap_get(field_map, name), *v, *first = NULL;

	if (alias != NULL && alias->kind == Y_SCALAR) {
		if (has_value(v = ymap_get(map, alias->str)))
			return v;
		first = v;
	} else if (alias != NULL && alias->kind == Y_SEQ) {
		for (size_t i = 0; i < alias->nkids; i++) {
			if (ystr(alias->kids[i]) == NULL)
				continue;
			v = ymap_get(map, alias->kids[i]->str);
			if (has_value(v))
				return v;
			if (first == NULL)
				first = v;
		}
	}
	v = ymap_get(map, name);
	return has_value(v) || first == NULL ? v : first;
}

/* A text field: NULL when absent, empty, null or not text (with a
 * warning for the last). */
static char *
get_text(const struct ynode *map, const char *name, const char *src,
    int line0)
{
	const struct ynode *v = field(map, name);
	char *s;

	if (v == NULL)
		return NULL;
	if (v->kind == Y_NULL) {
		warnx_at(src, line0 + v->line - 1, "'%s' is empty; ignored", name);
		return NULL;
	}
	if (v->kind != Y_SCALAR) {
		warnx_at(src, line0 + v->line - 1, "'%s' should be text; "
		    "ignored", name);
		return NULL;
	}
	{
		char *tmp = xstrdup(v->str);
		s = xstrdup(str_trim(tmp));
		free(tmp);
	}
	if (s[0] == '\0') {
		warnx_at(src, line0 + v->line - 1, "'%s' is empty; ignored", name);
		free(s);
		return NULL;
	}
	return s;
}

/* A list field: one text or a list of texts. */
static void
get_list(const struct ynode *map, const char *name, struct strlist *out,
    const char *src, int line0)
{
	const struct ynode *v = field(map, name);

	if (v == NULL || v->kind == Y_NULL)
		return;
	if (v->kind == Y_SCALAR) {
		/* "related: false" means none */
		if (v->plain && (strcmp(v->str, "false") == 0 ||
		    strcmp(v->str, "true") == 0))
			return;
		if (v->str[0])
			strlist_add(out, v->str);
		return;
	}
	if (v->kind == Y_MAP) {
		warnx_at(src, line0 + v->line - 1, "'%s' should be a list; "
		    "ignored", name);
		return;
	}
	for (size_t i = 0; i < v->nkids; i++) {
		const struct ynode *k = v->kids[i];
		const char *s = ystr(k);

		/* lists of mappings ({url: ..., title: ...}): take the url */
		if (s == NULL && k->kind == Y_MAP)
			s = ystr(ymap_get(k, "url"));
		if (s != NULL && s[0] && !strlist_has(out, s))
			strlist_add(out, s);
	}
}

static char *
get_date(const struct ynode *map, const char *name, const char *src,
    int line0)
{
	char *s = get_text(map, name, src, line0), *d;

	if (s == NULL)
		return NULL;
	d = date_normalize(s);
	if (d == NULL)
		warnx_at(src, line0 + field(map, name)->line - 1,
		    "'%s' is not a date (YYYY-MM-DD): %s; ignored", name, s);
	free(s);
	return d;
}

static int
get_bool(const struct ynode *map, const char *name)
{
	const char *s = ystr(field(map, name));

	return s != NULL && (strcmp(s, "true") == 0 ||
	    strcmp(s, "True") == 0 || strcmp(s, "yes") == 0);
}

/* Reads a file as UTF-8, repairing what is not, with a warning. */
static char *
read_text(const char *full, size_t *len)
{
	char *raw, *text;
	size_t rawlen;
	int bad;

	if (file_read(full, &raw, &rawlen) < 0) {
		warnx_at(full, 0, "cannot read (%s); skipped", strerror(errno));
		return NULL;
	}
	if (rawlen >= 2 && ((unsigned char)raw[0] == 0xFF ||
	    (unsigned char)raw[0] == 0xFE) &&
	    ((unsigned char)raw[1] == 0xFE || (unsigned char)raw[1] == 0xFF) &&
	    raw[0] != raw[1]) {
		warnx_at(full, 1, "UTF-16 text: save it as UTF-8; skipped");
		free(raw);
		return NULL;
	}
	if (utf8_valid(raw, rawlen)) {
		*len = rawlen;
		return raw;      /* file_read() ends it with a NUL */
	}
	text = utf8_repair(raw, rawlen, len, &bad);
	free(raw);
	if (bad)
		warnx_at(full, bad, "invalid UTF-8 replaced with U+FFFD");
	return text;
}

/* Parses the front matter of text.  Returns the YAML document (NULL when
 * there is none or it is bad, with a warning saying what hbook did) and
 * sets the body.  Returns -1 when the file must be skipped. */
static int
parse_front(const char *src, const char *text, size_t len, struct ydoc **doc,
    const char **body, int *body_line)
{
	const char *yaml;
	size_t ylen;
	int errline;
	const char *errmsg;

	*doc = NULL;
	if ((len >= 3 && strncmp(text, "+++", 3) == 0) ||
	    (len >= 6 && strncmp(text, "\xEF\xBB\xBF+++", 6) == 0)) {
		/* Debian has no TOML library for C, and a hand-written parser
		 * would guess wrong on real files: refuse it plainly */
		errx_at(src, 1, "TOML front matter (+++) is not supported: "
		    "write it as YAML between '---' lines");
		return -1;
	}
	if (frontmatter_split(text, len, &yaml, &ylen, body, body_line) < 0) {
		warnx_at(src, 1, "front matter opened with '---' is never "
		    "closed; skipped");
		return -1;
	}
	if (yaml == NULL)
		return 0;
	*doc = ydoc_parse(yaml, ylen, &errline, &errmsg);
	if (*doc == NULL) {
		warnx_at(src, errline + 1, "bad front matter: %s; used the "
		    "file name as the title", errmsg);
		return 0;
	}
	{
		const struct ynode *m = ydoc_root(*doc);
		struct strmap *seen = strmap_new();
		for (size_t i = 0; m && m->kind == Y_MAP && i + 1 < m->nkids; i += 2) {
			const char *k = ystr(m->kids[i]);
			if (k != NULL && strmap_get(seen, k) != NULL)
				warnx_at(src, m->kids[i]->line + 1, "duplicate key "
				    "'%s': the last one is used", k);
			else if (k != NULL)
				strmap_put(seen, k, (void *)1);
		}
		strmap_free(seen);
	}
	if (ydoc_root(*doc) != NULL && ydoc_root(*doc)->kind != Y_MAP &&
	    ydoc_root(*doc)->kind != Y_NULL) {
		warnx_at(src, 2, "front matter is not a mapping of fields; "
		    "ignored");
		ydoc_free(*doc);
		*doc = NULL;
	}
	return 0;
}

/* One article from its text: a new article, or NULL when it is skipped
 * (a draft).  Touches nothing shared but the diagnostics, so the threads
 * of articles_load() run it side by side. */
static struct article *
article_parse(const struct book *b, const char *path, const char *text,
    size_t len)
{
	char *full = path_join(b->pages_root, path), *stem;
	const char *body;
	struct ydoc *doc;
	const struct ynode *m;
	struct article *a;
	int body_line, line0 = 2;

	if (parse_front(full, text, len, &doc, &body, &body_line) < 0) {
		free(full);
		return NULL;
	}
	m = doc ? ydoc_root(doc) : NULL;
	if (get_bool(m, "draft") || (ystr(field(m, "published")) != NULL &&
	    strcmp(ystr(field(m, "published")), "false") == 0)) {
		ydoc_free(doc);
		free(full);
		return NULL;
	}
	a = xcalloc(1, sizeof(*a));
	a->path = xstrdup(path);
	a->src = full;
	a->title = get_text(m, "title", full, line0);
	a->description = get_text(m, "description", full, line0);
	a->category = get_text(m, "category", full, line0);
	a->date = get_date(m, "date", full, line0);
	a->updated = get_date(m, "updated", full, line0);
	a->slug = get_text(m, "slug", full, line0);
	a->image = get_text(m, "image", full, line0);
	a->image_alt = get_text(m, "image_alt", full, line0);
	a->lang = get_text(m, "lang", full, line0);
	get_list(m, "author", &a->authors, full, line0);
	get_list(m, "authors", &a->authors, full, line0);
	get_list(m, "tags", &a->tags, full, line0);
	get_list(m, "related", &a->related, full, line0);
	get_list(m, "aliases", &a->aliases, full, line0);
	{
		char *w = get_text(m, "weight", full, line0), *end;

		if (w != NULL) {
			a->weight = strtol(w, &end, 10);
			if (*end == '\0')
				a->has_weight = 1;
			else
				warnx_at(full, line0 + field(m, "weight")->line - 1,
				    "'weight' should be a whole number: %s; "
				    "ignored", w);
			free(w);
		}
	}
	a->body_line = body_line;
	a->body_len = len - (size_t)(body - text);
	a->body = xstrndup(body, a->body_len);
	if (a->slug == NULL) {
		/* page bundles: folder/index.md is the page "folder" */
		stem = file_stem(path);
		if (strcmp(stem, "index") == 0 && strchr(path, '/') != NULL) {
			char *dir = path_dir(path);
			free(stem);
			stem = xstrdup(path_base(dir));
			free(dir);
		}
		a->slug = stem;
	}
	ydoc_free(doc);
	return a;
}

int
article_from_text(struct book *b, const char *path, const char *text,
    size_t len)
{
	struct article *a = article_parse(b, path, text, len);

	if (a == NULL)
		return 0;
	book_append_article(b, a);
	return 1;
}

/* Reads and parses one article; NULL when skipped. */
static struct article *
article_read(const struct book *b, const char *path)
{
	char *full = path_join(b->pages_root, path), *text;
	struct article *a = NULL;
	size_t len;

	if ((text = read_text(full, &len)) != NULL)
		a = article_parse(b, path, text, len);
	free(text);
	free(full);
	return a;
}

struct reading {
	const struct book *b;
	const struct strlist *paths;
	struct article **got;    /* one per path, NULL if skipped */
};

static void
reader(void *arg, size_t i, int worker)
{
	struct reading *r = arg;

	(void)worker;
	r->got[i] = article_read(r->b, r->paths->v[i]);
}

void
articles_load(struct book *b, const struct strlist *paths, int jobs)
{
	struct reading r = {b, paths, NULL};

	r.got = xcalloc(paths->n + 1, sizeof(*r.got));
	threads_each(jobs, paths->n, reader, &r);
	for (size_t i = 0; i < paths->n; i++)
		if (r.got[i] != NULL)
			book_append_article(b, r.got[i]);
	free(r.got);
}

int
article_reload_body(struct article *a)
{
	char *text;
	const char *yaml, *body;
	size_t len, ylen;
	int line;

	if ((text = read_text(a->src, &len)) == NULL)
		return -1;
	if (frontmatter_split(text, len, &yaml, &ylen, &body, &line) < 0) {
		free(text);
		return -1;
	}
	free(a->body);
	a->body_len = len - (size_t)(body - text);
	a->body = xstrndup(body, a->body_len);
	a->body_line = line;
	free(text);
	return 0;
}

void
category_load_index(struct book *b, struct category *c, const char *path)
{
	char *full = path_join(b->pages_root, path), *text, *w;
	const char *body;
	size_t len;
	struct ydoc *doc;
	const struct ynode *m;
	int body_line;

	if ((text = read_text(full, &len)) == NULL) {
		free(full);
		return;
	}
	if (parse_front(full, text, len, &doc, &body, &body_line) < 0) {
		free(text);
		free(full);
		return;
	}
	m = doc ? ydoc_root(doc) : NULL;
	if ((w = get_text(m, "title", full, 2)) != NULL) {
		free(c->title);
		c->title = w;
	}
	c->description = get_text(m, "description", full, 2);
	if ((w = get_text(m, "weight", full, 2)) != NULL) {
		c->weight = strtol(w, NULL, 10);
		c->has_weight = 1;
		free(w);
	}
	while (*body == '\n' || *body == '\r')
		body++;
	if (*body) {
		c->intro = xstrdup(body);
		c->intro_line = body_line;
		c->intro_src = xstrdup(full);
	}
	ydoc_free(doc);
	free(text);
	free(full);
}

static struct ydoc *config_doc;

int
config_load(struct book *b, const char *file)
{
	char *full = file ? xstrdup(file) : path_join(b->root, "hbook.yaml");
	char *text;
	size_t len;
	int rc;

	b->cfg.src = full;
	if (file == NULL && access(full, F_OK) != 0)
		return 0;
	if ((text = read_text(full, &len)) == NULL) {
		errx_at(full, 0, "cannot read the book's configuration");
		return -1;
	}
	rc = config_from_text(b, text, len);
	free(text);
	return rc;
}

int
config_from_text(struct book *b, const char *text, size_t len)
{
	struct config *c = &b->cfg;
	const char *full = c->src ? c->src : "hbook.yaml";
	int errline;
	const char *errmsg;
	const struct ynode *m;

	config_doc = ydoc_parse(text, len, &errline, &errmsg);
	if (config_doc == NULL) {
		errx_at(full, errline, "bad YAML: %s", errmsg);
		return -1;
	}
	m = ydoc_root(config_doc);
	if (m != NULL && m->kind != Y_MAP && m->kind != Y_NULL) {
		errx_at(full, 1, "not a mapping of settings");
		return -1;
	}
	c->title = get_text(m, "title", full, 1);
	c->subtitle = get_text(m, "subtitle", full, 1);
	c->publisher = get_text(m, "publisher", full, 1);
	c->language = get_text(m, "language", full, 1);
	c->description = get_text(m, "description", full, 1);
	c->rights = get_text(m, "rights", full, 1);
	c->identifier = get_text(m, "identifier", full, 1);
	c->base_url = get_text(m, "base_url", full, 1);
	c->disclaimer = get_text(m, "disclaimer", full, 1);
	c->date = get_date(m, "date", full, 1);
	get_list(m, "author", &c->authors, full, 1);
	get_list(m, "authors", &c->authors, full, 1);
	get_list(m, "categories", &c->categories, full, 1);
	get_list(m, "static", &c->statics, full, 1);
	c->pages = get_text(m, "pages", full, 1);
	c->cover = get_text(m, "cover", full, 1);
	{
		char *dialect = get_text(m, "markdown", full, 1);
		if (dialect != NULL && strcmp(dialect, "kramdown") == 0)
			c->kramdown = 1;
		else if (dialect != NULL && strcmp(dialect, "commonmark") != 0)
			warnx_at(full, 0, "markdown: '%s' is not commonmark or "
			    "kramdown; commonmark is used", dialect);
		free(dialect);
	}
	field_map = ymap_get(m, "fields");
	if (field_map != NULL && field_map->kind != Y_MAP) {
		warnx_at(full, field_map->line, "'fields' should map hbook's "
		    "names to the site's; ignored");
		field_map = NULL;
	}
	/* config_doc stays alive for field_map until config_free() */
	return 0;
}

void
config_free(void)
{
	ydoc_free(config_doc);
	config_doc = NULL;
	field_map = NULL;
}
