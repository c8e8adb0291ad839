/* rally-time-plot-private.h
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

/* What the parts of RallyTimePlot share: the layout computed once per data, range
 * and size, and the mapping from time and value to pixels. The plot is laid out and
 * drawn in rally-time-plot.c; the cursor, the tooltip and the description for
 * screen readers are in rally-time-plot-cursor.c. */

#pragma once

#include "rally-time-plot.h"

G_BEGIN_DECLS

typedef struct
{
  double x;
  double y;
} Pixel;

/* Where a label of a goal or an event goes: its top-left and width, x NAN when hidden. */
typedef struct
{
  double x;
  double y;
  double w;
} LabelBox;

/* A goal or an event as the plot keeps them: its own copies. */
typedef struct
{
  double                 value;
  char                  *label;
  gboolean               right_axis;
} PlotGoal;

typedef struct
{
  gint64                 first_day;
  gint64                 last_day;
  char                  *title;
} PlotEvent;

/* A value axis: its range, tick step and labels. */
typedef struct
{
  double                 lo, hi, step;
  GPtrArray             *labels;       /* char*, from lo by step */
  double                 width;        /* of the widest label */
} ValueAxis;

typedef struct
{
  gboolean               valid;
  int                    width;
  int                    height;
  double                 scale;
  double                 resolution;
  PangoFontDescription  *font;

  double                 plot_x, plot_y, plot_w, plot_h;
  double                 text_h;
  double                 y_lo, y_hi, y_step;
  GPtrArray             *y_labels;     /* char*, from y_lo by y_step */
  ValueAxis              right;        /* when some series are on the right axis */
  double                 titles_y;     /* the axis titles' top, with a right axis */
  GArray                *x_ticks;      /* RallyDateTick */
  GArray                *x_label_pos;  /* double: left edge of the label, NAN when hidden */
  GArray                *legend;       /* Pixel: top-left of each series' swatch */
  GPtrArray             *paths;        /* GArray of Pixel, one per series */
  GArray                *markers;      /* gboolean per series: few enough points for dots */
  GArray                *event_labels; /* LabelBox per event, for its title */
  GArray                *goal_labels;  /* LabelBox per goal, for its label */

  /* The drawn picture at device scale, when raster caching is on, and the palette
   * it was drawn with. */
  cairo_surface_t       *cache;
  RallyChartStyle        cache_style;
} Layout;

struct _RallyTimePlot
{
  GPtrArray             *series;
  gint64                 range_from;
  gint64                 range_to;
  gint64                 from;         /* the effective range */
  gint64                 to;
  gboolean               has_data;
  gboolean               fill;
  RallyChartValueFormat  value_format;
  char                  *empty_text;
  GArray                *stops;        /* gint64, built on first use */
  Layout                 layout;
  gboolean               raster_cache;

  GArray                *goals;        /* PlotGoal */
  GArray                *events;       /* PlotEvent, by first day */
  guint                  n_right;      /* the last n_right series are on the right axis */
  char                  *left_title;
  char                  *right_title;
  char                  *right_currency;
  char                  *currency;     /* of the left axis, when it counts money */
  GArray                *launches;     /* gint64 per series, when aligned by days since launch */
  GPtrArray             *notes;        /* char* per series: where its figures come from */
};

static inline double
x_for_time (RallyTimePlot *self,
            const Layout  *layout,
            double         t)
{
  return layout->plot_x + (t - (double) self->from) / (double) (self->to - self->from) * layout->plot_w;
}

static inline double
y_for_value (const Layout *layout,
             double        v)
{
  return layout->plot_y + layout->plot_h - (v - layout->y_lo) / (layout->y_hi - layout->y_lo) * layout->plot_h;
}

static inline double
y_for_right (const Layout *layout,
             double        v)
{
  return layout->plot_y + layout->plot_h - (v - layout->right.lo) / (layout->right.hi - layout->right.lo) * layout->plot_h;
}

static inline gboolean
series_on_right (RallyTimePlot *self,
                 guint          index)
{
  return index + self->n_right >= self->series->len;
}

/* rally-time-plot-marks.c: goal lines, events and the right-hand axis */
void   _rally_time_plot_marks_init     (RallyTimePlot         *self);
void   _rally_time_plot_marks_free     (RallyTimePlot         *self);
void   _rally_time_plot_goal_bounds    (RallyTimePlot         *self,
                                        gboolean               right_axis,
                                        double                *v_min,
                                        double                *v_max);
void   _rally_time_plot_layout_right   (RallyTimePlot         *self,
                                        PangoLayout           *pango,
                                        Layout                *layout,
                                        double                 v_min,
                                        double                 v_max);
void   _rally_time_plot_layout_events  (RallyTimePlot         *self,
                                        PangoLayout           *pango,
                                        Layout                *layout);
void   _rally_time_plot_draw_bands     (RallyTimePlot         *self,
                                        cairo_t               *cr,
                                        const RallyChartStyle *style);
void   _rally_time_plot_draw_marks     (RallyTimePlot         *self,
                                        cairo_t               *cr,
                                        PangoLayout           *pango,
                                        const RallyChartStyle *style);
void   _rally_time_plot_draw_right     (RallyTimePlot         *self,
                                        cairo_t               *cr,
                                        PangoLayout           *pango,
                                        const RallyChartStyle *style);
char  *_rally_time_plot_format_value   (RallyTimePlot         *self,
                                        guint                  series_index,
                                        double                 value,
                                        gboolean               exact);
void   _rally_time_plot_describe_marks (RallyTimePlot         *self,
                                        GString               *out);
void   _rally_time_plot_tooltip_events (RallyTimePlot         *self,
                                        gint64                 t,
                                        GString               *markup);

/* rally-time-plot-days.c */

void    _rally_time_plot_days_copy            (RallyTimePlot *self,
                                               RallyTimePlot *from);
void    _rally_time_plot_days_free            (RallyTimePlot *self);
char   *_rally_time_plot_format_day           (gint64         t);
GArray *_rally_time_plot_day_ticks            (gint64         from,
                                               gint64         to,
                                               guint          target);
char   *_rally_time_plot_format_stop          (RallyTimePlot *self,
                                               gint64         t);
void    _rally_time_plot_tooltip_date         (RallyTimePlot *self,
                                               guint          index,
                                               gint64         t,
                                               GString       *markup);
void    _rally_time_plot_tooltip_series_note  (RallyTimePlot *self,
                                               guint          index,
                                               GString       *markup);
void    _rally_time_plot_tooltip_common_note  (RallyTimePlot *self,
                                               GString       *markup);
void    _rally_time_plot_describe_range       (RallyTimePlot *self,
                                               GString       *out);

G_END_DECLS
