/* sanitize.h: what raw HTML may bring into a page (the allowlist), and
 * the repair pass that makes any tree raw HTML and Markdown built together
 * valid XHTML content. */
#ifndef HBOOK_SANITIZE_H
#define HBOOK_SANITIZE_H

#include <libxml/tree.h>

struct page;

/* The sanitiser's verdict on an element from raw HTML. */
enum san_action {
	SAN_KEEP,                /* keep, perhaps renamed */
	SAN_UNWRAP,              /* drop the tag, keep its content */
	SAN_DROP                 /* drop the tag and its content */
};

/* Decides what becomes of element name; *out is the XHTML name to use. */
enum san_action san_element(const char *name, const char **out);

/* Copies the allowed attributes of atts (name, value pairs) to el, mapped
 * to valid XHTML.  Links and pictures go through the page; returns -1 when
 * the element must go (a picture that cannot be embedded, a link that
 * cannot be kept), else 0. */
int san_attributes(struct page *pg, xmlNode *el, const unsigned char **atts,
    int line);

/* Makes a page's tree valid XHTML content: moves or wraps children that
 * their parent may not hold (text in a <ul>, a <p> in a <table>, blocks in
 * a <p>).  Elements nested deeper than 100 levels are unwrapped first. */
void xhtml_repair(xmlNode *root);

#endif
