/* site_hugo.c: Hugo (gohugo.io).  The configuration is hugo.toml (or
 * .yaml, .json) or config.*, or config/_default/; keys are read whatever
 * their case, as Hugo does.  Pages are in contentDir (a language's own,
 * for a multilingual site), addressed by their path, lowercased, in
 * pretty form: a/b.md at /a/b/, a/_index.md (a section) and a/index.md
 * (a leaf bundle) at /a/; slug replaces the last part, url the whole,
 * and [permalinks] patterns a section's. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "input.h"
#include "site.h"
#include "text.h"
#include "tree.h"

static const char *const configs[] = {"hugo.toml", "hugo.yaml", "hugo.yml",
    "hugo.json", "config.toml", "config.yaml", "config.yml", "config.json",
    "config/_default/hugo.toml", "config/_default/config.toml",
    "config/_default/hugo.yaml", "config/_default/config.yaml", NULL};

/* key in map, whatever its case (Hugo's keys are case-insensitive). */
static const struct ynode *
get_ci(const struct ynode *map, const char *key)
{
	if (map == NULL || map->kind != Y_MAP)
		return NULL;
	for (size_t i = 0; i + 1 < map->nkids; i += 2)
		if (map->kids[i]->str && strcasecmp(map->kids[i]->str, key) == 0)
			return map->kids[i + 1];
	return NULL;
}

static int
detect(struct book *b, const char *dir, char **config)
{
	for (int i = 0; configs[i]; i++) {
		char *rel = path_join(dir, configs[i]);
		struct ydoc *d;
		const struct ynode *m;
		int yes = 0;

		if (!input_exists(b->in, rel)) {
			free(rel);
			continue;
		}
		/* hugo.* is Hugo's alone; a config.* is Hugo's when it names
		 * baseURL, contentDir, languageCode or a theme (Zola's says
		 * base_url) */
		d = str_starts(configs[i], "hugo.") ||
		    strstr(configs[i], "/hugo.") ? NULL : site_read_tree(b, rel);
		m = d ? ydoc_root(d) : NULL;
		yes = d == NULL || (get_ci(m, "base_url") == NULL &&
		    (get_ci(m, "baseURL") || get_ci(m, "contentDir") ||
		    get_ci(m, "languageCode") || get_ci(m, "theme")));
		ydoc_free(d);
		if (yes) {
			*config = rel;
			return 1;
		}
		free(rel);
	}
	return 0;
}

static const char *
text_ci(const struct ynode *map, const char *key)
{
	return ystr(get_ci(map, key));
}

static void
read(struct book *b, struct site *s)
{
	const struct ynode *m, *langs, *lang = NULL, *st;
	const char *content = "content", *def;

	s->doc = site_read_tree(b, s->config);
	m = s->doc ? ydoc_root(s->doc) : NULL;
	if (text_ci(m, "baseURL"))
		s->base_url = xstrdup(text_ci(m, "baseURL"));
	if (text_ci(m, "title"))
		s->title = xstrdup(text_ci(m, "title"));
	if (text_ci(m, "contentDir"))
		content = text_ci(m, "contentDir");
	def = text_ci(m, "defaultContentLanguage");
	if (def == NULL)
		def = "en";
	langs = get_ci(m, "languages");
	for (size_t i = 0; langs && langs->kind == Y_MAP && i + 1 < langs->nkids;
	    i += 2) {
		const char *code = langs->kids[i]->str;
		if (strcasecmp(code, def) == 0)
			lang = langs->kids[i + 1];
		else
			strlist_add(&s->languages, code);
	}
	s->language = xstrdup(def);
	if (text_ci(lang, "contentDir"))
		content = text_ci(lang, "contentDir");
	if (text_ci(lang, "title"))
		free(s->title), s->title = xstrdup(text_ci(lang, "title"));
	if (text_ci(lang, "description"))
		s->description = xstrdup(text_ci(lang, "description"));
	else if (text_ci(get_ci(m, "params"), "description"))
		s->description = xstrdup(text_ci(get_ci(m, "params"),
		    "description"));
	strlist_add(&s->content, content);
	st = get_ci(m, "staticDir");
	if (ystr(st))
		strlist_add(&s->statics, ystr(st));
	for (size_t i = 0; st && st->kind == Y_SEQ && i < st->nkids; i++)
		if (ystr(st->kids[i]))
			strlist_add(&s->statics, ystr(st->kids[i]));
	if (s->statics.n == 0)
		strlist_add(&s->statics, "static");
	strlist_add(&s->statics, "assets");
	s->style = text_ci(m, "uglyURLs") && strcmp(text_ci(m, "uglyURLs"),
	    "true") == 0 ? URL_HTML : URL_PATH;
	s->html_pages = 1;
	s->lower = !(text_ci(m, "disablePathToLower") &&
	    strcmp(text_ci(m, "disablePathToLower"), "true") == 0);
}

/* The page's address from a [permalinks] pattern. */
static char *
permalink(const char *pattern, const struct article *a, const char *section)
{
	struct buf b = {0};
	char *stem = file_stem(a->path);

	buf_add(&b, "", 0);
	for (const char *p = pattern; *p;) {
		if (*p != ':') {
			buf_addc(&b, *p++);
			continue;
		}
		p++;
		if (str_starts(p, "section")) {
			buf_adds(&b, section), p += 7;
		} else if (str_starts(p, "slug")) {
			buf_adds(&b, a->slug), p += 4;
		} else if (str_starts(p, "title")) {
			char *t = slugify(a->title ? a->title : stem);
			buf_adds(&b, t);
			free(t);
			p += 5;
		} else if (str_starts(p, "filename")) {
			buf_adds(&b, stem), p += 8;
		} else if (str_starts(p, "contentbasename")) {
			buf_adds(&b, stem), p += 15;
		} else if (str_starts(p, "year") && a->date) {
			buf_add(&b, a->date, 4), p += 4;
		} else if (str_starts(p, "month") && a->date) {
			buf_add(&b, a->date + 5, 2), p += 5;
		} else if (str_starts(p, "day") && a->date) {
			buf_add(&b, a->date + 8, 2), p += 3;
		} else {
			buf_addc(&b, ':');
		}
	}
	free(stem);
	return buf_steal(&b);
}

static void
urls(const struct site *s, const struct article *a, struct strlist *out)
{
	const struct ynode *pl = get_ci(s->doc ? ydoc_root(s->doc) : NULL,
	    "permalinks");
	char *section = xstrndup(a->path, strcspn(a->path, "/"));
	const char *pattern = strchr(a->path, '/') ? text_ci(pl, section) : NULL;

	if (a->permalink == NULL && pattern != NULL &&
	    !str_ends(a->path, "_index.md")) {
		char *u = permalink(pattern, a, section);
		strlist_add(out, u);
		free(u);
	}
	site_pretty_urls(s, a, out);
	free(section);
}

const struct generator gen_hugo = {"Hugo", detect, read, urls, NULL};
