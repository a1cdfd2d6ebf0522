/* vipslib.h: libvips, loaded when a picture needs work (picture.c), as
 * librsvg is for the cover (drawlib.h): a book whose pictures are all
 * ready for a reader never maps its 60-odd libraries. */
#ifndef HBOOK_VIPSLIB_H
#define HBOOK_VIPSLIB_H

#include <vips/vips.h>

/* The functions picture.c calls, by their own names. */
struct vipslib {
	int (*vips_init)(const char *);
	void (*vips_shutdown)(void);
	void (*vips_concurrency_set)(int);
	void (*vips_cache_set_max)(int);
	int (*vips_thumbnail_buffer)(void *, size_t, VipsImage **, int, ...);
	int (*vips_image_get_width)(const VipsImage *);
	int (*vips_image_get_height)(const VipsImage *);
	int (*vips_image_get_bands)(const VipsImage *);
	VipsBandFormat (*vips_image_get_format)(const VipsImage *);
	gboolean (*vips_image_hasalpha)(VipsImage *);
	int (*vips_colourspace)(VipsImage *, VipsImage **,
	    VipsInterpretation, ...);
	int (*vips_cast_uchar)(VipsImage *, VipsImage **, ...);
	int (*vips_flatten)(VipsImage *, VipsImage **, ...);
	int (*vips_jpegsave_buffer)(VipsImage *, void **, size_t *, ...);
	int (*vips_pngsave_buffer)(VipsImage *, void **, size_t *, ...);
	int (*vips_pngload_buffer)(void *, size_t, VipsImage **, ...);
	int (*vips_subtract)(VipsImage *, VipsImage *, VipsImage **, ...);
	int (*vips_abs)(VipsImage *, VipsImage **, ...);
	int (*vips_max)(VipsImage *, double *, ...);
	void (*vips_error_clear)(void);
	void (*g_object_unref)(gpointer);
	void (*g_free)(gpointer);
	/* libimagequant's OpenMP (libgomp), when libvips has it, or NULL */
	void (*omp_set_num_threads)(int);
	guint (*g_log_set_handler)(const gchar *, GLogLevelFlags, GLogFunc,
	    gpointer);
};

/* Loads and starts libvips once (any thread may ask).  Returns the
 * functions, or NULL with *why set to a message for the user. */
const struct vipslib *vipslib_load(const char **why);

#endif
