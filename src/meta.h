/* meta.h: the reading stage: pages and their front matter and titles,
 * read into the model. */
#ifndef HBOOK_META_H
#define HBOOK_META_H

#include <stddef.h>

#include "book.h"

/* Reads the pages (paths in the book's folder) into b, in that order,
 * with jobs threads; drafts, unreadable files and files the generator
 * makes no page of are skipped (a diagnostic says why when it matters),
 * and the diagnostics come in the paths' order.  An article without a
 * title takes its first level-1 heading's, else its name's. */
void articles_load(struct book *b, const struct strlist *paths, int jobs);

/* The same from text in memory: path is only named, not read.  Returns 1
 * when the article was added, 0 when it was skipped. */
int article_from_text(struct book *b, const char *path, const char *text,
    size_t len);

/* One book per language: keeps the articles in language asked (NULL:
 * the book's), and those without one, when the site is in others too,
 * with a note naming them. */
void articles_choose_language(struct book *b, const char *asked);

/* Keeps the articles in language lang (and those without one). */
void articles_keep_language(struct book *b, const char *lang);

/* Sets each article's addresses on the site, by its generator. */
void articles_address(struct book *b);

#endif
