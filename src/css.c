/* css.c: finds and removes what a stylesheet must not bring into the
 * book. */
#include "css.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "diag.h"
#include "util.h"

int
url_unsafe(const char *url, size_t len)
{
	size_t i = 0, k;

	while (i < len && isspace((unsigned char)url[i]))
		i++;
	if (i + 1 < len && url[i] == '/' && url[i + 1] == '/')
		return 1;
	for (k = i; k < len && (isalnum((unsigned char)url[k]) ||
	    strchr("+-.", url[k])); k++)
		;
	if (k == i || k == len || url[k] != ':' || !isalpha((unsigned char)url[i]))
		return 0;         /* relative: a file of the book */
	return !(k - i == 4 && strncasecmp(url + i, "data", 4) == 0 &&
	    len - k > 6 && strncasecmp(url + k + 1, "image/", 6) == 0);
}

/* Whether the text at s, of n bytes left, starts with word (any case)
 * not as the end of a longer name. */
static int
at_word(const char *css, size_t i, size_t n, const char *word)
{
	size_t w = strlen(word);

	if (n - i < w || strncasecmp(css + i, word, w) != 0)
		return 0;
	return i == 0 || !(isalnum((unsigned char)css[i - 1]) ||
	    css[i - 1] == '-' || css[i - 1] == '_' || css[i - 1] == '\\');
}

/* Whether a property named word starts at css[i]: the word, blanks and
 * a colon. */
static int
at_property(const char *css, size_t i, size_t n, const char *word)
{
	if (!at_word(css, i, n, word))
		return 0;
	for (i += strlen(word); i < n && isspace((unsigned char)css[i]); i++)
		;
	return i < n && css[i] == ':';
}

/* Past the string opening at css[i] (its quote), escapes included. */
static size_t
skip_string(const char *css, size_t i, size_t n)
{
	char q = css[i++];

	while (i < n && css[i] != q && css[i] != '\n') {
		if (css[i] == '\\' && i + 1 < n)
			i++;
		i++;
	}
	return i < n ? i + 1 : n;
}

/* Past a url( at css[i] (after its "("): its ')' or the end; *arg and
 * *alen give the address. */
static size_t
skip_url(const char *css, size_t i, size_t n, const char **arg,
    size_t *alen)
{
	while (i < n && isspace((unsigned char)css[i]))
		i++;
	if (i < n && (css[i] == '"' || css[i] == '\'')) {
		size_t e = skip_string(css, i, n);
		*arg = css + i + 1;
		*alen = e - i >= 2 ? e - i - 2 : 0;
		i = e;
	} else {
		*arg = css + i;
		while (i < n && css[i] != ')')
			i++;
		*alen = (size_t)(css + i - *arg);
	}
	while (i < n && css[i] != ')')
		i++;
	return i < n ? i + 1 : n;
}

char *
css_clean(const char *css, size_t n, const char *src, size_t *outlen)
{
	struct buf out = {0};
	size_t i = 0, decl = 0;  /* where the declaration began, in out */
	int bad = 0, warned_import = 0, warned_url = 0, warned_script = 0;

	buf_add(&out, "", 0);
	while (i < n) {
		char c = css[i];
		size_t start = i;

		if (c == '/' && i + 1 < n && css[i + 1] == '*') {
			const char *e = i + 2 < n ? strstr(css + i + 2, "*/") : NULL;
			i = e ? (size_t)(e - css) + 2 : n;
		} else if (c == '"' || c == '\'') {
			i = skip_string(css, i, n);
		} else if (c == '@' && at_word(css, i + 1, n, "import")) {
			/* the whole rule goes: the book holds one stylesheet */
			while (i < n && css[i] != ';') {
				i = css[i] == '"' || css[i] == '\'' ?
				    skip_string(css, i, n) : i + 1;
			}
			i = i < n ? i + 1 : n;
			if (!warned_import++)
				warnx_at(src, 0, "@import removed from the "
				    "stylesheet (the book holds this one only)");
			continue;
		} else if (at_word(css, i, n, "url(")) {
			const char *arg;
			size_t alen;
			i = skip_url(css, i + 4, n, &arg, &alen);
			if (url_unsafe(arg, alen)) {
				bad = 1;
				if (!warned_url++)
					warnx_at(src, 0, "a declaration with a "
					    "remote or script url() removed from "
					    "the stylesheet: %.*s", (int)(alen >
					    80 ? 80 : alen), arg);
			}
		} else if (at_word(css, i, n, "expression(") ||
		    at_property(css, i, n, "-moz-binding") ||
		    at_property(css, i, n, "behavior") ||
		    at_word(css, i, n, "javascript:")) {
			bad = 1;
			if (!warned_script++)
				warnx_at(src, 0, "a declaration that would run "
				    "script removed from the stylesheet");
			i++;
		} else if (c == ';' || c == '{' || c == '}') {
			if (bad) {
				/* the declaration (or the rule's prelude) goes */
				out.len = decl;
				out.data[out.len] = '\0';
				bad = 0;
				if (c == ';') {
					i++;
					decl = out.len;
					continue;
				}
				if (c == '{') {
					/* a bad selector: the whole block goes */
					int depth = 0;
					for (; i < n; i++) {
						if (css[i] == '{')
							depth++;
						else if (css[i] == '}' && --depth == 0)
							break;
					}
					i = i < n ? i + 1 : n;
					decl = out.len;
					continue;
				}
			}
			buf_addc(&out, c);
			decl = out.len;
			i++;
			continue;
		} else {
			i++;
		}
		buf_add(&out, css + start, i - start);
	}
	if (bad)
		out.len = decl;
	*outlen = out.len;
	return buf_steal(&out);
}
