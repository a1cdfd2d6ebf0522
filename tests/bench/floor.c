#define _XOPEN_SOURCE 700
/* floor.c: the floor under hbook's export time, for make bench: the same
 * work done as simply as it can be, on one core.
 *   floor DIR LEVEL
 * reads every *.md below DIR, parses and renders each with cmark-gfm (the
 * GFM extensions it can use, as hbook picks them: src/gfm.c), and deflates the HTML twice, timing each part:
 * with one reused zlib stream at level 6 (the floor as the issue set it)
 * and with one reused libdeflate compressor at LEVEL (hbook's deflater and
 * level).  It prints a line for each. */
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <libdeflate.h>
#include <zlib.h>
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include "gfm.h"

static char **texts;
static size_t *lens, n, cap;

static double
now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
visit(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	FILE *f;
	size_t len = strlen(path);

	(void)ftw;
	if (flag != FTW_F || len < 3 || strcmp(path + len - 3, ".md") != 0)
		return 0;
	if (n == cap) {
		cap = cap ? cap * 2 : 1024;
		texts = realloc(texts, cap * sizeof(*texts));
		lens = realloc(lens, cap * sizeof(*lens));
	}
	texts[n] = malloc((size_t)st->st_size + 1);
	if ((f = fopen(path, "rb")) == NULL)
		return 0;
	lens[n] = fread(texts[n], 1, (size_t)st->st_size, f);
	fclose(f);
	n++;
	return 0;
}

int
main(int argc, char *argv[])
{
	int level = argc > 2 ? atoi(argv[2]) : 1;
	double t0 = now(), t1, t2, t3, t4;
	char **html;
	size_t in = 0, out = 0, dout = 0;
	z_stream z;
	unsigned char *zbuf = malloc(1 << 20);
	struct libdeflate_compressor *c;

	if (argc < 2 || nftw(argv[1], visit, 16, FTW_PHYS) < 0) {
		fprintf(stderr, "usage: floor DIR LEVEL\n");
		return 2;
	}
	t1 = now();
	cmark_gfm_core_extensions_ensure_registered();
	html = calloc(n + 1, sizeof(*html));
	for (size_t i = 0; i < n; i++) {
		cmark_parser *p = cmark_parser_new(CMARK_OPT_FOOTNOTES);
		cmark_node *doc;
		md_attach(p, texts[i], lens[i]);
		cmark_parser_feed(p, texts[i], lens[i]);
		doc = cmark_parser_finish(p);
		html[i] = cmark_render_html(doc, CMARK_OPT_FOOTNOTES,
		    cmark_parser_get_syntax_extensions(p));
		cmark_node_free(doc);
		cmark_parser_free(p);
	}
	t2 = now();
	memset(&z, 0, sizeof(z));
	deflateInit2(&z, 6, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY);
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(html[i]);
		deflateReset(&z);
		z.next_in = (unsigned char *)html[i];
		z.avail_in = (unsigned)len;
		in += len;
		do {
			z.next_out = zbuf;
			z.avail_out = 1 << 20;
			deflate(&z, Z_FINISH);
			out += (1 << 20) - z.avail_out;
		} while (z.avail_out == 0);
		crc32(0, (const unsigned char *)html[i], (unsigned)len);
	}
	deflateEnd(&z);
	t3 = now();
	c = libdeflate_alloc_compressor(level);
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(html[i]);
		dout += libdeflate_deflate_compress(c, html[i], len, zbuf,
		    1 << 20);
		libdeflate_crc32(0, html[i], len);
	}
	libdeflate_free_compressor(c);
	t4 = now();
	printf("floor (zlib 6): %zu files: read %.3f s, cmark-gfm %.3f s, "
	    "deflate %.3f s (%zu -> %zu bytes), total %.3f s\n", n, t1 - t0,
	    t2 - t1, t3 - t2, in, out, t3 - t0);
	printf("floor (libdeflate %d, as hbook): deflate %.3f s (%zu -> %zu "
	    "bytes), total %.3f s\n", level, t4 - t3, in, dout,
	    t2 - t0 + t4 - t3);
	return 0;
}
