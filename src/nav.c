/* nav.c: the navigation documents: nav.xhtml (EPUB 3) and toc.ncx
 * (EPUB 2 readers).  Both list category -> article -> the article's h2
 * sections, in spine order. */
#include "nav.h"

#include <stdio.h>
#include <string.h>
#include <libxml/tree.h>

#include "pages.h"
#include "xhtml.h"

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

void
nav_build(struct book *b)
{
	xmlDoc *doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNode *html = xmlNewNode(NULL, BAD_CAST "html"), *head, *body, *nav;
	xmlNode *ol, *h, *link;
	xmlNs *epub;
	const char *first = b->ncats ? b->cats[0]->file : "title.xhtml";

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
	ol = el_new(nav, "ol");
	if (b->cfg.disclaimer != NULL)
		nav_item(ol, "text/disclaimer.xhtml", "Medical disclaimer");
	for (size_t i = 0; i < b->ncats; i++) {
		const struct category *c = b->cats[i];
		char *href = xasprintf("text/%s", c->file);
		xmlNode *li = nav_item(ol, href, c->title), *ol2;

		free(href);
		ol2 = el_new(li, "ol");
		for (size_t j = 0; j < c->narts; j++) {
			const struct article *a = c->arts[j];
			char *ah = xasprintf("text/%s", a->file);
			xmlNode *li2 = nav_item(ol2, ah, a->title), *ol3 = NULL;

			free(ah);
			for (size_t k = 0; k < a->nheads; k++) {
				char *sh = xasprintf("text/%s#%s", a->file,
				    a->heads[k].id);
				if (a->heads[k].text[0] == '\0') {
					free(sh);
					continue;
				}
				if (ol3 == NULL)
					ol3 = el_new(li2, "ol");
				nav_item(ol3, sh, a->heads[k].text);
				free(sh);
			}
		}
	}

	if (b->has_topics)
		nav_item(ol, "text/topics.xhtml", "Topics");

	nav = el_new(body, "nav");
	xmlSetNsProp(nav, epub, BAD_CAST "type", BAD_CAST "landmarks");
	xmlSetProp(nav, BAD_CAST "hidden", BAD_CAST "hidden");
	h = el_new(nav, "h2");
	append_text(h, "Landmarks", 9);
	ol = el_new(nav, "ol");
	if (b->cover != NULL) {
		xmlNode *li = nav_item(ol, "text/cover.xhtml", "Cover");
		xmlSetNsProp(li->children, epub, BAD_CAST "type", BAD_CAST "cover");
	}
	{
		xmlNode *li = nav_item(ol, "nav.xhtml#toc", "Contents");
		xmlSetNsProp(li->children, epub, BAD_CAST "type",
		    BAD_CAST "toc");
		li = nav_item(ol, "text/title.xhtml", "Title page");
		xmlSetNsProp(li->children, epub, BAD_CAST "type",
		    BAD_CAST "titlepage");
		{
			char *href = xasprintf("text/%s", first);
			li = nav_item(ol, href, "Start reading");
			free(href);
		}
		xmlSetNsProp(li->children, epub, BAD_CAST "type",
		    BAD_CAST "bodymatter");
		if (b->has_topics) {
			li = nav_item(ol, "text/topics.xhtml", "Topics");
			xmlSetNsProp(li->children, epub, BAD_CAST "type",
			    BAD_CAST "index");
		}
	}
	xhtml_serialize(doc, &b->nav_xhtml, &b->nav_len);
}

/* A navPoint for text/file (#frag), numbered *order.  The NCX has one for
 * every heading of every article (60,000 for 10,000 articles) and takes
 * as long to make as the rest of the book's own pages, so nothing is
 * printed: the id is "np-" and the play order's digits, and the source
 * is made in src, a buffer reused for every point. */
static xmlNode *
ncx_point(xmlNode *parent, struct buf *src, int *order, const char *label,
    const char *file, const char *frag)
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
	buf_adds(src, "text/");
	buf_adds(src, file);
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
	int order = 1, depth = 1;
	char num[16];
	struct buf o = {0};

	xmlDocSetRootElement(doc, root);
	xmlSetNs(root, xmlNewNs(root, BAD_CAST NCX_NS, NULL));
	xmlSetProp(root, BAD_CAST "version", BAD_CAST "2005-1");
	xmlSetNsProp(root, xmlSearchNsByHref(doc, root, XML_XML_NAMESPACE),
	    BAD_CAST "lang", BAD_CAST b->cfg.language);
	for (size_t i = 0; i < b->narts; i++)
		if (b->arts[i]->nheads)
			depth = 3;
	if (depth == 1 && b->ncats)
		depth = 2;
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
	if (b->cfg.disclaimer != NULL)
		ncx_point(map, &o, &order, "Medical disclaimer",
		    "disclaimer.xhtml", NULL);
	for (size_t i = 0; i < b->ncats; i++) {
		const struct category *c = b->cats[i];
		xmlNode *cp = ncx_point(map, &o, &order, c->title, c->file, NULL);

		for (size_t j = 0; j < c->narts; j++) {
			const struct article *a = c->arts[j];
			xmlNode *ap = ncx_point(cp, &o, &order, a->title, a->file,
			    NULL);

			for (size_t k = 0; k < a->nheads; k++)
				if (a->heads[k].text[0] != '\0')
					ncx_point(ap, &o, &order, a->heads[k].text,
					    a->file, a->heads[k].id);
		}
	}
	if (b->has_topics)
		ncx_point(map, &o, &order, "Topics", "topics.xhtml", NULL);
	/* not indented: 6,000 entries deep in a big book would be half
	 * spaces */
	xml_dump(doc, 0, &b->ncx, &b->ncx_len);
	buf_free(&o);
}
