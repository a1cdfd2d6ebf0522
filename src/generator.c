/* generator.c: site generators' template syntax, done as the site meant
 * before the Markdown is parsed.
 *
 *   Hugo      {{< name args >}}, {{% name args %}}, {{< /name >}},
 *             comments: a slash and a star after the braces
 *   Liquid    {{ variable | filter }}, {% tag args %} ... {% endtag %}
 *   Zola      {{ name(args) }}, {% name(args) %} ... {% end %}
 *
 * figure becomes a figure with its caption; ref, relref, link, post_url and
 * Zola's get_url become the path they name, which links.c resolves;
 * site.baseurl, site.url and base_url become "" so links are site paths;
 * highlight becomes a fenced code block; raw keeps its content as written
 * and comment drops it; embed (GitBook), youtube and vimeo (Hugo, Zola)
 * become a link to the video or page ("Video: ..."); GitBook's
 * content-ref keeps the link it holds.  Any other tag goes, keeping what
 * it encloses, with one warning per tag name per page.  Syntax is handled
 * everywhere, code included, as the generators themselves do; on a Zola
 * site only its shortcodes are syntax. */
#include "generator.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "page.h"
#include "text.h"
#include "util.h"

struct tag {
	const char *start, *end;     /* the whole tag in the source */
	int kind;                    /* '<', '%' (Hugo), '{' (output), 'L' ({%) */
	int closing;                 /* {{< /name >}} or {% endname %} */
	char name[64];
	const char *args, *args_end;
};

/* Finds the end of the tag opening at s; fills t.  Returns 0 when s does
 * not open a complete tag. */
static int
parse_tag(const char *s, const char *end, struct tag *t)
{
	const char *close, *p, *e;
	size_t n;

	memset(t, 0, sizeof(*t));
	t->start = s;
	if (s + 2 >= end || s[0] != '{' || (s[1] != '{' && s[1] != '%'))
		return 0;
	if (s[1] == '{' && s[2] == '<') {
		t->kind = '<';
		close = ">}}";
		p = s + 3;
	} else if (s[1] == '{' && s[2] == '%') {
		t->kind = '%';
		close = "%}}";
		p = s + 3;
	} else if (s[1] == '{') {
		t->kind = '{';
		close = "}}";
		p = s + 2;
	} else {
		t->kind = 'L';
		close = "%}";
		p = s + 2;
	}
	n = strlen(close);
	for (e = p; e + n <= end; e++)
		if (memcmp(e, close, n) == 0)
			break;
	if (e + n > end)
		return 0;
	t->end = e + n;
	/* trim, and Liquid's whitespace control "-" */
	while (p < e && (isspace((unsigned char)*p) || *p == '-'))
		p++;
	while (e > p && (isspace((unsigned char)e[-1]) || e[-1] == '-'))
		e--;
	if (p + 1 < e && p[0] == '/' && p[1] == '*') {
		t->kind = 'c';            /* Hugo comment */
		return 1;
	}
	if (p < e && *p == '/' && t->kind != '{' && t->kind != 'L') {
		t->closing = 1;
		p++;
	}
	for (n = 0; p < e && n + 1 < sizeof(t->name) &&
	    (isalnum((unsigned char)*p) || strchr("_.-", *p)); p++)
		t->name[n++] = *p;
	t->name[n] = '\0';
	if (t->kind == 'L' && strncmp(t->name, "end", 3) == 0) {
		t->closing = 1;
		memmove(t->name, t->name + 3, strlen(t->name + 3) + 1);
	}
	t->args = p;
	t->args_end = e;
	return 1;
}

/* The value of a named argument (key="v", key=v, key: "v") or of the
 * position-th positional one.  The caller frees it; NULL when absent. */
static char *
arg(const struct tag *t, const char *key, int position)
{
	const char *p = t->args, *e = t->args_end;
	int pos = 0;

	if (p < e && *p == '(')
		p++;
	while (p < e) {
		const char *k = NULL, *ke = NULL, *v, *ve;
		char q;

		while (p < e && (isspace((unsigned char)*p) || *p == ',' ||
		    *p == ')'))
			p++;
		if (p >= e)
			break;
		if (isalpha((unsigned char)*p)) {
			const char *w = p;
			while (w < e && (isalnum((unsigned char)*w) || *w == '_' ||
			    *w == '-'))
				w++;
			if (w < e && (*w == '=' || *w == ':')) {
				k = p;
				ke = w;
				p = w + 1;
			}
		}
		q = *p;
		if (q == '"' || q == '\'' || q == '`') {
			v = ++p;
			while (p < e && *p != q)
				p++;
			ve = p;
			if (p < e)
				p++;
		} else {
			v = p;
			while (p < e && !isspace((unsigned char)*p) && *p != ',' &&
			    *p != ')')
				p++;
			ve = p;
		}
		if (k != NULL && key != NULL && (size_t)(ke - k) == strlen(key) &&
		    strncmp(k, key, (size_t)(ke - k)) == 0)
			return xstrndup(v, (size_t)(ve - v));
		if (k == NULL && pos++ == position)
			return xstrndup(v, (size_t)(ve - v));
	}
	return NULL;
}

static void
add_escaped(struct buf *b, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': buf_adds(b, "&amp;"); break;
		case '<': buf_adds(b, "&lt;"); break;
		case '>': buf_adds(b, "&gt;"); break;
		case '"': buf_adds(b, "&quot;"); break;
		default: buf_addc(b, *s); break;
		}
	}
}

/* A path as a link destination: <...> when it holds blanks. */
static void
add_path(struct buf *b, const char *path)
{
	const char *p = path;

	if (strncmp(p, "@/", 2) == 0)     /* Zola: from the content root */
		p++;
	if (strpbrk(p, " \t()") != NULL) {
		buf_addc(b, '<');
		buf_adds(b, p);
		buf_addc(b, '>');
	} else {
		buf_adds(b, p);
	}
}

/* The page's line of the text at at: lines from line0, through the page's
 * line map when it includes other files. */
/* A video or page a shortcode embeds, as a link a reader can follow:
 * GitBook's {% embed url= %}, Hugo's youtube and vimeo. */
static void
add_embed(struct buf *out, const struct tag *t)
{
	char *id = arg(t, "id", 0), *title = arg(t, "title", -1), *url;
	char *href;

	if (strcmp(t->name, "youtube") == 0 && id != NULL)
		url = xasprintf("https://www.youtube.com/watch?v=%s", id);
	else if (strcmp(t->name, "vimeo") == 0 && id != NULL)
		url = xasprintf("https://vimeo.com/%s", id);
	else
		url = arg(t, "url", 0);
	free(id);
	if (url == NULL) {
		free(title);
		return;
	}
	href = embed_address(url);
	buf_adds(out, embed_is_video(href) ? "Video: " : "Link: ");
	if (title != NULL && title[0] != '\0') {
		buf_addc(out, '[');
		add_escaped(out, title);
		buf_adds(out, "](");
		add_path(out, href);
		buf_addc(out, ')');
	} else {
		buf_addc(out, '<');
		buf_adds(out, href);
		buf_addc(out, '>');
	}
	free(href);
	free(url);
	free(title);
}

static int
line_of(const struct page *pg, const char *start, const char *at, int line0)
{
	int k = 0;

	for (; start < at; start++)
		k += *start == '\n';
	return pg != NULL ? page_line(pg, k) : line0 + k;
}

static void
warn_tag(struct page *pg, const char *name, int line)
{
	if (pg != NULL)
		page_unknown(pg, UNKNOWN_TAG, name, line);
}

/* The next tag named name (closing or not) after s; NULL when none. */
static const char *
find_tag(const char *s, const char *end, const char *name, int closing,
    struct tag *t)
{
	for (; s < end; s++)
		if (s[0] == '{' && s + 1 < end && (s[1] == '{' || s[1] == '%') &&
		    parse_tag(s, end, t) && t->closing == closing &&
		    strcmp(t->name, name) == 0)
			return s;
	return NULL;
}

static int
is_variable(const char *name, const char *const *names)
{
	for (; *names; names++)
		if (strcmp(name, *names) == 0)
			return 1;
	return 0;
}

/* Zola reads only shortcodes, {{ name(args) }} and {% name(args) %}
 * ... {% end %}, in a page; the rest of Tera's syntax is text there. */
static int
zola_tag(const struct tag *t)
{
	return t->kind == 'c' || (t->closing && t->name[0] == '\0') ||
	    strchr(t->name, '(') != NULL || (t->args < t->args_end &&
	    *t->args == '(');
}

char *
generators_expand(const char *md, size_t len, int syntax, struct page *pg,
    int line0, size_t *outlen)
{
	static const char *const base_vars[] = {"site.baseurl", "site.url",
	    "site.base_url", "base_url", "config.base_url", "baseurl",
	    ".Site.BaseURL", NULL};
	static const char *const path_tags[] = {"ref", "relref", "link",
	    "post_url", "get_url", NULL};
	const char *s = md, *end = md + len, *copied = md;
	struct buf out = {0};
	struct tag t, c;

	if (!(syntax & (SYNTAX_TEMPLATES | SYNTAX_ZOLA)))
		return NULL;
	{
		/* most articles have no tag: memchr() finds that fast */
		const char *p = md;
		while ((p = memchr(p, '{', (size_t)(end - p))) != NULL &&
		    p + 1 < end && p[1] != '{' && p[1] != '%')
			p++;
		if (p == NULL || p + 1 >= end)
			return NULL;
	}
	buf_add(&out, "", 0);
	while (s < end) {
		const char *next = memchr(s, '{', (size_t)(end - s));
		int line;

		if (next == NULL)
			break;
		s = next;
		if (!parse_tag(s, end, &t)) {
			if (s + 1 < end && (s[1] == '{' || s[1] == '%')) {
				/* an opener that never closes: it goes too */
				buf_add(&out, copied, (size_t)(s - copied));
				warn_tag(pg, s[1] == '{' ? "{{" : "{%",
				    line_of(pg, md, s, line0));
				copied = s = s + 2;
				continue;
			}
			s++;
			continue;
		}
		if ((syntax & SYNTAX_ZOLA) && !zola_tag(&t)) {
			s++;
			continue;
		}
		buf_add(&out, copied, (size_t)(s - copied));
		line = line_of(pg, md, s, line0);
		copied = s = t.end;
		if (t.kind == 'c' && (syntax & SYNTAX_ZOLA)) {
			/* Zola's escape: a shortcode between slash-star and
			 * star-slash is text: {{ name() }} */
			const char *a = strstr(t.start, "/*");
			const char *z = a ? strstr(a, "*/") : NULL;
			if (z != NULL && z < t.end) {
				buf_add(&out, t.start, 2);
				buf_add(&out, a + 2, (size_t)(z - a - 2));
				buf_add(&out, t.end - 2, 2);
			}
			continue;
		}
		if (t.kind == 'c')
			continue;
		if (t.closing) {
			/* the end of a tag whose content stays */
			continue;
		}
		if (t.kind == '{' && strchr(t.name, '(') == NULL &&
		    (t.args >= t.args_end || *t.args != '(')) {
			/* an output: a variable, perhaps filtered */
			char var[64];
			const char *value;
			size_t n = strcspn(t.name, "|");
			const char *q = t.args;
			while (q < t.args_end && (*q == ' ' || *q == '\t'))
				q++;
			if (t.name[0] == '\0' && q < t.args_end &&
			    (*q == '\'' || *q == '"')) {
				/* a string, through path filters ('/x' |
				 * relative_url): the path */
				const char *e = memchr(q + 1, *q,
				    (size_t)(t.args_end - q - 1));
				if (e != NULL)
					buf_add(&out, q + 1, (size_t)(e - q - 1));
				continue;
			}
			snprintf(var, sizeof(var), "%.*s", (int)n, t.name);
			if (strncmp(var, "page.", 5) == 0 && pg != NULL &&
			    pg->art != NULL && (value = article_var(pg->art,
			    var + 5)) != NULL) {
				/* the page's own front matter, as Jekyll fills it */
				buf_adds(&out, value);
			} else if (!is_variable(var, base_vars)) {
				warn_tag(pg, var, line);
			}
			continue;
		}
		if (strcmp(t.name, "raw") == 0 || strcmp(t.name, "comment") == 0) {
			const char *e = find_tag(s, end, t.name, 1, &c);
			if (strcmp(t.name, "raw") == 0)
				buf_add(&out, s, (size_t)((e ? e : end) - s));
			copied = s = e ? c.end : end;
			continue;
		}
		if (is_variable(t.name, path_tags)) {
			char *p = arg(&t, "path", 0);
			if (p != NULL)
				add_path(&out, p);
			free(p);
			continue;
		}
		if (strcmp(t.name, "figure") == 0) {
			char *src = arg(&t, "src", 0), *cap = arg(&t, "caption", -1);
			char *alt = arg(&t, "alt", -1), *title = arg(&t, "title", -1);

			buf_adds(&out, "<figure><img src=\"");
			add_escaped(&out, src ? src : "");
			buf_adds(&out, "\" alt=\"");
			add_escaped(&out, alt ? alt : cap ? cap : title ? title : "");
			buf_adds(&out, "\">");
			if (cap != NULL || title != NULL) {
				buf_adds(&out, "<figcaption>");
				add_escaped(&out, cap ? cap : title);
				buf_adds(&out, "</figcaption>");
			}
			buf_adds(&out, "</figure>");
			free(src);
			free(cap);
			free(alt);
			free(title);
			continue;
		}
		if (strcmp(t.name, "embed") == 0 || strcmp(t.name, "youtube") == 0 ||
		    strcmp(t.name, "vimeo") == 0) {
			add_embed(&out, &t);
			continue;
		}
		if (strcmp(t.name, "content-ref") == 0) {
			/* GitBook's card of another page: the link it holds
			 * stays; without one, its address becomes the link */
			const char *e = find_tag(s, end, t.name, 1, &c);
			char *url = arg(&t, "url", -1);
			int empty = 1;
			for (const char *q = s; e != NULL && q < e; q++)
				empty &= isspace((unsigned char)*q) != 0;
			if (empty && url != NULL) {
				buf_addc(&out, '[');
				buf_adds(&out, url);
				buf_adds(&out, "](");
				add_path(&out, url);
				buf_addc(&out, ')');
			}
			free(url);
			continue;
		}
		if (strcmp(t.name, "highlight") == 0 && t.kind != 'L') {
			char *lang = arg(&t, NULL, 0);
			const char *e = find_tag(s, end, "highlight", 1, &c);
			buf_adds(&out, "\n```");
			buf_adds(&out, lang ? lang : "");
			buf_addc(&out, '\n');
			{
				const char *ce = e ? e : end;
				while (s < ce && *s == '\n')
					s++;
				while (ce > s && ce[-1] == '\n')
					ce--;
				buf_add(&out, s, (size_t)(ce - s));
			}
			buf_adds(&out, "\n```\n");
			copied = s = e ? c.end : end;
			free(lang);
			continue;
		}
		/* include, if, for, unknown shortcodes: the tag goes */
		{
			char name[64];
			size_t n = strcspn(t.name, "(");
			snprintf(name, sizeof(name), "%.*s", (int)n, t.name);
			/* branches of an if: the if itself was reported */
			if (strcmp(name, "else") && strcmp(name, "elsif") &&
			    strcmp(name, "when"))
				warn_tag(pg, name[0] ? name : "{{", line);
		}
	}
	buf_add(&out, copied, (size_t)(end - copied));
	*outlen = out.len;
	return buf_steal(&out);
}
