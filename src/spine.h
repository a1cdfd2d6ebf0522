/* spine.h: the book's documents, planned once the reading order is known:
 * their files, manifest ids, contents entries and order.  Nav, NCX,
 * package document, pack and report all walk this one list, so a page is
 * added or the front matter reordered here alone. */
#ifndef HBOOK_SPINE_H
#define HBOOK_SPINE_H

#include "book.h"

/* Plans b->docs: the cover page (when cover is set), the title page, the
 * disclaimer (when hbook.yaml has one), each section's page and what it
 * holds, in reading order, the topics index (when an article has a tag),
 * and nav.xhtml;
 * names the pages' files, and sets the book's identifier and date (from
 * source_date, SOURCE_DATE_EPOCH, when it is not -1). */
void spine_plan(struct book *b, int cover, long long source_date);

/* The first document of kind, or NULL. */
struct doc *spine_find(const struct book *b, enum doc_kind kind);

#endif
