/* yaml.h: YAML (front matter, hbook.yaml, mkdocs.yml, _config.yml) into
 * the document tree (tree.h), on top of libyaml's event parser.
 *
 * Aliases share the anchored node instead of copying it, so an alias bomb
 * ("billion laughs") costs no more than its text. */
#ifndef HBOOK_YAML_H
#define HBOOK_YAML_H

#include <stddef.h>

#include "tree.h"

/* Parses text.  Returns the document (the caller frees it with ydoc_free())
 * or NULL, with *errline and a static message in *errmsg. */
struct ydoc *ydoc_parse(const char *text, size_t len, int *errline,
    const char **errmsg);

#endif
