/* capacity.h: what a host's cores deliver together with BUSY runnable
 * threads, when its cores are not all alike or not always at one clock.
 *
 * Three things make N busy threads deliver less than N cores' worth:
 *
 * - SMT siblings (models/smt.h): two hardware threads of one core share it.
 * - Efficiency cores (Apple's M-series, Intel's hybrid parts since Alder
 *   Lake): the host's last cpu.efficiency_cores logical CPUs are smaller
 *   cores that run Python at cpu.efficiency_speed of a performance core.
 *   Both macOS and Linux (ITMT's priorities) place runnable threads on
 *   performance cores first, then on efficiency cores, and only then on
 *   the performance cores' SMT siblings.
 * - The clock (turbo): a core runs at its highest clock when it is the only
 *   busy one, and every core slows as more become busy, down to the
 *   all-core clock, cpu.allcore_speed of the one-core clock.  Vendors
 *   publish the clocks by active-core count (Intel's turbo tables, Apple's
 *   per-cluster clocks); between one core and all cores the model falls in
 *   a straight line with the number of busy physical cores.
 *
 * The host's speed is a performance core's at the one-core clock.  The
 * engine gives the curve to SimGrid as the host's sharing policy
 * (sim/engine/cpu_sharing.cpp), which splits it evenly among the running
 * executions: the OS moves threads between cores so that each gets its
 * share, as it does for a pool's workers taking items from one queue.  A
 * program that gives each thread a fixed share of the work and waits for
 * the slowest is not modelled: its threads on efficiency cores finish
 * last.  Nothing here uses SimGrid, so the tests check it alone.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  int cores;               /* logical CPUs, the host's `core` */
  int smt;                 /* hardware threads per performance core */
  double smt_throughput;   /* cores' worth of one core's SMT threads */
  int efficiency_cores;    /* logical CPUs that are efficiency cores */
  double efficiency_speed; /* of a performance core, more than 0 to 1 */
  double allcore_speed;    /* the all-core clock over the one-core clock */
} GsCapacity;

/* Whether C's cores are all alike at one clock with no SMT: then BUSY
 * threads get min(BUSY, cores) cores and SimGrid's own sharing is right.
 * Can't fail. */
gboolean gs_capacity_is_plain (const GsCapacity *c);

/* The cores' worth of work (performance cores at the one-core clock) that
 * the host C delivers with BUSY runnable threads: the first go to
 * performance cores, one each, then to efficiency cores, then to SMT
 * siblings (gs_smt_capacity () when there are no efficiency cores), up to
 * CORES threads; the sum is scaled by the clock that the busy physical
 * cores allow.  0 for BUSY 0.  Can't fail. */
double gs_capacity_cores (const GsCapacity *c, int busy);

/* The clock, relative to the one-core clock, when BUSY_PHYSICAL of the
 * host's PHYSICAL cores are busy: 1 for one (or none), ALLCORE for all,
 * in a straight line between.  Can't fail. */
double gs_capacity_clock (int physical, double allcore, double busy_physical);

G_END_DECLS
