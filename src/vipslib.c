/* vipslib.c: libvips, loaded when a picture needs work (see vipslib.h). */
#include "vipslib.h"

#include <dirent.h>
#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* libvips' soname on Debian 11 and 12 (package libvips42); GObject's and
 * GLib's functions are found through its handle. */
#define VIPS_SONAME "libvips.so.42"

/* As drawlib.c: the sizeof checks each field against the library's own
 * declaration, and links nothing. */
#define SYM(f) {#f, offsetof(struct vipslib, f) + \
    0 * sizeof((struct vipslib){.f = f})}

static const struct {
	const char *name;
	size_t off;
} syms[] = {
	SYM(vips_init),
	SYM(vips_shutdown),
	SYM(vips_concurrency_set),
	SYM(vips_cache_set_max),
	SYM(vips_thumbnail_buffer),
	SYM(vips_image_get_width),
	SYM(vips_image_get_height),
	SYM(vips_image_get_bands),
	SYM(vips_image_get_format),
	SYM(vips_image_hasalpha),
	SYM(vips_colourspace),
	SYM(vips_cast_uchar),
	SYM(vips_flatten),
	SYM(vips_jpegsave_buffer),
	SYM(vips_pngsave_buffer),
	SYM(vips_pngload_buffer),
	SYM(vips_subtract),
	SYM(vips_abs),
	SYM(vips_max),
	SYM(vips_error_clear),
	SYM(g_object_unref),
	SYM(g_free),

	SYM(g_log_set_handler),
};

static struct vipslib lib;
static const char *failed;
static pthread_once_t once = PTHREAD_ONCE_INIT;

/* libvips' own warnings ("profile incompatible with image") would reach
 * the terminal past hbook's diagnostics; a picture that fails says so
 * through them. */
static void
quiet(const gchar *domain, GLogLevelFlags level, const gchar *msg,
    gpointer data)
{
	(void)domain;
	(void)level;
	(void)msg;
	(void)data;
}

/* How many threads the process has (Linux: /proc/self/task), or 0. */
static int
threads_alive(void)
{
	DIR *d = opendir("/proc/self/task");
	struct dirent *e;
	int n = 0;

	if (d == NULL)
		return 0;
	while ((e = readdir(d)) != NULL)
		n += e->d_name[0] != '.';
	closedir(d);
	return n;
}

static void
stop(void)
{
	struct timespec tick = {0, 1000000};

	lib.vips_shutdown();
	/* libvips' workers end after vips_shutdown() returns: the process
	 * ends after they have (at most a second), so nothing that walks the
	 * threads at exit meets one half gone (LeakSanitizer's tracer
	 * crashed on them) */
	for (int i = 0; i < 1000 && threads_alive() > 1; i++)
		nanosleep(&tick, NULL);
}

static void
load(void)
{
	/* never closed: GLib cannot be unloaded */
	void *h = dlopen(VIPS_SONAME, RTLD_NOW | RTLD_LOCAL);

	if (h == NULL) {
		failed = "cannot load " VIPS_SONAME " to make pictures ready for "
		    "e-readers (install libvips42, or export with --images "
		    "original)";
		return;
	}
	for (size_t i = 0; i < sizeof(syms) / sizeof(*syms); i++) {
		void *p = dlsym(h, syms[i].name);

		if (p == NULL) {
			failed = VIPS_SONAME " lacks a function hbook makes "
			    "pictures with (libvips 8.12 or later is needed)";
			return;
		}
		memcpy((char *)&lib + syms[i].off, &p, sizeof(p));
	}
	*(void **)&lib.omp_set_num_threads = dlsym(h, "omp_set_num_threads");
	lib.g_log_set_handler("VIPS", G_LOG_LEVEL_WARNING | G_LOG_LEVEL_MESSAGE |
	    G_LOG_LEVEL_INFO | G_LOG_LEVEL_DEBUG, quiet, NULL);
	if (lib.vips_init("hbook") != 0) {
		failed = "libvips did not start";
		return;
	}
	/* hbook's threads share out the pictures; libvips keeps no cache
	 * of operations, so memory stays what one picture needs per thread */
	lib.vips_concurrency_set(1);
	lib.vips_cache_set_max(0);
	/* libvips' worker threads end before the process does */
	atexit(stop);
}

const struct vipslib *
vipslib_load(const char **why)
{
	pthread_once(&once, load);
	if (failed != NULL) {
		*why = failed;
		return NULL;
	}
	return &lib;
}
