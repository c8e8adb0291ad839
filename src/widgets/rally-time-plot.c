/* rally-time-plot.c
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

/* RallyTimePlot draws several series against time.
 *
 * Everything that depends on the data, the size or the range is computed once into
 * a Layout: the plot rectangle, the value and date ticks with their labels, the
 * legend, and each series decimated to one min/max column per device pixel and
 * already turned into pixel coordinates. Drawing then only strokes those paths and
 * shows the labels, so a repaint costs O(width) however many points there are; a
 * million points cost one pass at the first draw after a change, not every frame.
 * The layout is thrown away when the data, range, size, scale or font change. The
 * cursor, the tooltip and the description are in rally-time-plot-cursor.c. */

#define G_LOG_DOMAIN "RallyTimePlot"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "rally-decimate.h"
#include "rally-format.h"
#include "rally-ticks.h"
#include "rally-time-plot-private.h"

#define LABEL_GAP     8.0
#define LEGEND_SWATCH 10.0
#define LEGEND_GAP    16.0
#define MARGIN        8.0
#define LINE_WIDTH    2.0
#define MIN_Y_SPACING 48.0
#define MIN_X_SPACING 80.0

static void
layout_clear (Layout *layout)
{
  g_clear_pointer (&layout->cache, cairo_surface_destroy);
  layout->valid = FALSE;
  g_clear_pointer (&layout->font, pango_font_description_free);
  g_clear_pointer (&layout->y_labels, g_ptr_array_unref);
  g_clear_pointer (&layout->x_ticks, g_array_unref);
  g_clear_pointer (&layout->x_label_pos, g_array_unref);
  g_clear_pointer (&layout->legend, g_array_unref);
  g_clear_pointer (&layout->paths, g_ptr_array_unref);
  g_clear_pointer (&layout->markers, g_array_unref);
  g_clear_pointer (&layout->event_labels, g_array_unref);
  g_clear_pointer (&layout->goal_labels, g_array_unref);
  g_clear_pointer (&layout->right.labels, g_ptr_array_unref);
  rally_chart_style_clear (&layout->cache_style);
}

RallyTimePlot *
rally_time_plot_new (void)
{
  RallyTimePlot *self = g_new0 (RallyTimePlot, 1);

  self->series = g_ptr_array_new_with_free_func ((GDestroyNotify) rally_series_unref);
  self->fill = TRUE;
  self->empty_text = g_strdup (_("No data for this range"));
  _rally_time_plot_marks_init (self);
  return self;
}

void
rally_time_plot_free (RallyTimePlot *self)
{
  g_return_if_fail (self != NULL);

  layout_clear (&self->layout);
  g_clear_pointer (&self->series, g_ptr_array_unref);
  g_clear_pointer (&self->stops, g_array_unref);
  g_free (self->empty_text);
  _rally_time_plot_marks_free (self);
  _rally_time_plot_days_free (self);
  g_free (self);
}

void
rally_time_plot_invalidate (RallyTimePlot *self)
{
  layout_clear (&self->layout);
}

static guint
count_in_range (RallyTimePlot *self,
                gint64         from,
                gint64         to)
{
  guint count = 0;

  for (guint i = 0; i < self->series->len; i++)
    {
      RallySeries *series = g_ptr_array_index (self->series, i);

      count += (guint) (rally_series_find_at_or_before (series, to)
                        - (from > G_MININT64 ? rally_series_find_at_or_before (series, from - 1) : -1));
    }
  return count;
}

/* The range shown: the one set, or all the data; a single instant gets a day.
 * Without a point inside it, the chart shows its empty text instead of axes. */
static void
update_range (RallyTimePlot *self)
{
  gint64 lo = G_MAXINT64, hi = G_MININT64;

  for (guint i = 0; i < self->series->len; i++)
    {
      gint64 t_min, t_max;

      if (rally_series_get_bounds (g_ptr_array_index (self->series, i), &t_min, &t_max, NULL, NULL))
        {
          lo = MIN (lo, t_min);
          hi = MAX (hi, t_max);
        }
    }

  if (self->range_from != 0 || self->range_to != 0)
    {
      lo = self->range_from;
      hi = self->range_to;
    }
  self->has_data = lo <= hi && count_in_range (self, lo, hi) > 0;
  if (self->has_data && lo == hi)
    {
      lo -= 43200;
      hi += 43200;
    }
  self->from = lo;
  self->to = hi;

  g_clear_pointer (&self->stops, g_array_unref);
  layout_clear (&self->layout);
}

void
rally_time_plot_set_series (RallyTimePlot *self,
                            GPtrArray     *series)
{
  g_return_if_fail (self != NULL);

  g_ptr_array_set_size (self->series, 0);
  for (guint i = 0; series != NULL && i < series->len; i++)
    g_ptr_array_add (self->series, rally_series_ref (g_ptr_array_index (series, i)));
  update_range (self);
}

GPtrArray *
rally_time_plot_get_series (RallyTimePlot *self)
{
  return self->series;
}

gboolean
rally_time_plot_has_data (RallyTimePlot *self)
{
  return self->has_data;
}

void
rally_time_plot_set_range (RallyTimePlot *self,
                           gint64         from,
                           gint64         to)
{
  self->range_from = MIN (from, to);
  self->range_to = MAX (from, to);
  update_range (self);
}

void
rally_time_plot_get_range (RallyTimePlot *self,
                           gint64        *from,
                           gint64        *to)
{
  *from = self->from;
  *to = self->to;
}

void
rally_time_plot_set_fill (RallyTimePlot *self,
                          gboolean       fill)
{
  self->fill = !!fill;
}

void
rally_time_plot_set_value_format (RallyTimePlot         *self,
                                  RallyChartValueFormat  format)
{
  self->value_format = format;
  layout_clear (&self->layout);
}

/**
 * rally_time_plot_set_raster_cache:
 *
 * Keeps the drawn chart in an image surface and repaints from it until the data,
 * size or palette change. On for the widget; off for vector (SVG) export.
 */
void
rally_time_plot_set_raster_cache (RallyTimePlot *self,
                                  gboolean       cache)
{
  self->raster_cache = !!cache;
  g_clear_pointer (&self->layout.cache, cairo_surface_destroy);
}

void
rally_time_plot_set_empty_text (RallyTimePlot *self,
                                const char    *text)
{
  g_free (self->empty_text);
  self->empty_text = g_strdup (text != NULL ? text : "");
}

/* ---- Layout ------------------------------------------------------------ */

static void
text_size (PangoLayout *layout,
           const char  *text,
           double      *width,
           double      *height)
{
  int w, h;

  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  if (width != NULL)
    *width = w;
  if (height != NULL)
    *height = h;
}

/* The widest a legend name may be before it is ellipsized. */
static double
legend_text_width (const Layout *layout)
{
  return MAX (16.0, layout->width - 2 * MARGIN - LEGEND_SWATCH - 6);
}

/* Legend entries flow left to right and wrap, so a narrow window keeps them all. */
static double
layout_legend (RallyTimePlot *self,
               PangoLayout   *pango,
               Layout        *layout)
{
  double x = MARGIN, y = MARGIN;

  layout->legend = g_array_sized_new (FALSE, FALSE, sizeof (Pixel), self->series->len);
  for (guint i = 0; i < self->series->len; i++)
    {
      RallySeries *series = g_ptr_array_index (self->series, i);
      double w;
      Pixel pos;

      text_size (pango, rally_series_get_name (series), &w, NULL);
      w = MIN (w, legend_text_width (layout)) + LEGEND_SWATCH + 6;
      if (x > MARGIN && x + w > layout->width - MARGIN)
        {
          x = MARGIN;
          y += layout->text_h + 4;
        }
      pos.x = x;
      pos.y = y;
      g_array_append_val (layout->legend, pos);
      x += w + LEGEND_GAP;
    }
  return self->series->len > 0 ? y + layout->text_h + 10 : MARGIN;
}

/* Decimates every series to @columns columns; returns their value range. */
static GPtrArray *
decimate_all (RallyTimePlot *self,
              guint          columns,
              double         v_min[2],
              double         v_max[2],
              GArray        *counts)
{
  GPtrArray *all = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);

  v_min[0] = v_min[1] = INFINITY;
  v_max[0] = v_max[1] = -INFINITY;
  for (guint i = 0; i < self->series->len; i++)
    {
      guint axis = self->n_right > 0 && series_on_right (self, i) ? 1 : 0;
      const RallyPoint *points;
      guint n, n_out, in_range = 0;
      GArray *cols = g_array_sized_new (FALSE, FALSE, sizeof (RallyDecimateColumn), columns);

      points = rally_series_get_points (g_ptr_array_index (self->series, i), &n);
      g_array_set_size (cols, columns);
      n_out = rally_decimate_points (points, n, self->from, self->to, columns,
                                     (RallyDecimateColumn *) (gpointer) cols->data);
      g_array_set_size (cols, n_out);
      for (guint k = 0; k < n_out; k++)
        {
          RallyDecimateColumn *col = &g_array_index (cols, RallyDecimateColumn, k);

          v_min[axis] = MIN (v_min[axis], col->min);
          v_max[axis] = MAX (v_max[axis], col->max);
          in_range += col->last_index - col->first_index + 1;
        }
      g_array_append_val (counts, in_range);
      g_ptr_array_add (all, cols);
    }
  return all;
}

static void
layout_y_axis (RallyTimePlot *self,
               PangoLayout   *pango,
               Layout        *layout,
               double         v_min,
               double         v_max)
{
  guint target = (guint) MAX (2.0, floor (layout->plot_h / MIN_Y_SPACING));
  guint count;
  double widest = 0;

  _rally_time_plot_goal_bounds (self, FALSE, &v_min, &v_max);
  if (!isfinite (v_min))
    v_min = v_max = 0;
  /* Counts start from zero; a value axis that starts at 80M exaggerates growth. */
  rally_ticks_linear (MIN (0.0, v_min), MAX (0.0, v_max), target, &layout->y_lo, &layout->y_hi, &layout->y_step);
  count = rally_ticks_count (layout->y_lo, layout->y_hi, layout->y_step);

  layout->y_labels = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < count; i++)
    {
      double w;
      char *label = _rally_time_plot_format_value (self, 0, layout->y_lo + i * layout->y_step, FALSE);

      text_size (pango, label, &w, NULL);
      widest = MAX (widest, w);
      g_ptr_array_add (layout->y_labels, label);
    }
  layout->plot_x = MARGIN + widest + LABEL_GAP;
  layout->plot_w = MAX (1.0, layout->width - layout->plot_x - MARGIN * 2);
}

/* Date labels centred on their tick, nudged inside the widget at the ends, and
 * dropped when they would touch the previous one. */
static void
layout_x_axis (RallyTimePlot *self,
               PangoLayout   *pango,
               Layout        *layout)
{
  guint target = (guint) MAX (2.0, round (layout->plot_w / MIN_X_SPACING));
  double previous_right = -INFINITY;

  layout->x_ticks = self->launches != NULL ? _rally_time_plot_day_ticks (self->from, self->to, target)
                                           : rally_ticks_dates (self->from, self->to, target);
  layout->x_label_pos = g_array_sized_new (FALSE, FALSE, sizeof (double), layout->x_ticks->len);
  for (guint i = 0; i < layout->x_ticks->len; i++)
    {
      RallyDateTick *tick = &g_array_index (layout->x_ticks, RallyDateTick, i);
      double w, left;

      text_size (pango, tick->label, &w, NULL);
      left = x_for_time (self, layout, (double) tick->time) - w / 2;
      left = CLAMP (left, MARGIN / 2, layout->width - MARGIN / 2 - w);
      if (left < previous_right + LABEL_GAP * 2)
        left = NAN;
      else
        previous_right = left + w;
      g_array_append_val (layout->x_label_pos, left);
    }
}

/* Skips a vertex that would land within half a pixel of the previous one: it
 * changes nothing on screen and costs the stroker a join. */
static void
add_pixel (GArray *path,
           double  x,
           double  y)
{
  Pixel p = { x, y };

  if (path->len > 0)
    {
      const Pixel *last = &g_array_index (path, Pixel, path->len - 1);

      if (fabs (last->x - x) < 0.5 && fabs (last->y - y) < 0.5)
        return;
    }
  g_array_append_val (path, p);
}

static double
y_on_axis (const Layout *layout,
           gboolean      right,
           double        v)
{
  return right ? y_for_right (layout, v) : y_for_value (layout, v);
}

static void
layout_paths (RallyTimePlot *self,
              Layout        *layout,
              GPtrArray     *decimated,
              GArray        *counts)
{
  layout->paths = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  layout->markers = g_array_new (FALSE, FALSE, sizeof (gboolean));

  for (guint i = 0; i < decimated->len; i++)
    {
      GArray *cols = g_ptr_array_index (decimated, i);
      GArray *path = g_array_sized_new (FALSE, FALSE, sizeof (Pixel), cols->len * 2);
      gboolean markers = g_array_index (counts, guint, i) <= layout->plot_w / 16;
      gboolean right = layout->right.labels != NULL && series_on_right (self, i);
      double span;

      for (guint k = 0; k < cols->len; k++)
        {
          RallyDecimateColumn *col = &g_array_index (cols, RallyDecimateColumn, k);
          double xf = x_for_time (self, layout, col->x_first);
          double xl = x_for_time (self, layout, col->x_last);

          add_pixel (path, xf, y_on_axis (layout, right, col->first));
          if (col->first_index != col->last_index)
            {
              add_pixel (path, (xf + xl) / 2, y_on_axis (layout, right, col->min));
              add_pixel (path, (xf + xl) / 2, y_on_axis (layout, right, col->max));
              add_pixel (path, xl, y_on_axis (layout, right, col->last));
            }
        }

      /* Dots only where they stand apart: a short series in a long range gets a line. */
      span = path->len > 1 ? g_array_index (path, Pixel, path->len - 1).x - g_array_index (path, Pixel, 0).x : 0;
      if (path->len > 1 && span / (path->len - 1) < 10)
        markers = FALSE;

      g_ptr_array_add (layout->paths, path);
      g_array_append_val (layout->markers, markers);
    }
}

static void
build_layout (RallyTimePlot         *self,
              PangoLayout           *pango,
              int                    width,
              int                    height,
              double                 scale,
              const RallyChartStyle *style)
{
  Layout *layout = &self->layout;
  g_autoptr(GPtrArray) decimated = NULL;
  g_autoptr(GArray) counts = g_array_new (FALSE, FALSE, sizeof (guint));
  guint columns = (guint) CLAMP (ceil (width * scale), 1, 65536);
  double v_min[2], v_max[2];

  layout_clear (layout);
  layout->width = width;
  layout->height = height;
  layout->scale = scale;
  layout->font = pango_font_description_copy (style->font);
  layout->resolution = style->resolution;
  text_size (pango, "0123456789", NULL, &layout->text_h);

  layout->plot_y = layout_legend (self, pango, layout);
  if (self->n_right > 0)
    {
      /* a row for the two axes' titles, "Views" and "Donations (GBP)" */
      layout->titles_y = layout->plot_y;
      layout->plot_y += layout->text_h + 6;
    }
  layout->plot_h = MAX (1.0, height - layout->plot_y - layout->text_h - LABEL_GAP - MARGIN / 2);

  decimated = decimate_all (self, columns, v_min, v_max, counts);
  layout_y_axis (self, pango, layout, v_min[0], v_max[0]);
  if (self->n_right > 0)
    _rally_time_plot_layout_right (self, pango, layout, v_min[1], v_max[1]);
  layout_x_axis (self, pango, layout);
  layout_paths (self, layout, decimated, counts);
  _rally_time_plot_layout_events (self, pango, layout);
  layout->valid = TRUE;
}

static gboolean
layout_matches (const Layout          *layout,
                int                    width,
                int                    height,
                double                 scale,
                const RallyChartStyle *style)
{
  return layout->valid
      && layout->width == width
      && layout->height == height
      && layout->scale == scale
      && layout->resolution == style->resolution
      && pango_font_description_equal (layout->font, style->font);
}

/* ---- Drawing ----------------------------------------------------------- */

static void
draw_empty (RallyTimePlot         *self,
            cairo_t               *cr,
            PangoLayout           *pango,
            int                    width,
            int                    height,
            const RallyChartStyle *style)
{
  double w, h;

  pango_layout_set_width (pango, (width - 2 * (int) MARGIN) * PANGO_SCALE);
  pango_layout_set_alignment (pango, PANGO_ALIGN_CENTER);
  pango_layout_set_wrap (pango, PANGO_WRAP_WORD_CHAR);
  text_size (pango, self->empty_text, &w, &h);
  rally_chart_set_source (cr, &style->foreground, 0.55);
  cairo_move_to (cr, MARGIN, (height - h) / 2);
  pango_cairo_show_layout (cr, pango);
}

static void
draw_y_axis (RallyTimePlot         *self,
             cairo_t               *cr,
             PangoLayout           *pango,
             const RallyChartStyle *style)
{
  const Layout *layout = &self->layout;
  double right = layout->plot_x + layout->plot_w;

  cairo_set_line_width (cr, 1);
  for (guint i = 0; i < layout->y_labels->len; i++)
    {
      double v = layout->y_lo + i * layout->y_step;
      double y = round (y_for_value (layout, v)) + 0.5;
      double w;

      rally_chart_set_source (cr, &style->grid, v == 0 ? 2.0 : 1.0);
      cairo_move_to (cr, layout->plot_x, y);
      cairo_line_to (cr, right, y);
      cairo_stroke (cr);

      text_size (pango, g_ptr_array_index (layout->y_labels, i), &w, NULL);
      rally_chart_set_source (cr, &style->foreground, 0.7);
      cairo_move_to (cr, layout->plot_x - LABEL_GAP - w, y - layout->text_h / 2);
      pango_cairo_show_layout (cr, pango);
    }
}

static void
draw_x_axis (RallyTimePlot         *self,
             cairo_t               *cr,
             PangoLayout           *pango,
             const RallyChartStyle *style)
{
  const Layout *layout = &self->layout;
  double baseline = layout->plot_y + layout->plot_h;

  cairo_set_line_width (cr, 1);
  for (guint i = 0; i < layout->x_ticks->len; i++)
    {
      RallyDateTick *tick = &g_array_index (layout->x_ticks, RallyDateTick, i);
      double left = g_array_index (layout->x_label_pos, double, i);
      double x = round (x_for_time (self, layout, (double) tick->time)) + 0.5;

      rally_chart_set_source (cr, &style->grid, 1.5);
      cairo_move_to (cr, x, baseline);
      cairo_line_to (cr, x, baseline + 4);
      cairo_stroke (cr);

      if (isnan (left))
        continue;
      pango_layout_set_text (pango, tick->label, -1);
      rally_chart_set_source (cr, &style->foreground, 0.7);
      cairo_move_to (cr, left, baseline + LABEL_GAP / 2 + 2);
      pango_cairo_show_layout (cr, pango);
    }
}

static void
draw_legend (RallyTimePlot         *self,
             cairo_t               *cr,
             PangoLayout           *pango,
             const RallyChartStyle *style)
{
  const Layout *layout = &self->layout;

  for (guint i = 0; i < self->series->len; i++)
    {
      RallySeries *series = g_ptr_array_index (self->series, i);
      Pixel *pos = &g_array_index (layout->legend, Pixel, i);
      RallyChartColor color;
      double top = pos->y + (layout->text_h - LEGEND_SWATCH) / 2;

      rally_chart_style_series_color (style, series, &color);
      rally_chart_set_source (cr, &color, 1);
      cairo_new_sub_path (cr);
      cairo_arc (cr, pos->x + LEGEND_SWATCH / 2, top + LEGEND_SWATCH / 2, LEGEND_SWATCH / 2, 0, 2 * G_PI);
      cairo_fill (cr);

      pango_layout_set_text (pango, rally_series_get_name (series), -1);
      pango_layout_set_width (pango, (int) (legend_text_width (layout) * PANGO_SCALE));
      pango_layout_set_ellipsize (pango, PANGO_ELLIPSIZE_END);
      rally_chart_set_source (cr, &style->foreground, 1);
      cairo_move_to (cr, pos->x + LEGEND_SWATCH + 6, pos->y);
      pango_cairo_show_layout (cr, pango);
    }
  pango_layout_set_width (pango, -1);
  pango_layout_set_ellipsize (pango, PANGO_ELLIPSIZE_NONE);
}

static void
trace_path (cairo_t *cr,
            GArray  *path)
{
  for (guint k = 0; k < path->len; k++)
    {
      Pixel *p = &g_array_index (path, Pixel, k);

      cairo_line_to (cr, p->x, p->y);
    }
}

static void
draw_series_fill (RallyTimePlot         *self,
                  cairo_t               *cr,
                  const RallyChartStyle *style)
{
  const Layout *layout = &self->layout;
  double base = y_for_value (layout, CLAMP (0.0, layout->y_lo, layout->y_hi));

  for (guint i = 0; i < layout->paths->len; i++)
    {
      GArray *path = g_ptr_array_index (layout->paths, i);
      cairo_pattern_t *gradient;
      RallyChartColor color;

      if (path->len < 2)
        continue;
      rally_chart_style_series_color (style, g_ptr_array_index (self->series, i), &color);
      gradient = cairo_pattern_create_linear (0, layout->plot_y, 0, base);
      cairo_pattern_add_color_stop_rgba (gradient, 0, color.red, color.green, color.blue, 0.30);
      cairo_pattern_add_color_stop_rgba (gradient, 1, color.red, color.green, color.blue, 0.03);

      cairo_move_to (cr, g_array_index (path, Pixel, 0).x, base);
      trace_path (cr, path);
      cairo_line_to (cr, g_array_index (path, Pixel, path->len - 1).x, base);
      cairo_close_path (cr);
      cairo_set_source (cr, gradient);
      cairo_fill (cr);
      cairo_pattern_destroy (gradient);
    }
}

static void
draw_series_lines (RallyTimePlot         *self,
                   cairo_t               *cr,
                   const RallyChartStyle *style)
{
  const Layout *layout = &self->layout;

  cairo_set_line_width (cr, LINE_WIDTH);
  /* Bevel joins: round joins on thousands of vertices cost more than the rest
   * of the chart together, and at 2 px nobody sees the difference. */
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_BEVEL);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_tolerance (cr, 0.5);
  for (guint i = 0; i < layout->paths->len; i++)
    {
      GArray *path = g_ptr_array_index (layout->paths, i);
      RallyChartColor color;

      rally_chart_style_series_color (style, g_ptr_array_index (self->series, i), &color);
      rally_chart_set_source (cr, &color, 1);
      cairo_new_path (cr);
      trace_path (cr, path);
      cairo_stroke (cr);

      if (!g_array_index (layout->markers, gboolean, i) && path->len > 1)
        continue;
      for (guint k = 0; k < path->len; k++)
        {
          Pixel *p = &g_array_index (path, Pixel, k);

          cairo_new_sub_path (cr);
          cairo_arc (cr, p->x, p->y, 3, 0, 2 * G_PI);
        }
      cairo_fill (cr);
    }
}

static PangoLayout *
create_pango (cairo_t               *cr,
              const RallyChartStyle *style)
{
  return rally_chart_create_layout (cr, style);
}

static void
draw_chart (RallyTimePlot         *self,
            cairo_t               *cr,
            PangoLayout           *pango,
            const RallyChartStyle *style)
{
  const Layout *layout = &self->layout;

  cairo_save (cr);
  draw_y_axis (self, cr, pango, style);
  draw_x_axis (self, cr, pango, style);
  draw_legend (self, cr, pango, style);
  _rally_time_plot_draw_right (self, cr, pango, style);

  cairo_rectangle (cr, layout->plot_x - LINE_WIDTH * 2, layout->plot_y - LINE_WIDTH * 2,
                   layout->plot_w + LINE_WIDTH * 4, layout->plot_h + LINE_WIDTH * 4);
  cairo_clip (cr);
  _rally_time_plot_draw_bands (self, cr, style);
  if (self->fill)
    draw_series_fill (self, cr, style);
  draw_series_lines (self, cr, style);
  _rally_time_plot_draw_marks (self, cr, pango, style);
  cairo_restore (cr);
}

static gboolean
color_equal (const RallyChartColor *a,
             const RallyChartColor *b)
{
  return a->red == b->red && a->green == b->green && a->blue == b->blue && a->alpha == b->alpha;
}

static gboolean
style_equal (const RallyChartStyle *a,
             const RallyChartStyle *b)
{
  return a->font != NULL && b->font != NULL
      && color_equal (&a->foreground, &b->foreground)
      && color_equal (&a->grid, &b->grid)
      && color_equal (&a->background, &b->background)
      && color_equal (&a->accent, &b->accent)
      && a->resolution == b->resolution
      && pango_font_description_equal (a->font, b->font);
}

/* Renders the chart into the layout's image surface at device scale. */
static void
fill_cache (RallyTimePlot         *self,
            const RallyChartStyle *style)
{
  Layout *layout = &self->layout;
  g_autoptr(PangoLayout) pango = NULL;
  cairo_t *cache_cr;

  g_clear_pointer (&layout->cache, cairo_surface_destroy);
  rally_chart_style_clear (&layout->cache_style);

  layout->cache = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                              (int) ceil (layout->width * layout->scale),
                                              (int) ceil (layout->height * layout->scale));
  cairo_surface_set_device_scale (layout->cache, layout->scale, layout->scale);
  cache_cr = cairo_create (layout->cache);
  pango = create_pango (cache_cr, style);
  draw_chart (self, cache_cr, pango, style);
  cairo_destroy (cache_cr);

  layout->cache_style = *style;
  layout->cache_style.font = pango_font_description_copy (style->font);
}

/**
 * rally_time_plot_draw:
 * @scale: device pixels per unit, for decimation (2 on a HiDPI screen)
 *
 * Draws the axes, the series and the legend on @cr in a @width × @height box.
 */
void
rally_time_plot_draw (RallyTimePlot         *self,
                      cairo_t               *cr,
                      int                    width,
                      int                    height,
                      double                 scale,
                      const RallyChartStyle *style)
{
  g_autoptr(PangoLayout) pango = NULL;
  Layout *layout = &self->layout;

  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);

  if (width <= 0 || height <= 0)
    return;

  if (!self->has_data)
    {
      pango = create_pango (cr, style);
      draw_empty (self, cr, pango, width, height, style);
      return;
    }

  if (!layout_matches (layout, width, height, scale, style))
    {
      pango = create_pango (cr, style);
      build_layout (self, pango, width, height, scale, style);
    }

  if (!self->raster_cache)
    {
      if (pango == NULL)
        pango = create_pango (cr, style);
      draw_chart (self, cr, pango, style);
      return;
    }

  if (layout->cache == NULL || !style_equal (&layout->cache_style, style))
    fill_cache (self, style);
  cairo_save (cr);
  cairo_set_source_surface (cr, layout->cache, 0, 0);
  cairo_paint (cr);
  cairo_restore (cr);
}
