/* rally-backup-numbers.c
 *
 * Copyright 2026 The Rally authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * This program is distributed in the hope that it will be useful,
 * but WITHOUT ANY WARRANTY; without even the implied warranty of
 * MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
 * GNU General Public License for more details.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The numbers of a backup, checked as the sync parser checks the API's: every
 * integer column has a range and a sign by what it holds, and a literal json-glib
 * cannot hold exactly (beyond a gint64, quoted by rally_json_sanitize(); a double)
 * is refused instead of being wrapped into another number. */

#define G_LOG_DOMAIN "RallyBackup"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "rally-backup-numbers.h"

/* The latest time a backup may hold: the end of year 9999. */
#define MAX_TIME G_GINT64_CONSTANT (253402300799)

/**
 * rally_backup_number_range:
 * @table: the table of the record
 * @name: an integer column that is not an enum
 * @min: (out): the smallest value the column may hold
 * @max: (out): the largest
 *
 * The range of an integer column, by what it holds: ids are positive, counts and
 * everything else not negative, times within years 1970 to 9999. The account's
 * figures and a snapshot's followers are -1 while unknown.
 */
void
rally_backup_number_range (const char *table,
                           const char *name,
                           gint64     *min,
                           gint64     *max)
{
  static const char * const counts[] = { "views", "likes", "comments", "shares", "videos", "creators",
                                         "followers", "following", NULL };

  *min = 0;
  *max = G_MAXINT64;
  if (g_str_equal (name, "id") || g_str_has_suffix (name, "_id") || g_str_equal (name, "deleted_with"))
    *min = 1;
  else if (g_str_has_suffix (name, "_at") || g_str_has_suffix (name, "_date") || g_str_equal (name, "first_seen"))
    *max = MAX_TIME;
  else if (g_strv_contains (counts, name) &&
           (g_str_equal (table, "account") || g_str_equal (name, "followers") || g_str_equal (name, "following")))
    *min = -1;
}

/* A literal too big for a gint64, or with leading zeros (which json-glib would read
 * as octal), reaches here as a string (rally_json_sanitize()). */
static gboolean
looks_like_integer (const char *text)
{
  const char *p = text[0] == '-' ? text + 1 : text;

  if (*p == '\0')
    return FALSE;
  for (; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p))
        return FALSE;
    }
  return TRUE;
}

/**
 * rally_backup_check_number:
 * @table: the table of the record
 * @column: an integer column that is not an enum
 * @value: the column's value in the record, not null
 *
 * Returns: (transfer full) (nullable): %NULL when @value is a whole number in the
 *   column's range, otherwise why not (translated)
 */
char *
rally_backup_check_number (const char *table,
                           const char *column,
                           JsonNode   *value)
{
  gint64 min, max;

  rally_backup_number_range (table, column, &min, &max);
  return rally_backup_check_number_in (value, min, max);
}

/**
 * rally_backup_check_number_in:
 * @value: a value of an integer column, not null
 * @min: the smallest value of the column's range (rally_backup_number_range())
 * @max: the largest
 *
 * Like rally_backup_check_number(), for a column whose range is known already.
 *
 * Returns: (transfer full) (nullable): %NULL when @value is a whole number in
 *   range, otherwise why not (translated)
 */
char *
rally_backup_check_number_in (JsonNode *value,
                              gint64    min,
                              gint64    max)
{
  GType type = json_node_get_value_type (value);
  gint64 n;

  if (type == G_TYPE_STRING && looks_like_integer (json_node_get_string (value)))
    return g_ascii_string_to_signed (json_node_get_string (value), 10, G_MININT64, G_MAXINT64, NULL, NULL)
           ? g_strdup_printf (_("%s is not written as a JSON number"), json_node_get_string (value))
           : g_strdup_printf (_("%s is out of range"), json_node_get_string (value));
  if (type == G_TYPE_DOUBLE)
    return g_strdup_printf (_("%g is not a whole number in range"), json_node_get_double (value));
  if (type != G_TYPE_INT64)
    return g_strdup (_("expected a number"));

  n = json_node_get_int (value);
  if (n < min && min > 0)
    return g_strdup_printf (_("%" PRId64 " is not a valid id"), n);
  if (n < min && min == 0)
    return g_strdup_printf (_("%" PRId64 " must not be negative"), n);
  if (n < min || n > max)
    return g_strdup_printf (_("%" PRId64 " is out of range"), n);
  return NULL;
}
