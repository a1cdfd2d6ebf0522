/* mdext.c: extensions to Markdown, done on the parsed tree. */
#include "mdext.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "template.h"
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

/* ---- element nodes ---- */

cmark_node *
mdext_element(cmark_node_type type, const char *name, const char *attr,
    const char *value)
{
	cmark_node *n = cmark_node_new(type);
	char *enter = attr ? xasprintf("%c%s%c%s%c%s", MDEXT_ELEMENT, name,
	    MDEXT_ELEMENT, attr, MDEXT_ELEMENT, value) :
	    xasprintf("%c%s", MDEXT_ELEMENT, name);

	cmark_node_set_on_enter(n, enter);
	free(enter);
	return n;
}

/* Whether n is inside a link or an image (its text is not looked at). */
static int
outside_text(cmark_node *n)
{
	for (n = cmark_node_parent(n); n != NULL; n = cmark_node_parent(n)) {
		cmark_node_type t = cmark_node_get_type(n);
		if (t == CMARK_NODE_LINK || t == CMARK_NODE_IMAGE)
			return 1;
	}
	return 0;
}

/* The text nodes of doc (outside links) that hold s, in order; the caller
 * frees the list. */
static cmark_node **
texts_with(cmark_node *doc, const char *s, size_t *n)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	cmark_node **v = NULL;
	size_t cap = 0;

	*n = 0;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *t = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_ENTER &&
		    cmark_node_get_type(t) == CMARK_NODE_TEXT &&
		    strstr(cmark_node_get_literal(t), s) != NULL && !outside_text(t)) {
			v = xgrow(v, *n, &cap, sizeof(*v));
			v[(*n)++] = t;
		}
	}
	cmark_iter_free(it);
	return v;
}

/* Replaces the text node t by what split() put before it, if anything. */
static void
replaced(cmark_node *t, int did)
{
	if (did) {
		cmark_node_unlink(t);
		cmark_node_free(t);
	}
}

/* ---- ==mark== ---- */

static int
split_mark(cmark_node *t)
{
	const char *lit = cmark_node_get_literal(t), *p = lit, *o, *c;
	int did = 0;

	while ((o = strstr(p, "==")) != NULL) {
		cmark_node *m;
		/* "==" after a word ("a==b") is not a mark's */
		if ((o > lit && isalnum((unsigned char)o[-1])) || o[2] == '\0' ||
		    o[2] == ' ' || o[2] == '=' || (c = strstr(o + 2, "==")) ==
		    NULL || c[-1] == ' ' || isalnum((unsigned char)c[2])) {
			if (did) {
				cmark_node_insert_before(t, text_node(p,
				    (size_t)(o + 2 - p)));
				p = o + 2;
				continue;
			}
			break;
		}
		m = mdext_element(CMARK_NODE_CUSTOM_INLINE, "mark", NULL, NULL);
		if (o > p)
			cmark_node_insert_before(t, text_node(p, (size_t)(o - p)));
		cmark_node_append_child(m, text_node(o + 2, (size_t)(c - o - 2)));
		cmark_node_insert_before(t, m);
		p = c + 2;
		did = 1;
	}
	if (did && *p)
		cmark_node_insert_before(t, text_node(p, strlen(p)));
	return did;
}

/* ---- :emoji: ---- */

/* The emoji named name (gemoji's names, templates/emoji.tsv) as UTF-8
 * into out, or 0. */
static int
emoji(const char *name, size_t n, char out[32])
{
	size_t len;
	const char *tsv = (const char *)embedded_get("templates/emoji.tsv", &len);
	const char *p = tsv, *end = tsv ? tsv + len : NULL;

	while (p != NULL && p < end) {
		const char *e = memchr(p, '\n', (size_t)(end - p));
		const char *tab = memchr(p, '\t', (size_t)((e ? e : end) - p));
		if (p[0] != '#' && tab != NULL && (size_t)(tab - p) == n &&
		    memcmp(p, name, n) == 0) {
			size_t k = 0;
			const char *q = tab + 1;
			while (q < (e ? e : end) && k + 4 < 32) {
				unsigned long cp = strtoul(q, (char **)&q, 16);
				if (cp < 0x80) {
					out[k++] = (char)cp;
				} else if (cp < 0x800) {
					out[k++] = (char)(0xC0 | (cp >> 6));
					out[k++] = (char)(0x80 | (cp & 0x3F));
				} else if (cp < 0x10000) {
					out[k++] = (char)(0xE0 | (cp >> 12));
					out[k++] = (char)(0x80 | ((cp >> 6) & 0x3F));
					out[k++] = (char)(0x80 | (cp & 0x3F));
				} else {
					out[k++] = (char)(0xF0 | (cp >> 18));
					out[k++] = (char)(0x80 | ((cp >> 12) & 0x3F));
					out[k++] = (char)(0x80 | ((cp >> 6) & 0x3F));
					out[k++] = (char)(0x80 | (cp & 0x3F));
				}
				while (*q == ' ')
					q++;
			}
			out[k] = '\0';
			return k > 0;
		}
		p = e ? e + 1 : end;
	}
	return 0;
}

static int
split_emoji(cmark_node *t)
{
	const char *lit = cmark_node_get_literal(t), *p = lit, *o;
	struct buf b = {0};
	int did = 0;

	buf_add(&b, "", 0);
	while ((o = strchr(p, ':')) != NULL) {
		const char *c = o + 1;
		char e[32];
		while (*c && (isalnum((unsigned char)*c) || *c == '_' || *c == '+' ||
		    *c == '-'))
			c++;
		if (*c == ':' && c > o + 1 && emoji(o + 1, (size_t)(c - o - 1), e)) {
			buf_add(&b, p, (size_t)(o - p));
			buf_adds(&b, e);
			p = c + 1;
			did = 1;
		} else {
			buf_add(&b, p, (size_t)(o - p + 1));
			p = o + 1;
		}
	}
	if (did) {
		buf_adds(&b, p);
		cmark_node_set_literal(t, b.data);
	}
	buf_free(&b);
	return 0;                /* the node stays, its text changed */
}

/* ---- abbreviations: *[WHO]: World Health Organization ---- */

struct abbr {
	char *word, *title;
};

/* Whether paragraph p is only abbreviation definitions; they are added
 * to *v. */
static int
abbr_defs(cmark_node *p, struct abbr **v, size_t *n)
{
	struct buf text = {0};
	char *line, *save;
	int all = 1;
	size_t n0 = *n;

	for (cmark_node *k = cmark_node_first_child(p); k != NULL;
	    k = cmark_node_next(k)) {
		cmark_node_type t = cmark_node_get_type(k);
		if (t == CMARK_NODE_TEXT)
			buf_adds(&text, cmark_node_get_literal(k));
		else if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK)
			buf_addc(&text, '\n');
		else
			all = 0;
	}
	for (line = all && text.data ? strtok_r(text.data, "\n", &save) : NULL;
	    line != NULL && all; line = strtok_r(NULL, "\n", &save)) {
		char *close = strstr(line, "]:");
		if (strncmp(line, "*[", 2) != 0 || close == NULL || close == line + 2) {
			all = 0;
			break;
		}
		*v = xrealloc(*v, (*n + 1) * sizeof(**v));
		(*v)[*n].word = xstrndup(line + 2, (size_t)(close - line - 2));
		{
			char *t = xstrdup(close + 2);
			(*v)[(*n)++].title = xstrdup(str_trim(t));
			free(t);
		}
	}
	if (!all || text.data == NULL) {
		while (*n > n0) {
			(*n)--;
			free((*v)[*n].word);
			free((*v)[*n].title);
		}
		all = 0;
	}
	buf_free(&text);
	return all;
}

static int
word_at(const char *lit, const char *at, size_t n)
{
	return (at == lit || !isalnum((unsigned char)at[-1])) &&
	    !isalnum((unsigned char)at[n]);
}

static int
split_abbr(cmark_node *t, const struct abbr *a)
{
	const char *lit = cmark_node_get_literal(t), *p = lit, *o;
	size_t n = strlen(a->word);
	int did = 0;

	while ((o = strstr(p, a->word)) != NULL) {
		cmark_node *el;
		if (!word_at(lit, o, n)) {
			if (o > p)
				cmark_node_insert_before(t, text_node(p,
				    (size_t)(o - p + 1)));
			p = o + 1;
			did = 1;
			continue;
		}
		el = mdext_element(CMARK_NODE_CUSTOM_INLINE, "abbr", "title",
		    a->title);
		if (o > p)
			cmark_node_insert_before(t, text_node(p, (size_t)(o - p)));
		cmark_node_append_child(el, text_node(o, n));
		cmark_node_insert_before(t, el);
		p = o + n;
		did = 1;
	}
	if (did && *p)
		cmark_node_insert_before(t, text_node(p, strlen(p)));
	return did;
}

/* ---- definition lists ---- */

/* Whether the line starting at node k (a text node) opens a definition:
 * ":" and a blank. */
static int
def_line(cmark_node *k)
{
	const char *s;

	if (k == NULL || cmark_node_get_type(k) != CMARK_NODE_TEXT)
		return 0;
	s = cmark_node_get_literal(k);
	return s[0] == ':' && (s[1] == ' ' || s[1] == '\t');
}

/* Drops the ":" and blanks that open text node k. */
static void
strip_def(cmark_node *k)
{
	const char *s = cmark_node_get_literal(k) + 1;
	char *rest;

	while (*s == ' ' || *s == '\t')
		s++;
	rest = xstrdup(s);
	cmark_node_set_literal(k, rest);
	free(rest);
}

/* Paragraph p as a definition list when it is one ("Term" lines, then
 * ": definition" lines), into dl (made when NULL); returns dl, or NULL
 * when p is not one. */
static cmark_node *
deflist(cmark_node *p, cmark_node *dl)
{
	cmark_node *k, *next, *cur = NULL;
	int any = 0, first = 1;

	/* a definition on a line after the first, or (after a list) at once */
	for (k = cmark_node_first_child(p); k != NULL; k = cmark_node_next(k)) {
		cmark_node_type t = cmark_node_get_type(k);
		if ((t == CMARK_NODE_SOFTBREAK && def_line(cmark_node_next(k))) ||
		    (k == cmark_node_first_child(p) && dl != NULL && def_line(k)))
			any = 1;
	}
	if (!any)
		return NULL;
	if (dl == NULL) {
		dl = mdext_element(CMARK_NODE_CUSTOM_BLOCK, "dl", NULL, NULL);
		cmark_node_insert_before(p, dl);
	}
	for (k = cmark_node_first_child(p); k != NULL; k = next) {
		cmark_node_type t = cmark_node_get_type(k);
		next = cmark_node_next(k);
		if (first || t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK) {
			cmark_node *start = first ? k : next;
			int is_def = def_line(start);
			if (!first && cur != NULL && !is_def &&
			    cmark_node_get_on_enter(cur)[1] == 'd' &&
			    cmark_node_get_on_enter(cur)[2] == 'd') {
				/* a definition's next line */
				cmark_node_unlink(k);
				cmark_node_append_child(cur, k);
				first = 0;
				continue;
			}
			if (!first) {
				cmark_node_unlink(k);
				cmark_node_free(k);
			}
			if (start == NULL)
				break;
			cur = mdext_element(CMARK_NODE_CUSTOM_BLOCK, is_def ?
			    "dd" : "dt", NULL, NULL);
			cmark_node_append_child(dl, cur);
			if (is_def)
				strip_def(start);
			if (!first)
				continue;
			first = 0;
		}
		cmark_node_unlink(k);
		cmark_node_append_child(cur, k);
	}
	/* p stays, empty (markdown.c skips it): its inlines' text may be
	 * cmark-gfm's pieces of p's own buffer */
	return dl;
}

/* "## Title {#id .class}" or "{: #id }": the attribute list leaves the
 * heading's text, its id goes to the heading's user data (a copy, which
 * markdown.c frees). */
static void
heading_attrs(cmark_node *doc)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *h = cmark_iter_get_node(it), *last;
		const char *lit, *open;
		size_t n;

		if (ev != CMARK_EVENT_ENTER ||
		    cmark_node_get_type(h) != CMARK_NODE_HEADING ||
		    (last = cmark_node_last_child(h)) == NULL ||
		    cmark_node_get_type(last) != CMARK_NODE_TEXT)
			continue;
		lit = cmark_node_get_literal(last);
		n = strlen(lit);
		while (n > 0 && lit[n - 1] == ' ')
			n--;
		if (n < 3 || lit[n - 1] != '}' || (open = strrchr(lit, '{')) ==
		    NULL || (open[1] != '#' && open[1] != ':' && open[1] != '.'))
			continue;
		{
			char *attrs = xstrndup(open + 1, (size_t)(lit + n - 1 -
			    open - 1)), *tok, *save, *id = NULL, *rest;
			for (tok = strtok_r(attrs, " \t", &save); tok != NULL;
			    tok = strtok_r(NULL, " \t", &save))
				if (tok[0] == '#' && tok[1] != '\0' && id == NULL)
					id = xstrdup(tok + 1);
			free(attrs);
			rest = xstrndup(lit, (size_t)(open - lit));
			str_trim(rest);
			cmark_node_set_literal(last, rest);
			free(rest);
			if (id != NULL) {
				free(cmark_node_get_user_data(h));
				cmark_node_set_user_data(h, id);
			}
		}
	}
	cmark_iter_free(it);
}

void
mdext_free(cmark_node *doc)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *h = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_ENTER &&
		    cmark_node_get_type(h) == CMARK_NODE_HEADING) {
			free(cmark_node_get_user_data(h));
			cmark_node_set_user_data(h, NULL);
		}
	}
	cmark_iter_free(it);
}

/* "[link](x){: .button}", "![p](x){ width=300 }": the attributes after a
 * link or picture (attr_list, kramdown) leave the text. */
static void
inline_attrs(cmark_node *doc)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *t = cmark_iter_get_node(it), *prev;
		const char *lit, *close;
		cmark_node_type pt;

		if (ev != CMARK_EVENT_ENTER ||
		    cmark_node_get_type(t) != CMARK_NODE_TEXT ||
		    (prev = cmark_node_previous(t)) == NULL)
			continue;
		pt = cmark_node_get_type(prev);
		lit = cmark_node_get_literal(t);
		if ((pt != CMARK_NODE_LINK && pt != CMARK_NODE_IMAGE) ||
		    lit[0] != '{' || (close = strchr(lit, '}')) == NULL ||
		    !(lit[1] == ':' || lit[1] == '.' || lit[1] == '#' ||
		    (lit[1] == ' ' && (lit[2] == '.' || lit[2] == '#' ||
		    isalpha((unsigned char)lit[2])))) || memchr(lit, '\n',
		    (size_t)(close - lit)) != NULL) {
			continue;
		}
		{
			char *rest = xstrdup(close + 1);
			cmark_node_set_literal(t, rest);
			free(rest);
		}
	}
	cmark_iter_free(it);
}

/* Whether n is a paragraph opening with a callout's marker, "[!type]". */
static int
marker_para(cmark_node *n)
{
	cmark_node *t = n ? cmark_node_first_child(n) : NULL;
	const char *lit, *e;

	if (n == NULL || cmark_node_get_type(n) != CMARK_NODE_PARAGRAPH ||
	    t == NULL || cmark_node_get_type(t) != CMARK_NODE_TEXT)
		return 0;
	lit = cmark_node_get_literal(t);
	if (strncmp(lit, "[!", 2) != 0 || (e = strchr(lit, ']')) == NULL)
		return 0;
	for (const char *p = lit + 2; p < e; p++)
		if (!isalnum((unsigned char)*p) && *p != '-' && *p != '_' && *p != '|')
			return 0;
	return e > lit + 2;
}

/* Tabs written one after another with no blank line between (MkDocs'
 * === blocks, dialect.c's quotes) make one quote: each marker inside a
 * callout's quote starts a quote of its own. */
static void
split_callouts(cmark_node *doc)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	cmark_node **q = NULL;
	size_t n = 0;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *b = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_ENTER &&
		    cmark_node_get_type(b) == CMARK_NODE_BLOCK_QUOTE &&
		    marker_para(cmark_node_first_child(b))) {
			q = xrealloc(q, (n + 1) * sizeof(*q));
			q[n++] = b;
		}
	}
	cmark_iter_free(it);
	for (size_t i = 0; i < n; i++) {
		cmark_node *b = q[i], *k;
		for (k = cmark_node_next(cmark_node_first_child(b)); k != NULL;
		    k = cmark_node_next(k)) {
			if (marker_para(k)) {
				cmark_node *nb = cmark_node_new(CMARK_NODE_BLOCK_QUOTE);
				cmark_node_insert_after(b, nb);
				while (k != NULL) {
					cmark_node *next = cmark_node_next(k);
					cmark_node_unlink(k);
					cmark_node_append_child(nb, k);
					k = next;
				}
				b = nb;
				k = cmark_node_first_child(b);
			}
		}
	}
	free(q);
}

/* Whether the n bytes at t hold s. */
static int
has(const char *t, size_t n, const char *s)
{
	size_t m = strlen(s);
	const char *p = t, *end = t + n;

	while (m <= (size_t)(end - p) &&
	    (p = memchr(p, s[0], (size_t)(end - p) - m + 1)) != NULL) {
		if (memcmp(p, s, m) == 0)
			return 1;
		p++;
	}
	return 0;
}

/* Whether the n bytes at t hold an emoji's shortcode (":warning:"). */
static int
has_shortcode(const char *t, size_t n)
{
	const char *p = t, *end = t + n;

	while ((p = memchr(p, ':', (size_t)(end - p))) != NULL) {
		const char *q = ++p;
		while (q < end && (islower((unsigned char)*q) ||
		    isdigit((unsigned char)*q) || *q == '_' || *q == '+' ||
		    *q == '-'))
			q++;
		if (q > p && q < end && *q == ':')
			return 1;
	}
	return 0;
}

void
mdext_extensions(cmark_node *doc, const char *text, size_t len)
{
	cmark_node **v, *k, *next, *dl = NULL;
	struct abbr *abbrs = NULL;
	size_t n, nabbr = 0;
	/* each pass walks the tree: only those the text has a mark for run */
	int abbr = has(text, len, "*["), defs = (len && text[0] == ':') ||
	    has(text, len, "\n:");

	/* paragraphs of the top: definitions of abbreviations and lists */
	for (k = cmark_node_first_child(doc); (abbr || defs) && k != NULL;
	    k = next) {
		next = cmark_node_next(k);
		if (cmark_node_get_type(k) != CMARK_NODE_PARAGRAPH) {
			dl = NULL;
			continue;
		}
		if (abbr && abbr_defs(k, &abbrs, &nabbr)) {
			cmark_node_unlink(k);
			cmark_node_free(k);
			continue;
		}
		if (defs)
			dl = deflist(k, dl);
	}
	for (size_t i = 0; i < nabbr; i++) {
		v = texts_with(doc, abbrs[i].word, &n);
		for (size_t j = 0; j < n; j++)
			replaced(v[j], split_abbr(v[j], &abbrs[i]));
		free(v);
		free(abbrs[i].word);
		free(abbrs[i].title);
	}
	free(abbrs);
	if (has(text, len, "{")) {
		heading_attrs(doc);
		inline_attrs(doc);
	}
	if (has(text, len, "[!"))
		split_callouts(doc);
	if (has(text, len, "==")) {
		v = texts_with(doc, "==", &n);
		for (size_t j = 0; j < n; j++)
			replaced(v[j], split_mark(v[j]));
		free(v);
	}
	if (has_shortcode(text, len)) {
		v = texts_with(doc, ":", &n);
		for (size_t j = 0; j < n; j++)
			split_emoji(v[j]);
		free(v);
	}
}
