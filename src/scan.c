/* scan.c: the first stage: which files make up the book. */
#include "scan.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "diag.h"

/* Deeper folders than this are reported and skipped: content is never
 * nested so far, and the limit bounds the recursion. */
#define SCAN_MAX_DEPTH 32

/* A folder's entry, and its type as readdir() gave it (DT_UNKNOWN when
 * the file system does not say). */
struct ent {
	char *name;
	unsigned char type;
};

static int
cmp_ent(const void *a, const void *b)
{
	return strcmp(((const struct ent *)a)->name,
	    ((const struct ent *)b)->name);
}

int
path_inside(const char *root, const char *rel)
{
	char rroot[PATH_MAX], rfile[PATH_MAX];
	char *full = path_join(root, rel);
	size_t n;
	int ok;

	ok = realpath(root, rroot) != NULL && realpath(full, rfile) != NULL;
	free(full);
	if (!ok)
		return 0;
	n = strlen(rroot);
	if (n == 1)          /* the root is "/" */
		return 1;
	return strncmp(rroot, rfile, n) == 0 &&
	    (rfile[n] == '/' || rfile[n] == '\0');
}

static void
walk(const char *root, const char *rel, int depth, struct scan *out)
{
	char *dir = rel[0] ? path_join(root, rel) : xstrdup(root);
	DIR *d = opendir(dir);
	struct dirent *e;
	struct ent *ents = NULL;
	size_t n = 0, cap = 0;

	if (d == NULL) {
		warnx_at(dir, 0, "cannot read folder (%s); skipped",
		    strerror(errno));
		free(dir);
		return;
	}
	while ((e = readdir(d)) != NULL)
		if (e->d_name[0] != '.') {
			if (n == cap) {
				cap = cap ? cap * 2 : 16;
				ents = xrealloc(ents, cap * sizeof(*ents));
			}
			ents[n].name = xstrdup(e->d_name);
			ents[n++].type = e->d_type;
		}
	closedir(d);
	if (n)
		qsort(ents, n, sizeof(*ents), cmp_ent);

	for (size_t i = 0; i < n; i++) {
		const char *name = ents[i].name;
		char *r = rel[0] ? path_join(rel, name) : xstrdup(name);
		char *full = path_join(root, r);
		struct stat st;

		/* readdir() says what most entries are: lstat() only the
		 * rest, and links, which stat() then follows */
		if (ents[i].type == DT_DIR)
			st.st_mode = S_IFDIR;
		else if (ents[i].type == DT_REG)
			st.st_mode = S_IFREG;
		else if (!str_ends(name, ".md") && ents[i].type != DT_UNKNOWN)
			st.st_mode = 0;          /* not a page, whatever it is */
		else if (lstat(full, &st) < 0) {
			warnx_at(full, 0, "cannot read (%s); skipped",
			    strerror(errno));
			goto next;
		}
		if (S_ISDIR(st.st_mode)) {
			if (name[0] == '_') {
				/* _drafts, _includes, _data: not pages */
			} else if (depth >= SCAN_MAX_DEPTH) {
				warnx_at(full, 0, "folder nested deeper than %d "
				    "levels; skipped", SCAN_MAX_DEPTH);
			} else {
				walk(root, r, depth + 1, out);
			}
		} else if (!str_ends(name, ".md")) {
			/* images and other files are found through links */
		} else if (S_ISLNK(st.st_mode) && (stat(full, &st) < 0 ||
		    !S_ISREG(st.st_mode) || !path_inside(root, r))) {
			warnx_at(full, 0, "symbolic link to a file outside the "
			    "content folder; skipped");
		} else if (!S_ISREG(st.st_mode)) {
			warnx_at(full, 0, "not a regular file; skipped");
		} else if (strcmp(name, "_index.md") == 0) {
			if (depth == 1)
				strlist_add(&out->indexes, r);
		} else if (name[0] != '_') {
			strlist_add(&out->articles, r);
		}
next:
		free(full);
		free(r);
	}
	for (size_t i = 0; i < n; i++)
		free(ents[i].name);
	free(ents);
	free(dir);
}

int
scan_root(const char *root, struct scan *out)
{
	struct stat st;

	memset(out, 0, sizeof(*out));
	if (stat(root, &st) < 0) {
		errx_at(root, 0, "cannot open content folder: %s",
		    strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		errx_at(root, 0, "not a folder: give the content folder");
		return -1;
	}
	walk(root, "", 0, out);
	if (out->articles.n == 0) {
		errx_at(root, 0, "no Markdown articles (*.md) in the content "
		    "folder");
		return -1;
	}
	return 0;
}

void
scan_free(struct scan *s)
{
	strlist_free(&s->articles);
	strlist_free(&s->indexes);
}
