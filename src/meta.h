/* meta.h: front matter and hbook.yaml, read into the book model. */
#ifndef HBOOK_META_H
#define HBOOK_META_H

#include <stddef.h>

#include "book.h"

/* Where the front matter of text ends.  Front matter is a YAML mapping
 * between a first line "---" and a closing "---" or "..." line; a UTF-8 BOM,
 * CRLF line ends and trailing blanks on the fences are tolerated.  Sets
 * *yaml and *ylen to the YAML text (NULL when there is none), *body to the rest
 * and *body_line to the body's first line.  Returns 0, or -1 when the front
 * matter is never closed. */
int frontmatter_split(const char *text, size_t len, const char **yaml,
    size_t *ylen, const char **body, int *body_line);

/* Reads file, or hbook.yaml in root when file is NULL and there is one.
 * Returns 0, or -1 after an error diagnostic. */
int config_load(struct book *b, const char *file);

/* The same from text in memory (for the fuzz targets). */
int config_from_text(struct book *b, const char *text, size_t len);

/* Releases what config_load() keeps for article_load(). */
void config_free(void);

/* Reads the articles (paths relative to the root) into b, in that order,
 * with jobs threads; drafts and unreadable files are skipped (a
 * diagnostic says which), and the diagnostics come in the paths' order. */
void articles_load(struct book *b, const struct strlist *paths, int jobs);

/* The same from text in memory: path is only named, not read. */
int article_from_text(struct book *b, const char *path, const char *text,
    size_t len);

/* Reads an article's Markdown again (render_article() frees it once the
 * chapter is written; the few chapters written twice need it back).
 * Returns 0, or -1 when the file cannot be read any more. */
int article_reload_body(struct article *a);

/* Reads a category folder's _index.md into its category. */
void category_load_index(struct book *b, struct category *c, const char *path);

#endif
