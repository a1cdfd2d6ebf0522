/* pack.c: the zip container with libzip, and the atomic write. */
#include "pack.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <libdeflate.h>
#include <zip.h>

#include "diag.h"
#include "opf.h"
#include "output.h"
#include "spine.h"
#include "threads.h"

struct deflater {
	struct libdeflate_compressor *c;
};

struct deflater *
deflater_new(int level)
{
	struct deflater *d = xcalloc(1, sizeof(*d));

	d->c = libdeflate_alloc_compressor(level);
	if (d->c == NULL)
		xoom();
	return d;
}

void
deflater_free(struct deflater *d)
{
	if (d == NULL)
		return;
	libdeflate_free_compressor(d->c);
	free(d);
}

void
deflate_bytes(struct deflater *d, const void *raw, size_t len,
    struct deflated *out)
{
	size_t bound = libdeflate_deflate_compress_bound(d->c, len);

	free(out->data);
	out->data = xmalloc(bound ? bound : 1);
	out->len = libdeflate_deflate_compress(d->c, raw, len, out->data,
	    bound);
	/* hold only what is needed: 10,000 chapters wait for the zip */
	out->data = xrealloc(out->data, out->len ? out->len : 1);
	out->raw_len = len;
	out->crc = libdeflate_crc32(0, raw, len);
}

/* A zip source of bytes deflated already: its stat says so (method,
 * sizes, CRC), and libzip copies them into the zip as they are. */
struct raw_src {
	const struct deflated *z;
	size_t off;
	zip_error_t error;
};

static zip_int64_t
raw_cb(void *ud, void *data, zip_uint64_t len, zip_source_cmd_t cmd)
{
	struct raw_src *r = ud;

	switch (cmd) {
	case ZIP_SOURCE_OPEN:
		r->off = 0;
		return 0;
	case ZIP_SOURCE_READ: {
		size_t n = r->z->len - r->off;
		if (n > len)
			n = (size_t)len;
		memcpy(data, r->z->data + r->off, n);
		r->off += n;
		return (zip_int64_t)n;
	}
	case ZIP_SOURCE_CLOSE:
		return 0;
	case ZIP_SOURCE_STAT: {
		zip_stat_t *st = data;
		zip_stat_init(st);
		st->valid = ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE |
		    ZIP_STAT_COMP_METHOD | ZIP_STAT_CRC |
		    ZIP_STAT_ENCRYPTION_METHOD;
		st->size = r->z->raw_len;
		st->comp_size = r->z->len;
		st->comp_method = ZIP_CM_DEFLATE;
		st->encryption_method = ZIP_EM_NONE;
		st->crc = r->z->crc;
		return sizeof(*st);
	}
	case ZIP_SOURCE_ERROR:
		return zip_error_to_data(&r->error, data, len);
	case ZIP_SOURCE_FREE:
		free(r);
		return 0;
	case ZIP_SOURCE_SUPPORTS:
		return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN,
		    ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT,
		    ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, -1);
	default:
		zip_error_set(&r->error, ZIP_ER_OPNOTSUPP, 0);
		return -1;
	}
}

/* Adds an entry from source s with the fixed time and mode every entry
 * has, so the book is the same each time.  Returns its index, or -1. */
static zip_int64_t
add_entry(zip_t *za, const char *name, zip_source_t *s, time_t mtime)
{
	zip_int64_t idx;

	if (s == NULL)
		return -1;
	idx = zip_file_add(za, name, s, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
	if (idx < 0) {
		zip_source_free(s);
		return -1;
	}
	if (zip_file_set_mtime(za, (zip_uint64_t)idx, mtime, 0) < 0 ||
	    zip_file_set_external_attributes(za, (zip_uint64_t)idx, 0,
	    ZIP_OPSYS_UNIX, (zip_uint32_t)0100644 << 16) < 0)
		return -1;
	return idx;
}

/* Adds bytes deflated already; z must live until the zip is closed. */
static int
add_deflated(zip_t *za, const char *name, const struct deflated *z,
    time_t mtime)
{
	struct raw_src *r = xcalloc(1, sizeof(*r));
	zip_source_t *s;

	r->z = z;
	zip_error_init(&r->error);
	if ((s = zip_source_function(za, raw_cb, r)) == NULL) {
		free(r);
		return -1;
	}
	return add_entry(za, name, s, mtime) < 0 ? -1 : 0;
}

/* Adds len bytes of data stored as they are (mimetype, images). */
static int
add_stored(zip_t *za, const char *name, const void *data, size_t len,
    time_t mtime)
{
	zip_int64_t idx = add_entry(za, name,
	    zip_source_buffer(za, data, len, 0), mtime);

	return idx < 0 || zip_set_file_compression(za, (zip_uint64_t)idx,
	    ZIP_CM_STORE, 0) < 0 ? -1 : 0;
}

/* Copies the zip built in a buffer source, after zip_close(), to o a
 * megabyte at a time.  Returns 0, or -1 after an error diagnostic. */
static int
source_to_output(zip_source_t *src, struct output *o)
{
	size_t cap = 1 << 20;
	char *chunk;
	zip_int64_t n;
	int rc = 0;

	if (zip_source_open(src) < 0) {
		errx_at(NULL, 0, "cannot read back the zip container");
		return -1;
	}
	chunk = xmalloc(cap);
	while (rc == 0 && (n = zip_source_read(src, chunk, cap)) != 0) {
		if (n < 0) {
			errx_at(NULL, 0, "cannot read back the zip container");
			rc = -1;
		} else {
			rc = output_write(o, chunk, (size_t)n);
		}
	}
	zip_source_close(src);
	free(chunk);
	return rc;
}

/* One entry of the zip, in the order the entries are written: stored
 * as it is (mimetype, images), deflated already (the chapters, by their
 * threads), or deflated here (the rest, side by side). */
struct zentry {
	char *name;
	const void *data;
	size_t len;
	int store;
	const struct deflated *z;    /* the deflated bytes, once there are */
	struct deflated own;         /* bytes deflated here */
};

struct packer {
	struct zentry *e;
	size_t n;
	int level;
	struct deflater **d;         /* one per worker, made when needed */
};

/* Queues the next entry, named by fmt, with len bytes of data. */
static struct zentry *
queue(struct packer *p, const void *data, size_t len, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static struct zentry *
queue(struct packer *p, const void *data, size_t len, const char *fmt, ...)
{
	struct zentry *e = &p->e[p->n++];
	va_list ap;

	va_start(ap, fmt);
	e->name = xvasprintf(fmt, ap);
	va_end(ap);
	e->data = data;
	e->len = len;
	return e;
}

static void
deflate_entry(void *arg, size_t i, int worker)
{
	struct packer *p = arg;
	struct zentry *e = &p->e[i];

	if (e->store || e->z != NULL)
		return;
	if (p->d[worker] == NULL)
		p->d[worker] = deflater_new(p->level);
	deflate_bytes(p->d[worker], e->data, e->len, &e->own);
	e->z = &e->own;
}

/* Queues a document of the book: deflated already by its thread, or
 * its bytes. */
static void
queue_doc(struct packer *p, const struct doc *d)
{
	struct zentry *e = queue(p, d->bytes, d->len, "EPUB/%s", d->href);

	if (d->bytes == NULL)
		e->z = &d->z;
}

/* The entries in their fixed order: the package's own files, the
 * navigation document, the pages in reading order, the pictures. */
static void
queue_book(struct packer *p, const struct book *b, const char *container,
    size_t clen)
{
	const struct doc *nav = spine_find(b, DOC_NAV);

	static const char mimetype[] = "application/epub+zip";
	static const char ibooks[] =
	    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	    "<display_options>\n<platform name=\"*\">\n"
	    "<option name=\"specified-fonts\">true</option>\n"
	    "</platform>\n</display_options>\n";

	queue(p, mimetype, sizeof(mimetype) - 1, "mimetype")->store = 1;
	queue(p, container, clen, "META-INF/container.xml");
	queue(p, ibooks, sizeof(ibooks) - 1,
	    "META-INF/com.apple.ibooks.display-options.xml");
	queue(p, b->opf, b->opf_len, "EPUB/package.opf");
	queue_doc(p, nav);
	queue(p, b->ncx, b->ncx_len, "EPUB/toc.ncx");
	queue(p, b->css, b->css_len, "EPUB/css/book.css");
	for (size_t i = 0; i < b->ndocs; i++)
		if (&b->docs[i] != nav)
			queue_doc(p, &b->docs[i]);
	for (size_t i = 0; i < b->nres; i++) {
		const struct resource *r = b->res[i];
		/* images are compressed already, but for SVG */
		queue(p, r->data, r->len, "EPUB/%s", r->href)->store =
		    strcmp(r->media_type, "image/svg+xml") != 0;
	}
}

/* Builds the zip in memory, deflating on jobs threads.  Returns the
 * buffer source holding it (the caller frees it), or NULL. */
static zip_source_t *
build(struct book *b, int level, int jobs)
{
	struct packer p = {NULL, 0, level, NULL};
	time_t mt = (time_t)b->modified_epoch;
	zip_error_t ze;
	zip_source_t *src;
	zip_t *za;
	char *container;
	size_t clen;
	int ok = 1;

	zip_error_init(&ze);
	src = zip_source_buffer_create(NULL, 0, 0, &ze);
	if (src == NULL)
		return NULL;
	zip_source_keep(src);
	za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
	if (za == NULL) {
		zip_source_free(src);
		return NULL;
	}
	container = container_xml(&clen);
	/* mimetype, two in META-INF, opf, ncx and css, then the documents
	 * and the pictures */
	p.e = xcalloc(6 + b->ndocs + b->nres, sizeof(*p.e));
	p.d = xcalloc((size_t)jobs + 1, sizeof(*p.d));
	queue_book(&p, b, container, clen);
	threads_each(jobs, p.n, deflate_entry, &p);
	for (size_t i = 0; i < p.n && ok; i++) {
		const struct zentry *e = &p.e[i];
		ok = (e->store ? add_stored(za, e->name, e->data, e->len, mt) :
		    add_deflated(za, e->name, e->z, mt)) == 0;
	}
	if (!ok || zip_close(za) < 0) {
		zip_discard(za);
		ok = 0;
	}
	for (size_t i = 0; i < p.n; i++) {
		free(p.e[i].name);
		free(p.e[i].own.data);
	}
	for (int i = 0; i < jobs; i++)
		deflater_free(p.d[i]);
	free(p.d);
	free(p.e);
	free(container);
	if (!ok) {
		zip_source_free(src);
		return NULL;
	}
	return src;
}

/* done(arg), on a thread of its own while the book is synced */
struct meanwhile {
	void (*done)(void *);
	void *arg;
	pthread_t thread;
	int started;
};

static void *
run_done(void *m)
{
	((struct meanwhile *)m)->done(((struct meanwhile *)m)->arg);
	return NULL;
}

int
pack_write(struct book *b, const char *out, int level, int jobs,
    void (*done)(void *), void *arg)
{
	zip_source_t *zip = build(b, level, jobs);
	struct meanwhile m = {done, arg, 0, 0};
	struct output *o = NULL;
	int rc = -1;

	if (zip == NULL) {
		errx_at(out, 0, "cannot build the zip container");
		return -1;
	}
	if ((o = output_open(out, "book")) == NULL || source_to_output(zip, o) < 0 ||
	    output_verify(o, b) < 0)
		goto fail;
	zip_source_free(zip);
	zip = NULL;
	/* b is written: done() frees it while the disk catches up */
	if (pthread_create(&m.thread, NULL, run_done, &m) == 0)
		m.started = 1;
	else
		done(arg);
	rc = output_commit(o);
	o = NULL;
fail:
	output_abort(o);
	if (m.started)
		pthread_join(m.thread, NULL);
	if (zip != NULL)
		zip_source_free(zip);
	return rc;
}
