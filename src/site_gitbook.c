/* site_gitbook.c: GitBook (git-synced), and the SUMMARY.md reader that
 * mdBook shares.  A GitBook space has SUMMARY.md (or .gitbook.yaml naming
 * its root, readme and summary); README.md is a folder's page; links name
 * files; pictures are in .gitbook/assets.  SUMMARY.md is the navigation:
 * its nested list of links (titled as it titles them), and its headings,
 * which group the lists after them. */
#include <stdlib.h>
#include <string.h>
#include <cmark-gfm.h>

#include "frontmatter.h"
#include "input.h"
#include "site.h"
#include "tree.h"

static int
detect(struct book *b, const char *dir, char **config)
{
	char *rel = path_join(dir, ".gitbook.yaml");

	if (input_exists(b->in, rel)) {
		*config = rel;
		return 1;
	}
	free(rel);
	rel = path_join(dir, "SUMMARY.md");
	if (input_exists(b->in, rel)) {
		*config = rel;
		return 1;
	}
	free(rel);
	return 0;
}

/* The plain text of a node's inlines. */
static void
text_of(cmark_node *n, struct buf *b)
{
	for (cmark_node *k = cmark_node_first_child(n); k; k =
	    cmark_node_next(k)) {
		const char *lit = cmark_node_get_literal(k);
		if (lit != NULL && (cmark_node_get_type(k) == CMARK_NODE_TEXT ||
		    cmark_node_get_type(k) == CMARK_NODE_CODE))
			buf_adds(b, lit);
		else
			text_of(k, b);
	}
}

/* The first link in an item's paragraph. */
static cmark_node *
first_link(cmark_node *n)
{
	for (cmark_node *k = cmark_node_first_child(n); k; k =
	    cmark_node_next(k)) {
		cmark_node *l;
		if (cmark_node_get_type(k) == CMARK_NODE_LINK)
			return k;
		if ((l = first_link(k)) != NULL)
			return l;
	}
	return NULL;
}

static void
list_read(struct navitem *parent, cmark_node *list, const char *dir)
{
	for (cmark_node *it = cmark_node_first_child(list); it; it =
	    cmark_node_next(it)) {
		cmark_node *para = cmark_node_first_child(it), *link, *k;
		struct buf title = {0};
		char *ref = NULL;

		if (para == NULL)
			continue;
		link = first_link(para);
		buf_add(&title, "", 0);
		text_of(link ? link : para, &title);
		if (link != NULL && cmark_node_get_url(link)[0]) {
			const char *u = cmark_node_get_url(link);
			ref = u[0] == '/' || strstr(u, "://") ? xstrdup(u) :
			    path_join(dir, u);
		}
		nav_add(parent, str_trim(title.data), ref);
		for (k = cmark_node_next(para); k; k = cmark_node_next(k))
			if (cmark_node_get_type(k) == CMARK_NODE_LIST)
				list_read(nav_last(parent), k, dir);
		free(ref);
		buf_free(&title);
	}
}

void
summary_read(struct book *b, struct site *s, const char *rel)
{
	char *raw, *dir = path_dir(rel), *src = path_join(b->root, rel);
	size_t len;
	cmark_node *doc;
	struct navitem *group = &s->nav;

	/* refs are in the content folder: SUMMARY.md's own folder */
	free(dir);
	dir = xstrdup("");
	if ((raw = text_read(b->in, rel, src, INPUT_MAX_FILE, &len)) == NULL) {
		free(dir);
		free(src);
		return;
	}
	doc = cmark_parse_document(raw, len, CMARK_OPT_DEFAULT);
	for (cmark_node *n = cmark_node_first_child(doc); n; n =
	    cmark_node_next(n)) {
		if (cmark_node_get_type(n) == CMARK_NODE_HEADING &&
		    cmark_node_get_heading_level(n) > 1) {
			/* a part: the lists after it are its entries */
			struct buf t = {0};
			buf_add(&t, "", 0);
			text_of(n, &t);
			nav_add(&s->nav, str_trim(t.data), NULL);
			group = nav_last(&s->nav);
			buf_free(&t);
		} else if (cmark_node_get_type(n) == CMARK_NODE_LIST) {
			list_read(group, n, dir);
		} else if (cmark_node_get_type(n) == CMARK_NODE_PARAGRAPH &&
		    first_link(n) != NULL) {
			/* mdBook's prefix and suffix chapters */
			cmark_node *l = first_link(n);
			struct buf t = {0};
			buf_add(&t, "", 0);
			text_of(l, &t);
			nav_add(group, str_trim(t.data), cmark_node_get_url(l));
			buf_free(&t);
		}
	}
	cmark_node_free(doc);
	free(raw);
	free(dir);
	free(src);
}

static void
read(struct book *b, struct site *s)
{
	const char *root = s->dir, *summary = "SUMMARY.md";
	char *content, *rel;

	if (str_ends(s->config, ".gitbook.yaml")) {
		const struct ynode *m, *st;
		s->doc = site_read_tree(b, s->config);
		m = s->doc ? ydoc_root(s->doc) : NULL;
		st = ymap_get(m, "structure");
		if (tree_text(m, "root"))
			root = tree_text(m, "root");
		if (tree_text(st, "summary"))
			summary = tree_text(st, "summary");
	}
	while (root[0] == '.' && root[1] == '/')
		root += 2;
	content = path_join(s->dir, root);
	strlist_add(&s->content, content);
	strlist_add(&s->statics, content);
	rel = path_join(content, summary);
	summary_read(b, s, rel);
	free(rel);
	rel = path_join(content, ".gitbook/assets");
	strlist_add(&s->statics, rel);
	free(rel);
	free(content);
	s->nav_is_order = s->nav.nkids > 0;
	strlist_add(&s->skip, "node_modules");
	strlist_add(&s->skip, "SUMMARY.md");
}

const struct generator gen_gitbook = {"GitBook", detect, read,
    site_pretty_urls, NULL};
