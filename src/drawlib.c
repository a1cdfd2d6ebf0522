/* drawlib.c: librsvg and cairo, loaded when a cover is drawn (see
 * drawlib.h). */
#include "drawlib.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>
#include <string.h>

/* librsvg's soname on Debian since 2.40 (package librsvg2-2).  cairo,
 * GObject and GLib are among its dependencies, and dlsym() on its handle
 * finds their functions too. */
#define RSVG_SONAME "librsvg-2.so.2"

/* A function's name and where its pointer goes.  The sizeof assigns the
 * function to its field in a compound literal that is never evaluated
 * (so nothing is linked): the compiler checks that the field has the
 * type the library's own header gives the function (the Makefile makes
 * incompatible pointer types an error). */
#define SYM(f) {#f, offsetof(struct drawlib, f) + \
    0 * sizeof((struct drawlib){.f = f})}

static const struct {
	const char *name;
	size_t off;
} syms[] = {
	SYM(rsvg_handle_new_from_data),
	SYM(rsvg_handle_render_document),
	SYM(g_object_unref),
	SYM(g_error_free),
	SYM(cairo_image_surface_create),
	SYM(cairo_image_surface_create_for_data),
	SYM(cairo_format_stride_for_width),
	SYM(cairo_image_surface_get_data),
	SYM(cairo_image_surface_get_stride),
	SYM(cairo_surface_flush),
	SYM(cairo_surface_destroy),
	SYM(cairo_create),
	SYM(cairo_set_source_rgb),
	SYM(cairo_paint),
	SYM(cairo_destroy),
};

static struct drawlib lib;
static const char *failed;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void
load(void)
{
	/* never closed: GLib cannot be unloaded */
	void *h = dlopen(RSVG_SONAME, RTLD_NOW | RTLD_LOCAL);

	if (h == NULL) {
		failed = "cannot load " RSVG_SONAME " to draw the cover (install "
		    "librsvg2-2, or give a cover with --cover)";
		return;
	}
	for (size_t i = 0; i < sizeof(syms) / sizeof(*syms); i++) {
		void *p = dlsym(h, syms[i].name);

		if (p == NULL) {
			failed = RSVG_SONAME " lacks a function hbook draws the "
			    "cover with (librsvg 2.46 or later is needed)";
			return;
		}
		/* POSIX: a function's address from dlsym() */
		memcpy((char *)&lib + syms[i].off, &p, sizeof(p));
	}
}

const struct drawlib *
drawlib_load(const char **why)
{
	pthread_once(&once, load);
	if (failed != NULL) {
		*why = failed;
		return NULL;
	}
	return &lib;
}
