/* include.c: another file's text where a page includes it, as the site's
 * generator puts it there before it reads the Markdown.
 *
 *   MkDocs      --8<-- "file"            (pymdownx.snippets: from the
 *                                          site's folder, then the page's)
 *   Hugo        {{% include "file" %}}   (the site's shortcode: from the
 *               {{< readfile file= >}}     site's folder)
 *   Jekyll      {% include_relative f %} (from the page's folder)
 *               {% include f.md %}       (from _includes; Markdown only:
 *                                          an HTML template cannot be run)
 *   GitBook     {% include "file.md" %}  (from the page's folder, then the
 *                                          site's)
 *   MDX         import X from './_x.md' and then <X />
 *
 * Each on a line of its own.  Only files inside the site's folder are
 * read (input.c's rule), INCLUDE_DEPTH deep at most; a file that includes
 * itself, however far down, is refused with a warning.  The text gets a
 * line map, so diagnostics name the page's own lines: an included line is
 * the including line's. */
#include "include.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "input.h"
#include "page.h"
#include "site.h"
#include "util.h"

#define INCLUDE_DEPTH 8

enum from {
	FROM_SITE,               /* the site's folder, then the page's */
	FROM_PAGE,               /* the page's folder, then the site's */
	FROM_INCLUDES            /* Jekyll's _includes */
};

struct inc {
	struct page *pg;
	struct buf out;
	int *map;
	size_t nmap, cap;
	const char *stack[INCLUDE_DEPTH + 1];   /* the files being included */
	int depth;
	int changed;
	struct strmap *imports;  /* MDX: component name -> file */
};

static void
add_line(struct inc *x, const char *s, size_t n, int line)
{
	buf_add(&x->out, s, n);
	buf_addc(&x->out, '\n');
	if (x->nmap == x->cap) {
		x->cap = x->cap ? 2 * x->cap : 256;
		x->map = xrealloc(x->map, x->cap * sizeof(*x->map));
	}
	x->map[x->nmap++] = line;
}

/* The text of the line after its indentation, without trailing blanks. */
static const char *
trimmed(const char *s, size_t n, size_t *len)
{
	while (n > 0 && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	*len = n;
	return s;
}

/* The first quoted name in s (or the first word, unquoted). */
static char *
name_in(const char *s, size_t n)
{
	size_t i = 0, e;

	while (i < n && (s[i] == ' ' || s[i] == '('))
		i++;
	if (i < n && (s[i] == '"' || s[i] == '\'')) {
		const char *q = memchr(s + i + 1, s[i], n - i - 1);
		return q ? xstrndup(s + i + 1, (size_t)(q - s - i - 1)) : NULL;
	}
	for (e = i; e < n && !isspace((unsigned char)s[e]) && s[e] != '%' &&
	    s[e] != '}' && s[e] != '>'; e++)
		;
	return e > i ? xstrndup(s + i, e - i) : NULL;
}

/* What the line includes, and from where: the name (the caller frees
 * it), or NULL. */
static char *
includes(struct inc *x, const char *s, size_t n, enum from *from)
{
	size_t k;

	if (n > 6 && memcmp(s, "--8<--", 6) == 0) {
		*from = FROM_SITE;
		return name_in(s + 6, n - 6);
	}
	if ((x->pg->syntax & SYNTAX_TEMPLATES) && n > 6 && s[0] == '{' &&
	    (s[1] == '{' || s[1] == '%')) {
		const char *p = s + 2, *e = s + n;
		if (*p == '%' || *p == '<')
			p++;
		while (p < e && (*p == ' ' || *p == '-'))
			p++;
		for (k = 0; p + k < e && (isalnum((unsigned char)p[k]) || p[k] == '_');
		    k++)
			;
		if (k == 16 && strncmp(p, "include_relative", 16) == 0) {
			*from = FROM_PAGE;
			return name_in(p + k, (size_t)(e - p - k));
		}
		if (k == 7 && strncmp(p, "include", 7) == 0) {
			char *name = name_in(p + k, (size_t)(e - p - k));
			/* Hugo's {{% include %}} reads from the site; Liquid's
			 * from _includes, GitBook's from the page */
			*from = s[1] == '{' ? FROM_SITE : name && name[0] != '\0' &&
			    (p[k + 1] == '"' || p[k + 1] == '\'') ? FROM_PAGE :
			    FROM_INCLUDES;
			if (name != NULL && !str_ends(name, ".md") &&
			    !str_ends(name, ".markdown")) {
				free(name);
				return NULL;     /* a template: generator.c says so */
			}
			return name;
		}
		if (k == 8 && strncmp(p, "readfile", 8) == 0) {
			const char *f = strstr(p, "file=");
			*from = FROM_SITE;
			return f ? name_in(f + 5, (size_t)(e - f - 5)) :
			    name_in(p + k, (size_t)(e - p - k));
		}
		return NULL;
	}
	if (x->imports != NULL && n > 3 && s[0] == '<' && s[n - 1] == '>' &&
	    s[n - 2] == '/') {
		char *name;
		const char *file;
		for (k = 1; k < n && (isalnum((unsigned char)s[k]) || s[k] == '_'); k++)
			;
		name = xstrndup(s + 1, k - 1);
		file = strmap_get(x->imports, name);
		free(name);
		if (file != NULL) {
			*from = FROM_PAGE;
			return xstrdup(file);
		}
	}
	return NULL;
}

/* The file name names, in the site's folder, from the folder dir of the
 * file including it; NULL when there is none. */
static char *
find(struct inc *x, const char *name, enum from from, const char *dir)
{
	const struct book *b = x->pg->book;
	const char *site = b->site && b->site->dir ? b->site->dir : "";
	const char *rel = name;
	char *tries[3] = {NULL, NULL, NULL}, *found = NULL;

	if (strncmp(rel, "@site/", 6) == 0) {
		rel += 6;
		from = FROM_SITE;
	}
	while (*rel == '/')
		rel++, from = FROM_SITE;
	if (from == FROM_INCLUDES) {
		char *inc = path_join(site, "_includes");
		tries[0] = path_join(inc, rel);
		free(inc);
	} else {
		tries[from == FROM_SITE ? 0 : 1] = path_join(site, rel);
		tries[from == FROM_SITE ? 1 : 0] = path_join(dir, rel);
	}
	for (int i = 0; i < 3 && found == NULL; i++) {
		char *norm = tries[i] ? path_normalize(tries[i]) : NULL;
		if (norm != NULL && input_exists(b->in, norm))
			found = norm;
		else
			free(norm);
	}
	for (int i = 0; i < 3; i++)
		free(tries[i]);
	return found;
}

static void expand(struct inc *x, const char *text, size_t len,
    const char *dir, int line0, int top);

/* Puts the file rel's text where line (of the page) includes it. */
static void
include_file(struct inc *x, const char *rel, int line)
{
	const struct book *b = x->pg->book;
	char *data, *dir;
	size_t len;

	for (int i = 0; i < x->depth; i++)
		if (strcmp(x->stack[i], rel) == 0) {
			warnx_at(x->pg->src, x->pg->line0 + line, "%s includes "
			    "itself: left out", rel);
			return;
		}
	if (x->depth >= INCLUDE_DEPTH) {
		warnx_at(x->pg->src, x->pg->line0 + line, "includes nested "
		    "over %d deep: %s left out", INCLUDE_DEPTH, rel);
		return;
	}
	if (input_file(b->in, rel, INPUT_MAX_ARTICLE, &data, &len) < 0) {
		warnx_at(x->pg->src, x->pg->line0 + line, "cannot include %s: %s",
		    rel, input_error(errno));
		return;
	}
	x->stack[x->depth++] = rel;
	dir = path_dir(rel);
	{
		/* an included page's front matter is not text */
		const char *t = data;
		size_t n = len;
		if (n > 4 && memcmp(t, "---\n", 4) == 0) {
			const char *e = strstr(t + 4, "\n---");
			if (e != NULL && (e = strchr(e + 4, '\n')) != NULL) {
				n -= (size_t)(e + 1 - t);
				t = e + 1;
			}
		}
		expand(x, t, n, dir, line, 0);
	}
	free(dir);
	x->depth--;
	free(data);
}

/* MDX: "import Name from './file.md'" lines, remembered. */
static void
read_imports(struct inc *x, const char *text, size_t len)
{
	const char *p = text, *end = text + len;

	while (p < end) {
		const char *e = memchr(p, '\n', (size_t)(end - p)), *from;
		size_t n = (size_t)((e ? e : end) - p);
		if (n > 7 && memcmp(p, "import ", 7) == 0 &&
		    (from = strstr(p, " from ")) != NULL && from < p + n) {
			const char *nm = p + 7;
			size_t k = 0;
			while (isalnum((unsigned char)nm[k]) || nm[k] == '_')
				k++;
			const char *q = from + 6;
			while (*q == ' ')
				q++;
			if (k > 0 && (*q == '\'' || *q == '"')) {
				const char *qe = memchr(q + 1, *q, (size_t)(p + n - q - 1));
				char *file = qe ? xstrndup(q + 1, (size_t)(qe - q - 1)) :
				    NULL;
				if (file != NULL && (str_ends(file, ".md") ||
				    str_ends(file, ".mdx"))) {
					char *name = xstrndup(nm, k);
					if (x->imports == NULL)
						x->imports = strmap_new();
					if (strmap_put(x->imports, name, file) != file)
						free(file);      /* imported twice */
					free(name);
				} else {
					free(file);
				}
			}
		}
		p = e ? e + 1 : end;
	}
}

/* Copies text, whose first line is the page's line line0 (top) or which
 * the page's line line0 includes, with its includes done. */
static void
expand(struct inc *x, const char *text, size_t len, const char *dir,
    int line0, int top)
{
	const char *p = text, *end = text + len;
	int line = line0;
	char fence = 0;
	size_t fn = 0;

	while (p < end) {
		const char *e = memchr(p, '\n', (size_t)(end - p));
		size_t n = (size_t)((e ? e : end) - p), tn, k = 0;
		const char *t = trimmed(p, n, &tn);
		enum from from;
		char *name, *rel;

		/* fenced code is copied as it is */
		while (k < tn && (t[k] == '`' || t[k] == '~') && t[k] == t[0])
			k++;
		if (fence != 0 && k >= fn && t[0] == fence && k == tn) {
			fence = 0;
		} else if (fence == 0 && k >= 3) {
			fence = t[0];
			fn = k;
		} else if (fence == 0 && (name = includes(x, t, tn, &from)) != NULL) {
			rel = find(x, name, from, dir);
			if (rel != NULL) {
				include_file(x, rel, top ? line : line0);
				x->changed = 1;
			} else {
				warnx_at(x->pg->src, x->pg->line0 + (top ? line :
				    line0), "included file not found in the site's "
				    "folder: %s", name);
			}
			free(rel);
			free(name);
			p = e ? e + 1 : end;
			line++;
			continue;
		}
		add_line(x, p, n, top ? line : line0);
		p = e ? e + 1 : end;
		line++;
	}
}

static void
free_value(const char *key, void *value, void *arg)
{
	(void)key;
	(void)arg;
	free(value);
}

/* Whether md may include a file: a snippet line ("--8<--"), or a
 * template tag ("{%" or "{{") naming include or readfile.  One pass of
 * memchr() over a page with neither. */
static int
may_include(const char *md, size_t len)
{
	const char *p, *end = md + len;

	for (p = md; (p = memchr(p, '<', (size_t)(end - p))) != NULL; p++)
		if (p - md >= 3 && memcmp(p - 3, "--8", 3) == 0)
			return 1;
	for (p = md; (p = memchr(p, '{', (size_t)(end - p))) != NULL; p++)
		if (p + 1 < end && (p[1] == '{' || p[1] == '%'))
			return strstr(md, "include") || strstr(md, "readfile");
	return 0;
}

char *
include_expand(struct page *pg, const char *md, size_t len, size_t *outlen,
    int **map)
{
	struct inc x;
	char *dir, *page;

	*map = NULL;
	if (pg == NULL || pg->book == NULL || pg->art == NULL ||
	    (!may_include(md, len) && !(pg->syntax & SYNTAX_MDX)))
		return NULL;
	memset(&x, 0, sizeof(x));
	x.pg = pg;
	if (pg->syntax & SYNTAX_MDX)
		read_imports(&x, md, len);
	page = path_join(pg->art->where ? pg->art->where : "", pg->art->path);
	dir = path_dir(page);
	x.stack[x.depth++] = page;
	expand(&x, md, len, dir, 0, 1);
	free(dir);
	free(page);
	if (x.imports != NULL) {
		strmap_each(x.imports, free_value, NULL);
		strmap_free(x.imports);
	}
	if (!x.changed) {
		buf_free(&x.out);
		free(x.map);
		return NULL;
	}
	*outlen = x.out.len;
	*map = x.map;
	return buf_steal(&x.out);
}
