/* sanitize.c: the allowlist for raw HTML, and the repair pass that makes
 * any tree raw HTML and Markdown built together valid XHTML content. */
#include "sanitize.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "diag.h"
#include "dom.h"
#include "page.h"
#include "text.h"
#include "util.h"

struct rule {
	const char *name;        /* as HTML writes it */
	const char *out;         /* the XHTML element, NULL: same name */
	enum san_action act;
};

/* Sorted by name for bsearch.  Elements not listed are unwrapped: their
 * content stays, their tag goes.  SAN_DROP removes the element with its
 * content: code, embedded objects, form controls, metadata. */
static const struct rule rules[] = {
	{"a", NULL, SAN_KEEP}, {"abbr", NULL, SAN_KEEP},
	{"acronym", "abbr", SAN_KEEP}, {"address", NULL, SAN_KEEP},
	{"applet", NULL, SAN_DROP}, {"area", NULL, SAN_DROP},
	{"article", "div", SAN_KEEP}, {"aside", "div", SAN_KEEP},
	{"audio", NULL, SAN_DROP}, {"b", NULL, SAN_KEEP},
	{"base", NULL, SAN_DROP}, {"basefont", NULL, SAN_DROP},
	{"bdi", NULL, SAN_KEEP}, {"bdo", NULL, SAN_KEEP},
	{"big", "span", SAN_KEEP}, {"blink", "span", SAN_KEEP},
	{"blockquote", NULL, SAN_KEEP}, {"br", NULL, SAN_KEEP},
	{"button", "span", SAN_KEEP}, {"canvas", NULL, SAN_DROP},
	{"caption", NULL, SAN_KEEP}, {"center", "div", SAN_KEEP},
	{"cite", NULL, SAN_KEEP}, {"code", NULL, SAN_KEEP},
	{"col", NULL, SAN_KEEP}, {"colgroup", NULL, SAN_KEEP},
	{"datalist", NULL, SAN_DROP}, {"dd", NULL, SAN_KEEP},
	{"del", NULL, SAN_KEEP}, {"details", "div", SAN_KEEP},
	{"dfn", NULL, SAN_KEEP}, {"dialog", "div", SAN_KEEP},
	{"dir", "ul", SAN_KEEP}, {"div", NULL, SAN_KEEP},
	{"dl", NULL, SAN_KEEP}, {"dt", NULL, SAN_KEEP},
	{"em", NULL, SAN_KEEP}, {"embed", NULL, SAN_DROP},
	{"fieldset", "div", SAN_KEEP}, {"figcaption", NULL, SAN_KEEP},
	{"figure", NULL, SAN_KEEP}, {"font", "span", SAN_KEEP},
	{"footer", "div", SAN_KEEP}, {"frame", NULL, SAN_DROP},
	{"frameset", NULL, SAN_DROP}, {"h1", NULL, SAN_KEEP},
	{"h2", NULL, SAN_KEEP}, {"h3", NULL, SAN_KEEP},
	{"h4", NULL, SAN_KEEP}, {"h5", NULL, SAN_KEEP},
	{"h6", NULL, SAN_KEEP}, {"head", NULL, SAN_DROP},
	{"header", "div", SAN_KEEP}, {"hgroup", "div", SAN_KEEP},
	{"hr", NULL, SAN_KEEP}, {"i", NULL, SAN_KEEP},
	{"iframe", NULL, SAN_DROP}, {"img", NULL, SAN_KEEP},
	{"input", NULL, SAN_DROP}, {"ins", NULL, SAN_KEEP},
	{"kbd", NULL, SAN_KEEP}, {"keygen", NULL, SAN_DROP},
	{"legend", "p", SAN_KEEP}, {"li", NULL, SAN_KEEP},
	{"link", NULL, SAN_DROP}, {"listing", "pre", SAN_KEEP},
	{"main", "div", SAN_KEEP}, {"map", NULL, SAN_DROP},
	{"mark", NULL, SAN_KEEP}, {"marquee", "span", SAN_KEEP},
	{"math", NULL, SAN_DROP}, {"menu", "ul", SAN_KEEP},
	{"meta", NULL, SAN_DROP}, {"meter", NULL, SAN_DROP},
	{"nav", "div", SAN_KEEP}, {"nobr", "span", SAN_KEEP},
	{"noembed", NULL, SAN_DROP}, {"noframes", NULL, SAN_DROP},
	{"object", NULL, SAN_DROP}, {"ol", NULL, SAN_KEEP},
	{"optgroup", NULL, SAN_DROP}, {"option", NULL, SAN_DROP},
	{"output", "span", SAN_KEEP}, {"p", NULL, SAN_KEEP},
	{"param", NULL, SAN_DROP}, {"plaintext", "pre", SAN_KEEP},
	{"pre", NULL, SAN_KEEP}, {"progress", NULL, SAN_DROP},
	{"q", NULL, SAN_KEEP}, {"rp", NULL, SAN_KEEP},
	{"rt", NULL, SAN_KEEP}, {"ruby", NULL, SAN_KEEP},
	{"s", NULL, SAN_KEEP}, {"samp", NULL, SAN_KEEP},
	{"script", NULL, SAN_DROP}, {"section", NULL, SAN_KEEP},
	{"select", NULL, SAN_DROP}, {"small", NULL, SAN_KEEP},
	{"source", NULL, SAN_DROP}, {"span", NULL, SAN_KEEP},
	{"strike", "s", SAN_KEEP}, {"strong", NULL, SAN_KEEP},
	{"style", NULL, SAN_DROP}, {"sub", NULL, SAN_KEEP},
	{"summary", "p", SAN_KEEP}, {"sup", NULL, SAN_KEEP},
	{"svg", NULL, SAN_DROP}, {"table", NULL, SAN_KEEP},
	{"tbody", NULL, SAN_KEEP}, {"td", NULL, SAN_KEEP},
	{"template", NULL, SAN_DROP}, {"textarea", NULL, SAN_DROP},
	{"tfoot", NULL, SAN_KEEP}, {"th", NULL, SAN_KEEP},
	{"thead", NULL, SAN_KEEP}, {"time", NULL, SAN_KEEP},
	{"title", NULL, SAN_DROP}, {"tr", NULL, SAN_KEEP},
	{"track", NULL, SAN_DROP}, {"tt", "code", SAN_KEEP},
	{"u", NULL, SAN_KEEP}, {"ul", NULL, SAN_KEEP},
	{"var", NULL, SAN_KEEP}, {"video", NULL, SAN_DROP},
	{"wbr", NULL, SAN_KEEP}, {"xmp", "pre", SAN_KEEP},
};

static int
rule_cmp(const void *key, const void *r)
{
	return strcasecmp(key, ((const struct rule *)r)->name);
}

enum san_action
san_element(const char *name, const char **out)
{
	const struct rule *r = bsearch(name, rules, sizeof(rules) /
	    sizeof(*rules), sizeof(*rules), rule_cmp);

	if (r == NULL) {
		*out = NULL;
		return SAN_UNWRAP;
	}
	*out = r->out ? r->out : r->name;
	return r->act;
}

static int
is_uint(const char *s, long min, long max)
{
	char *end;
	long v;

	if (!isdigit((unsigned char)*s))
		return 0;
	v = strtol(s, &end, 10);
	return *end == '\0' && v >= min && v <= max;
}

int
san_attributes(struct page *pg, xmlNode *el, const unsigned char **atts,
    int line)
{
	const char *name = (const char *)el->name;
	const char *href = NULL, *id = NULL, *anchor = NULL, *align = NULL;
	char *cls = NULL;

	for (int i = 0; atts != NULL && atts[i] != NULL; i += 2) {
		const char *k = (const char *)atts[i];
		const char *v = atts[i + 1] ? (const char *)atts[i + 1] : "";

		if (strcasecmp(k, "id") == 0) {
			id = v;
		} else if (strcasecmp(k, "name") == 0 &&
		    strcmp(name, "a") == 0) {
			anchor = v;
		} else if (strcasecmp(k, "class") == 0) {
			free(cls);
			cls = xstrdup(v);
		} else if (strcasecmp(k, "title") == 0 ||
		    (strcasecmp(k, "alt") == 0 && strcmp(name, "img") == 0) ||
		    (strcasecmp(k, "abbr") == 0 && strcmp(name, "th") == 0)) {
			set_attr(el, k, v);
		} else if (strcasecmp(k, "lang") == 0 && lang_valid(v)) {
			set_attr(el, "lang", v);
			xmlSetNsProp(el, xmlSearchNsByHref(pg->doc,
			    xmlDocGetRootElement(pg->doc), XML_XML_NAMESPACE),
			    BAD_CAST "lang", BAD_CAST v);
		} else if (strcasecmp(k, "dir") == 0 && (strcmp(v, "ltr") == 0 ||
		    strcmp(v, "rtl") == 0 || strcmp(v, "auto") == 0)) {
			set_attr(el, "dir", v);
		} else if (strcasecmp(k, "href") == 0 && strcmp(name, "a") == 0) {
			href = v;
		} else if (strcasecmp(k, "src") == 0 && strcmp(name, "img") == 0) {
			char *src = page_picture(pg, v, line);
			if (src == NULL) {
				free(cls);
				return -1;
			}
			set_attr(el, "src", src);
			free(src);
		} else if ((strcasecmp(k, "width") == 0 ||
		    strcasecmp(k, "height") == 0) && strcmp(name, "img") == 0 &&
		    is_uint(v, 0, 100000)) {
			set_attr(el, k, v);
		} else if ((strcasecmp(k, "colspan") == 0 ||
		    strcasecmp(k, "rowspan") == 0) && (strcmp(name, "td") == 0 ||
		    strcmp(name, "th") == 0) && is_uint(v, 1, 1000)) {
			set_attr(el, k, v);
		} else if (strcasecmp(k, "scope") == 0 && strcmp(name, "th") == 0 &&
		    (strcmp(v, "row") == 0 || strcmp(v, "col") == 0 ||
		    strcmp(v, "rowgroup") == 0 || strcmp(v, "colgroup") == 0)) {
			set_attr(el, k, v);
		} else if (strcasecmp(k, "span") == 0 && (strcmp(name, "col") == 0 ||
		    strcmp(name, "colgroup") == 0) && is_uint(v, 1, 1000)) {
			set_attr(el, k, v);
		} else if (strcasecmp(k, "start") == 0 && strcmp(name, "ol") == 0 &&
		    (is_uint(v, 0, 1000000000) || (v[0] == '-' &&
		    is_uint(v + 1, 0, 1000000000)))) {
			set_attr(el, k, v);
		} else if (strcasecmp(k, "reversed") == 0 && strcmp(name, "ol") == 0) {
			set_attr(el, k, "reversed");
		} else if (strcasecmp(k, "type") == 0 && strcmp(name, "ol") == 0 &&
		    strlen(v) == 1 && strchr("1aAiI", v[0])) {
			set_attr(el, k, v);
		} else if (strcasecmp(k, "value") == 0 && strcmp(name, "li") == 0 &&
		    is_uint(v, 0, 1000000000)) {
			set_attr(el, k, v);
		} else if (strcasecmp(k, "align") == 0) {
			align = v;
		}
		/* everything else goes: event handlers, style, data-*, and
		 * attributes XHTML5 no longer has */
	}
	if (align != NULL && (strcasecmp(align, "left") == 0 ||
	    strcasecmp(align, "center") == 0 || strcasecmp(align, "right") == 0)) {
		char low[8], *a;
		size_t i;

		for (i = 0; i < sizeof(low) - 1 && align[i]; i++)
			low[i] = (char)tolower((unsigned char)align[i]);
		low[i] = '\0';
		a = xasprintf("%s%salign-%s", cls ? cls : "",
		    cls && cls[0] ? " " : "", low);
		free(cls);
		cls = a;
	}
	if (cls != NULL) {
		char *t = str_trim(cls);
		if (t[0])
			set_attr(el, "class", t);
		free(cls);
	}
	if (id == NULL)
		id = anchor;
	if (id != NULL && id_valid(id) && strmap_get(pg->ids, id) == NULL) {
		if (strmap_count(pg->ids) < PAGE_MAX_IDS) {
			strmap_put(pg->ids, id, (void *)1);
			set_attr(el, "id", id);
		} else {
			page_warn_once(pg, "ids", "", line, "more than 50,000 ids "
			    "in one page: the rest of raw HTML's go%s");
		}
	}
	if (strcmp(name, "img") == 0 && xmlHasProp(el, BAD_CAST "src") == NULL)
		return -1;
	if (strcmp(name, "img") == 0 && xmlHasProp(el, BAD_CAST "alt") == NULL) {
		if (pg->book != NULL)
			__atomic_add_fetch(&pg->book->no_alt, 1, __ATOMIC_RELAXED);
		if (pg->links != NULL)
			warnx_at(pg->src, line, "image without alt text (screen "
			    "readers will skip it)");
		set_attr(el, "alt", "");
	}
	if (href != NULL && page_link(pg, el, href, line) < 0 &&
	    xmlHasProp(el, BAD_CAST "id") == NULL)
		return -1;
	return 0;
}

/* ---- the repair pass ---- */

/* The repair pass asks these of every element many times: comparing the
 * first letters first keeps it from being most of an export's time. */
static int
is_el(const xmlNode *n, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE &&
	    n->name[0] == (xmlChar)name[0] &&
	    strcmp((const char *)n->name, name) == 0;
}

static int
in_set(const xmlNode *n, const char *const *set)
{
	if (n == NULL || n->type != XML_ELEMENT_NODE)
		return 0;
	for (; *set; set++)
		if (n->name[0] == (xmlChar)(*set)[0] &&
		    strcmp((const char *)n->name, *set) == 0)
			return 1;
	return 0;
}

static const char *const phrasing[] = {"a", "abbr", "b", "bdi", "bdo",
    "br", "cite", "code", "del", "dfn", "em", "i", "img", "ins", "kbd",
    "mark", "q", "ruby", "rp", "rt", "s", "samp", "small", "span",
    "strong", "sub", "sup", "time", "u", "var", "wbr", NULL};
static const char *const phrasing_only[] = {"p", "h1", "h2", "h3", "h4",
    "h5", "h6", "pre", "dt", "a", "abbr", "b", "bdi", "bdo", "cite", "code",
    "del", "dfn", "em", "i", "ins", "kbd", "mark", "q", "ruby", "rp", "rt",
    "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u",
    "var", NULL};

static int
blank(const xmlNode *n)
{
	if (n->type == XML_COMMENT_NODE)
		return 1;
	return n->type == XML_TEXT_NODE && str_blank((const char *)n->content);
}

static int
is_empty(const xmlNode *el)
{
	for (const xmlNode *n = el->children; n != NULL; n = n->next)
		if (!blank(n))
			return 0;
	return 1;
}

/* Renames el, keeping only the attributes every element may have. */
static void
rename_el(xmlNode *el, const char *name)
{
	xmlAttr *a = el->properties, *next;

	xmlNodeSetName(el, BAD_CAST name);
	el->_private = NULL;
	for (; a != NULL; a = next) {
		next = a->next;
		if (a->ns == NULL && (strcmp((const char *)a->name, "id") == 0 ||
		    strcmp((const char *)a->name, "class") == 0 ||
		    strcmp((const char *)a->name, "title") == 0 ||
		    strcmp((const char *)a->name, "lang") == 0 ||
		    strcmp((const char *)a->name, "dir") == 0))
			continue;
		if (a->ns != NULL && strcmp((const char *)a->name, "lang") == 0)
			continue;
		xmlRemoveProp(a);
	}
}

/* Wraps the run of children first..last (same parent) in a new element. */
static xmlNode *
wrap(xmlNode *first, xmlNode *last, const char *name)
{
	xmlNode *w = xmlNewNode(NULL, BAD_CAST name), *n, *next;

	xmlAddPrevSibling(first, w);
	for (n = first; n != NULL; n = next) {
		next = n->next;
		xmlUnlinkNode(n);
		xmlAddChild(w, n);
		if (n == last)
			break;
	}
	return w;
}

/* In an element that holds only phrasing content, every element that is
 * not phrasing becomes a <span> (a <br/> where it was a rule). */
static void
make_phrasing(xmlNode *el, int in_link)
{
	for (xmlNode *n = el->children; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (is_el(n, "hr")) {
			rename_el(n, "br");
			continue;
		}
		if (!in_set(n, phrasing))
			rename_el(n, "span");
		if (in_link && is_el(n, "a"))
			rename_el(n, "span");
		make_phrasing(n, in_link || is_el(n, "a"));
	}
}

/* Children that parent p may not hold, each run wrapped in wrapper. */
static void
wrap_strays(xmlNode *p, const char *const *allowed, const char *wrapper)
{
	xmlNode *n = p->children, *first = NULL, *last = NULL, *next;

	for (; n != NULL; n = next) {
		next = n->next;
		if (in_set(n, allowed) || (first == NULL && blank(n))) {
			if (first != NULL)
				wrap(first, last, wrapper);
			first = last = NULL;
			continue;
		}
		if (first == NULL)
			first = n;
		last = n;
	}
	if (first != NULL)
		wrap(first, last, wrapper);
}

/* The sibling before (dir < 0) or after n that is not blank text, or
 * NULL. */
static xmlNode *
sibling(xmlNode *n, int dir)
{
	do
		n = dir < 0 ? n->prev : n->next;
	while (n != NULL && (blank(n) || n->type == XML_COMMENT_NODE));
	return n;
}

/* A line break with no text on one side, at the start or end of its
 * element or beside a block, is a gap, not a break between lines (sites
 * write <br> for space: "<br><div class=intro>"). */
static void
drop_gaps(xmlNode *el)
{
	xmlNode *n, *next;

	if (is_el(el, "pre"))
		return;
	for (n = el->children; n != NULL; n = next) {
		xmlNode *before, *after;
		next = n->next;
		if (n->type != XML_ELEMENT_NODE || !is_el(n, "br"))
			continue;
		before = sibling(n, -1);
		after = sibling(n, 1);
		if (before == NULL || after == NULL ||
		    (before->type == XML_ELEMENT_NODE && !in_set(before,
		    phrasing)) || (after->type == XML_ELEMENT_NODE &&
		    !in_set(after, phrasing))) {
			xmlUnlinkNode(n);
			xmlFreeNode(n);
		}
	}
}

static void
repair(xmlNode *el, int depth)
{
	static const char *const li[] = {"li", NULL};
	static const char *const rows[] = {"tr", NULL};
	static const char *const cells[] = {"td", "th", NULL};
	static const char *const dl[] = {"dt", "dd", NULL};
	static const char *const table_parts[] = {"caption", "colgroup",
	    "thead", "tbody", "tfoot", "tr", NULL};
	xmlNode *n, *next;

	for (n = el->children; n != NULL; n = next) {
		next = n->next;
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (is_el(n, "p") && is_empty(n)) {
			/* what the sanitiser emptied: <p><script>..</script></p> */
			xmlUnlinkNode(n);
			xmlFreeNode(n);
			continue;
		}
		/* elements that only make sense in one parent */
		if ((is_el(n, "li") && !is_el(el, "ul") && !is_el(el, "ol")) ||
		    ((is_el(n, "dt") || is_el(n, "dd")) && !is_el(el, "dl")) ||
		    ((is_el(n, "td") || is_el(n, "th")) && !is_el(el, "tr")) ||
		    (is_el(n, "tr") && !in_set(el, table_parts) &&
		    !is_el(el, "table")) ||
		    (in_set(n, table_parts) && !is_el(n, "tr") &&
		    !is_el(el, "table")) ||
		    ((is_el(n, "col")) && !is_el(el, "colgroup") &&
		    !is_el(el, "table")) ||
		    (is_el(n, "figcaption") && !is_el(el, "figure")) ||
		    ((is_el(n, "rp") || is_el(n, "rt")) && !is_el(el, "ruby")))
			rename_el(n, is_el(n, "rp") || is_el(n, "rt") ? "span" :
			    is_el(n, "col") ? "span" : "div");
		if (depth < 512)
			repair(n, depth + 1);
	}
	drop_gaps(el);

	if (is_el(el, "ul") || is_el(el, "ol")) {
		wrap_strays(el, li, "li");
	} else if (is_el(el, "dl")) {
		wrap_strays(el, dl, "dd");
		if (el->children != NULL && !is_el(el->children, "dt")) {
			/* a description list opens with a term */
			for (n = el->children; n && blank(n); n = n->next)
				;
			if (n != NULL && !is_el(n, "dt"))
				xmlAddPrevSibling(n, xmlNewNode(NULL, BAD_CAST "dt"));
		}
	} else if (is_el(el, "tr")) {
		wrap_strays(el, cells, "td");
	} else if (is_el(el, "thead") || is_el(el, "tbody") ||
	    is_el(el, "tfoot")) {
		for (n = el->children; n != NULL; n = n->next)
			if (in_set(n, cells))
				rename_el(n, n->name[1] == 'h' ? "th" : "td");
		wrap_strays(el, rows, "tr");
		for (n = el->children; n != NULL; n = n->next)
			if (is_el(n, "tr"))
				wrap_strays(n, cells, "td");
	} else if (is_el(el, "table")) {
		/* what a table may not hold goes before it */
		for (n = el->children; n != NULL; n = next) {
			next = n->next;
			if (!in_set(n, table_parts) && !is_el(n, "col") &&
			    !blank(n)) {
				xmlUnlinkNode(n);
				xmlAddPrevSibling(el, n);
			}
		}
		for (n = el->children; n != NULL; n = n->next)
			if (is_el(n, "col"))
				rename_el(n, "colgroup");
		/* rows beside row groups go into a tbody of their own */
		for (n = el->children; n != NULL; n = next) {
			next = n->next;
			if (is_el(n, "tr")) {
				xmlNode *last = n;
				while (last->next != NULL && (is_el(last->next, "tr") ||
				    blank(last->next)))
					last = last->next;
				next = last->next;
				wrap(n, last, "tbody");
			}
		}
		if (xmlFirstElementChild(el) == NULL ||
		    (!xmlChildElementCount(el))) {
			rename_el(el, "div");
		}
	} else if (in_set(el, phrasing_only)) {
		if (is_el(el, "p")) {
			for (n = el->children; n != NULL; n = n->next)
				if (n->type == XML_ELEMENT_NODE &&
				    !in_set(n, phrasing)) {
					rename_el(el, "div");
					break;
				}
		} else {
			make_phrasing(el, is_el(el, "a"));
		}
	}
}

/* Elements deeper than this below the page's root are unwrapped, their
 * content joining their ancestor: XML parsers refuse deep documents
 * (libxml2 past 256 levels) and readers slow down.  The repairs after it
 * may add a level for each, which the limit leaves room for. */
#define XHTML_MAX_DEPTH 100

static void
flatten(xmlNode *el, int depth)
{
	xmlNode *n = el->children;

	while (n != NULL) {
		xmlNode *prev = n->prev;

		if (n->type != XML_ELEMENT_NODE) {
			n = n->next;
			continue;
		}
		if (depth < XHTML_MAX_DEPTH) {
			flatten(n, depth + 1);
			n = n->next;
			continue;
		}
		while (n->children != NULL) {
			xmlNode *k = n->children;
			xmlUnlinkNode(k);
			xmlAddPrevSibling(n, k);
		}
		xmlUnlinkNode(n);
		xmlFreeNode(n);
		/* moved text may have merged into prev: go on from there */
		n = prev != NULL ? prev->next : el->children;
	}
}

void
xhtml_repair(xmlNode *root)
{
	if (root != NULL) {
		flatten(root, 1);
		repair(root, 0);
	}
}
