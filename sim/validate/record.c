/* record.c: typed access to the fields of measured records. */
#include "validate/record.h"

#include <math.h>

const char *
gs_record_str (JsonObject *o, const char *name)
{
  JsonNode *n = o ? json_object_get_member (o, name) : NULL;
  if (n == NULL || JSON_NODE_TYPE (n) != JSON_NODE_VALUE ||
      json_node_get_value_type (n) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (n);
}

double
gs_record_num (JsonObject *o, const char *name)
{
  JsonNode *n = o ? json_object_get_member (o, name) : NULL;
  if (n == NULL || JSON_NODE_TYPE (n) != JSON_NODE_VALUE)
    return NAN;
  GType t = json_node_get_value_type (n);
  if (t == G_TYPE_DOUBLE || t == G_TYPE_INT64 || t == G_TYPE_INT)
    return json_node_get_double (n);
  return NAN;
}

JsonObject *
gs_record_obj (JsonObject *o, const char *name)
{
  JsonNode *n = o ? json_object_get_member (o, name) : NULL;
  return n && JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;
}

double
gs_record_extra (JsonObject *o, const char *name)
{
  return gs_record_num (gs_record_obj (gs_record_obj (o, "extra"), name), "median");
}
