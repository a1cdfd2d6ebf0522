/* threads.c: the worker threads every stage shares out its work on. */
#include "threads.h"

#include <pthread.h>
#include <stdlib.h>

#include "diag.h"
#include "util.h"

struct each {
	void (*fn)(void *, size_t, int);
	void *ctx;
	size_t n;
	size_t next;             /* the next item to take (atomic) */
	int workers;             /* worker numbers handed out (atomic) */
	struct buf *diags;       /* one per item */
};

static void *
each_worker(void *arg)
{
	struct each *e = arg;
	int w = __atomic_fetch_add(&e->workers, 1, __ATOMIC_RELAXED);
	size_t i;

	while ((i = __atomic_fetch_add(&e->next, 1, __ATOMIC_RELAXED)) < e->n) {
		diag_capture(&e->diags[i]);
		e->fn(e->ctx, i, w);
		diag_capture(NULL);
	}
	return NULL;
}

/* The threads that help threads_each(), started when first needed and
 * kept until threads_end(): a thread that ends has mimalloc walk what every
 * ended thread left behind, half a millisecond each, and an export shares
 * out work five times.  job is the work being shared out; seats, how many
 * more helpers it takes; busy, how many are in it. */
static struct {
	pthread_mutex_t lock;
	pthread_cond_t wake, idle;
	pthread_t *threads;
	int n;
	struct each *job;
	int seats, busy, quit;
} pool = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER,
    PTHREAD_COND_INITIALIZER, NULL, 0, NULL, 0, 0, 0};

static void *
helper(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&pool.lock);
	for (;;) {
		struct each *e;

		while (!pool.quit && pool.seats == 0)
			pthread_cond_wait(&pool.wake, &pool.lock);
		if (pool.quit)
			break;
		pool.seats--;
		pool.busy++;
		e = pool.job;
		pthread_mutex_unlock(&pool.lock);
		each_worker(e);
		pthread_mutex_lock(&pool.lock);
		if (--pool.busy == 0 && pool.seats == 0)
			pthread_cond_signal(&pool.idle);
	}
	pthread_mutex_unlock(&pool.lock);
	return NULL;
}

void
threads_each(int jobs, size_t n, void (*fn)(void *, size_t, int), void *ctx)
{
	struct each e = {fn, ctx, n, 0, 0, NULL};

	if ((size_t)jobs > n)
		jobs = (int)n;
	if (jobs < 1)
		jobs = 1;
	e.diags = xcalloc(n + 1, sizeof(*e.diags));
	pthread_mutex_lock(&pool.lock);
	if (pool.n < jobs - 1) {
		pool.threads = xrealloc(pool.threads,
		    (size_t)(jobs - 1) * sizeof(*pool.threads));
		while (pool.n < jobs - 1 && pthread_create(&pool.threads[pool.n],
		    NULL, helper, NULL) == 0)
			pool.n++;
	}
	pool.job = &e;
	pool.seats = jobs - 1 < pool.n ? jobs - 1 : pool.n;
	pthread_cond_broadcast(&pool.wake);
	pthread_mutex_unlock(&pool.lock);
	each_worker(&e);          /* the caller works too */
	pthread_mutex_lock(&pool.lock);
	pool.seats = 0;           /* every item is taken: no more helpers */
	while (pool.busy > 0)
		pthread_cond_wait(&pool.idle, &pool.lock);
	pool.job = NULL;
	pthread_mutex_unlock(&pool.lock);
	diag_flush(e.diags, n);
	free(e.diags);
}

void
threads_end(void)
{
	pthread_mutex_lock(&pool.lock);
	pool.quit = 1;
	pthread_cond_broadcast(&pool.wake);
	pthread_mutex_unlock(&pool.lock);
	for (int i = 0; i < pool.n; i++)
		pthread_join(pool.threads[i], NULL);
	free(pool.threads);
	pool.threads = NULL;
	pool.n = 0;
	pool.quit = 0;
}
