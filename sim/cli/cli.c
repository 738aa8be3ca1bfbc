/* cli.c: what gilsim's commands share: dying, options, SimGrid's arguments, the host. */
#include "cli/cli.h"
#include "util/text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gilsim-config.h"
#include "validate/validate.h"

void
cli_die (const char *msg)
{
  /* one line whatever the message quotes (a scenario's string, a name) */
  char *line = gs_text_one_line (msg);
  fprintf (stderr, "%s\n", line);
  g_free (line);
  exit (CLI_EXIT_USAGE);
}

void
cli_die_printf (const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  char *msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  char *line = gs_text_one_line (msg);
  g_free (msg);
  fprintf (stderr, "%s\n", line);
  g_free (line);
  exit (CLI_EXIT_USAGE);
}

/* ---------------------------------------------------------------------- */
/* options                                                                 */

/* The error of an option that belongs to other commands: its message is
 * the option as given ("--rows", "-o"). */
static GQuark
foreign_quark (void)
{
  return g_quark_from_static_string ("gilsim-foreign-option");
}

static gboolean
foreign_option (const char *option_name, const char *value, gpointer data, GError **error)
{
  g_set_error_literal (error, foreign_quark (), 0, option_name);
  return FALSE;
}

/* Whether ENTRIES has an option of long name LONG_NAME (or, when
 * SHORT_NAME is not 0, of short name SHORT_NAME). */
static gboolean
has_option (const GOptionEntry *entries, const char *long_name, char short_name)
{
  for (const GOptionEntry *e = entries; e && e->long_name; e++)
    if ((long_name && strcmp (e->long_name, long_name) == 0) ||
        (short_name && e->short_name == short_name))
      return TRUE;
  return FALSE;
}

/* Hidden entries for the options of COMMANDS that COMMAND does not take:
 * each fails with foreign_quark, so that the message can say whose it is.
 * A new array, terminated by G_OPTION_ENTRY_NULL. */
static GArray *
foreign_entries (const CliCommand *commands, gsize n, const CliCommand *command)
{
  GArray *out = g_array_new (TRUE, TRUE, sizeof (GOptionEntry));
  for (gsize i = 0; i < n; i++) {
    if (&commands[i] == command)
      continue;
    for (const GOptionEntry *e = commands[i].options; e->long_name; e++) {
      const GOptionEntry *so_far = (const GOptionEntry *) (void *) out->data;
      if (has_option (command->options, e->long_name, 0) ||
          has_option (so_far, e->long_name, 0))
        continue;
      GOptionEntry f = { e->long_name, 0, G_OPTION_FLAG_HIDDEN | G_OPTION_FLAG_OPTIONAL_ARG,
                         G_OPTION_ARG_CALLBACK, (gpointer) foreign_option, NULL, NULL };
      if (e->short_name && !has_option (command->options, NULL, e->short_name) &&
          !has_option (so_far, NULL, e->short_name))
        f.short_name = e->short_name;
      g_array_append_val (out, f);
    }
  }
  return out;
}

/* Dies with the message for OPTION ("--rows", "-o"), given to COMMAND but
 * an option of other commands only. */
static G_NORETURN void
die_foreign (const CliCommand *commands, gsize n, const CliCommand *command,
             const char *option)
{
  g_autoptr (GPtrArray) owners = g_ptr_array_new ();
  gboolean is_long = option[1] == '-';
  for (gsize i = 0; i < n; i++)
    if (has_option (commands[i].options, is_long ? option + 2 : NULL,
                    is_long ? 0 : option[1]))
      g_ptr_array_add (owners, (gpointer) commands[i].name);
  GString *whose = g_string_new ("gilsim ");
  for (guint i = 0; i < owners->len; i++)
    g_string_append_printf (whose, "%s%s", i == 0 ? "" : i + 1 < owners->len ? ", " : " and ",
                            (const char *) owners->pdata[i]);
  if (command->name == NULL)
    cli_die_printf ("gilsim: %s is an option of %s: give it after the command (see "
                    "gilsim %s --help)", option, whose->str,
                    (const char *) owners->pdata[0]);
  cli_die_printf ("gilsim %s: %s is an option of %s, not of %s (see gilsim %s --help)",
                  command->name, option, whose->str, command->name, command->name);
}

void
cli_parse (const CliCommand *commands, gsize n_commands, const CliCommand *command,
           int *argc, char ***argv)
{
  g_autofree char *name = command->name ? g_strconcat ("gilsim ", command->name, NULL)
                                        : g_strdup ("gilsim");
  g_autoptr (GOptionContext) ctx = g_option_context_new (command->args);
  GOptionGroup *group = g_option_group_new ("gilsim", "gilsim", "gilsim options", NULL, NULL);
  g_option_group_add_entries (group, command->options);
  g_autoptr (GArray) foreign = foreign_entries (commands, n_commands, command);
  g_option_group_add_entries (group, (const GOptionEntry *) (void *) foreign->data);
  g_option_context_set_main_group (ctx, group);
  if (command->summary)
    g_option_context_set_summary (ctx, command->summary);
  g_option_context_set_description (ctx, command->help);
  /* the program's options end where the command begins */
  g_option_context_set_strict_posix (ctx, command->name == NULL);

  /* --help's usage line names the command */
  g_autofree char *prgname = g_strdup (g_get_prgname ());
  g_set_prgname (name);
  GError *error = NULL;
  gboolean ok = g_option_context_parse (ctx, argc, argv, &error);
  g_set_prgname (prgname);
  if (ok)
    return;
  if (error->domain == foreign_quark ())
    die_foreign (commands, n_commands, command, error->message);
  cli_die_printf ("%s: %s (see %s --help)", name, error->message, name);
}

/* ---------------------------------------------------------------------- */
/* SimGrid's arguments                                                     */

/* The SimGrid settings gilsim passes on, and the values each takes; other
 * settings change what gilsim relies on (its contexts) or can make SimGrid
 * hang (the ns-3 model, a negative precision). */
static const struct {
  const char *key;
  const char *values;   /* "a|b|c", or "number>=0", "number>0", "boolean", "any" */
} cfg_allowed[] = {
  { "network/model", "CM02|LV08|IB|SMPI" },
  { "network/optim", "Lazy|Full" },
  { "cpu/optim", "Lazy|Full" },
  { "network/crosstraffic", "boolean" },
  { "network/maxmin-selective-update", "boolean" },
  { "cpu/maxmin-selective-update", "boolean" },
  { "network/TCP-gamma", "number>=0" },
  { "network/latency-factor", "number>=0" },
  { "network/bandwidth-factor", "number>=0" },
  { "network/weight-S", "number>=0" },
  { "network/loopback-bw", "number>0" },
  { "network/loopback-lat", "number>=0" },
  { "maxmin/precision", "number>0" },
  { "surf/precision", "number>0" },
  { "tracing", "any" },
};

/* Exits with a one-line message unless ARG, "--cfg=KEY:VALUE", is a
 * setting of cfg_allowed with a value it takes. */
static void
check_cfg (const char *arg)
{
  const char *kv = arg + strlen ("--cfg=");
  const char *colon = strchr (kv, ':');
  g_autofree char *key = colon ? g_strndup (kv, (gsize) (colon - kv)) : g_strdup (kv);
  const char *value = colon ? colon + 1 : NULL;
  const char *values = NULL;
  for (gsize i = 0; i < G_N_ELEMENTS (cfg_allowed) && !values; i++)
    if (strcmp (key, cfg_allowed[i].key) == 0 ||
        (strcmp (cfg_allowed[i].values, "any") == 0 &&
         g_str_has_prefix (key, cfg_allowed[i].key)))
      values = cfg_allowed[i].values;
  if (values == NULL) {
    GString *known = g_string_new (NULL);
    for (gsize i = 0; i < G_N_ELEMENTS (cfg_allowed); i++)
      g_string_append_printf (known, "%s%s%s", i ? ", " : "", cfg_allowed[i].key,
                              strcmp (cfg_allowed[i].values, "any") == 0 ? "/..." : "");
    cli_die_printf ("%s: gilsim passes on only these SimGrid settings: %s", arg, known->str);
  }
  if (value == NULL || *value == '\0')
    cli_die_printf ("%s: write --cfg=%s:VALUE", arg, key);
  gboolean ok = TRUE;
  if (strcmp (values, "boolean") == 0) {
    ok = FALSE;
    const char *words[] = { "yes", "no", "on", "off", "true", "false", "1", "0" };
    for (gsize i = 0; i < G_N_ELEMENTS (words); i++)
      ok |= g_ascii_strcasecmp (value, words[i]) == 0;
  } else if (g_str_has_prefix (values, "number")) {
    char *end = NULL;
    double x = g_ascii_strtod (value, &end);
    ok = end && *end == '\0' && isfinite (x) &&
         (strcmp (values, "number>0") == 0 ? x > 0 : x >= 0);
  } else if (strcmp (values, "any") != 0) {
    g_auto (GStrv) choices = g_strsplit (values, "|", -1);
    ok = g_strv_contains ((const char *const *) choices, value);
  }
  if (!ok) {
    g_autofree char *shown = g_strdelimit (g_strdup (values), "|", '/');
    cli_die_printf ("%s: %s takes %s", arg, key,
                    strcmp (values, "number>0") == 0 ? "a number above 0"
                    : strcmp (values, "number>=0") == 0 ? "a number of 0 or more"
                    : strcmp (values, "boolean") == 0 ? "yes or no"
                    : shown);
  }
}

GPtrArray *
cli_simgrid_args (int *argc, char **argv)
{
  GPtrArray *simgrid_args = g_ptr_array_new_with_free_func (g_free);
  int kept = 1;
  for (int i = 1; i < *argc; i++) {
    if (g_str_has_prefix (argv[i], "--cfg="))
      check_cfg (argv[i]);
    if (g_str_has_prefix (argv[i], "--cfg=") || g_str_has_prefix (argv[i], "--log="))
      g_ptr_array_add (simgrid_args, g_strdup (argv[i]));
    else
      argv[kept++] = argv[i];
  }
  *argc = kept;
  argv[kept] = NULL;
  return simgrid_args;
}

/* ---------------------------------------------------------------------- */
/* the machine                                                             */

void
cli_machine_clear (CliMachine *m)
{
  g_clear_pointer (&m->platform, g_free);
  g_clear_pointer (&m->host, g_free);
  g_clear_pointer (&m->runtime, g_free);
  g_clear_pointer (&m->switch_interval, g_free);
}

const GsHost *
cli_choose_host (const char *name, const GsPlatform *platform)
{
  const GsHost *host = name ? gs_platform_host (platform, name)
                            : gs_platform_first_host (platform);
  if (host == NULL) {
    g_autofree char *names = gs_platform_host_ids (platform);
    cli_die_printf ("%s:1:1: no host '%s' in this platform; its hosts: %s",
                    platform->path, name, names);
  }
  return host;
}

void
cli_predicted_load (CliPredicted *p, const CliMachine *m, const char *path,
                    const char *platform, const char *no_platform, gboolean recalibrate)
{
  GError *error = NULL;
  if (platform == NULL)
    cli_die (no_platform);
  p->platform = gs_platform_load (platform, &error);
  if (p->platform == NULL)
    cli_die (error->message);
  p->host = cli_choose_host (m->host, p->platform);
  const char *seed_dir = "scenarios/seed";
  if (!g_file_test (seed_dir, G_FILE_TEST_IS_DIR))
    seed_dir = GILSIM_SOURCE_DIR "/scenarios/seed";
  p->rows = gs_validate (path, p->platform, p->host, seed_dir, recalibrate, p->samples,
                         &p->fits, &error);
  if (p->rows == NULL)
    cli_die (error->message);
}

void
cli_predicted_clear (CliPredicted *p)
{
  g_clear_pointer (&p->rows, g_ptr_array_unref);
  g_clear_pointer (&p->fits, g_ptr_array_unref);
  g_clear_pointer (&p->platform, gs_platform_free);
}
