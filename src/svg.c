/* svg.c: an SVG picture made safe and valid for a book.
 *
 * Design tools write SVG for browsers, not books: draw.io and Inkscape
 * keep SVG 1.1's DOCTYPE with its external entities, which EPUB 3
 * forbids; draw.io writes its labels as HTML in <foreignObject>, with a
 * plain-text <switch> fallback beside it; and an SVG can carry scripts,
 * event handlers and references a reader would fetch from the network
 * each time the page is shown.  libxml2 reads the file with no entity
 * from outside it and no network; this walk keeps the drawing and drops
 * the rest; dom_write() writes it again. */
#include "svg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <libxml/parser.h>

#include "dom.h"
#include "util.h"

#define SVG_NS "http://www.w3.org/2000/svg"
#define XLINK_NS "http://www.w3.org/1999/xlink"

/* Where needle first is in s, in any case, or NULL. */
static const char *
find_ci(const char *s, const char *needle)
{
	size_t n = strlen(needle);

	for (; *s != '\0'; s++)
		if (strncasecmp(s, needle, n) == 0)
			return s;
	return NULL;
}

static int
is(const xmlNode *n, const char *name)
{
	return strcasecmp((const char *)n->name, name) == 0;
}

/* Whether a reference may stay: to a part of this drawing, or a picture
 * held in it (data:image/...). */
static int
ref_ok(const char *v)
{
	while (*v == ' ' || *v == '\t' || *v == '\n' || *v == '\r')
		v++;
	if (*v == '#')
		return 1;
	if (strncasecmp(v, "data:image/", 11) == 0)
		return strncasecmp(v + 11, "svg", 3) != 0;
	return 0;
}

/* Whether CSS text only refers inside the drawing: no @import, and each
 * url() names a part of it ("#id") or a data:image. */
static int
css_ok(const char *css)
{
	const char *p;

	if (find_ci(css, "@import") != NULL ||
	    find_ci(css, "expression") != NULL ||
	    find_ci(css, "binding") != NULL)
		return 0;
	for (p = css; (p = find_ci(p, "url(")) != NULL; p += 4) {
		const char *q = p + 4;
		while (*q == ' ' || *q == '"' || *q == '\'')
			q++;
		if (!ref_ok(q))
			return 0;
	}
	return 1;
}

static void
drop(xmlNode *n)
{
	xmlUnlinkNode(n);
	xmlFreeNode(n);
}

static void
clean_attrs(xmlNode *el, int *removed)
{
	xmlAttr *a, *next;
	int link = is(el, "a");

	/* a link in a picture cannot be followed from the page that shows
	 * it: its drawing stays, as a group */
	if (link)
		xmlNodeSetName(el, (const xmlChar *)"g");
	for (a = el->properties; a != NULL; a = next) {
		const char *name = (const char *)a->name;
		xmlChar *v = xmlNodeListGetString(el->doc, a->children, 1);
		const char *s = v ? (const char *)v : "";
		int bad = 0;

		next = a->next;
		if (strncasecmp(name, "on", 2) == 0)
			bad = SVG_ACTIVE;
		else if (strcasecmp(name, "href") == 0 && (link || !ref_ok(s)))
			bad = strncasecmp(s, "javascript:", 11) == 0 ?
			    SVG_ACTIVE : link ? -1 : SVG_REMOTE;
		else if (link && strcasecmp(name, "target") == 0)
			bad = -1;
		else if (a->ns == NULL && (strcmp(name, "content") == 0 ||
		    strncmp(name, "data-", 5) == 0))
			bad = -1;                /* an editor's own (draw.io) */
		else if (find_ci(s, "url(") != NULL && !css_ok(s))
			bad = SVG_REMOTE;
		else if (strcmp(name, "base") == 0 && a->ns != NULL)
			bad = SVG_REMOTE;        /* xml:base */
		else if ((is(el, "set") || is(el, "animate")) &&
		    strcasecmp(name, "attributeName") == 0 &&
		    (find_ci(s, "href") || strncasecmp(s, "on", 2) == 0))
			bad = SVG_ACTIVE;        /* would write a link or a handler */
		xmlFree(v);
		if (bad) {
			if (bad > 0)
				*removed |= bad;
			xmlRemoveProp(a);
		}
	}
}

/* The text of HTML n as lines: breaks at <br> and between blocks. */
static void
html_lines(const xmlNode *n, struct buf *out)
{
	for (const xmlNode *k = n->children; k != NULL; k = k->next) {
		if (k->type == XML_TEXT_NODE || k->type == XML_CDATA_SECTION_NODE) {
			buf_adds(out, (const char *)k->content);
		} else if (k->type == XML_ELEMENT_NODE) {
			int block = is(k, "div") || is(k, "p") || is(k, "li") ||
			    is(k, "br");
			if (block && out->len > 0 && out->data[out->len - 1] != '\n')
				buf_addc(out, '\n');
			html_lines(k, out);
		}
	}
}

/* Whether HTML n or a descendant says white-space: nowrap. */
static int
nowrap(const xmlNode *n)
{
	xmlChar *style = xmlGetProp(n, (const xmlChar *)"style");
	int yes = style != NULL && find_ci((const char *)style, "nowrap") != NULL;

	xmlFree(style);
	for (const xmlNode *k = n->children; k != NULL && !yes; k = k->next)
		yes = k->type == XML_ELEMENT_NODE && nowrap(k);
	return yes;
}

/* A number after "name:" in CSS text, or 0. */
static double
css_px(const char *css, const char *name)
{
	const char *p = css ? find_ci(css, name) : NULL;

	return p ? strtod(p + strlen(name), NULL) : 0;
}

/* The words of text (lines apart) into out, in lines of at most cols
 * letters; returns how many lines. */
static size_t
wrap(char *text, double cols, struct buf *out)
{
	char *line, *save;
	size_t n = 0;

	for (line = strtok_r(text, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		size_t col = 0;
		char *w, *wsave;
		for (w = strtok_r(line, " \t\r", &wsave); w != NULL;
		    w = strtok_r(NULL, " \t\r", &wsave)) {
			size_t len = strlen(w);
			if (col > 0 && (double)(col + 1 + len) > cols) {
				buf_addc(out, '\n');
				n++;
				col = 0;
			} else if (col > 0) {
				buf_addc(out, ' ');
				col++;
			}
			buf_adds(out, w);
			col += len;
		}
		if (col > 0) {
			buf_addc(out, '\n');
			n++;
		}
	}
	return n;
}

/* draw.io writes each label twice in a <switch>: as HTML in a
 * <foreignObject>, and as a <text> cut to one line ("Calculating Risk
 * Sc...") for renderers without HTML, which is what a book's readers
 * are.  The <text> gets the whole label back, in lines as wide as the
 * HTML's box, at an average letter width of half the type's size. */
static void
label_whole(xmlNode *sw)
{
	xmlNode *fo = NULL, *text = NULL, *div;
	struct buf lines = {0};
	xmlChar *style, *fs, *x, *y;
	double width, size;

	for (xmlNode *k = sw->children; k != NULL; k = k->next) {
		if (k->type != XML_ELEMENT_NODE)
			continue;
		if (is(k, "foreignObject"))
			fo = k;
		else if (is(k, "text") && fo != NULL)
			text = k;
	}
	for (div = fo ? fo->children : NULL; div != NULL &&
	    div->type != XML_ELEMENT_NODE; div = div->next)
		;
	if (text == NULL || div == NULL)
		return;
	style = xmlGetProp(div, (const xmlChar *)"style");
	fs = xmlGetProp(text, (const xmlChar *)"font-size");
	x = xmlGetProp(text, (const xmlChar *)"x");
	y = xmlGetProp(text, (const xmlChar *)"y");
	width = css_px((const char *)style, "width:");
	size = fs ? strtod((const char *)fs, NULL) : 0;
	html_lines(div, &lines);
	if (width > 0 && size > 0 && x != NULL && y != NULL && lines.len > 0) {
		struct buf wrapped = {0};
		size_t n = wrap(lines.data, nowrap(div) ? 1e9 :
		    width / (size * 0.5), &wrapped), i = 0;
		/* the lines centred where the one line was */
		double y0 = strtod((const char *)y, NULL) -
		    (double)(n > 0 ? n - 1 : 0) * size * 0.6;
		char *line, *save;

		xmlNodeSetContent(text, NULL);
		for (line = n ? strtok_r(wrapped.data, "\n", &save) : NULL;
		    line != NULL; line = strtok_r(NULL, "\n", &save)) {
			xmlNode *span = xmlNewChild(text, text->ns,
			    (const xmlChar *)"tspan", NULL);
			char num[32];
			xmlSetProp(span, (const xmlChar *)"x", x);
			snprintf(num, sizeof(num), "%.2f", y0 + (double)i++ * size * 1.2);
			xmlSetProp(span, (const xmlChar *)"y", (const xmlChar *)num);
			append_text(span, line, strlen(line));
		}
		buf_free(&wrapped);
	}
	buf_free(&lines);
	xmlFree(style);
	xmlFree(fs);
	xmlFree(x);
	xmlFree(y);
}

/* Whether el goes whole. */
static int
unwanted(xmlNode *el, int *removed)
{
	if (is(el, "script") || is(el, "handler") || is(el, "listener")) {
		*removed |= SVG_ACTIVE;
		return 1;
	}
	/* HTML inside the drawing, and media; in a <switch> (draw.io) the
	 * choice after it is shown instead */
	if (is(el, "foreignObject") || is(el, "iframe") || is(el, "object") ||
	    is(el, "embed") || is(el, "audio") || is(el, "video")) {
		if (!(el->parent != NULL && is(el->parent, "switch") &&
		    xmlChildElementCount(el->parent) > 1))
			*removed |= SVG_FOREIGN;
		return 1;
	}
	/* draw.io's notice that its labels are HTML, for renderers that
	 * cannot show them: with the HTML gone, the labels' text versions
	 * are what every reader shows */
	if (is(el, "switch") && el->children != NULL &&
	    el->children->type == XML_ELEMENT_NODE &&
	    is(el->children, "g") && el->children->children == NULL &&
	    xmlHasProp(el->children, (const xmlChar *)"requiredFeatures"))
		return 1;
	if (is(el, "style")) {
		xmlChar *css = xmlNodeGetContent(el);
		int ok = css == NULL || css_ok((const char *)css);
		xmlFree(css);
		if (!ok)
			*removed |= SVG_REMOTE;
		return !ok;
	}
	return 0;
}

static void
clean_el(xmlNode *el, int *removed)
{
	xmlNode *k, *next;

	clean_attrs(el, removed);
	if (is(el, "switch"))
		label_whole(el);
	/* a font's blank glyph (matplotlib) has no outline */
	if (is(el, "path") && xmlHasProp(el, (const xmlChar *)"d") == NULL)
		xmlSetProp(el, (const xmlChar *)"d", (const xmlChar *)"");
	for (k = el->children; k != NULL; k = next) {
		next = k->next;
		if (k->type == XML_ELEMENT_NODE) {
			if (unwanted(k, removed)) {
				drop(k);
				continue;
			}
			clean_el(k, removed);
			/* a picture whose file was outside the drawing */
			if ((is(k, "image") ||
			    is(k, "feImage") || is(k, "use")) &&
			    xmlHasProp(k, (const xmlChar *)"href") == NULL)
				drop(k);
			else if (is(k, "switch") && xmlChildElementCount(k) == 1)
				/* one choice left: MuPDF shows no <switch> */
				xmlNodeSetName(k, (const xmlChar *)"g");
		} else if (k->type == XML_PI_NODE || k->type == XML_COMMENT_NODE ||
		    k->type == XML_ENTITY_REF_NODE) {
			drop(k);
		}
	}
}

/* Puts el and its descendants without a namespace into ns. */
static void
set_ns(xmlNode *el, xmlNs *ns)
{
	if (el->ns == NULL)
		xmlSetNs(el, ns);
	for (xmlNode *k = el->children; k != NULL; k = k->next)
		if (k->type == XML_ELEMENT_NODE)
			set_ns(k, ns);
}

int
svg_clean(const unsigned char *d, size_t n, char **out, size_t *outlen,
    int *removed)
{
	xmlDoc *doc;
	xmlNode *root, *k, *next;

	*removed = 0;
	if (n > (size_t)0x7fffffff)
		return -1;
	/* entities of the file's own DOCTYPE are expanded (Illustrator names
	 * its namespaces with them); any from outside it fail, as the loader
	 * set by dom_init() reads none */
	doc = xmlReadMemory((const char *)d, (int)n, NULL, NULL,
	    XML_PARSE_NONET | XML_PARSE_NOENT | XML_PARSE_NOERROR |
	    XML_PARSE_NOWARNING | XML_PARSE_NOBLANKS);
	if (doc == NULL)
		return -1;
	root = xmlDocGetRootElement(doc);
	if (root == NULL || !is(root, "svg") || (root->ns != NULL &&
	    strcmp((const char *)root->ns->href, SVG_NS) != 0)) {
		xmlFreeDoc(doc);
		return -1;
	}
	if (doc->intSubset != NULL) {
		xmlDtd *dtd = doc->intSubset;
		xmlUnlinkNode((xmlNode *)dtd);
		xmlFreeDtd(dtd);
	}
	for (k = doc->children; k != NULL; k = next) {
		next = k->next;
		if (k != root)
			drop(k);
	}
	if (root->ns == NULL)
		set_ns(root, xmlNewNs(root, (const xmlChar *)SVG_NS, NULL));
	clean_el(root, removed);
	dom_write(doc, 0, out, outlen);
	return 0;
}
