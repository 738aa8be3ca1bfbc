/* trace.c: what every thread of a simulation did, as Chrome trace events
 * and a merged timeline (trace.h). */
#include "engine/trace.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "engine/timeline.h"
#include "util/savefile.h"

static const struct {
  const char *key, *label;
  GsTraceCat cat;
} states[GS_TRACE_N_STATES] = {
  [GS_TRACE_PYTHON] = { "python", "running Python", GS_TRACE_CAT_CPU },
  [GS_TRACE_NATIVE_GIL] = { "native_gil", "native code with the GIL", GS_TRACE_CAT_CPU },
  [GS_TRACE_NATIVE] = { "native", "native code without the GIL", GS_TRACE_CAT_CPU },
  [GS_TRACE_GIL_WAIT] = { "gil_wait", "waiting for the GIL", GS_TRACE_CAT_GIL_WAIT },
  [GS_TRACE_SWITCH] = { "switch", "waiting for a GIL switch", GS_TRACE_CAT_GIL_WAIT },
  [GS_TRACE_SLEEP] = { "sleep", "sleeping", GS_TRACE_CAT_BLOCKED },
  [GS_TRACE_WAIT] = { "wait", "waiting", GS_TRACE_CAT_BLOCKED },
  [GS_TRACE_IO] = { "io", "I/O", GS_TRACE_CAT_BLOCKED },
  [GS_TRACE_JOIN] = { "join", "joining", GS_TRACE_CAT_BLOCKED },
  [GS_TRACE_START] = { "start", "starting a thread", GS_TRACE_CAT_BLOCKED },
  [GS_TRACE_STARTUP] = { "startup", "starting up", GS_TRACE_CAT_CPU },
  [GS_TRACE_EXIT] = { "exit", "exiting", GS_TRACE_CAT_CPU },
};

static const char *const cat_keys[GS_TRACE_N_CATS] = {
  [GS_TRACE_CAT_CPU] = "cpu", [GS_TRACE_CAT_GIL_WAIT] = "gil_wait",
  [GS_TRACE_CAT_BLOCKED] = "blocked",
};

static const char *state_keys[GS_TRACE_N_STATES];

const char *
gs_trace_state_label (GsTraceState s)
{
  return states[s].label;
}

const char *
gs_trace_state_key (GsTraceState s)
{
  return states[s].key;
}

GsTraceCat
gs_trace_state_cat (GsTraceState s)
{
  return states[s].cat;
}

const char *
gs_trace_cat_key (GsTraceCat c)
{
  return cat_keys[c];
}

/* A thread's track. */
typedef struct {
  int tid;
  guint row;            /* its timeline row */
  GsTraceState state;   /* of the open slice */
  const char *what, *name;
  GsLoc loc;            /* the open slice's statement */
  GsLoc stmt;           /* the statement running now */
  gint64 since;         /* picoseconds: the open slice's start */
  gboolean open;
  double weight;        /* CPU executions running now */
  gboolean in_switch;   /* in a GIL switch inside a blocking call */
  gint64 switch_since;
  GArray *inner;        /* gint64 pairs: such switches, written after the
                           slice they are in */
} Track;

/* A process's GIL track. */
typedef struct {
  int pid, tid;
  guint row;
  Thread *holder;
  gint64 since;
} PTrack;

struct GsTrace {
  Engine *eng;
  FILE *out;            /* the Chrome trace, or NULL */
  char *chrome_path;
  char *timeline_path;
  GsTimeline *tl;       /* or NULL */
  GHashTable *tracks;   /* Thread* -> Track* */
  GHashTable *ptracks;  /* Proc* -> PTrack* */
  int next_tid;
  gboolean first;       /* no event written yet */
  double running, waiting;   /* the counters now */
  double c_running, c_waiting; /* as last written */
  gint64 c_time;        /* when the counters last changed; -1: never */
  gboolean c_dirty;
};

/* Simulated seconds as whole picoseconds: every time printed goes through
 * this, so a slice's duration is the difference of its printed ends and
 * the slices of a track add up without drift. */
static gint64
ps_of (double s)
{
  double v = s * 1e12;
  if (v > 9e18)
    v = 9e18;
  return (gint64) llround (v);
}

static gint64
now_ps (void)
{
  return ps_of (gs_engine_now ());
}

/* Microseconds from picoseconds, exactly: "123.000456". */
static void
put_us (FILE *f, gint64 ps)
{
  fprintf (f, "%" G_GINT64_FORMAT ".%06d", ps / 1000000, (int) (ps % 1000000));
}

static void
put_str (FILE *f, const char *s)
{
  fputc ('"', f);
  for (const char *c = s ? s : ""; *c; c++) {
    if (*c == '"' || *c == '\\')
      fprintf (f, "\\%c", *c);
    else if ((guchar) *c < 0x20)
      fprintf (f, "\\u%04x", (guchar) *c);
    else
      fputc (*c, f);
  }
  fputc ('"', f);
}

/* Starts an event: the comma between events, then "{". */
static void
begin_event (GsTrace *tr)
{
  fputs (tr->first ? "\n{" : ",\n{", tr->out);
  tr->first = FALSE;
}

static void
put_meta (GsTrace *tr, const char *what, int pid, int tid, const char *key,
          const char *sval, int ival)
{
  begin_event (tr);
  fprintf (tr->out, "\"name\":\"%s\",\"ph\":\"M\",\"pid\":%d,\"tid\":%d,\"args\":{\"%s\":",
           what, pid, tid, key);
  if (sval)
    put_str (tr->out, sval);
  else
    fprintf (tr->out, "%d", ival);
  fputs ("}}", tr->out);
}

static PTrack *
ptrack_of (GsTrace *tr, Proc *p)
{
  PTrack *pt = g_hash_table_lookup (tr->ptracks, p);
  if (pt)
    return pt;
  pt = g_new0 (PTrack, 1);
  pt->pid = (int) g_hash_table_size (tr->ptracks) + 1;
  pt->tid = tr->next_tid++;
  g_hash_table_insert (tr->ptracks, p, pt);
  if (tr->tl)
    pt->row = gs_timeline_row (tr->tl, "gil", p->name, "GIL", gs_engine_now ());
  if (tr->out) {
    put_meta (tr, "process_name", pt->pid, 0, "name", p->name, 0);
    put_meta (tr, "process_sort_index", pt->pid, 0, "sort_index", NULL, pt->pid);
    put_meta (tr, "thread_name", pt->pid, pt->tid, "name", "GIL", 0);
    put_meta (tr, "thread_sort_index", pt->pid, pt->tid, "sort_index", NULL, 0);
  }
  return pt;
}

static Track *
track_of (GsTrace *tr, Thread *t)
{
  Track *tk = g_hash_table_lookup (tr->tracks, t);
  if (tk)
    return tk;
  PTrack *pt = ptrack_of (tr, t->proc);
  tk = g_new0 (Track, 1);
  tk->tid = tr->next_tid++;
  tk->stmt = (GsLoc) { 1, 1 };
  tk->inner = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_hash_table_insert (tr->tracks, t, tk);
  if (tr->tl)
    tk->row = gs_timeline_row (tr->tl, "thread", t->proc->name, t->name,
                               gs_engine_now ());
  if (tr->out) {
    put_meta (tr, "thread_name", pt->pid, tk->tid, "name", t->name, 0);
    put_meta (tr, "thread_sort_index", pt->pid, tk->tid, "sort_index", NULL,
              tk->tid);
  }
  return tk;
}

/* The slice's words: "lock numpy.random", "join Thread-1", or the state's. */
static char *
slice_name (GsTraceState s, const char *what, const char *name)
{
  if (what == NULL)
    return g_strdup (states[s].label);
  if (s == GS_TRACE_GIL_WAIT || s == GS_TRACE_SWITCH || s == GS_TRACE_SLEEP)
    return g_strdup (states[s].label);
  return name ? g_strdup_printf ("%s %s", what, name) : g_strdup (what);
}

/* Writes the counters if they changed before now. */
static void
flush_counters (GsTrace *tr, gint64 now)
{
  if (!tr->c_dirty || tr->c_time >= now || tr->out == NULL)
    return;
  tr->c_dirty = FALSE;
  if (tr->running == tr->c_running && tr->waiting == tr->c_waiting)
    return;
  double cores = tr->eng->cfg->host->cores;
  tr->c_running = tr->running;
  tr->c_waiting = tr->waiting;
  begin_event (tr);
  fputs ("\"name\":\"busy cores\",\"ph\":\"C\",\"pid\":1,\"ts\":", tr->out);
  put_us (tr->out, tr->c_time);
  fprintf (tr->out, ",\"args\":{\"cores\":%.17g}}", MIN (tr->running, cores));
  begin_event (tr);
  fputs ("\"name\":\"runnable threads\",\"ph\":\"C\",\"pid\":1,\"ts\":", tr->out);
  put_us (tr->out, tr->c_time);
  fprintf (tr->out, ",\"args\":{\"running\":%.17g,\"waiting for the GIL\":%.17g}}",
           tr->running, tr->waiting);
}

static void
counters_changed (GsTrace *tr)
{
  gint64 now = now_ps ();
  flush_counters (tr, now);
  tr->c_time = now;
  tr->c_dirty = TRUE;
}

/* Writes one complete slice of thread track TK. */
static void
put_slice (GsTrace *tr, Thread *t, Track *tk, const char *name, GsTraceState state,
           gint64 from, gint64 to)
{
  PTrack *pt = ptrack_of (tr, t->proc);
  begin_event (tr);
  fputs ("\"name\":", tr->out);
  put_str (tr->out, name);
  fprintf (tr->out, ",\"cat\":\"%s\",\"ph\":\"X\",\"ts\":", cat_keys[states[state].cat]);
  put_us (tr->out, from);
  fputs (",\"dur\":", tr->out);
  put_us (tr->out, to - from);
  fprintf (tr->out, ",\"pid\":%d,\"tid\":%d,\"args\":{\"state\":\"%s\",\"at\":",
           pt->pid, tk->tid, states[state].key);
  g_autofree char *at = g_strdup_printf ("%s:%d", tr->eng->file, tk->loc.line);
  put_str (tr->out, at);
  fputs ("}}", tr->out);
}

/* Closes TK's open slice at NOW, then writes the GIL switches inside it. */
static void
close_slice (GsTrace *tr, Thread *t, Track *tk, gint64 now)
{
  if (!tk->open)
    return;
  tk->open = FALSE;
  if (tk->state == GS_TRACE_GIL_WAIT) {
    tr->waiting--;
    counters_changed (tr);
  }
  if (now <= tk->since) {
    g_array_set_size (tk->inner, 0);
    return;
  }
  g_autofree char *name = slice_name (tk->state, tk->what, tk->name);
  if (tr->out) {
    put_slice (tr, t, tk, name, tk->state, tk->since, now);
    for (guint k = 0; k + 1 < tk->inner->len; k += 2)
      put_slice (tr, t, tk, states[GS_TRACE_SWITCH].label, GS_TRACE_SWITCH,
                 g_array_index (tk->inner, gint64, k),
                 g_array_index (tk->inner, gint64, k + 1));
  }
  g_array_set_size (tk->inner, 0);
  if (tr->tl)
    gs_timeline_add (tr->tl, tk->row, tk->since / 1e12, now / 1e12, tk->state,
                     tk->loc.line, name);
}

/* T enters STATE (for WHAT NAME, at LOC, or the statement running now when
 * LOC has no line). */
static void
enter (GsTrace *tr, Thread *t, GsTraceState state, const char *what,
       const char *name, GsLoc loc)
{
  Track *tk = track_of (tr, t);
  if (loc.line <= 0)
    loc = tk->stmt;
  if (tk->open && tk->state == state && tk->what == what && tk->name == name &&
      tk->loc.line == loc.line)
    return;
  gint64 now = now_ps ();
  close_slice (tr, t, tk, now);
  tk->open = TRUE;
  tk->state = state;
  tk->what = what;
  tk->name = name;
  tk->loc = loc;
  tk->since = now;
  if (state == GS_TRACE_GIL_WAIT) {
    tr->waiting++;
    counters_changed (tr);
  }
}

/* The states that last until the thread asks for the GIL again: the
 * blocking calls and the start-up, whatever CPU work they do meanwhile. */
static gboolean
sticky (const Track *tk)
{
  return tk->open && (states[tk->state].cat == GS_TRACE_CAT_BLOCKED ||
                      tk->state == GS_TRACE_STARTUP || tk->state == GS_TRACE_EXIT);
}

static GsTraceState
classify (const char *what)
{
  if (what == NULL)
    return GS_TRACE_WAIT;
  if (strcmp (what, "the GIL") == 0)
    return GS_TRACE_GIL_WAIT;
  if (strcmp (what, "a GIL switch") == 0)
    return GS_TRACE_SWITCH;
  if (strcmp (what, "sleep") == 0)
    return GS_TRACE_SLEEP;
  if (strcmp (what, "join") == 0 || strcmp (what, "the pool worker") == 0)
    return GS_TRACE_JOIN;
  if (strcmp (what, "the start of") == 0)
    return GS_TRACE_START;
  if (g_str_has_prefix (what, "disk ") || strcmp (what, "fsync") == 0 ||
      strstr (what, "server") != NULL)
    return GS_TRACE_IO;
  return GS_TRACE_WAIT;
}

static const GsLoc no_loc = { 0, 0 };

static void
track_free (gpointer data)
{
  Track *tk = data;
  g_array_unref (tk->inner);
  g_free (tk);
}

GsTrace *
gs_trace_new (Engine *eng, const char *chrome_path, const char *timeline_path,
              GError **error)
{
  for (int k = 0; k < GS_TRACE_N_STATES; k++)
    state_keys[k] = states[k].key;
  GsTrace *tr = g_new0 (GsTrace, 1);
  tr->eng = eng;
  tr->first = TRUE;
  tr->next_tid = 1;
  tr->c_time = -1;
  tr->tracks = g_hash_table_new_full (NULL, NULL, NULL, track_free);
  tr->ptracks = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  if (timeline_path) {
    tr->timeline_path = g_strdup (timeline_path);
    tr->tl = gs_timeline_new (GS_TRACE_N_STATES, state_keys);
  }
  if (chrome_path) {
    tr->chrome_path = g_strdup (chrome_path);
    tr->out = gs_savefile_open (chrome_path, "w", error);
    if (tr->out == NULL) {
      g_prefix_error (error, "--trace %s: cannot write the trace: ", chrome_path);
      gs_trace_free (tr);
      return NULL;
    }
    setvbuf (tr->out, NULL, _IOFBF, 1 << 20);
    fputs ("{\"displayTimeUnit\":\"ms\",\"traceEvents\":[", tr->out);
  }
  return tr;
}

void
gs_trace_free (GsTrace *tr)
{
  if (tr == NULL)
    return;
  if (tr->out)
    fclose (tr->out);
  g_hash_table_unref (tr->tracks);
  g_hash_table_unref (tr->ptracks);
  gs_timeline_free (tr->tl);
  g_free (tr->chrome_path);
  g_free (tr->timeline_path);
  g_free (tr);
}

/* Closes the GIL tracks, writes the counters and the end of the Chrome
 * file, with WALL and ERROR (NULL when the run ended well). */
static void
put_end (GsTrace *tr, double wall, const char *error)
{
  Engine *eng = tr->eng;
  for (guint i = 0; i < eng->procs->len; i++) {
    Proc *p = eng->procs->pdata[i];
    if (g_hash_table_contains (tr->ptracks, p))
      gs_trace_holder (tr, p, NULL);
  }
  flush_counters (tr, G_MAXINT64);
  if (tr->out == NULL)
    return;
  fputs ("\n],\"otherData\":{\"generator\":\"gilsim\",\"scenario\":", tr->out);
  put_str (tr->out, eng->file);
  fputs (",\"wall_us\":", tr->out);
  put_us (tr->out, ps_of (wall));
  if (error) {
    fputs (",\"error\":", tr->out);
    put_str (tr->out, error);
  }
  fputs ("}}\n", tr->out);
}

void
gs_trace_fail (GsTrace *tr, const char *message)
{
  Engine *eng = tr->eng;
  gint64 now = now_ps ();
  for (guint i = 0; i < eng->threads->len; i++) {
    Thread *t = eng->threads->pdata[i];
    Track *tk = g_hash_table_lookup (tr->tracks, t);
    if (tk && !t->done)
      close_slice (tr, t, tk, now);
  }
  put_end (tr, gs_engine_now (), message);
  gs_trace_free (tr);
}

gboolean
gs_trace_finish (GsTrace *tr, GError **error)
{
  Engine *eng = tr->eng;
  double wall = 0;
  for (guint i = 0; i < eng->threads->len; i++)
    wall = MAX (wall, ((Thread *) eng->threads->pdata[i])->end);
  put_end (tr, wall, NULL);
  gboolean ok = TRUE;
  if (tr->out) {
    int e = 0;
    if (ferror (tr->out))
      e = errno ? errno : EIO;
    if (fclose (tr->out) != 0 && e == 0)
      e = errno;
    tr->out = NULL;
    if (e) {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (e),
                   "--trace %s: cannot write the trace: %s", tr->chrome_path,
                   g_strerror (e));
      ok = FALSE;
    }
  }
  if (ok && tr->tl && !gs_timeline_write (tr->tl, tr->timeline_path, wall, error))
    ok = FALSE;
  gs_trace_free (tr);
  return ok;
}

/* ---------------------------------------------------------------------- */
/* Hooks                                                                   */

void
gs_trace_thread_start (GsTrace *tr, Thread *t)
{
  enter (tr, t, GS_TRACE_STARTUP, NULL, NULL, no_loc);
}

void
gs_trace_thread_end (GsTrace *tr, Thread *t)
{
  Track *tk = track_of (tr, t);
  close_slice (tr, t, tk, ps_of (t->end));
  if (tr->tl)
    gs_timeline_row_end (tr->tl, tk->row, t->end);
}

void
gs_trace_statement (GsTrace *tr, Thread *t, GsLoc loc)
{
  track_of (tr, t)->stmt = loc;
}

void
gs_trace_block (GsTrace *tr, Thread *t, const char *what, const char *name, GsLoc loc)
{
  Track *tk = track_of (tr, t);
  if (tk->weight > 0) {
    tr->running -= tk->weight;
    tk->weight = 0;
    counters_changed (tr);
  }
  GsTraceState s = classify (what);
  if (s == GS_TRACE_SWITCH && sticky (tk)) {
    /* a switch inside a blocking call: the table counts it in both, as
     * blocked and as waiting for the GIL; a slice inside the call's */
    tk->in_switch = TRUE;
    tk->switch_since = now_ps ();
    return;
  }
  enter (tr, t, s, what, name, loc);
}

void
gs_trace_unblock (GsTrace *tr, Thread *t, const char *what)
{
  Track *tk = track_of (tr, t);
  if (tk->in_switch) {
    tk->in_switch = FALSE;
    gint64 now = now_ps ();
    if (now > tk->switch_since) {
      g_array_append_val (tk->inner, tk->switch_since);
      g_array_append_val (tk->inner, now);
    }
    return;
  }
  if (!tk->open)
    return;
  if (tk->state == GS_TRACE_GIL_WAIT)
    enter (tr, t, GS_TRACE_PYTHON, NULL, NULL, no_loc);
  else if (tk->state == GS_TRACE_SWITCH)
    enter (tr, t, t->holds_gil ? GS_TRACE_PYTHON : GS_TRACE_NATIVE, NULL, NULL, no_loc);
}

void
gs_trace_nogil (GsTrace *tr, Thread *t, const char *what, const char *name, GsLoc loc)
{
  enter (tr, t, classify (what), what, name, loc);
}

void
gs_trace_gil (GsTrace *tr, Thread *t, gboolean taken)
{
  Track *tk = track_of (tr, t);
  if (taken)
    enter (tr, t, GS_TRACE_PYTHON, NULL, NULL, no_loc);
  else if (!sticky (tk))
    enter (tr, t, GS_TRACE_NATIVE, NULL, NULL, no_loc);
}

void
gs_trace_cpu (GsTrace *tr, Thread *t, gboolean python, double weight, GsLoc loc)
{
  Track *tk = track_of (tr, t);
  if (tk->weight != weight) {
    tr->running += weight - tk->weight;
    tk->weight = weight;
    counters_changed (tr);
  }
  if (python)
    enter (tr, t, GS_TRACE_PYTHON, NULL, NULL, loc);
  else if (!sticky (tk))
    enter (tr, t, t->holds_gil ? GS_TRACE_NATIVE_GIL : GS_TRACE_NATIVE, NULL, NULL,
           loc);
}

void
gs_trace_cpu_end (GsTrace *tr, Thread *t)
{
  Track *tk = track_of (tr, t);
  if (tk->weight > 0) {
    tr->running -= tk->weight;
    tk->weight = 0;
    counters_changed (tr);
  }
}

void
gs_trace_exit (GsTrace *tr, Thread *t)
{
  enter (tr, t, GS_TRACE_EXIT, NULL, NULL, no_loc);
}

void
gs_trace_holder (GsTrace *tr, Proc *p, Thread *holder)
{
  PTrack *pt = ptrack_of (tr, p);
  if (pt->holder == holder)
    return;
  gint64 now = now_ps ();
  if (pt->holder && now > pt->since) {
    if (tr->out) {
      begin_event (tr);
      fputs ("\"name\":", tr->out);
      put_str (tr->out, pt->holder->name);
      fputs (",\"cat\":\"gil\",\"ph\":\"X\",\"ts\":", tr->out);
      put_us (tr->out, pt->since);
      fputs (",\"dur\":", tr->out);
      put_us (tr->out, now - pt->since);
      fprintf (tr->out, ",\"pid\":%d,\"tid\":%d,\"args\":{\"holder\":", pt->pid, pt->tid);
      put_str (tr->out, pt->holder->name);
      fputs ("}}", tr->out);
    }
    if (tr->tl)
      gs_timeline_add (tr->tl, pt->row, pt->since / 1e12, now / 1e12,
                       GS_TRACE_PYTHON, 0, pt->holder->name);
  }
  pt->holder = holder;
  pt->since = now;
  if (tr->tl)
    gs_timeline_row_end (tr->tl, pt->row, now / 1e12);
}

void
gs_trace_instant (GsTrace *tr, Proc *p, const char *what, Thread *t)
{
  PTrack *pt = ptrack_of (tr, p);
  if (tr->out == NULL)
    return;
  begin_event (tr);
  fputs ("\"name\":", tr->out);
  put_str (tr->out, what);
  fputs (",\"cat\":\"gil\",\"ph\":\"i\",\"s\":\"t\",\"ts\":", tr->out);
  put_us (tr->out, now_ps ());
  fprintf (tr->out, ",\"pid\":%d,\"tid\":%d,\"args\":{\"thread\":", pt->pid, pt->tid);
  put_str (tr->out, t ? t->name : "");
  fputs ("}}", tr->out);
}
