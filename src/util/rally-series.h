/* rally-series.h
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

#define RALLY_TYPE_SERIES (rally_series_get_type ())

/* One point of a time series: a UTC time in seconds and a value. */
typedef struct
{
  gint64 t;
  double v;
} RallyPoint;

typedef struct _RallySeries RallySeries;

GType              rally_series_get_type        (void) G_GNUC_CONST;
G_GNUC_WARN_UNUSED_RESULT
RallySeries       *rally_series_new             (const char         *name,
                                                 const char         *color);
G_GNUC_WARN_UNUSED_RESULT
RallySeries       *rally_series_new_from_points (const char         *name,
                                                 const char         *color,
                                                 GArray             *points);
RallySeries       *rally_series_ref             (RallySeries        *self);
void               rally_series_unref           (RallySeries        *self);
const char        *rally_series_get_name        (RallySeries        *self);
const char        *rally_series_get_color       (RallySeries        *self);
void               rally_series_get_rgb         (RallySeries        *self,
                                                 double             *red,
                                                 double             *green,
                                                 double             *blue);
void               rally_series_append          (RallySeries        *self,
                                                 gint64              t,
                                                 double              v);
void               rally_series_sort            (RallySeries        *self);
guint              rally_series_get_n_points    (RallySeries        *self);
const RallyPoint  *rally_series_get_points      (RallySeries        *self,
                                                 guint              *n_points);
gboolean           rally_series_get_bounds      (RallySeries        *self,
                                                 gint64             *t_min,
                                                 gint64             *t_max,
                                                 double             *v_min,
                                                 double             *v_max);
gint               rally_series_find_at_or_before (RallySeries      *self,
                                                 gint64              t);
G_GNUC_WARN_UNUSED_RESULT
RallySeries       *rally_series_to_cumulative   (RallySeries        *daily);
G_GNUC_WARN_UNUSED_RESULT
RallySeries       *rally_series_to_per_day      (RallySeries        *cumulative);
gboolean           rally_series_write_csv       (GPtrArray          *series,
                                                 const char         *path,
                                                 GError            **error);

gboolean           rally_color_parse            (const char         *text,
                                                 double             *red,
                                                 double             *green,
                                                 double             *blue);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RallySeries, rally_series_unref)

G_END_DECLS
