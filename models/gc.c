/* gc.c: when CPython's cyclic collector runs and what its pause costs. */
#include "gc.h"

void
gs_gc_init (GsGc *gc, gboolean free_threaded, double heap, double threshold)
{
  *gc = (GsGc) { .free_threaded = free_threaded, .heap = MAX (0, heap),
                 .threshold = MAX (0, threshold), .phase = GS_GC_IDLE };
}

gboolean
gs_gc_allocate (GsGc *gc, double objects)
{
  gc->young += MAX (0, objects);
  if (gc->phase != GS_GC_IDLE || gc->threshold <= 0 || gc->young <= gc->threshold)
    return FALSE;
  return !gc->free_threaded || gc->young > gc->heap / 4;
}

double
gs_gc_room (const GsGc *gc)
{
  if (gc->threshold <= 0)
    return G_MAXDOUBLE;
  double limit = gc->free_threaded ? MAX (gc->threshold, gc->heap / 4) : gc->threshold;
  return MAX (0, limit - gc->young);
}

double
gs_gc_visited (const GsGc *gc)
{
  return gc->young + (gc->free_threaded ? gc->heap : 0);
}

void
gs_gc_stop (GsGc *gc, int attached)
{
  g_return_if_fail (gc->phase == GS_GC_IDLE);
  gc->waiting = gc->free_threaded ? MAX (0, attached) : 0;
  gc->phase = gc->waiting > 0 ? GS_GC_STOPPING : GS_GC_STOPPED;
}

gboolean
gs_gc_parked (GsGc *gc)
{
  g_return_val_if_fail (gc->phase == GS_GC_STOPPING && gc->waiting > 0, FALSE);
  if (--gc->waiting > 0)
    return FALSE;
  gc->phase = GS_GC_STOPPED;
  return TRUE;
}

void
gs_gc_finish (GsGc *gc)
{
  g_return_if_fail (gc->phase == GS_GC_STOPPED);
  gc->young = 0;
  gc->collections++;
  gc->phase = GS_GC_IDLE;
}

double
gs_gc_pause (double visited, double per_object, int threads, double per_thread)
{
  return MAX (0, visited) * MAX (0, per_object) +
         MAX (0, threads) * MAX (0, per_thread);
}
