/* picture.c: a picture made ready for e-readers, between finding it and
 * packing it, on the threads that render the pages.
 *
 * What a reader can show well goes in byte for byte: a PNG, JPEG or GIF
 * within the size limit, 8 bits deep, in RGB or grey, with no metadata
 * a camera or editor left (EXIF with its GPS position, XMP, IPTC,
 * comments), complete.  That much is read from the file's own header,
 * without decoding.  Anything else is decoded by libvips (vipslib.h),
 * loaded only then: WebP, AVIF, HEIC, TIFF and BMP; pictures larger than
 * a reader's screen, scaled down (shrinking while a JPEG decodes); CMYK
 * and 16-bit pictures, made 8-bit sRGB through their colour profile;
 * photos turned upright by their EXIF orientation.  Photos are written
 * as JPEG, the rest as PNG, every metadata block stripped.  A file that
 * does not decode whole, or that declares more than PICTURE_MAX_PIXELS,
 * is left out. */
#include "picture.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "vipslib.h"

/* What the header says. */
struct head {
	const char *format;      /* "PNG", "JPEG", ... */
	long w, h;               /* 0: not read */
	int deep;                /* more than 8 bits a channel */
	int cmyk;
	int metadata;            /* EXIF, XMP, IPTC, text, comments */
	int complete;            /* its end marker is where the file ends */
	int photo;               /* better as JPEG */
	int turned;              /* EXIF orientation other than upright */
};

static uint32_t
be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

static uint16_t
get16(const unsigned char *p, int le)
{
	return le ? (uint16_t)(p[0] | p[1] << 8) : (uint16_t)(p[0] << 8 | p[1]);
}

/* Whether EXIF data (TIFF header first) turns the picture: IFD0's
 * orientation tag, 0x0112, other than 1. */
static int
exif_turned(const unsigned char *t, size_t n)
{
	int le;
	uint32_t off;
	uint16_t count;

	if (n < 8 || (memcmp(t, "II", 2) != 0 && memcmp(t, "MM", 2) != 0))
		return 0;
	le = t[0] == 'I';
	off = le ? (uint32_t)(t[4] | t[5] << 8 | t[6] << 16 | (uint32_t)t[7] << 24) :
	    be32(t + 4);
	if (off > n - 2)
		return 0;
	count = get16(t + off, le);
	for (uint32_t i = 0; i < count && off + 2 + 12 * (i + 1) <= n; i++) {
		const unsigned char *e = t + off + 2 + 12 * i;
		if (get16(e, le) == 0x0112)
			return get16(e + 8, le) != 1;
	}
	return 0;
}

static void
png_head(const unsigned char *d, size_t n, struct head *h)
{
	size_t i = 8;

	h->format = "PNG";
	while (i + 12 <= n) {
		uint32_t len = be32(d + i);
		const unsigned char *type = d + i + 4;
		if (len > n - i - 12)
			return;          /* runs past the end: truncated */
		if (memcmp(type, "IHDR", 4) == 0 && len >= 13) {
			h->w = (long)be32(d + i + 8);
			h->h = (long)be32(d + i + 12);
			h->deep = d[i + 16] > 8;
		} else if (memcmp(type, "eXIf", 4) == 0 ||
		    memcmp(type, "tEXt", 4) == 0 || memcmp(type, "iTXt", 4) == 0 ||
		    memcmp(type, "zTXt", 4) == 0) {
			h->metadata = 1;
		} else if (memcmp(type, "IEND", 4) == 0) {
			h->complete = i + 12 + len == n;
			return;
		}
		i += 12 + len;
	}
}

static void
jpeg_head(const unsigned char *d, size_t n, struct head *h)
{
	size_t i = 2, end = n;

	h->format = "JPEG";
	h->photo = 1;
	/* the end-of-image marker, trailing padding allowed */
	while (end > 2 && (d[end - 1] == 0 || d[end - 1] == '\n'))
		end--;
	h->complete = end >= 4 && d[end - 2] == 0xFF && d[end - 1] == 0xD9;
	while (i + 4 <= n && d[i] == 0xFF) {
		unsigned m = d[i + 1];
		size_t len = (size_t)d[i + 2] << 8 | d[i + 3];
		if (m == 0xD8 || (m >= 0xD0 && m <= 0xD7) || m == 0x01) {
			i += 2;
			continue;
		}
		if (len < 2 || i + 2 + len > n)
			return;
		if ((m == 0xE1 && len >= 8 && (memcmp(d + i + 4, "Exif", 4) == 0 ||
		    memcmp(d + i + 4, "http", 4) == 0)) || m == 0xED || m == 0xFE)
			h->metadata = 1;  /* EXIF, XMP, IPTC, a comment */
		if (m == 0xE1 && len >= 8 && memcmp(d + i + 4, "Exif\0\0", 6) == 0)
			h->turned |= exif_turned(d + i + 10, len - 8);
		if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 &&
		    m != 0xCC && len >= 8) {
			h->deep = d[i + 4] > 8;
			h->h = (long)d[i + 5] << 8 | d[i + 6];
			h->w = (long)d[i + 7] << 8 | d[i + 8];
			h->cmyk = d[i + 9] == 4;
		}
		if (m == 0xDA)
			return;          /* the scan: the header is read */
		i += 2 + len;
	}
}

static void
gif_head(const unsigned char *d, size_t n, struct head *h)
{
	h->format = "GIF";
	if (n >= 10) {
		h->w = d[6] | (long)d[7] << 8;
		h->h = d[8] | (long)d[9] << 8;
	}
	h->complete = n > 0 && d[n - 1] == 0x3B;
}

/* WebP: lossy ("VP8 ", a photo) or lossless ("VP8L"), in its first
 * chunk or after the extended header's ("VP8X"). */
static void
webp_head(const unsigned char *d, size_t n, struct head *h)
{
	h->format = "WebP";
	for (size_t i = 12; i + 4 <= n && i < 64; i++)
		if (memcmp(d + i, "VP8 ", 4) == 0) {
			h->photo = 1;
			return;
		}
}

/* What the file's header says; a format libvips reads for hbook but a
 * reader may not gets its name and no size. */
static void
read_head(const unsigned char *d, size_t n, const char *type, struct head *h)
{
	memset(h, 0, sizeof(*h));
	if (strcmp(type, "image/png") == 0)
		png_head(d, n, h);
	else if (strcmp(type, "image/jpeg") == 0)
		jpeg_head(d, n, h);
	else if (strcmp(type, "image/gif") == 0)
		gif_head(d, n, h);
	else if (strcmp(type, "image/webp") == 0)
		webp_head(d, n, h);
	else if (strcmp(type, "image/avif") == 0)
		h->format = "AVIF", h->photo = 1;
	else if (strcmp(type, "image/heic") == 0)
		h->format = "HEIC", h->photo = 1;
	else if (strcmp(type, "image/tiff") == 0)
		h->format = "TIFF";
	else
		h->format = "BMP";
}

/* Whether the picture goes in as it is. */
static int
ready(const struct head *h, const struct picture_opts *o)
{
	if (strcmp(h->format, "GIF") == 0)
		return 1;                /* animations stay animated */
	if (strcmp(h->format, "PNG") != 0 && strcmp(h->format, "JPEG") != 0)
		return 0;
	if (o->profile == PICTURES_ORIGINAL)
		return 1;
	return h->w > 0 && h->w <= o->size && h->h <= o->size && !h->deep &&
	    !h->cmyk && !h->metadata && o->profile != PICTURES_EINK;
}

/* The picture without its metadata, byte for byte otherwise: a PNG's
 * text and EXIF chunks, a JPEG's EXIF, XMP, IPTC and comment segments.
 * Nothing is decoded, so nothing is lost. */
static void
strip(const unsigned char *d, size_t n, const struct head *h, struct buf *out)
{
	size_t i;

	if (strcmp(h->format, "PNG") == 0) {
		buf_add(out, d, 8);
		for (i = 8; i + 12 <= n;) {
			size_t len = be32(d + i);
			const unsigned char *t = d + i + 4;
			if (len > n - i - 12)
				break;
			if (memcmp(t, "eXIf", 4) != 0 && memcmp(t, "tEXt", 4) != 0 &&
			    memcmp(t, "iTXt", 4) != 0 && memcmp(t, "zTXt", 4) != 0)
				buf_add(out, d + i, 12 + len);
			i += 12 + len;
		}
		return;
	}
	buf_add(out, d, 2);
	for (i = 2; i + 4 <= n && d[i] == 0xFF;) {
		unsigned m = d[i + 1];
		size_t len = (size_t)d[i + 2] << 8 | d[i + 3];
		if (m == 0xDA || len < 2 || i + 2 + len > n)
			break;
		if (!((m == 0xE1 && len >= 8 && (memcmp(d + i + 4, "Exif", 4) == 0 ||
		    memcmp(d + i + 4, "http", 4) == 0)) || m == 0xED || m == 0xFE))
			buf_add(out, d + i, 2 + len);
		i += 2 + len;
	}
	buf_add(out, d + i, n - i);  /* the scan and what follows */
}

/* img as a palette PNG, when that is smaller than the len bytes of *buf
 * and loses nothing (a flat graphic of 256 colours or fewer: a diagram, a
 * screenshot); *buf and *len become it, and it returns 1.  Reading it back and comparing is
 * the proof: libimagequant keeps a picture of few colours exact. */
static int
palette_png(const struct vipslib *v, VipsImage *img, void **buf, size_t *len)
{
	void *pbuf = NULL;
	size_t plen = 0;
	VipsImage *back = NULL, *diff = NULL, *mag = NULL;
	double most = 1;
	int used = 0;

	if (v->vips_image_get_bands(img) < 3 ||
	    v->vips_pngsave_buffer(img, &pbuf, &plen, "strip", TRUE,
	    "compression", 6, "palette", TRUE, "Q", 100, "dither", 0.0,
	    NULL) != 0) {
		v->vips_error_clear();
		return 0;
	}
	if (plen < *len &&
	    v->vips_pngload_buffer(pbuf, plen, &back, NULL) == 0 &&
	    v->vips_subtract(img, back, &diff, NULL) == 0 &&
	    v->vips_abs(diff, &mag, NULL) == 0 &&
	    v->vips_max(mag, &most, NULL) == 0 && most == 0) {
		v->g_free(*buf);
		*buf = pbuf;
		*len = plen;
		pbuf = NULL;
		used = 1;
	}
	v->vips_error_clear();
	if (mag != NULL)
		v->g_object_unref(mag);
	if (diff != NULL)
		v->g_object_unref(diff);
	if (back != NULL)
		v->g_object_unref(back);
	if (pbuf != NULL)
		v->g_free(pbuf);
	return used;
}

int
picture_prepare(const unsigned char *d, size_t n, const char *type,
    const struct picture_opts *o, struct picture_out *out)
{
	const struct vipslib *v;
	struct head h;
	VipsImage *img = NULL, *t;
	void *buf = NULL;
	size_t len = 0;
	int size = o->profile == PICTURES_ORIGINAL ? 10000000 : o->size;
	int jpeg, w, ht, palette;

	memset(out, 0, sizeof(*out));
	read_head(d, n, type, &h);
	if (h.w < 0 || h.h < 0 || (double)h.w * (double)h.h >
	    PICTURE_MAX_PIXELS) {
		out->why = "over hbook's limit of pixels";
		out->warning = "picture left out: %s declares more than 100 "
		    "million pixels (its alt text stands in)";
		return -1;
	}
	if ((h.w > 0 || strcmp(h.format, "GIF") == 0) && !h.complete) {
		out->why = "truncated";
		out->warning = "picture left out: %s is cut short (its alt text "
		    "stands in)";
		return -1;
	}
	if (ready(&h, o))
		return 0;
	/* within the size, 8-bit, RGB or grey, upright: only its metadata
	 * goes */
	if ((strcmp(h.format, "PNG") == 0 || strcmp(h.format, "JPEG") == 0) &&
	    o->profile == PICTURES_READER && h.w > 0 && h.w <= o->size &&
	    h.h <= o->size && !h.deep && !h.cmyk && !h.turned) {
		struct buf b = {0};
		strip(d, n, &h, &b);
		out->len = b.len;
		out->data = (unsigned char *)buf_steal(&b);
		out->type = type;
		out->ext = strcmp(h.format, "PNG") == 0 ? "png" : "jpg";
		out->note = xstrdup("metadata removed");
		return 1;
	}
	if ((v = vipslib_load(&out->why)) == NULL) {
		out->warning = "picture left out: %s needs libvips (its alt "
		    "text stands in)";
		return -1;
	}
	/* decoded, shrunk while it decodes, turned upright by its EXIF
	 * orientation, and made sRGB through its profile; one without a
	 * profile is sRGB already (libvips 8.14's fallback shifted its
	 * colours: 200,30,30 became 196,14,23), or CMYK as print makes it */
	if (v->vips_thumbnail_buffer((void *)d, n, &img, size, "height", size,
	    "size", VIPS_SIZE_DOWN, "import_profile", h.cmyk ? "cmyk" : "srgb",
	    "export_profile", "srgb", "fail_on", VIPS_FAIL_ON_ERROR,
	    NULL) != 0 && (v->vips_error_clear(),
	    /* a grey picture has no use for an RGB profile */
	    v->vips_thumbnail_buffer((void *)d, n, &img, size, "height", size,
	    "size", VIPS_SIZE_DOWN, "export_profile", "srgb", "fail_on",
	    VIPS_FAIL_ON_ERROR, NULL) != 0)) {
		v->vips_error_clear();
		out->why = "does not decode";
		out->warning = "picture left out: %s does not decode (its alt "
		    "text stands in)";
		return -1;
	}
	if (o->profile == PICTURES_EINK) {
		if (v->vips_colourspace(img, &t, VIPS_INTERPRETATION_B_W,
		    NULL) == 0) {
			v->g_object_unref(img);
			img = t;
		}
	} else if (v->vips_image_get_format(img) != VIPS_FORMAT_UCHAR &&
	    v->vips_colourspace(img, &t, VIPS_INTERPRETATION_sRGB, NULL) == 0) {
		v->g_object_unref(img);
		img = t;
	}
	if (v->vips_image_get_format(img) != VIPS_FORMAT_UCHAR &&
	    v->vips_cast_uchar(img, &t, NULL) == 0) {
		v->g_object_unref(img);
		img = t;
	}
	jpeg = h.photo && !v->vips_image_hasalpha(img);
	w = v->vips_image_get_width(img);
	ht = v->vips_image_get_height(img);
	if ((jpeg ? v->vips_jpegsave_buffer(img, &buf, &len, "Q",
	    o->profile == PICTURES_EINK ? 75 : PICTURE_JPEG_QUALITY, "strip",
	    TRUE, "optimize_coding", TRUE, NULL) :
	    v->vips_pngsave_buffer(img, &buf, &len, "strip", TRUE,
	    "compression", 6, NULL)) != 0) {
		v->vips_error_clear();
		v->g_object_unref(img);
		out->why = "cannot be written again";
		out->warning = "picture left out: %s cannot be written again "
		    "(its alt text stands in)";
		return -1;
	}
	/* hbook's threads share out the pictures: libimagequant's OpenMP
	 * threads (which never end) would only compete with them */
	if (v->omp_set_num_threads != NULL)
		v->omp_set_num_threads(1);
	palette = !jpeg && palette_png(v, img, &buf, &len);
	v->g_object_unref(img);
	out->data = xmalloc(len ? len : 1);
	memcpy(out->data, buf, len);
	out->len = len;
	v->g_free(buf);
	out->type = jpeg ? "image/jpeg" : "image/png";
	out->ext = jpeg ? "jpg" : "png";
	{
		struct buf note = {0};
		char s[96];
		buf_adds(&note, h.format);
		if (h.w > 0) {
			snprintf(s, sizeof(s), " %ldx%ld", h.w, h.h);
			buf_adds(&note, s);
		}
		snprintf(s, sizeof(s), " made %s %dx%d", jpeg ? "JPEG" : palette ?
		    "palette PNG" : "PNG", w, ht);
		buf_adds(&note, s);
		if (h.metadata)
			buf_adds(&note, ", metadata removed");
		if (h.cmyk)
			buf_adds(&note, ", CMYK made sRGB");
		if (h.deep)
			buf_adds(&note, ", 16 bits made 8");
		if (o->profile == PICTURES_EINK)
			buf_adds(&note, ", grey");
		out->note = buf_steal(&note);
	}
	return 1;
}
