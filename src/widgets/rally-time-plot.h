/* rally-time-plot.h
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

#include "rally-chart-common.h"

G_BEGIN_DECLS

/* The drawing half of RallyTimeChart, without a widget: data, cached layout and a
 * draw function on any cairo_t. The widget snapshots it, export renders it to a
 * file and the benchmark times it. */
typedef struct _RallyTimePlot RallyTimePlot;

#define RALLY_TIME_PLOT_NO_CURSOR G_MININT64

RallyTimePlot *rally_time_plot_new              (void);
void           rally_time_plot_free             (RallyTimePlot          *self);
void           rally_time_plot_set_series       (RallyTimePlot          *self,
                                                 GPtrArray              *series);
GPtrArray     *rally_time_plot_get_series       (RallyTimePlot          *self);
gboolean       rally_time_plot_has_data         (RallyTimePlot          *self);
void           rally_time_plot_set_range        (RallyTimePlot          *self,
                                                 gint64                  from,
                                                 gint64                  to);
void           rally_time_plot_get_range        (RallyTimePlot          *self,
                                                 gint64                 *from,
                                                 gint64                 *to);
void           rally_time_plot_set_fill         (RallyTimePlot          *self,
                                                 gboolean                fill);
void           rally_time_plot_set_value_format (RallyTimePlot          *self,
                                                 RallyChartValueFormat   format);
void           rally_time_plot_set_raster_cache (RallyTimePlot          *self,
                                                 gboolean                cache);
void           rally_time_plot_set_empty_text   (RallyTimePlot          *self,
                                                 const char             *text);
void           rally_time_plot_set_goals        (RallyTimePlot          *self,
                                                 const RallyChartGoal   *goals,
                                                 guint                   n_goals);
void           rally_time_plot_set_events       (RallyTimePlot          *self,
                                                 const RallyChartEvent  *events,
                                                 guint                   n_events);
void           rally_time_plot_set_right_axis   (RallyTimePlot          *self,
                                                 guint                   n_right,
                                                 const char             *left_title,
                                                 const char             *right_title,
                                                 const char             *right_currency);
void           rally_time_plot_set_currency     (RallyTimePlot          *self,
                                                 const char             *currency);
void           rally_time_plot_set_launches     (RallyTimePlot          *self,
                                                 const gint64           *launches,
                                                 guint                   n);
gboolean       rally_time_plot_get_aligned      (RallyTimePlot          *self);
void           rally_time_plot_set_notes        (RallyTimePlot          *self,
                                                 GPtrArray              *notes);
GStrv          rally_time_plot_dup_x_labels     (RallyTimePlot          *self);
void           rally_time_plot_copy_marks       (RallyTimePlot          *self,
                                                 RallyTimePlot          *from);
void           rally_time_plot_invalidate       (RallyTimePlot          *self);
void           rally_time_plot_draw             (RallyTimePlot          *self,
                                                 cairo_t                *cr,
                                                 int                     width,
                                                 int                     height,
                                                 double                  scale,
                                                 const RallyChartStyle  *style);
void           rally_time_plot_draw_cursor      (RallyTimePlot          *self,
                                                 cairo_t                *cr,
                                                 const RallyChartStyle  *style,
                                                 gint64                  t);
gboolean       rally_time_plot_time_at          (RallyTimePlot          *self,
                                                 double                  x,
                                                 double                  y,
                                                 gint64                 *t);
const gint64  *rally_time_plot_get_stops        (RallyTimePlot          *self,
                                                 guint                  *n_stops);
gint           rally_time_plot_nearest_stop     (RallyTimePlot          *self,
                                                 gint64                  t);
char          *rally_time_plot_tooltip_markup   (RallyTimePlot          *self,
                                                 const RallyChartStyle  *style,
                                                 gint64                  t);
char          *rally_time_plot_describe         (RallyTimePlot          *self);

G_END_DECLS
