/* presets.c: the table of known native calls. */
#include "presets.h"

#include <string.h>

static const GsPreset presets[] = {
  { "numpy.random.rand", GS_DIM_COUNT, "cost.numpy.random.rand", TRUE, 0,
    "numpy.random",
    "legacy global RandomState: releases the GIL but holds its own lock", 0, 8, TRUE },
  { "numpy.random.default_rng.random", GS_DIM_COUNT, "cost.numpy.rng.random",
    TRUE, 0, NULL, "a Generator per thread: releases the GIL, no shared lock", 0, 8, TRUE },
  { "numpy.sum", GS_DIM_COUNT, "cost.numpy.sum", TRUE, 500, NULL,
    "reduction: releases the GIL for more than 500 elements", 8, 0 },
  { "hashlib.sha256", GS_DIM_SIZE, "cost.hashlib.sha256", TRUE, 2048, NULL,
    "releases the GIL for data of 2048 bytes or more", 1, 0 },
  { "zlib.compress", GS_DIM_SIZE, "cost.zlib.compress", TRUE, 0, NULL,
    "releases the GIL", 1, 0 },
  { "json.loads", GS_DIM_SIZE, "cost.json.loads", FALSE, 0, NULL,
    "keeps the GIL for the whole call", 0, 0 },
  { "re.search", GS_DIM_SIZE, "cost.re.search", FALSE, 0, NULL,
    "keeps the GIL for the whole call", 0, 0 },
};

const GsPreset *
gs_preset_lookup (const char *name)
{
  for (gsize i = 0; i < G_N_ELEMENTS (presets); i++)
    if (strcmp (presets[i].name, name) == 0)
      return &presets[i];
  return NULL;
}

const GsPreset *
gs_preset_all (gsize *n_out)
{
  *n_out = G_N_ELEMENTS (presets);
  return presets;
}
