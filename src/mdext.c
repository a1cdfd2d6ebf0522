/* mdext.c: extensions to Markdown, done on the parsed tree. */
#include "mdext.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

static cmark_node *
text_node(const char *s, size_t n)
{
	cmark_node *t = cmark_node_new(CMARK_NODE_TEXT);
	char *lit = xstrndup(s, n);

	cmark_node_set_literal(t, lit);
	free(lit);
	return t;
}

/* What a wikilink shows: its label, else its target ("Note", "Note >
 * Heading"), without ".md". */
static char *
shown(const char *target, size_t tn, const char *label, size_t ln)
{
	struct buf b = {0};
	const char *hash;

	if (label != NULL)
		return xstrndup(label, ln);
	hash = memchr(target, '#', tn);
	buf_add(&b, "", 0);
	buf_add(&b, target, hash ? (size_t)(hash - target) : tn);
	if (str_ends(b.data, ".md"))
		b.data[b.len -= 3] = '\0';
	if (hash != NULL && hash + 1 < target + tn) {
		if (b.len)
			buf_adds(&b, " > ");
		buf_add(&b, hash + 1, (size_t)(target + tn - hash - 1));
	}
	return buf_steal(&b);
}

/* Splits the text node n at its wikilinks; returns whether it did. */
static int
split(cmark_node *n)
{
	const char *lit = cmark_node_get_literal(n), *p = lit, *open;
	int did = 0;

	while ((open = strstr(p, "[[")) != NULL) {
		const char *close = strstr(open + 2, "]]"), *bar;
		int embed = open > lit && open[-1] == '!';
		size_t tn;
		char *url, *label;
		cmark_node *link;

		if (close == NULL || memchr(open + 2, '\n', (size_t)(close -
		    open - 2)) != NULL || close == open + 2)
			break;
		bar = memchr(open + 2, '|', (size_t)(close - open - 2));
		tn = (size_t)((bar ? bar : close) - open - 2);
		if (open - embed > p)
			cmark_node_insert_before(n, text_node(p, (size_t)(open -
			    embed - p)));
		url = xasprintf("%s%.*s", WIKILINK_SCHEME, (int)tn, open + 2);
		label = shown(open + 2, tn, bar ? bar + 1 : NULL, bar ?
		    (size_t)(close - bar - 1) : 0);
		link = cmark_node_new(embed ? CMARK_NODE_IMAGE : CMARK_NODE_LINK);
		cmark_node_set_url(link, url);
		cmark_node_append_child(link, text_node(label, strlen(label)));
		cmark_node_insert_before(n, link);
		free(url);
		free(label);
		p = close + 2;
		did = 1;
	}
	if (did && *p)
		cmark_node_insert_before(n, text_node(p, strlen(p)));
	return did;
}

void
mdext_wikilinks(cmark_node *doc)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	cmark_node **gone = NULL;
	size_t ngone = 0;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it), *up;
		int in_link = 0;

		if (ev != CMARK_EVENT_ENTER ||
		    cmark_node_get_type(n) != CMARK_NODE_TEXT ||
		    strstr(cmark_node_get_literal(n), "[[") == NULL)
			continue;
		for (up = cmark_node_parent(n); up; up = cmark_node_parent(up))
			if (cmark_node_get_type(up) == CMARK_NODE_LINK ||
			    cmark_node_get_type(up) == CMARK_NODE_IMAGE)
				in_link = 1;
		if (!in_link && split(n)) {
			gone = xrealloc(gone, (ngone + 1) * sizeof(*gone));
			gone[ngone++] = n;
		}
	}
	cmark_iter_free(it);
	for (size_t i = 0; i < ngone; i++) {
		cmark_node_unlink(gone[i]);
		cmark_node_free(gone[i]);
	}
	free(gone);
}
