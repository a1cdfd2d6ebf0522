/* input.h: the one rule for what hbook reads.
 *
 * A file of the content folder (an article, an _index.md, hbook.yaml, a
 * picture, a cover named in hbook.yaml) is opened beneath the folder, by
 * its path relative to it: openat2() with RESOLVE_BENEATH follows a
 * symbolic link only while it stays inside, so no path text and no race
 * between the scan and the read can reach a file outside (where the
 * kernel has no openat2(), no symbolic link is followed at all).  What is
 * opened is checked with fstat(): a regular file, within its limit.  Files
 * the user names on the command line (--config, --css, --cover,
 * --templates) may be anywhere.  Every file read is remembered by device
 * and inode, so that hbook never writes over one (output.c).
 *
 * Limits (man 5 hbook, LIMITS): INPUT_MAX_ARTICLE for a page,
 * INPUT_MAX_FILE for any other file, INPUT_MAX_TOTAL for all of them. */
#ifndef HBOOK_INPUT_H
#define HBOOK_INPUT_H

#include <stddef.h>
#include <sys/stat.h>

#define INPUT_MAX_ARTICLE ((size_t)16 << 20)
#define INPUT_MAX_FILE ((size_t)64 << 20)
#define INPUT_MAX_TOTAL ((size_t)1 << 30)

struct input;

/* Reads for the content folder root (opened when first needed).  The
 * caller frees it with input_free().  Safe from several threads. */
struct input *input_new(const char *root);
void input_free(struct input *in);

/* Reads the file rel of the content folder, of at most max bytes.
 * Returns 0 and a NUL-terminated buffer the caller frees, or -1 with
 * errno set: EXDEV it leaves the folder, EINVAL it is not a regular file,
 * EFBIG it is over max, E2BIG the book's input is over INPUT_MAX_TOTAL,
 * or what open() or read() said. */
int input_file(struct input *in, const char *rel, size_t max, char **data,
    size_t *len);

/* The same for a file the user named, anywhere. */
int input_named(struct input *in, const char *path, size_t max, char **data,
    size_t *len);

/* What errno from the two above means, for a diagnostic: "cannot read
 * (Permission denied)", "a symbolic link out of the content folder". */
const char *input_error(int err);

/* Whether st is a file this export has read. */
int input_has(struct input *in, const struct stat *st);

/* The newest modification time (seconds since 1970) of the files read so
 * far, or 0. */
long long input_newest(struct input *in);

/* Whether rel (in the content folder) is a regular file inside it,
 * symbolic links resolved beneath it. */
int input_exists(struct input *in, const char *rel);

#endif
