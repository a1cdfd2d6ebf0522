/* html.h: raw HTML in Markdown, parsed with libxml2's HTML parser and
 * grafted into the chapter through the sanitiser.
 *
 * Each chunk (an HTML block or an inline tag) is parsed with a fresh push
 * parser that is never told the input ended, so elements a chunk opens stay
 * open: the Markdown after them becomes their content until a later chunk
 * closes them.  End tags close only elements raw HTML opened below base. */
#ifndef HBOOK_HTML_H
#define HBOOK_HTML_H

#include <stddef.h>
#include <libxml/tree.h>

struct chapter;

void html_feed(struct chapter *ch, xmlNode *base, xmlNode **cur,
    const char *html, size_t len, int line);

/* The sanitiser's verdict on an element from raw HTML. */
enum san_action {
	SAN_KEEP,                /* keep, perhaps renamed */
	SAN_UNWRAP,              /* drop the tag, keep its content */
	SAN_DROP                 /* drop the tag and its content */
};

/* Decides what becomes of element name; *out is the XHTML name to use. */
enum san_action san_element(const char *name, const char **out);

/* Copies the allowed attributes of atts (name, value pairs) to el, mapped
 * to valid XHTML.  Links and images go through links.c; returns -1 when the
 * element must go (an image that cannot be embedded, a link that cannot be
 * kept), else 0. */
int san_attributes(struct chapter *ch, xmlNode *el, const char *orig,
    const unsigned char **atts, int line);

/* Makes a chapter's tree valid XHTML content: moves or wraps children that
 * their parent may not hold (text in a <ul>, a <p> in a <table>, blocks in a
 * <p>), so what raw HTML and Markdown built together always validates.
 * Elements nested deeper than 100 levels are unwrapped first. */
void xhtml_repair(xmlNode *root);

#endif
