/* dialect.c: the block syntax of site generators' Markdown dialects,
 * rewritten line for line, before the parse, into the one form hbook
 * renders them from: a quote opening with a marker line, as GitHub's and
 * Obsidian's callouts are written ("> [!warning] Title").  So each
 * construct's body is parsed as Markdown where it stands, nesting and
 * all, and every line keeps its number for diagnostics.
 *
 *   MkDocs        !!! type "Title" / ??? type / ???+ type, an indented body
 *                 === "Label", an indented body (tabs)
 *   Docusaurus,   :::type[Title] / :::type Title / ::: type ... :::
 *   VitePress     (more colons on the outer of nested ones)
 *   MDX           <Tabs>, <TabItem label="x">, <Admonition type= title=>,
 *                 import and export lines, comments on lines of their own
 *   GitBook       {% hint style="x" %}, {% tabs %} {% tab title="x" %}
 *   Hugo          alert, notice, callout, hint, pageinfo, tabpane, tabs,
 *                 tab, details, cardpane, card, each on lines of their own
 *   kramdown      {: .note } before a paragraph (just-the-docs)
 *
 * A tab becomes "[!tab] Label", a card "[!card] Title", a details
 * "[!details] Summary"; markdown.c renders each kind.  Code blocks are
 * copied as they are. */
#include "dialect.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* Whether the n bytes at s hold word. */
static int
holds(const char *s, size_t n, const char *word)
{
	size_t w = strlen(word);

	for (const char *p = s; (p = memchr(p, word[0], (size_t)(s + n - p))) != NULL &&
	    (size_t)(s + n - p) >= w; p++)
		if (memcmp(p, word, w) == 0)
			return 1;
	return 0;
}

/* A line of the text, without its newline. */
struct line {
	const char *s;
	size_t n;
};

/* The rewritten lines, as many as were read. */
struct out {
	struct buf b;
	int changed;
};

static size_t
indent_of(const struct line *l)
{
	size_t col = 0;

	for (size_t i = 0; i < l->n; i++) {
		if (l->s[i] == ' ')
			col++;
		else if (l->s[i] == '\t')
			col += 4 - col % 4;
		else
			return col;
	}
	return (size_t)-1;       /* blank */
}

static int
blank(const struct line *l)
{
	return indent_of(l) == (size_t)-1;
}

/* The line without its first cols columns of indentation (a tab that
 * straddles them leaves its rest as spaces, which do not matter here). */
static struct line
dedent(const struct line *l, size_t cols)
{
	struct line r = *l;
	size_t col = 0;

	while (r.n > 0 && col < cols && (r.s[0] == ' ' || r.s[0] == '\t')) {
		col += r.s[0] == '\t' ? 4 - col % 4 : 1;
		r.s++;
		r.n--;
	}
	return r;
}

/* The text after the indentation and its length. */
static const char *
body(const struct line *l, size_t *n)
{
	size_t i = 0;

	while (i < l->n && (l->s[i] == ' ' || l->s[i] == '\t'))
		i++;
	*n = l->n - i;
	return l->s + i;
}

/* Whether the n bytes at s start with word. */
static int
prefix(const char *s, size_t n, const char *word)
{
	size_t w = strlen(word);

	return n >= w && memcmp(s, word, w) == 0;
}

static int
starts(const struct line *l, const char *word)
{
	size_t n, w = strlen(word);
	const char *s = body(l, &n);

	return n >= w && memcmp(s, word, w) == 0;
}

/* Whether the line opens a fenced code block; *fc and *fn its fence. */
static int
fence_open(const struct line *l, char *fc, size_t *fn)
{
	size_t n, k = 0;
	const char *s = body(l, &n);

	if (n < 3 || (s[0] != '`' && s[0] != '~'))
		return 0;
	while (k < n && s[k] == s[0])
		k++;
	if (k < 3 || (s[0] == '`' && memchr(s + k, '`', n - k) != NULL))
		return 0;
	*fc = s[0];
	*fn = k;
	return 1;
}

static int
fence_close(const struct line *l, char fc, size_t fn)
{
	size_t n, k = 0;
	const char *s = body(l, &n);

	while (k < n && s[k] == fc)
		k++;
	if (k < fn)
		return 0;
	while (k < n && (s[k] == ' ' || s[k] == '\t'))
		k++;
	return k == n;
}

/* The value of attr="v" (or 'v', or {"v"}) in s, n bytes, or NULL. */
static char *
attr(const char *s, size_t n, const char *name)
{
	size_t w = strlen(name);

	for (size_t i = 0; i + w < n; i++) {
		const char *v;
		char q;
		if (memcmp(s + i, name, w) != 0 || (i > 0 &&
		    (isalnum((unsigned char)s[i - 1]) || s[i - 1] == '-')))
			continue;
		i += w;
		while (i < n && s[i] == ' ')
			i++;
		if (i >= n || (s[i] != '=' && s[i] != ':'))
			continue;
		i++;
		while (i < n && (s[i] == ' ' || s[i] == '{'))
			i++;
		if (i >= n)
			return NULL;
		q = s[i];
		if (q == '"' || q == '\'' || q == '`') {
			v = s + ++i;
			while (i < n && s[i] != q)
				i++;
			return xstrndup(v, (size_t)(s + i - v));
		}
		v = s + i;
		while (i < n && !isspace((unsigned char)s[i]) && s[i] != '}' &&
		    s[i] != '>' && s[i] != '%' && s[i] != '/')
			i++;
		return xstrndup(v, (size_t)(s + i - v));
	}
	return NULL;
}

/* The first quoted string in s, n bytes, or NULL. */
static char *
quoted(const char *s, size_t n)
{
	const char *q = NULL;

	for (size_t i = 0; i < n; i++)
		if (s[i] == '"' || s[i] == '\'') {
			q = memchr(s + i + 1, s[i], n - i - 1);
			if (q != NULL)
				return xstrndup(s + i + 1, (size_t)(q - s - i - 1));
			return NULL;
		}
	return NULL;
}

/* The marker line of a construct: "[!type]" with "-" when it starts
 * folded, and the title when there is one. */
static char *
marker(const char *type, size_t tn, int folded, const char *title)
{
	struct buf b = {0};

	buf_adds(&b, "[!");
	for (size_t i = 0; i < tn; i++)
		buf_addc(&b, (char)tolower((unsigned char)type[i]));
	/* a title given as "" is none at all: "[!note|]" */
	if (title != NULL && title[0] == '\0')
		buf_addc(&b, '|');
	buf_addc(&b, ']');
	if (folded)
		buf_addc(&b, '-');
	if (title != NULL && title[0] != '\0') {
		buf_addc(&b, ' ');
		/* a title is one line of inline text */
		for (; *title; title++)
			buf_addc(&b, *title == '\n' || *title == '\r' ? ' ' : *title);
	}
	return buf_steal(&b);
}

/* What opens a construct, and how its body is found. */
enum shape {
	NONE,
	INDENTED,                /* body indented 4 more (MkDocs) */
	CLOSED,                  /* body up to a closing line */
	PARAGRAPH,               /* body the next paragraph (kramdown) */
	DROP                     /* a line of its own that goes (<Tabs>) */
};

struct opener {
	enum shape shape;
	char *mark;              /* the marker line */
	/* CLOSED: what closes it, and what opens another like it */
	char close[32];
	char nest[32];
	size_t colons;           /* ::: fences: their length */
	int titled;              /* PARAGRAPH: a quote whose first line is
	                          * the title follows */
};

static int
is_word(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '-' && s[i] != '_')
			return 0;
	return n > 0;
}

/* A Hugo shortcode or Liquid tag on a line of its own: its name, the
 * arguments, and its kind ('<', '%' or 'L'); 0 when the line is not one. */
static int
tag_line(const struct line *l, char *name, size_t namesz, const char **args,
    size_t *alen, int *closing)
{
	size_t n, k = 0, e;
	const char *s = body(l, &n);
	int kind;

	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	if (n >= 7 && memcmp(s, "{{<", 3) == 0 && memcmp(s + n - 3, ">}}", 3) == 0)
		kind = '<';
	else if (n >= 7 && memcmp(s, "{{%", 3) == 0 &&
	    memcmp(s + n - 3, "%}}", 3) == 0)
		kind = '%';
	else if (n >= 5 && memcmp(s, "{%", 2) == 0 && memcmp(s + n - 2, "%}", 2) == 0)
		kind = 'L';
	else
		return 0;
	k = kind == 'L' ? 2 : 3;
	e = kind == 'L' ? n - 2 : n - 3;
	/* one tag, alone on its line */
	if (holds(s + k, e - k, kind == 'L' ? "%}" : kind == '<' ? ">}}" : "%}}"))
		return 0;
	while (k < e && (s[k] == ' ' || s[k] == '-'))
		k++;
	*closing = k < e && s[k] == '/';
	if (*closing)
		k++;
	{
		size_t start = k;
		while (k < e && (isalnum((unsigned char)s[k]) || s[k] == '-' ||
		    s[k] == '_'))
			k++;
		if (k == start || k - start >= namesz)
			return 0;
		memcpy(name, s + start, k - start);
		name[k - start] = '\0';
	}
	if (kind == 'L' && strncmp(name, "end", 3) == 0) {
		*closing = 1;
		memmove(name, name + 3, strlen(name + 3) + 1);
	}
	*args = s + k;
	*alen = e - k;
	return kind;
}

/* Hugo's and GitBook's words for a callout's kind, as the kinds hbook
 * knows (markdown.c maps the rest). */
static const char *
color_kind(const char *c)
{
	static const char *const map[][2] = {{"primary", "note"},
	    {"secondary", "note"}, {"info", "info"}, {"success", "tip"},
	    {"warning", "warning"}, {"danger", "danger"}, {"error", "danger"},
	    {"light", "note"}, {"dark", "note"}};

	for (size_t i = 0; c != NULL && i < sizeof(map) / sizeof(*map); i++)
		if (strcmp(c, map[i][0]) == 0)
			return map[i][1];
	return c && is_word(c, strlen(c)) ? c : "note";
}

/* Whether l opens a construct; fills o. */
static int
opens(const struct line *l, int mdx, struct opener *o)
{
	size_t n, k;
	const char *s = body(l, &n);
	char name[32];
	const char *args;
	size_t alen;
	int closing, kind;

	memset(o, 0, sizeof(*o));
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	/* MkDocs: !!! type "Title" (the blank after !!! may be left out),
	 * ??? type, ???+ type, === "Label" */
	if (n > 4 && (memcmp(s, "!!!", 3) == 0 || memcmp(s, "???", 3) == 0) &&
	    (s[3] == ' ' || isalpha((unsigned char)s[3]) || (s[3] == '+' &&
	    s[0] == '?'))) {
		const char *t = s + (s[3] == '+' ? 4 : 3), *te;
		char *title;
		while (*t == ' ')
			t++;
		for (te = t; te < s + n && !isspace((unsigned char)*te) &&
		    *te != '"'; te++)
			;
		if (!is_word(t, (size_t)(te - t)))
			return 0;
		title = quoted(te, (size_t)(s + n - te));
		o->shape = INDENTED;
		o->mark = marker(t, (size_t)(te - t), s[0] == '?' &&
		    s[3] != '+', title);
		free(title);
		return 1;
	}
	if (prefix(s, n, "=== \"") || prefix(s, n, "===! \"") ||
	    prefix(s, n, "===+ \"")) {
		char *label = quoted(s, n);
		if (label == NULL)
			return 0;
		o->shape = INDENTED;
		o->mark = marker("tab", 3, 0, label);
		free(label);
		return 1;
	}
	/* ::: fences */
	for (k = 0; k < n && s[k] == ':'; k++)
		;
	if (k >= 3) {
		size_t c = k, te;
		while (k < n && s[k] == ' ')
			k++;
		for (te = k; te < n && (isalnum((unsigned char)s[te]) ||
		    s[te] == '-' || s[te] == '_'); te++)
			;
		if (te > k) {
			char *title = NULL;
			size_t r = te;
			if (r < n && s[r] == '[') {
				const char *e = memchr(s + r, ']', n - r);
				if (e != NULL)
					title = xstrndup(s + r + 1,
					    (size_t)(e - s - r - 1));
			} else if (r < n && s[r] == '{') {
				title = attr(s + r, n - r, "title");
			} else {
				while (r < n && s[r] == ' ')
					r++;
				if (r < n)
					title = xstrndup(s + r, n - r);
			}
			o->shape = CLOSED;
			o->colons = c;
			o->mark = marker(s + k, te - k, 0, title);
			free(title);
			return 1;
		}
		return 0;
	}
	/* MDX components */
	if (mdx && n > 5 && s[0] == '<') {
		if ((prefix(s, n, "<Tabs") && (s[5] == '>' || s[5] == ' ')) ||
		    (n == 7 && memcmp(s, "</Tabs>", 7) == 0)) {
			o->shape = DROP;
			return 1;
		}
		if (n > 8 && prefix(s, n, "<TabItem") && (s[8] == ' ' ||
		    s[8] == '>')) {
			char *label = attr(s, n, "label");
			if (label == NULL)
				label = attr(s, n, "value");
			o->shape = CLOSED;
			o->mark = marker("tab", 3, 0, label);
			snprintf(o->close, sizeof(o->close), "</TabItem>");
			snprintf(o->nest, sizeof(o->nest), "<TabItem");
			free(label);
			return 1;
		}
		if (prefix(s, n, "<Admonition")) {
			char *type = attr(s, n, "type"), *title = attr(s, n, "title");
			const char *t = type && is_word(type, strlen(type)) ? type :
			    "note";
			o->shape = CLOSED;
			o->mark = marker(t, strlen(t), 0, title);
			snprintf(o->close, sizeof(o->close), "</Admonition>");
			snprintf(o->nest, sizeof(o->nest), "<Admonition");
			free(type);
			free(title);
			return 1;
		}
	}
	/* kramdown's block attributes naming a callout class; others (an
	 * id, classes for the site's stylesheet) go */
	if (n > 3 && memcmp(s, "{:", 2) == 0 && s[n - 1] == '}') {
		const char *dot = memchr(s, '.', n);
		size_t e;
		if (dot == NULL) {
			o->shape = DROP;
			return 1;
		}
		for (e = (size_t)(dot - s) + 1; e < n && (isalnum((unsigned char)s[e]) ||
		    s[e] == '-' || s[e] == '_'); e++)
			;
		{
			static const char *const kinds[] = {"note", "tip",
			    "important", "warning", "caution", "highlight",
			    "new", "note-title", "warning-title", "important-title",
			    "new-title", "highlight-title", NULL};
			size_t w = e - (size_t)(dot - s) - 1;
			for (size_t i = 0; kinds[i]; i++)
				if (strlen(kinds[i]) == w &&
				    memcmp(dot + 1, kinds[i], w) == 0) {
					const char *t = kinds[i];
					size_t tn = strcspn(t, "-");
					o->shape = PARAGRAPH;
					o->mark = marker(t, tn, 0, NULL);
					o->titled = strchr(t, '-') != NULL;
					return 1;
				}
		}
		o->shape = DROP;
		return 1;
	}
	/* shortcodes and Liquid tags on lines of their own */
	if ((kind = tag_line(l, name, sizeof(name), &args, &alen, &closing)) != 0 &&
	    !closing) {
		char *title = attr(args, alen, "title"), *type = NULL;
		const char *t = NULL;
		if (strcmp(name, "hint") == 0 && kind == 'L') {
			type = attr(args, alen, "style");           /* GitBook */
			t = color_kind(type);
		} else if (strcmp(name, "hint") == 0 || strcmp(name, "notice") == 0) {
			/* hugo-book {{< hint warning >}}, relearn {{% notice
			 * warning "Title" %}} */
			size_t a = 0, b;
			while (a < alen && args[a] == ' ')
				a++;
			for (b = a; b < alen && !isspace((unsigned char)args[b]); b++)
				;
			type = xstrndup(args + a, b - a);
			if (title == NULL)
				title = quoted(args + b, alen - b);
			if (strchr(type, '=') != NULL) {
				free(type);
				type = attr(args, alen, "style");
			}
			t = color_kind(type);
		} else if (strcmp(name, "alert") == 0 || strcmp(name, "callout") == 0) {
			type = attr(args, alen, "color");
			if (type == NULL)
				type = attr(args, alen, "type");
			if (type == NULL)
				type = quoted(args, alen);
			t = color_kind(type);
		} else if (strcmp(name, "pageinfo") == 0) {
			/* Docsy's box of notes about the page: no title */
			free(title);
			title = xstrdup("");
			t = "info";
		} else if (strcmp(name, "tab") == 0) {
			free(title);
			title = attr(args, alen, "header");
			if (title == NULL)
				title = attr(args, alen, "name");
			if (title == NULL)
				title = attr(args, alen, "title");
			if (title == NULL)
				title = quoted(args, alen);
			t = "tab";
		} else if (strcmp(name, "card") == 0) {
			free(title);
			title = attr(args, alen, "header");
			if (title == NULL)
				title = attr(args, alen, "title");
			t = "card";
		} else if (strcmp(name, "details") == 0 && kind != 'L') {
			if (title == NULL)
				title = quoted(args, alen);
			t = "details";
		} else if (strcmp(name, "tabs") == 0 || strcmp(name, "tabpane") == 0 ||
		    strcmp(name, "cardpane") == 0) {
			free(title);
			o->shape = DROP;
			snprintf(o->close, sizeof(o->close), "%s", name);
			return 1;
		}
		if (t == NULL) {
			free(title);
			free(type);
			return 0;
		}
		o->shape = CLOSED;
		o->mark = marker(t, strlen(t), 0, title);
		/* the closing tag, by name: {{< /alert >}}, {% endhint %} */
		snprintf(o->close, sizeof(o->close), "%s", name);
		o->colons = (size_t)kind;
		free(title);
		free(type);
		return 1;
	}
	return 0;
}

/* Whether l closes the CLOSED construct o (and, for nesting, whether it
 * opens another like it: *again). */
static int
closes(const struct line *l, const struct opener *o, int *again)
{
	size_t n, k;
	const char *s = body(l, &n);

	*again = 0;
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	if (o->close[0] == '<') {
		*again = n >= strlen(o->nest) &&
		    memcmp(s, o->nest, strlen(o->nest)) == 0;
		return n == strlen(o->close) && memcmp(s, o->close, n) == 0;
	}
	if (o->close[0] != '\0') {
		char name[32];
		const char *args;
		size_t alen;
		int closing;
		if (tag_line(l, name, sizeof(name), &args, &alen, &closing) == 0 ||
		    strcmp(name, o->close) != 0)
			return 0;
		*again = !closing;
		return closing;
	}
	/* ::: fences: a line of colons only closes; another opener nests */
	for (k = 0; k < n && s[k] == ':'; k++)
		;
	if (k >= 3 && k < n) {
		*again = k >= o->colons;
		return 0;
	}
	return k >= 3 && k == n && k >= o->colons;
}

static void
emit(struct out *o, size_t ind, const char *prefix, const char *s, size_t n)
{
	for (size_t i = 0; i < ind; i++)
		buf_addc(&o->b, ' ');
	buf_adds(&o->b, prefix);
	buf_add(&o->b, s, n);
	buf_addc(&o->b, '\n');
}

static void rewrite(const struct line *ls, size_t n, int mdx, int depth,
    struct out *o);

/* Writes the body lines ls[0..n), as the quote of a construct opened at
 * column ind. */
static void
quote_body(const struct line *ls, size_t n, size_t ind, int mdx, int depth,
    struct out *o)
{
	struct out sub = {{0}, 0};
	const char *p;

	rewrite(ls, n, mdx, depth + 1, &sub);
	p = sub.b.data;
	for (size_t i = 0; i < n; i++) {
		const char *e = strchr(p, '\n');
		emit(o, ind, e > p ? "> " : ">", p, (size_t)(e - p));
		p = e + 1;
	}
	buf_free(&sub.b);
}

/* MDX's import and export lines: how many lines from ls[0] they take. */
static size_t
esm_lines(const struct line *ls, size_t n)
{
	size_t i = 0;
	int braces = 0;

	if (!(starts(&ls[0], "import ") || starts(&ls[0], "export ")) ||
	    indent_of(&ls[0]) != 0)
		return 0;
	for (; i < n; i++) {
		for (size_t k = 0; k < ls[i].n; k++)
			braces += ls[i].s[k] == '{' ? 1 : ls[i].s[k] == '}' ? -1 : 0;
		if (braces <= 0 && (blank(&ls[i]) || (i + 1 < n &&
		    (blank(&ls[i + 1]) || (!isspace((unsigned char)ls[i + 1].s[0]) &&
		    ls[i + 1].s[0] != '}' && ls[i].n > 0 &&
		    strchr(",{(", ls[i].s[ls[i].n - 1]) == NULL)))))
			return i + 1;
	}
	return n;
}

static void
rewrite(const struct line *ls, size_t n, int mdx, int depth, struct out *o)
{
	char fc = 0;
	size_t fn = 0;

	for (size_t i = 0; i < n; i++) {
		const struct line *l = &ls[i];
		struct opener op;
		size_t ind, j;

		if (fc != 0) {
			if (fence_close(l, fc, fn))
				fc = 0;
			emit(o, 0, "", l->s, l->n);
			continue;
		}
		if (fence_open(l, &fc, &fn)) {
			emit(o, 0, "", l->s, l->n);
			continue;
		}
		if (mdx && starts(l, "{/*")) {
			/* an MDX comment, to its end */
			for (j = i; j < n && !holds(ls[j].s, ls[j].n, "*/}"); j++)
				;
			if (j < n) {            /* never closed: text */
				for (size_t k = i; k <= j; k++)
					emit(o, 0, "", "", 0);
				i = j;
				o->changed = 1;
				continue;
			}
		}
		if (mdx && depth == 0 && (j = esm_lines(ls + i, n - i)) > 0) {
			for (size_t k = 0; k < j; k++)
				emit(o, 0, "", "", 0);
			i += j - 1;
			o->changed = 1;
			continue;
		}
		if (depth > 32 || !opens(l, mdx, &op)) {
			emit(o, 0, "", l->s, l->n);
			continue;
		}
		o->changed = 1;
		ind = indent_of(l);
		if (op.shape == DROP) {
			emit(o, 0, "", "", 0);
			continue;
		}
		if (op.shape == INDENTED) {
			size_t last = i;
			for (j = i + 1; j < n; j++) {
				if (blank(&ls[j]))
					continue;
				if (indent_of(&ls[j]) < ind + 4)
					break;
				last = j;
			}
			emit(o, ind, "> ", op.mark, strlen(op.mark));
			{
				struct line *b = xcalloc(last - i + 1, sizeof(*b));
				for (size_t k = i + 1; k <= last; k++)
					b[k - i - 1] = dedent(&ls[k], ind + 4);
				quote_body(b, last - i, ind, mdx, depth, o);
				free(b);
			}
			i = last;
		} else if (op.shape == PARAGRAPH) {
			/* "{: .note-title }" and a quote: its first line is
			 * the title */
			j = i + 1;
			if (op.titled && j < n && starts(&ls[j], ">")) {
				size_t bn;
				const char *t = body(&ls[j], &bn);
				char *mk;
				for (t++, bn--; bn > 0 && *t == ' '; t++, bn--)
					;
				mk = xasprintf("%s %.*s", op.mark, (int)bn, t);
				emit(o, ind, "> ", mk, strlen(mk));
				free(mk);
				emit(o, ind, ">", "", 0);
				for (j = i + 2; j < n && starts(&ls[j], ">"); j++)
					emit(o, 0, "", ls[j].s, ls[j].n);
			} else {
				emit(o, ind, "> ", op.mark, strlen(op.mark));
				for (; j < n && !blank(&ls[j]); j++)
					emit(o, 0, "> ", ls[j].s, ls[j].n);
			}
			i = j - 1;
		} else {
			/* CLOSED: up to the closing line, nested ones counted */
			int level = 1, again;
			for (j = i + 1; j < n; j++) {
				char c2 = 0;
				size_t n2;
				if (fence_open(&ls[j], &c2, &n2)) {
					while (++j < n && !fence_close(&ls[j], c2, n2))
						;
					continue;
				}
				if (closes(&ls[j], &op, &again) && --level == 0)
					break;
				level += again;
			}
			emit(o, ind, "> ", op.mark, strlen(op.mark));
			{
				size_t nb = (j < n ? j : n) - i - 1;
				struct line *b = xcalloc(nb + 1, sizeof(*b));
				size_t common = (size_t)-1;
				/* MDX and shortcodes indent their bodies as
				 * they like: the least indentation goes */
				for (size_t k = 0; k < nb; k++) {
					size_t c = indent_of(&ls[i + 1 + k]);
					if (c < common)
						common = c;
				}
				if (common == (size_t)-1 || op.colons >= 3)
					common = ind;
				for (size_t k = 0; k < nb; k++)
					b[k] = dedent(&ls[i + 1 + k], common);
				quote_body(b, nb, ind, mdx, depth, o);
				free(b);
			}
			if (j < n)
				emit(o, 0, "", "", 0);       /* the closing line */
			i = j;
		}
		free(op.mark);
	}
}

char *
dialect_rewrite(const char *md, size_t len, int mdx, size_t *outlen)
{
	struct line *ls = NULL;
	size_t n = 0, cap = 0;
	struct out o = {{0}, 0};
	const char *p = md, *end = md + len;

	/* nothing to do unless a line could open something */
	if (!mdx && !holds(md, len, "!!!") && !holds(md, len, "???") &&
	    !holds(md, len, "===") && !holds(md, len, ":::") &&
	    !holds(md, len, "{:") && !holds(md, len, "{{") && !holds(md, len, "{%"))
		return NULL;
	while (p < end) {
		const char *e = memchr(p, '\n', (size_t)(end - p));
		if (n == cap) {
			cap = cap ? 2 * cap : 256;
			ls = xrealloc(ls, cap * sizeof(*ls));
		}
		ls[n].s = p;
		ls[n].n = (size_t)((e ? e : end) - p);
		n++;
		p = e ? e + 1 : end;
	}
	rewrite(ls, n, mdx, 0, &o);
	free(ls);
	if (!o.changed) {
		buf_free(&o.b);
		return NULL;
	}
	*outlen = o.b.len;
	return buf_steal(&o.b);
}
