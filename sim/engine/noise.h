/* noise.h: the machine's random effects, drawn for one sample.
 *
 * A prediction is the machine's expected behaviour: the platform's costs
 * are means, a slow virtual CPU stretches parallel work by the expected
 * maximum of the n executions running (threads_cpu.c), a woken thread runs
 * the mean wake-up latency later.  `gilsim run --samples K` simulates the
 * same point K times with those effects drawn instead (the engine
 * config's `sample`, from 1; 0 is the expected prediction), each sample
 * keyed by the point's seed and its index, so the same seed gives the
 * same samples.  The draws, each with the platform's mean:
 *   - slow virtual CPUs (cpu.slow_fraction p, cpu.slow_factor r): a
 *     thread's slowed work is cut in periods of GS_NOISE_PERIOD seconds of
 *     its own work, each run on a slow vCPU with probability p (r times
 *     slower) and on a fast one otherwise; work runs 1/(1 + (r-1)p) of the
 *     time the platform's costs give on a fast vCPU, r times that on a
 *     slow one, so its mean is the platform's.  A state lasts across the
 *     thread's waits and GIL switches (bench/probe-vcpus.py saw the slow
 *     state move from vCPU to vCPU from second to second); n executions
 *     at once draw apart, and the slowest ends last, as the expected model
 *     says on average.  The parallel parts of one native call draw apart.
 *   - wake-up latencies (gil.handoff_latency m, for the GIL, locks and
 *     conditions): uniform on [m/2, 3m/2] (../shared/notes/gil-mechanics.md
 *     measured hand-off gaps of 50 to 130 us around 90);
 *   - which GIL waiter the OS wakes (gil.fifo_bias): already a draw, from
 *     a seed per process; a sample mixes its index into that seed;
 *   - a spawned child's start-up (cpu.start_slow_factor rs): run on its
 *     vCPU's state in its first period (above), rs times longer on a slow
 *     vCPU than on a fast one, so that a row of children started together
 *     ends with the slowest (bench/start-jitter.py reads rs from the spread
 *     of the children's start times: 1.44 on the 16-core machine, against
 *     1.67 for Python code); the main process's interpreter start-up
 *     (python.startup) the same way, on its main thread's state (run_seed.py's
 *     interpreter_start runs: 51 to 79 ms in one session, 1.5 times apart);
 *   - the disks' speed (disk.speed_jitter sd): one factor per sample for
 *     the bytes every disk reads and one for those it writes, drawn as
 *     the machine's speed (below) is; what the calls and an fsync wait
 *     besides (disk.latency, disk.fsync) and the page cache's copies are
 *     not moved;
 *   - the machine's speed (cpu.speed_jitter s): one factor per sample,
 *     exp(s z - s^2/2) with z standard normal (so its mean is 1), that
 *     multiplies every CPU cost of the run (Python, native, a process's
 *     start): how fast the same vCPUs run from one run to another, which
 *     a session's own calibration cannot see (docs/validate.md measures s
 *     from the loop probes of the 16-core sessions).
 * With --no-noise (the config's no_noise) no vCPU is slow: every one runs
 * at the platform's mean speed, and parallel work is not stretched.  A
 * host with cpu.slow_drawn_only draws its slow vCPUs in samples only: its
 * expected prediction runs as with --no-noise's vCPUs (engine.c clears
 * cpu.slow_fraction there).
 */
#pragma once

#include <glib.h>
#include "costs.h"

G_BEGIN_DECLS

/* Seconds of a thread's own work that one vCPU state lasts. */
#define GS_NOISE_PERIOD 1.0

/* The time factor of SECONDS of slowed work in a sample: the mean over the
 * periods it spans, from POS seconds of work already done, of thread KEY
 * (and SAMPLE, PART: the parallel part of a native call), the states
 * drawn by P and R as above.  The same arguments give the same factor.
 * 1 when P <= 0 or R <= 1. */
double gs_noise_cpu_factor (guint64 key, guint sample, guint part, double pos, double seconds,
                            double p, double r);

/* The time factor of the start-up of a spawned child, thread KEY, in
 * sample SAMPLE: the state of its vCPU in its first period of work (as
 * gs_noise_cpu_factor draws it), slow with probability P, where the
 * start-up takes R times a fast vCPU's time; of mean 1 (a fast vCPU gives
 * 1 / (1 + (R - 1) P)).  1 when SAMPLE is 0, P <= 0 or R <= 1. */
double gs_noise_start_factor (guint64 key, guint sample, double p, double r);

/* A wake-up latency of mean MEAN, the DRAW-th of sample SAMPLE of the run
 * of seed SEED: MEAN when SAMPLE is 0, else uniform on [MEAN/2, 3 MEAN/2]. */
double gs_noise_latency (guint64 seed, guint sample, guint64 draw, double mean);

/* The machine's speed factor of sample SAMPLE of the run of seed SEED, a
 * time factor for every CPU cost: 1 when SAMPLE is 0 or SIGMA <= 0, else
 * exp(SIGMA z - SIGMA^2 / 2) with z a standard normal draw of (SEED,
 * SAMPLE) only. */
double gs_noise_machine_factor (guint64 seed, guint sample, double sigma);

/* The disks' time factor for reads (READING) or writes of sample SAMPLE
 * of the run of seed SEED: 1 when SAMPLE is 0 or SIGMA <= 0, else
 * exp(SIGMA z - SIGMA^2 / 2) with z a standard normal draw of (SEED,
 * SAMPLE, READING) only, apart from gs_noise_machine_factor's. */
double gs_noise_disk_factor (guint64 seed, guint sample, gboolean reading, double sigma);

/* Whether COSTS (a host's) have random effects to draw: slow vCPUs, a
 * wake-up latency, a GIL waiter chosen at random, or a jittered speed
 * of the machine or its disks.  Without, every
 * sample is the expected prediction. */
gboolean gs_noise_host_has (const GsCosts *costs);

G_END_DECLS
