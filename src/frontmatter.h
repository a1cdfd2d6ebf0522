/* frontmatter.h: a text file read as UTF-8, its front matter split off and
 * parsed, and typed fields read from it (or from hbook.yaml) under the
 * site's own names for them. */
#ifndef HBOOK_FRONTMATTER_H
#define HBOOK_FRONTMATTER_H

#include <stddef.h>

#include "util.h"

struct input;
struct ydoc;
struct ynode;

/* Reads rel, a file of the content folder (input.h), or when rel is NULL
 * the file src the user named, as UTF-8 of at most max bytes, repairing
 * what is not UTF-8 with a warning.  Returns the text (NUL-terminated; the
 * caller frees it), or NULL after a warning naming src when it cannot be
 * read or is UTF-16. */
char *text_read(struct input *in, const char *rel, const char *src,
    size_t max, size_t *len);

/* raw (taken over) as UTF-8 text, as text_read() makes it. */
char *text_decode(const char *src, char *raw, size_t rawlen, size_t *len);

/* What front matter is written in. */
enum {
	FM_NONE,
	FM_YAML,                 /* between "---" lines (Jekyll, Hugo, ...),
	                          * or "<!--" and "-->" (Wiki.js) */
	FM_TOML,                 /* between "+++" lines (Hugo, Zola) */
	FM_JSON                  /* an object first thing (Hugo) */
};

/* Where the front matter of text ends.  A UTF-8 BOM, CRLF line ends and
 * trailing blanks on the fences are tolerated; YAML may also close with
 * "...".  Sets *fm and *fmlen to its text (NULL when there is none), *kind,
 * *body to the rest and *body_line to the body's first line.  Returns 0,
 * or -1 when the front matter is never closed. */
int frontmatter_split(const char *text, size_t len, const char **fm,
    size_t *fmlen, const char **body, int *body_line, int *kind);

/* Parses the front matter of text, the file src, whatever it is written
 * in.  Sets *doc to the document (NULL when there is none, or when it is
 * bad or not a mapping, after a warning saying what hbook did instead),
 * *body and *body_line; a second YAML block right after the first (an
 * export that wrote it twice) is skipped too.  Returns 0, or -1 when the
 * file is to be skipped. */
int frontmatter_parse(const char *src, const char *text, size_t len,
    struct ydoc **doc, const char **body, int *body_line);

/* A mapping's fields, for the readers below: hbook's field name is looked
 * for under the site's names first (aliases, from hbook.yaml "fields:";
 * the first with a value wins), then as it is.  Warnings name src, at
 * lines counted from line0. */
struct fields {
	const struct ynode *map;
	const struct ynode *aliases;
	const char *src;
	int line0;
};

const struct ynode *field_node(const struct fields *f, const char *name);
/* A text: NULL when absent, empty, null or not text (with a warning for
 * the last two).  The caller frees it. */
char *field_text(const struct fields *f, const char *name);
/* One text or a list of texts, appended to out (lists of {url: ...}
 * mappings give their url). */
void field_list(const struct fields *f, const char *name,
    struct strlist *out);
/* A date, normalised to YYYY-MM-DD; NULL with a warning when it is none. */
char *field_date(const struct fields *f, const char *name);
/* A whole number: 1 and *out, or 0 when absent or not one (a warning). */
int field_long(const struct fields *f, const char *name, long *out);
/* true, True or yes. */
int field_bool(const struct fields *f, const char *name);

#endif
