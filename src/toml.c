/* toml.c: a TOML 1.0 reader, by the specification's ABNF. */
#include "toml.h"

#include <errno.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "util.h"

/* How a table came to be, which decides what may add to it later. */
enum {
	T_HEADER = 1,            /* defined by [header] */
	T_IMPLICIT = 2,          /* made on the way to a deeper header */
	T_DOTTED = 4,            /* made by a dotted key */
	T_INLINE = 8,            /* an inline table: closed */
	T_ARRAY = 16,            /* an array value: closed */
	T_AOT = 32               /* an array of tables, [[header]] */
};

/* A key's parts: TOML keys may hold any character, NUL too. */
struct keys {
	struct part {
		char *s;
		size_t n;
	} *v;
	size_t n;
};

struct parser {
	const char *s, *end, *p;
	int line;
	struct ydoc *doc;
	int depth;
	const char *err;
	int errline;
	jmp_buf fail;
	struct buf tmp;          /* a string or number as it is read */
	struct keys **live;      /* keys being read, freed if reading fails */
	size_t nlive;
};

static void __attribute__((noreturn))
fail(struct parser *t, const char *msg)
{
	t->err = msg;
	t->errline = t->line;
	longjmp(t->fail, 1);
}

static int
at(const struct parser *t, size_t k)
{
	return t->p + k < t->end ? (unsigned char)t->p[k] : -1;
}

static int
is_bare(int c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c >= '0' && c <= '9') || c == '_' || c == '-';
}

static void
skip_ws(struct parser *t)
{
	while (t->p < t->end && (*t->p == ' ' || *t->p == '\t'))
		t->p++;
}

/* A comment, when one starts here: to the end of the line; control
 * characters other than tab may not be in it. */
static void
skip_comment(struct parser *t)
{
	if (at(t, 0) != '#')
		return;
	for (t->p++; t->p < t->end && *t->p != '\n'; t->p++) {
		unsigned char c = (unsigned char)*t->p;
		if ((c < 0x20 && c != '\t' && !(c == '\r' && at(t, 1) == '\n')) ||
		    c == 0x7F)
			fail(t, "control character in a comment");
	}
}

/* A newline here (LF or CRLF): consumes it and returns 1. */
static int
newline(struct parser *t)
{
	if (at(t, 0) == '\n') {
		t->p++;
		t->line++;
		return 1;
	}
	if (at(t, 0) == '\r' && at(t, 1) == '\n') {
		t->p += 2;
		t->line++;
		return 1;
	}
	return 0;
}

/* Blanks, comments and newlines, as arrays allow between values. */
static void
skip_blank_lines(struct parser *t)
{
	for (;;) {
		skip_ws(t);
		skip_comment(t);
		if (!newline(t))
			return;
	}
}

/* The end of a line: blanks, perhaps a comment, then a newline or the end. */
static void
end_of_line(struct parser *t)
{
	skip_ws(t);
	skip_comment(t);
	if (t->p < t->end && !newline(t))
		fail(t, "expected the end of the line");
}

static void
add_utf8(struct buf *b, unsigned long c)
{
	char u[4];

	if (c < 0x80) {
		buf_addc(b, (char)c);
		return;
	}
	if (c < 0x800) {
		u[0] = (char)(0xC0 | (c >> 6));
		u[1] = (char)(0x80 | (c & 0x3F));
		buf_add(b, u, 2);
	} else if (c < 0x10000) {
		u[0] = (char)(0xE0 | (c >> 12));
		u[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		u[2] = (char)(0x80 | (c & 0x3F));
		buf_add(b, u, 3);
	} else {
		u[0] = (char)(0xF0 | (c >> 18));
		u[1] = (char)(0x80 | ((c >> 12) & 0x3F));
		u[2] = (char)(0x80 | ((c >> 6) & 0x3F));
		u[3] = (char)(0x80 | (c & 0x3F));
		buf_add(b, u, 4);
	}
}

/* An escape after a backslash in a basic string. */
static void
escape(struct parser *t, struct buf *b)
{
	int c = at(t, 0), n;
	unsigned long u = 0;

	t->p++;
	switch (c) {
	case 'b': buf_addc(b, '\b'); return;
	case 't': buf_addc(b, '\t'); return;
	case 'n': buf_addc(b, '\n'); return;
	case 'f': buf_addc(b, '\f'); return;
	case 'r': buf_addc(b, '\r'); return;
	case '"': buf_addc(b, '"'); return;
	case '\\': buf_addc(b, '\\'); return;
	case 'u': n = 4; break;
	case 'U': n = 8; break;
	default: fail(t, "invalid escape in a string");
	}
	for (int i = 0; i < n; i++) {
		int h = at(t, 0);
		if (h >= '0' && h <= '9')
			u = u * 16 + (unsigned long)(h - '0');
		else if (h >= 'a' && h <= 'f')
			u = u * 16 + (unsigned long)(h - 'a' + 10);
		else if (h >= 'A' && h <= 'F')
			u = u * 16 + (unsigned long)(h - 'A' + 10);
		else
			fail(t, "invalid unicode escape");
		t->p++;
	}
	if (u > 0x10FFFF || (u >= 0xD800 && u <= 0xDFFF))
		fail(t, "unicode escape is not a scalar value");
	add_utf8(b, u);
}

/* A character of a string's text: control characters other than tab may
 * not be written as they are. */
static void
string_char(struct parser *t, struct buf *b)
{
	unsigned char c = (unsigned char)*t->p;

	if ((c < 0x20 && c != '\t') || c == 0x7F)
		fail(t, "control character in a string");
	buf_addc(b, (char)c);
	t->p++;
}

/* A string of any of the four kinds, into t->tmp.  Keys pass one_line. */
static void
string(struct parser *t, int one_line)
{
	struct buf *b = &t->tmp;
	char q = *t->p;
	int multi = at(t, 1) == q && at(t, 2) == q;

	b->len = 0;
	buf_add(b, "", 0);
	if (multi && one_line)
		fail(t, "a key cannot be a multi-line string");
	t->p += multi ? 3 : 1;
	if (multi)
		newline(t);       /* a newline right after the quotes goes */
	for (;;) {
		if (t->p >= t->end)
			fail(t, "unterminated string");
		if (*t->p == q) {
			if (!multi) {
				t->p++;
				return;
			}
			if (at(t, 1) == q && at(t, 2) == q) {
				/* up to two quotes may end the text itself */
				int extra = 0;
				while (extra < 2 && at(t, 3 + (size_t)extra) == q)
					extra++;
				buf_add(b, t->p, (size_t)extra);
				t->p += 3 + extra;
				return;
			}
			buf_addc(b, q);
			t->p++;
		} else if (*t->p == '\n' || *t->p == '\r') {
			if (!multi)
				fail(t, "newline in a string");
			if (*t->p == '\r' && at(t, 1) != '\n')
				fail(t, "carriage return without a newline");
			newline(t);
			buf_addc(b, '\n');
		} else if (*t->p == '\\' && q == '"') {
			t->p++;
			if (multi) {
				/* a line-ending backslash: blanks and newlines go */
				const char *s = t->p;
				while (s < t->end && (*s == ' ' || *s == '\t'))
					s++;
				if (s < t->end && (*s == '\n' || *s == '\r')) {
					t->p = s;
					while (t->p < t->end) {
						if (*t->p == ' ' || *t->p == '\t')
							t->p++;
						else if (!newline(t))
							break;
					}
					continue;
				}
			}
			escape(t, b);
		} else {
			string_char(t, b);
		}
	}
}


/* Keys to read into, held by t so that a failure (a longjmp past their
 * reader) frees them too. */
static struct keys *
keys_new(struct parser *t)
{
	struct keys *k = xcalloc(1, sizeof(*k));

	t->live = xrealloc(t->live, (t->nlive + 1) * sizeof(*t->live));
	t->live[t->nlive++] = k;
	return k;
}

static void
keys_add(struct keys *k, const char *s, size_t n)
{
	k->v = xrealloc(k->v, (k->n + 1) * sizeof(*k->v));
	k->v[k->n].s = xstrndup(s, n);
	k->v[k->n++].n = n;
}

static void
keys_clear(struct keys *k)
{
	for (size_t i = 0; i < k->n; i++)
		free(k->v[i].s);
	free(k->v);
	memset(k, 0, sizeof(*k));
}

/* Frees k, no longer being read. */
static void
keys_free(struct parser *t, struct keys *k)
{
	for (size_t i = t->nlive; i-- > 0;)
		if (t->live[i] == k) {
			memmove(t->live + i, t->live + i + 1, (t->nlive - i - 1) *
			    sizeof(*t->live));
			t->nlive--;
			break;
		}
	keys_clear(k);
	free(k);
}

/* A key, dotted or not: its parts into *parts. */
static void
key(struct parser *t, struct keys *parts)
{
	for (;;) {
		skip_ws(t);
		if (at(t, 0) == '"' || at(t, 0) == '\'') {
			string(t, 1);
			keys_add(parts, t->tmp.data, t->tmp.len);
		} else if (is_bare(at(t, 0))) {
			const char *s = t->p;
			while (is_bare(at(t, 0)))
				t->p++;
			keys_add(parts, s, (size_t)(t->p - s));
		} else {
			fail(t, "expected a key");
		}
		skip_ws(t);
		if (at(t, 0) != '.')
			return;
		t->p++;
	}
}

static struct ynode *
new_table(struct parser *t, int flags)
{
	struct ynode *n = ynode_new(t->doc, Y_MAP, t->line);

	n->flags = flags;
	if (ydoc_count(t->doc) > TREE_MAX_NODES)
		fail(t, "too many nodes");
	return n;
}

/* The value of key k in table m, or NULL. */
static struct ynode *
get(struct ynode *m, const struct part *k)
{
	for (size_t i = 0; i + 1 < m->nkids; i += 2)
		if (m->kids[i]->len == k->n &&
		    memcmp(m->kids[i]->str, k->s, k->n) == 0)
			return m->kids[i + 1];
	return NULL;
}

static void
put(struct parser *t, struct ynode *m, const struct part *k, struct ynode *v)
{
	ynode_add(m, ynode_scalar(t->doc, k->s, k->n, Y_STRING, t->line));
	ynode_add(m, v);
}

/* Whether s[0..n) is all digits with single underscores between. */
static int
digits(const char *s, size_t n, int (*ok)(int))
{
	if (n == 0 || !ok((unsigned char)s[0]) || !ok((unsigned char)s[n - 1]))
		return 0;
	for (size_t i = 1; i < n; i++)
		if (s[i] == '_' ? !ok((unsigned char)s[i + 1]) :
		    !ok((unsigned char)s[i]))
			return 0;
	return 1;
}

static int is_dec(int c) { return c >= '0' && c <= '9'; }
static int is_hex(int c) { return is_dec(c) || (c >= 'a' && c <= 'f') ||
    (c >= 'A' && c <= 'F'); }
static int is_oct(int c) { return c >= '0' && c <= '7'; }
static int is_bin(int c) { return c == '0' || c == '1'; }

/* s[0..n) without underscores, into t->tmp. */
static const char *
plain_digits(struct parser *t, const char *s, size_t n)
{
	t->tmp.len = 0;
	buf_add(&t->tmp, "", 0);
	for (size_t i = 0; i < n; i++)
		if (s[i] != '_')
			buf_addc(&t->tmp, s[i]);
	return t->tmp.data;
}

static struct ynode *
integer(struct parser *t, const char *s, size_t n)
{
	char out[32];
	int base = 10, neg = 0;
	unsigned long long v;
	const char *d = s;
	char *end;

	if (n > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'o' || s[1] == 'b')) {
		base = s[1] == 'x' ? 16 : s[1] == 'o' ? 8 : 2;
		if (!digits(s + 2, n - 2, base == 16 ? is_hex : base == 8 ?
		    is_oct : is_bin))
			fail(t, "invalid integer");
		d = s + 2;
		n -= 2;
	} else {
		if (*d == '+' || *d == '-') {
			neg = *d == '-';
			d++;
			n--;
		}
		if (!digits(d, n, is_dec) || (d[0] == '0' && n > 1))
			fail(t, "invalid integer");
	}
	errno = 0;
	v = strtoull(plain_digits(t, d, n), &end, base);
	if (errno != 0 || *end != '\0' || (neg ? v > 9223372036854775808ull :
	    v > 9223372036854775807ull))
		fail(t, "integer out of range");
	if (neg && v == 9223372036854775808ull)
		snprintf(out, sizeof(out), "-9223372036854775808");
	else
		snprintf(out, sizeof(out), "%s%llu", neg && v ? "-" : "", v);
	return ynode_scalar(t->doc, out, strlen(out), Y_INTEGER, t->line);
}

static struct ynode *
real(struct parser *t, const char *s, size_t n)
{
	const char *d = s, *e = s + n, *dot, *exp;
	size_t i;

	if (*d == '+' || *d == '-')
		d++;
	if (e - d == 3 && (strncmp(d, "inf", 3) == 0 ||
	    strncmp(d, "nan", 3) == 0)) {
		const char *v = d[0] == 'n' ? "nan" : s[0] == '-' ? "-inf" : "inf";
		return ynode_scalar(t->doc, v, strlen(v), Y_FLOAT, t->line);
	}
	dot = memchr(d, '.', (size_t)(e - d));
	for (exp = d; exp < e && *exp != 'e' && *exp != 'E'; exp++)
		;
	if (dot != NULL && dot > exp)
		fail(t, "invalid float");
	i = (size_t)((dot ? dot : exp) - d);
	if (!digits(d, i, is_dec) || (d[0] == '0' && i > 1))
		fail(t, "invalid float");
	if (dot != NULL && !digits(dot + 1, (size_t)(exp - dot - 1), is_dec))
		fail(t, "invalid float");
	if (exp < e) {
		const char *x = exp + 1;
		if (x < e && (*x == '+' || *x == '-'))
			x++;
		if (!digits(x, (size_t)(e - x), is_dec))
			fail(t, "invalid float");
	}
	plain_digits(t, s, n);
	if (t->tmp.data[0] == '+')
		memmove(t->tmp.data, t->tmp.data + 1, t->tmp.len--);
	return ynode_scalar(t->doc, t->tmp.data, t->tmp.len, Y_FLOAT, t->line);
}

/* n digits at s as a number, or -1. */
static int
num(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (!is_dec((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* A time HH:MM:SS(.frac)? at s; its length, or 0. */
static size_t
time_at(const char *s, const char *e)
{
	size_t n = 8;

	if (e - s < 8 || s[2] != ':' || s[5] != ':' || num(s, 2) < 0 ||
	    num(s, 2) > 23 || num(s + 3, 2) < 0 || num(s + 3, 2) > 59 ||
	    num(s + 6, 2) < 0 || num(s + 6, 2) > 60)
		return 0;
	if (s + 8 < e && s[8] == '.') {
		n = 9;
		while (s + n < e && is_dec((unsigned char)s[n]))
			n++;
		if (n == 9)
			return 0;
	}
	return n;
}

static struct ynode *
datetime(struct parser *t, const char *s, size_t n)
{
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30,
	    31};
	const char *e = s + n, *p = s;
	struct buf *b = &t->tmp;
	enum ytype type;
	size_t k;

	b->len = 0;
	buf_add(b, "", 0);
	if (n >= 10 && s[4] == '-' && s[7] == '-') {
		int y = num(s, 4), m = num(s + 5, 2), d = num(s + 8, 2);
		if (y < 0 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1] ||
		    (m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 ||
		    y % 400 == 0))))
			fail(t, "invalid date");
		buf_add(b, s, 10);
		p = s + 10;
		if (p == e)
			return ynode_scalar(t->doc, b->data, b->len, Y_DATE_LOCAL,
			    t->line);
		if (*p != 'T' && *p != 't' && *p != ' ')
			fail(t, "invalid date-time");
		p++;
		buf_addc(b, 'T');
		type = Y_DATETIME_LOCAL;
	} else {
		type = Y_TIME_LOCAL;
	}
	if ((k = time_at(p, e)) == 0)
		fail(t, "invalid time");
	buf_add(b, p, k);
	p += k;
	if (type == Y_DATETIME_LOCAL && p < e) {
		if (*p == 'Z' || *p == 'z') {
			buf_addc(b, 'Z');
			p++;
		} else if ((*p == '+' || *p == '-') && e - p == 6 && p[3] == ':' &&
		    num(p + 1, 2) >= 0 && num(p + 1, 2) <= 23 &&
		    num(p + 4, 2) >= 0 && num(p + 4, 2) <= 59) {
			buf_add(b, p, 6);
			p += 6;
		} else {
			fail(t, "invalid date-time offset");
		}
		type = Y_DATETIME;
	}
	if (p != e)
		fail(t, "invalid date-time");
	return ynode_scalar(t->doc, b->data, b->len, type, t->line);
}

static struct ynode *value(struct parser *t);

static void keyval(struct parser *t, struct ynode *table, int inl);

static struct ynode *
array(struct parser *t)
{
	struct ynode *a = ynode_new(t->doc, Y_SEQ, t->line);

	a->flags = T_ARRAY;
	t->p++;
	for (;;) {
		skip_blank_lines(t);
		if (at(t, 0) == ']') {
			t->p++;
			return a;
		}
		ynode_add(a, value(t));
		skip_blank_lines(t);
		if (at(t, 0) == ',') {
			t->p++;
			continue;
		}
		if (at(t, 0) != ']')
			fail(t, "expected , or ] in an array");
	}
}

static struct ynode *
inline_table(struct parser *t)
{
	struct ynode *m = new_table(t, T_INLINE);

	t->p++;
	skip_ws(t);
	if (at(t, 0) == '}') {
		t->p++;
		return m;
	}
	for (;;) {
		keyval(t, m, 1);
		skip_ws(t);
		if (at(t, 0) == '}') {
			t->p++;
			return m;
		}
		if (at(t, 0) != ',')
			fail(t, "expected , or } in an inline table");
		t->p++;
	}
}

static struct ynode *
value(struct parser *t)
{
	const char *s = t->p;
	struct ynode *v;
	size_t n;
	int c = at(t, 0);

	if (++t->depth > TREE_MAX_DEPTH)
		fail(t, "nesting too deep");
	if (c == '"' || c == '\'') {
		string(t, 0);
		v = ynode_scalar(t->doc, t->tmp.data, t->tmp.len, Y_STRING,
		    t->line);
	} else if (c == '[') {
		v = array(t);
	} else if (c == '{') {
		v = inline_table(t);
	} else {
		/* a bare value runs to a blank (a date-time may hold one
		 * before its time), a comma, a bracket, a comment or the end */
		while (t->p < t->end && !strchr(" \t\r\n,]}#", *t->p))
			t->p++;
		if (t->p - s == 10 && at(t, 0) == ' ' && is_dec(at(t, 1)) &&
		    is_dec(at(t, 2)) && at(t, 3) == ':') {
			t->p++;
			while (t->p < t->end && !strchr(" \t\r\n,]}#", *t->p))
				t->p++;
		}
		n = (size_t)(t->p - s);
		if (n == 0)
			fail(t, "expected a value");
		if (n == 4 && strncmp(s, "true", 4) == 0)
			v = ynode_scalar(t->doc, "true", 4, Y_BOOL, t->line);
		else if (n == 5 && strncmp(s, "false", 5) == 0)
			v = ynode_scalar(t->doc, "false", 5, Y_BOOL, t->line);
		else if ((n >= 10 && s[4] == '-') || (n >= 8 && s[2] == ':'))
			v = datetime(t, s, n);
		else if (memchr(s, '.', n) || ((memchr(s, 'e', n) ||
		    memchr(s, 'E', n)) && !(n > 1 && s[0] == '0' && s[1] == 'x')) ||
		    strstr(s, "inf") == s + (*s == '+' || *s == '-') ||
		    strstr(s, "nan") == s + (*s == '+' || *s == '-'))
			v = real(t, s, n);
		else
			v = integer(t, s, n);
	}
	t->depth--;
	if (ydoc_count(t->doc) > TREE_MAX_NODES)
		fail(t, "too many nodes");
	return v;
}

/* key = value, in table (an inline table's when inl). */
static void
keyval(struct parser *t, struct ynode *table, int inl)
{
	struct keys *parts = keys_new(t);
	struct ynode *m = table, *v;
	int line = t->line;

	key(t, parts);
	if (at(t, 0) != '=')
		fail(t, "expected = after a key");
	t->p++;
	skip_ws(t);
	for (size_t i = 0; i + 1 < parts->n; i++) {
		struct ynode *next = get(m, &parts->v[i]);
		if (next == NULL) {
			next = new_table(t, T_DOTTED | (inl ? T_INLINE : 0));
			put(t, m, &parts->v[i], next);
		} else if (next->kind != Y_MAP || !(next->flags & T_DOTTED) ||
		    ((next->flags & T_INLINE) && !inl)) {
			keys_free(t, parts);
			fail(t, "a dotted key cannot extend that table");
		}
		m = next;
	}
	if (get(m, &parts->v[parts->n - 1]) != NULL) {
		keys_free(t, parts);
		fail(t, "duplicate key");
	}
	v = value(t);
	v->line = line;
	put(t, m, &parts->v[parts->n - 1], v);
	keys_free(t, parts);
}

/* [header] or [[header]]: the table the lines after it fill. */
static struct ynode *
header(struct parser *t, struct ynode *root)
{
	struct keys *parts = keys_new(t);
	int aot = at(t, 1) == '[';
	struct ynode *m = root, *v, *parent;
	const struct part *k;

	t->p += aot ? 2 : 1;
	key(t, parts);
	if (at(t, 0) != ']' || (aot && at(t, 1) != ']')) {
		keys_free(t, parts);
		fail(t, "expected ] after a table's name");
	}
	t->p += aot ? 2 : 1;
	for (size_t i = 0; i + 1 < parts->n; i++) {
		struct ynode *next = get(m, &parts->v[i]);
		if (next == NULL) {
			next = new_table(t, T_IMPLICIT);
			put(t, m, &parts->v[i], next);
		} else if (next->kind == Y_SEQ && (next->flags & T_AOT)) {
			next = next->kids[next->nkids - 1];
		} else if (next->kind != Y_MAP || (next->flags & T_INLINE)) {
			keys_free(t, parts);
			fail(t, "a table's name goes through a value");
		}
		m = next;
	}
	k = &parts->v[parts->n - 1];
	parent = m;
	v = get(parent, k);
	if (aot) {
		if (v == NULL) {
			v = ynode_new(t->doc, Y_SEQ, t->line);
			v->flags = T_AOT;
			put(t, parent, k, v);
		} else if (v->kind != Y_SEQ || !(v->flags & T_AOT)) {
			keys_free(t, parts);
			fail(t, "[[table]] extends a value that is not one");
		}
		m = new_table(t, T_HEADER);
		ynode_add(v, m);
	} else if (v == NULL) {
		m = new_table(t, T_HEADER);
		put(t, parent, k, m);
	} else if (v->kind == Y_MAP && (v->flags & T_IMPLICIT) &&
	    !(v->flags & (T_HEADER | T_DOTTED | T_INLINE))) {
		v->flags |= T_HEADER;
		m = v;
	} else {
		keys_free(t, parts);
		fail(t, "table defined twice");
	}
	keys_free(t, parts);
	return m;
}

struct ydoc *
toml_parse(const char *text, size_t len, int *errline, const char **errmsg)
{
	struct parser t;
	struct ynode *root, *cur;

	memset(&t, 0, sizeof(t));
	t.s = t.p = text;
	t.end = text + len;
	t.line = 1;
	t.doc = ydoc_new();
	*errline = 0;
	*errmsg = NULL;
	if (setjmp(t.fail) != 0) {
		*errline = t.errline;
		*errmsg = t.err;
		ydoc_free(t.doc);
		buf_free(&t.tmp);
		for (size_t i = 0; i < t.nlive; i++) {
			keys_clear(t.live[i]);
			free(t.live[i]);
		}
		free(t.live);
		return NULL;
	}
	if (!utf8_valid(text, len))
		fail(&t, "not valid UTF-8");
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		t.p += 3;
	root = cur = new_table(&t, T_HEADER);
	ydoc_set_root(t.doc, root);
	while (t.p < t.end) {
		skip_ws(&t);
		skip_comment(&t);
		if (newline(&t))
			continue;
		if (t.p >= t.end)
			break;
		if (*t.p == '[')
			cur = header(&t, root);
		else
			keyval(&t, cur, 0);
		end_of_line(&t);
	}
	buf_free(&t.tmp);
	free(t.live);
	return t.doc;
}
