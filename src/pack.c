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

/* The deflate level for every entry, set by pack_write(). */
static int deflate_level;

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

static int
add(zip_t *za, const char *name, const void *data, size_t len, int store,
    time_t mtime)
{
	zip_int64_t idx = add_entry(za, name,
	    zip_source_buffer(za, data, len, 0), mtime);

	if (idx < 0 || zip_set_file_compression(za, (zip_uint64_t)idx, store ?
	    ZIP_CM_STORE : ZIP_CM_DEFLATE, store ? 0 : deflate_level) < 0)
		return -1;
	return 0;
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

int
pack_chapter(const char *xhtml, size_t len, int level, unsigned char **out,
    size_t *outlen)
{
	zip_error_t ze;
	zip_source_t *src, *s;
	zip_t *za;
	zip_int64_t idx;
	int rc;

	zip_error_init(&ze);
	if ((src = zip_source_buffer_create(NULL, 0, 0, &ze)) == NULL)
		return -1;
	zip_source_keep(src);
	if ((za = zip_open_from_source(src, ZIP_TRUNCATE, &ze)) == NULL) {
		zip_source_free(src);
		return -1;
	}
	s = zip_source_buffer(za, xhtml, len, 0);
	if (s == NULL || (idx = zip_file_add(za, "c", s, 0)) < 0 ||
	    zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_DEFLATE,
	    (zip_uint32_t)level) < 0 || zip_close(za) < 0) {
		zip_discard(za);
		zip_source_free(src);
		return -1;
	}
	rc = source_bytes(src, out, outlen);
	zip_source_free(src);
	return rc;
}

/* Adds a chapter deflated by pack_chapter(), copying its bytes.  The
 * chapter's archive must stay open until za is closed: it goes in *opened. */
static int
add_deflated(zip_t *za, const char *name, const struct article *a,
    time_t mtime, zip_t **opened)
{
	zip_error_t ze;
	zip_source_t *from = zip_source_buffer_create(a->zip, a->zip_len, 0, &ze);
	zip_source_t *raw;

	*opened = NULL;
	if (from == NULL)
		return -1;
	if ((*opened = zip_open_from_source(from, ZIP_RDONLY, &ze)) == NULL) {
		zip_source_free(from);
		return -1;
	}
	raw = zip_source_zip(za, *opened, 0, ZIP_FL_COMPRESSED, 0, -1);
	return add_entry(za, name, raw, mtime) < 0 ? -1 : 0;
}

/* Builds the zip in memory.  Returns 0 and the bytes (the caller frees
 * them), or -1. */
static int
build(struct book *b, char **out, size_t *outlen)
{
	static const char mimetype[] = "application/epub+zip";
	static const char ibooks[] =
	    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	    "<display_options>\n<platform name=\"*\">\n"
	    "<option name=\"specified-fonts\">true</option>\n"
	    "</platform>\n</display_options>\n";
	zip_error_t ze;
	zip_source_t *src;
	zip_t *za;
	time_t mt = (time_t)b->modified_epoch;
	char *container;
	size_t clen, nopened = 0;
	int ok = 1;
	zip_t **opened = xcalloc(b->narts + 1, sizeof(*opened));

	zip_error_init(&ze);
	src = zip_source_buffer_create(NULL, 0, 0, &ze);
	if (src == NULL)
		return -1;
	zip_source_keep(src);
	za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
	if (za == NULL) {
		zip_source_free(src);
		return -1;
	}
	container = container_xml(&clen);
	ok &= add(za, "mimetype", mimetype, sizeof(mimetype) - 1, 1, mt) == 0;
	ok &= add(za, "META-INF/container.xml", container, clen, 0, mt) == 0;
	ok &= add(za, "META-INF/com.apple.ibooks.display-options.xml", ibooks,
	    sizeof(ibooks) - 1, 0, mt) == 0;
	ok &= add(za, "EPUB/package.opf", b->opf, b->opf_len, 0, mt) == 0;
	ok &= add(za, "EPUB/nav.xhtml", b->nav_xhtml, b->nav_len, 0, mt) == 0;
	ok &= add(za, "EPUB/toc.ncx", b->ncx, b->ncx_len, 0, mt) == 0;
	ok &= add(za, "EPUB/css/book.css", b->css, b->css_len, 0, mt) == 0;
	if (b->cover_xhtml != NULL)
		ok &= add(za, "EPUB/text/cover.xhtml", b->cover_xhtml,
		    b->cover_len, 0, mt) == 0;
	ok &= add(za, "EPUB/text/title.xhtml", b->title_xhtml, b->title_len,
	    0, mt) == 0;
	if (b->disclaimer_xhtml != NULL)
		ok &= add(za, "EPUB/text/disclaimer.xhtml", b->disclaimer_xhtml,
		    b->disclaimer_len, 0, mt) == 0;
	for (size_t i = 0; i < b->ncats && ok; i++) {
		struct category *c = b->cats[i];
		char *name = xasprintf("EPUB/text/%s", c->file);
		ok &= add(za, name, c->xhtml, c->xhtml_len, 0, mt) == 0;
		free(name);
		for (size_t j = 0; j < c->narts && ok; j++) {
			name = xasprintf("EPUB/text/%s", c->arts[j]->file);
			ok &= add_deflated(za, name, c->arts[j], mt,
			    &opened[nopened]) == 0;
			if (opened[nopened] != NULL)
				nopened++;
			free(name);
		}
	}
	if (b->topics_xhtml != NULL)
		ok &= add(za, "EPUB/text/topics.xhtml", b->topics_xhtml,
		    b->topics_len, 0, mt) == 0;
	for (size_t i = 0; i < b->nres && ok; i++) {
		char *name = xasprintf("EPUB/%s", b->res[i]->href);
		/* images are compressed already */
		ok &= add(za, name, b->res[i]->data, b->res[i]->len,
		    strcmp(b->res[i]->media_type, "image/svg+xml") != 0,
		    mt) == 0;
		free(name);
	}
	if (!ok || zip_close(za) < 0) {
		zip_discard(za);
		ok = 0;
	}
	for (size_t i = 0; i < nopened; i++)
		zip_discard(opened[i]);
	free(opened);
	free(container);
	if (ok)
		ok = source_bytes(src, (unsigned char **)out, outlen) == 0;
	zip_source_free(src);
	return ok ? 0 : -1;
}

int
pack_write(struct book *b, const char *out, int level)
{
	char *data = NULL, *dir = path_dir(out);
	size_t len, done = 0;
	int fd = -1, rc = -1;
	mode_t mask;

	deflate_level = level;
	if (build(b, &data, &len) < 0) {
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
