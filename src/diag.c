/* diag.c: prints diagnostics and remembers the worst level reached. */
#include "diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "util.h"

static int quiet, strict, nerrors, nwarnings;
static _Thread_local struct buf *capture;
static _Thread_local int discarding;

void
diag_capture(struct buf *out, int discard)
{
	capture = out;
	discarding = discard;
}

void
diag_setup(int q, int s)
{
	quiet = q;
	strict = s;
}

void
diag(enum diag_level level, const char *file, int line, const char *fmt, ...)
{
	char *msg, *where;

	if (discarding)
		return;
	if (level == DIAG_WARNING) {
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
	if (file == NULL)
		where = xstrdup("");
	else if (line > 0)
		where = xasprintf("%s:%d: ", file, line);
	else
		where = xasprintf("%s: ", file);
	if (capture != NULL) {
		buf_adds(capture, "hbook: ");
		buf_adds(capture, where);
		buf_adds(capture, level == DIAG_WARNING ? "warning: " : "error: ");
		buf_adds(capture, msg ? msg : "");
		buf_addc(capture, '\n');
	} else {
		fprintf(stderr, "hbook: %s%s%s\n", where,
		    level == DIAG_WARNING ? "warning: " : "error: ",
		    msg ? msg : "");
	}
	free(where);
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
