/* picture.h: a picture made ready for e-readers (picture.c). */
#ifndef HBOOK_PICTURE_H
#define HBOOK_PICTURE_H

#include <stddef.h>

/* A picture that declares more pixels than this is left out, undecoded:
 * 100 million (a 48-megapixel phone photo has 48). */
#define PICTURE_MAX_PIXELS 100e6

/* The JPEG quality of photos: see the README for how it was chosen. */
#define PICTURE_JPEG_QUALITY 82

enum picture_profile {
	PICTURES_READER,         /* the default: sized and cleaned */
	PICTURES_ORIGINAL,       /* as they are, but what a reader cannot
	                          * show (WebP, AVIF, HEIC, TIFF, BMP) */
	PICTURES_EINK            /* grey, and smaller by default */
};

struct picture_opts {
	enum picture_profile profile;
	int size;                /* the long side's limit, in pixels */
};

struct picture_out {
	unsigned char *data;     /* the new picture (the caller frees it) */
	size_t len;
	const char *type, *ext;  /* "image/png", "png" */
	char *note;              /* what was done, for --report (freed by the
	                          * caller) */
	const char *why;         /* when it is left out, for --report */
	const char *warning;     /* and a warning's format (%s: its name) */
};

/* The picture in d (n bytes, of media type type as its bytes say) made
 * ready for readers: 1 and *out when it was made again, 0 when it goes in
 * as it is, -1 and out->why when it is left out.  Safe from any thread. */
int picture_prepare(const unsigned char *d, size_t n, const char *type,
    const struct picture_opts *o, struct picture_out *out);

#endif
