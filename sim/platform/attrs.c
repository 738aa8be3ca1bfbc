/* attrs.c: the attributes of an element: names, presence, quantities. */
#include "platform/attrs.h"

#include <errno.h>
#include <math.h>
#include <string.h>

/* ---------------------------------------------------------------------- */
/* Attributes                                                              */

gboolean
gs_attrs_check (GsReader *rd, const char *elem, const char **names,
                const char *const *allowed, GError **error)
{
  for (guint i = 0; names[i]; i++) {
    gboolean ok = FALSE;
    for (guint k = 0; allowed[k] && !ok; k++)
      ok = strcmp (names[i], allowed[k]) == 0;
    if (!ok) {
      g_autofree char *list = g_strjoinv (", ", (char **) allowed);
      return gs_reader_fail (rd, gs_reader_attr_pos (rd, i), error, "unknown "
                             "attribute '%s' in <%s>; <%s> takes: %s",
                             gs_reader_show (rd, names[i]), elem,
                             elem, list);
    }
    for (guint k = 0; k < i; k++)
      if (strcmp (names[i], names[k]) == 0)
        return gs_reader_fail (rd, gs_reader_attr_pos (rd, i), error,
                               "attribute '%s' is given twice in <%s>; keep "
                               "one", names[i], elem);
  }
  return TRUE;
}

const char *
gs_attrs_value (const char **names, const char **values, const char *name)
{
  for (guint i = 0; names[i]; i++)
    if (strcmp (names[i], name) == 0)
      return values[i];
  return NULL;
}

gboolean
gs_attrs_need (GsReader *rd, const char *elem, const char **names,
               const char **values, const char *name, const char *example,
               const char **out, GError **error)
{
  const char *v = gs_attrs_value (names, values, name);
  if (!v)
    return gs_reader_fail (rd, rd->here, error, "<%s> has no %s attribute; "
                           "write it like %s", elem, name, example);
  if (!*v)
    return gs_reader_fail (rd, gs_reader_attr_pos_named (rd, names, name),
                           error, "the %s of <%s> is empty; write it like %s",
                           name, elem, example);
  *out = v;
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* Quantities, as SimGrid reads them                                       */

/* The units SimGrid 3.32 accepts (xbt_parse_units.cpp) with the same meaning
 * as gilsim's units.c.  "min" and "KBps", which gilsim knows, are absent:
 * SimGrid would reject them. */
const GsAttrsUnit gs_attrs_speed_units[] = {
  { "f", 1 }, { "kf", 1e3 }, { "Mf", 1e6 }, { "Gf", 1e9 }, { "Tf", 1e12 },
  { NULL, 0 },
};

const GsAttrsUnit gs_attrs_bandwidth_units[] = {
  { "Bps", 1 }, { "kBps", 1e3 }, { "MBps", 1e6 }, { "GBps", 1e9 },
  { "TBps", 1e12 }, { "KiBps", 1024.0 }, { "MiBps", 1048576.0 },
  { "GiBps", 1073741824.0 }, { "TiBps", 1099511627776.0 },
  { "bps", 0.125 }, { "kbps", 125 }, { "Mbps", 1.25e5 }, { "Gbps", 1.25e8 },
  { "Tbps", 1.25e11 }, { "Kibps", 128.0 }, { "Mibps", 131072.0 },
  { "Gibps", 134217728.0 }, { "Tibps", 137438953472.0 },
  { NULL, 0 },
};

const GsAttrsUnit gs_attrs_time_units[] = {
  { "s", 1 }, { "ms", 1e-3 }, { "us", 1e-6 }, { "ns", 1e-9 }, { "ps", 1e-12 },
  { NULL, 0 },
};

/* Length of the number at the start of S, written as strtod would read it
 * but in decimal only: [+-]digits[.digits][e[+-]digits]. 0 if none. */
static gsize
number_length (const char *s)
{
  gsize i = 0, digits = 0;
  if (s[i] == '+' || s[i] == '-')
    i++;
  while (g_ascii_isdigit (s[i]))
    i++, digits++;
  if (s[i] == '.') {
    i++;
    while (g_ascii_isdigit (s[i]))
      i++, digits++;
  }
  if (!digits)
    return 0;
  if (s[i] == 'e' || s[i] == 'E') {
    gsize j = i + 1;
    if (s[j] == '+' || s[j] == '-')
      j++;
    if (g_ascii_isdigit (s[j])) {
      while (g_ascii_isdigit (s[j]))
        j++;
      i = j;
    }
  }
  return i;
}


gboolean
gs_attrs_quantity (GsReader *rd, GsReaderPos pos, const GsAttrsQuantity *q,
                   const char *text, double *out, GError **error)
{
  gsize n = number_length (text);
  if (n == 0)
    return gs_reader_fail (rd, pos, error, "%s is '%s', which is not a number "
                           "with a unit; write %s=\"%s\"", q->what,
                           gs_reader_show (rd, text), q->attr, q->example);
  g_autofree char *num = g_strndup (text, n);
  errno = 0;
  double v = g_ascii_strtod (num, NULL);
  if (errno == ERANGE && fabs (v) > 1)
    return gs_reader_fail (rd, pos, error, "%s is '%s', which is too large; "
                           "it must be %s", q->what, gs_reader_show (rd, text),
                           q->range);
  const char *suffix = text + n;
  if (*suffix == '\0') {
    if (!q->bare_ok && v != 0)
      return gs_reader_fail (rd, pos, error, "%s is '%s', which has no unit; "
                             "write %s=\"%s\" (units: %s)", q->what,
                             gs_reader_show (rd, text), q->attr, q->example,
                             q->unit_list);
  } else {
    const GsAttrsUnit *u = q->units;
    while (u->suffix && strcmp (u->suffix, suffix) != 0)
      u++;
    if (!u->suffix)
      return gs_reader_fail (rd, pos, error, "%s is '%s', whose unit '%s' "
                             "SimGrid does not know here; use one of %s, such "
                             "as %s=\"%s\"", q->what, gs_reader_show (rd, text),
                             gs_reader_show (rd, suffix), q->unit_list, q->attr,
                             q->example);
    v *= u->factor;
  }
  if (!isfinite (v) || v < q->min || (q->min_open && v == q->min) || v > q->max)
    return gs_reader_fail (rd, pos, error, "%s is '%s'; it must be %s", q->what,
                           gs_reader_show (rd, text), q->range);
  *out = v + 0.0;  /* no -0 */
  return TRUE;
}
