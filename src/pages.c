/* pages.c: fills the templates: article, category, title and disclaimer
 * pages. */
#include "pages.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <libxml/tree.h>

#include "diag.h"
#include "html.h"
#include "links.h"
#include "kepub.h"
#include "meta.h"
#include "pack.h"
#include "template.h"
#include "text.h"
#include "xhtml.h"

#define EPUB_NS "http://www.idpf.org/2007/ops"

static const char *const void_elements[] = {"area", "base", "br", "col",
    "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
    NULL};

static int
is_void(const xmlChar *name)
{
	for (int i = 0; void_elements[i]; i++)
		if (xmlStrEqual(name, BAD_CAST void_elements[i]))
			return 1;
	return 0;
}

static void
fill_empty(xmlNode *n)
{
	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (n->children == NULL && !is_void(n->name))
			xmlAddChild(n, xmlNewText(BAD_CAST ""));
		else
			fill_empty(n->children);
	}
}

void
xhtml_serialize(void *vdoc, char **out, size_t *len)
{
	xmlDoc *doc = vdoc;

	fill_empty(xmlDocGetRootElement(doc));
	xml_dump(doc, 0, out, len);
}

/* A field's content lives in a detached <div> of the page's document. */
static xmlNode *
holder(xmlDoc *doc)
{
	xmlNode *d = xmlNewDocNode(doc, NULL, BAD_CAST "div", NULL);
	return d;
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

/* Loads a template and starts a chapter on it. */
static xmlDoc *
page_start(struct chapter *ch, const struct page_opts *o, const char *name,
    const char *src, const char *lang)
{
	xmlDoc *doc = template_load(o->templates, name);
	xmlNode *root;
	xmlNs *xml;

	if (doc == NULL)
		return NULL;
	chapter_init(ch, doc, src);
	ch->smart = o->smart;
	ch->kramdown = o->kramdown;
	ch->kobo = o->kobo;
	root = xmlDocGetRootElement(doc);
	ch->epub = xmlSearchNsByHref(doc, root, BAD_CAST EPUB_NS);
	if (ch->epub == NULL)
		ch->epub = xmlNewNs(root, BAD_CAST EPUB_NS, BAD_CAST "epub");
	xmlSetProp(root, BAD_CAST "lang", BAD_CAST lang);
	xml = xmlSearchNsByHref(doc, root, XML_XML_NAMESPACE);
	xmlSetNsProp(root, xml, BAD_CAST "lang", BAD_CAST lang);
	collect_ids(ch->ids, root);
	return doc;
}

static void
page_finish(struct chapter *ch, xmlDoc *doc, struct field *f, size_t nf)
{
	template_fill(doc, f, nf);
	for (size_t i = 0; i < nf; i++)
		if (f[i].content != NULL)
			xmlFreeNode(f[i].content);
	xhtml_repair(xmlDocGetRootElement(doc));
	links_check_local(ch);
	if (ch->kobo)
		kepub_page(doc);
}

static xmlNode *
byline(xmlDoc *doc, const struct article *a, const char *lang)
{
	xmlNode *h = holder(doc);
	int parts = 0;

	if (a->authors.n) {
		struct buf b = {0};
		buf_adds(&b, "By ");
		for (size_t i = 0; i < a->authors.n; i++) {
			if (i)
				buf_adds(&b, i + 1 == a->authors.n ? " and " : ", ");
			buf_adds(&b, a->authors.v[i]);
		}
		append_text(h, b.data, b.len);
		buf_free(&b);
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

static int
render_article(struct book *b, struct links *l, size_t order,
    const struct page_opts *o, struct deflater *d)
{
	struct article *a = b->arts[order];
	const char *lang = a->lang ? a->lang : b->cfg.language;
	struct chapter ch;
	xmlDoc *doc = page_start(&ch, o, "article.xhtml", a->src, lang);
	struct field f[8];
	xmlNode *body, *cat, *link;
	char *dir;
	size_t nf = 0;

	if (doc == NULL)
		return -1;
	dir = path_dir(a->path);
	ch.order = order;
	ch.links = l;
	ch.art = a;
	ch.dir = dir;
	ch.file = a->file;
	ch.line0 = a->body_line;
	ch.drop_h1 = a->title;

	f[nf].name = "title";
	f[nf++].content = text_field(doc, a->title);
	f[nf].name = "description";
	f[nf++].content = text_field(doc, a->description);
	cat = holder(doc);
	link = el_new(cat, "a");
	xmlSetProp(link, BAD_CAST "href", BAD_CAST a->cat->file);
	append_text(link, a->cat->title, strlen(a->cat->title));
	f[nf].name = "category";
	f[nf++].content = cat;
	f[nf].name = "byline";
	f[nf++].content = byline(doc, a, lang);

	f[nf].name = "image";
	f[nf].content = NULL;
	if (a->image != NULL) {
		char *src = links_image(&ch, a->image, 1);
		if (src != NULL) {
			xmlNode *img;
			f[nf].content = holder(doc);
			img = el_new(f[nf].content, "img");
			xmlSetProp(img, BAD_CAST "src", BAD_CAST src);
			set_attr(img, "alt", a->image_alt ? a->image_alt : "");
			if (a->image_alt == NULL)
				warnx_at(a->src, 1, "lead image %s has no "
				    "image_alt text", a->image);
			free(src);
		}
	}
	nf++;

	body = holder(doc);
	md_render(&ch, body, a->body, a->body_len);
	headings_normalize(&ch, body);
	f[nf].name = "body";
	f[nf++].content = body;
	f[nf].name = "notes";
	f[nf++].content = ch.notes;
	ch.notes = NULL;

	f[nf].name = "related";
	f[nf].content = NULL;
	for (size_t i = 0; i < a->related.n; i++) {
		struct article *t = links_find(l, a, a->related.v[i]);
		xmlNode *li;

		int seen = 0;

		if (t == NULL || t == a) {
			if (t == NULL)
				warnx_at(a->src, 1, "related article not in the "
				    "book: %s", a->related.v[i]);
			links_note(l, ch.order, a->src, 1, "related",
			    a->related.v[i], t ? "left out: the article itself" :
			    "left out: not in the book");
			continue;
		}
		{
			char *note = xasprintf("in the book: %s", t->file);
			links_note(l, ch.order, a->src, 1, "related",
			    a->related.v[i], note);
			free(note);
		}
		for (size_t k = 0; k < i; k++)
			seen |= links_find(l, a, a->related.v[k]) == t;
		if (seen)
			continue;
		if (f[nf].content == NULL)
			f[nf].content = holder(doc);
		li = el_new(f[nf].content, "li");
		link = el_new(li, "a");
		xmlSetProp(link, BAD_CAST "href", BAD_CAST t->file);
		append_text(link, t->title, strlen(t->title));
	}
	nf++;

	page_finish(&ch, doc, f, nf);
	/* a chapter written again keeps what it had: the same text */
	if (a->ids == NULL) {
		a->heads = ch.heads;
		a->nheads = ch.nheads;
		ch.heads = NULL;
		ch.nheads = 0;
		a->ids = ch.ids;
		ch.ids = NULL;
	}
	{
		char *x;
		size_t n;
		xhtml_serialize(doc, &x, &n);
		deflate_bytes(d, x, n, &a->z);
		free(x);
	}
	chapter_free(&ch);
	free(dir);
	return 0;
}

struct work {
	struct book *b;
	struct links *l;
	const struct page_opts *o;
	struct deflater **d;     /* one per worker, made when first needed */
	int failed;              /* atomic */
};

static void
worker(void *arg, size_t i, int n)
{
	struct work *w = arg;
	struct article *a = w->b->arts[i];

	if (w->d[n] == NULL)
		w->d[n] = deflater_new(w->o->level);
	if (render_article(w->b, w->l, i, w->o, w->d[n]) < 0)
		__atomic_store_n(&w->failed, 1, __ATOMIC_RELAXED);
	/* hold only what is needed: the Markdown goes */
	free(a->body);
	a->body = NULL;
}

int
pages_articles(struct book *b, struct links *l, const struct page_opts *o)
{
	struct work w = {b, l, o, NULL, 0};
	size_t *redo, nredo;
	struct deflater *d;

	md_init();
	w.d = xcalloc((size_t)o->jobs + 1, sizeof(*w.d));
	threads_each(o->jobs, b->narts, worker, &w);
	for (int k = 0; k < o->jobs; k++)
		deflater_free(w.d[k]);
	free(w.d);
	if (w.failed)
		return -1;
	/* chapters whose links into other chapters guessed a section id
	 * wrong are written again, now that every id is known; what they
	 * reported the first time stands */
	nredo = links_finish(l, &redo);
	d = nredo ? deflater_new(o->level) : NULL;
	for (size_t k = 0; k < nredo; k++) {
		struct article *a = b->arts[redo[k]];
		if (article_reload_body(a) < 0) {
			/* it changed under us: keep the first chapter */
			continue;
		}
		links_forget(l, redo[k]);
		diag_capture(NULL, 1);
		render_article(b, l, redo[k], o, d);
		diag_capture(NULL, 0);
		free(a->body);
		a->body = NULL;
	}
	deflater_free(d);
	free(redo);
	return 0;
}

static int
render_section(struct book *b, struct links *l, size_t k,
    const struct page_opts *o)
{
	struct category *c = b->cats[k];
	struct chapter ch;
	xmlDoc *doc = page_start(&ch, o, "section.xhtml",
	    c->intro_src ? c->intro_src : b->root, b->cfg.language);
	struct field f[4];
	xmlNode *list;
	char *dir = xstrdup(c->intro_src ? c->key : "");

	if (doc == NULL) {
		free(dir);
		return -1;
	}
	if (c->intro_src != NULL) {
		char *rel = xstrdup(c->intro_src + strlen(b->pages_root) +
		    (c->intro_src[strlen(b->pages_root)] == '/'));
		free(dir);
		dir = path_dir(rel);
		free(rel);
	}
	ch.links = l;
	ch.dir = dir;
	ch.file = c->file;
	ch.line0 = c->intro_line;
	ch.order = b->narts + 1 + k;     /* after the disclaimer */
	f[0].name = "title";
	f[0].content = text_field(doc, c->title);
	f[1].name = "description";
	f[1].content = text_field(doc, c->description);
	f[2].name = "intro";
	f[2].content = NULL;
	if (c->intro != NULL) {
		f[2].content = holder(doc);
		md_render(&ch, f[2].content, c->intro, strlen(c->intro));
		headings_normalize(&ch, f[2].content);
		if (ch.notes != NULL) {
			xmlNode *kid;
			while ((kid = ch.notes->children) != NULL) {
				xmlUnlinkNode(kid);
				xmlAddChild(f[2].content, kid);
			}
		}
	}
	list = holder(doc);
	for (size_t i = 0; i < c->narts; i++) {
		struct article *a = c->arts[i];
		xmlNode *li = el_new(list, "li");
		xmlNode *p = el_new(li, "p"), *link = el_new(p, "a");

		xmlSetProp(p, BAD_CAST "class", BAD_CAST "entry");
		xmlSetProp(link, BAD_CAST "href", BAD_CAST a->file);
		append_text(link, a->title, strlen(a->title));
		if (a->description != NULL) {
			p = el_new(li, "p");
			xmlSetProp(p, BAD_CAST "class", BAD_CAST "entry-desc");
			append_text(p, a->description, strlen(a->description));
		}
	}
	f[3].name = "contents";
	f[3].content = list;
	page_finish(&ch, doc, f, 4);
	chapter_free(&ch);
	xhtml_serialize(doc, &c->xhtml, &c->xhtml_len);
	free(dir);
	return 0;
}

static int
render_title(struct book *b, const struct page_opts *o)
{
	struct chapter ch;
	const struct config *c = &b->cfg;
	xmlDoc *doc = page_start(&ch, o, "title.xhtml", b->root, c->language);
	struct field f[5];
	struct buf who = {0};
	char *date = NULL;

	if (doc == NULL)
		return -1;
	for (size_t i = 0; i < c->authors.n; i++) {
		if (i)
			buf_adds(&who, i + 1 == c->authors.n ? " and " : ", ");
		buf_adds(&who, c->authors.v[i]);
	}
	if (c->date != NULL)
		date = date_display(c->date, c->language);
	f[0].name = "title";
	f[0].content = text_field(doc, c->title);
	f[1].name = "subtitle";
	f[1].content = text_field(doc, c->subtitle);
	f[2].name = "author";
	f[2].content = text_field(doc, who.data);
	f[3].name = "publisher";
	f[3].content = text_field(doc, c->publisher);
	f[4].name = "date";
	f[4].content = text_field(doc, date);
	page_finish(&ch, doc, f, 5);
	chapter_free(&ch);
	xhtml_serialize(doc, &b->title_xhtml, &b->title_len);
	buf_free(&who);
	free(date);
	return 0;
}

static int
render_disclaimer(struct book *b, struct links *l, const struct page_opts *o)
{
	struct chapter ch;
	xmlDoc *doc;
	struct field f[1];
	const char *src = b->cfg.src;

	if (b->cfg.disclaimer == NULL)
		return 0;
	doc = page_start(&ch, o, "disclaimer.xhtml", src, b->cfg.language);
	if (doc == NULL)
		return -1;
	ch.links = l;
	ch.dir = "";
	ch.file = "disclaimer.xhtml";
	ch.order = b->narts;
	f[0].name = "disclaimer";
	f[0].content = holder(doc);
	md_render(&ch, f[0].content, b->cfg.disclaimer,
	    strlen(b->cfg.disclaimer));
	headings_normalize(&ch, f[0].content);
	page_finish(&ch, doc, f, 1);
	chapter_free(&ch);
	xhtml_serialize(doc, &b->disclaimer_xhtml, &b->disclaimer_len);
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

/* The topics index: every tag, alphabetically, with its articles in
 * reading order. */
static int
render_topics(struct book *b, const struct page_opts *o)
{
	struct strmap *seen;
	struct topic **ts = NULL;
	size_t nts = 0;
	struct chapter ch;
	xmlDoc *doc;
	struct field f[1];

	/* pages_plan() decided, and nav.c and opf.c list it by that */
	if (!b->has_topics)
		return 0;
	/* the template first: a failure leaves nothing to free */
	doc = page_start(&ch, o, "topics.xhtml", b->root, b->cfg.language);
	if (doc == NULL)
		return -1;
	seen = strmap_new();
	for (size_t i = 0; i < b->narts; i++) {
		struct article *a = b->arts[i];
		for (size_t j = 0; j < a->tags.n; j++) {
			char *key = slugify(a->tags.v[j]);
			struct topic *t;
			if (key[0] == '\0') {
				free(key);
				continue;
			}
			if ((t = strmap_get(seen, key)) == NULL) {
				t = xcalloc(1, sizeof(*t));
				t->key = key;
				t->name = a->tags.v[j];
				ts = xrealloc(ts, (nts + 1) * sizeof(*ts));
				ts[nts++] = t;
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
	if (nts > 1)
		qsort(ts, nts, sizeof(*ts), topic_cmp);
	f[0].name = "topics";
	f[0].content = holder(doc);
	for (size_t i = 0; i < nts; i++) {
		xmlNode *dt = el_new(f[0].content, "dt"), *dd;
		append_text(dt, ts[i]->name, strlen(ts[i]->name));
		append_text(f[0].content, "\n", 1);
		dd = el_new(f[0].content, "dd");
		for (size_t j = 0; j < ts[i]->narts; j++) {
			xmlNode *a = el_new(dd, "a");
			if (j)
				xmlAddPrevSibling(a, xmlNewText(BAD_CAST ", "));
			xmlSetProp(a, BAD_CAST "href",
			    BAD_CAST ts[i]->arts[j]->file);
			append_text(a, ts[i]->arts[j]->title,
			    strlen(ts[i]->arts[j]->title));
		}
		append_text(f[0].content, "\n", 1);
		free(ts[i]->key);
		free(ts[i]->arts);
		free(ts[i]);
	}
	free(ts);
	ch.file = "topics.xhtml";
	page_finish(&ch, doc, f, 1);
	chapter_free(&ch);
	xhtml_serialize(doc, &b->topics_xhtml, &b->topics_len);
	return 0;
}

static int
render_cover(struct book *b, const struct page_opts *o)
{
	struct chapter ch;
	xmlDoc *doc = page_start(&ch, o, "cover.xhtml", b->root,
	    b->cfg.language);
	struct field f[2];
	xmlNode *img;
	char *src, *alt;

	if (doc == NULL)
		return -1;
	f[0].name = "title";
	f[0].content = text_field(doc, b->cfg.title);
	f[1].name = "cover";
	f[1].content = holder(doc);
	img = el_new(f[1].content, "img");
	src = xasprintf("../%s", b->cover->href);
	alt = xasprintf("Cover: %s", b->cfg.title);
	xmlSetProp(img, BAD_CAST "src", BAD_CAST src);
	set_attr(img, "alt", alt);
	xmlSetNsProp(img, ch.epub, BAD_CAST "type", BAD_CAST "cover");
	xmlSetProp(img, BAD_CAST "role", BAD_CAST "doc-cover");
	xmlSetProp(img, BAD_CAST "class", BAD_CAST "cover");
	ch.file = "cover.xhtml";
	page_finish(&ch, doc, f, 2);
	chapter_free(&ch);
	xhtml_serialize(doc, &b->cover_xhtml, &b->cover_len);
	free(src);
	free(alt);
	return 0;
}

size_t
pages_plan(struct book *b)
{
	b->has_topics = 0;
	for (size_t i = 0; i < b->narts && !b->has_topics; i++) {
		const struct article *a = b->arts[i];
		for (size_t j = 0; j < a->tags.n && !b->has_topics; j++) {
			char *key = slugify(a->tags.v[j]);
			b->has_topics = key[0] != '\0';
			free(key);
		}
	}
	return 4 + b->ncats;
}

int
pages_front(struct book *b, struct links *l, const struct page_opts *o,
    size_t i)
{
	switch (i) {
	case 0:
		return render_title(b, o);
	case 1:
		return render_disclaimer(b, l, o);
	case 2:
		return render_topics(b, o);
	case 3:
		return b->cover ? render_cover(b, o) : 0;
	default:
		return render_section(b, l, i - 4, o);
	}
}
