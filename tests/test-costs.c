/* test-costs.c: the cost registry (models/costs.c) is consistent, and the
 * documentation's property tables say what it says: docs/language.md holds
 * gs_costs_markdown()'s table as it is, and README.md's table lists every
 * property with the registry's default and nothing else. */
#include <string.h>

#include "costs.h"

/* ---------------------------------------------------------------------- */
/* Helpers                                                                 */

/* The text of FILE at the source root. */
static char *
read_doc (const char *file)
{
  const char *root = g_getenv ("GILSIM_SOURCE_ROOT");
  g_assert_nonnull (root);
  g_autofree char *path = g_build_filename (root, file, NULL);
  g_autoptr (GError) error = NULL;
  char *text = NULL;
  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

/* The entry whose documentation name is NAME ("cost.NAME"), or NULL. */
static const GsCostsProp *
by_name (const char *name)
{
  const GsCostsProp *p;
  for (guint i = 0; (p = gs_costs_nth (i)); i++)
    if (strcmp (p->name, name) == 0)
      return p;
  return NULL;
}

/* The cells of the Markdown table row LINE ("| a | b |"), trimmed. */
static GStrv
row_cells (const char *line)
{
  g_autofree char *inner = g_strdup (line + 1);
  char *end = strrchr (inner, '|');
  if (end)
    *end = '\0';
  GStrv cells = g_strsplit (inner, "|", -1);
  for (guint i = 0; cells[i]; i++)
    g_strstrip (cells[i]);
  return cells;
}

/* The `quoted` names of CELL ("`a`, `b`"). */
static GPtrArray *
cell_names (const char *cell)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  for (const char *p = strchr (cell, '`'); p; p = strchr (p, '`')) {
    const char *q = strchr (p + 1, '`');
    if (!q)
      break;
    g_ptr_array_add (names, g_strndup (p + 1, (gsize) (q - p - 1)));
    p = q + 1;
  }
  return names;
}

/* Checks every table of TEXT (the file FILE) whose first column is
 * "property": each name it lists is in the registry and, where the table
 * has a "default" column, with the registry's default.  Returns the set
 * of names listed (owned by the caller). */
static GHashTable *
check_tables (const char *file, const char *text)
{
  GHashTable *seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            NULL);
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i]; i++) {
    if (!g_str_has_prefix (lines[i], "| property |"))
      continue;
    g_auto (GStrv) head = row_cells (lines[i]);
    int def_col = -1;
    for (int k = 0; head[k]; k++)
      if (strcmp (head[k], "default") == 0)
        def_col = k;
    for (i += 2; lines[i] && lines[i][0] == '|'; i++) {
      g_auto (GStrv) cells = row_cells (lines[i]);
      g_autoptr (GPtrArray) names = cell_names (cells[0]);
      g_assert_cmpuint (names->len, >, 0);
      for (guint n = 0; n < names->len; n++) {
        const char *name = names->pdata[n];
        const GsCostsProp *p = by_name (name);
        if (p == NULL)
          g_test_message ("%s:%u: '%s' is not a property of the registry "
                          "(models/costs.c)", file, i + 1, name);
        g_assert_nonnull (p);
        g_hash_table_add (seen, g_strdup (name));
        if (def_col < 0)
          continue;
        g_assert_cmpuint (g_strv_length (cells), >, (guint) def_col);
        g_autofree char *want = gs_costs_default_text (p);
        if (strcmp (cells[def_col], want) != 0)
          g_test_message ("%s:%u: the default of '%s' is '%s' in the code, "
                          "not '%s'", file, i + 1, name, want, cells[def_col]);
        g_assert_cmpstr (cells[def_col], ==, want);
      }
    }
    if (!lines[i])
      break;
  }
  return seen;
}

/* Checks that SEEN holds every name of the registry. */
static void
assert_all_listed (const char *file, GHashTable *seen)
{
  const GsCostsProp *p;
  for (guint i = 0; (p = gs_costs_nth (i)); i++) {
    if (!g_hash_table_contains (seen, p->name))
      g_test_message ("%s lists no property '%s' in a table", file, p->name);
    g_assert_true (g_hash_table_contains (seen, p->name));
  }
}

/* ---------------------------------------------------------------------- */
/* The registry                                                            */

static void
test_table (void)
{
  const GsCostsProp *p;
  guint n = 0;
  for (guint i = 0; (p = gs_costs_nth (i)); i++, n++) {
    g_autofree char *member = g_strconcat (p->id, "x", NULL);
    g_assert_true (gs_costs_lookup (p->any_suffix ? member : p->id) == p);
    g_assert_true (gs_costs_reserved (p->id));
    g_assert_nonnull (p->range);
    g_assert_nonnull (p->read_by);
    g_assert_nonnull (p->description);
    g_assert_null (strchr (p->description, '|'));
    g_assert_null (strchr (p->read_by, '|'));
    /* the example is a value the checker accepts */
    if (p->dim != GS_DIM_STRING) {
      double v = -1;
      g_assert_true (gs_units_parse (p->example, p->dim, FALSE, &v, NULL));
      g_assert_cmpfloat (v, >=, p->min);
      g_assert_cmpfloat (v, <=, p->max);
      if (p->min_open)
        g_assert_cmpfloat (v, >, p->min);
    }
    /* so is the default */
    if (p->absent == GS_COSTS_DEFAULT && p->dim != GS_DIM_STRING) {
      g_assert_cmpfloat (p->default_value, >=, p->min);
      g_assert_cmpfloat (p->default_value, <=, p->max);
    }
    if (p->absent == GS_COSTS_DEFAULT && p->dim == GS_DIM_STRING)
      g_assert_nonnull (p->default_text);
    /* a property that follows another comes after it */
    if (p->absent == GS_COSTS_SAME_AS) {
      const GsCostsProp *q = gs_costs_lookup (p->same_as);
      g_assert_nonnull (q);
      g_assert_false (q->any_suffix);
      g_assert_true (q < p);
    }
    /* the members of a family (process.METHOD.parent) agree */
    for (guint k = 0; k < i; k++) {
      const GsCostsProp *q = gs_costs_nth (k);
      g_assert_cmpstr (q->id, !=, p->id);
      if (strcmp (q->name, p->name) != 0)
        continue;
      g_assert_cmpint (q->dim, ==, p->dim);
      g_assert_cmpstr (q->range, ==, p->range);
      g_autofree char *qd = gs_costs_default_text (q);
      g_autofree char *pd = gs_costs_default_text (p);
      g_assert_cmpstr (qd, ==, pd);
      g_assert_cmpstr (q->read_by, ==, p->read_by);
      g_assert_cmpstr (q->description, ==, p->description);
    }
  }
  g_assert_cmpuint (n, ==, 60);
  g_assert_null (gs_costs_lookup ("cost."));
  g_assert_null (gs_costs_lookup ("python.startup."));
  g_assert_cmpstr (gs_costs_lookup ("python.startup.3.11")->name, ==, "python.startup.VERSION");
  g_assert_cmpstr (gs_costs_lookup ("python.startup")->name, ==, "python.startup");
  g_assert_null (gs_costs_lookup ("python.lop"));
  g_assert_null (gs_costs_lookup ("wattage_per_state"));
}

/* The namespaces gilsim owns, and the "known:" lists of its messages. */
static void
test_namespaces (void)
{
  static const char *const owned[] = {
    "python.", "thread.", "process.", "gil.", "sleep.", "cost.", "import.",
    "disk.", "memory.", "cpu.", "pickle.", "pipe.", "pool.", "gc.",
  };
  for (gsize i = 0; i < G_N_ELEMENTS (owned); i++) {
    g_autofree char *id = g_strconcat (owned[i], "x", NULL);
    g_assert_true (gs_costs_reserved (id));
  }
  g_assert_false (gs_costs_reserved ("wattage_per_state"));
  g_assert_false (gs_costs_reserved ("disks.x"));
  g_assert_false (gs_costs_reserved ("python"));
  g_autofree char *python = gs_costs_known ("python.lop");
  g_assert_cmpstr (python, ==, "python.loop, python.loop_compact, python.startup, python.startup.VERSION, "
                   "python.version, python.os, python.object_lock");
  g_autofree char *cost = gs_costs_known ("cost.");
  g_assert_cmpstr (cost, ==, "cost.NAME");
  g_autofree char *all = gs_costs_known ("wattage");
  g_assert_true (g_str_has_prefix (all, "python.loop, python.loop_compact, python.startup, "));
  g_assert_true (g_str_has_suffix (all, ", cost.NAME, import.NAME"));
}

/* Defaults, as sim/engine/engine.c had them (test-platform.c compares
 * every one with the engine's reads). */
static void
test_defaults (void)
{
  GsCosts c;
  gs_costs_defaults (&c);
  g_assert_cmpfloat (c.python_loop, ==, 45e-9);
  g_assert_false (c.has_python_loop);
  g_assert_cmpfloat (c.python_loop_compact, ==, 1);
  g_assert_cmpfloat (c.gil_handoff_latency, ==, 50e-6);
  g_assert_cmpfloat (c.gil_fifo_bias, ==, 0.55);
  g_assert_cmpfloat (c.gil_old_rewin, ==, 0.993);
  g_assert_cmpfloat (c.pickle_per_byte, ==, 1e-9);
  g_assert_cmpfloat (c.pipe_bandwidth, ==, 1e9);
  g_assert_cmpfloat (c.pool_chunk_overhead, ==, 35e-6);
  g_assert_cmpfloat (c.cpu_smt, ==, 1);
  g_assert_cmpfloat (c.cpu_smt_throughput, ==, 1);
  g_assert_cmpfloat (c.cpu_slow_factor, ==, 1);
  g_assert_cmpfloat (c.memory_bandwidth, ==, 1e15);
  g_assert_cmpfloat (c.disk_cache_write, ==, 0);
  g_assert_cmpfloat (c.disk_cache_read, ==, 0);
  g_assert_cmpfloat (c.os_halt_wake, ==, 0);
  g_assert_false (c.has_memory_bandwidth);
  g_assert_false (c.fork.has_parent);
  g_assert_cmpfloat (c.forkserver.exit, ==, 0);
  g_assert_null (c.python_version);
  g_assert_cmpstr (c.python_os, ==, "linux");
  g_assert_true (gs_costs_start (&c, "spawn") == &c.spawn);
  g_assert_cmpfloat (GS_COSTS_SWITCH_INTERVAL, ==, 0.005);
}

static void
test_default_text (void)
{
  static const struct { const char *id, *text; } cases[] = {
    { "python.loop", "required; 45ns for the old GIL's check interval" },
    { "python.loop_compact", "1" },
    { "python.startup", "0s" },
    { "python.version", "none" },
    { "python.os", "linux" },
    { "process.spawn.child", "required" },
    { "cpu.smt_throughput", "`cpu.smt`'s value" },
    { "gil.handoff_latency", "50us" },
    { "gil.old_rewin", "0.993" },
    { "pipe.bandwidth", "1GBps" },
    { "memory.bandwidth", "none; unlimited when `memory.alloc_bandwidth` is "
      "set" },
    { "cost.numpy.sum", "required" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autofree char *t = gs_costs_default_text (gs_costs_lookup (cases[i].id));
    g_assert_cmpstr (t, ==, cases[i].text);
  }
}

/* ---------------------------------------------------------------------- */
/* The documentation                                                       */

static void
test_docs_language (void)
{
  g_autofree char *text = read_doc ("docs/language.md");
  g_autofree char *table = gs_costs_markdown ();
  if (strstr (text, table) == NULL)
    g_test_message ("docs/language.md, Host properties, should hold the "
                    "registry's table as it is:\n%s", table);
  g_assert_nonnull (strstr (text, table));
  g_autoptr (GHashTable) seen = check_tables ("docs/language.md", text);
  assert_all_listed ("docs/language.md", seen);
}

static void
test_docs_readme (void)
{
  g_autofree char *text = read_doc ("README.md");
  g_autoptr (GHashTable) seen = check_tables ("README.md", text);
  assert_all_listed ("README.md", seen);
  /* the Machines table has a default column */
  g_assert_nonnull (strstr (text, "| property | default | meaning |"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_summary ("Every host property has one entry in the cost registry, "
                  "and the documentation's tables agree with it.");

  g_test_add_func ("/costs/table", test_table);
  g_test_add_func ("/costs/namespaces", test_namespaces);
  g_test_add_func ("/costs/defaults", test_defaults);
  g_test_add_func ("/costs/default-text", test_default_text);
  g_test_add_func ("/costs/docs/language", test_docs_language);
  g_test_add_func ("/costs/docs/readme", test_docs_readme);

  return g_test_run ();
}
