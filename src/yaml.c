/* yaml.c: YAML into the document tree, from libyaml's events. */
#include "yaml.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "util.h"

/* An anchor and the node it names: aliases share the node. */
struct anchor {
	char *name;
	struct ynode *node;
};

struct anchors {
	struct anchor *v;
	size_t n, cap;
};

static void
anchor_set(struct anchors *a, const unsigned char *name, struct ynode *n)
{
	if (name == NULL)
		return;
	if (a->n == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 8;
		a->v = xrealloc(a->v, a->cap * sizeof(*a->v));
	}
	a->v[a->n].name = xstrdup((const char *)name);
	a->v[a->n++].node = n;
}

static struct ynode *
anchor_get(const struct anchors *a, const unsigned char *name)
{
	/* the newest definition of a name wins, as YAML says */
	for (size_t i = a->n; i-- > 0;)
		if (strcmp(a->v[i].name, (const char *)name) == 0)
			return a->v[i].node;
	return NULL;
}

struct ydoc *
ydoc_parse(const char *text, size_t len, int *errline, const char **errmsg)
{
	yaml_parser_t p;
	yaml_event_t ev;
	struct ydoc *d = ydoc_new();
	struct anchors anchors = {NULL, 0, 0};
	struct ynode *stack[TREE_MAX_DEPTH + 1], *root = NULL;
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
				n = ynode_new(d, Y_NULL, line);
			} else if (ev.data.scalar.plain_implicit &&
			    (strcmp((char *)ev.data.scalar.value, "~") == 0 ||
			    strcmp((char *)ev.data.scalar.value, "null") == 0)) {
				n = ynode_new(d, Y_NULL, line);
			} else {
				n = ynode_new(d, Y_SCALAR, line);
				n->str = xstrndup((const char *)ev.data.scalar.value,
				    ev.data.scalar.length);
				n->len = ev.data.scalar.length;
				n->plain = ev.data.scalar.style ==
				    YAML_PLAIN_SCALAR_STYLE;
				n->type = n->plain ? Y_UNTYPED : Y_STRING;
			}
			anchor_set(&anchors, ev.data.scalar.anchor, n);
			break;
		case YAML_ALIAS_EVENT:
			n = anchor_get(&anchors, ev.data.alias.anchor);
			if (n == NULL) {
				*errline = line;
				*errmsg = "alias to an unknown anchor";
				yaml_event_delete(&ev);
				goto out;
			}
			break;
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT:
			if (depth == TREE_MAX_DEPTH) {
				*errline = line;
				*errmsg = "nesting too deep";
				yaml_event_delete(&ev);
				goto out;
			}
			n = ynode_new(d, ev.type == YAML_SEQUENCE_START_EVENT ?
			    Y_SEQ : Y_MAP, line);
			anchor_set(&anchors, ev.type == YAML_SEQUENCE_START_EVENT ?
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
				ynode_add(stack[depth - 1], n);
			else if (root == NULL)
				ydoc_set_root(d, root = n);
			if ((n->kind == Y_SEQ || n->kind == Y_MAP) &&
			    (ev.type == YAML_SEQUENCE_START_EVENT ||
			    ev.type == YAML_MAPPING_START_EVENT))
				stack[depth++] = n;
		}
		yaml_event_delete(&ev);
		if (ydoc_count(d) > TREE_MAX_NODES) {
			*errline = line;
			*errmsg = "too many YAML nodes";
			goto out;
		}
	}
	ok = 1;
out:
	yaml_parser_delete(&p);
	for (size_t i = 0; i < anchors.n; i++)
		free(anchors.v[i].name);
	free(anchors.v);
	if (!ok) {
		ydoc_free(d);
		return NULL;
	}
	return d;
}

