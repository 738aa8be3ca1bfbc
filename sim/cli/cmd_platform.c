/* cmd_platform.c: gilsim platform, the properties a platform's hosts give
 * gilsim, and the registry of every property it reads. */
#include <stdio.h>
#include <string.h>

#include "costs.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "platform/platform.h"

static struct {
  gboolean properties;
  char *host;
} opt;

const GOptionEntry cmd_platform_options[] = {
  { "properties", 0, 0, G_OPTION_ARG_NONE, &opt.properties,
    "print every host property gilsim reads: its unit, range, default and "
    "what reads it (a Markdown table)", NULL },
  { "host", 0, 0, G_OPTION_ARG_STRING, &opt.host,
    "show this host only (default: every host of the file)", "NAME" },
  G_OPTION_ENTRY_NULL
};

const char cmd_platform_help[] =
  "Checks the platform FILE as gilsim run would, and shows, for each host,\n"
  "every property gilsim reads: the value the file gives, or what a host\n"
  "without it gets (a Markdown table).  With --properties and no FILE, the\n"
  "registry of every property instead (docs/language.md shows the same).\n"
  "\n"
  "Examples:\n"
  "  gilsim platform platforms/laptop-2core.xml\n"
  "  gilsim platform --properties\n";

static void
row (GString *s, const char *id, const char *value, const char *from)
{
  g_string_append_printf (s, "| `%s` | %s | %s |\n", id, value, from);
}

/* HOST's table: each exact property of the registry, then each property
 * of a pattern (cost.NAME, import.NAME) that the host gives, by name. */
static char *
host_table (const GsHost *host)
{
  GString *s = g_string_new (NULL);
  g_string_append_printf (s, "host %s: %d core%s at %.6g flop/s a core\n\n"
                          "| property | value | from |\n| --- | --- | --- |\n",
                          host->id, host->cores, host->cores == 1 ? "" : "s",
                          host->speed);
  const GsCostsProp *prop;
  for (guint i = 0; (prop = gs_costs_nth (i)) != NULL; i++) {
    if (prop->any_suffix) {
      g_autoptr (GList) ids = g_hash_table_get_keys (host->props);
      ids = g_list_sort (ids, (GCompareFunc) strcmp);
      for (GList *l = ids; l; l = l->next)
        if (gs_costs_lookup (l->data) == prop)
          row (s, l->data, g_hash_table_lookup (host->props, l->data), "the file");
      continue;
    }
    const char *given = g_hash_table_lookup (host->props, prop->id);
    if (given) {
      row (s, prop->id, given, "the file");
    } else {
      g_autofree char *def = gs_costs_default_text (prop);
      row (s, prop->id, def, "default");
    }
  }
  return g_string_free (s, FALSE);
}

int
cmd_platform (int argc, char **argv, GPtrArray *simgrid_args)
{
  if (opt.properties) {
    if (argc > 1)
      cli_die ("gilsim platform: --properties takes no FILE; give one or the other");
    g_autofree char *table = gs_costs_markdown ();
    fputs (table, stdout);
    return 0;
  }
  if (argc != 2)
    cli_die ("gilsim platform: give one platform file, such as gilsim platform "
             "platforms/laptop-2core.xml (or --properties)");
  GError *error = NULL;
  g_autoptr (GsPlatform) platform = gs_platform_load (argv[1], &error);
  if (platform == NULL)
    cli_die (error->message);
  const GsHost *only = opt.host ? cli_choose_host (opt.host, platform) : NULL;
  printf ("%s: %u host%s\n", platform->path, platform->hosts->len,
          platform->hosts->len == 1 ? "" : "s");
  for (guint i = 0; i < platform->hosts->len; i++) {
    const GsHost *h = platform->hosts->pdata[i];
    if (only && h != only)
      continue;
    g_autofree char *table = host_table (h);
    printf ("\n%s", table);
  }
  return 0;
}
