/* random.h: the seeded generator behind the draws of scenario expressions
 * (uniform(a, b), exponential(mean), ...).
 *
 * Each generator is a xoshiro256** state seeded through splitmix64 from a
 * 64-bit key.  Keys form a tree: a run's seed is the main thread's key, and
 * each thread's key is derived from its creator's key and how many threads
 * (or pools) the creator made before it, so a thread draws the same values
 * whatever order the simulation runs threads in, and in the sequential
 * comparison run too.  The numbers are this file's own arithmetic, not a
 * library's: the same seed gives the same draws on every machine.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  guint64 s[4];
} GsRandom;

/* Seeds R from KEY. */
void gs_random_init (GsRandom *r, guint64 key);

/* The key of the N-th child (from 1) of a generator keyed PARENT. */
guint64 gs_random_child_key (guint64 parent, guint64 n);

/* A uniform draw in [0, 1), with 53 random bits. */
double gs_random_double (GsRandom *r);

/* Where expressions find the generator of the code now running: a function
 * that returns it, or NULL where no draw may be made (a parameter, a
 * runtime option).  The engine sets it; NULL (the default) allows none. */
typedef GsRandom *(*GsRandomSource) (void);
void gs_random_set_source (GsRandomSource source);

/* The generator the source gives now, or NULL. */
GsRandom *gs_random_current (void);

G_END_DECLS
