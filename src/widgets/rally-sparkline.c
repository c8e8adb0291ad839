/* rally-sparkline.c
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

#define G_LOG_DOMAIN "RallySparkline"

#include "config.h"

#include <math.h>

#include "rally-sparkline.h"

/* A tiny line chart without axes: the shape of a series at a glance. Values are
 * normalised to [0, 1] when set, so snapshot only scales them to the widget. */

struct _RallySparkline
{
  GtkWidget  parent_instance;

  GArray    *normalized;   /* double, in [0, 1] */
  GdkRGBA    color;
  gboolean   has_color;
};

G_DEFINE_FINAL_TYPE (RallySparkline, rally_sparkline, GTK_TYPE_WIDGET)

static GdkRGBA
get_line_color (RallySparkline *self)
{
  GdkRGBA color = { 0.21, 0.52, 0.89, 1.0 };

  if (self->has_color)
    return self->color;

  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), &color);
  return color;
}

static void
rally_sparkline_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  RallySparkline *self = RALLY_SPARKLINE (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GdkRGBA color = get_line_color (self);
  guint n = self->normalized->len;
  cairo_t *cr;

  if (n < 2 || width < 4 || height < 4)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_set_line_width (cr, 1.5);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  for (guint i = 0; i < n; i++)
    {
      double x = 1.0 + (width - 2.0) * i / (n - 1);
      double y = 1.0 + (height - 2.0) * (1.0 - g_array_index (self->normalized, double, i));

      if (i == 0)
        cairo_move_to (cr, x, y);
      else
        cairo_line_to (cr, x, y);
    }

  gdk_cairo_set_source_rgba (cr, &color);
  cairo_stroke_preserve (cr);

  /* A faint fill under the line */
  cairo_line_to (cr, width - 1.0, height);
  cairo_line_to (cr, 1.0, height);
  cairo_close_path (cr);
  cairo_set_source_rgba (cr, color.red, color.green, color.blue, color.alpha * 0.2);
  cairo_fill (cr);
  cairo_destroy (cr);
}

static void
rally_sparkline_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 24 : 12;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 80 : 24;
}

static void
rally_sparkline_finalize (GObject *object)
{
  RallySparkline *self = RALLY_SPARKLINE (object);

  g_clear_pointer (&self->normalized, g_array_unref);

  G_OBJECT_CLASS (rally_sparkline_parent_class)->finalize (object);
}

static void
rally_sparkline_class_init (RallySparklineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = rally_sparkline_finalize;
  widget_class->snapshot = rally_sparkline_snapshot;
  widget_class->measure = rally_sparkline_measure;

  gtk_widget_class_set_css_name (widget_class, "sparkline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
rally_sparkline_init (RallySparkline *self)
{
  self->normalized = g_array_new (FALSE, FALSE, sizeof (double));
}

GtkWidget *
rally_sparkline_new (void)
{
  return g_object_new (RALLY_TYPE_SPARKLINE, NULL);
}

/**
 * rally_sparkline_set_values:
 * @values: (array length=n_values) (nullable): the series, oldest first
 *
 * Replaces the series. A flat series is drawn along the middle; non-finite
 * values count as 0.
 */
void
rally_sparkline_set_values (RallySparkline *self,
                            const double   *values,
                            guint           n_values)
{
  double lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE;

  g_return_if_fail (RALLY_IS_SPARKLINE (self));
  g_return_if_fail (values != NULL || n_values == 0);

  g_array_set_size (self->normalized, n_values);
  for (guint i = 0; i < n_values; i++)
    {
      double v = isfinite (values[i]) ? values[i] : 0.0;

      lo = MIN (lo, v);
      hi = MAX (hi, v);
    }

  for (guint i = 0; i < n_values; i++)
    {
      double v = isfinite (values[i]) ? values[i] : 0.0;

      g_array_index (self->normalized, double, i) = hi > lo ? (v - lo) / (hi - lo) : 0.5;
    }

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
rally_sparkline_get_n_values (RallySparkline *self)
{
  g_return_val_if_fail (RALLY_IS_SPARKLINE (self), 0);

  return self->normalized->len;
}

/**
 * rally_sparkline_set_color:
 * @color: (nullable): the line colour, or %NULL for the text colour
 */
void
rally_sparkline_set_color (RallySparkline *self,
                           const GdkRGBA  *color)
{
  g_return_if_fail (RALLY_IS_SPARKLINE (self));

  self->has_color = color != NULL;
  if (color != NULL)
    self->color = *color;

  gtk_widget_queue_draw (GTK_WIDGET (self));
}
