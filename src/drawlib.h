/* drawlib.h: librsvg and cairo, loaded when a cover is drawn.  They bring
 * 38 of hbook's 56 shared libraries, and mapping and relocating those
 * took 5 ms of every start (half of a small book's export), so hbook
 * does not link them: the cover's thread loads them (dlopen) while the
 * articles are read, and a book with a given cover never does. */
#ifndef HBOOK_DRAWLIB_H
#define HBOOK_DRAWLIB_H

#include <cairo.h>
#include <librsvg/rsvg.h>

/* The functions cover.c calls, by their own names. */
struct drawlib {
	RsvgHandle *(*rsvg_handle_new_from_data)(const guint8 *, gsize,
	    GError **);
	gboolean (*rsvg_handle_render_document)(RsvgHandle *, cairo_t *,
	    const RsvgRectangle *, GError **);
	void (*g_object_unref)(gpointer);
	void (*g_error_free)(GError *);
	cairo_surface_t *(*cairo_image_surface_create)(cairo_format_t, int,
	    int);
	cairo_surface_t *(*cairo_image_surface_create_for_data)(
	    unsigned char *, cairo_format_t, int, int, int);
	int (*cairo_format_stride_for_width)(cairo_format_t, int);
	unsigned char *(*cairo_image_surface_get_data)(cairo_surface_t *);
	int (*cairo_image_surface_get_stride)(cairo_surface_t *);
	void (*cairo_surface_flush)(cairo_surface_t *);
	void (*cairo_surface_destroy)(cairo_surface_t *);
	cairo_t *(*cairo_create)(cairo_surface_t *);
	void (*cairo_set_source_rgb)(cairo_t *, double, double, double);
	void (*cairo_paint)(cairo_t *);
	void (*cairo_destroy)(cairo_t *);
};

/* Loads the libraries once (any thread may ask).  Returns the functions,
 * or NULL with *why set to a message for the user. */
const struct drawlib *drawlib_load(const char **why);

#endif
