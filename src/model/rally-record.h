/* rally-record.h
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

#include <glib-object.h>

G_BEGIN_DECLS

#define RALLY_TYPE_RECORD (rally_record_get_type ())

G_DECLARE_DERIVABLE_TYPE (RallyRecord, rally_record, RALLY, RECORD, GObject)

struct _RallyRecordClass
{
  GObjectClass parent_class;

  /*< private >*/
  /* The subclass's own properties and where each is stored (see rally-record-private.h) */
  GParamSpec  **fields;
  const gsize  *field_offsets;
  guint         n_fields;
};

gpointer rally_record_copy           (RallyRecord *self) G_GNUC_WARN_UNUSED_RESULT;
gint64   rally_record_get_id         (RallyRecord *self);
void     rally_record_set_id         (RallyRecord *self,
                                      gint64       id);
gint64   rally_record_get_created_at (RallyRecord *self);
void     rally_record_set_created_at (RallyRecord *self,
                                      gint64       created_at);
gint64   rally_record_get_updated_at (RallyRecord *self);
void     rally_record_set_updated_at (RallyRecord *self,
                                      gint64       updated_at);
gint64       rally_record_get_version    (RallyRecord *self);
void         rally_record_set_version    (RallyRecord *self,
                                          gint64       version);
const char  *rally_record_get_changed_by (RallyRecord *self);
void         rally_record_set_changed_by (RallyRecord *self,
                                          const char  *changed_by);

G_END_DECLS
