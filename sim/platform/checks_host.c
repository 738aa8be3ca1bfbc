/* checks_host.c: a platform file's hosts, their properties and disks. */
#include "platform/checks_host.h"

#include <stdlib.h>
#include <string.h>

#include "costs.h"
#include "platform/attrs.h"
#include "platform/checks_zone.h"
#include "platform/reader.h"

#define MAX_CORES 4096
#define MIN_SPEED GS_PLATFORM_MIN_SPEED  /* flop/s per core */
#define MAX_SPEED GS_PLATFORM_MAX_SPEED
#define MAX_RATE GS_PLATFORM_MAX_RATE
/* Hosts in a platform file: SimGrid builds each in every simulation
 * (190,000 hosts, what 16 MiB holds: 37 s and 330 MB before a run). */
#define MAX_HOSTS 10000

gboolean
gs_checks_host_start (GsChecks *st, const char **names, const char **values,
                      GError **error)
{
  GsReader *rd = &st->rd;
  static const char *const allowed[] = { "id", "speed", "core", NULL };
  const char *example = "<host id=\"cpu0\" speed=\"1Gf\" core=\"4\">";
  const char *id, *speed;
  if (!gs_attrs_check (rd, "host", names, allowed, error) ||
      !gs_attrs_need (rd, "host", names, values, "id", example, &id, error) ||
      !gs_attrs_need (rd, "host", names, values, "speed", example, &speed,
                      error))
    return FALSE;
  g_autofree char *what = g_strdup_printf ("speed of host '%s'",
                                           gs_reader_show (rd, id));
  GsAttrsQuantity q = {
    what, "speed", gs_attrs_speed_units, "f, kf, Mf, Gf, Tf", "1Gf", TRUE,
    MIN_SPEED, FALSE, MAX_SPEED, "from 1Mf to 1000Tf (flop/s per core)",
  };
  double v = 0;
  if (strchr (speed, ','))
    return gs_reader_fail (rd, gs_reader_attr_pos_named (rd, names, "speed"),
                           error, "%s lists several power states ('%s'); "
                           "gilsim takes a single speed, such as speed=\"1Gf\"",
                           what, gs_reader_show (rd, speed));
  if (!gs_attrs_quantity (rd, gs_reader_attr_pos_named (rd, names, "speed"), &q,
                          speed, &v, error))
    return FALSE;
  int cores = 1;
  const char *core = gs_attrs_value (names, values, "core");
  if (core) {
    gboolean digits = *core != '\0' && strlen (core) <= 6;
    for (const char *p = core; *p && digits; p++)
      digits = g_ascii_isdigit (*p);
    cores = digits ? atoi (core) : 0;
    if (cores < 1 || cores > MAX_CORES)
      return gs_reader_fail (rd, gs_reader_attr_pos_named (rd, names, "core"),
                             error, "core of host '%s' is '%s'; write a whole "
                             "number of cores from 1 to %d, such as "
                             "core=\"16\"", gs_reader_show (rd, id),
                             gs_reader_show (rd, core), MAX_CORES);
  }
  if (st->plat->hosts->len >= MAX_HOSTS)
    return gs_reader_fail (rd, rd->here, error, "the platform holds more than %d "
                           "hosts ('%s' is one too many): SimGrid builds every one "
                           "in each simulation; keep the hosts the program uses",
                           MAX_HOSTS, gs_reader_show (rd, id));
  if (!gs_checks_zone_add_point (st, id, TRUE, names, error))
    return FALSE;
  GsHost *h = gs_host_new (id, rd->here.line);
  h->speed = v;
  h->cores = cores;
  g_ptr_array_add (st->plat->hosts, h);
  st->host = h;
  return TRUE;
}

/* Checks a property of a host that gilsim reads (see models/costs.h);
 * ID_POS and POS are where its id and value are. */
static gboolean
check_calibration (GsChecks *st, GsReaderPos id_pos, GsReaderPos pos,
                   const char *id, const char *value, GError **error)
{
  GsReader *rd = &st->rd;
  if (!gs_costs_reserved (id))
    return TRUE;
  const GsCostsProp *spec = gs_costs_lookup (id);
  if (!spec) {
    g_autofree char *known = gs_costs_known (id);
    return gs_reader_fail (rd, id_pos, error,
                           "unknown property '%s'; known: %s",
                           gs_reader_show (rd, id), known);
  }
  const char *h = gs_reader_show (rd, st->host->id);
  if (spec->dim == GS_DIM_STRING) {
    g_autofree char *v = g_strstrip (g_strdup (value));
    if (!*v)
      return gs_reader_fail (rd, pos, error, "property '%s' of host '%s' is "
                             "empty; write value=\"%s\"", id, h, spec->example);
    return TRUE;
  }
  g_autoptr (GError) err = NULL;
  double v = 0;
  if (!gs_units_parse (value, spec->dim, FALSE, &v, &err))
    return gs_reader_fail (rd, pos, error, "property '%s' of host '%s': %s",
                           gs_reader_show (rd, id), h, err->message);
  if (v < spec->min || (spec->min_open && v == spec->min) || v > spec->max)
    return gs_reader_fail (rd, pos, error, "property '%s' of host '%s' is "
                           "'%s'; it must be %s, such as value=\"%s\"",
                           gs_reader_show (rd, id), h,
                           gs_reader_show (rd, value), spec->range,
                           spec->example);
  return TRUE;
}

/* Checks the open host's cpu.efficiency_cores VALUE (a number in the
 * registry's range already) at POS: a whole number, fewer than the host's
 * cores; remembers POS for check_host_end. */
static gboolean
check_efficiency_cores (GsChecks *st, GsReaderPos pos, const char *value,
                        GError **error)
{
  GsReader *rd = &st->rd;
  double v = 0;
  gs_units_parse (value, GS_DIM_COUNT, FALSE, &v, NULL);
  if (v != (double) (int) v || v >= st->host->cores)
    return gs_reader_fail (rd, pos, error, "property 'cpu.efficiency_cores' "
                           "of host '%s' is '%s'; write a whole number of its "
                           "%d cores less than all of them, such as "
                           "value=\"%d\"", gs_reader_show (rd, st->host->id),
                           gs_reader_show (rd, value), st->host->cores,
                           st->host->cores / 2);
  st->efficiency_pos = v > 0 ? pos : (GsReaderPos) { 0, 0 };
  return TRUE;
}

/* At the end of a host: one with efficiency cores must say how fast they
 * are. */
static gboolean
check_host_end (GsChecks *st, GError **error)
{
  GsReader *rd = &st->rd;
  if (st->efficiency_pos.line == 0 ||
      g_hash_table_contains (st->host->props, "cpu.efficiency_speed"))
    return TRUE;
  return gs_reader_fail (rd, st->efficiency_pos, error, "host '%s' has "
                         "efficiency cores but no cpu.efficiency_speed; add "
                         "<prop id=\"cpu.efficiency_speed\" value=\"0.45\"/> "
                         "(an efficiency core's speed at Python over a "
                         "performance core's)",
                         gs_reader_show (rd, st->host->id));
}

void
gs_checks_host_end (GsChecks *st, GError **error)
{
  check_host_end (st, error);
  st->efficiency_pos = (GsReaderPos) { 0, 0 };
  st->host = NULL;
}

gboolean
gs_checks_host_prop (GsChecks *st, const char **names, const char **values,
                     GError **error)
{
  GsReader *rd = &st->rd;
  static const char *const allowed[] = { "id", "value", NULL };
  const char *example = "<prop id=\"python.loop\" value=\"45ns\"/>";
  const char *id;
  if (!gs_attrs_check (rd, "prop", names, allowed, error) ||
      !gs_attrs_need (rd, "prop", names, values, "id", example, &id, error))
    return FALSE;
  const char *value = gs_attrs_value (names, values, "value");
  if (!value)
    return gs_reader_fail (rd, rd->here, error, "<prop> has no value "
                           "attribute; write it like %s", example);
  if (gs_checks_parent (st) != GS_CHECKS_HOST)
    return TRUE;  /* zone, disk and link properties are SimGrid's business */
  GsHost *h = st->host;
  gpointer line;
  if (g_hash_table_lookup_extended (h->prop_lines, id, NULL, &line))
    return gs_reader_fail (rd, gs_reader_attr_pos_named (rd, names, "id"),
                           error, "property '%s' is set twice in host '%s' "
                           "(first at line %d); remove one",
                           gs_reader_show (rd, id), gs_reader_show (rd, h->id),
                           GPOINTER_TO_INT (line));
  if (!check_calibration (st, gs_reader_attr_pos_named (rd, names, "id"),
                          gs_reader_attr_pos_named (rd, names, "value"), id,
                          value, error))
    return FALSE;
  if (strcmp (id, "cpu.efficiency_cores") == 0 &&
      !check_efficiency_cores (st, gs_reader_attr_pos_named (rd, names,
                                                             "value"),
                               value, error))
    return FALSE;
  gs_host_set_prop (h, id, value, rd->here.line);
  return TRUE;
}

gboolean
gs_checks_host_disk (GsChecks *st, const char **names, const char **values,
                     GError **error)
{
  GsReader *rd = &st->rd;
  static const char *const allowed[] = { "id", "read_bw", "write_bw", NULL };
  const char *example =
      "<disk id=\"ssd\" read_bw=\"500MBps\" write_bw=\"400MBps\"/>";
  const char *id, *rbw, *wbw;
  if (!gs_attrs_check (rd, "disk", names, allowed, error) ||
      !gs_attrs_need (rd, "disk", names, values, "id", example, &id, error) ||
      !gs_attrs_need (rd, "disk", names, values, "read_bw", example, &rbw,
                      error) ||
      !gs_attrs_need (rd, "disk", names, values, "write_bw", example, &wbw,
                      error))
    return FALSE;
  GsHost *h = st->host;
  for (guint i = 0; i < h->disks->len; i++)
    if (strcmp (((GsDisk *) g_ptr_array_index (h->disks, i))->id, id) == 0)
      return gs_reader_fail (rd, gs_reader_attr_pos_named (rd, names, "id"),
                             error, "host '%s' already has a disk '%s'; give "
                             "each disk its own id", gs_reader_show (rd, h->id),
                             gs_reader_show (rd, id));
  const char *shown = gs_reader_show (rd, id);
  g_autofree char *what_r = g_strdup_printf ("read_bw of disk '%s'", shown);
  g_autofree char *what_w = g_strdup_printf ("write_bw of disk '%s'", shown);
  GsAttrsQuantity q = {
    what_r, "read_bw", gs_attrs_bandwidth_units,
    "Bps, kBps, MBps, GBps, TBps, KiBps, MiBps, GiBps, TiBps (or bps for bits)",
    "500MBps", FALSE, 0, TRUE, MAX_RATE, "more than 0Bps and at most 1000TBps",
  };
  double r = 0, w = 0;
  if (!gs_attrs_quantity (rd, gs_reader_attr_pos_named (rd, names, "read_bw"),
                          &q, rbw, &r, error))
    return FALSE;
  q.what = what_w;
  q.attr = "write_bw";
  if (!gs_attrs_quantity (rd, gs_reader_attr_pos_named (rd, names, "write_bw"),
                          &q, wbw, &w, error))
    return FALSE;
  GsDisk *d = g_new0 (GsDisk, 1);
  d->id = g_strdup (id);
  d->read_bw = r;
  d->write_bw = w;
  g_ptr_array_add (h->disks, d);
  return TRUE;
}
