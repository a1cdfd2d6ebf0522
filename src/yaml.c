/* yaml.c: builds the ynode tree from libyaml events. */
#include "yaml.h"

#include <string.h>
#include <yaml.h>

#include "util.h"

struct anchor {
	char *name;
	struct ynode *node;
};

struct ydoc {
	struct ynode **pool;        /* every node, for freeing */
	size_t npool, cappool;
	struct anchor *anchors;
	size_t nanchors, capanchors;
	struct ynode *root;
};

static struct ynode *
node_new(struct ydoc *d, enum ykind kind, int line)
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

static void
kid_add(struct ynode *parent, struct ynode *kid)
{
	/* grow by powers of two: nkids is the only size we keep */
	if ((parent->nkids & (parent->nkids - 1)) == 0)
		parent->kids = xrealloc(parent->kids,
		    (parent->nkids ? parent->nkids * 2 : 1) * sizeof(*parent->kids));
	parent->kids[parent->nkids++] = kid;
}

static void
anchor_set(struct ydoc *d, const unsigned char *name, struct ynode *n)
{
	if (name == NULL)
		return;
	if (d->nanchors == d->capanchors) {
		d->capanchors = d->capanchors ? d->capanchors * 2 : 8;
		d->anchors = xrealloc(d->anchors,
		    d->capanchors * sizeof(*d->anchors));
	}
	d->anchors[d->nanchors].name = xstrdup((const char *)name);
	d->anchors[d->nanchors++].node = n;
}

static struct ynode *
anchor_get(struct ydoc *d, const unsigned char *name)
{
	/* the newest definition of a name wins, as YAML says */
	for (size_t i = d->nanchors; i-- > 0;)
		if (strcmp(d->anchors[i].name, (const char *)name) == 0)
			return d->anchors[i].node;
	return NULL;
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
	for (size_t i = 0; i < d->nanchors; i++)
		free(d->anchors[i].name);
	free(d->anchors);
	free(d->pool);
	free(d);
}

struct ydoc *
ydoc_parse(const char *text, size_t len, int *errline, const char **errmsg)
{
	yaml_parser_t p;
	yaml_event_t ev;
	struct ydoc *d = xcalloc(1, sizeof(*d));
	struct ynode *stack[YAML_MAX_DEPTH + 1];
	int depth = 0, done = 0, ok = 0;

	*errline = 0;
	*errmsg = NULL;
	if (!yaml_parser_initialize(&p)) {
		*errmsg = "cannot start the YAML parser";
		ydoc_free(d);
		return NULL;
	}
	yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
	while (!done) {
		struct ynode *n = NULL;
		int line;

		if (!yaml_parser_parse(&p, &ev)) {
			/* where the construct began says more than where the
			 * parser gave up (often the end of the text) */
			*errline = (int)(p.context != NULL ? p.context_mark.line :
			    p.problem_mark.line) + 1;
			*errmsg = p.problem ? p.problem : "invalid YAML";
			goto out;
		}
		line = (int)ev.start_mark.line + 1;
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
		case YAML_DOCUMENT_END_EVENT:
			/* only the first document counts */
			done = 1;
			break;
		case YAML_SCALAR_EVENT:
			if (ev.data.scalar.length == 0 &&
			    ev.data.scalar.plain_implicit) {
				n = node_new(d, Y_NULL, line);
			} else if (ev.data.scalar.plain_implicit &&
			    (strcmp((char *)ev.data.scalar.value, "~") == 0 ||
			    strcmp((char *)ev.data.scalar.value, "null") == 0)) {
				n = node_new(d, Y_NULL, line);
			} else {
				n = node_new(d, Y_SCALAR, line);
				n->str = xstrndup((const char *)ev.data.scalar.value,
				    ev.data.scalar.length);
				n->plain = ev.data.scalar.style ==
				    YAML_PLAIN_SCALAR_STYLE;
			}
			anchor_set(d, ev.data.scalar.anchor, n);
			break;
		case YAML_ALIAS_EVENT:
			n = anchor_get(d, ev.data.alias.anchor);
			if (n == NULL) {
				*errline = line;
				*errmsg = "alias to an unknown anchor";
				yaml_event_delete(&ev);
				goto out;
			}
			break;
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT:
			if (depth == YAML_MAX_DEPTH) {
				*errline = line;
				*errmsg = "nesting too deep";
				yaml_event_delete(&ev);
				goto out;
			}
			n = node_new(d, ev.type == YAML_SEQUENCE_START_EVENT ?
			    Y_SEQ : Y_MAP, line);
			anchor_set(d, ev.type == YAML_SEQUENCE_START_EVENT ?
			    ev.data.sequence_start.anchor :
			    ev.data.mapping_start.anchor, n);
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			depth--;
			break;
		default:
			break;
		}
		if (n != NULL) {
			if (depth > 0)
				kid_add(stack[depth - 1], n);
			else if (d->root == NULL)
				d->root = n;
			if ((n->kind == Y_SEQ || n->kind == Y_MAP) &&
			    (ev.type == YAML_SEQUENCE_START_EVENT ||
			    ev.type == YAML_MAPPING_START_EVENT))
				stack[depth++] = n;
		}
		yaml_event_delete(&ev);
		if (d->npool > YAML_MAX_NODES) {
			*errline = line;
			*errmsg = "too many YAML nodes";
			goto out;
		}
	}
	ok = 1;
out:
	yaml_parser_delete(&p);
	if (!ok) {
		ydoc_free(d);
		return NULL;
	}
	return d;
}

const struct ynode *
ydoc_root(const struct ydoc *d)
{
	return d->root;
}

const struct ynode *
ymap_get(const struct ynode *map, const char *key)
{
	const struct ynode *found = NULL;

	if (map == NULL || map->kind != Y_MAP)
		return NULL;
	/* the last of duplicate keys wins, as in most YAML loaders */
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
