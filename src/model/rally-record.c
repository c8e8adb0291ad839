/* rally-record.c
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

#define G_LOG_DOMAIN "RallyRecord"

#include "config.h"

#include "rally-record.h"

/* Copies every read-write property: the records own only strings, string arrays and
 * scalars, and their setters duplicate what they keep, so this is a deep copy. Setters
 * notify only on change, so assigning a record to itself notifies nothing. */
void
_rally_record_assign (gpointer dest,
                      gpointer src)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs = 0;

  g_return_if_fail (G_IS_OBJECT (dest));
  g_return_if_fail (G_OBJECT_TYPE (dest) == G_OBJECT_TYPE (src));

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (src), &n_pspecs);
  g_object_freeze_notify (dest);
  for (guint i = 0; i < n_pspecs; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      if ((pspecs[i]->flags & G_PARAM_READWRITE) != G_PARAM_READWRITE)
        continue;

      g_value_init (&value, pspecs[i]->value_type);
      g_object_get_property (src, pspecs[i]->name, &value);
      g_object_set_property (dest, pspecs[i]->name, &value);
    }
  g_object_thaw_notify (dest);
}

gpointer
_rally_record_copy (gpointer record)
{
  gpointer copy;

  g_return_val_if_fail (G_IS_OBJECT (record), NULL);

  copy = g_object_new (G_OBJECT_TYPE (record), NULL);
  _rally_record_assign (copy, record);

  return copy;
}

gboolean
_rally_strv_equal (const char * const *a,
                   const char * const *b)
{
  static const char * const empty[] = { NULL };

  return g_strv_equal ((const char * const *) (a ? a : empty), (const char * const *) (b ? b : empty));
}
