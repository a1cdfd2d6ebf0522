/* util.c: the allocation wrappers, buffers, files and paths every stage uses. */
#include "util.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "diag.h"

void
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

int
file_read(const char *path, char **data, size_t *len)
{
	struct stat st;
	char *p;
	size_t cap, n = 0;
	ssize_t got;
	int fd, saved;

	/* O_NONBLOCK: a FIFO that slipped past the scan must not hang us. */
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		saved = S_ISREG(st.st_mode) ? errno : EINVAL;
		close(fd);
		errno = saved;
		return -1;
	}
	/* read into the file's own size, and a byte more: a file that
	 * grew since the fstat() still reads whole, in doubling steps */
	cap = (size_t)st.st_size + 1;
	p = xmalloc(cap);
	while ((got = read(fd, p + n, cap - n)) != 0) {
		if (got < 0) {
			if (errno == EINTR)
				continue;
			saved = errno;
			free(p);
			close(fd);
			errno = saved;
			return -1;
		}
		n += (size_t)got;
		if (n == cap)
			p = xrealloc(p, cap *= 2);
	}
	close(fd);
	p[n] = '\0';
	*len = n;
	*data = p;
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

struct each {
	void (*fn)(void *, size_t, int);
	void *ctx;
	size_t n;
	size_t next;             /* the next item to take (atomic) */
	int workers;             /* worker numbers handed out (atomic) */
	struct buf *diags;       /* one per item */
};

static void *
each_worker(void *arg)
{
	struct each *e = arg;
	int w = __atomic_fetch_add(&e->workers, 1, __ATOMIC_RELAXED);
	size_t i;

	while ((i = __atomic_fetch_add(&e->next, 1, __ATOMIC_RELAXED)) < e->n) {
		diag_capture(&e->diags[i], 0);
		e->fn(e->ctx, i, w);
		diag_capture(NULL, 0);
	}
	return NULL;
}

/* The threads that help threads_each(), started when first needed and
 * kept until threads_end(): a thread that ends has mimalloc walk what every
 * ended thread left behind, half a millisecond each, and an export shares
 * out work five times.  job is the work being shared out; seats, how many
 * more helpers it takes; busy, how many are in it. */
static struct {
	pthread_mutex_t lock;
	pthread_cond_t wake, idle;
	pthread_t *threads;
	int n;
	struct each *job;
	int seats, busy, quit;
} pool = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER,
    PTHREAD_COND_INITIALIZER, NULL, 0, NULL, 0, 0, 0};

static void *
helper(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&pool.lock);
	for (;;) {
		struct each *e;

		while (!pool.quit && pool.seats == 0)
			pthread_cond_wait(&pool.wake, &pool.lock);
		if (pool.quit)
			break;
		pool.seats--;
		pool.busy++;
		e = pool.job;
		pthread_mutex_unlock(&pool.lock);
		each_worker(e);
		pthread_mutex_lock(&pool.lock);
		if (--pool.busy == 0 && pool.seats == 0)
			pthread_cond_signal(&pool.idle);
	}
	pthread_mutex_unlock(&pool.lock);
	return NULL;
}

void
threads_each(int jobs, size_t n, void (*fn)(void *, size_t, int), void *ctx)
{
	struct each e = {fn, ctx, n, 0, 0, NULL};

	if ((size_t)jobs > n)
		jobs = (int)n;
	if (jobs < 1)
		jobs = 1;
	e.diags = xcalloc(n + 1, sizeof(*e.diags));
	pthread_mutex_lock(&pool.lock);
	if (pool.n < jobs - 1) {
		pool.threads = xrealloc(pool.threads,
		    (size_t)(jobs - 1) * sizeof(*pool.threads));
		while (pool.n < jobs - 1 && pthread_create(&pool.threads[pool.n],
		    NULL, helper, NULL) == 0)
			pool.n++;
	}
	pool.job = &e;
	pool.seats = jobs - 1 < pool.n ? jobs - 1 : pool.n;
	pthread_cond_broadcast(&pool.wake);
	pthread_mutex_unlock(&pool.lock);
	each_worker(&e);          /* the caller works too */
	pthread_mutex_lock(&pool.lock);
	pool.seats = 0;           /* every item is taken: no more helpers */
	while (pool.busy > 0)
		pthread_cond_wait(&pool.idle, &pool.lock);
	pool.job = NULL;
	pthread_mutex_unlock(&pool.lock);
	diag_flush(e.diags, n);
	free(e.diags);
}

void
threads_end(void)
{
	pthread_mutex_lock(&pool.lock);
	pool.quit = 1;
	pthread_cond_broadcast(&pool.wake);
	pthread_mutex_unlock(&pool.lock);
	for (int i = 0; i < pool.n; i++)
		pthread_join(pool.threads[i], NULL);
	free(pool.threads);
	pool.threads = NULL;
	pool.n = 0;
	pool.quit = 0;
}

int
str_blank(const char *s)
{
	for (; s != NULL && *s; s++)
		if (!isspace((unsigned char)*s))
			return 0;
	return 1;
}

void
sha1(const void *data, size_t len, unsigned char out[20])
{
	unsigned int n = 20;

	/* a hash needs no system policy: not reading openssl.cnf saves
	 * 0.4 ms on the first call, and a broken one cannot stop a book.
	 * Nor a clean-up at exit, which freed OpenSSL's tables one by one
	 * for 0.7 ms before the process ended; the kernel frees them at once */
	OPENSSL_init_crypto(OPENSSL_INIT_NO_LOAD_CONFIG | OPENSSL_INIT_NO_ATEXIT,
	    NULL);
	if (!EVP_Digest(data, len, out, &n, EVP_sha1(), NULL))
		xoom();
}

void
uuid5_url(const char *name, char out[37])
{
	/* RFC 4122 appendix C: the URL namespace. */
	static const unsigned char ns[16] = {
		0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1,
		0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8};
	unsigned char h[20];
	size_t n = strlen(name);
	unsigned char *msg = xmalloc(16 + n);

	memcpy(msg, ns, 16);
	memcpy(msg + 16, name, n);
	sha1(msg, 16 + n, h);
	free(msg);
	h[6] = (unsigned char)((h[6] & 0x0f) | 0x50);
	h[8] = (unsigned char)((h[8] & 0x3f) | 0x80);
	snprintf(out, 37,
	    "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
	    "%02x%02x%02x%02x%02x%02x",
	    h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7], h[8], h[9],
	    h[10], h[11], h[12], h[13], h[14], h[15]);
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

void *
strmap_put(struct strmap *m, const char *key, void *value)
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
	if (m->keys[i] != NULL)
		return m->vals[i];
	m->keys[i] = xstrdup(key);
	m->vals[i] = value;
	m->n++;
	return value;
}
