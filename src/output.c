/* output.c: writes the book and the report, by one rule. */
#define _GNU_SOURCE              /* O_TMPFILE, AT_EMPTY_PATH */
#include "output.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "book.h"
#include "diag.h"
#include "input.h"
#include "util.h"

struct output {
	char *path;
	const char *what;        /* "book", "report" */
	char *dir;               /* its folder, "." for none */
	int fd;
	int to_stdout;
	int unnamed;             /* an O_TMPFILE file, named at the end */
	mode_t mode;             /* the replaced file's, or the umask's */
};

/* The named temporary file, for the signal handler to remove. */
static char tmp_path[PATH_MAX];
static volatile sig_atomic_t tmp_live;

static void
on_signal(int sig)
{
	static const char msg[] = "hbook: error: interrupted; nothing written\n";

	(void)sig;
	if (tmp_live)
		unlink(tmp_path);
	/* only async-signal-safe calls here */
	if (write(2, msg, sizeof(msg) - 1) < 0)
		_exit(1);
	_exit(1);
}

void
output_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

/* Whether the folder dir (resolved) is inside the folder top (resolved),
 * or is it. */
static int
within(const char *dir, const char *top)
{
	size_t n = strlen(top);

	return strncmp(dir, top, n) == 0 && (dir[n] == '\0' || dir[n] == '/' ||
	    (n == 1 && top[0] == '/'));
}

/* Whether writing path would put a file where b's export reads: its
 * hbook.yaml, or a page of its pages folder. */
static int
would_be_read(const struct book *b, const char *path)
{
	char rdir[PATH_MAX], rroot[PATH_MAX];
	char *dir = path_dir(path);
	const char *base = path_base(path);
	int yes = 0;

	if (realpath(dir[0] ? dir : ".", rdir) != NULL &&
	    realpath(b->root, rroot) != NULL) {
		if (strcmp(rdir, rroot) == 0 && strcmp(base, "hbook.yaml") == 0)
			yes = 1;
		char *pages = b->cfg.pages && b->cfg.pages[0] ?
		    path_join(rroot, b->cfg.pages) : xstrdup(rroot);
		if ((str_ends(base, ".md") || str_ends(base, ".markdown") ||
		    str_ends(base, ".mdx")) && within(rdir, pages))
			yes = 1;
		free(pages);
	}
	free(dir);
	return yes;
}

int
output_check(const struct book *b, const char *path, const char *what)
{
	struct stat st;
	char *dir;

	if (strcmp(path, "-") == 0) {
		if (isatty(1)) {
			errx_at(NULL, 0, "-o -: standard output is a terminal; "
			    "send the %s to a file or a pipe", what);
			return -1;
		}
		return 0;
	}
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		errx_at(path, 0, "is a folder: give the %s's file name", what);
		return -1;
	}
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		errx_at(path, 0, "is not a regular file (a device, FIFO or "
		    "socket): give the %s's file name", what);
		return -1;
	}
	if (stat(path, &st) == 0 && input_has(b->in, &st)) {
		errx_at(path, 0, "is one of the files the export reads: give "
		    "the %s another name", what);
		return -1;
	}
	if (would_be_read(b, path)) {
		errx_at(path, 0, "is where the export reads its content: give "
		    "the %s another name", what);
		return -1;
	}
	dir = path_dir(path);
	if (stat(dir[0] ? dir : ".", &st) < 0 || !S_ISDIR(st.st_mode)) {
		errx_at(path, 0, "cannot write the %s: folder %s does not exist",
		    what, dir[0] ? dir : ".");
		free(dir);
		return -1;
	}
	if (access(dir[0] ? dir : ".", W_OK) < 0) {
		errx_at(path, 0, "cannot write the %s: folder %s is not writable",
		    what, dir[0] ? dir : ".");
		free(dir);
		return -1;
	}
	free(dir);
	return 0;
}

/* Whether name is ".BASE.hbook-" and six characters: a temporary file of
 * an export to BASE. */
static int
is_temp_of(const char *name, const char *base)
{
	size_t n = strlen(base);

	return name[0] == '.' && strncmp(name + 1, base, n) == 0 &&
	    strncmp(name + 1 + n, ".hbook-", 7) == 0 &&
	    strlen(name + 1 + n + 7) == 6;
}

/* Removes the temporary files of exports to path that no export holds:
 * what a killed export left where O_TMPFILE is not supported. */
static void
remove_stale(const char *dir, const char *base)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		char *p;
		int fd;

		if (!is_temp_of(e->d_name, base))
			continue;
		p = path_join(dir, e->d_name);
		fd = open(p, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
		/* a live export holds its lock until it renames the file */
		if (fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) == 0)
			unlink(p);
		if (fd >= 0)
			close(fd);
		free(p);
	}
	closedir(d);
}

/* A new name ".BASE.hbook-XXXXXX" in dir, into tmp_path. */
static void
temp_name(const char *dir, const char *base)
{
	static const char digits[] = "abcdefghijklmnopqrstuvwxyz0123456789";
	struct timespec ts;
	unsigned long long r;
	char six[7];

	clock_gettime(CLOCK_REALTIME, &ts);
	r = (unsigned long long)ts.tv_nsec ^ ((unsigned long long)getpid() << 20)
	    ^ (unsigned long long)ts.tv_sec;
	for (int i = 0; i < 6; i++) {
		six[i] = digits[r % 36];
		r = r / 36 + (unsigned long long)ts.tv_nsec * 7919u;
	}
	six[6] = '\0';
	snprintf(tmp_path, sizeof(tmp_path), "%s/.%s.hbook-%s", dir, base, six);
}

struct output *
output_open(const char *path, const char *what)
{
	struct output *o = xcalloc(1, sizeof(*o));
	char *dir = path_dir(path);

	o->path = xstrdup(path);
	o->what = what;
	o->dir = dir[0] ? dir : (free(dir), xstrdup("."));
	if (strcmp(path, "-") == 0) {
		o->fd = 1;
		o->to_stdout = 1;
		return o;
	}
	remove_stale(o->dir, path_base(path));
	o->fd = open(o->dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
	if (o->fd >= 0) {
		o->unnamed = 1;
		return o;
	}
	/* no O_TMPFILE here: a named file, locked while it is written */
	for (int tries = 0; tries < 100 && o->fd < 0; tries++) {
		temp_name(o->dir, path_base(path));
		o->fd = open(tmp_path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
		    0600);
		if (o->fd < 0 && errno != EEXIST)
			break;
	}
	if (o->fd < 0) {
		errx_at(path, 0, "cannot create a temporary file beside it: %s",
		    strerror(errno));
		free(o->path);
		free(o->dir);
		free(o);
		return NULL;
	}
	tmp_live = 1;
	flock(o->fd, LOCK_EX);
	return o;
}

int
output_write(struct output *o, const void *data, size_t len)
{
	const char *p = data;

	while (len > 0) {
		ssize_t w = write(o->fd, p, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			errx_at(o->path, 0, "cannot write the %s: %s", o->what,
			    strerror(w == 0 ? ENOSPC : errno));
			return -1;
		}
		p += w;
		len -= (size_t)w;
	}
	return 0;
}

static void
release(struct output *o)
{
	if (!o->to_stdout && o->fd >= 0)
		close(o->fd);
	if (tmp_live) {
		unlink(tmp_path);
		tmp_live = 0;
	}
	free(o->path);
	free(o->dir);
	free(o);
}

void
output_abort(struct output *o)
{
	if (o != NULL)
		release(o);
}

/* Gives the unnamed file its temporary name, in tmp_path. */
static int
name_unnamed(struct output *o)
{
	char proc[64];

	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", o->fd);
	for (int tries = 0; tries < 100; tries++) {
		temp_name(o->dir, path_base(o->path));
		if (linkat(o->fd, "", AT_FDCWD, tmp_path, AT_EMPTY_PATH) == 0 ||
		    linkat(AT_FDCWD, proc, AT_FDCWD, tmp_path,
		    AT_SYMLINK_FOLLOW) == 0) {
			tmp_live = 1;
			return 0;
		}
		if (errno != EEXIST)
			return -1;
	}
	return -1;
}

int
output_verify(struct output *o, const struct book *b)
{
	struct stat st;
	mode_t mask;

	if (o->to_stdout)
		return 0;
	mask = umask(0);
	umask(mask);
	o->mode = 0666 & ~mask;
	if (stat(o->path, &st) == 0) {
		if (input_has(b->in, &st)) {
			errx_at(o->path, 0, "is one of the files the export "
			    "reads: give the %s another name", o->what);
			return -1;
		}
		o->mode = st.st_mode & 07777;
	}
	return 0;
}

int
output_commit(struct output *o)
{
	if (o->to_stdout) {
		release(o);
		return 0;
	}
	if (fchmod(o->fd, o->mode) < 0 || fsync(o->fd) < 0) {
		errx_at(o->path, 0, "cannot write the %s: %s", o->what,
		    strerror(errno));
		release(o);
		return -1;
	}
	if (o->unnamed && name_unnamed(o) < 0) {
		errx_at(o->path, 0, "cannot name the %s written: %s", o->what,
		    strerror(errno));
		release(o);
		return -1;
	}
	if (rename(tmp_path, o->path) < 0) {
		errx_at(o->path, 0, "cannot replace the %s: %s", o->what,
		    strerror(errno));
		release(o);
		return -1;
	}
	tmp_live = 0;
	release(o);
	return 0;
}
