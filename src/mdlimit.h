/* mdlimit.h: limits on Markdown before it is parsed (see mdlimit.c). */
#ifndef HBOOK_MDLIMIT_H
#define HBOOK_MDLIMIT_H

#include <stddef.h>

#include "util.h"

#define MD_MAX_MARKERS 20
#define MD_MAX_BLOCK (32 * 1024)

/* Returns md with the limits applied (the caller frees it, *outlen its
 * length), or NULL when md is within them.  Warnings name src and the
 * line, counted from line0. */
char *md_limit(const char *md, size_t len, const char *src, int line0,
    size_t *outlen);

#endif
