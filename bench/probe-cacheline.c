/* probe-cacheline.c: measures cpu.cacheline_transfer, what a touch of an
 * object costs when another core touched it last.
 *
 *     cc -O2 -pthread bench/probe-cacheline.c -o /tmp/probe-cacheline
 *     /tmp/probe-cacheline [CPU_A CPU_B]        (default: 0 1)
 *
 * Two threads, pinned to CPU_A and CPU_B, each add 1 to a counter with an
 * atomic read-modify-write (what a free-threaded CPython does to a shared
 * object's reference count), 20 million times:
 *
 *   private  each its own counter, on its own cache line: the cost of an
 *            uncontended atomic (the line stays in the core's cache);
 *   shared   both the same counter: every touch must first bring the line
 *            over from the other core, one core at a time.
 *
 * It prints the CPU nanoseconds a touch takes in each case, the median of
 * 5 rounds.  On a loaded machine the two threads run at once only part of
 * the time, and the shared figure comes out low: measure on a quiet one.  With two threads hammering one line, each touch by one waits
 * for the other's: the transfer (cpu.cacheline_transfer) is about the
 * shared time per touch of one thread, less the private one, divided by
 * (K - 1) = 1 (models/contention.h: a saturated line serves a touch per
 * transfer, (K - 1) / K of them needing one).  Pick CPU_A and CPU_B on
 * different physical cores (lscpu -e, or thread_siblings_list under
 * /sys/devices/system/cpu/cpuN/topology): siblings share their caches.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define TOUCHES 20000000L
#define ROUNDS 5

typedef struct {
  _Alignas (128) atomic_long value;
} Line;

static Line lines[2];
static atomic_int ready;

typedef struct {
  int cpu;
  atomic_long *counter;
  double ns;       /* CPU time a touch */
  double on_cpu;   /* CPU time over wall-clock time: 1 when never preempted */
} Arg;

/* CLOCK's time, ns.  The calling thread's CPU time does not count the
 * waits of a thread that the system takes off its CPU (a loaded machine). */
static double
now (clockid_t clock)
{
  struct timespec ts;
  clock_gettime (clock, &ts);
  return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static void *
run (void *data)
{
  Arg *a = data;
  cpu_set_t set;
  CPU_ZERO (&set);
  CPU_SET (a->cpu, &set);
  pthread_setaffinity_np (pthread_self (), sizeof set, &set);
  atomic_fetch_add (&ready, 1);
  while (atomic_load (&ready) < 2)
    ;
  double t = now (CLOCK_THREAD_CPUTIME_ID), w = now (CLOCK_MONOTONIC);
  for (long i = 0; i < TOUCHES; i++)
    atomic_fetch_add_explicit (a->counter, 1, memory_order_seq_cst);
  double cpu = now (CLOCK_THREAD_CPUTIME_ID) - t;
  a->ns = cpu / TOUCHES;
  a->on_cpu = cpu / (now (CLOCK_MONOTONIC) - w);
  return NULL;
}

static double min_on_cpu = 1;

static double
round_once (int cpu_a, int cpu_b, int shared)
{
  Arg args[2] = { { cpu_a, &lines[0].value, 0 },
                  { cpu_b, shared ? &lines[0].value : &lines[1].value, 0 } };
  pthread_t th[2];
  atomic_store (&ready, 0);
  for (int i = 0; i < 2; i++)
    pthread_create (&th[i], NULL, run, &args[i]);
  for (int i = 0; i < 2; i++)
    pthread_join (th[i], NULL);
  for (int i = 0; i < 2; i++)
    if (args[i].on_cpu < min_on_cpu)
      min_on_cpu = args[i].on_cpu;
  return (args[0].ns + args[1].ns) / 2;
}

static int
cmp (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

int
main (int argc, char **argv)
{
  int cpu_a = argc > 2 ? atoi (argv[1]) : 0;
  int cpu_b = argc > 2 ? atoi (argv[2]) : 1;
  double priv[ROUNDS], shar[ROUNDS];
  for (int r = 0; r < ROUNDS; r++) {
    priv[r] = round_once (cpu_a, cpu_b, 0);
    shar[r] = round_once (cpu_a, cpu_b, 1);
  }
  qsort (priv, ROUNDS, sizeof *priv, cmp);
  qsort (shar, ROUNDS, sizeof *shar, cmp);
  printf ("cpus %d %d: private %.1f ns a touch (%.1f to %.1f), shared %.1f ns "
          "(%.1f to %.1f): cpu.cacheline_transfer about %.0fns\n",
          cpu_a, cpu_b, priv[ROUNDS / 2], priv[0], priv[ROUNDS - 1],
          shar[ROUNDS / 2], shar[0], shar[ROUNDS - 1],
          shar[ROUNDS / 2] - priv[ROUNDS / 2]);
  printf ("each thread was on its CPU at least %.0f %% of the time%s\n",
          100 * min_on_cpu, min_on_cpu < 0.9 ? ": a loaded machine, the shared "
          "figure is low" : "");
  return 0;
}
