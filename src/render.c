/* render.c: the book's pages from their templates: articles, category
 * pages, title page, disclaimer, topics index and cover page. */
#include "render.h"

#include <ctype.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <libxml/tree.h>

#include "diag.h"
#include "dom.h"
#include "generator.h"
#include "kepub.h"
#include "links.h"
#include "markdown.h"
#include "pack.h"
#include "rawhtml.h"
#include "page.h"
#include "report.h"
#include "sanitize.h"
#include "site.h"
#include "spine.h"
#include "template.h"
#include "text.h"
#include "threads.h"

#define EPUB_NS "http://www.idpf.org/2007/ops"

/* A field's content lives in a detached <div> of the page's document. */
static xmlNode *
holder(xmlDoc *doc)
{
	return xmlNewDocNode(doc, NULL, BAD_CAST "div", NULL);
}

static xmlNode *
text_field(xmlDoc *doc, const char *s)
{
	xmlNode *h;

	if (s == NULL || s[0] == '\0')
		return NULL;
	h = holder(doc);
	append_text(h, s, strlen(s));
	return h;
}

static void
collect_ids(struct strmap *ids, xmlNode *n)
{
	for (; n != NULL; n = n->next) {
		xmlChar *id;
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if ((id = xmlGetProp(n, BAD_CAST "id")) != NULL) {
			strmap_put(ids, (const char *)id, (void *)1);
			xmlFree(id);
		}
		collect_ids(ids, n->children);
	}
}

/* s's words only, lowercase, one blank apart: Markdown's marks, link
 * addresses and punctuation out; no more of s once out is longer than
 * most. */
static void
words(const char *s, size_t n, size_t most, struct buf *out)
{
	int blank = 1;

	buf_add(out, "", 0);
	for (size_t i = 0; i < n && out->len <= most; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == ']' && i + 1 < n && s[i + 1] == '(') {
			/* a link's address */
			while (i < n && s[i] != ')')
				i++;
			continue;
		}
		if (isalnum(c) || c >= 0x80) {
			buf_addc(out, (char)tolower(c));
			blank = 0;
		} else if (!blank && (isspace(c) || c == '-' || c == '/')) {
			buf_addc(out, ' ');
			blank = 1;
		}
	}
	while (out->len > 0 && out->data[out->len - 1] == ' ')
		out->data[--out->len] = '\0';
}

/* Whether a's lede is its first paragraph, or begins it: shown once, as
 * the text has it (HealthCare.gov repeats it in 36 pages). */
static int
lede_repeated(const struct article *a)
{
	const char *p = a->body, *end, *start = NULL;
	struct buf lede = {0}, para = {0};
	int same;

	if (a->description == NULL || p == NULL || a->html)
		return 0;
	end = p + a->body_len;
	/* the first paragraph: past blank lines, headings and comments */
	while (p < end && start == NULL) {
		const char *e = memchr(p, '\n', (size_t)(end - p)), *t = p;
		const char *le = e ? e : end;
		while (t < le && (*t == ' ' || *t == '\t'))
			t++;
		if (t < le && *t != '#' && *t != '<' && *t != '!' && *t != '{')
			start = t;
		else
			p = e ? e + 1 : end;
	}
	if (start == NULL)
		return 0;
	{
		const char *q = start, *stop = end;
		while (q < end) {
			const char *e = memchr(q, '\n', (size_t)(end - q));
			const char *next = e ? e + 1 : end;
			const char *t = next;
			while (t < end && (*t == ' ' || *t == '\t'))
				t++;
			if (e == NULL || t >= end || *t == '\n') {
				stop = e ? e : end;
				break;
			}
			q = next;
		}
		/* as much of it as the lede can match */
		words(a->description, strlen(a->description), SIZE_MAX, &lede);
		words(start, (size_t)(stop - start), lede.len, &para);
	}
	same = lede.len > 0 && para.len >= lede.len &&
	    strncmp(para.data, lede.data, lede.len) == 0 &&
	    (para.data[lede.len] == '\0' || para.data[lede.len] == ' ');
	buf_free(&lede);
	buf_free(&para);
	return same;
}

/* The syntax a's Markdown is in, by its site's generator. */
static int
syntax_of(const struct book *b, const struct article *a)
{
	const struct generator *g = b->site ? b->site->gen : NULL;
	int s = 0;

	if (g == &gen_docusaurus || (a != NULL && str_ends(a->path, ".mdx")))
		s |= SYNTAX_MDX;
	if (g == &gen_zola)
		s |= SYNTAX_ZOLA;
	else if (g == NULL || g == &gen_plain || g == &gen_hugo ||
	    g == &gen_jekyll || g == &gen_gitbook)
		s |= SYNTAX_TEMPLATES;
	return s;
}

static int
page_start(struct page *pg, const struct render *r, const char *name,
    const char *src, const char *lang, size_t order)
{
	xmlDoc *doc = template_load(r->book->in, r->templates, name);
	const struct doc *d = &r->book->docs[order];
	xmlNode *root;
	xmlNs *xml;

	if (doc == NULL)
		return -1;
	page_init(pg, doc, src);
	pg->smart = r->smart;
	pg->kramdown = r->book->cfg.kramdown;
	pg->book = r->book;
	pg->kobo = r->kobo;
	pg->links = r->links;
	pg->images = r->images;
	pg->report = r->report;
	pg->order = order;
	pg->file = path_base(d->href);
	root = xmlDocGetRootElement(doc);
	pg->epub = xmlSearchNsByHref(doc, root, BAD_CAST EPUB_NS);
	if (pg->epub == NULL)
		pg->epub = xmlNewNs(root, BAD_CAST EPUB_NS, BAD_CAST "epub");
	xmlSetProp(root, BAD_CAST "lang", BAD_CAST lang);
	xml = xmlSearchNsByHref(doc, root, XML_XML_NAMESPACE);
	xmlSetNsProp(root, xml, BAD_CAST "lang", BAD_CAST lang);
	collect_ids(pg->ids, root);
	return 0;
}

/* Fills the template with the fields (and frees them), makes the page
 * valid, and writes it into its document. */
static void
page_finish(struct page *pg, struct field *f, size_t nf, struct doc *d)
{
	/* the page's ids are all known: a copied field copies its hrefs */
	page_check_local(pg);
	template_fill(pg->doc, f, nf);
	for (size_t i = 0; i < nf; i++)
		if (f[i].content != NULL)
			xmlFreeNode(f[i].content);
	xhtml_repair(xmlDocGetRootElement(pg->doc));
	if (pg->kobo)
		kepub_page(pg->doc);
	dom_write(pg->doc, DOM_XHTML, &d->bytes, &d->len);
	pg->doc = NULL;
}

static xmlNode *
byline(xmlDoc *doc, const struct article *a, const char *lang)
{
	xmlNode *h = holder(doc);
	int parts = 0;

	if (a->authors.n) {
		char *who = names_join(&a->authors), *by = xasprintf("By %s", who);
		append_text(h, by, strlen(by));
		free(by);
		free(who);
		parts++;
	}
	for (int k = 0; k < 2; k++) {
		const char *d = k ? a->updated : a->date;
		char *shown;
		xmlNode *t;

		if (d == NULL || (k && a->date && strcmp(d, a->date) == 0))
			continue;
		if (parts++)
			append_text(h, " \xC2\xB7 ", 4);
		append_text(h, k ? "Updated " : "Published ", k ? 8 : 10);
		t = el_new(h, "time");
		xmlSetProp(t, BAD_CAST "datetime", BAD_CAST d);
		shown = date_display(d, lang);
		append_text(t, shown, strlen(shown));
		free(shown);
	}
	if (parts == 0) {
		xmlFreeNode(h);
		return NULL;
	}
	return h;
}

static xmlNode *
lead_image(struct page *pg, const struct article *a)
{
	char *src;
	xmlNode *h, *img;

	if (a->image == NULL || (src = page_picture(pg, a->image, 1)) == NULL)
		return NULL;
	h = holder(pg->doc);
	img = el_new(h, "img");
	xmlSetProp(img, BAD_CAST "src", BAD_CAST src);
	set_attr(img, "alt", a->image_alt ? a->image_alt : "");
	if (a->image_alt == NULL)
		warnx_at(a->src, 1, "lead image %s has no image_alt text",
		    a->image);
	free(src);
	return h;
}

/* The list of related articles, each once. */
static xmlNode *
related(struct page *pg, const struct article *a)
{
	xmlNode *list = NULL;
	const struct article **seen = xcalloc(a->related.n + 1, sizeof(*seen));
	size_t nseen = 0;

	for (size_t i = 0; i < a->related.n; i++) {
		const struct article *t = links_find(pg->links, a,
		    a->related.v[i]);
		xmlNode *li, *link;
		char *note;
		size_t k = 0;

		if (t == NULL || t == a) {
			if (t == NULL)
				warnx_at(a->src, 1, "related article not in the "
				    "book: %s", a->related.v[i]);
			report_add(pg->report, pg->order, a->src, 1, "related",
			    a->related.v[i], t ? "left out: the article itself" :
			    "left out: not in the book");
			continue;
		}
		note = xasprintf("in the book: %s", t->href);
		report_add(pg->report, pg->order, a->src, 1, "related",
		    a->related.v[i], note);
		free(note);
		while (k < nseen && seen[k] != t)
			k++;
		if (k < nseen)
			continue;
		seen[nseen++] = t;
		if (list == NULL)
			list = holder(pg->doc);
		li = el_new(list, "li");
		link = el_new(li, "a");
		xmlSetProp(link, BAD_CAST "href", BAD_CAST t->href);
		append_text(link, t->title, strlen(t->title));
	}
	free(seen);
	return list;
}

/* Ends a written page: its article (when it has one) keeps the page's
 * sections and ids; a page waiting for other pages' ids keeps its bytes
 * until then, the others are deflated now. */
static void
page_done(struct page *pg, struct article *a, struct doc *d,
    struct deflater *dfl)
{
	if (a != NULL) {
		a->heads = pg->heads;
		a->nheads = pg->nheads;
		pg->heads = NULL;
		pg->nheads = 0;
		a->ids = pg->ids;
		pg->ids = NULL;
	}
	d->pend = pg->pend;
	d->npend = pg->npend;
	d->unknown = pg->unknown;
	memset(&pg->unknown, 0, sizeof(pg->unknown));
	pg->pend = NULL;
	pg->npend = 0;
	if (d->npend == 0) {
		deflate_bytes(dfl, d->bytes, d->len, &d->z);
		free(d->bytes);
		d->bytes = NULL;
	}
	page_free(pg);
}

/* A page's text into holder: Markdown, or an HTML page's body. */
static void
page_text(struct page *pg, xmlNode *holder, const struct article *a)
{
	if (a->html) {
		/* Jekyll runs Liquid in its HTML pages too */
		size_t n;
		char *t = generators_expand(a->body, a->body_len, pg->syntax, pg,
		    a->body_line, &n);
		xmlNode *cur = holder;
		html_feed(pg, holder, &cur, t ? t : a->body, t ? n : a->body_len,
		    a->body_line);
		free(t);
	} else {
		md_render(pg, holder, a->body, a->body_len);
	}
}

/* The label linking a page to the section it is in. */
static xmlNode *
section_label(xmlDoc *doc, const struct section *s)
{
	xmlNode *h, *link;

	if (s == NULL || s->file == NULL)
		return NULL;
	h = holder(doc);
	link = el_new(h, "a");
	xmlSetProp(link, BAD_CAST "href", BAD_CAST s->file);
	append_text(link, s->title, strlen(s->title));
	return h;
}

static int render_section(const struct render *r, size_t order,
    struct deflater *dfl);
static void reserve_entries(struct page *pg, const struct section *s,
    const struct article *host);
static int section_entries(struct page *pg, const struct render *r,
    const struct section *s, const struct article *host, xmlNode *into);

static int
render_article(const struct render *r, size_t order, struct deflater *dfl)
{
	struct doc *d = &r->book->docs[order];
	struct article *a = d->art;
	const char *lang = a->lang ? a->lang : r->book->cfg.language;
	struct page pg;
	struct field f[8];
	xmlNode *body;
	size_t nf = 0;

	if (page_start(&pg, r, "article.xhtml", a->src, lang, order) < 0)
		return -1;
	pg.art = a;
	pg.syntax = syntax_of(r->book, a);
	pg.line0 = a->body_line;
	pg.drop_h1 = a->title;
	reserve_entries(&pg, a->sec, a);

	f[nf].name = "title";
	f[nf++].content = text_field(pg.doc, a->title);
	f[nf].name = "description";
	f[nf++].content = text_field(pg.doc, lede_repeated(a) ? NULL :
	    a->description);
	f[nf].name = "category";
	f[nf++].content = section_label(pg.doc, a->sec);
	f[nf].name = "byline";
	f[nf++].content = byline(pg.doc, a, lang);
	f[nf].name = "image";
	f[nf++].content = lead_image(&pg, a);
	body = holder(pg.doc);
	page_text(&pg, body, a);
	headings_normalize(&pg, body);
	/* the short pages after it in its section, as entries */
	section_entries(&pg, r, a->sec, a, body);
	f[nf].name = "body";
	f[nf++].content = body;
	f[nf].name = "notes";
	f[nf++].content = pg.notes;
	pg.notes = NULL;
	f[nf].name = "related";
	f[nf++].content = related(&pg, a);

	page_finish(&pg, f, nf, d);
	page_done(&pg, a, d, dfl);
	return 0;
}

/* The documents of the site's pages (articles, and sections, which hold
 * their hub pages), by their place in the spine. */
static size_t *
article_list(const struct book *b, size_t *n)
{
	size_t *v = xcalloc(b->ndocs + 1, sizeof(*v));

	*n = 0;
	for (size_t i = 0; i < b->ndocs; i++)
		if (b->docs[i].kind == DOC_ARTICLE ||
		    b->docs[i].kind == DOC_SECTION)
			v[(*n)++] = i;
	return v;
}

struct work {
	const struct render *r;
	const size_t *docs;      /* places in the spine */
	struct deflater **d;     /* one per worker, made when first needed */
	int failed;              /* atomic */
};

static void
article_worker(void *arg, size_t i, int n)
{
	struct work *w = arg;
	struct doc *d = &w->r->book->docs[w->docs[i]];
	struct article *a = d->art ? d->art : d->sec->hub;

	if (w->d[n] == NULL)
		w->d[n] = deflater_new(w->r->level);
	if ((d->kind == DOC_SECTION ? render_section(w->r, w->docs[i], w->d[n]) :
	    render_article(w->r, w->docs[i], w->d[n])) < 0)
		__atomic_store_n(&w->failed, 1, __ATOMIC_RELAXED);
	/* hold only what is needed: the Markdown goes, unless another page
	 * may embed it (Obsidian's ![[Note]]) */
	if (a != NULL && !(w->r->links && links_wikilinks(w->r->links))) {
		free(a->body);
		a->body = NULL;
	}
}

static int
pend_cmp(const void *x, const void *y)
{
	const struct pending *a = *(struct pending *const *)x;
	const struct pending *b = *(struct pending *const *)y;

	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	return a < b ? -1 : a > b;
}

/* Settles the links of the document at place i into other articles'
 * sections, now that every article's ids are known: the hrefs, warnings
 * for sections that are not there (in the order of their lines), and the
 * report's rows. */
static void
settle(const struct render *r, size_t i)
{
	struct doc *d = &r->book->docs[i];
	char **hrefs = xcalloc(d->npend + 1, sizeof(*hrefs));
	struct pending **sorted = xcalloc(d->npend + 1, sizeof(*sorted));
	struct buf out = {0};
	size_t k;

	for (k = 0; k < d->npend; k++)
		sorted[k] = &d->pend[k];
	qsort(sorted, d->npend, sizeof(*sorted), pend_cmp);
	for (k = 0; k < d->npend; k++) {
		const struct pending *p = sorted[k];
		char *id = links_choose_id(article_ids(p->target), p->frag);
		char *note;
		char *href;

		if (id == NULL) {
			warnx_at(p->src, p->line, "link to '#%s': no such section "
			    "in %s; it points at the page", p->frag,
			    p->target->file);
			href = xstrdup(p->target->file);
		} else {
			href = xasprintf("%s#%s", p->target->file, id);
		}
		note = xasprintf("in the book: %s", href);
		report_set(r->report, p->row, note);
		hrefs[p - d->pend] = href;
		free(note);
		free(id);
	}
	/* the marks: PENDING_MARK, the link's number, PENDING_MARK */
	for (size_t at = 0; at < d->len;) {
		const char *m = memchr(d->bytes + at, PENDING_MARK, d->len - at);
		char *end;
		size_t n;

		if (m == NULL) {
			buf_add(&out, d->bytes + at, d->len - at);
			break;
		}
		buf_add(&out, d->bytes + at, (size_t)(m - d->bytes) - at);
		n = strtoul(m + 1, &end, 10);
		if (*end != PENDING_MARK || n >= d->npend)
			xoom();      /* a mark hbook did not write: impossible */
		buf_adds(&out, hrefs[n]);
		at = (size_t)(end + 1 - d->bytes);
	}
	free(d->bytes);
	d->len = out.len;
	d->bytes = buf_steal(&out);
	for (k = 0; k < d->npend; k++)
		free(hrefs[k]);
	free(hrefs);
	free(sorted);
}

static void
settle_worker(void *arg, size_t i, int n)
{
	struct work *w = arg;
	struct doc *d = &w->r->book->docs[w->docs[i]];

	if (d->npend == 0)
		return;
	if (w->d[n] == NULL)
		w->d[n] = deflater_new(w->r->level);
	settle(w->r, w->docs[i]);
	deflate_bytes(w->d[n], d->bytes, d->len, &d->z);
	free(d->bytes);
	d->bytes = NULL;
}

static void
free_count(const char *key, void *value, void *arg)
{
	(void)key;
	(void)arg;
	free(value);
}

/* What pages use that hbook cannot run (page_unknown()): one warning
 * each for the whole book, at the first page (in reading order) that uses
 * it, with how many do. */
static void
say_unknown(struct book *b, const size_t *docs, size_t n)
{
	struct strmap *pages = strmap_new(), *said = strmap_new();

	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < n; i++) {
			struct doc *d = &b->docs[docs[i]];
			for (size_t k = 0; k < d->unknown.n; k++) {
				/* K \t NAME \t LINE \t FILE */
				const char *e = d->unknown.v[k];
				const char *t1 = strchr(e, '\t');
				const char *t2 = strchr(t1 + 1, '\t');
				const char *t3 = strchr(t2 + 1, '\t');
				char *key = xstrndup(e, (size_t)(t2 - e));
				char *name = xstrndup(t1 + 1, (size_t)(t2 - t1 - 1));
				size_t *count = strmap_get(pages, key);

				if (pass == 0) {
					if (count == NULL)
						strmap_put(pages, key, count =
						    xcalloc(1, sizeof(*count)));
					(*count)++;
				} else if (strmap_get(said, key) == NULL) {
					strmap_put(said, key, (void *)1);
					warnx_at(t3 + 1, atoi(t2 + 1), e[0] == UNKNOWN_MDX ?
					    "MDX component <%s> is code hbook cannot "
					    "run: the text it encloses stays (on %zu "
					    "page%s)" : "template tag '%s' removed (hbook "
					    "cannot run it); what it encloses is kept (on "
					    "%zu page%s)", name, *count, *count == 1 ?
					    "" : "s");
				}
				free(name);
				free(key);
			}
			if (pass == 1)
				strlist_free(&d->unknown);
		}
	}
	strmap_each(pages, free_count, NULL);
	strmap_free(pages);
	strmap_free(said);
}

int
render_articles(const struct render *r)
{
	struct work w = {r, NULL, NULL, 0};
	size_t n;

	md_init();
	w.docs = article_list(r->book, &n);
	w.d = xcalloc((size_t)r->jobs + 1, sizeof(*w.d));
	threads_each(r->jobs, n, article_worker, &w);
	if (!w.failed)
		threads_each(r->jobs, n, settle_worker, &w);
	say_unknown(r->book, w.docs, n);
	for (int k = 0; k < r->jobs; k++)
		deflater_free(w.d[k]);
	free(w.d);
	free((void *)w.docs);
	return w.failed ? -1 : 0;
}

/* A section's list of what it holds: each entry's title, linked, and
 * its description. */
static xmlNode *
section_contents(xmlDoc *doc, const struct section *s)
{
	xmlNode *list = holder(doc);

	for (size_t i = 0; i < s->nkids; i++) {
		const struct entry *e = &s->kids[i];
		const char *file, *title, *desc;
		xmlNode *li, *p, *link;

		if (e->sec == NULL && e->art == NULL)
			continue;
		file = e->sec ? e->sec->file : e->art->href;
		title = e->sec ? e->sec->title : e->art->title;
		desc = e->sec ? e->sec->description : e->art->description;
		li = el_new(list, "li");
		p = el_new(li, "p");
		link = el_new(p, "a");
		xmlSetProp(p, BAD_CAST "class", BAD_CAST "entry");
		xmlSetProp(link, BAD_CAST "href", BAD_CAST file);
		append_text(link, title, strlen(title));
		if (desc != NULL) {
			p = el_new(li, "p");
			xmlSetProp(p, BAD_CAST "class", BAD_CAST "entry-desc");
			append_text(p, desc, strlen(desc));
		}
	}
	return list;
}

/* The ids of the entries of section s that host's page shows (NULL: the
 * section's page), kept before anything else takes them: links made
 * before the page use them. */
static void
reserve_entries(struct page *pg, const struct section *s,
    const struct article *host)
{
	for (size_t i = 0; s != NULL && i < s->nkids; i++) {
		const struct article *a = s->kids[i].art;
		if (a != NULL && a->entry && a->host == host)
			strmap_put(pg->ids, a->anchor, (void *)1);
	}
}

/* The short pages of section s that host's page shows (NULL: the
 * section's page) into into, each an entry: its title (a level-2 heading
 * with the id links to it use), its lede, its text with its headings a
 * level down.  Each is read from its own file, so its links, pictures and
 * diagnostics are its own.  Returns whether there was any. */
static int
section_entries(struct page *pg, const struct render *r,
    const struct section *s, const struct article *host, xmlNode *into)
{
	const struct article *was = pg->art;
	const char *src = pg->src, *drop = pg->drop_h1;
	int any = 0, syntax = pg->syntax, line0 = pg->line0;

	for (size_t i = 0; s != NULL && i < s->nkids; i++) {
		struct article *a = s->kids[i].art;
		xmlNode *entry, *h, *body, *kid;

		if (a == NULL || !a->entry || a->host != host)
			continue;
		any = 1;
		entry = el_new(into, "section");
		xmlSetProp(entry, BAD_CAST "class", BAD_CAST "entry-page");
		h = el_new(entry, "h2");
		xmlSetProp(h, BAD_CAST "id", BAD_CAST a->anchor);
		append_text(h, a->title, strlen(a->title));
		if (a->description != NULL && !lede_repeated(a)) {
			xmlNode *lede = el_new(entry, "p");
			xmlSetProp(lede, BAD_CAST "class", BAD_CAST "lede");
			append_text(lede, a->description, strlen(a->description));
		}
		pg->art = a;
		pg->src = a->src;
		pg->syntax = syntax_of(r->book, a);
		pg->line0 = a->body_line;
		pg->drop_h1 = a->title;
		if ((body = lead_image(pg, a)) != NULL) {
			/* its picture, as an article's page has it */
			xmlSetProp(body, BAD_CAST "class", BAD_CAST "lead");
			xmlAddChild(entry, body);
		}
		body = holder(pg->doc);
		page_text(pg, body, a);
		headings_below(pg, body, 3);
		while ((kid = body->children) != NULL) {
			xmlUnlinkNode(kid);
			xmlAddChild(entry, kid);
		}
		xmlFreeNode(body);
		if (!(r->links && links_wikilinks(r->links))) {
			free(a->body);
			a->body = NULL;
		}
	}
	pg->art = was;
	pg->src = src;
	pg->drop_h1 = drop;
	pg->syntax = syntax;
	pg->line0 = line0;
	return any;
}

/* A section's page: its title and description, its hub page's text, and
 * the list of what it holds.  It is the hub page's chapter: links to the
 * hub and its sections land here. */
static int
render_section(const struct render *r, size_t order, struct deflater *dfl)
{
	struct doc *d = &r->book->docs[order];
	const struct section *s = d->sec;
	struct article *hub = s->hub;
	struct page pg;
	struct field f[5];

	if (page_start(&pg, r, "section.xhtml", hub ? hub->src :
	    r->book->root, hub && hub->lang ? hub->lang :
	    r->book->cfg.language, order) < 0)
		return -1;
	pg.art = hub;
	pg.syntax = syntax_of(r->book, hub);
	reserve_entries(&pg, s, NULL);
	f[0].name = "title";
	f[0].content = text_field(pg.doc, s->title);
	f[1].name = "description";
	f[1].content = text_field(pg.doc, s->description);
	f[2].name = "intro";
	f[2].content = NULL;
	if (hub != NULL && hub->body_len > 0) {
		pg.line0 = hub->body_line;
		pg.drop_h1 = hub->title;
		f[2].content = holder(pg.doc);
		page_text(&pg, f[2].content, hub);
		headings_normalize(&pg, f[2].content);
	}
	{
		xmlNode *intro = f[2].content ? f[2].content : holder(pg.doc);
		if (section_entries(&pg, r, s, NULL, intro))
			f[2].content = intro;
		else if (intro != f[2].content)
			xmlFreeNode(intro);
	}
	if (f[2].content != NULL) {
		if (pg.notes != NULL) {
			xmlNode *kid;
			while ((kid = pg.notes->children) != NULL) {
				xmlUnlinkNode(kid);
				xmlAddChild(f[2].content, kid);
			}
		}
	}
	f[3].name = "contents";
	f[3].content = s->merged ? NULL : section_contents(pg.doc, s);
	f[4].name = "category";
	f[4].content = section_label(pg.doc, s->parent);
	page_finish(&pg, f, 5, d);
	if (hub == NULL) {
		/* the entries' ids, for links into their sections */
		d->sec->ids = pg.ids;
		pg.ids = NULL;
	}
	page_done(&pg, hub, d, dfl);
	return 0;
}

/* Where and when the text came from, which for health information a
 * reader must know: "From www.va.gov, content as of 14 March 2024." */
static char *
provenance(const struct book *b)
{
	static const char *const phrases[][3] = {
	    {"en", "From %s, content as of %s.", "Content as of %s."},
	    {"es", "De %s, contenido al %s.", "Contenido al %s."},
	    {"fr", "D'après %s, contenu au %s.", "Contenu au %s."},
	    {"de", "Von %s, Inhalt vom %s.", "Inhalt vom %s."},
	    {"pt", "De %s, conteúdo de %s.", "Conteúdo de %s."}};
	const char *lang = b->cfg.language;
	size_t w = 0;
	char ymd[11], *date, *host, *out;

	for (size_t i = 0; i < sizeof(phrases) / sizeof(*phrases); i++)
		if (strncasecmp(lang, phrases[i][0], 2) == 0 && (lang[2] == '\0' ||
		    lang[2] == '-'))
			w = i;
	snprintf(ymd, sizeof(ymd), "%.10s", b->modified);
	date = date_display(ymd, lang);
	host = b->cfg.base_url ? web_host(b->cfg.base_url) : NULL;
	out = host ? xasprintf(phrases[w][1], host, date) :
	    xasprintf(phrases[w][2], date);
	free(host);
	free(date);
	return out;
}

static int
render_title(const struct render *r, size_t order)
{
	const struct config *c = &r->book->cfg;
	struct page pg;
	struct field f[6];
	char *who, *date, *source;

	if (page_start(&pg, r, "title.xhtml", r->book->root, c->language,
	    order) < 0)
		return -1;
	who = names_join(&c->authors);
	date = c->date ? date_display(c->date, c->language) : NULL;
	f[0].name = "title";
	f[0].content = text_field(pg.doc, c->title);
	f[1].name = "subtitle";
	f[1].content = text_field(pg.doc, c->subtitle);
	f[2].name = "author";
	f[2].content = text_field(pg.doc, who);
	f[3].name = "publisher";
	f[3].content = text_field(pg.doc, c->publisher);
	f[4].name = "date";
	f[4].content = text_field(pg.doc, date);
	source = provenance(r->book);
	f[5].name = "source";
	f[5].content = text_field(pg.doc, source);
	page_finish(&pg, f, 6, &r->book->docs[order]);
	page_free(&pg);
	free(who);
	free(date);
	free(source);
	return 0;
}

static int
render_disclaimer(const struct render *r, size_t order)
{
	const struct config *c = &r->book->cfg;
	struct page pg;
	struct field f[1];

	if (page_start(&pg, r, "disclaimer.xhtml", c->src, c->language,
	    order) < 0)
		return -1;
	pg.ids_known = 1;
	f[0].name = "disclaimer";
	f[0].content = holder(pg.doc);
	md_render(&pg, f[0].content, c->disclaimer, strlen(c->disclaimer));
	headings_normalize(&pg, f[0].content);
	page_finish(&pg, f, 1, &r->book->docs[order]);
	page_free(&pg);
	return 0;
}

struct topic {
	char *key;               /* slug: "Sleep" and "sleep" are one topic */
	const char *name;        /* as the first article wrote it */
	struct article **arts;
	size_t narts;
};

static int
topic_cmp(const void *x, const void *y)
{
	const struct topic *a = *(struct topic *const *)x;
	const struct topic *b = *(struct topic *const *)y;
	int c = strcasecmp(a->name, b->name);

	return c ? c : strcmp(a->key, b->key);
}

/* Every tag, alphabetically, with its articles in reading order.  The
 * caller frees the list and each topic. */
static struct topic **
gather_topics(const struct book *b, size_t *n)
{
	struct strmap *seen = strmap_new();
	struct topic **ts = NULL;

	*n = 0;
	for (size_t i = 0; i < b->narts; i++) {
		struct article *a = b->arts[i];
		for (size_t j = 0; j < a->tags.n; j++) {
			char *key = book_topic(b, a->tags.v[j]);
			struct topic *t;
			if (key == NULL)
				continue;
			if ((t = strmap_get(seen, key)) == NULL) {
				t = xcalloc(1, sizeof(*t));
				t->key = key;
				t->name = a->tags.v[j];
				ts = xrealloc(ts, (*n + 1) * sizeof(*ts));
				ts[(*n)++] = t;
				strmap_put(seen, key, t);
			} else {
				free(key);
			}
			if (t->narts == 0 || t->arts[t->narts - 1] != a) {
				t->arts = xrealloc(t->arts,
				    (t->narts + 1) * sizeof(*t->arts));
				t->arts[t->narts++] = a;
			}
		}
	}
	strmap_free(seen);
	if (*n > 1)
		qsort(ts, *n, sizeof(*ts), topic_cmp);
	return ts;
}

/* Links to the topic's pages, in reading order, into dd.  A topic of
 * more than TOPIC_GROUP pages is no wall of links: a paragraph per
 * section, named, holds that section's, and a line per first letter
 * when they are many too. */
#define TOPIC_GROUP 20

static void
topic_links(xmlNode *dd, const struct topic *t)
{
	int grouped = t->narts > TOPIC_GROUP;
	/* the pages in their groups' order: each group's first page gives
	 * it its place; a group's pages keep reading order */
	size_t *order = xcalloc(t->narts + 1, sizeof(*order));
	size_t *group = xcalloc(t->narts + 1, sizeof(*group));
	struct strmap *seen = strmap_new();
	size_t ngroups = 0;
	char *big = NULL;        /* a group too long for one line */
	xmlNode *p = dd;

	for (size_t j = 0; j < t->narts; j++) {
		const struct section *sec = t->arts[j]->sec;
		const char *key = grouped && sec && sec->key ? sec->key : "";
		uintptr_t g = (uintptr_t)strmap_get(seen, key);
		if (g == 0) {
			g = ++ngroups;
			strmap_put(seen, key, (void *)g);
		}
		group[j] = g;
	}
	{
		/* a counting sort by group: linear however many groups */
		size_t *start = xcalloc(ngroups + 2, sizeof(*start));
		for (size_t j = 0; j < t->narts; j++)
			start[group[j] + 1]++;
		big = xcalloc(ngroups + 1, 1);
		for (size_t g = 1; g <= ngroups; g++)
			big[g] = start[g + 1] > TOPIC_GROUP;
		for (size_t g = 1; g <= ngroups; g++)
			start[g + 1] += start[g];
		for (size_t j = 0; j < t->narts; j++)
			order[start[group[j]]++] = j;
		free(start);
	}
	for (size_t i = 0; i < t->narts; i++) {
		const struct article *a = t->arts[order[i]];
		xmlNode *link;

		int first = i == 0 || group[order[i]] != group[order[i - 1]];

		if (grouped && !first && big[group[order[i]]] &&
		    toupper((unsigned char)a->title[0]) != toupper((unsigned char)
		    t->arts[order[i - 1]]->title[0])) {
			/* a long group: a line per first letter */
			p = el_new(dd, "p");
			xmlSetProp(p, BAD_CAST "class", BAD_CAST "topic-group");
		} else if (grouped && first) {
			const char *name = a->sec && a->sec->title ? a->sec->title :
			    "Other pages";
			xmlNode *span;
			p = el_new(dd, "p");
			xmlSetProp(p, BAD_CAST "class", BAD_CAST "topic-group");
			span = el_new(p, "span");
			xmlSetProp(span, BAD_CAST "class", BAD_CAST "topic-section");
			append_text(span, name, strlen(name));
			append_text(p, ": ", 2);
		} else if (i > 0) {
			append_text(p, ", ", 2);
		}
		link = el_new(p, "a");
		xmlSetProp(link, BAD_CAST "href", BAD_CAST a->href);
		append_text(link, a->title, strlen(a->title));
	}
	strmap_free(seen);
	free(big);
	free(group);
	free(order);
}

static int
render_topics(const struct render *r, size_t order)
{
	struct page pg;
	struct field f[1];
	struct topic **ts;
	size_t nts;

	/* the template first: a failure leaves nothing to free */
	if (page_start(&pg, r, "topics.xhtml", r->book->root,
	    r->book->cfg.language, order) < 0)
		return -1;
	ts = gather_topics(r->book, &nts);
	f[0].name = "topics";
	f[0].content = holder(pg.doc);
	for (size_t i = 0; i < nts; i++) {
		xmlNode *dt = el_new(f[0].content, "dt"), *dd;
		append_text(dt, ts[i]->name, strlen(ts[i]->name));
		append_text(f[0].content, "\n", 1);
		dd = el_new(f[0].content, "dd");
		topic_links(dd, ts[i]);
		append_text(f[0].content, "\n", 1);
		free(ts[i]->key);
		free(ts[i]->arts);
		free(ts[i]);
	}
	free(ts);
	page_finish(&pg, f, 1, &r->book->docs[order]);
	page_free(&pg);
	return 0;
}

static int
render_cover(const struct render *r, size_t order)
{
	const struct book *b = r->book;
	struct page pg;
	struct field f[2];
	xmlNode *img;
	char *src, *alt;

	if (page_start(&pg, r, "cover.xhtml", b->root, b->cfg.language,
	    order) < 0)
		return -1;
	f[0].name = "title";
	f[0].content = text_field(pg.doc, b->cfg.title);
	f[1].name = "cover";
	f[1].content = holder(pg.doc);
	img = el_new(f[1].content, "img");
	src = xasprintf("../%s", b->cover->href);
	alt = xasprintf("Cover: %s", b->cfg.title);
	xmlSetProp(img, BAD_CAST "src", BAD_CAST src);
	set_attr(img, "alt", alt);
	xmlSetNsProp(img, pg.epub, BAD_CAST "type", BAD_CAST "cover");
	xmlSetProp(img, BAD_CAST "role", BAD_CAST "doc-cover");
	xmlSetProp(img, BAD_CAST "class", BAD_CAST "cover");
	page_finish(&pg, f, 2, &r->book->docs[order]);
	page_free(&pg);
	free(src);
	free(alt);
	return 0;
}

size_t *
render_front_list(const struct book *b, size_t *n)
{
	size_t *v = xcalloc(b->ndocs + 1, sizeof(*v));

	*n = 0;
	for (size_t i = 0; i < b->ndocs; i++)
		if (b->docs[i].kind != DOC_ARTICLE &&
		    b->docs[i].kind != DOC_SECTION && b->docs[i].kind != DOC_NAV)
			v[(*n)++] = i;
	return v;
}

int
render_front(const struct render *r, size_t i)
{
	switch (r->book->docs[i].kind) {
	case DOC_COVER:
		return render_cover(r, i);
	case DOC_TITLE:
		return render_title(r, i);
	case DOC_DISCLAIMER:
		return render_disclaimer(r, i);
	case DOC_TOPICS:
		return render_topics(r, i);
	default:
		return 0;
	}
}
