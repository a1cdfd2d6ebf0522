/* tree.c: the document tree the readers build. */
#include "tree.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

struct ydoc {
	struct ynode **pool;        /* every node, for freeing */
	size_t npool, cappool;
	struct ynode *root;
};

struct ydoc *
ydoc_new(void)
{
	return xcalloc(1, sizeof(struct ydoc));
}

struct ynode *
ynode_new(struct ydoc *d, enum ykind kind, int line)
{
	struct ynode *n = xcalloc(1, sizeof(*n));

	n->kind = kind;
	n->line = line;
	if (d->npool == d->cappool) {
		d->cappool = d->cappool ? d->cappool * 2 : 32;
		d->pool = xrealloc(d->pool, d->cappool * sizeof(*d->pool));
	}
	d->pool[d->npool++] = n;
	return n;
}

struct ynode *
ynode_scalar(struct ydoc *d, const char *s, size_t len, enum ytype type,
    int line)
{
	struct ynode *n = ynode_new(d, Y_SCALAR, line);

	n->str = xstrndup(s, len);
	n->len = len;
	n->type = type;
	n->plain = type != Y_STRING;
	return n;
}

void
ynode_add(struct ynode *parent, struct ynode *kid)
{
	/* grow by powers of two: nkids is the only size we keep */
	if ((parent->nkids & (parent->nkids - 1)) == 0)
		parent->kids = xrealloc(parent->kids,
		    (parent->nkids ? parent->nkids * 2 : 1) * sizeof(*parent->kids));
	parent->kids[parent->nkids++] = kid;
}

void
ydoc_free(struct ydoc *d)
{
	if (d == NULL)
		return;
	for (size_t i = 0; i < d->npool; i++) {
		if (d->pool[i]->kind == Y_SCALAR)
			free((char *)d->pool[i]->str);
		free(d->pool[i]->kids);
		free(d->pool[i]);
	}
	free(d->pool);
	free(d);
}

const struct ynode *
ydoc_root(const struct ydoc *d)
{
	return d->root;
}

void
ydoc_set_root(struct ydoc *d, struct ynode *root)
{
	d->root = root;
}

size_t
ydoc_count(const struct ydoc *d)
{
	return d->npool;
}

const struct ynode *
ymap_get(const struct ynode *map, const char *key)
{
	const struct ynode *found = NULL;

	if (map == NULL || map->kind != Y_MAP)
		return NULL;
	for (size_t i = 0; i + 1 < map->nkids; i += 2)
		if (map->kids[i]->kind == Y_SCALAR &&
		    strcmp(map->kids[i]->str, key) == 0)
			found = map->kids[i + 1];
	return found;
}

const char *
ystr(const struct ynode *n)
{
	return n != NULL && n->kind == Y_SCALAR ? n->str : NULL;
}
