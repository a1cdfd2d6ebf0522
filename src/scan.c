/* scan.c: the first stage: which files make up the book. */
#include "scan.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "diag.h"
#include "site.h"

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

/* Where the walk is, and what it means for pages. */
struct walk {
	const char *root;
	const struct site *site;
	struct scan *out;
};

/* Whether rel is in the folder dir ("" holds everything), or is it. */
static int
under(const char *rel, const char *dir)
{
	size_t n = strlen(dir);

	return n == 0 || (strncmp(rel, dir, n) == 0 && (rel[n] == '/' ||
	    rel[n] == '\0'));
}

const char *
scan_content_of(const struct site *s, const char *rel)
{
	const char *best = NULL;

	for (size_t i = 0; i < s->content.n; i++)
		if (under(rel, s->content.v[i]) && (best == NULL ||
		    strlen(s->content.v[i]) > strlen(best)))
			best = s->content.v[i];
	return best;
}

/* Whether the folder rel may hold pages: it is in a content folder, and
 * no folder of its path below that starts with "_". */
static int
page_folder(const struct walk *w, const char *rel)
{
	const char *c = scan_content_of(w->site, rel), *p;

	if (c == NULL)
		return 0;
	p = rel + strlen(c) + (c[0] && rel[strlen(c)] == '/');
	for (const char *s = p; *s; s++)
		if ((s == p || s[-1] == '/') && *s == '_')
			return 0;
	return 1;
}

/* Whether the walk leaves out the entry name of the folder rel (r is
 * their path): hidden ones but the way to a static folder, what no
 * generator reads, and what the site excludes. */
static int
left_out(const struct walk *w, const char *name, const char *r)
{
	static const char *const never[] = {"node_modules", "_site",
	    "__pycache__", NULL};
	const struct site *s = w->site;

	if (name[0] == '.') {
		for (size_t i = 0; i < s->statics.n; i++)
			if (under(s->statics.v[i], r))
				return 0;
		return 1;
	}
	for (int i = 0; never[i]; i++)
		if (strcmp(name, never[i]) == 0)
			return 1;
	for (size_t i = 0; i < s->skip.n; i++) {
		const char *k = s->skip.v[i];
		size_t n = strcspn(k, "*");
		/* a name, or a path in the site's folder (a "sass/" glob) */
		if (strcmp(name, k) == 0)
			return 1;
		if (n > 0 && k[n - 1] == '/')
			n--;
		if (strchr(k, '/') && n > 0) {
			char *full = path_join(s->dir, k);
			size_t fn = strlen(full) - (strlen(k) - n);
			int hit = strncmp(r, full, fn) == 0 && (r[fn] == '\0' ||
			    r[fn] == '/');
			free(full);
			if (hit)
				return 1;
		}
	}
	return 0;
}

static int
page_name(const struct site *s, const char *name)
{
	if (name[0] == '_' && strcmp(name, "_index.md") != 0)
		return 0;
	return str_ends(name, ".md") || str_ends(name, ".markdown") ||
	    str_ends(name, ".mdx") || (s->html_pages && (str_ends(name,
	    ".html") || str_ends(name, ".htm")));
}

/* Lists the entries of the folder rel, and walks its folders. */
static void
walk(const struct walk *w, const char *rel, int depth)
{
	char *dir = rel[0] ? path_join(w->root, rel) : xstrdup(w->root);
	DIR *d = opendir(dir);
	struct dirent *e;
	struct ent *ents = NULL;
	size_t n = 0, cap = 0;
	int pages = page_folder(w, rel);

	if (d == NULL) {
		warnx_at(dir, 0, "cannot read folder (%s); skipped",
		    strerror(errno));
		free(dir);
		return;
	}
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
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
		char *full = path_join(w->root, r);
		int page = pages && page_name(w->site, name);
		struct stat st;

		if (left_out(w, name, r))
			goto next;
		/* readdir() says what most entries are: lstat() only the
		 * rest, and links, which stat() then follows */
		if (ents[i].type == DT_DIR)
			st.st_mode = S_IFDIR;
		else if (ents[i].type == DT_REG)
			st.st_mode = S_IFREG;
		else if (lstat(full, &st) < 0) {
			warnx_at(full, 0, "cannot read (%s); skipped",
			    strerror(errno));
			goto next;
		}
		if (S_ISDIR(st.st_mode)) {
			if (depth >= SCAN_MAX_DEPTH)
				warnx_at(full, 0, "folder nested deeper than %d "
				    "levels; skipped", SCAN_MAX_DEPTH);
			else
				walk(w, r, depth + 1);
		} else if (S_ISLNK(st.st_mode) && (stat(full, &st) < 0 ||
		    !S_ISREG(st.st_mode) || !path_inside(w->root, r))) {
			/* a file outside is named, never read; links to
			 * folders are not followed */
			if (page)
				warnx_at(full, 0, "symbolic link to a file outside "
				    "the content folder; skipped");
			else if (!path_inside(w->root, r))
				strlist_add(&w->out->outside, r);
		} else if (!S_ISREG(st.st_mode)) {
			if (page)
				warnx_at(full, 0, "not a regular file; skipped");
		} else {
			strlist_add(&w->out->files, r);
			if (page)
				strlist_add(&w->out->articles, r);
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
scan_root(const char *root, const struct site *site, struct scan *out)
{
	struct walk w = {root, site, out};
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
	/* the content folders are folders of the folder given: not links,
	 * which the walk would not follow (a link out would read what is
	 * outside) */
	for (size_t i = 0; i < site->content.n; i++) {
		const char *pages = site->content.v[i];
		for (const char *p = pages; *p; p += strcspn(p, "/"),
		    p += *p == '/') {
			char *part = xstrndup(pages, (size_t)(p - pages) +
			    strcspn(p, "/"));
			char *full = path_join(root, part);
			int link = lstat(full, &st) == 0 && !S_ISDIR(st.st_mode);

			free(full);
			if (link) {
				errx_at(root, 0, "pages: %s is not a folder of the "
				    "content folder (a symbolic link or a file)", part);
				free(part);
				return -1;
			}
			free(part);
		}
	}
	walk(&w, "", 0);
	if (out->articles.n == 0) {
		char *top = path_join(root, site->content.n ?
		    site->content.v[0] : "");
		errx_at(top, 0, "no Markdown articles (*.md) in the content "
		    "folder");
		free(top);
		return -1;
	}
	return 0;
}

void
scan_free(struct scan *s)
{
	strlist_free(&s->articles);
	strlist_free(&s->files);
	strlist_free(&s->outside);
}
