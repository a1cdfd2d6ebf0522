/* regress.c: fixture tests for Markdown -> XHTML.  Each tests/regress/
 * CASE.md renders (without a book: links and image paths stay as written)
 * and must equal CASE.xhtml byte for byte.  Names holding "smart" render
 * with --smart, names holding "kramdown" with markdown: kramdown.
 * "regress --regen DIR" rewrites the expected files after a deliberate
 * change; review the diff before committing it. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>

#include "dom.h"
#include "markdown.h"
#include "page.h"
#include "sanitize.h"
#include "text.h"
#include "util.h"

static const char skeleton[] =
    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!DOCTYPE html>\n"
    "<html xmlns=\"http://www.w3.org/1999/xhtml\" "
    "xmlns:epub=\"http://www.idpf.org/2007/ops\" lang=\"en\" xml:lang=\"en\">\n"
    "<head><title>fixture</title></head>\n<body>\n</body>\n</html>\n";

/* Renders md as the body of a page; the caller frees the result. */
char *render_fixture(const char *name, const char *md, size_t len,
    size_t *outlen);

/* Reads a test's file whole, NUL-terminated.  Returns 0, or -1. */
int read_whole(const char *path, char **data, size_t *len);

int
read_whole(const char *path, char **data, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct buf b = {0};
	char chunk[65536];
	size_t n;

	if (f == NULL)
		return -1;
	buf_add(&b, "", 0);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(&b, chunk, n);
	if (ferror(f)) {
		fclose(f);
		buf_free(&b);
		return -1;
	}
	fclose(f);
	*len = b.len;
	*data = buf_steal(&b);
	return 0;
}

char *
render_fixture(const char *name, const char *md, size_t len, size_t *outlen)
{
	xmlDoc *doc = xmlReadMemory(skeleton, (int)sizeof(skeleton) - 1,
	    "fixture", "utf-8", 0);
	xmlNode *body = xmlLastElementChild(xmlDocGetRootElement(doc));
	struct page pg;
	char *out;

	page_init(&pg, doc, name);
	pg.smart = strstr(name, "smart") != NULL;
	pg.kramdown = strstr(name, "kramdown") != NULL;
	pg.epub = xmlSearchNsByHref(doc, xmlDocGetRootElement(doc),
	    BAD_CAST "http://www.idpf.org/2007/ops");
	md_render(&pg, body, md, len);
	headings_normalize(&pg, body);
	if (pg.notes != NULL) {
		xmlAddChild(body, pg.notes);
		pg.notes = NULL;
	}
	xhtml_repair(body);
	page_free(&pg);
	dom_write(doc, DOM_XHTML, &out, outlen);
	return out;
}

#ifndef REGRESS_NO_MAIN
static int
cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
main(int argc, char *argv[])
{
	int regen = argc > 1 && strcmp(argv[1], "--regen") == 0;
	const char *dir = argv[regen ? 2 : 1];
	struct strlist cases = {0};
	struct dirent *e;
	DIR *d;
	int failed = 0;

	if (dir == NULL || (d = opendir(dir)) == NULL) {
		fprintf(stderr, "usage: regress [--regen] DIR\n");
		return 2;
	}
	while ((e = readdir(d)) != NULL)
		if (str_ends(e->d_name, ".md"))
			strlist_add(&cases, e->d_name);
	closedir(d);
	if (cases.n)
		qsort(cases.v, cases.n, sizeof(*cases.v), cmp_name);
	for (size_t i = 0; i < cases.n; i++) {
		char *md_path = path_join(dir, cases.v[i]), *md, *want, *got;
		char *x_path = xasprintf("%.*s.xhtml", (int)strlen(md_path) - 3,
		    md_path);
		size_t len, wlen, glen;

		if (read_whole(md_path, &md, &len) < 0) {
			printf("not ok regress: %s: cannot read\n", cases.v[i]);
			failed++;
			continue;
		}
		{
			/* as articles_load() does: the renderer gets UTF-8 */
			int bad;
			char *fixed = utf8_repair(md, len, &len, &bad);
			free(md);
			md = fixed;
		}
		got = render_fixture(cases.v[i], md, len, &glen);
		if (regen) {
			FILE *f = fopen(x_path, "wb");
			if (f == NULL || fwrite(got, 1, glen, f) != glen) {
				fprintf(stderr, "cannot write %s\n", x_path);
				failed++;
			}
			if (f != NULL)
				fclose(f);
		} else if (read_whole(x_path, &want, &wlen) < 0) {
			printf("not ok regress: %s: no expected %s\n", cases.v[i],
			    x_path);
			failed++;
		} else {
			if (wlen == glen && memcmp(want, got, glen) == 0) {
				printf("ok regress: %s\n", cases.v[i]);
			} else {
				printf("not ok regress: %s: output differs from "
				    "%s\n", cases.v[i], x_path);
				failed++;
			}
			free(want);
		}
		free(got);
		free(md);
		free(x_path);
		free(md_path);
	}
	strlist_free(&cases);
	return failed ? 1 : 0;
}
#endif
