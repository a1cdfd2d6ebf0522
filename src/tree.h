/* tree.h: the tree every reader of settings and front matter builds, so
 * what reads it never knows the syntax: YAML (yaml.c), TOML (toml.c),
 * JavaScript object literals (jslit.c).
 *
 * Limits, enforced by the readers: nesting deeper than TREE_MAX_DEPTH or
 * more than TREE_MAX_NODES nodes make the document an error. */
#ifndef HBOOK_TREE_H
#define HBOOK_TREE_H

#include <stddef.h>

#define TREE_MAX_DEPTH 64
#define TREE_MAX_NODES 100000

enum ykind { Y_NULL, Y_SCALAR, Y_SEQ, Y_MAP };

/* What a scalar was written as: TOML and JSON say; YAML's plain scalars
 * are untyped. */
enum ytype {
	Y_UNTYPED,               /* YAML plain: "10", "true", "2024-01-02" */
	Y_STRING,
	Y_INTEGER,
	Y_FLOAT,
	Y_BOOL,
	Y_DATETIME,              /* with an offset */
	Y_DATETIME_LOCAL,
	Y_DATE_LOCAL,
	Y_TIME_LOCAL
};

struct ynode {
	enum ykind kind;
	enum ytype type;         /* Y_SCALAR's */
	const char *str;         /* Y_SCALAR: the text; never NULL there */
	size_t len;              /* its length (TOML's may hold a NUL) */
	int line;                /* 1-based, within the parsed text */
	int plain;               /* Y_SCALAR not written as a string */
	int flags;               /* the reader's own, while it reads */
	struct ynode **kids;     /* Y_SEQ: items; Y_MAP: key, value, key, ... */
	size_t nkids;
};

struct ydoc;

/* An empty document; the caller frees it with ydoc_free(). */
struct ydoc *ydoc_new(void);
void ydoc_free(struct ydoc *d);
const struct ynode *ydoc_root(const struct ydoc *d);
void ydoc_set_root(struct ydoc *d, struct ynode *root);
/* The nodes made so far, for the readers' limit. */
size_t ydoc_count(const struct ydoc *d);

/* A new node of d (freed with it); a scalar's text is copied. */
struct ynode *ynode_new(struct ydoc *d, enum ykind kind, int line);
struct ynode *ynode_scalar(struct ydoc *d, const char *s, size_t len,
    enum ytype type, int line);
void ynode_add(struct ynode *parent, struct ynode *kid);

/* The value of key in a mapping, or NULL.  Keys compare case-sensitively;
 * the last of duplicate keys wins. */
const struct ynode *ymap_get(const struct ynode *map, const char *key);
/* The node as text: a scalar's string, else NULL. */
const char *ystr(const struct ynode *n);

#endif
