/* test-docs.c: the outputs shown in the documentation are what gilsim
 * prints.  Every fenced block of README.md and docs/language.md whose first
 * line is "$ gilsim ..." (or "$ ./build/sim/gilsim ...") is run from the
 * source root; each line the block shows after the command must appear in
 * the output, in the same order (a block may leave lines out, and may say
 * so with a line "..."). */
#include "run-gilsim.h"
#include "scratch.h"

typedef struct {
  char *where;       /* FILE:LINE of the command */
  char **argv;       /* the command's arguments, without the program */
  GPtrArray *shown;  /* char*: the lines the block shows */
} Example;

static void
example_free (gpointer data)
{
  Example *e = data;
  g_free (e->where);
  g_strfreev (e->argv);
  g_ptr_array_unref (e->shown);
  g_free (e);
}

/* Runs the arguments ARGS (NULL-terminated, 1 to 12 of them). */
static GilsimRun
run_args (char **args)
{
  const char *a[13] = { NULL };
  for (guint i = 0; i < 12 && args[i]; i++)
    a[i] = args[i];
  return gilsim_run (a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9],
                     a[10], a[11], NULL);
}

static void
check (gconstpointer data)
{
  const Example *e = data;
  GilsimRun r = run_args (e->argv);
  if (r.status != 0)
    g_test_message ("the example at %s", e->where);
  gilsim_expect_ok (&r);
  g_auto (GStrv) lines = g_strsplit (r.out, "\n", -1);
  guint at = 0;
  for (guint i = 0; i < e->shown->len; i++) {
    const char *want = e->shown->pdata[i];
    while (lines[at] && strcmp (g_strchomp (lines[at]), want) != 0)
      at++;
    if (lines[at] == NULL)
      g_test_message ("%s: the output has no line \"%s\" (in this order); it "
                      "is:\n%s", e->where, want, r.out);
    g_assert_nonnull (lines[at]);
    at++;
  }
  gilsim_run_clear (&r);
}

/* The examples of the file PATH (relative to the source root). */
static void
collect (GPtrArray *out, const char *path)
{
  g_autofree char *file = g_build_filename (g_getenv ("GILSIM_SOURCE_ROOT"), path, NULL);
  g_autofree char *text = read_file (file);
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i]; i++) {
    if (!g_str_has_prefix (lines[i], "```") || lines[i + 1] == NULL)
      continue;
    /* a fence with a language ("```sh") opens a block that is no example */
    const char *cmd = strcmp (lines[i], "```") == 0 ? lines[i + 1] : "";
    const char *rest = NULL;
    if (g_str_has_prefix (cmd, "$ gilsim "))
      rest = cmd + strlen ("$ gilsim ");
    else if (g_str_has_prefix (cmd, "$ ./build/sim/gilsim "))
      rest = cmd + strlen ("$ ./build/sim/gilsim ");
    if (rest == NULL) {
      /* skip the block */
      for (i++; lines[i] && strcmp (lines[i], "```") != 0; i++)
        ;
      if (lines[i] == NULL)
        break;
      continue;
    }
    Example *e = g_new0 (Example, 1);
    e->where = g_strdup_printf ("%s:%u", path, i + 2);
    GError *error = NULL;
    g_assert_true (g_shell_parse_argv (rest, NULL, &e->argv, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (g_strv_length (e->argv), <=, 12);
    e->shown = g_ptr_array_new_with_free_func (g_free);
    for (i += 2; lines[i] && strcmp (lines[i], "```") != 0; i++) {
      g_autofree char *l = g_strchomp (g_strdup (lines[i]));
      if (*l && strcmp (l, "...") != 0)  /* "..." marks lines left out */
        g_ptr_array_add (e->shown, g_steal_pointer (&l));
    }
    g_ptr_array_add (out, e);
    if (lines[i] == NULL)
      break;
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_autoptr (GPtrArray) examples = g_ptr_array_new_with_free_func (example_free);
  collect (examples, "README.md");
  collect (examples, "docs/language.md");
  /* the documentation has examples to check */
  g_assert_cmpuint (examples->len, >=, 8);
  for (guint i = 0; i < examples->len; i++) {
    Example *e = examples->pdata[i];
    g_autofree char *name = g_strdup_printf ("/docs/%s", e->where);
    g_test_add_data_func (name, e, check);
  }
  return g_test_run ();
}
