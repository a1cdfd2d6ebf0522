/* gfm.h: which of cmark-gfm's GFM extensions a text needs. */
#ifndef HBOOK_GFM_H
#define HBOOK_GFM_H

#include <stddef.h>

struct cmark_parser;

/* The extensions, in the order md_attach() attaches them. */
enum {
	MD_TABLE = 1 << 0,
	MD_STRIKETHROUGH = 1 << 1,
	MD_AUTOLINK = 1 << 2,
	MD_TASKLIST = 1 << 3
};

/* The extensions text (n bytes, the Markdown as cmark-gfm is fed it) can
 * use. */
unsigned md_extensions(const char *text, size_t n);

/* Attaches to p the extensions text can use, and returns them. */
unsigned md_attach(struct cmark_parser *p, const char *text, size_t n);

#endif
