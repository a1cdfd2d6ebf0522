/* generator.h: Hugo, Jekyll (Liquid) and Zola template syntax in Markdown
 * (see generator.c). */
#ifndef HBOOK_GENERATOR_H
#define HBOOK_GENERATOR_H

#include <stddef.h>

struct page;

/* Returns md with the template syntax of syntax (SYNTAX_TEMPLATES or
 * SYNTAX_ZOLA, page.h) done (the caller frees it, *outlen its length), or
 * NULL when md has none.  Warnings go to pg's file, with lines counted
 * from line0; pg may be NULL for silence. */
char *generators_expand(const char *md, size_t len, int syntax,
    struct page *pg, int line0, size_t *outlen);

#endif
