/* meta.h: the reading stage: articles and their front matter, titles, and
 * the categories' _index.md, read into the model. */
#ifndef HBOOK_META_H
#define HBOOK_META_H

#include <stddef.h>

#include "book.h"

/* Reads the articles (paths in the pages folder) into b, in that order,
 * with jobs threads; drafts and unreadable files are skipped (a diagnostic
 * says which), and the diagnostics come in the paths' order.  An article
 * without a title takes its first level-1 heading's, else its name's. */
void articles_load(struct book *b, const struct strlist *paths, int jobs);

/* The same from text in memory: path is only named, not read.  Returns 1
 * when the article was added, 0 when it was skipped. */
int article_from_text(struct book *b, const char *path, const char *text,
    size_t len);

/* Keeps the articles in language lang (and those without one). */
void articles_keep_language(struct book *b, const char *lang);

/* Reads each category folder's _index.md (paths in the pages folder) into
 * a category of b: its title, description, weight and introduction. */
void categories_load(struct book *b, const struct strlist *indexes);

#endif
