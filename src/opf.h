/* opf.h: the package document and META-INF/container.xml. */
#ifndef HBOOK_OPF_H
#define HBOOK_OPF_H

#include <stddef.h>

#include "book.h"

/* Sets b->opf: metadata, manifest and spine.  Call last: it lists every
 * page and resource. */
void opf_build(struct book *b);

/* META-INF/container.xml.  The caller frees it. */
char *container_xml(size_t *len);

#endif
