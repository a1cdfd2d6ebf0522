/* frontmatter.c: text files as UTF-8, their front matter, and typed
 * fields under the site's names. */
#include "frontmatter.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "input.h"
#include "toml.h"
#include "text.h"
#include "yaml.h"

char *
text_decode(const char *src, char *raw, size_t rawlen, size_t *len)
{
	char *text;
	int bad;

	if (rawlen >= 2 && ((unsigned char)raw[0] == 0xFF ||
	    (unsigned char)raw[0] == 0xFE) &&
	    ((unsigned char)raw[1] == 0xFE || (unsigned char)raw[1] == 0xFF) &&
	    raw[0] != raw[1]) {
		warnx_at(src, 1, "UTF-16 text: save it as UTF-8; skipped");
		free(raw);
		return NULL;
	}
	if (utf8_valid(raw, rawlen)) {
		*len = rawlen;
		return raw;      /* input.c ends it with a NUL */
	}
	text = utf8_repair(raw, rawlen, len, &bad);
	free(raw);
	if (bad)
		warnx_at(src, bad, "invalid UTF-8 replaced with U+FFFD");
	return text;
}

char *
text_read(struct input *in, const char *rel, const char *src, size_t max,
    size_t *len)
{
	char *raw;
	size_t rawlen;

	if ((rel ? input_file(in, rel, max, &raw, &rawlen) :
	    input_named(in, src, max, &raw, &rawlen)) < 0) {
		warnx_at(src, 0, "%s; skipped", input_error(errno));
		return NULL;
	}
	return text_decode(src, raw, rawlen, len);
}

static size_t
line_end(const char *s, size_t i, size_t len, size_t *next)
{
	size_t e = i;

	while (e < len && s[e] != '\n')
		e++;
	*next = e < len ? e + 1 : e;
	if (e > i && s[e - 1] == '\r')
		e--;
	return e;
}

/* Whether s[i..e) is fence followed only by blanks. */
static int
is_fence(const char *s, size_t i, size_t e, const char *fence)
{
	size_t n = strlen(fence);

	if (e - i < n || memcmp(s + i, fence, n) != 0)
		return 0;
	for (i += n; i < e; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return 0;
	return 1;
}

/* Where a JSON object opening at text[i] ends (just past its "}"), or 0
 * when it never does. */
static size_t
json_end(const char *text, size_t i, size_t len)
{
	int depth = 0, str = 0;

	for (; i < len; i++) {
		char c = text[i];
		if (str) {
			if (c == '\\')
				i++;
			else if (c == '"')
				str = 0;
		} else if (c == '"') {
			str = 1;
		} else if (c == '{' || c == '[') {
			depth++;
		} else if ((c == '}' || c == ']') && --depth == 0) {
			return i + 1;
		}
	}
	return 0;
}

int
frontmatter_split(const char *text, size_t len, const char **fm,
    size_t *fmlen, const char **body, int *body_line, int *kind)
{
	size_t i = 0, e, next, start;
	const char *close = NULL;
	int line = 1;

	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	*fm = NULL;
	*fmlen = 0;
	*body = text + i;
	*body_line = 1;
	*kind = FM_NONE;
	e = line_end(text, i, len, &next);
	if (is_fence(text, i, e, "---")) {
		*kind = FM_YAML;
	} else if (is_fence(text, i, e, "+++")) {
		*kind = FM_TOML;
		close = "+++";
	} else if (is_fence(text, i, e, "<!--")) {
		*kind = FM_YAML;  /* Wiki.js: YAML in a comment */
		close = "-->";
	} else if (i < len && text[i] == '{') {
		/* Hugo's JSON front matter: an object, then the body */
		size_t end = json_end(text, i, len);
		if (end == 0)
			return -1;
		*kind = FM_JSON;
		*fm = text + i;
		*fmlen = end - i;
		for (size_t k = i; k < end; k++)
			line += text[k] == '\n';
		line_end(text, end, len, &next);
		*body = text + next;
		*body_line = line + 1;
		return 0;
	} else {
		return 0;
	}
	start = next;
	for (i = next; i < len; i = next) {
		line++;
		e = line_end(text, i, len, &next);
		if (close ? is_fence(text, i, e, close) :
		    is_fence(text, i, e, "---") || is_fence(text, i, e, "...")) {
			*fm = text + start;
			*fmlen = i - start;
			*body = text + next;
			*body_line = line + 1;
			return 0;
		}
	}
	*kind = FM_NONE;
	return -1;
}

/* An export that wrote the front matter twice (Wiki.js does): a second
 * YAML block right after the first, blank lines between, is skipped. */
static void
skip_repeat(const char *text, size_t len, const char **body, int *body_line)
{
	const char *b = *body, *fm, *after;
	size_t n = len - (size_t)(b - text), fmlen;
	int line = *body_line, bl, kind;

	while (n > 0 && (*b == '\n' || *b == '\r')) {
		line += *b == '\n';
		b++;
		n--;
	}
	if (n < 4 || strncmp(b, "---", 3) != 0 ||
	    frontmatter_split(b, n, &fm, &fmlen, &after, &bl, &kind) < 0 ||
	    kind != FM_YAML || fm == NULL || memchr(fm, ':', fmlen) == NULL)
		return;
	*body = after;
	*body_line = line + bl - 1;
}

int
frontmatter_parse(const char *src, const char *text, size_t len,
    struct ydoc **doc, const char **body, int *body_line)
{
	const char *fm, *errmsg;
	size_t fmlen;
	int errline, kind;

	*doc = NULL;
	if (frontmatter_split(text, len, &fm, &fmlen, body, body_line,
	    &kind) < 0) {
		warnx_at(src, 1, "front matter opened on the first line is "
		    "never closed; skipped");
		return -1;
	}
	if (fm == NULL)
		return 0;
	if (kind == FM_TOML)
		*doc = toml_parse(fm, fmlen, &errline, &errmsg);
	else
		*doc = ydoc_parse(fm, fmlen, &errline, &errmsg);
	if (*doc == NULL) {
		warnx_at(src, errline + (kind == FM_JSON ? 0 : 1), "bad front "
		    "matter: %s; used the file name as the title", errmsg);
		return 0;
	}
	if (kind == FM_YAML)
		skip_repeat(text, len, body, body_line);
	{
		const struct ynode *m = ydoc_root(*doc);
		struct strmap *seen = strmap_new();
		for (size_t i = 0; m && m->kind == Y_MAP && i + 1 < m->nkids; i += 2) {
			const char *k = ystr(m->kids[i]);
			if (k != NULL && strmap_get(seen, k) != NULL)
				warnx_at(src, m->kids[i]->line + 1, "duplicate key "
				    "'%s': the last one is used", k);
			else if (k != NULL)
				strmap_put(seen, k, (void *)1);
		}
		strmap_free(seen);
	}
	if (ydoc_root(*doc) != NULL && ydoc_root(*doc)->kind != Y_MAP &&
	    ydoc_root(*doc)->kind != Y_NULL) {
		warnx_at(src, 2, "front matter is not a mapping of fields; "
		    "ignored");
		ydoc_free(*doc);
		*doc = NULL;
	}
	return 0;
}

static int
has_value(const struct ynode *v)
{
	return v != NULL && v->kind != Y_NULL &&
	    (v->kind != Y_SCALAR || v->str[0] != '\0');
}

const struct ynode *
field_node(const struct fields *f, const char *name)
{
	const struct ynode *alias = ymap_get(f->aliases, name), *v;
	const struct ynode *first = NULL;

	if (alias != NULL && alias->kind == Y_SCALAR) {
		if (has_value(v = ymap_get(f->map, alias->str)))
			return v;
		first = v;
	} else if (alias != NULL && alias->kind == Y_SEQ) {
		for (size_t i = 0; i < alias->nkids; i++) {
			if (ystr(alias->kids[i]) == NULL)
				continue;
			v = ymap_get(f->map, alias->kids[i]->str);
			if (has_value(v))
				return v;
			if (first == NULL)
				first = v;
		}
	}
	v = ymap_get(f->map, name);
	return has_value(v) || first == NULL ? v : first;
}

char *
field_text(const struct fields *f, const char *name)
{
	const struct ynode *v = field_node(f, name);
	char *s;

	if (v == NULL)
		return NULL;
	if (v->kind == Y_NULL) {
		warnx_at(f->src, f->line0 + v->line - 1, "'%s' is empty; ignored",
		    name);
		return NULL;
	}
	if (v->kind != Y_SCALAR) {
		warnx_at(f->src, f->line0 + v->line - 1, "'%s' should be text; "
		    "ignored", name);
		return NULL;
	}
	{
		char *tmp = xstrdup(v->str);
		s = xstrdup(str_trim(tmp));
		free(tmp);
	}
	if (s[0] == '\0') {
		warnx_at(f->src, f->line0 + v->line - 1, "'%s' is empty; ignored",
		    name);
		free(s);
		return NULL;
	}
	return s;
}

void
field_list(const struct fields *f, const char *name, struct strlist *out)
{
	const struct ynode *v = field_node(f, name);

	if (v == NULL || v->kind == Y_NULL)
		return;
	if (v->kind == Y_SCALAR) {
		/* "related: false" means none */
		if (v->plain && (strcmp(v->str, "false") == 0 ||
		    strcmp(v->str, "true") == 0))
			return;
		if (v->str[0])
			strlist_add(out, v->str);
		return;
	}
	if (v->kind == Y_MAP) {
		warnx_at(f->src, f->line0 + v->line - 1, "'%s' should be a list; "
		    "ignored", name);
		return;
	}
	for (size_t i = 0; i < v->nkids; i++) {
		const struct ynode *k = v->kids[i];
		const char *s = ystr(k);

		/* lists of mappings ({url: ..., title: ...}): take the url */
		if (s == NULL && k->kind == Y_MAP)
			s = ystr(ymap_get(k, "url"));
		if (s != NULL && s[0] && !strlist_has(out, s))
			strlist_add(out, s);
	}
}

char *
field_date(const struct fields *f, const char *name)
{
	char *s = field_text(f, name), *d;

	if (s == NULL)
		return NULL;
	d = date_normalize(s);
	if (d == NULL)
		warnx_at(f->src, f->line0 + field_node(f, name)->line - 1,
		    "'%s' is not a date (YYYY-MM-DD): %s; ignored", name, s);
	free(s);
	return d;
}

int
field_long(const struct fields *f, const char *name, long *out)
{
	char *s = field_text(f, name), *end;
	int ok;

	if (s == NULL)
		return 0;
	*out = strtol(s, &end, 10);
	ok = *end == '\0';
	if (!ok)
		warnx_at(f->src, f->line0 + field_node(f, name)->line - 1,
		    "'%s' should be a whole number: %s; ignored", name, s);
	free(s);
	return ok;
}

int
field_bool(const struct fields *f, const char *name)
{
	const char *s = ystr(field_node(f, name));

	return s != NULL && (strcmp(s, "true") == 0 ||
	    strcmp(s, "True") == 0 || strcmp(s, "yes") == 0);
}
