/* fuzz_links.c: libFuzzer target for the link and picture resolvers
 * (links.c) and path normalisation (util.c): each input is resolved as a
 * link, a picture and a related entry against a small site held in
 * memory, with and without a base_url.  A crash, a leak, a sanitizer
 * report, an href that is not a valid URI, a picture outside the site's
 * files, or a normalised path that still climbs is a finding. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/uri.h>

#include "book.h"
#include "links.h"
#include "scan.h"
#include "text.h"
#include "util.h"

static const char *const pages[] = {"a/one.md", "b/two/index.md",
    "2013-01-01-post.md", NULL};
static struct book *books[2];
static struct links *tables[2];

static void
setup(void)
{
	struct scan s;

	memset(&s, 0, sizeof(s));
	for (size_t i = 0; pages[i]; i++)
		strlist_add(&s.files, pages[i]);
	strlist_add(&s.files, "a/pic.png");
	strlist_add(&s.files, "static/logo.png");
	strlist_add(&s.outside, "a/out.png");
	for (int k = 0; k < 2; k++) {
		struct book *b = book_new("site");
		b->cfg.pages = xstrdup("");
		if (k)
			b->cfg.base_url = xstrdup("https://site.example");
		for (size_t i = 0; pages[i]; i++) {
			struct article *a = book_add_article(b);
			a->path = xstrdup(pages[i]);
			a->slug = file_stem(pages[i]);
			a->title = xstrdup("T");
			a->file = xasprintf("f%zu.xhtml", i);
		}
		books[k] = b;
		tables[k] = links_new(b, &s);
	}
	scan_free(&s);
}

/* Whether path is one of the site's files. */
static int
is_file(const char *path)
{
	for (size_t i = 0; pages[i]; i++)
		if (strcmp(path, pages[i]) == 0)
			return 1;
	return strcmp(path, "a/pic.png") == 0 ||
	    strcmp(path, "static/logo.png") == 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *url, *norm;
	size_t len;
	int bad;

	if (books[0] == NULL)
		setup();
	url = utf8_repair((const char *)data, size, &len, &bad);
	for (int k = 0; k < 2; k++) {
		struct link l;
		struct picture p;

		links_resolve(tables[k], "a", url, &l);
		if (l.kind == LINK_WEB && l.href != NULL) {
			xmlURIPtr uri = xmlParseURI(l.href);
			if (uri == NULL)
				abort();        /* an href that is not a URI */
			xmlFreeURI(uri);
		}
		if ((l.kind == LINK_PAGE || l.kind == LINK_SECTION) &&
		    l.target == NULL)
			abort();
		link_clear(&l);
		links_picture(tables[k], "a", url, &p);
		if (p.kind == PICTURE_FILE && !is_file(p.file))
			abort();        /* a picture from anywhere else */
		free(p.file);
		free(p.name);
		links_find(tables[k], "a", url);
	}
	norm = path_normalize(url);
	if (norm != NULL && (strncmp(norm, "../", 3) == 0 ||
	    strcmp(norm, "..") == 0 || strstr(norm, "/../") != NULL))
		abort();                /* normalised but still climbing */
	free(norm);
	free(url);
	return 0;
}
