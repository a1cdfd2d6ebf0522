/* report.c: the rows of --report, and the file they are written to. */
#include "report.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "output.h"
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

/* Appends s with what would break the table or a terminal escaped:
 * tab, line ends, backslash and every other control character. */
static void
add_field(struct buf *b, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		char hex[8];

		if (c == '\t')
			buf_adds(b, "\\t");
		else if (c == '\n')
			buf_adds(b, "\\n");
		else if (c == '\r')
			buf_adds(b, "\\r");
		else if (c == '\\')
			buf_adds(b, "\\\\");
		else if (c < 0x20 || c == 0x7F) {
			snprintf(hex, sizeof(hex), "\\x%02x", c);
			buf_adds(b, hex);
		} else {
			buf_addc(b, (char)c);
		}
	}
}

int
report_write(struct report *r, const struct book *b, const char *path)
{
	struct buf t = {0};
	struct output *o;
	int rc;

	if (r->n)
		qsort(r->rows, r->n, sizeof(*r->rows), row_cmp);
	buf_adds(&t, "article\tline\tkind\ttarget\toutcome\n");
	for (size_t i = 0; i < r->n; i++) {
		const struct row *w = &r->rows[i];
		char line[24];

		add_field(&t, w->src);
		snprintf(line, sizeof(line), "\t%d\t", w->line);
		buf_adds(&t, line);
		add_field(&t, w->kind);
		buf_addc(&t, '\t');
		add_field(&t, w->target);
		buf_addc(&t, '\t');
		add_field(&t, w->outcome);
		buf_addc(&t, '\n');
	}
	if ((o = output_open(path, "report")) == NULL) {
		buf_free(&t);
		return -1;
	}
	rc = output_write(o, t.data, t.len) < 0 || output_verify(o, b) < 0 ?
	    -1 : 0;
	if (rc < 0)
		output_abort(o);
	else
		rc = output_commit(o);
	buf_free(&t);
	return rc;
}
