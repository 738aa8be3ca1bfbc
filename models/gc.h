/* gc.h: CPython's cyclic garbage collector: when it runs, what it visits,
 * and the free-threaded build's stop-the-world pause.
 *
 * CPython counts the container objects a program allocates (less those it
 * frees).  The GIL build collects its young generation when the count
 * passes gc.get_threshold()[0] (2000 from 3.13, 700 before): the collector
 * visits the young objects only, holding the GIL, so the other threads of
 * the process wait for the GIL as they would for any Python code.
 *
 * The free-threaded build (Python/gc_free_threading.c) is not
 * generational: every collection visits every tracked object of the
 * process (the long-lived heap and the young ones), and it runs only when
 * the count passes both the threshold and a quarter of the objects that
 * survived the last collection (gc_should_collect), so that a big heap is
 * not walked quadratically.  It stops the world first
 * (_PyEval_StopTheWorld): every thread attached to the interpreter (running
 * Python, or a C call that kept its thread state) must reach a safe point;
 * threads that detached (blocking I/O, sleep, a C call that released it)
 * are not waited for, and park when they come back.  Then one thread
 * collects; then the world restarts.  The pause grows with the heap and
 * with the number of threads stopped and restarted.
 *
 * The state machine of one process's collector:
 *
 *   IDLE --allocate(): due--> STOPPING --parked() by the last attached
 *   thread--> STOPPED --finish()--> IDLE
 *
 * (STOPPING goes straight to STOPPED when no attached thread is waited
 * for; the GIL build goes IDLE -> STOPPED -> IDLE: the GIL already stops
 * the others.)  Objects allocated here die at the next collection (cyclic
 * garbage, or temporaries counted by the threshold); the heap is the
 * program's long-lived objects, constant.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  GS_GC_IDLE,
  GS_GC_STOPPING,   /* the world is being stopped: waiting for threads */
  GS_GC_STOPPED,    /* the collector runs; every other thread is parked */
} GsGcPhase;

typedef struct {
  gboolean free_threaded;
  double heap;         /* long-lived tracked objects (long_lived_total) */
  double threshold;    /* gc.get_threshold()[0]; 0: automatic collection off */
  double young;        /* objects counted since the last collection */
  GsGcPhase phase;
  int waiting;         /* attached threads not yet at a safe point */
  guint64 collections;
} GsGc;

/* Sets GC to IDLE with no allocations, for a process of the free-threaded
 * build or not, whose program keeps HEAP objects alive, with THRESHOLD
 * (both >= 0).  Can't fail. */
void gs_gc_init (GsGc *gc, gboolean free_threaded, double heap,
                 double threshold);

/* Counts OBJECTS (>= 0) new objects.  Returns TRUE when a collection is
 * due now and none is under way: the caller starts one (gs_gc_stop).
 * Due: the count passes the threshold (threshold 0: never) and, in the
 * free-threaded build, a quarter of the heap too.  Can't fail. */
gboolean gs_gc_allocate (GsGc *gc, double objects);

/* How many objects may still be counted before a collection is due: one
 * more than this makes gs_gc_allocate return TRUE (G_MAXDOUBLE with the
 * threshold 0).  Never negative.  Can't fail. */
double gs_gc_room (const GsGc *gc);

/* The objects a collection due now visits: the young ones, plus the heap
 * in the free-threaded build.  Can't fail. */
double gs_gc_visited (const GsGc *gc);

/* Starts a collection (GC must be IDLE): STOPPING with ATTACHED (>= 0)
 * threads to wait for in the free-threaded build, STOPPED at once when
 * there are none or the build has a GIL. */
void gs_gc_stop (GsGc *gc, int attached);

/* One attached thread reached its safe point (GC STOPPING).  Returns TRUE
 * when it was the last one: the phase is STOPPED. */
gboolean gs_gc_parked (GsGc *gc);

/* The collection is done (GC STOPPED): the young objects are gone, the
 * world restarts, IDLE. */
void gs_gc_finish (GsGc *gc);

/* The pause of one collection, in seconds: VISITED objects at PER_OBJECT
 * seconds each, plus PER_THREAD seconds for each of THREADS threads
 * stopped and restarted (0 in the GIL build).  Can't fail. */
double gs_gc_pause (double visited, double per_object, int threads,
                    double per_thread);

G_END_DECLS
