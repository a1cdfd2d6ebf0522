/* dom.c: elements, text and attributes made safe for XML, and the one
 * serialiser. */
#include "dom.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlsave.h>

#include "text.h"
#include "util.h"

/* Every XML file hbook reads is read whole from its own bytes: an
 * entity, DTD or XInclude naming another file or an address gets
 * nothing. */
static xmlParserInputPtr
no_entities(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	(void)url;
	(void)id;
	(void)ctxt;
	return NULL;
}

void
dom_init(void)
{
	xmlInitParser();
	xmlSetExternalEntityLoader(no_entities);
}

xmlNode *
el_new(xmlNode *parent, const char *name)
{
	xmlNode *n = xmlNewNode(NULL, BAD_CAST name);

	if (parent != NULL)
		xmlAddChild(parent, n);
	return n;
}

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


static int
dump_write(void *ctx, const char *data, int len)
{
	buf_add(ctx, data, (size_t)len);
	return len;
}

/* Gives the text nodes below root that hold none of the characters
 * libxml2 escapes in text (< > & and CR, as &#13;) its own name for text
 * written as it is, xmlStringTextNoenc (XSLT's disable-output-escaping),
 * so xmlSaveDoc() copies them instead of escaping them byte by byte: that
 * took a third of a chapter's serialising.  The bytes are the same.  The
 * document is freed once written: a text node added next to a marked one
 * would join it unescaped, and walking the tree again to unmark them took
 * as long as marking. */
static void
mark_plain(xmlNode *root)
{
	xmlNode *n = root;

	while (n != NULL) {
		if (n->type == XML_TEXT_NODE && n->content != NULL &&
		    n->name == xmlStringText && n->content[strcspn(
		    (const char *)n->content, "<>&\r")] == '\0')
			n->name = xmlStringTextNoenc;
		if (n->type == XML_ELEMENT_NODE && n->children != NULL) {
			n = n->children;
			continue;
		}
		while (n != root && n->next == NULL)
			n = n->parent;
		n = n == root ? NULL : n->next;
	}
}

void
dom_write(xmlDoc *doc, int flags, char **out, size_t *len)
{
	struct buf b = {0};
	xmlSaveCtxtPtr save;
	xmlNode *root = xmlDocGetRootElement(doc);

	/* The document says UTF-8 and no output encoding is named: libxml2
	 * then writes its UTF-8 as it is.  Naming "utf-8" to
	 * xmlDocDumpMemoryEnc() put every byte through its UTF-8 to UTF-8
	 * converter.  The bytes go to a buf, which doubles as it grows: an
	 * xmlBuffer grows to the exact size at each write, quadratic for a
	 * 100 MB chapter. */
	xmlFree((xmlChar *)doc->encoding);
	doc->encoding = xmlStrdup(BAD_CAST "utf-8");
	buf_add(&b, "", 0);
	save = xmlSaveToIO(dump_write, NULL, &b, NULL, XML_SAVE_AS_XML |
	    ((flags & DOM_INDENT) ? XML_SAVE_FORMAT : 0));
	if (save == NULL)
		xoom();
	if (flags & DOM_XHTML)
		fill_empty(root);
	mark_plain(root);
	xmlSaveDoc(save, doc);
	xmlSaveClose(save);
	xmlFreeDoc(doc);
	*len = b.len;
	*out = buf_steal(&b);
}

/* Whether s holds a character XML cannot: a C0 control other than tab,
 * LF and CR, or U+FFFE or U+FFFF (EF BF BE, EF BF BF). */
static int
has_bad_chars(const char *s, size_t len)
{
	for (size_t i = 0; i + 2 < len; i++)
		if ((unsigned char)s[i] == 0xEF && (unsigned char)s[i + 1] == 0xBF &&
		    ((unsigned char)s[i + 2] & 0xFE) == 0xBE)
			return 1;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
			return 1;
	}
	return 0;
}

char *
xml_clean(const char *s, size_t len)
{
	struct buf b = {0};
	size_t i, start = 0;
	char *fixed = NULL;

	/* The input was checked, but cmark-gfm can split a UTF-8 sequence
	 * (seen with long footnote labels, found by fuzzing): check again. */
	if (!utf8_valid(s, len)) {
		int bad;
		fixed = utf8_repair(s, len, &len, &bad);
		s = fixed;
	}
	/* XML 1.0 cannot hold C0 controls other than tab, LF and CR, nor
	 * U+FFFE and U+FFFF: they become U+FFFD.  Entities (&#4;) and raw
	 * HTML can bring them back after the input was checked. */
	buf_add(&b, "", 0);
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		int bad = (c < 0x20 && c != '\t' && c != '\n' && c != '\r') ||
		    (c == 0xEF && i + 2 < len &&
		    (unsigned char)s[i + 1] == 0xBF &&
		    ((unsigned char)s[i + 2] == 0xBE ||
		    (unsigned char)s[i + 2] == 0xBF));
		if (bad) {
			buf_add(&b, s + start, i - start);
			buf_adds(&b, "\xEF\xBF\xBD");
			if (c == 0xEF)
				i += 2;
			start = i + 1;
		}
	}
	buf_add(&b, s + start, len - start);
	free(fixed);
	return buf_steal(&b);
}

/* Whether s needs xml_clean(): it is not UTF-8, or holds a character XML
 * cannot.  Most text does not, and is used as it is. */
static int
needs_clean(const char *s, size_t len)
{
	const uint64_t spaces = 0x2020202020202020u, highs = 0x8080808080808080u;

	for (size_t i = 0; i < len; i++) {
		unsigned char c;
		uint64_t v;

		/* eight bytes at a time while all are printable ASCII */
		while (len - i >= 8 && (memcpy(&v, s + i, 8),
		    ((v - spaces) | v) & highs) == 0)
			i += 8;
		if (i == len)
			break;
		c = (unsigned char)s[i];
		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
			return 1;
		if (c >= 0x80)
			return !utf8_valid(s + i, len - i) || has_bad_chars(s + i, len - i);
	}
	return 0;
}

void
append_text(xmlNode *parent, const char *s, size_t len)
{
	char *t;

	if (len == 0)
		return;
	if (!needs_clean(s, len)) {
		xmlAddChild(parent, xmlNewTextLen(BAD_CAST s, (int)len));
		return;
	}
	t = xml_clean(s, len);
	xmlAddChild(parent, xmlNewTextLen(BAD_CAST t, (int)strlen(t)));
	free(t);
}

void
set_attr(xmlNode *el, const char *name, const char *value)
{
	char *t;

	if (!needs_clean(value, strlen(value))) {
		xmlSetProp(el, BAD_CAST name, BAD_CAST value);
		return;
	}
	t = xml_clean(value, strlen(value));
	xmlSetProp(el, BAD_CAST name, BAD_CAST t);
	free(t);
}
