/* nav.c: the navigation documents: nav.xhtml (EPUB 3) and toc.ncx
 * (EPUB 2 readers).  Both list the book's sections, nested as deep as
 * they go, their pages, and each page's h2 sections, in spine order. */
#include "nav.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/tree.h>

#include "dom.h"
#include "spine.h"

#define XHTML_NS "http://www.w3.org/1999/xhtml"
#define EPUB_NS "http://www.idpf.org/2007/ops"
#define NCX_NS "http://www.daisy.org/z3986/2005/ncx/"

static xmlNode *
nav_item(xmlNode *ol, const char *href, const char *label)
{
	xmlNode *li = el_new(ol, "li"), *a = el_new(li, "a");

	xmlSetProp(a, BAD_CAST "href", BAD_CAST href);
	append_text(a, label, strlen(label));
	return li;
}

/* The contents' entries: each document with a label at its depth, and
 * an article's sections below it. */
/* Whether s's page shows short pages as entries. */
static int
has_entries(const struct section *s)
{
	for (size_t i = 0; s != NULL && i < s->nkids; i++)
		if (s->kids[i].art != NULL && s->kids[i].art->entry &&
		    s->kids[i].art->host == NULL)
			return 1;
	return 0;
}

/* The short pages document d shows as entries, in order: a section's
 * page's own, or those after an article (host).  *at walks them; NULL at
 * the end. */
static const struct article *
next_entry(const struct doc *d, size_t *at)
{
	const struct section *s = d->sec ? d->sec : d->art ? d->art->sec : NULL;
	const struct article *host = d->sec ? NULL : d->art;

	for (; s != NULL && *at < s->nkids; (*at)++) {
		const struct article *e = s->kids[*at].art;
		if (e != NULL && e->entry && e->host == host && (host != NULL ||
		    d->sec != NULL)) {
			(*at)++;
			return e;
		}
	}
	return NULL;
}

static void
nav_toc(const struct book *b, xmlNode *top)
{
	int most = 0;
	xmlNode **ol, **li;
	int deepest = 0;         /* an entry goes at most one below the last */

	for (size_t i = 0; i < b->ndocs; i++)
		if (b->docs[i].depth > most)
			most = b->docs[i].depth;
	ol = xcalloc((size_t)most + 3, sizeof(*ol));
	li = xcalloc((size_t)most + 3, sizeof(*li));
	ol[0] = top;
	for (size_t i = 0; i < b->ndocs; i++) {
		const struct doc *d = &b->docs[i];
		const struct article *a = d->art ? d->art : d->sec ? d->sec->hub :
		    NULL, *e;
		int k = d->depth < deepest ? d->depth : deepest;

		if (d->label == NULL)
			continue;
		if (k > 0 && ol[k] == NULL)
			ol[k] = el_new(li[k - 1], "ol");
		li[k] = nav_item(ol[k], d->href, d->label);
		ol[k + 1] = NULL;
		deepest = k + 1;
		for (size_t h = 0; a != NULL && h < a->nheads; h++) {
			const struct heading *s = &a->heads[h];
			char *href;

			if (s->text[0] == '\0')
				continue;
			if (ol[k + 1] == NULL)
				ol[k + 1] = el_new(li[k], "ol");
			href = xasprintf("%s#%s", d->href, s->id);
			nav_item(ol[k + 1], href, s->text);
			free(href);
		}
		/* a section's entries under it; an article's after it, at
		 * its level, as the site has them */
		for (size_t at = 0; (e = next_entry(d, &at)) != NULL;) {
			char *href = xasprintf("text/%s", e->href);
			if (d->sec != NULL) {
				if (ol[k + 1] == NULL)
					ol[k + 1] = el_new(li[k], "ol");
				nav_item(ol[k + 1], href, e->title);
			} else {
				li[k] = nav_item(ol[k], href, e->title);
				ol[k + 1] = NULL;
			}
			free(href);
		}
	}
	free(ol);
	free(li);
}

/* A landmark: an entry of type to href. */
static void
landmark(xmlNode *ol, xmlNs *epub, const char *href, const char *label,
    const char *type)
{
	xmlNode *li = nav_item(ol, href, label);

	xmlSetNsProp(li->children, epub, BAD_CAST "type", BAD_CAST type);
}

void
nav_build(struct book *b)
{
	xmlDoc *doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNode *html = xmlNewNode(NULL, BAD_CAST "html"), *head, *body, *nav;
	xmlNode *ol, *h, *link;
	xmlNs *epub;
	const struct doc *first = spine_find(b, DOC_SECTION);
	const struct doc *title = spine_find(b, DOC_TITLE);
	const struct doc *cover = spine_find(b, DOC_COVER);
	const struct doc *topics = spine_find(b, DOC_TOPICS);
	struct doc *self = spine_find(b, DOC_NAV);

	xmlDocSetRootElement(doc, html);
	xmlCreateIntSubset(doc, BAD_CAST "html", NULL, NULL);
	xmlSetNs(html, xmlNewNs(html, BAD_CAST XHTML_NS, NULL));
	epub = xmlNewNs(html, BAD_CAST EPUB_NS, BAD_CAST "epub");
	xmlSetProp(html, BAD_CAST "lang", BAD_CAST b->cfg.language);
	xmlSetNsProp(html, xmlSearchNsByHref(doc, html, XML_XML_NAMESPACE),
	    BAD_CAST "lang", BAD_CAST b->cfg.language);
	head = el_new(html, "head");
	xmlSetProp(el_new(head, "meta"), BAD_CAST "charset", BAD_CAST "utf-8");
	append_text(el_new(head, "title"), b->cfg.title, strlen(b->cfg.title));
	link = el_new(head, "link");
	xmlSetProp(link, BAD_CAST "rel", BAD_CAST "stylesheet");
	xmlSetProp(link, BAD_CAST "type", BAD_CAST "text/css");
	xmlSetProp(link, BAD_CAST "href", BAD_CAST "css/book.css");
	body = el_new(html, "body");

	nav = el_new(body, "nav");
	xmlSetNsProp(nav, epub, BAD_CAST "type", BAD_CAST "toc");
	xmlSetProp(nav, BAD_CAST "role", BAD_CAST "doc-toc");
	xmlSetProp(nav, BAD_CAST "id", BAD_CAST "toc");
	h = el_new(nav, "h1");
	append_text(h, "Contents", 8);
	nav_toc(b, el_new(nav, "ol"));

	nav = el_new(body, "nav");
	xmlSetNsProp(nav, epub, BAD_CAST "type", BAD_CAST "landmarks");
	xmlSetProp(nav, BAD_CAST "hidden", BAD_CAST "hidden");
	h = el_new(nav, "h2");
	append_text(h, "Landmarks", 9);
	ol = el_new(nav, "ol");
	if (cover != NULL)
		landmark(ol, epub, cover->href, "Cover", "cover");
	landmark(ol, epub, "nav.xhtml#toc", "Contents", "toc");
	landmark(ol, epub, title->href, "Title page", "titlepage");
	landmark(ol, epub, first ? first->href : title->href, "Start reading",
	    "bodymatter");
	if (topics != NULL)
		landmark(ol, epub, topics->href, "Topics", "index");
	dom_write(doc, DOM_XHTML, &self->bytes, &self->len);
}

/* A navPoint for href (#frag), numbered *order.  The NCX has one for
 * every heading of every article (60,000 for 10,000 articles) and takes
 * as long to make as the rest of the book's own pages, so nothing is
 * printed: the id is "np-" and the play order's digits, and the source
 * is made in src, a buffer reused for every point. */
static xmlNode *
ncx_point(xmlNode *parent, struct buf *src, int *order, const char *label,
    const char *href, const char *frag)
{
	xmlNode *np = xmlNewChild(parent, NULL, BAD_CAST "navPoint", NULL);
	xmlNode *nl;
	char id[16], *digits = id + sizeof(id) - 1;
	int n = (*order)++;

	*digits = '\0';
	do
		*--digits = (char)('0' + n % 10);
	while ((n /= 10) > 0);
	memcpy(digits - 3, "np-", 3);
	src->len = 0;
	buf_adds(src, href);
	if (frag != NULL) {
		buf_addc(src, '#');
		buf_adds(src, frag);
	}
	xmlNewProp(np, BAD_CAST "id", BAD_CAST (digits - 3));
	xmlNewProp(np, BAD_CAST "playOrder", BAD_CAST digits);
	nl = xmlNewChild(np, NULL, BAD_CAST "navLabel", NULL);
	xmlNewTextChild(nl, NULL, BAD_CAST "text", BAD_CAST label);
	xmlNewProp(xmlNewChild(np, NULL, BAD_CAST "content", NULL),
	    BAD_CAST "src", BAD_CAST src->data);
	return np;
}

void
ncx_build(struct book *b)
{
	xmlDoc *doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNode *root = xmlNewNode(NULL, BAD_CAST "ncx"), *head, *map, *m;
	xmlNode **parent;
	int order = 1, depth = 1, deepest = 0, most = 0;
	char num[16];
	struct buf o = {0};

	xmlDocSetRootElement(doc, root);
	xmlSetNs(root, xmlNewNs(root, BAD_CAST NCX_NS, NULL));
	xmlSetProp(root, BAD_CAST "version", BAD_CAST "2005-1");
	xmlSetNsProp(root, xmlSearchNsByHref(doc, root, XML_XML_NAMESPACE),
	    BAD_CAST "lang", BAD_CAST b->cfg.language);
	for (size_t i = 0; i < b->ndocs; i++) {
		const struct doc *d = &b->docs[i];
		const struct article *a = d->art ? d->art : d->sec ? d->sec->hub :
		    NULL;
		int k = d->label ? d->depth + 1 + ((a && a->nheads) ||
		    has_entries(d->sec)) : 0;
		if (k > depth)
			depth = k;
		if (d->depth > most)
			most = d->depth;
	}
	parent = xcalloc((size_t)most + 3, sizeof(*parent));
	head = xmlNewChild(root, NULL, BAD_CAST "head", NULL);
	m = xmlNewChild(head, NULL, BAD_CAST "meta", NULL);
	xmlSetProp(m, BAD_CAST "name", BAD_CAST "dtb:uid");
	xmlSetProp(m, BAD_CAST "content", BAD_CAST b->identifier);
	snprintf(num, sizeof(num), "%d", depth);
	m = xmlNewChild(head, NULL, BAD_CAST "meta", NULL);
	xmlSetProp(m, BAD_CAST "name", BAD_CAST "dtb:depth");
	xmlSetProp(m, BAD_CAST "content", BAD_CAST num);
	m = xmlNewChild(head, NULL, BAD_CAST "meta", NULL);
	xmlSetProp(m, BAD_CAST "name", BAD_CAST "dtb:totalPageCount");
	xmlSetProp(m, BAD_CAST "content", BAD_CAST "0");
	m = xmlNewChild(head, NULL, BAD_CAST "meta", NULL);
	xmlSetProp(m, BAD_CAST "name", BAD_CAST "dtb:maxPageNumber");
	xmlSetProp(m, BAD_CAST "content", BAD_CAST "0");
	xmlNewTextChild(xmlNewChild(root, NULL, BAD_CAST "docTitle", NULL),
	    NULL, BAD_CAST "text", BAD_CAST b->cfg.title);
	map = xmlNewChild(root, NULL, BAD_CAST "navMap", NULL);
	parent[0] = map;
	for (size_t i = 0; i < b->ndocs; i++) {
		const struct doc *d = &b->docs[i];
		const struct article *a = d->art ? d->art : d->sec ? d->sec->hub :
		    NULL, *e;
		int k = d->depth < deepest ? d->depth : deepest;
		xmlNode *np;

		if (d->label == NULL)
			continue;
		np = ncx_point(parent[k], &o, &order, d->label, d->href, NULL);
		parent[k + 1] = np;
		deepest = k + 1;
		for (size_t h = 0; a != NULL && h < a->nheads; h++)
			if (a->heads[h].text[0] != '\0')
				ncx_point(np, &o, &order, a->heads[h].text,
				    d->href, a->heads[h].id);
		for (size_t at = 0; (e = next_entry(d, &at)) != NULL;) {
			xmlNode *ep = ncx_point(d->sec ? np : parent[k], &o, &order,
			    e->title, d->href, e->anchor);
			if (d->sec == NULL)
				parent[k + 1] = ep;
		}
	}
	free(parent);
	/* not indented: 6,000 entries deep in a big book would be half
	 * spaces */
	dom_write(doc, 0, &b->ncx, &b->ncx_len);
	buf_free(&o);
}
