/* images.c: reads, types and de-duplicates the pictures pages name. */
#include "images.h"

#include <ctype.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "diag.h"
#include "input.h"
#include "picture.h"
#include "svg.h"
#include "util.h"

/* What was done to a picture, said after the chapters (in the order of
 * the pictures' files, whichever chapter met them first). */
struct note {
	char *path;
	char *text;
};

/* A picture's file, read: its resource, and what was done to it. */
struct file {
	const struct resource *r;
	char *note;
};

struct images {
	struct book *book;
	struct picture_opts opts;
	struct strmap *bysha;    /* SHA-1 hex -> resource */
	struct strmap *byfile;   /* content path -> struct file, once read */
	struct note *notes;
	size_t nnotes;
	pthread_mutex_t lock;    /* the maps, the notes and b->res */
};

struct images *
images_new(struct book *b, const struct picture_opts *opts)
{
	struct images *im = xcalloc(1, sizeof(*im));

	im->book = b;
	im->opts = *opts;
	im->bysha = strmap_new();
	im->byfile = strmap_new();
	pthread_mutex_init(&im->lock, NULL);
	return im;
}

static void
free_file(const char *key, void *value, void *arg)
{
	struct file *f = value;

	(void)key;
	(void)arg;
	free(f->note);
	free(f);
}

void
images_free(struct images *im)
{
	if (im == NULL)
		return;
	strmap_free(im->bysha);
	strmap_each(im->byfile, free_file, NULL);
	strmap_free(im->byfile);
	for (size_t i = 0; i < im->nnotes; i++) {
		free(im->notes[i].path);
		free(im->notes[i].text);
	}
	free(im->notes);
	pthread_mutex_destroy(&im->lock);
	free(im);
}

const char *
image_type(const unsigned char *d, size_t n, const char **ext)
{
	size_t i = 0;

	if (n >= 8 && memcmp(d, "\x89PNG\r\n\x1a\n", 8) == 0)
		return *ext = "png", "image/png";
	if (n >= 3 && d[0] == 0xFF && d[1] == 0xD8 && d[2] == 0xFF)
		return *ext = "jpg", "image/jpeg";
	if (n >= 6 && (memcmp(d, "GIF87a", 6) == 0 ||
	    memcmp(d, "GIF89a", 6) == 0))
		return *ext = "gif", "image/gif";
	if (n >= 12 && memcmp(d, "RIFF", 4) == 0 && memcmp(d + 8, "WEBP", 4) == 0)
		return *ext = "webp", "image/webp";
	/* formats hbook reads (picture.c) but writes as PNG or JPEG */
	if (n >= 4 && (memcmp(d, "II*\0", 4) == 0 || memcmp(d, "MM\0*", 4) == 0))
		return *ext = "tiff", "image/tiff";
	if (n >= 26 && d[0] == 'B' && d[1] == 'M')
		return *ext = "bmp", "image/bmp";
	if (n >= 12 && memcmp(d + 4, "ftyp", 4) == 0) {
		if (memcmp(d + 8, "avif", 4) == 0 || memcmp(d + 8, "avis", 4) == 0)
			return *ext = "avif", "image/avif";
		if (memcmp(d + 8, "heic", 4) == 0 || memcmp(d + 8, "heix", 4) == 0 ||
		    memcmp(d + 8, "mif1", 4) == 0 || memcmp(d + 8, "msf1", 4) == 0)
			return *ext = "heic", "image/heic";
	}
	if (n >= 3 && memcmp(d, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < n && isspace(d[i]))
		i++;
	if (i < n && d[i] == '<') {
		/* SVG: XML whose root is <svg> */
		size_t lim = n < 4096 ? n : 4096;
		/* cppcheck-suppress knownConditionTrueFalse ; it loses track of
		 * n here: lim is up to 4096 */
		for (size_t k = i; k + 4 <= lim; k++)
			if (memcmp(d + k, "<svg", 4) == 0)
				return *ext = "svg", "image/svg+xml";
	}
	return NULL;
}

/* Adds data (taken over), whose SHA-1 is sha, to b's resources. */
static struct resource *
add(struct book *b, unsigned char *data, size_t len, const char *type,
    char *href, char *id, const unsigned char sha[20])
{
	struct resource *r = xcalloc(1, sizeof(*r));

	r->href = href;
	r->id = id;
	r->media_type = xstrdup(type);
	r->data = data;
	r->len = len;
	memcpy(r->sha, sha, 20);
	b->res = xgrow(b->res, b->nres, &b->capres, sizeof(*b->res));
	b->res[b->nres++] = r;
	return r;
}

struct resource *
images_add(struct book *b, unsigned char *data, size_t len, const char *type,
    const char *href, const char *id)
{
	unsigned char sha[20];

	sha1(data, len, sha);
	return add(b, data, len, type, xstrdup(href), xstrdup(id), sha);
}

static void
note(struct images *im, const char *path, char *text)
{
	pthread_mutex_lock(&im->lock);
	im->notes = xrealloc(im->notes, (im->nnotes + 1) * sizeof(*im->notes));
	im->notes[im->nnotes].path = xstrdup(path);
	im->notes[im->nnotes++].text = text;
	pthread_mutex_unlock(&im->lock);
}

static int
note_cmp(const void *a, const void *b)
{
	const struct note *x = a, *y = b;

	return strcmp(x->path, y->path);
}

void
images_say(struct images *im)
{
	if (im->nnotes > 1)
		qsort(im->notes, im->nnotes, sizeof(*im->notes), note_cmp);
	for (size_t i = 0; i < im->nnotes; i++) {
		char *src = book_src(im->book, im->notes[i].path);
		warnx_at(src, 0, "%s", im->notes[i].text);
		free(src);
	}
}

/* An SVG picture made safe (svg.c): in place of *data, or -1. */
static int
svg(struct images *im, const char *path, unsigned char **data, size_t *len)
{
	char *out;
	size_t n;
	int removed;

	if (svg_clean(*data, *len, &out, &n, &removed) < 0)
		return -1;
	free(*data);
	*data = (unsigned char *)out;
	*len = n;
	if (removed) {
		struct buf what = {0};
		if (removed & SVG_ACTIVE)
			buf_adds(&what, ", scripts and event handlers");
		if (removed & SVG_REMOTE)
			buf_adds(&what, ", references a reader would fetch");
		if (removed & SVG_FOREIGN)
			buf_adds(&what, ", HTML and media inside the drawing");
		note(im, path, xasprintf("SVG picture: %s removed", what.data + 2));
		buf_free(&what);
	}
	return 0;
}

const struct resource *
images_embed(struct images *im, const char *path, const char **why,
    const char **warning, const char **note)
{
	struct book *b = im->book;
	struct resource *r;
	struct file *f;
	unsigned char *data, sha[20];
	const char *type, *ext;
	char hex[41], *note_text = NULL;
	size_t len;

	/* read once however many pages show it */
	*note = NULL;
	pthread_mutex_lock(&im->lock);
	f = strmap_get(im->byfile, path);
	pthread_mutex_unlock(&im->lock);
	if (f != NULL) {
		*note = f->note;
		return f->r;
	}
	if (input_file(b->in, path, INPUT_MAX_FILE, (char **)&data, &len) < 0) {
		*why = input_error(errno);
		*warning = "cannot read image %s (its alt text stands in)";
		return NULL;
	}
	if ((type = image_type(data, len, &ext)) == NULL) {
		*why = "not a picture hbook reads";
		*warning = "not a picture hbook reads (PNG, JPEG, GIF, SVG, "
		    "WebP, AVIF, HEIC, TIFF, BMP): %s (its alt text stands in)";
		free(data);
		return NULL;
	}
	if (strcmp(ext, "svg") == 0 && svg(im, path, &data, &len) < 0) {
		*why = "not a well-formed SVG picture";
		*warning = "not a well-formed SVG picture: %s (its alt text "
		    "stands in)";
		free(data);
		return NULL;
	}
	if (strcmp(ext, "svg") != 0) {
		struct picture_out po;
		int made = picture_prepare(data, len, type, &im->opts, &po);
		if (made < 0) {
			*why = po.why;
			*warning = po.warning;
			free(data);
			return NULL;
		}
		if (made > 0) {
			free(data);
			data = po.data;
			len = po.len;
			type = po.type;
			ext = po.ext;
			note_text = po.note;
		}
	}
	sha1(data, len, sha);
	for (int i = 0; i < 20; i++)
		snprintf(hex + 2 * i, 3, "%02x", sha[i]);
	pthread_mutex_lock(&im->lock);
	r = strmap_get(im->bysha, hex);
	if (r == NULL) {
		r = add(b, data, len, type, xasprintf("images/%.16s.%s", hex, ext),
		    xasprintf("img-%.16s", hex), sha);
		data = NULL;
		strmap_put(im->bysha, hex, r);
	}
	f = xcalloc(1, sizeof(*f));
	f->r = r;
	f->note = note_text;
	if ((struct file *)strmap_put(im->byfile, path, f) != f) {
		/* another page's thread made it meanwhile */
		free(f);
		f = strmap_get(im->byfile, path);
	} else {
		note_text = NULL;
	}
	*note = f->note;
	r = (struct resource *)f->r;
	pthread_mutex_unlock(&im->lock);
	free(data);
	free(note_text);
	return r;
}
