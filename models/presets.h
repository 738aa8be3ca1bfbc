/* presets.h: native calls gilsim knows by name, and how they use the GIL.
 *
 * A scenario writes `native numpy.random.rand(10**7)`; the preset says what
 * the argument measures (elements or bytes), which platform property gives
 * the cost per unit ("cost.numpy.random.rand" = "7.7ns"), whether the call
 * releases the GIL (and from what size on), and which lock it holds.  The
 * facts come from CPython's documented behaviour (the project's shared GIL notes).
 */
#pragma once

#include <glib.h>
#include "units.h"

G_BEGIN_DECLS

typedef struct {
  const char *name;        /* as written in scenarios */
  GsDim arg;               /* GS_DIM_COUNT (elements) or GS_DIM_SIZE (bytes) */
  const char *cost_prop;   /* platform property: seconds per element or byte */
  gboolean releases_gil;
  double release_min;      /* releases only when the argument is at least this */
  const char *lock;        /* a process-wide lock it holds, or NULL */
  const char *summary;
  double stream_bytes;     /* bytes it reads through memory per unit of its
                              argument (numpy.sum reads 8 per float64); the
                              host's memory.bandwidth is shared by them */
  double alloc_bytes;      /* bytes of fresh memory it allocates and fills per
                              unit (np.random.rand's output array): page
                              faults and zeroing, bounded by the host's
                              memory.alloc_bandwidth, shared by them */
  gboolean slowed;         /* it runs slower on a virtual CPU in the slow
                              state, as Python code does (cpu.slow_fraction):
                              measured for Generator.random by
                              bench/probe-vcpus.py (hashlib.sha256 is not
                              slowed); assumed for RandomState, which is the
                              same kind of arithmetic; the others were not
                              measured and are taken as not slowed */
} GsPreset;

/* The preset named NAME, or NULL. */
const GsPreset *gs_preset_lookup (const char *name);

/* All presets; *N_OUT gets the count. */
const GsPreset *gs_preset_all (gsize *n_out);

G_END_DECLS
