/* site.c: finds a site's generator and reads what its configuration says;
 * the rules of each generator are in its own site_*.c. */
#include "site.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "frontmatter.h"
#include "input.h"
#include "jslit.h"
#include "toml.h"
#include "yaml.h"

/* The generators, most particular first: a Docusaurus or MkDocs site may
 * hold a README.md (GitBook's mark) or a config.toml of another tool. */
static const struct generator *const generators[] = {
	&gen_docusaurus, &gen_mkdocs, &gen_mdbook, &gen_hugo, &gen_zola,
	&gen_jekyll, &gen_gitbook, &gen_obsidian, &gen_wikijs, NULL
};

/* Where a site's sources may sit in the folder the user gave. */
static const char *const places[] = {"", "docs", "src", "site", "website",
    NULL};

const char *
tree_text(const struct ynode *map, const char *key)
{
	return ystr(ymap_get(map, key));
}

void
nav_add(struct navitem *parent, const char *title, const char *ref)
{
	struct navitem *n;

	parent->kids = xrealloc(parent->kids, (parent->nkids + 1) *
	    sizeof(*parent->kids));
	n = &parent->kids[parent->nkids++];
	memset(n, 0, sizeof(*n));
	n->title = title ? xstrdup(title) : NULL;
	n->ref = ref ? xstrdup(ref) : NULL;
}

struct navitem *
nav_last(struct navitem *parent)
{
	return &parent->kids[parent->nkids - 1];
}

void
nav_free(struct navitem *n)
{
	for (size_t i = 0; i < n->nkids; i++)
		nav_free(&n->kids[i]);
	free(n->kids);
	free(n->title);
	free(n->ref);
	memset(n, 0, sizeof(*n));
}

struct ydoc *
site_read_tree(struct book *b, const char *rel)
{
	char *raw, *src = path_join(b->root, rel);
	size_t len;
	struct ydoc *d;
	int line;
	const char *msg;

	if (input_file(b->in, rel, INPUT_MAX_FILE, &raw, &len) < 0) {
		if (errno != ENOENT)
			warnx_at(src, 0, "%s; not read", input_error(errno));
		free(src);
		return NULL;
	}
	if (str_ends(rel, ".toml"))
		d = toml_parse(raw, len, &line, &msg);
	else if (str_ends(rel, ".js") || str_ends(rel, ".mjs") ||
	    str_ends(rel, ".cjs") || str_ends(rel, ".ts"))
		d = jslit_parse(raw, len, &line, &msg);
	else
		d = ydoc_parse(raw, len, &line, &msg);  /* YAML, and JSON */
	if (d == NULL)
		warnx_at(src, line, "cannot read the site's settings: %s", msg);
	free(raw);
	free(src);
	return d;
}

int
site_detect(struct book *b, struct site *s)
{
	memset(s, 0, sizeof(s[0]));
	s->style = URL_PATH;
	for (size_t p = 0; places[p]; p++) {
		for (size_t g = 0; generators[g]; g++) {
			char *config = NULL;
			if (!generators[g]->detect(b, places[p], &config))
				continue;
			s->gen = generators[g];
			s->dir = xstrdup(places[p]);
			s->config = config;
			s->gen->read(b, s);
			return 0;
		}
	}
	s->gen = &gen_plain;
	s->dir = xstrdup("");
	s->html_pages = 1;
	s->gen->read(b, s);
	return 0;
}

void
site_free(struct site *s)
{
	free(s->config);
	free(s->dir);
	strlist_free(&s->content);
	strlist_free(&s->statics);
	strlist_free(&s->skip);
	strlist_free(&s->languages);
	free(s->base_url);
	free(s->title);
	free(s->description);
	free(s->language);
	free(s->author);
	free(s->route);
	free(s->attachments);
	nav_free(&s->nav);
	ydoc_free(s->doc);
	memset(s, 0, sizeof(*s));
}

void
site_urls(const struct site *s, const struct article *a, struct strlist *urls)
{
	s->gen->urls(s, a, urls);
}

int
site_find_config(struct book *b, const char *dir, const char *const *names,
    char **config)
{
	for (int i = 0; names[i]; i++) {
		char *rel = path_join(dir, names[i]);
		if (input_exists(b->in, rel)) {
			*config = rel;
			return 1;
		}
		free(rel);
	}
	return 0;
}

/* Whether name (a file's, without folder) is its folder's own page. */
int
site_index_name(const char *name)
{
	static const char *const names[] = {"index", "_index", "README",
	    "readme", "Readme", NULL};
	size_t n = strcspn(name, ".");

	for (int i = 0; names[i]; i++)
		if (strlen(names[i]) == n && strncmp(name, names[i], n) == 0)
			return 1;
	return 0;
}

/* The name of a file without its extension: "a.b.md" -> "a.b". */
static char *
bare_name(const char *path)
{
	const char *base = path_base(path), *dot = strrchr(base, '.');

	return xstrndup(base, dot && dot != base ? (size_t)(dot - base) :
	    strlen(base));
}

static void
add_url(const struct site *s, struct strlist *urls, const char *u)
{
	char *v = xasprintf("%s%s", u[0] == '/' ? "" : "/", u);

	if (s->lower)
		for (char *c = v; *c; c++)
			if (*c >= 'A' && *c <= 'Z')
				*c = (char)(*c - 'A' + 'a');
	if (!strlist_has(urls, v))
		strlist_add(urls, v);
	free(v);
}

/* The address of a page served from its path: a/b.md at /a/b/ (or
 * /a/b.html), a/index.md at /a/; the front matter's slug replaces the
 * name, its url or permalink the whole; s->route goes first. */
void
site_pretty_urls(const struct site *s, const struct article *a,
    struct strlist *urls)
{
	char *dir = path_dir(a->path), *name = bare_name(a->path), *u;
	const char *route = s->route ? s->route : "";
	int index = site_index_name(path_base(a->path));

	if (a->permalink != NULL) {
		u = a->permalink[0] == '/' ? xasprintf("%s%s", route,
		    a->permalink) : xasprintf("%s/%s/%s", route, dir, a->permalink);
		add_url(s, urls, u);
		free(u);
	}
	if (index && a->fmslug != NULL && dir[0]) {
		char *up = path_dir(dir);
		u = xasprintf("%s/%s/%s/", route, up, a->fmslug);
		free(up);
	} else if (index) {
		u = xasprintf("%s/%s%s", route, dir, dir[0] ? "/" : "");
	} else {
		const char *leaf = a->fmslug ? a->fmslug : name;
		u = xasprintf(s->style == URL_HTML ? "%s/%s%s%s.html" :
		    "%s/%s%s%s/", route, dir, dir[0] ? "/" : "", leaf);
	}
	add_url(s, urls, u);
	free(u);
	free(name);
	free(dir);
}

/* A folder of pages that no generator made: addressed by their paths, as
 * sites served from such a folder (VA.gov's Jekyll) are. */
static int
plain_detect(struct book *b, const char *dir, char **config)
{
	(void)b;
	(void)dir;
	(void)config;
	return 0;
}

static void
plain_read(struct book *b, struct site *s)
{
	(void)b;
	strlist_add(&s->content, "");
	strlist_add(&s->statics, "static");
	strlist_add(&s->statics, "assets");
	strlist_add(&s->statics, "public");
}

const struct generator gen_plain = {"none", plain_detect, plain_read,
    site_pretty_urls, NULL};
