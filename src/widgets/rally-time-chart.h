/* rally-time-chart.h
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
#include "rally-series.h"

G_BEGIN_DECLS

#define RALLY_TYPE_TIME_CHART (rally_time_chart_get_type ())

G_DECLARE_FINAL_TYPE (RallyTimeChart, rally_time_chart, RALLY, TIME_CHART, GtkWidget)

GtkWidget             *rally_time_chart_new              (void);
void                   rally_time_chart_set_series       (RallyTimeChart         *self,
                                                          GPtrArray              *series);
GPtrArray             *rally_time_chart_get_series       (RallyTimeChart         *self);
void                   rally_time_chart_set_range        (RallyTimeChart         *self,
                                                          gint64                  from,
                                                          gint64                  to);
gboolean               rally_time_chart_get_fill         (RallyTimeChart         *self);
void                   rally_time_chart_set_fill         (RallyTimeChart         *self,
                                                          gboolean                fill);
RallyChartValueFormat  rally_time_chart_get_value_format (RallyTimeChart         *self);
void                   rally_time_chart_set_value_format (RallyTimeChart         *self,
                                                          RallyChartValueFormat   format);
const char            *rally_time_chart_get_title        (RallyTimeChart         *self);
void                   rally_time_chart_set_title        (RallyTimeChart         *self,
                                                          const char             *title);
void                   rally_time_chart_set_note         (RallyTimeChart         *self,
                                                          const char             *note);
void                   rally_time_chart_set_empty_text   (RallyTimeChart         *self,
                                                          const char             *text);
void                   rally_time_chart_set_goals        (RallyTimeChart         *self,
                                                          const RallyChartGoal   *goals,
                                                          guint                   n_goals);
void                   rally_time_chart_set_events       (RallyTimeChart         *self,
                                                          const RallyChartEvent  *events,
                                                          guint                   n_events);
void                   rally_time_chart_set_right_axis   (RallyTimeChart         *self,
                                                          guint                   n_right,
                                                          const char             *left_title,
                                                          const char             *right_title,
                                                          const char             *right_currency);
void                   rally_time_chart_set_currency     (RallyTimeChart         *self,
                                                          const char             *currency);
void                   rally_time_chart_set_launches     (RallyTimeChart         *self,
                                                          const gint64           *launches,
                                                          guint                   n);
void                   rally_time_chart_set_notes        (RallyTimeChart         *self,
                                                          GPtrArray              *notes);
gint                   rally_time_chart_get_cursor_index (RallyTimeChart         *self);
gint64                 rally_time_chart_get_cursor_time  (RallyTimeChart         *self);
void                   rally_time_chart_set_cursor_index (RallyTimeChart         *self,
                                                          gint                    index);
char                  *rally_time_chart_dup_description  (RallyTimeChart         *self);
char                  *rally_time_chart_dup_tooltip_markup (RallyTimeChart       *self);
GStrv                  rally_time_chart_dup_axis_labels  (RallyTimeChart         *self);
gboolean               rally_time_chart_export           (RallyTimeChart         *self,
                                                          const char             *path,
                                                          RallyChartFormat        format,
                                                          int                     width,
                                                          int                     height,
                                                          GError                **error);

G_END_DECLS
