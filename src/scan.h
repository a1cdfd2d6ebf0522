/* scan.h: walks the content folder and lists what it holds.
 *
 * Articles are the *.md files in the pages folder (hbook.yaml pages:, the
 * content folder itself by default) and below it, whose names start with
 * neither "_" nor "."; folders so named hold none.  A first-level folder's
 * _index.md describes its category.  Every other file of the content
 * folder is listed too: pictures and documents are found among them.
 * Symbolic links are followed only to regular files inside the content
 * folder; FIFOs, devices and sockets are never opened.  Lists are sorted
 * bytewise, so the order never depends on the file system or the locale. */
#ifndef HBOOK_SCAN_H
#define HBOOK_SCAN_H

#include "util.h"

struct scan {
	struct strlist articles;     /* paths in the pages folder */
	struct strlist indexes;      /* "<folder>/_index.md", the same */
	struct strlist files;        /* every file, in the content folder */
	struct strlist outside;      /* links that leave it: never read */
};

/* Scans root, whose pages are in its folder pages ("" for root itself).
 * Returns 0, or -1 after an error diagnostic when the root is unusable or
 * holds no article. */
int scan_root(const char *root, const char *pages, struct scan *out);
void scan_free(struct scan *s);

/* Whether path (relative to root) stays inside root once symbolic links
 * are resolved.  Missing files are not inside. */
int path_inside(const char *root, const char *rel);

#endif
