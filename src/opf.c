/* opf.c: the package document (EPUB/package.opf) from the model. */
#include "opf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/tree.h>

#include "dom.h"
#include "spine.h"
#include "util.h"

#define OPF_NS "http://www.idpf.org/2007/opf"
#define DC_NS "http://purl.org/dc/elements/1.1/"

static xmlNode *
dc(xmlNode *meta, xmlNs *ns, const char *name, const char *value)
{
	return xmlNewTextChild(meta, ns, BAD_CAST name, BAD_CAST value);
}

static xmlNode *
meta_prop(xmlNode *meta, const char *property, const char *value)
{
	xmlNode *m = xmlNewTextChild(meta, NULL, BAD_CAST "meta",
	    BAD_CAST value);
	xmlSetProp(m, BAD_CAST "property", BAD_CAST property);
	return m;
}

static void
item(xmlNode *manifest, const char *id, const char *href, const char *type,
    const char *props)
{
	xmlNode *i = xmlNewChild(manifest, NULL, BAD_CAST "item", NULL);

	xmlSetProp(i, BAD_CAST "id", BAD_CAST id);
	xmlSetProp(i, BAD_CAST "href", BAD_CAST href);
	xmlSetProp(i, BAD_CAST "media-type", BAD_CAST type);
	if (props != NULL)
		xmlSetProp(i, BAD_CAST "properties", BAD_CAST props);
}

static void
itemref(xmlNode *spine, const char *idref, int linear)
{
	xmlNode *r = xmlNewChild(spine, NULL, BAD_CAST "itemref", NULL);

	xmlSetProp(r, BAD_CAST "idref", BAD_CAST idref);
	if (!linear)
		xmlSetProp(r, BAD_CAST "linear", BAD_CAST "no");
}

void
opf_build(struct book *b)
{
	const struct config *c = &b->cfg;
	xmlDoc *doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNode *pkg = xmlNewNode(NULL, BAD_CAST "package"), *meta, *man, *spine;
	xmlNode *n;
	const struct doc *nav;
	xmlNs *dcns;
	struct buf summary = {0};
	int images = b->nres > 0;

	xmlDocSetRootElement(doc, pkg);
	xmlSetNs(pkg, xmlNewNs(pkg, BAD_CAST OPF_NS, NULL));
	xmlSetProp(pkg, BAD_CAST "version", BAD_CAST "3.0");
	xmlSetProp(pkg, BAD_CAST "unique-identifier", BAD_CAST "bookid");
	xmlSetNsProp(pkg, xmlSearchNsByHref(doc, pkg, XML_XML_NAMESPACE),
	    BAD_CAST "lang", BAD_CAST c->language);

	meta = xmlNewChild(pkg, NULL, BAD_CAST "metadata", NULL);
	dcns = xmlNewNs(meta, BAD_CAST DC_NS, BAD_CAST "dc");
	n = dc(meta, dcns, "identifier", b->identifier);
	xmlSetProp(n, BAD_CAST "id", BAD_CAST "bookid");
	n = dc(meta, dcns, "title", c->title);
	xmlSetProp(n, BAD_CAST "id", BAD_CAST "title");
	xmlSetProp(meta_prop(meta, "title-type", "main"), BAD_CAST "refines",
	    BAD_CAST "#title");
	if (c->subtitle != NULL) {
		n = dc(meta, dcns, "title", c->subtitle);
		xmlSetProp(n, BAD_CAST "id", BAD_CAST "subtitle");
		xmlSetProp(meta_prop(meta, "title-type", "subtitle"),
		    BAD_CAST "refines", BAD_CAST "#subtitle");
	}
	dc(meta, dcns, "language", c->language);
	if (c->authors.n == 0) {
		/* library apps show "Unknown" without a creator: the
		 * publisher's, else the site's name */
		n = dc(meta, dcns, "creator", b->creator ? b->creator :
		    c->title);
		xmlSetProp(n, BAD_CAST "id", BAD_CAST "creator1");
	}
	for (size_t i = 0; i < c->authors.n; i++) {
		char id[32];
		snprintf(id, sizeof(id), "creator%zu", i + 1);
		n = dc(meta, dcns, "creator", c->authors.v[i]);
		xmlSetProp(n, BAD_CAST "id", BAD_CAST id);
		snprintf(id, sizeof(id), "#creator%zu", i + 1);
		xmlSetProp(meta_prop(meta, "role", "aut"), BAD_CAST "refines",
		    BAD_CAST id);
		xmlSetProp(xmlGetLastChild(meta), BAD_CAST "scheme",
		    BAD_CAST "marc:relators");
	}
	if (c->publisher != NULL)
		dc(meta, dcns, "publisher", c->publisher);
	if (c->date != NULL)
		dc(meta, dcns, "date", c->date);
	if (c->description != NULL)
		dc(meta, dcns, "description", c->description);
	if (c->rights != NULL)
		dc(meta, dcns, "rights", c->rights);
	if (c->base_url != NULL)
		dc(meta, dcns, "source", c->base_url);
	for (size_t i = 0; i < b->top.nkids; i++)
		if (b->top.kids[i].sec != NULL)
			dc(meta, dcns, "subject", b->top.kids[i].sec->title);
	meta_prop(meta, "dcterms:modified", b->modified);
	if (b->cover != NULL) {
		/* EPUB 2 readers (and Kindle) find the cover through this */
		n = xmlNewChild(meta, NULL, BAD_CAST "meta", NULL);
		xmlSetProp(n, BAD_CAST "name", BAD_CAST "cover");
		xmlSetProp(n, BAD_CAST "content", BAD_CAST b->cover->id);
	}

	/* accessibility (EPUB Accessibility 1.1) */
	meta_prop(meta, "schema:accessMode", "textual");
	if (images)
		meta_prop(meta, "schema:accessMode", "visual");
	meta_prop(meta, "schema:accessModeSufficient", "textual");
	meta_prop(meta, "schema:accessibilityFeature", "structuralNavigation");
	meta_prop(meta, "schema:accessibilityFeature", "tableOfContents");
	meta_prop(meta, "schema:accessibilityFeature", "readingOrder");
	if (images && b->no_alt == 0)
		meta_prop(meta, "schema:accessibilityFeature", "alternativeText");
	meta_prop(meta, "schema:accessibilityHazard", "none");
	if (b->no_alt == 0) {
		/* what hbook makes meets it: structure, navigation, language,
		 * contrast (no colour), text alternatives; a picture without
		 * one breaks WCAG 1.1.1, and then the book claims nothing */
		meta_prop(meta, "dcterms:conformsTo",
		    "EPUB Accessibility 1.1 - WCAG 2.1 Level AA");
		meta_prop(meta, "a11y:certifiedBy", b->creator ? b->creator :
		    c->title);
	}
	buf_adds(&summary, "Articles in ");
	{
		char num[64];
		snprintf(num, sizeof(num), "%zu sections (%zu articles)",
		    b->nsecs, b->narts);
		buf_adds(&summary, num);
	}
	buf_adds(&summary, ", with a table of contents down to each article's "
	    "sections and headings in order");
	buf_adds(&summary, !images ? "." : b->no_alt == 0 ?
	    "; images have text alternatives." : "; some images have no text "
	    "alternative, as on the site.");
	meta_prop(meta, "schema:accessibilitySummary", summary.data);
	buf_free(&summary);

	man = xmlNewChild(pkg, NULL, BAD_CAST "manifest", NULL);
	/* the navigation documents first, then the pages in reading order */
	nav = spine_find(b, DOC_NAV);
	item(man, nav->id, nav->href, "application/xhtml+xml", nav->properties);
	item(man, "ncx", "toc.ncx", "application/x-dtbncx+xml", NULL);
	item(man, "css", "css/book.css", "text/css", NULL);
	for (size_t i = 0; i < b->ndocs; i++)
		if (&b->docs[i] != nav)
			item(man, b->docs[i].id, b->docs[i].href,
			    "application/xhtml+xml", b->docs[i].properties);
	for (size_t i = 0; i < b->nres; i++)
		item(man, b->res[i]->id, b->res[i]->href,
		    b->res[i]->media_type, b->res[i] == b->cover ?
		    "cover-image" : NULL);

	spine = xmlNewChild(pkg, NULL, BAD_CAST "spine", NULL);
	xmlSetProp(spine, BAD_CAST "toc", BAD_CAST "ncx");
	for (size_t i = 0; i < b->ndocs; i++)
		itemref(spine, b->docs[i].id, b->docs[i].linear);
	/* EPUB 2's guide, which EPUB 3 keeps for them: calibre (and so
	 * Kindle conversions) knows the cover page by it, and does not show
	 * the cover twice */
	if ((nav = spine_find(b, DOC_COVER)) != NULL) {
		xmlNode *guide = xmlNewChild(pkg, NULL, BAD_CAST "guide", NULL);
		xmlNode *ref = xmlNewChild(guide, NULL, BAD_CAST "reference", NULL);
		xmlSetProp(ref, BAD_CAST "type", BAD_CAST "cover");
		xmlSetProp(ref, BAD_CAST "title", BAD_CAST "Cover");
		xmlSetProp(ref, BAD_CAST "href", BAD_CAST nav->href);
	}

	dom_write(doc, DOM_INDENT, &b->opf, &b->opf_len);
}

char *
container_xml(size_t *len)
{
	xmlDoc *doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNode *root = xmlNewNode(NULL, BAD_CAST "container"), *rfs, *rf;
	char *out;

	xmlDocSetRootElement(doc, root);
	xmlSetNs(root, xmlNewNs(root,
	    BAD_CAST "urn:oasis:names:tc:opendocument:xmlns:container", NULL));
	xmlSetProp(root, BAD_CAST "version", BAD_CAST "1.0");
	rfs = xmlNewChild(root, NULL, BAD_CAST "rootfiles", NULL);
	rf = xmlNewChild(rfs, NULL, BAD_CAST "rootfile", NULL);
	xmlSetProp(rf, BAD_CAST "full-path", BAD_CAST "EPUB/package.opf");
	xmlSetProp(rf, BAD_CAST "media-type",
	    BAD_CAST "application/oebps-package+xml");
	dom_write(doc, DOM_INDENT, &out, len);
	return out;
}
