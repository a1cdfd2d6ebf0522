/* include.h: other files' text where a page includes them (include.c). */
#ifndef HBOOK_INCLUDE_H
#define HBOOK_INCLUDE_H

#include <stddef.h>

struct page;

/* md, the text of pg's page, with the files it includes put in (the
 * caller frees it, *outlen its length), or NULL when it includes none.
 * (*map)[i] is the line of md (from 0) that line i of the text comes
 * from; the caller frees it. */
char *include_expand(struct page *pg, const char *md, size_t len,
    size_t *outlen, int **map);

#endif
