/* noise.c: the machine's random effects, drawn for one sample. */
#include "engine/noise.h"

#include <math.h>
#include "lang/random.h"

/* Tags that keep the noise's draws apart from the program's own. */
#define CPU_TAG 0x51c0f00dULL
#define LATENCY_TAG 0x1a7e0c1eULL
#define MACHINE_TAG 0x5beedf00ULL
#define DISK_TAG 0xd15cd15cULL

/* A uniform draw in [0, 1) that is a function of its keys only. */
static double
uniform (guint64 key, guint64 a, guint64 b)
{
  guint64 x = gs_random_child_key (gs_random_child_key (key, a + 1), b + 1);
  return (double) (x >> 11) * (1.0 / 9007199254740992.0);
}

double
gs_noise_cpu_factor (guint64 key, guint sample, guint part, double pos, double seconds,
                     double p, double r)
{
  if (p <= 0 || r <= 1 || seconds <= 0)
    return 1;
  guint64 k = gs_random_child_key (gs_random_child_key (key ^ CPU_TAG, sample), part + 1);
  double norm = 1 + (r - 1) * p;
  double left = seconds, total = 0, at = MAX (0, pos);
  /* at most 10 000 periods drawn: beyond, the mean */
  for (guint n = 0; left > 0 && n < 10000; n++) {
    double period = floor (at / GS_NOISE_PERIOD);
    double end = (period + 1) * GS_NOISE_PERIOD;
    double take = MIN (left, MAX (end - at, 1e-12));
    gboolean slow = uniform (k, (guint64) period, 0) < p;
    total += take * (slow ? r : 1);
    left -= take;
    at += take;
  }
  total += MAX (0, left) * norm;
  return total / seconds / norm;
}

double
gs_noise_start_factor (guint64 key, guint sample, double p, double r)
{
  if (sample == 0 || p <= 0 || r <= 1)
    return 1;
  /* the key and period of gs_noise_cpu_factor's first period, part 0 */
  guint64 k = gs_random_child_key (gs_random_child_key (key ^ CPU_TAG, sample), 1);
  gboolean slow = uniform (k, 0, 0) < p;
  return (slow ? r : 1) / (1 + (r - 1) * p);
}

double
gs_noise_latency (guint64 seed, guint sample, guint64 draw, double mean)
{
  if (sample == 0 || mean <= 0)
    return mean;
  return mean * (0.5 + uniform (seed ^ LATENCY_TAG, sample, draw));
}

/* exp(SIGMA z - SIGMA^2 / 2), of mean 1, z a standard normal draw of
 * (KEY, SAMPLE) only. */
static double
lognormal (guint64 key, guint sample, double sigma)
{
  /* Box-Muller: 1 - u keeps the logarithm finite */
  double u = 1 - uniform (key, sample, 0);
  double v = uniform (key, sample, 1);
  double z = sqrt (-2 * log (u)) * cos (2 * G_PI * v);
  return exp (sigma * z - sigma * sigma / 2);
}

double
gs_noise_machine_factor (guint64 seed, guint sample, double sigma)
{
  if (sample == 0 || sigma <= 0)
    return 1;
  return lognormal (seed ^ MACHINE_TAG, sample, sigma);
}

double
gs_noise_disk_factor (guint64 seed, guint sample, gboolean reading, double sigma)
{
  if (sample == 0 || sigma <= 0)
    return 1;
  return lognormal (gs_random_child_key (seed ^ DISK_TAG, reading ? 2 : 1), sample, sigma);
}

gboolean
gs_noise_host_has (const GsCosts *c)
{
  return (c->cpu_slow_fraction > 0 && (c->cpu_slow_factor > 1 || c->cpu_start_slow_factor > 1)) ||
         c->gil_handoff_latency > 0 || (c->gil_fifo_bias > 0 && c->gil_fifo_bias < 1) ||
         c->cpu_speed_jitter > 0 || c->disk_speed_jitter > 0;
}
