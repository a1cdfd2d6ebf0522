/* config.h: hbook.yaml (or --config) read into the book's settings. */
#ifndef HBOOK_CONFIG_H
#define HBOOK_CONFIG_H

#include <stddef.h>

#include "book.h"

/* Reads file, or hbook.yaml in b's content folder when file is NULL and
 * there is one, into b->cfg, and settles what the rest relies on: the
 * pages folder normalised (inside the content folder), a language, a
 * title.  Returns 0, or -1 after an error diagnostic. */
int config_load(struct book *b, const char *file);

/* The same from text in memory (for the fuzz targets). */
int config_from_text(struct book *b, const char *text, size_t len);

#endif
