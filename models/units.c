/* units.c: the table of units and the parser of quantities. */
#include "units.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

G_DEFINE_QUARK (gs-units-error-quark, gs_units_error)

typedef struct {
  const char *suffix;
  GsDim dim;
  double factor;
} Unit;

static const Unit units[] = {
  { "ns", GS_DIM_DURATION, 1e-9 },
  { "us", GS_DIM_DURATION, 1e-6 },
  { "ms", GS_DIM_DURATION, 1e-3 },
  { "s", GS_DIM_DURATION, 1.0 },
  { "min", GS_DIM_DURATION, 60.0 },
  { "h", GS_DIM_DURATION, 3600.0 },
  { "B", GS_DIM_SIZE, 1.0 },
  { "kB", GS_DIM_SIZE, 1e3 },
  { "KB", GS_DIM_SIZE, 1e3 },
  { "MB", GS_DIM_SIZE, 1e6 },
  { "GB", GS_DIM_SIZE, 1e9 },
  { "TB", GS_DIM_SIZE, 1e12 },
  { "KiB", GS_DIM_SIZE, 1024.0 },
  { "MiB", GS_DIM_SIZE, 1048576.0 },
  { "GiB", GS_DIM_SIZE, 1073741824.0 },
  { "TiB", GS_DIM_SIZE, 1099511627776.0 },
  { "f", GS_DIM_SPEED, 1.0 },
  { "kf", GS_DIM_SPEED, 1e3 },
  { "Mf", GS_DIM_SPEED, 1e6 },
  { "Gf", GS_DIM_SPEED, 1e9 },
  { "Tf", GS_DIM_SPEED, 1e12 },
  { "Bps", GS_DIM_BANDWIDTH, 1.0 },
  { "kBps", GS_DIM_BANDWIDTH, 1e3 },
  { "KBps", GS_DIM_BANDWIDTH, 1e3 },
  { "MBps", GS_DIM_BANDWIDTH, 1e6 },
  { "GBps", GS_DIM_BANDWIDTH, 1e9 },
  { "KiBps", GS_DIM_BANDWIDTH, 1024.0 },
  { "MiBps", GS_DIM_BANDWIDTH, 1048576.0 },
  { "GiBps", GS_DIM_BANDWIDTH, 1073741824.0 },
};

gboolean
gs_unit_lookup (const char *suffix, GsDim *dim, double *factor)
{
  for (gsize i = 0; i < G_N_ELEMENTS (units); i++)
    if (strcmp (units[i].suffix, suffix) == 0) {
      *dim = units[i].dim;
      *factor = units[i].factor;
      return TRUE;
    }
  return FALSE;
}

const char *
gs_dim_name (GsDim dim)
{
  switch (dim) {
  case GS_DIM_COUNT: return "number";
  case GS_DIM_DURATION: return "duration";
  case GS_DIM_SIZE: return "size";
  case GS_DIM_SPEED: return "speed";
  case GS_DIM_BANDWIDTH: return "bandwidth";
  case GS_DIM_STRING: return "string";
  }
  return "value";
}

const char *
gs_dim_example (GsDim dim)
{
  switch (dim) {
  case GS_DIM_COUNT: return "1e7";
  case GS_DIM_DURATION: return "5ms";
  case GS_DIM_SIZE: return "64MiB";
  case GS_DIM_SPEED: return "1Gf";
  case GS_DIM_BANDWIDTH: return "125MBps";
  case GS_DIM_STRING: return "\"text\"";
  }
  return "1";
}

gboolean
gs_units_parse (const char *text, GsDim expect, gboolean allow_bare,
                double *out, GError **error)
{
  g_return_val_if_fail (text != NULL, FALSE);
  while (g_ascii_isspace (*text))
    text++;
  char *end = NULL;
  errno = 0;
  double v = g_ascii_strtod (text, &end);
  if (end == text || errno == ERANGE) {
    g_set_error (error, GS_UNITS_ERROR, GS_UNITS_ERROR_SYNTAX,
                 "'%s' is not a number with a unit; write a %s such as %s",
                 text, gs_dim_name (expect), gs_dim_example (expect));
    return FALSE;
  }
  g_autofree char *suffix = g_strstrip (g_strdup (end));
  double factor = 1.0;
  if (*suffix == '\0') {
    if (expect != GS_DIM_COUNT && !allow_bare) {
      g_set_error (error, GS_UNITS_ERROR, GS_UNITS_ERROR_UNIT,
                   "'%s' has no unit; write a %s such as %s",
                   text, gs_dim_name (expect), gs_dim_example (expect));
      return FALSE;
    }
  } else {
    GsDim dim;
    if (!gs_unit_lookup (suffix, &dim, &factor)) {
      g_set_error (error, GS_UNITS_ERROR, GS_UNITS_ERROR_UNIT,
                   "unknown unit '%s' in '%s'; write a %s such as %s",
                   suffix, text, gs_dim_name (expect), gs_dim_example (expect));
      return FALSE;
    }
    if (dim != expect) {
      g_set_error (error, GS_UNITS_ERROR, GS_UNITS_ERROR_UNIT,
                   "'%s' is a %s, but a %s is expected here (such as %s)",
                   text, gs_dim_name (dim), gs_dim_name (expect),
                   gs_dim_example (expect));
      return FALSE;
    }
  }
  v *= factor;
  if (!isfinite (v) || v < 0) {
    g_set_error (error, GS_UNITS_ERROR, GS_UNITS_ERROR_RANGE,
                 "'%s' must be a finite, non-negative %s", text,
                 gs_dim_name (expect));
    return FALSE;
  }
  *out = v;
  return TRUE;
}

char *
gs_format_duration (double s)
{
  double a = fabs (s);
  if (a == 0)
    return g_strdup ("0 s");
  if (a >= 1.0)
    return g_strdup_printf ("%.3g s", s);
  if (a >= 1e-3)
    return g_strdup_printf ("%.3g ms", s * 1e3);
  if (a >= 1e-6)
    return g_strdup_printf ("%.3g us", s * 1e6);
  return g_strdup_printf ("%.3g ns", s * 1e9);
}
