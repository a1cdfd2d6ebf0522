/* kepub.c: koboSpan markup for Kobo's kepub engine. */
#include "kepub.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>


struct count {
	int para, sentence;
};

static int
is_block(const xmlNode *n)
{
	static const char *const blocks[] = {"p", "li", "h1", "h2", "h3", "h4",
	    "h5", "h6", "td", "th", "dt", "dd", "figcaption", "caption",
	    "blockquote", "div", "aside", "section", "pre", "header", NULL};

	for (int i = 0; blocks[i]; i++)
		if (strcmp((const char *)n->name, blocks[i]) == 0)
			return 1;
	return 0;
}

static int
is_kobo_span(xmlNode *n)
{
	xmlChar *cls;
	int yes;

	if (strcmp((const char *)n->name, "span") != 0)
		return 0;
	cls = xmlGetProp(n, BAD_CAST "class");
	yes = cls != NULL && strcmp((const char *)cls, "koboSpan") == 0;
	xmlFree(cls);
	return yes;
}

/* Whether the "." at s[i] ends no sentence: a number that opens the text
 * ("1. Light sleep"), an initial ("J. Smith"), an abbreviation ("e.g.",
 * "Dr."), or what follows goes on in lowercase. */
static int
not_an_end(const char *s, size_t i)
{
	static const char *const abbr[] = {"e.g", "i.e", "dr", "mr", "mrs", "ms",
	    "st", "vs", "no", "fig", "approx", "cf", "al", NULL};
	size_t w = i, k = i + 1;

	while (w > 0 && !isspace((unsigned char)s[w - 1]) && s[w - 1] != '(')
		w--;
	while (s[k] == ' ' || s[k] == '\n')
		k++;
	if (islower((unsigned char)s[k]))
		return 1;
	if (i - w == 1 && isalpha((unsigned char)s[w]))
		return 1;
	for (int a = 0; abbr[a]; a++)
		if (strlen(abbr[a]) == i - w && strncasecmp(s + w, abbr[a], i - w) == 0)
			return 1;
	if (i > w && strspn(s + w, "0123456789") == i - w) {
		size_t b = 0;
		while (b < w && isspace((unsigned char)s[b]))
			b++;
		return b == w;
	}
	return 0;
}

/* The length of the sentence at s: up to and with ".", "!" or "?" and the
 * blanks after it, or all of s. */
static size_t
sentence(const char *s)
{
	size_t i = 0;

	while (s[i]) {
		if (strchr(".!?", s[i]) && (s[i + 1] == ' ' || s[i + 1] == '\n') &&
		    !(s[i] == '.' && not_an_end(s, i))) {
			i++;
			while (s[i] == ' ' || s[i] == '\n')
				i++;
			return i;
		}
		i++;
	}
	return i;
}

static void
span_text(xmlNode *text, struct count *c)
{
	const char *s = (const char *)text->content;

	if (s == NULL || strspn(s, " \t\r\n") == strlen(s))
		return;
	if (c->sentence == 0)
		c->para++;
	while (*s) {
		char id[48];
		xmlNode *span;
		size_t n = sentence(s);

		span = xmlNewNode(NULL, BAD_CAST "span");
		snprintf(id, sizeof(id), "kobo.%d.%d", c->para, ++c->sentence);
		xmlSetProp(span, BAD_CAST "class", BAD_CAST "koboSpan");
		xmlSetProp(span, BAD_CAST "id", BAD_CAST id);
		xmlAddChild(span, xmlNewTextLen(BAD_CAST s, (int)n));
		xmlAddPrevSibling(text, span);
		s += n;
	}
	xmlUnlinkNode(text);
	xmlFreeNode(text);
}

static void
walk(xmlNode *el, struct count *c)
{
	xmlNode *n, *next;

	for (n = el->children; n != NULL; n = next) {
		next = n->next;
		if (n->type == XML_TEXT_NODE) {
			span_text(n, c);
		} else if (n->type == XML_ELEMENT_NODE && !is_kobo_span(n)) {
			if (is_block(n))
				c->sentence = 0;
			walk(n, c);
			if (is_block(n))
				c->sentence = 0;
		}
	}
}

void
kepub_page(xmlDoc *doc)
{
	xmlNode *root = xmlDocGetRootElement(doc), *body = NULL, *cols, *inner;
	struct count c = {0, 0};

	for (xmlNode *n = root ? root->children : NULL; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)n->name, "body") == 0)
			body = n;
	if (body == NULL)
		return;
	walk(body, &c);
	cols = xmlNewNode(NULL, BAD_CAST "div");
	xmlSetProp(cols, BAD_CAST "id", BAD_CAST "book-columns");
	inner = xmlNewChild(cols, NULL, BAD_CAST "div", NULL);
	xmlSetProp(inner, BAD_CAST "id", BAD_CAST "book-inner");
	while (body->children != NULL) {
		xmlNode *k = body->children;
		xmlUnlinkNode(k);
		xmlAddChild(inner, k);
	}
	xmlAddChild(body, cols);
}
