/* cover.c: the cover.  A given JPEG or PNG is used as it is; otherwise
 * templates/cover.svg is filled with libxml2 and drawn to a 1600 x 2560 PNG
 * with librsvg, since Kindle and Kobo want a raster cover. */
#include "cover.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <cairo.h>
#include <librsvg/rsvg.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "diag.h"
#include "scan.h"
#include "template.h"
#include "text.h"
#include "xhtml.h"

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
	xmlChar *mem;
	int n;
	char *out;

	if (doc == NULL)
		return NULL;
	fill_all(xmlDocGetRootElement(doc), fields);
	xmlDocDumpMemoryEnc(doc, &mem, &n, "utf-8");
	out = xstrndup((const char *)mem, (size_t)n);
	*outlen = (size_t)n;
	xmlFree(mem);
	xmlFreeDoc(doc);
	return out;
}

static cairo_status_t
png_out(void *closure, const unsigned char *data, unsigned int len)
{
	buf_add(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

/* Draws svg at COVER_W x COVER_H.  Returns the PNG (the caller frees it)
 * or NULL with *why set. */
static unsigned char *
rasterize(const char *svg, size_t len, size_t *outlen, const char **why)
{
	GError *err = NULL;
	RsvgHandle *h = rsvg_handle_new_from_data((const guint8 *)svg, len,
	    &err);
	cairo_surface_t *s;
	cairo_t *cr;
	RsvgRectangle vp = {0, 0, COVER_W, COVER_H};
	struct buf png = {0};
	int ok;

	if (h == NULL) {
		*why = "the cover template is not an SVG librsvg can read";
		if (err)
			g_error_free(err);
		return NULL;
	}
	s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, COVER_W, COVER_H);
	cr = cairo_create(s);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	ok = rsvg_handle_render_document(h, cr, &vp, &err);
	cairo_destroy(cr);
	if (ok)
		ok = cairo_surface_write_to_png_stream(s, png_out, &png) ==
		    CAIRO_STATUS_SUCCESS;
	cairo_surface_destroy(s);
	g_object_unref(h);
	if (err)
		g_error_free(err);
	if (!ok) {
		*why = "librsvg could not draw the cover";
		buf_free(&png);
		return NULL;
	}
	*outlen = png.len;
	return (unsigned char *)buf_steal(&png);
}

static struct resource *
cover_resource(struct book *b, unsigned char *data, size_t len,
    const char *ext, const char *type)
{
	struct resource *r = xcalloc(1, sizeof(*r));

	r->href = xasprintf("images/cover.%s", ext);
	r->id = xstrdup("cover-image");
	r->media_type = xstrdup(type);
	r->data = data;
	r->len = len;
	sha1(data, len, r->sha);
	b->res = xrealloc(b->res, (b->nres + 1) * sizeof(*b->res));
	b->res[b->nres++] = r;
	b->cover = r;
	return r;
}

int
cover_make(struct book *b, const char *file, const char *templates)
{
	const struct config *c = &b->cfg;
	char *path = NULL, *data = NULL, *svg, *filled;
	size_t len, flen;
	const char *why = NULL;
	unsigned char *png;
	struct buf cats = {0};

	if (file == NULL && c->cover != NULL) {
		char *norm = path_normalize(c->cover);
		if (norm == NULL || !path_inside(b->root, norm)) {
			errx_at(c->src, 0, "cover: %s is not a file inside the "
			    "content folder", c->cover);
			free(norm);
			return -1;
		}
		path = path_join(b->root, norm);
		free(norm);
	} else if (file != NULL) {
		path = xstrdup(file);
	}
	if (path != NULL) {
		const unsigned char *d;
		if (file_read(path, &data, &len) < 0) {
			errx_at(path, 0, "cannot read the cover: %s",
			    strerror(errno));
			free(path);
			return -1;
		}
		d = (const unsigned char *)data;
		if (len >= 3 && d[0] == 0xFF && d[1] == 0xD8 && d[2] == 0xFF) {
			cover_resource(b, (unsigned char *)data, len, "jpg",
			    "image/jpeg");
		} else if (len >= 8 && memcmp(d, "\x89PNG\r\n\x1a\n", 8) == 0) {
			cover_resource(b, (unsigned char *)data, len, "png",
			    "image/png");
		} else {
			errx_at(path, 0, "the cover must be a JPEG or PNG image");
			free(data);
			free(path);
			return -1;
		}
		free(path);
		return 0;
	}

	/* no cover given: draw one */
	if (templates != NULL) {
		char *t = path_join(templates, "cover.svg");
		if (file_read(t, &svg, &len) < 0)
			svg = NULL;
		free(t);
	} else {
		svg = NULL;
	}
	if (svg == NULL) {
		const unsigned char *e = embedded_get("templates/cover.svg", &len);
		svg = xstrndup((const char *)e, len);
	}
	for (size_t i = 0; i < b->ncats; i++) {
		if (i)
			buf_adds(&cats, " \xC2\xB7 ");
		buf_adds(&cats, b->cats[i]->title);
	}
	{
		const char *fields[] = {"title", c->title, "subtitle",
		    c->subtitle ? c->subtitle : "", "publisher",
		    c->publisher ? c->publisher : "", "categories",
		    cats.data ? cats.data : "", NULL};
		filled = cover_svg(svg, len, fields, &flen);
	}
	buf_free(&cats);
	free(svg);
	if (filled == NULL) {
		errx_at(templates ? templates : "templates", 0,
		    "cover.svg is not well-formed XML");
		return -1;
	}
	png = rasterize(filled, flen, &len, &why);
	free(filled);
	if (png == NULL) {
		errx_at(templates ? templates : "templates", 0, "%s", why);
		return -1;
	}
	cover_resource(b, png, len, "png", "image/png");
	return 0;
}
