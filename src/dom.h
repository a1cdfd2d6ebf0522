/* dom.h: the leaf every XML document of the book is built on: elements,
 * text and attributes made safe for XML 1.0, and the one serialiser. */
#ifndef HBOOK_DOM_H
#define HBOOK_DOM_H

#include <stddef.h>
#include <libxml/tree.h>

/* Starts libxml2 with no loader of external entities: call before any
 * thread parses. */
void dom_init(void);

/* A new element appended to parent (NULL: unattached). */
xmlNode *el_new(xmlNode *parent, const char *name);

/* A copy of s with what XML cannot hold (invalid UTF-8, C0 controls but
 * tab, LF and CR, U+FFFE and U+FFFF) replaced by U+FFFD.  The caller
 * frees it. */
char *xml_clean(const char *s, size_t len);

/* Appends text to parent, and sets an attribute, through xml_clean() when
 * the text needs it. */
void append_text(xmlNode *parent, const char *s, size_t len);
void set_attr(xmlNode *el, const char *name, const char *value);

enum {
	DOM_INDENT = 1,          /* indent (the package document) */
	DOM_XHTML = 2            /* empty non-void elements get an end tag */
};

/* Writes doc as UTF-8 XML with its declaration into *out (the caller
 * frees it) and frees doc.  Every XML file of the book is written here.
 * DOM_XHTML writes <a id="x"></a>, not <a id="x"/>: HTML parsers (Kindle's
 * conversion, kepub tools) read the latter as an open tag. */
void dom_write(xmlDoc *doc, int flags, char **out, size_t *len);

#endif
