/* cases.c: a table of the measured cases, each with its scenario builder. */
#include "validate/cases.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "costs.h"
#include "presets.h"
#include "runtime.h"
#include "validate/record.h"

const char *
gs_cases_runtime (const char *version)
{
  if (version == NULL)
    return gs_runtime_default ()->name;
  int major = 0, minor = 0;
  if (sscanf (version, "%d.%d", &major, &minor) != 2)
    return gs_runtime_default ()->name;
  g_autofree char *name = g_strdup_printf ("cpython-%d.%d", major, minor);
  const GsRuntime *rt = gs_runtime_lookup (name);
  return rt ? rt->name : gs_runtime_default ()->name;
}

/* ---------------------------------------------------------------------- */
/* Pieces of scenarios                                                     */

/* What every builder reads of its record. */
typedef struct {
  JsonObject *rec;
  JsonObject *work;       /* the record's work sizes, or NULL */
  const char *v;          /* the variant, "" when absent */
  int n;                  /* n_workers */
  const char *runtime;
} Fields;

/* More workers than a record of measure.py or run_seed.py ever has. */
#define MAX_WORKERS 100000

static void
header (GsCaseBuild *b, const char *runtime, double si)
{
  g_string_append_printf (b->text, "runtime %s switch_interval = %.9gs startup = 0s\n",
                          runtime, si > 0 ? si : GS_COSTS_SWITCH_INTERVAL);
}

/* threads: start N threads of a worker whose body is BODY, and join them */
static void
threads_of (GsCaseBuild *b, int n, const char *body)
{
  g_string_append_printf (b->text, "def worker():\n%s\n", body);
  g_string_append_printf (b->text, "t = start %d threads worker()\njoin t\n", n);
}

/* ---------------------------------------------------------------------- */
/* The builders, one per case                                              */

static void
build_calib_cpu (GsCaseBuild *b, const Fields *f)
{
  g_string_append_printf (b->text, "python %.0f iterations\n",
                          gs_record_num (f->work, "loop_iters"));
}

static void
build_io_threads (GsCaseBuild *b, const Fields *f)
{
  g_autofree char *body = g_strdup_printf ("    sleep %.9gs",
                                           gs_record_num (f->work, "sleep_s"));
  threads_of (b, f->n, body);
}

static void
build_cpu_threads (GsCaseBuild *b, const Fields *f)
{
  double L = gs_record_num (f->work, "loop_iters");
  double chunk = gs_record_num (f->work, "stamp_every");
  g_autofree char *body = NULL;
  if (!isnan (chunk) && chunk > 0)
    /* the instrumented variant: the same loop in chunks, with a time stamp each */
    body = g_strdup_printf ("    repeat %.0f:\n        python %.0f iterations compact",
                            floor (L / chunk), chunk);
  else
    body = g_strdup_printf ("    python %.0f iterations", L);
  threads_of (b, f->n, body);
}

static void
build_cpu_processes (GsCaseBuild *b, const Fields *f)
{
  const char *method = gs_record_str (f->rec, "start_method");
  double L = gs_record_num (f->work, "loop_iters");
  g_string_append_printf (b->text, "def worker():\n    python %.0f iterations\n",
                          isnan (L) ? 0.0 : L);
  g_string_append_printf (b->text, "p = start %d processes worker() using %s\njoin p\n",
                          f->n, method ? method : "fork");
}

static void
build_mixed_convoy (GsCaseBuild *b, const Fields *f)
{
  double L = gs_record_num (f->work, "loop_iters");
  double K = gs_record_num (f->work, "io_iters");
  const char *io = gs_record_str (f->work, "io");
  gboolean with_cpu = !isnan (L);
  gboolean with_io = !isnan (K);
  if (with_cpu)
    g_string_append_printf (b->text, "def cpu():\n    python %.0f iterations\n", L);
  if (with_io) {
    double sl = 0.001;
    if (io && g_str_has_prefix (io, "sleep "))
      sl = g_ascii_strtod (io + 6, NULL);
    if (io && g_str_has_prefix (io, "sleep"))
      /* the loop's own bytecodes run after each sleep, as its pipe twin's
       * do: back from a sleep, the thread runs Python code again, which
       * places its process on a vCPU again (engine/vcpu_escape.h) */
      g_string_append_printf (b->text, "def io():\n    repeat %.0f:\n        sleep %.9gs\n"
                              "        python 10 iterations\n", K, sl);
    else
      /* os.read(fd, 1) on a filled pipe: a tiny call that releases the GIL */
      g_string_append_printf (b->text, "def io():\n    repeat %.0f:\n"
                              "        python 10 iterations\n"
                              "        native 300ns nogil\n", K);
  }
  if (with_cpu)
    g_string_append (b->text, "a = start 1 threads cpu()\n");
  if (with_io)
    g_string_append (b->text, "b = start 1 threads io()\n");
  if (with_cpu)
    g_string_append (b->text, "join a\n");
  if (with_io)
    g_string_append (b->text, "join b\n");
}

static void
build_hashlib_threads (GsCaseBuild *b, const Fields *f)
{
  double bytes = gs_record_num (f->work, "bytes");
  if (strcmp (f->v, "calib-main") == 0) {
    g_string_append_printf (b->text, "native hashlib.sha256(%.0fB)\n", bytes);
  } else {
    g_autofree char *body = g_strdup_printf ("    native hashlib.sha256(%.0fB)", bytes);
    threads_of (b, f->n, body);
  }
}

static void
build_numpy_threads (GsCaseBuild *b, const Fields *f)
{
  const char *v = f->v;
  double m = gs_record_num (f->work, "elements");
  if (strcmp (v, "calib-rand") == 0)
    g_string_append_printf (b->text, "native numpy.random.rand(%.0f)\n", m);
  else if (strcmp (v, "calib-sum") == 0)
    g_string_append_printf (b->text, "native numpy.sum(%.0f)\n", m);
  else if (strcmp (v, "calib-rng.random") == 0)
    g_string_append_printf (b->text, "native numpy.random.default_rng.random(%.0f)\n", m);
  else if (strcmp (v, "rand+sum") == 0) {
    g_autofree char *body = g_strdup_printf (
        "    native numpy.random.rand(%.0f)\n    native numpy.sum(%.0f)", m, m);
    threads_of (b, f->n, body);
  } else if (strcmp (v, "rng-per-thread+sum") == 0) {
    g_autofree char *body = g_strdup_printf (
        "    native numpy.random.default_rng.random(%.0f)\n    native numpy.sum(%.0f)", m, m);
    threads_of (b, f->n, body);
  } else {
    b->skip = g_strdup_printf ("unknown numpy_threads variant '%s'", v);
  }
}

static void
build_file_io_threads (GsCaseBuild *b, const Fields *f)
{
  /* measure.py's thread_file_worker: os.write of BYTES in CHUNK pieces,
   * os.fsync, then (cache dropped) os.read back in CHUNK pieces */
  JsonObject *work = f->work;
  double bytes = gs_record_num (work, "bytes");
  double chunk = gs_record_num (work, "chunk");
  JsonNode *fs = work ? json_object_get_member (work, "fsync") : NULL;
  gboolean fsync = fs == NULL || (JSON_NODE_HOLDS_VALUE (fs) && json_node_get_boolean (fs));
  if (b->disk == NULL) {
    b->skip = g_strdup ("the platform's host has no <disk>");
    return;
  }
  if (isnan (bytes) || bytes < 0) {
    b->skip = g_strdup ("the record has no work.bytes");
    return;
  }
  g_autofree char *chunked = !isnan (chunk) && chunk >= 1
                                 ? g_strdup_printf (" chunk %.0fB", chunk) : g_strdup ("");
  g_autofree char *sync = fsync ? g_strdup_printf ("    fsync disk %s\n", b->disk)
                                : g_strdup ("");
  g_autofree char *body = g_strdup_printf (
      "    write %.0fB to disk %s%s\n%s    read %.0fB from disk %s%s",
      bytes, b->disk, chunked, sync, bytes, b->disk, chunked);
  threads_of (b, f->n, body);
}

static void
build_native_presets (GsCaseBuild *b, const Fields *f)
{
  /* bench/calibrate-presets.py: the loop in the main thread, or one call
   * of a preset in the main thread (N=1) or in each of N threads */
  const char *v = f->v;
  int n = f->n;
  double L = gs_record_num (f->work, "loop_iters");
  if (strcmp (v, "loop") == 0) {
    g_string_append_printf (b->text, "python %.0f iterations\n", isnan (L) ? 0.0 : L);
    return;
  }
  const GsPreset *pre = gs_preset_lookup (v);
  double size = gs_record_num (f->work, pre && pre->arg == GS_DIM_SIZE ? "bytes" : "elements");
  if (pre == NULL || isnan (size) || size < 0) {
    b->skip = pre ? g_strdup_printf ("the record of %s has no work size", v)
                  : g_strdup_printf ("no preset '%s'", v);
    return;
  }
  g_autofree char *call = g_strdup_printf ("native %s(%.0f%s)", v, size,
                                           pre->arg == GS_DIM_SIZE ? "B" : "");
  if (n <= 1 && g_strcmp0 (gs_record_str (f->rec, "kind"), "main") == 0) {
    g_string_append_printf (b->text, "%s\n", call);
  } else {
    g_autofree char *body = g_strdup_printf ("    %s", call);
    threads_of (b, MAX (n, 1), body);
  }
}

/* run_seed.py's seed_NAME: the seed scenario NAME.gil with its N */
static void
build_seed (GsCaseBuild *b, const Fields *f)
{
  const char *c = gs_record_str (f->rec, "case");
  /* a seed program's name: never a path out of the seed folder */
  const char *name = c + strlen ("seed_");
  int n = gs_record_count (f->rec, "N", MAX_WORKERS);
  if (*name == '\0' || strspn (name, "abcdefghijklmnopqrstuvwxyz0123456789_") != strlen (name) ||
      n < 1) {
    b->skip = g_strdup_printf ("no model for case '%s' with N = %g", c,
                               gs_record_num (f->rec, "N"));
    return;
  }
  b->seed_file = g_strdup_printf ("%s/%s.gil", b->seed_dir, name);
  b->seed_n = n;
}

static void
build_interpreter_start (GsCaseBuild *b, const Fields *f)
{
  g_string_truncate (b->text, 0);
  g_string_append_printf (b->text, "runtime %s\npython 0 iterations\n", f->runtime);
}

/* ---------------------------------------------------------------------- */
/* The table                                                               */

typedef void (*Builder) (GsCaseBuild *b, const Fields *f);

static const struct {
  const char *name;
  gboolean prefix;        /* NAME is the start of the case's name */
  Builder build;
} cases[] = {
  { "calib_cpu", FALSE, build_calib_cpu },
  { "io_threads", FALSE, build_io_threads },
  { "cpu_threads", FALSE, build_cpu_threads },
  { "cpu_threads_switch", FALSE, build_cpu_threads },
  { "cpu_processes", FALSE, build_cpu_processes },
  { "mixed_convoy", FALSE, build_mixed_convoy },
  { "hashlib_threads", FALSE, build_hashlib_threads },
  { "numpy_threads", FALSE, build_numpy_threads },
  { "file_io_threads", FALSE, build_file_io_threads },
  { "native_presets", FALSE, build_native_presets },
  { "seed_", TRUE, build_seed },
  { "interpreter_start", FALSE, build_interpreter_start },
};

gboolean
gs_cases_build (GsCaseBuild *b, JsonObject *rec, const char *runtime)
{
  const char *c = gs_record_str (rec, "case");
  const char *v = gs_record_str (rec, "variant");
  if (c == NULL)
    return FALSE;
  Fields f = { rec, gs_record_obj (rec, "work"), v ? v : "",
               gs_record_count (rec, "n_workers", MAX_WORKERS), runtime };
  if (!isnan (gs_record_num (rec, "n_workers")) && f.n < 0) {
    b->skip = g_strdup_printf ("n_workers is %g, not a number of workers",
                               gs_record_num (rec, "n_workers"));
    return TRUE;
  }
  header (b, runtime, gs_record_num (rec, "switchinterval"));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    if (cases[i].prefix ? g_str_has_prefix (c, cases[i].name)
                        : strcmp (c, cases[i].name) == 0) {
      cases[i].build (b, &f);
      return TRUE;
    }
  b->skip = g_strdup_printf ("no model for case '%s'", c);
  return TRUE;
}
