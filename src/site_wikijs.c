/* site_wikijs.c: a Wiki.js export: pages (.md or .html) opening with the
 * header Wiki.js writes, "<!--", "title: ...", ..., "-->", at the paths
 * of their addresses (a locale folder first when the wiki has several). */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "input.h"
#include "site.h"
#include "util.h"

/* Whether the page at rel opens with Wiki.js's header. */
static int
wiki_page(struct book *b, const char *rel)
{
	char *text;
	size_t len;
	int yes;

	if (input_file(b->in, rel, INPUT_MAX_ARTICLE, &text, &len) < 0)
		return 0;
	yes = str_starts(text, "<!--\ntitle:") ||
	    str_starts(text, "<!--\r\ntitle:");
	free(text);
	return yes;
}

static int
detect(struct book *b, const char *dir, char **config)
{
	char *full = path_join(b->root, dir);
	DIR *d = opendir(full);
	struct dirent *e;
	int yes = 0, seen = 0;

	free(full);
	if (d == NULL)
		return 0;
	while (!yes && seen < 40 && (e = readdir(d)) != NULL) {
		char *rel;
		if (!str_ends(e->d_name, ".md") && !str_ends(e->d_name, ".html"))
			continue;
		seen++;
		rel = path_join(dir, e->d_name);
		yes = wiki_page(b, rel);
		free(rel);
	}
	closedir(d);
	if (yes)
		*config = xstrdup(dir);
	return yes;
}

static void
read(struct book *b, struct site *s)
{
	(void)b;
	strlist_add(&s->content, s->dir);
	strlist_add(&s->statics, s->dir);
	s->html_pages = 1;
	s->style = URL_FILE;
}

const struct generator gen_wikijs = {"Wiki.js", detect, read,
    site_pretty_urls, NULL};
