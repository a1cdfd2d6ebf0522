/* export.c: runs the stages in order; main.c only parses the command
 * line. */
#include "export.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "book.h"
#include "diag.h"
#include "links.h"
#include "meta.h"
#include "nav.h"
#include "opf.h"
#include "order.h"
#include "pack.h"
#include "pages.h"
#include "scan.h"
#include "template.h"

static void
list_book(const struct book *b)
{
	printf("title\t%s\n", b->cfg.title);
	printf("identifier\t%s\n", b->identifier);
	printf("modified\t%s\n", b->modified);
	for (size_t i = 0; i < b->ncats; i++) {
		const struct category *c = b->cats[i];
		printf("category\t%s\t%s\n", c->file, c->title);
		for (size_t j = 0; j < c->narts; j++) {
			const struct article *a = c->arts[j];
			printf("article\t%s\t%s\t%s\n", a->file, a->path,
			    a->title);
			for (size_t k = 0; k < a->nheads; k++)
				printf("section\t%s#%s\t%s\n", a->file,
				    a->heads[k].id, a->heads[k].text);
		}
	}
}

int
export_run(const struct export_opts *o)
{
	struct scan s;
	struct book *b;
	struct links *l = NULL;
	struct page_opts po = {o->templates, o->smart};
	int rc = -1;

	if (o->output != NULL && pack_check(o->output) < 0)
		return -1;
	if (scan_root(o->content, &s) < 0)
		return -1;
	b = book_new(o->content);
	if (config_load(b) < 0)
		goto out;
	for (size_t i = 0; i < s.articles.n; i++)
		article_load(b, s.articles.v[i]);
	if (b->narts == 0) {
		errx_at(o->content, 0, "no articles to export (all drafts or "
		    "unreadable)");
		goto out;
	}
	book_order(b, &s);
	l = links_new(b);
	if (stylesheet_load(o->css, &b->css, &b->css_len) < 0 ||
	    pages_articles(b, l, &po) < 0 || pages_front(b, l, &po) < 0)
		goto out;
	nav_build(b);
	opf_build(b);
	if (o->output == NULL) {
		list_book(b);
		rc = 0;
		goto out;
	}
	if (diag_errors() > 0)
		goto out;      /* --strict: warnings stop the export */
	rc = pack_write(b, o->output);
out:
	links_free(l);
	book_free(b);
	scan_free(&s);
	config_free();
	return rc;
}
