/* rally-bar-chart.h
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

#include <gtk/gtk.h>

#include "rally-chart-common.h"

G_BEGIN_DECLS

#define RALLY_TYPE_BAR_CHART (rally_bar_chart_get_type ())

G_DECLARE_FINAL_TYPE (RallyBarChart, rally_bar_chart, RALLY, BAR_CHART, GtkWidget)

GtkWidget             *rally_bar_chart_new              (void);
void                   rally_bar_chart_clear            (RallyBarChart          *self);
void                   rally_bar_chart_append           (RallyBarChart          *self,
                                                         const char             *label,
                                                         double                  value,
                                                         const char             *color);
guint                  rally_bar_chart_get_n_items      (RallyBarChart          *self);
RallyChartValueFormat  rally_bar_chart_get_value_format (RallyBarChart          *self);
void                   rally_bar_chart_set_value_format (RallyBarChart          *self,
                                                         RallyChartValueFormat   format);
void                   rally_bar_chart_set_title        (RallyBarChart          *self,
                                                         const char             *title);
void                   rally_bar_chart_set_empty_text   (RallyBarChart          *self,
                                                         const char             *text);
gint                   rally_bar_chart_get_item_at      (RallyBarChart          *self,
                                                         double                  x,
                                                         double                  y);
char                  *rally_bar_chart_dup_description  (RallyBarChart          *self);
void                   rally_bar_chart_draw             (RallyBarChart          *self,
                                                         cairo_t                *cr,
                                                         int                     width,
                                                         int                     height,
                                                         const RallyChartStyle  *style);
gboolean               rally_bar_chart_export           (RallyBarChart          *self,
                                                         const char             *path,
                                                         RallyChartFormat        format,
                                                         int                     width,
                                                         int                     height,
                                                         GError                **error);

G_END_DECLS
