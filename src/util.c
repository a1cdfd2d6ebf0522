/* util.c: the allocation wrappers, buffers, files and paths every stage uses. */
#include "util.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>


_Noreturn void
xoom(void)
{
	fputs("hbook: error: out of memory\n", stderr);
	exit(1);
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (p == NULL)
		xoom();
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (p == NULL)
		xoom();
	return p;
}

void *
xgrow(void *p, size_t n, size_t *cap, size_t size)
{
	if (n < *cap && p != NULL)
		return p;
	*cap = *cap > n ? *cap : n < 8 ? 16 : 2 * n;
	if (*cap > SIZE_MAX / size)
		abort();
	return xrealloc(p, *cap * size);
}

void *
xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (p == NULL)
		xoom();
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xvasprintf(const char *fmt, va_list ap)
{
	char small[256];
	va_list again;
	int n;
	char *p;

	/* most results are short: one pass into small, then a copy */
	va_copy(again, ap);
	/* clang-analyzer 14 misreads va_start on x86-64 */
	n = vsnprintf(small, sizeof(small), fmt, ap); // NOLINT(clang-analyzer-valist.Uninitialized)
	if (n < 0)
		xoom();
	p = xmalloc((size_t)n + 1);
	if ((size_t)n < sizeof(small))
		memcpy(p, small, (size_t)n + 1);
	else
		vsnprintf(p, (size_t)n + 1, fmt, again);
	va_end(again);
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = xvasprintf(fmt, ap);
	va_end(ap);
	return p;
}

void
buf_add(struct buf *b, const void *p, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 64;
		while (cap < b->len + n + 1)
			cap *= 2;
		b->data = xrealloc(b->data, cap);
		b->cap = cap;
	}
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_addc(struct buf *b, char c)
{
	buf_add(b, &c, 1);
}

void
buf_free(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

char *
buf_steal(struct buf *b)
{
	char *p = b->data ? b->data : xstrdup("");
	b->data = NULL;
	b->len = b->cap = 0;
	return p;
}

void
strlist_add(struct strlist *l, const char *s)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 8;
		l->v = xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	l->v[l->n++] = xstrdup(s);
}

void
strlist_free(struct strlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

int
strlist_has(const struct strlist *l, const char *s)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i], s) == 0)
			return 1;
	return 0;
}

char *
path_join(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), sep;
	char *p;

	if (la == 0)
		return xstrdup(b);
	sep = a[la - 1] != '/';       /* a '/' between, unless a ends in one */
	p = xmalloc(la + sep + lb + 1);
	memcpy(p, a, la);
	p[la] = '/';
	memcpy(p + la + sep, b, lb + 1);
	return p;
}

const char *
path_base(const char *p)
{
	const char *s = strrchr(p, '/');
	return s ? s + 1 : p;
}

char *
path_dir(const char *p)
{
	const char *s = strrchr(p, '/');
	return s ? xstrndup(p, (size_t)(s - p)) : xstrdup("");
}

char *
path_normalize(const char *p)
{
	struct buf out = {0};
	size_t *marks = NULL, nmarks = 0;
	const char *s = p;

	buf_add(&out, "", 0);
	marks = xmalloc((strlen(p) / 2 + 2) * sizeof(*marks));
	while (*s) {
		const char *e = strchr(s, '/');
		size_t n = e ? (size_t)(e - s) : strlen(s);

		if (n == 0 || (n == 1 && s[0] == '.')) {
			/* skip empty and "." segments */
		} else if (n == 2 && s[0] == '.' && s[1] == '.') {
			if (nmarks == 0) {
				free(marks);
				buf_free(&out);
				return NULL;
			}
			out.len = marks[--nmarks];
			out.data[out.len] = '\0';
		} else {
			marks[nmarks++] = out.len;
			if (out.len)
				buf_addc(&out, '/');
			buf_add(&out, s, n);
		}
		s += n;
		if (*s == '/')
			s++;
	}
	free(marks);
	return buf_steal(&out);
}

int
str_starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

int
str_ends(const char *s, const char *suffix)
{
	size_t ls = strlen(s), lx = strlen(suffix);
	return ls >= lx && strcmp(s + ls - lx, suffix) == 0;
}

char *
str_trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

int
str_blank(const char *s)
{
	for (; s != NULL && *s; s++)
		if (!isspace((unsigned char)*s))
			return 0;
	return 1;
}

struct strmap {
	char **keys;
	void **vals;
	size_t n, cap;          /* cap is a power of two */
};

static size_t
str_hash(const char *s)
{
	size_t h = 14695981039346656037u;      /* FNV-1a */

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211u;
	return h;
}

struct strmap *
strmap_new(void)
{
	struct strmap *m = xcalloc(1, sizeof(*m));

	m->cap = 64;
	m->keys = xcalloc(m->cap, sizeof(*m->keys));
	m->vals = xcalloc(m->cap, sizeof(*m->vals));
	return m;
}

void
strmap_free(struct strmap *m)
{
	if (m == NULL)
		return;
	for (size_t i = 0; i < m->cap; i++)
		free(m->keys[i]);
	free(m->keys);
	free(m->vals);
	free(m);
}

static size_t
strmap_slot(const struct strmap *m, const char *key)
{
	size_t i = str_hash(key) & (m->cap - 1);

	while (m->keys[i] != NULL && strcmp(m->keys[i], key) != 0)
		i = (i + 1) & (m->cap - 1);
	return i;
}

void *
strmap_get(const struct strmap *m, const char *key)
{
	size_t i = strmap_slot(m, key);

	return m->keys[i] ? m->vals[i] : NULL;
}

static void *
strmap_store(struct strmap *m, const char *key, void *value, int replace)
{
	size_t i;

	if ((m->n + 1) * 2 > m->cap) {
		struct strmap old = *m;

		m->cap *= 2;
		m->keys = xcalloc(m->cap, sizeof(*m->keys));
		m->vals = xcalloc(m->cap, sizeof(*m->vals));
		for (size_t j = 0; j < old.cap; j++)
			if (old.keys[j] != NULL) {
				size_t k = strmap_slot(m, old.keys[j]);
				m->keys[k] = old.keys[j];
				m->vals[k] = old.vals[j];
			}
		free(old.keys);
		free(old.vals);
	}
	i = strmap_slot(m, key);
	if (m->keys[i] != NULL) {
		if (replace)
			m->vals[i] = value;
		return m->vals[i];
	}
	m->keys[i] = xstrdup(key);
	m->vals[i] = value;
	m->n++;
	return value;
}

void *
strmap_put(struct strmap *m, const char *key, void *value)
{
	return strmap_store(m, key, value, 0);
}

void
strmap_set(struct strmap *m, const char *key, void *value)
{
	strmap_store(m, key, value, 1);
}

size_t
strmap_count(const struct strmap *m)
{
	return m->n;
}

char *
unique_name(struct strmap *used, struct strmap *next, const char *base,
    const char *sep, const char *ext)
{
	char *name = xasprintf("%s%s", base, ext);

	if (strmap_get(used, name) != NULL) {
		/* base's next number to try: each is tried once per base,
		 * so n names take linear time however many collide */
		uintptr_t k = (uintptr_t)strmap_get(next, base);
		if (k == 0)
			k = 2;
		do {
			free(name);
			name = xasprintf("%s%s%lu%s", base, sep, (unsigned long)k++,
			    ext);
		} while (strmap_get(used, name) != NULL);
		strmap_set(next, base, (void *)k);
	}
	strmap_put(used, name, (void *)1);
	return name;
}

void
strmap_each(struct strmap *m, void (*fn)(const char *, void *, void *),
    void *ctx)
{
	for (size_t i = 0; i < m->cap; i++)
		if (m->keys[i] != NULL)
			fn(m->keys[i], m->vals[i], ctx);
}
