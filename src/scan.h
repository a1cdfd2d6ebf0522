/* scan.h: walks the content folder and lists what it holds.
 *
 * Articles are the *.md files below the root whose names start with
 * neither "_" nor "."; folders so named are skipped too.  A first-level
 * folder's _index.md describes its category.  Symbolic links are followed
 * only to regular files inside the root; FIFOs, devices and sockets are
 * never opened.  Lists are sorted bytewise, so the order never depends on
 * the file system or the locale. */
#ifndef HBOOK_SCAN_H
#define HBOOK_SCAN_H

#include "util.h"

struct scan {
	struct strlist articles;     /* paths relative to the root */
	struct strlist indexes;      /* "<folder>/_index.md" */
};

/* Returns 0, or -1 after an error diagnostic when the root is unusable. */
int scan_root(const char *root, struct scan *out);
void scan_free(struct scan *s);

/* Whether path (relative to root) stays inside root once symbolic links
 * are resolved.  Missing files are not inside. */
int path_inside(const char *root, const char *rel);

#endif
