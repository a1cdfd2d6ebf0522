/* yaml.h: a small read-only YAML tree on top of libyaml's event parser.
 *
 * Aliases share the anchored node instead of copying it, so an alias bomb
 * ("billion laughs") costs no more than its text.  Limits, enforced in
 * yaml.c: nesting deeper than YAML_MAX_DEPTH or more than YAML_MAX_NODES
 * nodes make the document an error. */
#ifndef HBOOK_YAML_H
#define HBOOK_YAML_H

#include <stddef.h>

#define YAML_MAX_DEPTH 64
#define YAML_MAX_NODES 100000

enum ykind { Y_NULL, Y_SCALAR, Y_SEQ, Y_MAP };

struct ynode {
	enum ykind kind;
	const char *str;         /* Y_SCALAR: the text; never NULL there */
	int line;                /* 1-based, within the parsed text */
	int plain;               /* Y_SCALAR written without quotes */
	struct ynode **kids;     /* Y_SEQ: items; Y_MAP: key, value, key, ... */
	size_t nkids;
};

struct ydoc;

/* Parses text.  Returns the document (the caller frees it with ydoc_free())
 * or NULL, with *errline and a static message in *errmsg. */
struct ydoc *ydoc_parse(const char *text, size_t len, int *errline,
    const char **errmsg);
void ydoc_free(struct ydoc *d);
const struct ynode *ydoc_root(const struct ydoc *d);

/* The value of key in a mapping, or NULL.  Keys compare case-sensitively. */
const struct ynode *ymap_get(const struct ynode *map, const char *key);
/* The node as text: a scalar's string, else NULL. */
const char *ystr(const struct ynode *n);

#endif
