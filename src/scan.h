/* scan.h: walks the book's folder and lists what it holds.
 *
 * Pages are the files with a page's extension (.md, .markdown, .mdx, and
 * .html or .htm where the generator makes pages of them) in one of the
 * site's content folders and below it, whose names start with neither
 * "_" nor "." (but _index.md, a section's page); folders so named hold
 * none, but those that are content folders themselves (Jekyll's _posts).
 * Every other file is listed too: pictures and documents are found among
 * them.  Folders the generator never reads (node_modules, _site, a
 * Jekyll exclude) are not walked; neither are hidden ones, but those a
 * static folder is in (.gitbook/assets).  Symbolic links are followed
 * only to regular files inside the folder; FIFOs, devices and sockets are
 * never opened.  Lists are sorted bytewise, so the order never depends on
 * the file system or the locale. */
#ifndef HBOOK_SCAN_H
#define HBOOK_SCAN_H

#include "util.h"

struct site;

struct scan {
	struct strlist articles;     /* pages, in the book's folder */
	struct strlist files;        /* every file, the same */
	struct strlist outside;      /* links that leave it: never read */
};

/* Scans root, the folder of a site described by s.  Returns 0, or -1
 * after an error diagnostic when the root is unusable or holds no page. */
int scan_root(const char *root, const struct site *s, struct scan *out);
void scan_free(struct scan *s);

/* The content folder of s that rel (in the book's folder) is in: the
 * longest that holds it; NULL when none does. */
const char *scan_content_of(const struct site *s, const char *rel);

/* Whether path (relative to root) stays inside root once symbolic links
 * are resolved.  Missing files are not inside. */
int path_inside(const char *root, const char *rel);

#endif
