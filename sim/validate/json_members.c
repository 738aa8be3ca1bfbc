/* json_members.c: the members of validate's JSON exports. */
#include "validate/json_members.h"

#include <math.h>

#include "validate/stats.h"

void
gs_json_member_num (JsonBuilder *b, const char *name, double x)
{
  json_builder_set_member_name (b, name);
  if (isnan (x))
    json_builder_add_null_value (b);
  else
    json_builder_add_double_value (b, gs_stats_round6 (x));
}

void
gs_json_member_int (JsonBuilder *b, const char *name, gint64 x)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, x);
}

void
gs_json_member_str (JsonBuilder *b, const char *name, const char *x)
{
  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, x);
}

void
gs_json_member_bool (JsonBuilder *b, const char *name, gboolean x)
{
  json_builder_set_member_name (b, name);
  json_builder_add_boolean_value (b, x);
}
