/* config.h: hbook.yaml (or --config) read into the book's settings. */
#ifndef HBOOK_CONFIG_H
#define HBOOK_CONFIG_H

#include <stddef.h>

#include "book.h"

/* Reads file, or hbook.yaml in b's content folder when file is NULL and
 * there is one, into b->cfg; pages and static folders normalised (inside
 * the content folder).  Returns 0, or -1 after an error diagnostic. */
int config_load(struct book *b, const char *file);

/* Settles the settings once the site's generator is known (b->site):
 * what hbook.yaml says wins, then what the site's configuration says, then
 * the defaults (English, the folder's name as the title).  hbook.yaml's
 * pages and static folders replace the site's. */
void config_settle(struct book *b);

/* The same from text in memory (for the fuzz targets). */
int config_from_text(struct book *b, const char *text, size_t len);

#endif
