/* util.h: allocation, growable buffers, string lists and maps, files and
 * paths.
 *
 * Out-of-memory policy, written down once: the x* wrappers print one line and
 * exit with status 1.  No other code checks an allocation. */
#ifndef HBOOK_UTIL_H
#define HBOOK_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* Says "out of memory" and exits with status 1. */
_Noreturn void xoom(void);
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* p, an array of n items of size bytes, with room for one more: *cap
 * doubles when it is full, so n additions copy O(n) bytes. */
void *xgrow(void *p, size_t n, size_t *cap, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap)
    __attribute__((format(printf, 1, 0)));

/* A growable byte buffer, always NUL-terminated once anything is added. */
struct buf {
	char *data;
	size_t len, cap;
};
void buf_add(struct buf *b, const void *p, size_t n);
void buf_adds(struct buf *b, const char *s);
void buf_addc(struct buf *b, char c);
void buf_free(struct buf *b);
char *buf_steal(struct buf *b);   /* caller frees; buffer is emptied */

/* A growable list of owned strings. */
struct strlist {
	char **v;
	size_t n, cap;
};
void strlist_add(struct strlist *l, const char *s);   /* copies s */
void strlist_free(struct strlist *l);
int strlist_has(const struct strlist *l, const char *s);

/* A string-keyed hash map of borrowed values; keys are copied. */
struct strmap;
struct strmap *strmap_new(void);
void strmap_free(struct strmap *m);
void *strmap_get(const struct strmap *m, const char *key);
/* Sets key unless it is there; returns the value now stored. */
void *strmap_put(struct strmap *m, const char *key, void *value);
/* Sets key, replacing what is there. */
void strmap_set(struct strmap *m, const char *key, void *value);
size_t strmap_count(const struct strmap *m);
/* Calls fn(key, value, ctx) for each key, in no particular order. */
void strmap_each(struct strmap *m, void (*fn)(const char *, void *, void *),
    void *ctx);

/* A name no key of used has: base and ext ("stem" ".xhtml"), else base,
 * sep, a number from 2, and ext ("stem-2.xhtml"), now in used.  next
 * keeps each base's next number, so n names take linear time however
 * many collide.  The caller frees it. */
char *unique_name(struct strmap *used, struct strmap *next, const char *base,
    const char *sep, const char *ext);

char *path_join(const char *a, const char *b);     /* caller frees */
const char *path_base(const char *p);              /* points into p */
char *path_dir(const char *p);                     /* caller frees; "" for none */
/* Normalises a relative path lexically ("a/./b/../c" -> "a/c").  Returns NULL
 * when it climbs above its start: such a path leaves the content folder. */
char *path_normalize(const char *p);

int str_starts(const char *s, const char *prefix);
int str_ends(const char *s, const char *suffix);
char *str_trim(char *s);                            /* in place */
int str_blank(const char *s);         /* NULL or only spaces: 1 */

#endif
