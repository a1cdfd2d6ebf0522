/* diag.c: prints diagnostics and remembers the worst level reached. */
#include "diag.h"

#include <stdarg.h>
#include <stdio.h>

static int quiet, strict, nerrors, nwarnings;

void
diag_setup(int q, int s)
{
	quiet = q;
	strict = s;
}

void
diag(enum diag_level level, const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	if (level == DIAG_WARNING) {
		nwarnings++;
		if (strict) {
			nerrors++;
		} else if (quiet) {
			return;
		}
	} else {
		nerrors++;
	}
	fputs("hbook: ", stderr);
	if (file != NULL) {
		if (line > 0)
			fprintf(stderr, "%s:%d: ", file, line);
		else
			fprintf(stderr, "%s: ", file);
	}
	fputs(level == DIAG_WARNING ? "warning: " : "error: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int
diag_errors(void)
{
	return nerrors;
}

int
diag_warnings(void)
{
	return nwarnings;
}
