/* input.c: opens and reads every file hbook reads, by one rule. */
#include "input.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/openat2.h>
#include <sys/syscall.h>

#include "util.h"

struct input {
	char *root;
	int rootfd;              /* -1 until first needed; -2 unusable */
	size_t total;            /* bytes read so far */
	struct read {            /* the files read: device and inode */
		dev_t dev;
		ino_t ino;
	} *seen;
	size_t nseen, capseen;
	long long newest;        /* the newest file time read */
	pthread_mutex_t lock;
};

struct input *
input_new(const char *root)
{
	struct input *in = xcalloc(1, sizeof(*in));

	in->root = xstrdup(root);
	in->rootfd = -1;
	pthread_mutex_init(&in->lock, NULL);
	return in;
}

void
input_free(struct input *in)
{
	if (in == NULL)
		return;
	if (in->rootfd >= 0)
		close(in->rootfd);
	free(in->root);
	free(in->seen);
	pthread_mutex_destroy(&in->lock);
	free(in);
}

const char *
input_error(int err)
{
	static _Thread_local char buf[128];

	switch (err) {
	case EXDEV:
		return "a symbolic link out of the content folder";
	case ELOOP:
		return "a symbolic link, which hbook does not follow here";
	case EINVAL:
		return "not a regular file";
	case EFBIG:
		return "over hbook's size limit for it (see LIMITS in hbook(5))";
	case E2BIG:
		return "over the 1 GB of input a book may read (see LIMITS in "
		    "hbook(5))";
	default:
		snprintf(buf, sizeof(buf), "cannot read (%s)", strerror(err));
		return buf;
	}
}

static int
root_fd(struct input *in)
{
	pthread_mutex_lock(&in->lock);
	if (in->rootfd == -1) {
		in->rootfd = open(in->root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (in->rootfd < 0)
			in->rootfd = -2;
	}
	pthread_mutex_unlock(&in->lock);
	return in->rootfd;
}

/* Opens rel beneath the folder dirfd, following symbolic links only
 * while they stay beneath it.  Without openat2() (kernels before 5.6, or
 * a filter that refuses it), each folder of the path is opened without
 * following links, and so is the file. */
static int
open_beneath(int dirfd, const char *rel)
{
	struct open_how how;
	int fd, saved;
	char *copy, *s, *slash;

	memset(&how, 0, sizeof(how));
	how.flags = O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY;
	how.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS;
	fd = (int)syscall(SYS_openat2, dirfd, rel, &how, sizeof(how));
	if (fd >= 0 || (errno != ENOSYS && errno != EPERM))
		return fd;
	copy = xstrdup(rel);
	fd = dup(dirfd);
	for (s = copy; fd >= 0 && (slash = strchr(s, '/')) != NULL;
	    s = slash + 1) {
		int next;
		*slash = '\0';
		if (s[0] == '\0' || strcmp(s, ".") == 0)
			continue;
		if (strcmp(s, "..") == 0) {
			close(fd);
			fd = -1;
			errno = EXDEV;
			break;
		}
		next = openat(fd, s, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
		    O_CLOEXEC);
		saved = errno;
		close(fd);
		fd = next;
		errno = saved;
	}
	if (fd >= 0) {
		int dir = fd;
		fd = strcmp(s, "..") == 0 ? (errno = EXDEV, -1) : openat(dir, s,
		    O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY | O_NOFOLLOW);
		saved = errno;
		close(dir);
		errno = saved;
	}
	free(copy);
	return fd;
}

/* Reads the open file fd whole, if it is a regular file of at most max
 * bytes and the book's input stays within its limit.  Closes fd. */
static int
read_fd(struct input *in, int fd, size_t max, char **data, size_t *len)
{
	struct stat st;
	char *p;
	size_t cap, n = 0;
	ssize_t got;
	int err = 0;

	if (fstat(fd, &st) < 0)
		err = errno;
	else if (!S_ISREG(st.st_mode))
		err = EINVAL;
	else if ((size_t)st.st_size > max)
		err = EFBIG;
	if (err == 0) {
		pthread_mutex_lock(&in->lock);
		if (in->total + (size_t)st.st_size > INPUT_MAX_TOTAL) {
			err = E2BIG;
		} else {
			in->total += (size_t)st.st_size;
			if (in->nseen == in->capseen) {
				in->capseen = in->capseen ? in->capseen * 2 : 256;
				in->seen = xrealloc(in->seen,
				    in->capseen * sizeof(*in->seen));
			}
			in->seen[in->nseen].dev = st.st_dev;
			in->seen[in->nseen++].ino = st.st_ino;
			if ((long long)st.st_mtime > in->newest)
				in->newest = (long long)st.st_mtime;
		}
		pthread_mutex_unlock(&in->lock);
	}
	if (err != 0) {
		close(fd);
		errno = err;
		return -1;
	}
	/* read into the file's own size, and a byte more: a file that grew
	 * since the fstat() reads up to max, in doubling steps */
	cap = (size_t)st.st_size + 1;
	p = xmalloc(cap);
	while ((got = read(fd, p + n, cap - n)) != 0) {
		if (got < 0) {
			if (errno == EINTR)
				continue;
			err = errno;
			break;
		}
		n += (size_t)got;
		if (n > max) {
			err = EFBIG;
			break;
		}
		if (n == cap)
			p = xrealloc(p, cap *= 2);
	}
	close(fd);
	if (err != 0) {
		free(p);
		errno = err;
		return -1;
	}
	p[n] = '\0';
	*len = n;
	*data = p;
	return 0;
}

int
input_file(struct input *in, const char *rel, size_t max, char **data,
    size_t *len)
{
	int dirfd = root_fd(in), fd;

	if (dirfd < 0) {
		errno = ENOENT;
		return -1;
	}
	if ((fd = open_beneath(dirfd, rel)) < 0)
		return -1;
	return read_fd(in, fd, max, data, len);
}

int
input_named(struct input *in, const char *path, size_t max, char **data,
    size_t *len)
{
	/* O_NONBLOCK: a FIFO must not hang us before fstat() refuses it */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);

	if (fd < 0)
		return -1;
	return read_fd(in, fd, max, data, len);
}

int
input_has(struct input *in, const struct stat *st)
{
	int has = 0;

	pthread_mutex_lock(&in->lock);
	for (size_t i = 0; i < in->nseen && !has; i++)
		has = in->seen[i].dev == st->st_dev &&
		    in->seen[i].ino == st->st_ino;
	pthread_mutex_unlock(&in->lock);
	return has;
}

long long
input_newest(struct input *in)
{
	long long t;

	pthread_mutex_lock(&in->lock);
	t = in->newest;
	pthread_mutex_unlock(&in->lock);
	return t;
}

int
input_exists(struct input *in, const char *rel)
{
	int dirfd = root_fd(in), fd;
	struct stat st;
	int yes;

	if (dirfd < 0 || (fd = open_beneath(dirfd, rel)) < 0)
		return 0;
	yes = fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
	close(fd);
	return yes;
}
