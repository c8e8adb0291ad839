/* rally-time-plot-cursor.c
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

/* Where a RallyTimePlot is pointed at: the time under the pointer, the stops the
 * keyboard crosshair moves between, the crosshair itself, its tooltip, and the
 * chart told in words for screen readers. All of it uses the layout of the last
 * draw (rally-time-plot.c). */

#define G_LOG_DOMAIN "RallyTimePlot"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "rally-format.h"
#include "rally-time-plot-private.h"

/**
 * rally_time_plot_draw_cursor:
 * @t: the time under the crosshair
 *
 * Draws a vertical line at @t and a dot on each series at its value then.
 * Uses the layout of the last draw.
 */
void
rally_time_plot_draw_cursor (RallyTimePlot         *self,
                             cairo_t               *cr,
                             const RallyChartStyle *style,
                             gint64                 t)
{
  const Layout *layout = &self->layout;
  double x;

  if (!layout->valid || t < self->from || t > self->to)
    return;

  x = round (x_for_time (self, layout, (double) t)) + 0.5;
  rally_chart_set_source (cr, &style->foreground, 0.5);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, x, layout->plot_y);
  cairo_line_to (cr, x, layout->plot_y + layout->plot_h);
  cairo_stroke (cr);

  for (guint i = 0; i < self->series->len; i++)
    {
      RallySeries *series = g_ptr_array_index (self->series, i);
      gint index = rally_series_find_at_or_before (series, t);
      RallyChartColor color;
      double y;

      if (index < 0)
        continue;
      y = rally_series_get_points (series, NULL)[index].v;
      y = layout->right.labels != NULL && series_on_right (self, i) ? y_for_right (layout, y) : y_for_value (layout, y);
      rally_chart_style_series_color (style, series, &color);
      cairo_new_sub_path (cr);
      cairo_arc (cr, x, y, 5, 0, 2 * G_PI);
      rally_chart_set_source (cr, &style->background, 1);
      cairo_fill_preserve (cr);
      rally_chart_set_source (cr, &color, 1);
      cairo_set_line_width (cr, 2.5);
      cairo_stroke (cr);
    }
}

/**
 * rally_time_plot_time_at:
 *
 * Returns: %TRUE when (@x, @y) is over the plot area of the last draw, with the
 *   time at @x
 */
gboolean
rally_time_plot_time_at (RallyTimePlot *self,
                         double         x,
                         double         y,
                         gint64        *t)
{
  const Layout *layout = &self->layout;
  double fraction;

  if (!layout->valid || layout->plot_w <= 0)
    return FALSE;
  if (x < layout->plot_x - 16 || x > layout->plot_x + layout->plot_w + 16
      || y < layout->plot_y - 16 || y > layout->plot_y + layout->plot_h + 16)
    return FALSE;

  fraction = CLAMP ((x - layout->plot_x) / layout->plot_w, 0.0, 1.0);
  *t = self->from + (gint64) round (fraction * (double) (self->to - self->from));
  return TRUE;
}

/* A k-way merge of the sorted series inside the range, without duplicates. */
static GArray *
build_stops (RallyTimePlot *self)
{
  guint k = self->series->len;
  g_autofree guint *heads = g_new0 (guint, k);
  g_autofree guint *ends = g_new0 (guint, k);
  GArray *stops = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < k; i++)
    {
      RallySeries *series = g_ptr_array_index (self->series, i);

      heads[i] = (guint) (rally_series_find_at_or_before (series, self->from - 1) + 1);
      ends[i] = (guint) (rally_series_find_at_or_before (series, self->to) + 1);
    }

  for (;;)
    {
      gint64 next = G_MAXINT64;
      gboolean any = FALSE;

      for (guint i = 0; i < k; i++)
        if (heads[i] < ends[i])
          {
            next = MIN (next, rally_series_get_points (g_ptr_array_index (self->series, i), NULL)[heads[i]].t);
            any = TRUE;
          }
      if (!any)
        break;
      g_array_append_val (stops, next);
      for (guint i = 0; i < k; i++)
        {
          const RallyPoint *points = rally_series_get_points (g_ptr_array_index (self->series, i), NULL);

          while (heads[i] < ends[i] && points[heads[i]].t == next)
            heads[i]++;
        }
    }
  return stops;
}

/**
 * rally_time_plot_get_stops:
 *
 * Returns: (array length=n_stops): every distinct time with a point in the range,
 *   sorted; where the crosshair can rest
 */
const gint64 *
rally_time_plot_get_stops (RallyTimePlot *self,
                           guint         *n_stops)
{
  if (self->stops == NULL)
    self->stops = build_stops (self);
  *n_stops = self->stops->len;
  return (const gint64 *) (gpointer) self->stops->data;
}

/**
 * rally_time_plot_nearest_stop:
 *
 * Returns: the index of the stop nearest to @t, or -1 when there are none
 */
gint
rally_time_plot_nearest_stop (RallyTimePlot *self,
                              gint64         t)
{
  guint n, lo = 0, hi;
  const gint64 *stops = rally_time_plot_get_stops (self, &n);

  if (n == 0)
    return -1;
  hi = n;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (stops[mid] < t)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo == n)
    return (gint) n - 1;
  if (lo > 0 && t - stops[lo - 1] < stops[lo] - t)
    return (gint) lo - 1;
  return (gint) lo;
}

/**
 * rally_time_plot_tooltip_markup:
 *
 * @style: the tooltip's palette, to keep each series' bullet readable on it
 *
 * Returns: (transfer full): the date of @t and each series' exact value then
 */
char *
rally_time_plot_tooltip_markup (RallyTimePlot         *self,
                                const RallyChartStyle *style,
                                gint64                 t)
{
  g_autofree char *date = _rally_time_plot_format_stop (self, t);
  GString *markup = g_string_new (NULL);

  g_string_append_printf (markup, "<b>%s</b>", date);
  for (guint i = 0; i < self->series->len; i++)
    {
      RallySeries *series = g_ptr_array_index (self->series, i);
      gint index = rally_series_find_at_or_before (series, t);
      g_autofree char *value = NULL;
      g_autofree char *name = NULL;
      RallyChartColor color;

      if (index < 0)
        continue;
      rally_chart_style_series_color (style, series, &color);
      value = _rally_time_plot_format_value (self, i, rally_series_get_points (series, NULL)[index].v, TRUE);
      name = g_markup_escape_text (rally_series_get_name (series), -1);
      g_string_append_printf (markup, "\n<span foreground=\"#%02x%02x%02x\">●</span> ",
                              (int) round (color.red * 255), (int) round (color.green * 255),
                              (int) round (color.blue * 255));
      /* Translators: a line of a chart tooltip: series name and its value */
      g_string_append_printf (markup, _("%s: %s"), name, value);
      _rally_time_plot_tooltip_date (self, i, t, markup);
      _rally_time_plot_tooltip_series_note (self, i, markup);
    }
  _rally_time_plot_tooltip_common_note (self, markup);
  _rally_time_plot_tooltip_events (self, t, markup);
  return g_string_free (markup, FALSE);
}

static void
describe_series (RallyTimePlot *self,
                 guint          index,
                 GString       *out)
{
  RallySeries *series = g_ptr_array_index (self->series, index);
  const RallyPoint *points;
  guint n, first, peak;
  gint last;
  g_autofree char *last_text = NULL;
  g_autofree char *peak_text = NULL;
  g_autofree char *peak_date = NULL;

  points = rally_series_get_points (series, &n);
  first = (guint) (rally_series_find_at_or_before (series, self->from - 1) + 1);
  last = rally_series_find_at_or_before (series, self->to);
  if (last < (gint) first)
    {
      /* Translators: accessible description of a chart series without points */
      g_string_append_printf (out, _(" %s: no data."), rally_series_get_name (series));
      return;
    }

  peak = first;
  for (guint i = first; i <= (guint) last; i++)
    if (points[i].v > points[peak].v)
      peak = i;

  last_text = _rally_time_plot_format_value (self, index, points[last].v, FALSE);
  peak_text = _rally_time_plot_format_value (self, index, points[peak].v, FALSE);
  peak_date = _rally_time_plot_format_stop (self, points[peak].t);
  /* Translators: accessible description of one chart series: name, last value,
   * highest value and its date */
  g_string_append_printf (out, _(" %s: latest %s, peak %s on %s."),
                          rally_series_get_name (series), last_text, peak_text, peak_date);
}

/**
 * rally_time_plot_describe:
 *
 * Returns: (transfer full): a sentence or two for screen readers: the range shown,
 *   then each series' latest value and peak
 */
char *
rally_time_plot_describe (RallyTimePlot *self)
{
  GString *out;

  if (!self->has_data)
    return g_strdup (self->empty_text);

  out = g_string_new (NULL);
  _rally_time_plot_describe_range (self, out);
  for (guint i = 0; i < self->series->len; i++)
    describe_series (self, i, out);
  _rally_time_plot_describe_marks (self, out);
  return g_string_free (out, FALSE);
}
