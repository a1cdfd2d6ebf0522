/* pack.c: the zip container with libzip, and the atomic write. */
#include "pack.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <libdeflate.h>
#include <zip.h>

#include "diag.h"
#include "opf.h"

/* The temporary file, for the signal handler to remove. */
static char tmp_path[4096];
static volatile sig_atomic_t tmp_live;

static void
on_signal(int sig)
{
	static const char msg[] = "hbook: error: interrupted; nothing written\n";

	(void)sig;
	if (tmp_live)
		unlink(tmp_path);
	/* only async-signal-safe calls here */
	if (write(2, msg, sizeof(msg) - 1) < 0)
		_exit(1);
	_exit(1);
}

void
pack_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

int
pack_check(const char *out)
{
	struct stat st;
	char *dir = path_dir(out);

	if (stat(out, &st) == 0 && S_ISDIR(st.st_mode)) {
		errx_at(out, 0, "is a folder: give the book's file name");
		free(dir);
		return -1;
	}
	if (stat(dir[0] ? dir : ".", &st) < 0 || !S_ISDIR(st.st_mode)) {
		errx_at(out, 0, "cannot write the book: folder %s does not "
		    "exist", dir[0] ? dir : ".");
		free(dir);
		return -1;
	}
	if (access(dir[0] ? dir : ".", W_OK) < 0) {
		errx_at(out, 0, "cannot write the book: folder %s is not "
		    "writable", dir[0] ? dir : ".");
		free(dir);
		return -1;
	}
	free(dir);
	return 0;
}

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

/* The bytes of a zip built in a buffer source, after zip_close(). */
static int
source_bytes(zip_source_t *src, unsigned char **out, size_t *outlen)
{
	zip_stat_t st;

	if (zip_source_stat(src, &st) < 0 || zip_source_open(src) < 0)
		return -1;
	*out = xmalloc(st.size + 1);
	*outlen = (size_t)zip_source_read(src, *out, st.size);
	zip_source_close(src);
	if (*outlen != st.size) {
		free(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}

/* The zip being built, and the small entries deflated here (the
 * chapters were deflated by their threads). */
struct packer {
	zip_t *za;
	struct deflater *d;
	struct deflated *keep;   /* alive until the zip is closed */
	size_t nkeep;
	time_t mt;
	int ok;
};

static void
put(struct packer *p, const char *name, const void *data, size_t len)
{
	struct deflated *z = &p->keep[p->nkeep++];

	deflate_bytes(p->d, data, len, z);
	p->ok &= add_deflated(p->za, name, z, p->mt) == 0;
}

static void
put_file(struct packer *p, const char *file, const void *data, size_t len)
{
	char *name = xasprintf("EPUB/%s", file);

	put(p, name, data, len);
	free(name);
}

/* Builds the zip in memory.  Returns 0 and the bytes (the caller frees
 * them), or -1. */
static int
build(struct book *b, int level, char **out, size_t *outlen)
{
	static const char mimetype[] = "application/epub+zip";
	static const char ibooks[] =
	    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	    "<display_options>\n<platform name=\"*\">\n"
	    "<option name=\"specified-fonts\">true</option>\n"
	    "</platform>\n</display_options>\n";
	struct packer p = {NULL, NULL, NULL, 0, (time_t)b->modified_epoch, 1};
	zip_error_t ze;
	zip_source_t *src;
	char *container;
	size_t clen;

	zip_error_init(&ze);
	src = zip_source_buffer_create(NULL, 0, 0, &ze);
	if (src == NULL)
		return -1;
	zip_source_keep(src);
	p.za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
	if (p.za == NULL) {
		zip_source_free(src);
		return -1;
	}
	p.d = deflater_new(level);
	p.keep = xcalloc(10 + b->ncats + b->nres, sizeof(*p.keep));
	container = container_xml(&clen);
	p.ok &= add_stored(p.za, "mimetype", mimetype, sizeof(mimetype) - 1,
	    p.mt) == 0;
	put(&p, "META-INF/container.xml", container, clen);
	put(&p, "META-INF/com.apple.ibooks.display-options.xml", ibooks,
	    sizeof(ibooks) - 1);
	put_file(&p, "package.opf", b->opf, b->opf_len);
	put_file(&p, "nav.xhtml", b->nav_xhtml, b->nav_len);
	put_file(&p, "toc.ncx", b->ncx, b->ncx_len);
	put_file(&p, "css/book.css", b->css, b->css_len);
	if (b->cover_xhtml != NULL)
		put_file(&p, "text/cover.xhtml", b->cover_xhtml, b->cover_len);
	put_file(&p, "text/title.xhtml", b->title_xhtml, b->title_len);
	if (b->disclaimer_xhtml != NULL)
		put_file(&p, "text/disclaimer.xhtml", b->disclaimer_xhtml,
		    b->disclaimer_len);
	for (size_t i = 0; i < b->ncats && p.ok; i++) {
		struct category *c = b->cats[i];
		char *name = xasprintf("text/%s", c->file);
		put_file(&p, name, c->xhtml, c->xhtml_len);
		free(name);
		for (size_t j = 0; j < c->narts && p.ok; j++) {
			name = xasprintf("EPUB/text/%s", c->arts[j]->file);
			p.ok &= add_deflated(p.za, name, &c->arts[j]->z,
			    p.mt) == 0;
			free(name);
		}
	}
	if (b->topics_xhtml != NULL)
		put_file(&p, "text/topics.xhtml", b->topics_xhtml,
		    b->topics_len);
	for (size_t i = 0; i < b->nres && p.ok; i++) {
		const struct resource *r = b->res[i];
		/* images are compressed already, but for SVG */
		if (strcmp(r->media_type, "image/svg+xml") == 0) {
			put_file(&p, r->href, r->data, r->len);
		} else {
			char *name = xasprintf("EPUB/%s", r->href);
			p.ok &= add_stored(p.za, name, r->data, r->len,
			    p.mt) == 0;
			free(name);
		}
	}
	if (!p.ok || zip_close(p.za) < 0) {
		zip_discard(p.za);
		p.ok = 0;
	}
	for (size_t i = 0; i < p.nkeep; i++)
		free(p.keep[i].data);
	free(p.keep);
	deflater_free(p.d);
	free(container);
	if (p.ok)
		p.ok = source_bytes(src, (unsigned char **)out, outlen) == 0;
	zip_source_free(src);
	return p.ok ? 0 : -1;
}

int
pack_write(struct book *b, const char *out, int level)
{
	char *data = NULL, *dir = path_dir(out);
	size_t len, done = 0;
	int fd = -1, rc = -1;
	mode_t mask;

	if (build(b, level, &data, &len) < 0) {
		errx_at(out, 0, "cannot build the zip container");
		goto out;
	}
	snprintf(tmp_path, sizeof(tmp_path), "%s%s.%s.XXXXXX",
	    dir, dir[0] ? "/" : "", path_base(out));
	fd = mkstemp(tmp_path);
	if (fd < 0) {
		errx_at(out, 0, "cannot create a temporary file beside it: %s",
		    strerror(errno));
		goto out;
	}
	tmp_live = 1;
	while (done < len) {
		ssize_t n = write(fd, data + done, len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			errx_at(out, 0, "cannot write the book: %s",
			    strerror(n < 0 ? errno : ENOSPC));
			goto out;
		}
		done += (size_t)n;
	}
	mask = umask(0);
	umask(mask);
	if (fchmod(fd, 0666 & ~mask) < 0 || fsync(fd) < 0) {
		errx_at(out, 0, "cannot write the book: %s", strerror(errno));
		goto out;
	}
	if (close(fd) < 0) {
		fd = -1;
		errx_at(out, 0, "cannot write the book: %s", strerror(errno));
		goto out;
	}
	fd = -1;
	if (rename(tmp_path, out) < 0) {
		errx_at(out, 0, "cannot replace the book: %s", strerror(errno));
		goto out;
	}
	tmp_live = 0;
	rc = 0;
out:
	if (fd >= 0)
		close(fd);
	if (tmp_live) {
		unlink(tmp_path);
		tmp_live = 0;
	}
	free(data);
	free(dir);
	return rc;
}
