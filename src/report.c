/* report.c: the rows of --report, and the file they are written to. */
#include "report.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "util.h"

struct row {
	size_t order, seq;       /* document, then place in it: the sort key */
	const char *src;
	int line;
	const char *kind;
	char *target, *outcome;
};

struct report {
	struct row *rows;
	size_t n, cap;
	pthread_mutex_t lock;
};

struct report *
report_new(void)
{
	struct report *r = xcalloc(1, sizeof(*r));

	pthread_mutex_init(&r->lock, NULL);
	return r;
}

void
report_free(struct report *r)
{
	if (r == NULL)
		return;
	for (size_t i = 0; i < r->n; i++) {
		free(r->rows[i].target);
		free(r->rows[i].outcome);
	}
	free(r->rows);
	pthread_mutex_destroy(&r->lock);
	free(r);
}

size_t
report_add(struct report *r, size_t order, const char *src, int line,
    const char *kind, const char *target, const char *outcome)
{
	/* a document is written by one thread: its rows count up here */
	static _Thread_local size_t seq;
	struct row *w;
	size_t n;

	if (r == NULL)
		return 0;
	pthread_mutex_lock(&r->lock);
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 256;
		r->rows = xrealloc(r->rows, r->cap * sizeof(*r->rows));
	}
	n = r->n++;
	w = &r->rows[n];
	w->order = order;
	w->seq = seq++;
	w->src = src;
	w->line = line;
	w->kind = kind;
	w->target = xstrdup(target);
	w->outcome = xstrdup(outcome);
	pthread_mutex_unlock(&r->lock);
	return n;
}

void
report_set(struct report *r, size_t n, const char *outcome)
{
	if (r == NULL || n >= r->n)
		return;
	pthread_mutex_lock(&r->lock);
	free(r->rows[n].outcome);
	r->rows[n].outcome = xstrdup(outcome);
	pthread_mutex_unlock(&r->lock);
}

static int
row_cmp(const void *x, const void *y)
{
	const struct row *a = x, *b = y;

	if (a->order != b->order)
		return a->order < b->order ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

int
report_write(struct report *r, const char *path)
{
	FILE *f = fopen(path, "w");

	if (r->n)
		qsort(r->rows, r->n, sizeof(*r->rows), row_cmp);
	if (f == NULL) {
		errx_at(path, 0, "cannot write the report: %s", strerror(errno));
		return -1;
	}
	fputs("article\tline\tkind\ttarget\toutcome\n", f);
	for (size_t i = 0; i < r->n; i++) {
		const struct row *w = &r->rows[i];
		/* tabs and line breaks would break the table */
		for (char *c = w->target; *c; c++)
			if (*c == '\t' || *c == '\n' || *c == '\r')
				*c = ' ';
		fprintf(f, "%s\t%d\t%s\t%s\t%s\n", w->src, w->line, w->kind,
		    w->target, w->outcome);
	}
	if (fclose(f) != 0) {
		errx_at(path, 0, "cannot write the report: %s", strerror(errno));
		return -1;
	}
	return 0;
}
