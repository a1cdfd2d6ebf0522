/* cover.c: the cover.  A given JPEG or PNG is used as it is; otherwise
 * templates/cover.svg is filled with libxml2 and drawn to a 1600 x 2560 PNG
 * with librsvg, since Kindle and Kobo want a raster cover. */
#include "cover.h"

#include <errno.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <png.h>
#include <libdeflate.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "diag.h"
#include "dom.h"
#include "drawlib.h"
#include "images.h"
#include "input.h"
#include "template.h"
#include "text.h"

#define COVER_W 1600
#define COVER_H 2560

/* The widest a line of n characters is drawn, in font-size units: a
 * little over the average width of DejaVu's letters, so lines fit. */
#define CHAR_EM 0.56

static int
utf8_chars(const char *s, size_t n)
{
	int c = 0;

	for (size_t i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xC0) != 0x80;
	return c;
}

/* Breaks text into lines of at most width characters, at spaces.  Returns
 * the number of lines; *lines gets them (the caller frees each and it). */
static int
wrap(const char *text, int width, char ***lines)
{
	int n = 0;
	const char *s = text;

	*lines = NULL;
	while (*s) {
		const char *start, *end = NULL, *p;

		while (*s == ' ')
			s++;
		if (*s == '\0')
			break;
		start = s;
		for (p = s; *p; p++) {
			if (*p == ' ' && utf8_chars(start, (size_t)(p - start)) <= width)
				end = p;
			if (utf8_chars(start, (size_t)(p - start)) > width)
				break;
		}
		if (*p == '\0')
			end = p;
		else if (end == NULL)        /* one long word: cut it */
			end = p;
		*lines = xrealloc(*lines, (size_t)(n + 1) * sizeof(**lines));
		(*lines)[n++] = xstrndup(start, (size_t)(end - start));
		s = end;
	}
	return n;
}

static long
num_attr(xmlNode *n, const char *name, long def)
{
	xmlChar *v = xmlGetProp(n, BAD_CAST name);
	long r = v ? strtol((const char *)v, NULL, 10) : def;

	xmlFree(v);
	return r > 0 ? r : def;
}

static void
fill_text(xmlNode *t, const char *text)
{
	long size = num_attr(t, "font-size", 100);
	long width = num_attr(t, "data-hbook-width", 1200);
	long maxlines = num_attr(t, "data-hbook-lines", 3);
	long y = num_attr(t, "y", 0);
	char **lines = NULL, num[32];
	int n = 0;

	/* shrink the type until the text fits in its lines */
	for (;;) {
		int chars = (int)((double)width / ((double)size * CHAR_EM));
		for (int i = 0; i < n; i++)
			free(lines[i]);
		free(lines);
		n = wrap(text, chars > 4 ? chars : 4, &lines);
		if (n <= maxlines || size <= 24)
			break;
		size = size * 9 / 10;
	}
	snprintf(num, sizeof(num), "%ld", size);
	xmlSetProp(t, BAD_CAST "font-size", BAD_CAST num);
	/* centre the block of lines where the single line would stand */
	snprintf(num, sizeof(num), "%ld", y - (long)((n - 1) * size * 6 / 10));
	xmlSetProp(t, BAD_CAST "y", BAD_CAST num);
	for (int i = 0; i < n; i++) {
		xmlNode *span = xmlNewChild(t, t->ns, BAD_CAST "tspan", NULL);
		xmlChar *x = xmlGetProp(t, BAD_CAST "x");
		char *clean = xml_clean(lines[i], strlen(lines[i]));
		xmlSetProp(span, BAD_CAST "x", x ? x : BAD_CAST "0");
		snprintf(num, sizeof(num), "%ld", i ? size * 12 / 10 : 0L);
		xmlSetProp(span, BAD_CAST "dy", BAD_CAST num);
		xmlNodeAddContent(span, BAD_CAST clean);
		free(clean);
		xmlFree(x);
		free(lines[i]);
	}
	free(lines);
}

static void
fill_all(xmlNode *n, const char *const *fields)
{
	for (; n != NULL; n = n->next) {
		xmlChar *f;

		if (n->type != XML_ELEMENT_NODE)
			continue;
		if ((f = xmlGetProp(n, BAD_CAST "data-hbook")) != NULL) {
			const char *text = NULL;
			for (size_t i = 0; fields[i] != NULL; i += 2)
				if (strcmp(fields[i], (const char *)f) == 0)
					text = fields[i + 1];
			xmlUnsetProp(n, BAD_CAST "data-hbook");
			if (text != NULL && text[0])
				fill_text(n, text);
			xmlUnsetProp(n, BAD_CAST "data-hbook-width");
			xmlUnsetProp(n, BAD_CAST "data-hbook-lines");
			xmlFree(f);
			continue;
		}
		fill_all(n->children, fields);
	}
}

char *
cover_svg(const char *svg, size_t len, const char *const *fields,
    size_t *outlen)
{
	xmlDoc *doc = xmlReadMemory(svg, (int)len, "cover.svg", "utf-8",
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	char *out;

	if (doc == NULL)
		return NULL;
	fill_all(xmlDocGetRootElement(doc), fields);
	dom_write(doc, 0, &out, outlen);
	return out;
}

static void
png_write(png_structp p, png_bytep data, png_size_t len)
{
	buf_add(png_get_io_ptr(p), data, len);
}

static void
png_flush(png_structp p)
{
	(void)p;
}

/* Encodes cairo's RGB24 pixels as an 8-bit RGB PNG in out.  libdeflate
 * compresses the rows (no row filter: a drawn cover is flat colour and
 * type) at the book's level: at level 1 that is a third of the time zlib
 * takes at its level 6, for a few KB more; libpng writes the chunks
 * around it.  Returns 0, or -1. */
static int
encode_png(const struct drawlib *d, cairo_surface_t *s, int level,
    struct buf *out)
{
	unsigned char *px = d->cairo_image_surface_get_data(s);
	int stride = d->cairo_image_surface_get_stride(s);
	size_t rowlen = 1 + 3 * (size_t)COVER_W, rawlen = rowlen * COVER_H;
	unsigned char *row = xmalloc(rowlen + 1), *z;
	struct libdeflate_compressor *c = libdeflate_alloc_compressor(level);
	size_t zlen, bound;
	png_structp p;
	png_infop info;
	int rc = -1;

	if (c == NULL) {
		free(row);
		return -1;
	}
	/* The PNG rows (a filter byte, then R, G, B) are written over the
	 * pixels they come from: each row lands at or before its own pixels
	 * and wholly before the next row's, so no second 12 MB buffer. */
	d->cairo_surface_flush(s);
	for (int y = 0; y < COVER_H; y++) {
		/* RGB24: one native-endian 32-bit word per pixel, xRGB */
		const uint32_t *src = (const uint32_t *)(const void *)
		    (px + (size_t)y * (size_t)stride);
		int x = 0;

		row[0] = 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
		/* a pixel, in memory B G R x, byte-swapped is x R G B, and
		 * shifted is R G B 0: one four-byte store, whose last byte the
		 * next pixel's covers (the row has a byte to spare) */
		for (; x < COVER_W; x++) {
			uint32_t v = __builtin_bswap32(src[x]) >> 8;
			memcpy(row + 1 + 3 * x, &v, sizeof(v));
		}
#endif
		for (; x < COVER_W; x++) {
			/* read once: the byte stores may alias src */
			uint32_t v = src[x];
			row[1 + 3 * x] = (unsigned char)(v >> 16);
			row[2 + 3 * x] = (unsigned char)(v >> 8);
			row[3 + 3 * x] = (unsigned char)v;
		}
		memcpy(px + (size_t)y * rowlen, row, rowlen);
	}
	free(row);
	bound = libdeflate_zlib_compress_bound(c, rawlen);
	z = xmalloc(bound);
	zlen = libdeflate_zlib_compress(c, px, rawlen, z, bound);
	libdeflate_free_compressor(c);

	p = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	info = p ? png_create_info_struct(p) : NULL;
	if (info == NULL || zlen == 0)
		goto done;
	if (setjmp(png_jmpbuf(p)) == 0) {
		/* libpng's errors (out of memory) longjmp to the test above */
		png_set_write_fn(p, out, png_write, png_flush);
		png_set_IHDR(p, info, COVER_W, COVER_H, 8, PNG_COLOR_TYPE_RGB,
		    PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
		    PNG_FILTER_TYPE_DEFAULT);
		png_write_info(p, info);
		png_write_chunk(p, (png_const_bytep)"IDAT", z, zlen);
		png_write_chunk(p, (png_const_bytep)"IEND", NULL, 0);
		rc = 0;
	}
done:
	png_destroy_write_struct(&p, &info);
	free(z);
	return rc;
}

/* The surface the cover is drawn on, white: 16 MB, in memory of its own
 * asked to be backed by 2 MB pages where the kernel has them
 * (transparent huge pages on request): 4,000 page faults of 4 KB took a
 * quarter of the cover's time.  Else cairo's own memory. */
struct canvas {
	cairo_surface_t *s;
	void *mem;              /* our mapping, or NULL */
	size_t len;
};

static void
canvas_new(const struct drawlib *d, struct canvas *cv)
{
	int stride = d->cairo_format_stride_for_width(CAIRO_FORMAT_RGB24, COVER_W);
	size_t huge = (size_t)2 << 20;
	size_t n = ((size_t)stride * COVER_H + huge - 1) / huge * huge;
	unsigned char *p = mmap(NULL, n + huge, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	cairo_t *cr;

	memset(cv, 0, sizeof(*cv));
	if (p == MAP_FAILED) {
		cv->s = d->cairo_image_surface_create(CAIRO_FORMAT_RGB24, COVER_W,
		    COVER_H);
	} else {
		/* a huge page starts on a 2 MB boundary */
		unsigned char *a = p + (huge - (uintptr_t)p % huge) % huge;
		(void)madvise(a, n, MADV_HUGEPAGE);
		cv->mem = p;
		cv->len = n + huge;
		cv->s = d->cairo_image_surface_create_for_data(a,
		    CAIRO_FORMAT_RGB24, COVER_W, COVER_H, stride);
	}
	cr = d->cairo_create(cv->s);
	d->cairo_set_source_rgb(cr, 1, 1, 1);
	d->cairo_paint(cr);
	d->cairo_destroy(cr);
}

static void
canvas_free(const struct drawlib *d, struct canvas *cv)
{
	d->cairo_surface_destroy(cv->s);
	if (cv->mem != NULL)
		munmap(cv->mem, cv->len);
}

/* Sets up what drawing text needs the first time: pango starts its font
 * map, and fontconfig reads its configuration and caches (on a thread of
 * pango's, which drawing waits for): 24 million instructions, more than
 * drawing the cover itself, done while hbook reads the articles and a
 * core is free. */
static void
warm_fonts(const struct drawlib *d)
{
	static const char svg[] = "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "width=\"1\" height=\"1\"><text y=\"1\">x</text></svg>";
	RsvgHandle *h = d->rsvg_handle_new_from_data((const guint8 *)svg,
	    sizeof(svg) - 1, NULL);
	cairo_surface_t *s = d->cairo_image_surface_create(CAIRO_FORMAT_RGB24, 1,
	    1);
	cairo_t *cr = d->cairo_create(s);
	RsvgRectangle vp = {0, 0, 1, 1};

	if (h != NULL) {
		(void)d->rsvg_handle_render_document(h, cr, &vp, NULL);
		d->g_object_unref(h);
	}
	d->cairo_destroy(cr);
	d->cairo_surface_destroy(s);
}

/* Draws svg on cv, compressed at level.  Returns the PNG (the caller
 * frees it) or NULL with *why set. */
static unsigned char *
rasterize(const struct drawlib *d, const char *svg, size_t len, int level,
    struct canvas *cv, size_t *outlen, const char **why)
{
	GError *err = NULL;
	RsvgHandle *h = d->rsvg_handle_new_from_data((const guint8 *)svg, len,
	    &err);
	cairo_t *cr;
	RsvgRectangle vp = {0, 0, COVER_W, COVER_H};
	struct buf png = {0};
	int ok;

	if (h == NULL) {
		*why = "the cover template is not an SVG librsvg can read";
		if (err)
			d->g_error_free(err);
		return NULL;
	}
	cr = d->cairo_create(cv->s);
	ok = d->rsvg_handle_render_document(h, cr, &vp, &err);
	d->cairo_destroy(cr);
	if (ok)
		ok = encode_png(d, cv->s, level, &png) == 0;
	d->g_object_unref(h);
	if (err)
		d->g_error_free(err);
	if (!ok) {
		*why = "librsvg could not draw the cover";
		buf_free(&png);
		return NULL;
	}
	*outlen = png.len;
	return (unsigned char *)buf_steal(&png);
}

/* Makes data (taken over) the book's cover image, of type type. */
static void
cover_resource(struct book *b, unsigned char *data, size_t len,
    const char *ext, const char *type)
{
	char *href = xasprintf("images/cover.%s", ext);

	b->cover = images_add(b, data, len, type, href, "cover-image");
	free(href);
}

/* A cover being drawn, perhaps in a thread of its own: started before
 * the articles are read, it makes its canvas ready and waits for the
 * filled template (the categories come from the articles). */
struct cover_job {
	int level;              /* deflate level of the pixels */
	const char *where;      /* for diagnostics: the templates folder */
	char *svg;              /* the filled template, once handed */
	size_t len;
	int handed;             /* svg is set, or NULL for nothing to draw */
	unsigned char *png;     /* the drawing, or NULL with why set */
	size_t png_len;
	const char *why;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	pthread_t thread;
	int threaded;
};

/* Loads librsvg and makes a canvas; when wait is set (a thread started
 * early) sets up fonts and waits for the template; then draws it. */
static void
draw_cover(struct cover_job *j, int wait)
{
	const struct drawlib *d = drawlib_load(&j->why);
	struct canvas cv;

	if (d != NULL) {
		if (wait)
			warm_fonts(d);
		canvas_new(d, &cv);
	}
	if (wait) {
		pthread_mutex_lock(&j->lock);
		while (!j->handed)
			pthread_cond_wait(&j->cond, &j->lock);
		pthread_mutex_unlock(&j->lock);
	}
	if (d == NULL)
		return;
	if (j->svg != NULL)
		j->png = rasterize(d, j->svg, j->len, j->level, &cv,
		    &j->png_len, &j->why);
	canvas_free(d, &cv);
}

static void *
draw(void *arg)
{
	draw_cover(arg, 1);
	return NULL;
}

/* Gives the thread svg to draw, or NULL: nothing to draw. */
static void
hand(struct cover_job *j, char *svg, size_t len)
{
	pthread_mutex_lock(&j->lock);
	j->svg = svg;
	j->len = len;
	j->handed = 1;
	pthread_cond_signal(&j->cond);
	pthread_mutex_unlock(&j->lock);
}

/* The given cover, read into b: rel, a file of the content folder, or
 * when rel is NULL the file path the user named.  Returns 0, or -1 after
 * a diagnostic. */
static int
given_cover(struct book *b, const char *rel, const char *path)
{
	const char *type, *ext;
	char *data;
	size_t len;

	if ((rel ? input_file(b->in, rel, INPUT_MAX_FILE, &data, &len) :
	    input_named(b->in, path, INPUT_MAX_FILE, &data, &len)) < 0) {
		errx_at(path, 0, "cannot read the cover: %s", input_error(errno));
		return -1;
	}
	type = image_type((const unsigned char *)data, len, &ext);
	if (type == NULL || (strcmp(ext, "jpg") != 0 && strcmp(ext, "png") != 0)) {
		errx_at(path, 0, "the cover must be a JPEG or PNG image");
		free(data);
		return -1;
	}
	cover_resource(b, (unsigned char *)data, len, ext, type);
	return 0;
}

/* The most section names a cover holds: more are type too small to read
 * on a library's shelf. */
#define COVER_SECTIONS 6

/* The sections the cover names, " · " apart: the book's top ones when
 * they are a handful, else those hbook.yaml's categories put first, else
 * none. */
static void
cover_sections(const struct book *b, struct buf *out)
{
	size_t n = 0, ranked = 0;

	for (size_t i = 0; i < b->top.nkids; i++) {
		const struct section *s = b->top.kids[i].sec;
		n += s != NULL;
		ranked += s != NULL && s->rank != INT32_MAX;
	}
	if (n > COVER_SECTIONS && (ranked == 0 || ranked > COVER_SECTIONS))
		return;
	for (size_t i = 0; i < b->top.nkids; i++) {
		const struct section *s = b->top.kids[i].sec;
		if (s == NULL || (n > COVER_SECTIONS && s->rank == INT32_MAX))
			continue;
		if (out->len)
			buf_adds(out, " \xC2\xB7 ");
		buf_adds(out, s->title);
	}
}

/* templates/cover.svg (the user's, else the built-in one) filled with
 * b's title, subtitle, publisher and categories; NULL if not XML. */
static char *
filled_template(const struct book *b, const char *templates, size_t *flen)
{
	const struct config *c = &b->cfg;
	char *svg = NULL, *filled;
	size_t len;
	struct buf cats = {0};

	if (templates != NULL) {
		char *t = path_join(templates, "cover.svg");
		if (input_named(b->in, t, INPUT_MAX_FILE, &svg, &len) < 0)
			svg = NULL;
		free(t);
	}
	if (svg == NULL) {
		const unsigned char *e = embedded_get("templates/cover.svg", &len);
		svg = xstrndup((const char *)e, len);
	}
	cover_sections(b, &cats);
	{
		const char *fields[] = {"title", c->title, "subtitle",
		    c->subtitle ? c->subtitle : "", "publisher",
		    c->publisher ? c->publisher : "", "categories",
		    cats.data ? cats.data : "", NULL};
		filled = cover_svg(svg, len, fields, flen);
	}
	buf_free(&cats);
	free(svg);
	return filled;
}

struct cover_job *
cover_begin(const struct book *b, const char *file, int level, int threaded)
{
	struct cover_job *j = xcalloc(1, sizeof(*j));

	j->level = level;
	pthread_mutex_init(&j->lock, NULL);
	pthread_cond_init(&j->cond, NULL);
	if (file == NULL && b->cfg.cover == NULL && threaded &&
	    pthread_create(&j->thread, NULL, draw, j) == 0)
		j->threaded = 1;
	return j;
}

int
cover_start(struct book *b, struct cover_job *j, const char *file,
    const char *templates)
{
	const struct config *c = &b->cfg;
	int rc = 0;

	j->where = templates ? templates : "templates";
	if (file != NULL) {
		rc = given_cover(b, NULL, file);
	} else if (c->cover != NULL) {
		char *norm = path_normalize(c->cover);
		if (norm == NULL || norm[0] == '\0') {
			errx_at(c->src, 0, "cover: %s is not a file inside the "
			    "content folder", c->cover);
			rc = -1;
		} else {
			char *path = path_join(b->root, norm);
			rc = given_cover(b, norm, path);
			free(path);
		}
		free(norm);
	} else {
		size_t len;
		char *svg = filled_template(b, templates, &len);

		if (svg == NULL) {
			errx_at(j->where, 0, "cover.svg is not well-formed XML");
			rc = -1;
		} else if (j->threaded) {
			hand(j, svg, len);
		} else {
			j->svg = svg;
			j->len = len;
			draw_cover(j, 0);
		}
	}
	return rc;
}

int
cover_finish(struct book *b, struct cover_job *j)
{
	int rc = 0;

	if (j->threaded) {
		if (!j->handed)
			hand(j, NULL, 0);
		pthread_join(j->thread, NULL);
	}
	if (b != NULL && j->svg != NULL && j->png == NULL) {
		errx_at(j->where, 0, "%s", j->why);
		rc = -1;
	} else if (b != NULL && j->png != NULL) {
		cover_resource(b, j->png, j->png_len, "png", "image/png");
		j->png = NULL;
	}
	free(j->png);
	free(j->svg);
	pthread_mutex_destroy(&j->lock);
	pthread_cond_destroy(&j->cond);
	free(j);
	return rc;
}
