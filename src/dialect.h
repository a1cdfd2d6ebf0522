/* dialect.h: site generators' block syntax (callouts, tabs, cards, MDX
 * components) rewritten as the callout quotes markdown.c renders. */
#ifndef HBOOK_DIALECT_H
#define HBOOK_DIALECT_H

#include <stddef.h>

/* md rewritten line for line (the caller frees it, *outlen its length),
 * or NULL when it holds nothing to rewrite.  mdx: the text is MDX
 * (Docusaurus), whose import and export lines go and whose components
 * <Tabs>, <TabItem> and <Admonition> are read. */
char *dialect_rewrite(const char *md, size_t len, int mdx, size_t *outlen);

#endif
