/* json_members.h: the members of validate's JSON exports (gilsim validate
 * of one file, the yardstick of several sessions), one call a member. */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Adds the member NAME to the object that B is building: the number X
 * rounded to six significant digits (gs_stats_round6), or null when X is
 * NaN. */
void gs_json_member_num (JsonBuilder *b, const char *name, double x);

/* Adds the member NAME: the whole number X. */
void gs_json_member_int (JsonBuilder *b, const char *name, gint64 x);

/* Adds the member NAME: the string X. */
void gs_json_member_str (JsonBuilder *b, const char *name, const char *x);

/* Adds the member NAME: the boolean X. */
void gs_json_member_bool (JsonBuilder *b, const char *name, gboolean x);

G_END_DECLS
