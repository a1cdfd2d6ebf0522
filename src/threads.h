/* threads.h: the worker threads every stage shares out its work on. */
#ifndef HBOOK_THREADS_H
#define HBOOK_THREADS_H

#include <stddef.h>

/* Calls fn(ctx, i, worker) for each i below n, shared out one at a time
 * among min(jobs, n) threads, the caller's among them (fewer when the
 * system will not start more), and waits for them all.  worker, below
 * jobs, tells the threads apart for state of their own.  The diagnostics
 * of each call are held and printed in the order of i at the end, so
 * they read the same whatever order the threads ran in. */
void threads_each(int jobs, size_t n,
    void (*fn)(void *ctx, size_t i, int worker), void *ctx);
/* Ends the threads threads_each() keeps for the next call. */
void threads_end(void);

#endif
