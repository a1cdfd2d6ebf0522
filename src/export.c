/* export.c: runs the stages in order; main.c only parses the command
 * line. */
#include "export.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "book.h"
#include "config.h"
#include "cover.h"
#include "diag.h"
#include "images.h"
#include "picture.h"
#include "links.h"
#include "markdown.h"
#include "meta.h"
#include "nav.h"
#include "opf.h"
#include "order.h"
#include "output.h"
#include "pack.h"
#include "render.h"
#include "report.h"
#include "scan.h"
#include "site.h"
#include "spine.h"
#include "template.h"
#include "text.h"
#include "threads.h"

/* hbook list: what the site's generator is, and the book's documents in
 * reading order, with each page's sections: "section DEPTH FILE TITLE
 * [HUB]", "article DEPTH FILE PATH TITLE", "heading FILE#ID TEXT"; paths
 * in the book's folder. */
static void
list_book(const struct book *b)
{
	const struct site *s = b->site;

	printf("generator\t%s\t%s\n", s->gen->name, s->config ? s->config :
	    "");
	for (size_t i = 0; i < s->content.n; i++)
		printf("content\t%s\n", s->content.v[i][0] ? s->content.v[i] :
		    ".");
	printf("title\t%s\n", b->cfg.title);
	printf("identifier\t%s\n", b->identifier);
	printf("modified\t%s\n", b->modified);
	for (size_t i = 0; i < b->ndocs; i++) {
		const struct doc *d = &b->docs[i];
		const struct article *a = d->art ? d->art : d->sec ? d->sec->hub :
		    NULL;
		char *rel = a ? path_join(a->where ? a->where : "", a->path) : NULL;

		if (d->kind == DOC_SECTION && d->sec != NULL)
			printf("section\t%d\t%s\t%s%s%s\n", d->depth,
			    path_base(d->href), d->sec->title, a ? "\t" : "",
			    a ? rel : "");
		else if (d->kind == DOC_ARTICLE && a != NULL)
			printf("article\t%d\t%s\t%s\t%s\n", d->depth,
			    path_base(d->href), rel, a->title);
		for (size_t k = 0; a != NULL && k < a->nheads &&
		    (d->kind == DOC_SECTION || d->kind == DOC_ARTICLE); k++)
			printf("heading\t%s#%s\t%s\n", path_base(d->href),
			    a->heads[k].id, a->heads[k].text);
		/* the short pages shown as entries: a section's page's under
		 * it, an article's after it, at its level */
		for (size_t k = 0; (d->kind == DOC_SECTION || d->kind ==
		    DOC_ARTICLE) && (d->sec != NULL || d->art != NULL); k++) {
			const struct section *in = d->sec ? d->sec : d->art->sec;
			const struct article *e;
			char *erel;
			if (in == NULL || k >= in->nkids)
				break;
			e = in->kids[k].art;
			if (e == NULL || !e->entry || e->host != (d->sec ? NULL :
			    d->art))
				continue;
			erel = path_join(e->where ? e->where : "", e->path);
			printf("article\t%d\t%s\t%s\t%s\n", d->depth + (d->sec !=
			    NULL), e->href, erel, e->title);
			free(erel);
		}
		free(rel);
	}
}

static int
res_cmp(const void *x, const void *y)
{
	return strcmp((*(struct resource *const *)x)->href,
	    (*(struct resource *const *)y)->href);
}

/* After the articles, one round of work side by side, each part writing
 * its own document: toc.ncx, nav.xhtml and the book's own pages, longest
 * first (toc.ncx takes as long as the other two: one thread makes it while
 * another makes the rest); package.opf follows, listing the pictures the
 * pages found. */
struct late {
	const struct render *r;
	const size_t *front;     /* the book's own pages, by spine place */
	int failed;              /* atomic */
};

static void
contents_and_pages(void *arg, size_t i, int worker)
{
	struct late *x = arg;

	(void)worker;
	if (i == 0)
		ncx_build(x->r->book);
	else if (i == 1)
		nav_build(x->r->book);
	else if (render_front(x->r, x->front[i - 2]) < 0)
		__atomic_store_n(&x->failed, 1, __ATOMIC_RELAXED);
}

/* What the export has made, freed by pack_write() while the book is
 * synced to disk. */
struct leftovers {
	struct book **b;
	struct links **l;
	struct scan *s;
};

/* Frees b and its site. */
static void
book_release(struct book *b)
{
	if (b != NULL && b->site != NULL) {
		site_free(b->site);
		free(b->site);
	}
	book_free(b);
}

static void
free_book(void *arg)
{
	struct leftovers *x = arg;

	links_free(*x->l);
	*x->l = NULL;
	book_release(*x->b);
	*x->b = NULL;
	scan_free(x->s);
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* --timings: the stages' times, to standard error. */
static void
stage(const struct export_opts *o, const char *name, double *t)
{
	double n = now();

	if (o->timings)
		fprintf(stderr, "hbook: timing: %-8s %7.3f s\n", name, n - *t);
	*t = n;
}

/* --timings, last: the whole export's time, the processor time hbook
 * took on all its threads (its own: other processes' load does not count,
 * so the tests use it to catch work growing faster than its input), and
 * its peak memory. */
static void
totals(const struct export_opts *o, double t0)
{
	struct rusage ru;

	if (!o->timings || getrusage(RUSAGE_SELF, &ru) < 0)
		return;
	fprintf(stderr, "hbook: timing: %-8s %7.3f s (processor %.3f s, "
	    "peak memory %ld MB)\n", "total", now() - t0,
	    (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
	    (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6,
	    ru.ru_maxrss / 1024);
}

/* The pages after the articles: contents, the book's own pages, then the
 * package document.  Returns 0, or -1 after an error diagnostic. */
static int
late_pages(const struct render *r)
{
	struct book *b = r->book;
	struct late x = {r, NULL, 0};
	size_t n;

	x.front = render_front_list(b, &n);
	threads_each(r->jobs, 2 + n, contents_and_pages, &x);
	free((void *)x.front);
	if (x.failed)
		return -1;
	/* pictures were found in whatever order the threads met them */
	if (b->nres)
		qsort(b->res, b->nres, sizeof(*b->res), res_cmp);
	opf_build(b);
	return 0;
}

int
export_run(const struct export_opts *o)
{
	struct scan s;
	struct book *b;
	struct links *l = NULL;
	struct images *im = NULL;
	struct report *rep = NULL;
	struct render r;
	struct cover_job *cover = NULL;
	int rc = -1, ok;
	double t = now(), t0 = t;

	if (o->kobo && o->output != NULL && !str_ends(o->output, ".kepub.epub"))
		warnx_at(o->output, 0, "Kobo reads a kepub only when its name "
		    "ends in .kepub.epub");
	if (o->lang != NULL && !lang_valid(o->lang)) {
		errx_at(NULL, 0, "--lang %s is not a language tag", o->lang);
		return -1;
	}
	b = book_new(o->content);
	memset(&s, 0, sizeof(s));
	if (config_load(b, o->config) < 0)
		goto out;
	b->site = xcalloc(1, sizeof(*b->site));
	if (site_detect(b, b->site) < 0)
		goto out;
	config_settle(b);
	if ((o->output != NULL && output_check(b, o->output, "book") < 0) ||
	    (o->report != NULL && output_check(b, o->report, "report") < 0))
		goto out;
	if (o->output != NULL && o->report != NULL &&
	    strcmp(o->output, o->report) == 0 && strcmp(o->output, "-") != 0) {
		errx_at(o->report, 0, "is the book too: give the report another "
		    "name");
		goto out;
	}
	if (o->output != NULL)
		cover = cover_begin(b, o->cover, o->level, o->jobs > 1);
	if (o->lang != NULL) {
		free(b->cfg.language);
		b->cfg.language = xstrdup(o->lang);
	}
	if (scan_root(b->root, b->site, &s) < 0)
		goto out;
	stage(o, "scan", &t);
	articles_load(b, &s.articles, o->jobs);
	articles_choose_language(b, o->lang);
	if (b->narts == 0) {
		errx_at(o->content, 0, "no articles to export (all drafts or "
		    "unreadable)");
		goto out;
	}
	articles_address(b);
	book_order(b);
	spine_plan(b, o->output != NULL, o->source_date);
	stage(o, "read", &t);
	l = links_new(b, &s);
	{
		struct picture_opts po;
		po.profile = (enum picture_profile)o->images;
		po.size = o->image_size > 0 ? o->image_size :
		    po.profile == PICTURES_EINK ? 1200 : 1600;
		im = images_new(b, &po);
	}
	rep = o->report ? report_new() : NULL;
	stage(o, "links", &t);
	if (stylesheet_load(b->in, o->css, &b->css, &b->css_len) < 0)
		goto out;
	/* the cover is drawn while the chapters render */
	if (cover != NULL && cover_start(b, cover, o->cover, o->templates) < 0)
		goto out;
	r.book = b;
	r.links = l;
	r.images = im;
	r.report = rep;
	r.templates = o->templates;
	r.smart = o->smart;
	r.kobo = o->kobo;
	r.jobs = o->jobs;
	r.level = o->level;
	ok = render_articles(&r) == 0;
	if (o->timings)
		fprintf(stderr, "hbook: timing: %-8s %7.3f s (the threads' time, "
		    "within render)\n", "parse", md_parse_seconds());
	stage(o, "render", &t);
	images_say(im);
	if (cover != NULL && cover_finish(b, cover) < 0)
		ok = 0;
	cover = NULL;
	if (!ok || late_pages(&r) < 0)
		goto out;
	stage(o, "pages", &t);
	if (rep != NULL && report_write(rep, b, o->report) < 0)
		goto out;
	if (o->output == NULL) {
		list_book(b);
		rc = 0;
		goto out;
	}
	if (diag_errors() > 0)
		goto out;      /* --strict: warnings stop the export */
	images_free(im);
	im = NULL;
	{
		struct leftovers left = {&b, &l, &s};
		rc = pack_write(b, o->output, o->level, o->jobs, free_book,
		    &left);
	}
	stage(o, "pack", &t);
out:
	if (cover != NULL)
		cover_finish(NULL, cover);
	images_free(im);
	report_free(rep);
	links_free(l);
	book_release(b);
	scan_free(&s);
	template_free();
	totals(o, t0);
	return rc;
}
