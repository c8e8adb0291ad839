/* rally-record-private.h
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

#include "rally-record.h"

G_BEGIN_DECLS

/* For the record subclasses only. A subclass stores each of its properties in a field
 * of its instance struct: a gint64, a gboolean, an enum, a string (never NULL, "" when
 * unset) or a string array (never NULL). It installs them with their offsets, and
 * RallyRecord then reads, writes and frees the fields; its typed setters call the
 * _rally_record_set_*() helpers, which notify only on change. Its init calls
 * _rally_record_init_fields(), which gives every field its property's default. */

#define RALLY_RECORD_PARAM_FLAGS \
  (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)

GParamSpec *_rally_record_int64_param  (const char *name);
GParamSpec *_rally_record_string_param (const char *name,
                                        const char *default_value);
GParamSpec *_rally_record_enum_param   (const char *name,
                                        GType       enum_type,
                                        int         default_value);

void _rally_record_class_install_fields (RallyRecordClass   *klass,
                                         guint               n_pspecs,
                                         GParamSpec        **pspecs,
                                         const gsize        *offsets);
void _rally_record_init_fields          (gpointer            record);
void _rally_record_set_int64            (gpointer            record,
                                         gint64             *field,
                                         gint64              value,
                                         GParamSpec         *pspec);
void _rally_record_set_enum             (gpointer            record,
                                         gpointer            field,
                                         int                 value,
                                         GParamSpec         *pspec);
void _rally_record_set_boolean          (gpointer            record,
                                         gboolean           *field,
                                         gboolean            value,
                                         GParamSpec         *pspec);
void _rally_record_set_string           (gpointer            record,
                                         char              **field,
                                         const char         *value,
                                         GParamSpec         *pspec);
void _rally_record_set_strv             (gpointer            record,
                                         char             ***field,
                                         const char * const *value,
                                         GParamSpec         *pspec);

G_END_DECLS
