/* rally-chart-common.h
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

#include <cairo.h>
#include <gtk/gtk.h>

#include "rally-series.h"

G_BEGIN_DECLS

/* The charity's own account on charts. */
#define RALLY_CHART_ACCOUNT_COLOR "#9141ac"

typedef enum
{
  RALLY_CHART_FORMAT_PNG,
  RALLY_CHART_FORMAT_SVG,
} RallyChartFormat;

/* How values are labelled: counts abbreviate ("81M"), ratios are percentages. */
typedef enum
{
  RALLY_CHART_VALUE_COUNT,
  RALLY_CHART_VALUE_PERCENT,
} RallyChartValueFormat;

typedef struct
{
  double red, green, blue, alpha;
} RallyChartColor;

/* A goal drawn as a dashed, labelled horizontal line ("Goal 60M"). With
 * @right_axis, the value is on the chart's right-hand axis. */
typedef struct
{
  double      value;
  const char *label;
  gboolean    right_axis;
} RallyChartGoal;

/* An event on the timeline: a day (@last_day equal to @first_day, drawn as a
 * labelled vertical marker) or a period (a shaded band), UTC midnights. */
typedef struct
{
  gint64      first_day;
  gint64      last_day;
  const char *title;
} RallyChartEvent;

/* What a chart draws with, taken from the theme (or fixed, for export). */
typedef struct
{
  RallyChartColor       foreground;
  RallyChartColor       grid;
  RallyChartColor       background;
  RallyChartColor       accent;
  gboolean              fill_background;
  PangoFontDescription *font;
  double                resolution;   /* dots per inch of text, with the user's text scaling */
} RallyChartStyle;

typedef void (*RallyChartDrawFunc) (gpointer               data,
                                    cairo_t               *cr,
                                    int                    width,
                                    int                    height,
                                    const RallyChartStyle *style);

void      rally_chart_style_init_light   (RallyChartStyle        *style,
                                          const PangoFontDescription *font);
void      rally_chart_style_init_widget  (RallyChartStyle        *style,
                                          GtkWidget              *widget);
void      rally_chart_style_clear        (RallyChartStyle        *style);
void      rally_chart_style_series_color (const RallyChartStyle  *style,
                                          RallySeries            *series,
                                          RallyChartColor        *out);
void      rally_chart_style_adjust_color (const RallyChartStyle  *style,
                                          RallyChartColor        *color);
char     *rally_chart_challenge_color    (const char             *campaign_color,
                                          guint                   index_in_campaign,
                                          guint                   loose_index);
char     *rally_chart_distinct_color     (const char             *color,
                                          guint                   step);
void      rally_chart_set_source         (cairo_t                *cr,
                                          const RallyChartColor  *color,
                                          double                  alpha);
PangoLayout *rally_chart_create_layout    (cairo_t                *cr,
                                          const RallyChartStyle  *style);
double    rally_chart_text_width     (PangoLayout            *layout,
                                          const char             *text);
char     *rally_chart_format_value       (RallyChartValueFormat   format,
                                          double                  value,
                                          gboolean                exact);
gboolean  rally_chart_export             (RallyChartDrawFunc      draw,
                                          gpointer                data,
                                          const RallyChartStyle  *style,
                                          const char             *path,
                                          RallyChartFormat        format,
                                          int                     width,
                                          int                     height,
                                          const char             *title,
                                          const char             *description,
                                          GError                **error);

G_END_DECLS
