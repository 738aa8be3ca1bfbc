/* escape.h: a lone running thread's escape from a slow virtual CPU.
 *
 * On a virtual machine whose cores are shared with other tenants, a
 * fraction p of the virtual CPUs runs r times slower at any moment
 * (cpu.slow_fraction, cpu.slow_factor); the platform's costs are means
 * over the two states, so work runs 1/m of its cost on a fast vCPU and
 * r/m on a slow one, m = 1 + p (r - 1).  Work placed on a vCPU (a
 * thread's start, or its wake-up after a wait long enough for its vCPU to
 * halt: engine/vcpu_escape.h says which) lands slow with probability p.  Linux
 * then moves a task that runs alone on a vCPU whose capacity steal time
 * reduced onto an idle one (kernel/sched/fair.c: steal time feeds the
 * run queue's irq load, which scale_rt_capacity() takes from the CPU's
 * capacity; an idle CPU's load balance sees the lone task on a CPU of
 * reduced capacity, sched_reduced_capacity(), as a misfit and pulls it
 * with an active balance).  The destination may be slow too, and a
 * host's slow state may leave every idle vCPU slow for a while, so the
 * time a lone thread stays slow is TAU (cpu.slow_escape), after which it
 * runs fast until it gives its vCPU up again.
 *
 * The expected time of S seconds (at the mean cost) of lone work from its
 * placement is then
 *   E(S) = S/m + p min(S (r - 1)/m, TAU (1 - 1/r)):
 * the first X = TAU m / r seconds of work (what a slow vCPU does in TAU)
 * cost their mean, as before; the rest runs fast, 1/m of its cost.  Short
 * work keeps the mean; long work tends to the fast speed plus a fixed
 * p TAU (1 - 1/r).  TAU <= 0 means no escape: E(S) = S.  No SimGrid here:
 * the tests drive it alone.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Whether a host with slow fraction P, slow factor R and escape time
 * TAU has an escape to model: P > 0, R > 1 and TAU > 0. */
gboolean gs_escape_enabled (double p, double r, double tau);

/* The work, in seconds of the mean cost, that a thread placed on a vCPU
 * does before it is sure to run fast: X = TAU m / r above (G_MAXDOUBLE
 * without an escape). */
double gs_escape_work (double p, double r, double tau);

/* The expected time, in seconds of the mean cost, of the SECONDS of lone
 * work (at the mean cost) that come after POS seconds of work since the
 * thread's placement: E(POS + SECONDS) - E(POS), the part before X at
 * its mean cost and the part after it at 1/m.  Exactly SECONDS when the
 * work ends by X or there is no escape; 0 when SECONDS <= 0. */
double gs_escape_time (double pos, double seconds, double p, double r, double tau);

/* The inverse of gs_escape_time: the work, in seconds of the mean cost,
 * whose expected time after POS seconds of work since the placement is
 * TIME, so that gs_escape_time (POS, result, ...) = TIME.  This is how a
 * cost measured on lone work is turned into the platform's mean cost
 * when the work runs past X: a lone record's time T of work from its
 * placement is E(S), not S, so its cost is S = E^-1(T) (TIME before X
 * takes its own value, the rest m times it).  TIME itself without an
 * escape; 0 when TIME <= 0. */
double gs_escape_work_for (double pos, double time, double p, double r, double tau);

/* The time factor of fast work, 1/m: what work after the escape costs
 * over its mean cost.  1 when P <= 0 or R <= 1. */
double gs_escape_fast_factor (double p, double r);

G_END_DECLS
