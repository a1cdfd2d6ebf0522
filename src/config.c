/* config.c: hbook.yaml, the book's settings. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "frontmatter.h"
#include "input.h"
#include "site.h"
#include "text.h"
#include "yaml.h"

int
config_load(struct book *b, const char *file)
{
	char *raw, *text;
	size_t rawlen, len;
	int rc;

	/* hbook.yaml is a file of the content folder: read beneath it, as
	 * articles are; --config names a file that may be anywhere */
	b->cfg.src = file ? xstrdup(file) : path_join(b->root, "hbook.yaml");
	rc = file ? input_named(b->in, file, INPUT_MAX_FILE, &raw, &rawlen) :
	    input_file(b->in, "hbook.yaml", INPUT_MAX_FILE, &raw, &rawlen);
	if (rc < 0 && file == NULL && errno == ENOENT)
		return config_from_text(b, "", 0);
	if (rc < 0) {
		errx_at(b->cfg.src, 0, "cannot read the book's configuration: "
		    "%s", input_error(errno));
		return -1;
	}
	if ((text = text_decode(b->cfg.src, raw, rawlen, &len)) == NULL) {
		errx_at(b->cfg.src, 0, "cannot read the book's configuration");
		return -1;
	}
	rc = config_from_text(b, text, len);
	free(text);
	return rc;
}

/* What hbook.yaml leaves unsaid, the site's generator says (title,
 * address, description, language, author; its pages' and static
 * folders), else the defaults: English, and the folder's name as the
 * title. */
void
config_settle(struct book *b)
{
	struct config *c = &b->cfg;
	struct site *s = b->site;

	if (c->title == NULL && s->title != NULL)
		c->title = xstrdup(s->title);
	if (c->base_url == NULL && s->base_url != NULL && s->base_url[0])
		c->base_url = xstrdup(s->base_url);
	if (c->description == NULL && s->description != NULL)
		c->description = xstrdup(s->description);
	if (c->language == NULL && s->language != NULL)
		c->language = xstrdup(s->language);
	if (c->authors.n == 0 && s->author != NULL)
		strlist_add(&c->authors, s->author);
	if (c->pages != NULL) {
		/* hbook.yaml's pages: the one content folder */
		strlist_free(&s->content);
		strlist_add(&s->content, c->pages);
	}
	if (c->statics.n > 0) {
		strlist_free(&s->statics);
		for (size_t i = 0; i < c->statics.n; i++)
			strlist_add(&s->statics, c->statics.v[i]);
	}

	if (c->language == NULL)
		c->language = xstrdup("en");
	/* library apps show "Unknown" without a creator: the publisher,
	 * else the site's name, else its address's host (else the title,
	 * below) */
	if (c->publisher != NULL || s->title != NULL || c->base_url != NULL) {
		char *host = c->base_url ? web_host(c->base_url) : NULL;
		b->creator = xstrdup(c->publisher ? c->publisher : s->title ?
		    s->title : host ? host : "");
		free(host);
	}
	if (c->title == NULL) {
		/* the folder's name: "my-site/" is "My site" */
		char *root = xstrdup(b->root);
		size_t n = strlen(root);
		const char *stem;
		while (n > 1 && root[n - 1] == '/')
			root[--n] = '\0';
		stem = path_base(root);
		c->title = readable_name(stem[0] && strcmp(stem, ".") &&
		    strcmp(stem, "..") && strcmp(stem, "/") ? stem : "Book");
		free(root);
	}
	if (b->creator == NULL || b->creator[0] == '\0') {
		free(b->creator);
		b->creator = xstrdup(c->title);
	}
}

/* topics: false (no topics page), or {exclude: [tag, ...]}: the site's
 * tags that are not words for readers ("promote", "qat-blurb"). */
static int
read_topics(struct config *c, const struct ynode *map, const char *src)
{
	const struct ynode *t = ymap_get(map, "topics"), *ex;
	struct fields f = {t, NULL, src, 1};
	struct strlist tags = {0};

	if (t == NULL)
		return 0;
	if (t->kind == Y_SCALAR && t->plain && strcmp(t->str, "false") == 0) {
		c->no_topics = 1;
		return 0;
	}
	ex = t->kind == Y_MAP ? ymap_get(t, "exclude") : NULL;
	if (t->kind != Y_MAP || ex == NULL || t->nkids != 2) {
		errx_at(src, t->line, "topics: should be false, or exclude: and "
		    "a list of tags");
		return -1;
	}
	field_list(&f, "exclude", &tags);
	for (size_t i = 0; i < tags.n; i++) {
		char *key = slugify(tags.v[i]);
		strlist_add(&c->topics_exclude, key);
		free(key);
	}
	strlist_free(&tags);
	return 0;
}

int
config_from_text(struct book *b, const char *text, size_t len)
{
	struct config *c = &b->cfg;
	const char *full = c->src ? c->src : "hbook.yaml";
	struct fields f = {NULL, NULL, full, 1};
	int errline;
	const char *errmsg;

	c->doc = ydoc_parse(text, len, &errline, &errmsg);
	if (c->doc == NULL) {
		errx_at(full, errline, "bad YAML: %s", errmsg);
		return -1;
	}
	f.map = ydoc_root(c->doc);
	if (f.map != NULL && f.map->kind != Y_MAP && f.map->kind != Y_NULL) {
		errx_at(full, 1, "not a mapping of settings");
		return -1;
	}
	c->title = field_text(&f, "title");
	c->subtitle = field_text(&f, "subtitle");
	c->publisher = field_text(&f, "publisher");
	c->language = field_text(&f, "language");
	c->description = field_text(&f, "description");
	c->rights = field_text(&f, "rights");
	c->identifier = field_text(&f, "identifier");
	c->base_url = field_text(&f, "base_url");
	c->disclaimer = field_text(&f, "disclaimer");
	c->date = field_date(&f, "date");
	field_list(&f, "author", &c->authors);
	field_list(&f, "authors", &c->authors);
	field_list(&f, "categories", &c->categories);
	field_list(&f, "static", &c->statics);
	c->pages = field_text(&f, "pages");
	{
		long n;
		if (field_long(&f, "short_pages", &n)) {
			if (n >= 0)
				c->short_pages = n;
			else
				warnx_at(full, ymap_get(f.map, "short_pages")->line,
				    "short_pages should be 0 (never) or more; 300 is "
				    "used");
		}
	}
	c->cover = field_text(&f, "cover");
	{
		char *dialect = field_text(&f, "markdown");
		if (dialect != NULL && strcmp(dialect, "kramdown") == 0)
			c->kramdown = 1;
		else if (dialect != NULL && strcmp(dialect, "commonmark") != 0)
			warnx_at(full, 0, "markdown: '%s' is not commonmark or "
			    "kramdown; commonmark is used", dialect);
		free(dialect);
	}
	if (read_topics(c, f.map, full) < 0)
		return -1;
	c->fields = ymap_get(f.map, "fields");
	if (c->fields != NULL && c->fields->kind != Y_MAP) {
		warnx_at(full, c->fields->line, "'fields' should map hbook's "
		    "names to the site's; ignored");
		c->fields = NULL;
	}
	if (c->pages != NULL) {
		char *norm = path_normalize(c->pages);
		if (norm == NULL) {
			errx_at(full, 0, "pages: %s is outside the content "
			    "folder", c->pages);
			return -1;
		}
		free(c->pages);
		c->pages = norm;
	}
	for (size_t i = 0; i < c->statics.n; i++) {
		char *norm = path_normalize(c->statics.v[i]);
		if (norm == NULL) {
			errx_at(full, 0, "static: %s is outside the content "
			    "folder", c->statics.v[i]);
			return -1;
		}
		free(c->statics.v[i]);
		c->statics.v[i] = norm;
	}
	return 0;
}
