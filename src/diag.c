/* diag.c: prints diagnostics and remembers the worst level reached. */
#include "diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "util.h"

static int quiet, strict, nerrors, nwarnings;
static _Thread_local struct buf *capture;

void
diag_capture(struct buf *out)
{
	capture = out;
}

void
diag_setup(int q, int s)
{
	quiet = q;
	strict = s;
}

/* Appends s with the bytes a terminal would act on written as escapes
 * (\x1b): C0 controls, DEL, and C1 controls (U+0080 to U+009F), which
 * file names and front matter may hold. */
static void
add_escaped(struct buf *b, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		char hex[16];

		if (*p < 0x20 || *p == 0x7F) {
			snprintf(hex, sizeof(hex), "\\x%02x", *p);
			buf_adds(b, hex);
		} else if (*p == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F) {
			snprintf(hex, sizeof(hex), "\\u%04x", p[1]);
			buf_adds(b, hex);
			p++;
		} else {
			buf_addc(b, (char)*p);
		}
	}
}

void
diag(enum diag_level level, const char *file, int line_no, const char *fmt,
    ...)
{
	char *msg;

	if (level == DIAG_NOTE) {
		if (quiet)
			return;
	} else if (level == DIAG_WARNING) {
		__atomic_add_fetch(&nwarnings, 1, __ATOMIC_RELAXED);
		if (strict) {
			__atomic_add_fetch(&nerrors, 1, __ATOMIC_RELAXED);
		} else if (quiet) {
			return;
		}
	} else {
		__atomic_add_fetch(&nerrors, 1, __ATOMIC_RELAXED);
	}
	{
		char small[512];
		int n;
		va_list ap;
		va_start(ap, fmt);
		/* clang-analyzer 14 misreads va_start on x86-64 */
		n = vsnprintf(small, sizeof(small), fmt, ap); // NOLINT(clang-analyzer-valist.Uninitialized)
		va_end(ap);
		if (n < 0) {
			msg = xstrdup("");
		} else if ((size_t)n < sizeof(small)) {
			msg = xstrdup(small);
		} else {
			msg = xmalloc((size_t)n + 1);
			va_start(ap, fmt);
			vsnprintf(msg, (size_t)n + 1, fmt, ap);
			va_end(ap);
		}
	}
	{
		struct buf out = {0};

		buf_adds(&out, "hbook: ");
		if (file != NULL) {
			add_escaped(&out, file);
			if (line_no > 0) {
				char num[24];
				snprintf(num, sizeof(num), ":%d", line_no);
				buf_adds(&out, num);
			}
			buf_adds(&out, ": ");
		}
		buf_adds(&out, level == DIAG_NOTE ? "note: " :
		    level == DIAG_WARNING ? "warning: " : "error: ");
		add_escaped(&out, msg);
		buf_addc(&out, '\n');
		if (capture != NULL)
			buf_add(capture, out.data, out.len);
		else
			fputs(out.data, stderr);
		buf_free(&out);
	}
	free(msg);
}

void
diag_flush(struct buf *bufs, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (bufs[i].len)
			fputs(bufs[i].data, stderr);
		buf_free(&bufs[i]);
	}
}

int
diag_errors(void)
{
	return __atomic_load_n(&nerrors, __ATOMIC_RELAXED);
}

int
diag_warnings(void)
{
	return __atomic_load_n(&nwarnings, __ATOMIC_RELAXED);
}
