/* diag.h: the one diagnostics channel.
 *
 * Every message reads "hbook: FILE:LINE: LEVEL: text" (FILE and LINE when
 * known), with the control characters of file names and text written as
 * escapes (\x1b), never raw to a terminal.  The worst level reached
 * decides the exit status in main.c. */
#ifndef HBOOK_DIAG_H
#define HBOOK_DIAG_H

#include <stddef.h>

enum diag_level {
	DIAG_NOTE,               /* what the user may want to know: not a
	                          * problem, whatever --strict says */
	DIAG_WARNING,
	DIAG_ERROR
};

/* --quiet drops warnings; --strict counts them as errors. */
void diag_setup(int quiet, int strict);
void diag(enum diag_level level, const char *file, int line_no,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
#define warnx_at(file, line, ...) diag(DIAG_WARNING, file, line, __VA_ARGS__)
#define errx_at(file, line, ...) diag(DIAG_ERROR, file, line, __VA_ARGS__)
#define note_at(file, line, ...) diag(DIAG_NOTE, file, line, __VA_ARGS__)

/* Diagnostics of the calling thread go to out (NULL: to stderr again), so
 * chapters rendered in parallel report in reading order. */
struct buf;
void diag_capture(struct buf *out);

/* Prints the n captured buffers in order, to stderr, and frees them. */
void diag_flush(struct buf *bufs, size_t n);

int diag_errors(void);     /* errors so far (strict warnings included) */
int diag_warnings(void);   /* warnings so far */

#endif
