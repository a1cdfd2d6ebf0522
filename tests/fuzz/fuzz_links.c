/* fuzz_links.c: libFuzzer target for path and link normalisation
 * (links.c, util.c): each input, as a link, an image and a related entry,
 * is resolved against a small book in a scratch folder.  A crash, a leak,
 * a sanitizer report, an href that is not a valid URI, or a path that
 * leaves the folder is a finding. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <libxml/uri.h>

#include "book.h"
#include "diag.h"
#include "links.h"
#include "text.h"
#include "util.h"
#include "xhtml.h"

static struct book *book;
static struct links *links;

static void
setup(void)
{
	char dir[] = "/tmp/hbook-fuzz-XXXXXX";
	static const char *files[] = {"a/one.md", "b/two/index.md",
	    "2013-01-01-post.md"};
	FILE *f;

	if (mkdtemp(dir) == NULL)
		abort();
	book = book_new(dir);
	book->cfg.base_url = xstrdup("https://site.example");
	for (size_t i = 0; i < 3; i++) {
		struct article *a = book_add_article(book);
		char *full = path_join(dir, files[i]), *d = path_dir(full);
		char *cmd = xasprintf("mkdir -p '%s'", d);
		if (system(cmd) != 0)
			abort();
		if ((f = fopen(full, "w")) != NULL)
			fclose(f);
		a->path = xstrdup(files[i]);
		a->src = full;
		a->slug = file_stem(files[i]);
		a->title = xstrdup("T");
		a->file = xasprintf("f%zu.xhtml", i);
		a->ids = strmap_new();
		strmap_put(a->ids, "intro", (void *)1);
		free(cmd);
		free(d);
	}
	{
		char *img = path_join(dir, "a/pic.png");
		if ((f = fopen(img, "wb")) != NULL) {
			fwrite("\x89PNG\r\n\x1a\n0000", 1, 12, f);
			fclose(f);
		}
		free(img);
	}
	links = links_new(book);
	{
		/* every chapter's ids are known: nothing waits for later */
		size_t *redo;
		links_finish(links, &redo);
		free(redo);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct chapter ch;
	xmlDoc *doc;
	xmlNode *a;
	char *url, *src, *norm;
	size_t len;
	int bad;

	diag_setup(1, 0);
	if (book == NULL)
		setup();
	url = utf8_repair((const char *)data, size, &len, &bad);
	doc = xmlNewDoc(BAD_CAST "1.0");
	chapter_init(&ch, doc, "fuzz.md");
	ch.links = links;
	ch.art = book->arts[0];
	ch.dir = "a";
	ch.file = book->arts[0]->file;
	a = xmlNewNode(NULL, BAD_CAST "a");
	xmlDocSetRootElement(doc, a);
	if (links_href(&ch, url, 1, a) == 0) {
		xmlChar *href = xmlGetProp(a, BAD_CAST "href");
		xmlURIPtr uri = href ? xmlParseURI((const char *)href) : NULL;
		if (href != NULL && uri == NULL && strcmp((char *)href, "#") != 0)
			abort();        /* an href that is not a URI */
		xmlFreeURI(uri);
		xmlFree(href);
	}
	links_check_local(&ch);
	src = links_image(&ch, url, 1);
	if (src != NULL && strncmp(src, "../images/", 10) != 0)
		abort();                /* an image from anywhere else */
	free(src);
	links_find(links, book->arts[0], url);
	norm = path_normalize(url);
	if (norm != NULL && (strncmp(norm, "../", 3) == 0 ||
	    strcmp(norm, "..") == 0 || strstr(norm, "/../") != NULL))
		abort();                /* normalised but still climbing */
	free(norm);
	links_forget(links, 0);   /* the report would grow without end */
	chapter_free(&ch);
	xmlFreeDoc(doc);
	free(url);
	return 0;
}
