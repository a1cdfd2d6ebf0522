/* rawhtml.c: raw HTML chunks into the page, through SAX events. */
#include "rawhtml.h"

#include <stdlib.h>
#include <string.h>
#include <libxml/HTMLparser.h>

#include "dom.h"
#include "markdown.h"
#include "page.h"
#include "sanitize.h"
#include "text.h"
#include "util.h"

/* Raw HTML nested deeper than this is flattened: its content joins the
 * element at that depth.  Bounds the repair pass's recursion. */
#define HTML_MAX_DEPTH 100

struct feed {
	struct page *pg;
	xmlNode *base;
	xmlNode **cur;
	int line;
	int priming;             /* replaying open elements: events ignored */
	int skip;                /* inside a dropped element: its depth */
	const xmlChar *skipname;
	htmlParserCtxtPtr parser;
	const char *html;        /* the chunk, for markdown="1" content */
	size_t len;
	long primed;             /* bytes fed before the chunk */
	xmlNode *md_el;          /* element whose content is Markdown */
	const xmlChar *md_name;
	int md_nest;
	size_t md_start;
};

/* kramdown's markdown="1" may nest; each level renders recursively. */
#define HTML_MAX_MARKDOWN_NEST 4

static int
wants_markdown(const xmlChar **atts)
{
	for (int i = 0; atts != NULL && atts[i] != NULL; i += 2)
		if (xmlStrcasecmp(atts[i], BAD_CAST "markdown") == 0 &&
		    (atts[i + 1] == NULL || xmlStrEqual(atts[i + 1], BAD_CAST "") ||
		    xmlStrEqual(atts[i + 1], BAD_CAST "markdown") ||
		    xmlStrEqual(atts[i + 1], BAD_CAST "1") ||
		    xmlStrEqual(atts[i + 1], BAD_CAST "block") ||
		    xmlStrEqual(atts[i + 1], BAD_CAST "span")))
			return 1;
	return 0;
}

/* s without the indentation all its lines share: HTML nests by
 * indenting, and indented lines would be code to Markdown.  The caller
 * frees the result. */
static char *
dedent(const char *s, size_t len, size_t *outlen)
{
	size_t min = (size_t)-1, i = 0;
	struct buf b = {0};

	while (i < len) {
		size_t k = 0;
		while (i + k < len && (s[i + k] == ' ' || s[i + k] == '\t'))
			k++;
		if (i + k < len && s[i + k] != '\n' && s[i + k] != '\r' && k < min)
			min = k;
		while (i < len && s[i] != '\n')
			i++;
		i++;
	}
	buf_add(&b, "", 0);
	for (i = 0; i < len;) {
		size_t k = 0;
		while (k < min && i + k < len && (s[i + k] == ' ' || s[i + k] == '\t'))
			k++;
		i += k;
		while (i < len && s[i] != '\n')
			buf_addc(&b, s[i++]);
		if (i < len)
			buf_addc(&b, s[i++]);
	}
	*outlen = b.len;
	return buf_steal(&b);
}

/* Renders the Markdown content of f->md_el, html[f->md_start..end). */
static void
render_markdown(struct feed *f, size_t end)
{
	if (end > f->md_start && f->pg->markdown_nest < HTML_MAX_MARKDOWN_NEST) {
		size_t n;
		char *md = dedent(f->html + f->md_start, end - f->md_start, &n);
		f->pg->markdown_nest++;
		md_render(f->pg, f->md_el, md, n);
		f->pg->markdown_nest--;
		free(md);
	}
	f->md_el = NULL;
	f->md_nest = 0;
}

/* Where the parser is in the chunk. */
static size_t
offset(struct feed *f)
{
	long n = xmlByteConsumed(f->parser) - f->primed;

	if (n < 0)
		return 0;
	return (size_t)n > f->len ? f->len : (size_t)n;
}

/* Raw-HTML elements remember the tag they came from in _private (a static
 * string from the sanitiser's table), so a later end tag finds them. */
static const char *
origin(const xmlNode *n)
{
	return n->_private != NULL ? n->_private : NULL;
}

/* An <iframe> of a web page or video, which a book cannot show: a
 * paragraph with a link to it, "Video: title" where it is one. */
static void
embed_link(struct feed *f, const xmlChar **atts)
{
	const char *src = NULL, *title = NULL;
	const xmlChar *la[3];
	xmlNode *p, *a;
	char *href;

	for (int i = 0; atts != NULL && atts[i] != NULL; i += 2) {
		if (xmlStrcasecmp(atts[i], BAD_CAST "src") == 0)
			src = (const char *)atts[i + 1];
		else if (xmlStrcasecmp(atts[i], BAD_CAST "title") == 0)
			title = (const char *)atts[i + 1];
	}
	if (src == NULL || (strncmp(src, "https://", 8) != 0 &&
	    strncmp(src, "http://", 7) != 0))
		return;
	href = embed_address(src);
	p = el_new(*f->cur, "p");
	xmlSetProp(p, BAD_CAST "class", BAD_CAST "embed");
	append_text(p, embed_is_video(href) ? "Video: " : "Embedded page: ",
	    embed_is_video(href) ? 7 : 15);
	a = el_new(NULL, "a");
	la[0] = BAD_CAST "href";
	la[1] = BAD_CAST href;
	la[2] = NULL;
	if (san_attributes(f->pg, a, la, f->line) == 0) {
		xmlAddChild(p, a);
		append_text(a, title && *title ? title : href,
		    strlen(title && *title ? title : href));
	} else {
		xmlFreeNode(a);
		append_text(p, href, strlen(href));
	}
	free(href);
}

static void
on_start(void *ctx, const xmlChar *name, const xmlChar **atts)
{
	struct feed *f = ctx;
	const char *out;
	enum san_action act;
	xmlNode *el;

	if (f->priming)
		return;
	if (f->md_el != NULL) {
		if (xmlStrEqual(name, f->md_name))
			f->md_nest++;
		return;
	}
	if (f->skip) {
		if (xmlStrEqual(name, f->skipname))
			f->skip++;
		return;
	}
	act = san_element((const char *)name, &out);
	if (act == SAN_DROP && xmlStrcasecmp(name, BAD_CAST "iframe") == 0)
		embed_link(f, atts);
	if (act == SAN_DROP) {
		f->skip = 1;
		f->skipname = name;
		return;
	}
	if (act == SAN_UNWRAP)
		return;
	{
		/* deeper raw HTML than this is flattened into its ancestor */
		int depth = 0;
		for (xmlNode *n = *f->cur; n != NULL && depth < HTML_MAX_DEPTH;
		    n = n->parent)
			depth++;
		if (depth >= HTML_MAX_DEPTH && strcmp(out, "img") != 0 &&
		    strcmp(out, "br") != 0)
			return;
	}
	el = xmlNewNode(NULL, BAD_CAST out);
	el->_private = (void *)out;
	if (san_attributes(f->pg, el, atts, f->line) < 0) {
		/* an image that cannot be embedded leaves its alt text */
		for (int i = 0; atts != NULL && atts[i] != NULL; i += 2)
			if (strcmp(out, "img") == 0 && atts[i + 1] != NULL &&
			    xmlStrcasecmp(atts[i], BAD_CAST "alt") == 0)
				append_text(*f->cur, (const char *)atts[i + 1],
				    strlen((const char *)atts[i + 1]));
		xmlFreeNode(el);
		return;
	}
	xmlAddChild(*f->cur, el);
	/* void elements get their end event at once from the parser */
	*f->cur = el;
	if (wants_markdown(atts)) {
		/* kramdown: the content is Markdown, up to the end tag */
		f->md_el = el;
		f->md_name = name;
		f->md_nest = 1;
		f->md_start = offset(f);
		/* the parser reports the tag before it passes its ">" */
		while (f->md_start < f->len && f->html[f->md_start] != '>')
			f->md_start++;
		if (f->md_start < f->len)
			f->md_start++;
	}
}

static void
on_end(void *ctx, const xmlChar *name)
{
	struct feed *f = ctx;
	const char *out;
	xmlNode *n;

	if (f->priming)
		return;
	if (f->md_el != NULL) {
		size_t end;
		if (!xmlStrEqual(name, f->md_name) || --f->md_nest > 0)
			return;
		/* the end tag's "<" ends the Markdown */
		end = offset(f);
		while (end > f->md_start && f->html[end - 1] != '<')
			end--;
		render_markdown(f, end > f->md_start ? end - 1 : end);
		/* then the element closes, below */
	}
	if (f->skip) {
		if (xmlStrEqual(name, f->skipname) && --f->skip == 0)
			f->skipname = NULL;
		return;
	}
	if (san_element((const char *)name, &out) != SAN_KEEP)
		return;
	for (n = *f->cur; n != NULL && n != f->base; n = n->parent) {
		if (origin(n) != NULL && strcmp(origin(n), out) == 0) {
			*f->cur = n->parent;
			return;
		}
	}
	/* a stray end tag: nothing to close */
}

static void
on_text(void *ctx, const xmlChar *s, int len)
{
	struct feed *f = ctx;

	if (f->priming || f->skip || f->md_el != NULL || len <= 0)
		return;
	append_text(*f->cur, (const char *)s, (size_t)len);
}

static void
on_rawtext(void *ctx, const xmlChar *s, int len)
{
	/* script and style bodies: never part of the book */
	(void)ctx;
	(void)s;
	(void)len;
}

static void
on_error(void *ctx, xmlErrorPtr e)
{
	/* raw HTML is repaired, not reported: the sanitiser decides */
	(void)ctx;
	(void)e;
}

/* Replays the tags of the raw-HTML elements open between base and cur, so
 * the parser knows them and passes their end tags on. */
static void
prime(htmlParserCtxtPtr p, const xmlNode *base, const xmlNode *cur)
{
	const char *names[64];
	int n = 0;

	for (; cur != NULL && cur != base && n < 64; cur = cur->parent)
		if (origin(cur) != NULL)
			names[n++] = origin(cur);
	while (n-- > 0) {
		char tag[64];
		int k = snprintf(tag, sizeof(tag), "<%s>", names[n]);
		htmlParseChunk(p, tag, k, 0);
	}
}

void
html_feed(struct page *pg, xmlNode *base, xmlNode **cur, const char *html,
    size_t len, int line)
{
	static const char flush[] = "<!---->";
	xmlSAXHandler sax;
	htmlParserCtxtPtr p;
	struct feed f = {0};

	{
		/* CDATA sections, processing instructions and declarations are
		 * never content in HTML (a browser shows nothing), but libxml2's
		 * HTML parser would pass them on as text */
		size_t i = 0;
		while (i < len && (html[i] == ' ' || html[i] == '\t' ||
		    html[i] == '\n'))
			i++;
		/* cppcheck-suppress knownConditionTrueFalse ; false: i stops at
		 * the first non-blank, which may be well before len */
		if (len - i >= 2 && html[i] == '<' && (html[i + 1] == '?' ||
		    (html[i + 1] == '!' && (len - i < 4 ||
		    strncmp(html + i, "<!--", 4) != 0))))
			return;
	}
	memset(&sax, 0, sizeof(sax));
	sax.initialized = 1;
	sax.startElement = on_start;
	sax.endElement = on_end;
	sax.characters = on_text;
	sax.ignorableWhitespace = on_text;
	sax.cdataBlock = on_rawtext;
	sax.serror = on_error;
	f.pg = pg;
	f.base = base;
	f.cur = cur;
	f.line = line;
	p = htmlCreatePushParserCtxt(&sax, &f, NULL, 0, NULL,
	    XML_CHAR_ENCODING_UTF8);
	if (p == NULL)
		return;
	htmlCtxtUseOptions(p, HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
	    HTML_PARSE_NONET);
	f.parser = p;
	f.html = html;
	f.len = len;
	f.priming = 1;
	prime(p, base, *cur);
	/* cppcheck-suppress redundantAssignment ; the SAX callbacks that
	 * prime() sets off read f.priming through the parser's user data */
	f.priming = 0;
	f.primed = xmlByteConsumed(p);
	/* the parser takes an int length: feed huge chunks in pieces */
	while (len > 0) {
		int n = len > (1 << 30) ? (1 << 30) : (int)len;
		htmlParseChunk(p, html, n, 0);
		html += n;
		len -= (size_t)n;
	}
	/* a complete comment makes the parser pass on text it holds back */
	htmlParseChunk(p, flush, (int)sizeof(flush) - 1, 0);
	if (f.md_el != NULL)
		render_markdown(&f, f.len);   /* never closed: all the rest */
	htmlFreeParserCtxt(p);
}
