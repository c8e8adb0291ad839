/* rally-backup-private.h
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

#pragma once

#include <json-glib/json-glib.h>

#include "rally-store-private.h"

G_BEGIN_DECLS

/* What backup export and restore share: the tables in a backup and their columns. */

typedef struct
{
  const char *table;
  const char *key;       /* in the JSON document */
  const char *order_by;
  gsize       count_offset;
  gboolean    optional;  /* absent from backups of older versions: restored as empty */
} BackupTable;

typedef struct
{
  char       *name;
  gboolean    is_text;
  gboolean    not_null;
  gboolean    has_default;
  GEnumClass *enum_class;  /* NULL unless the column holds an enum */
  gint64      min;         /* the range of an integer column */
  gint64      max;
} Column;

/* In the order of their foreign keys: a record only refers to earlier tables. */
extern const BackupTable _rally_backup_tables[];
extern const guint       _rally_backup_n_tables;

GArray *_rally_backup_load_columns (RallyStore  *store,
                                    const char  *table,
                                    GError     **error);

G_END_DECLS
