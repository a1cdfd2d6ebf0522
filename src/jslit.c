/* jslit.c: reads a JavaScript object literal, never running anything. */
#include "jslit.h"

#include <ctype.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

struct js {
	const char *s, *p, *end;
	int line;
	int depth;
	struct ydoc *doc;
	struct buf tmp;
	jmp_buf fail;
	const char *err;
};

static void __attribute__((noreturn))
fail(struct js *j, const char *msg)
{
	j->err = msg;
	longjmp(j->fail, 1);
}

/* Blanks, line ends and comments. */
static void
skip(struct js *j)
{
	while (j->p < j->end) {
		if (*j->p == '\n') {
			j->line++;
			j->p++;
		} else if (isspace((unsigned char)*j->p)) {
			j->p++;
		} else if (j->p + 1 < j->end && j->p[0] == '/' && j->p[1] == '/') {
			while (j->p < j->end && *j->p != '\n')
				j->p++;
		} else if (j->p + 1 < j->end && j->p[0] == '/' && j->p[1] == '*') {
			j->p += 2;
			while (j->p + 1 < j->end && !(j->p[0] == '*' && j->p[1] == '/')) {
				j->line += *j->p == '\n';
				j->p++;
			}
			j->p = j->p + 1 < j->end ? j->p + 2 : j->end;
		} else {
			return;
		}
	}
}

static int
ident_char(int c)
{
	return isalnum(c) || c == '_' || c == '$' || c >= 0x80;
}

/* A string literal ('...', "...", or a `template`), into j->tmp.
 * Returns 0 when a template holds ${...}: not a plain value. */
static int
string(struct js *j)
{
	char q = *j->p++;
	int plain = 1;

	j->tmp.len = 0;
	buf_add(&j->tmp, "", 0);
	while (j->p < j->end && *j->p != q) {
		char c = *j->p++;
		if (c == '\n') {
			if (q != '`')
				fail(j, "newline in a string");
			j->line++;
		}
		if (q == '`' && c == '$' && j->p < j->end && *j->p == '{')
			plain = 0;
		if (c == '\\' && j->p < j->end) {
			c = *j->p++;
			switch (c) {
			case 'n': c = '\n'; break;
			case 't': c = '\t'; break;
			case 'r': c = '\r'; break;
			case '\n': j->line++; continue;
			default: break;
			}
		}
		buf_addc(&j->tmp, c);
	}
	if (j->p >= j->end)
		fail(j, "unterminated string");
	j->p++;
	return plain;
}

/* Skips an expression that is not a literal: to the comma or closing
 * bracket that ends it, brackets and strings balanced. */
static void
skip_expression(struct js *j)
{
	int depth = 0;

	while (j->p < j->end) {
		char c = *j->p;
		if (c == '"' || c == '\'' || c == '`') {
			string(j);
			continue;
		}
		if (c == '/' && j->p + 1 < j->end && (j->p[1] == '/' ||
		    j->p[1] == '*')) {
			skip(j);
			continue;
		}
		if (c == '(' || c == '[' || c == '{') {
			depth++;
		} else if (c == ')' || c == ']' || c == '}') {
			if (depth == 0)
				return;
			depth--;
		} else if ((c == ',' || c == ';') && depth == 0) {
			return;
		}
		j->line += c == '\n';
		j->p++;
	}
}

static struct ynode *value(struct js *j);

static struct ynode *
object(struct js *j)
{
	struct ynode *m = ynode_new(j->doc, Y_MAP, j->line);

	j->p++;
	for (;;) {
		struct ynode *k = NULL;

		skip(j);
		if (j->p >= j->end)
			fail(j, "unterminated object");
		if (*j->p == '}') {
			j->p++;
			return m;
		}
		if (*j->p == '"' || *j->p == '\'') {
			string(j);
			k = ynode_scalar(j->doc, j->tmp.data, j->tmp.len, Y_STRING,
			    j->line);
		} else if (ident_char((unsigned char)*j->p)) {
			const char *s = j->p;
			while (j->p < j->end && ident_char((unsigned char)*j->p))
				j->p++;
			k = ynode_scalar(j->doc, s, (size_t)(j->p - s), Y_STRING,
			    j->line);
		}
		skip(j);
		if (k != NULL && j->p < j->end && *j->p == ':') {
			j->p++;
			skip(j);
			struct ynode *v = value(j);
			ynode_add(m, k);
			ynode_add(m, v);
		} else {
			/* shorthand, spread, computed key or method: left out */
			skip_expression(j);
		}
		skip(j);
		if (j->p < j->end && *j->p == ',')
			j->p++;
		else if (j->p < j->end && *j->p != '}')
			fail(j, "expected , or } in an object");
	}
}

static struct ynode *
array(struct js *j)
{
	struct ynode *a = ynode_new(j->doc, Y_SEQ, j->line);

	j->p++;
	for (;;) {
		skip(j);
		if (j->p >= j->end)
			fail(j, "unterminated array");
		if (*j->p == ']') {
			j->p++;
			return a;
		}
		ynode_add(a, value(j));
		skip(j);
		if (j->p < j->end && *j->p == ',')
			j->p++;
		else if (j->p < j->end && *j->p != ']')
			fail(j, "expected , or ] in an array");
	}
}

static struct ynode *
value(struct js *j)
{
	struct ynode *v;
	const char *s = j->p;
	int line = j->line;

	if (++j->depth > TREE_MAX_DEPTH)
		fail(j, "nesting too deep");
	if (ydoc_count(j->doc) > TREE_MAX_NODES)
		fail(j, "too many nodes");
	if (*s == '{') {
		v = object(j);
	} else if (*s == '[') {
		v = array(j);
	} else if (*s == '"' || *s == '\'' || *s == '`') {
		int plain = string(j);
		skip(j);
		if (plain && (j->p >= j->end || strchr(",]}", *j->p))) {
			v = ynode_scalar(j->doc, j->tmp.data, j->tmp.len, Y_STRING,
			    line);
		} else {
			skip_expression(j);  /* 'a' + b: an expression */
			v = ynode_new(j->doc, Y_NULL, line);
		}
	} else {
		const char *e;
		size_t n;
		skip_expression(j);
		for (n = (size_t)(j->p - s); n > 0 &&
		    isspace((unsigned char)s[n - 1]); n--)
			;
		e = s + n;
		if ((n == 4 && strncmp(s, "true", 4) == 0) ||
		    (n == 5 && strncmp(s, "false", 5) == 0))
			v = ynode_scalar(j->doc, s, (size_t)(e - s), Y_BOOL, line);
		else if (e > s && (isdigit((unsigned char)*s) || (*s == '-' &&
		    e - s > 1 && isdigit((unsigned char)s[1]))) &&
		    strspn(s, "-0123456789.") == (size_t)(e - s))
			v = ynode_scalar(j->doc, s, (size_t)(e - s),
			    memchr(s, '.', (size_t)(e - s)) ? Y_FLOAT : Y_INTEGER,
			    line);
		else
			v = ynode_new(j->doc, Y_NULL, line);
	}
	j->depth--;
	return v;
}

/* The first n bytes at needle in s..end, or NULL. */
static const char *
find(const char *s, const char *end, const char *needle, size_t n)
{
	for (; s + n <= end; s++)
		if (*s == *needle && memcmp(s, needle, n) == 0)
			return s;
	return NULL;
}

/* Where the exported object starts: after module.exports =, export
 * default, or the = of a const the export names.  NULL when none. */
static const char *
exported(const char *s, const char *end)
{
	static const char *const marks[] = {"module.exports", "export default",
	    NULL};
	const char *p;

	for (int i = 0; marks[i]; i++) {
		size_t n = strlen(marks[i]);
		for (p = s; (p = find(p, end, marks[i], n)) != NULL; p += n) {
			const char *q = p + n, *name;
			size_t k;
			char decl[96];

			while (q < end && (isspace((unsigned char)*q) || *q == '='))
				q++;
			if (q < end && *q == '{')
				return q;
			name = q;
			while (q < end && ident_char((unsigned char)*q))
				q++;
			if ((k = (size_t)(q - name)) == 0 || k > 64)
				continue;
			/* export default config: const config = { ... } */
			for (const char *kw = "const\0let\0var\0"; *kw;
			    kw += strlen(kw) + 1) {
				const char *d;
				int dn = snprintf(decl, sizeof(decl), "%s %.*s", kw,
				    (int)k, name);
				if ((d = find(s, end, decl, (size_t)dn)) == NULL)
					continue;
				d += dn;
				while (d < end && *d != '=' && *d != ';')
					d++;
				while (d < end && (isspace((unsigned char)*d) ||
				    *d == '='))
					d++;
				if (d < end && *d == '{')
					return d;
			}
		}
	}
	return NULL;
}

struct ydoc *
jslit_parse(const char *text, size_t len, int *errline, const char **errmsg)
{
	struct js j;
	const char *start = exported(text, text + len);

	memset(&j, 0, sizeof(j));
	*errline = 0;
	*errmsg = NULL;
	if (start == NULL) {
		*errline = 1;
		*errmsg = "no exported object";
		return NULL;
	}
	j.s = text;
	j.p = start;
	j.end = text + len;
	j.line = 1;
	for (const char *c = text; c < start; c++)
		j.line += *c == '\n';
	j.doc = ydoc_new();
	if (setjmp(j.fail) != 0) {
		*errline = j.line;
		*errmsg = j.err;
		ydoc_free(j.doc);
		buf_free(&j.tmp);
		return NULL;
	}
	ydoc_set_root(j.doc, value(&j));
	buf_free(&j.tmp);
	return j.doc;
}
