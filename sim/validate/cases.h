/* cases.h: the scenario each case of the measured records stands for.
 *
 * measure.py, run_seed.py and bench/calibrate-presets.py name what they
 * measured with a case ("cpu_threads", "seed_pipeline", ...) and describe
 * it in the record's fields (variant, n_workers, work sizes, switch
 * interval, start method).  Each known case has a builder that writes the
 * scenario from those fields; a case or variant without a model, or a
 * record that lacks what its builder needs, is skipped with the reason.
 * run_seed.py's cases (seed_NAME) name a seed scenario, NAME.gil, instead.
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* A record's scenario, as gs_cases_build writes it. */
typedef struct {
  GString *text;          /* the scenario's text */
  const char *seed_dir;   /* in: the folder of the seed scenarios */
  char *seed_file;        /* a seed scenario instead of text */
  int seed_n;             /* the seed scenario's N */
  char *skip;             /* why the record cannot be modelled, or NULL */
  const char *disk;       /* in: the host's first <disk>, or NULL */
} GsCaseBuild;

/* The runtime of the Python VERSION a record names ("3.11.7 (main, ...)"
 * is "cpython-3.11"), or the default runtime's when VERSION is NULL or
 * names no known runtime.  Belongs to the runtime table. */
const char *gs_cases_runtime (const char *version);

/* Writes the scenario of REC, with RUNTIME, into B: B->text (or
 * B->seed_file and B->seed_n for a seed case), or B->skip with the reason
 * when the record cannot be modelled.  B->text must be empty, B->seed_dir
 * and B->disk set.  Returns FALSE (and writes nothing) for a record
 * without a case. */
gboolean gs_cases_build (GsCaseBuild *b, JsonObject *rec, const char *runtime);

G_END_DECLS
