/* report.h: --report, what became of every link, picture and related
 * article, as a table a site owner can act on. */
#ifndef HBOOK_REPORT_H
#define HBOOK_REPORT_H

#include <stddef.h>

struct report;

/* The caller frees it with report_free(). */
struct report *report_new(void);
void report_free(struct report *r);

/* Adds a row: target (as written) of the given kind, on line of file src
 * (kept, not copied), in the document at place order of the book, and what
 * became of it.  Returns the row's number for report_set().  Safe from
 * several threads; the rows of one document keep the order they came in.
 * With r NULL, nothing is kept. */
size_t report_add(struct report *r, size_t order, const char *src, int line,
    const char *kind, const char *target, const char *outcome);

/* Replaces what became of row n (a link settled once every page's ids are
 * known). */
void report_set(struct report *r, size_t n, const char *outcome);

/* Writes the rows to path (by output.h's rule, for b's export) as
 * tab-separated values in reading order: article, line, kind, target,
 * outcome; a tab, line end, backslash or other control character in a
 * field is written escaped (\t, \n, \\, \x1b).  Returns 0, or -1 after
 * an error diagnostic. */
struct book;
int report_write(struct report *r, const struct book *b, const char *path);

#endif
