/* rally-bar-chart.c
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

/* RallyBarChart compares one metric across challenges or campaigns: one horizontal
 * bar per item, in its colour, with the abbreviated value at the end of the bar.
 * Horizontal bars keep long hashtags readable; below WIDE_WIDTH the label moves
 * above its bar so a 360 px window still shows everything. The height follows the
 * number of items (height-for-width). */

#define G_LOG_DOMAIN "RallyBarChart"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "rally-bar-chart.h"
#include "rally-format.h"
#include "rally-tooltip.h"

#define WIDE_WIDTH  480
#define MARGIN      8.0
#define GAP         8.0
#define BAR_HEIGHT  18.0
#define ROW_SPACING 10.0

typedef struct
{
  char   *label;
  double  value;
  double  rgb[3];
  char   *color;
} Item;

struct _RallyBarChart
{
  GtkWidget              parent_instance;

  GArray                *items;   /* Item */
  RallyChartStyle        style;
  RallyChartValueFormat  value_format;
  char                  *title;
  char                  *empty_text;
  double                 text_h;
};

G_DEFINE_FINAL_TYPE (RallyBarChart, rally_bar_chart, GTK_TYPE_WIDGET)

/* Geometry shared by drawing, measuring and hit testing. */
typedef struct
{
  gboolean wide;
  double   label_w;     /* wide: the label column */
  double   row_h;
  double   bar_x;
  double   bar_max_w;
  double   max_value;
} Geometry;

static void
clear_item (gpointer data)
{
  Item *item = data;

  g_clear_pointer (&item->label, g_free);
  g_clear_pointer (&item->color, g_free);
}

static double
row_height (gboolean wide,
            double   text_h)
{
  return wide ? MAX (text_h, BAR_HEIGHT) + ROW_SPACING : text_h + 2 + BAR_HEIGHT + ROW_SPACING;
}

static void
compute_geometry (RallyBarChart *self,
                  PangoLayout   *pango,
                  double         text_h,
                  int            width,
                  Geometry      *g)
{
  double widest_label = 0, widest_value = 0;

  g->max_value = 0;
  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = &g_array_index (self->items, Item, i);
      g_autofree char *value = rally_chart_format_value (self->value_format, item->value, FALSE);

      widest_label = MAX (widest_label, rally_chart_text_width (pango, item->label));
      widest_value = MAX (widest_value, rally_chart_text_width (pango, value));
      g->max_value = MAX (g->max_value, item->value);
    }

  g->wide = width >= WIDE_WIDTH;
  if (g->wide)
    {
      g->label_w = MIN (widest_label, width * 0.35);
      g->bar_x = MARGIN + g->label_w + GAP;
    }
  else
    {
      g->label_w = width - 2 * MARGIN;
      g->bar_x = MARGIN;
    }
  g->row_h = row_height (g->wide, text_h);
  g->bar_max_w = MAX (1.0, width - g->bar_x - GAP - widest_value - MARGIN);
}

static void
draw_row (RallyBarChart         *self,
          cairo_t               *cr,
          PangoLayout           *pango,
          const Geometry        *g,
          const RallyChartStyle *style,
          guint                  i,
          double                 text_h)
{
  Item *item = &g_array_index (self->items, Item, i);
  g_autofree char *value = rally_chart_format_value (self->value_format, item->value, FALSE);
  RallyChartColor color = { item->rgb[0], item->rgb[1], item->rgb[2], 1 };
  double top = MARGIN + i * g->row_h;
  double bar_y = g->wide ? top + (g->row_h - ROW_SPACING - BAR_HEIGHT) / 2 : top + text_h + 2;
  double bar_w = g->max_value > 0 ? MAX (0.0, item->value) / g->max_value * g->bar_max_w : 0;

  pango_layout_set_width (pango, (int) (g->label_w * PANGO_SCALE));
  pango_layout_set_ellipsize (pango, PANGO_ELLIPSIZE_END);
  pango_layout_set_alignment (pango, g->wide ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
  pango_layout_set_text (pango, item->label, -1);
  rally_chart_set_source (cr, &style->foreground, 1);
  cairo_move_to (cr, MARGIN, g->wide ? bar_y + (BAR_HEIGHT - text_h) / 2 : top);
  pango_cairo_show_layout (cr, pango);

  rally_chart_style_adjust_color (style, &color);
  rally_chart_set_source (cr, &color, 1);
  if (bar_w >= 1)
    {
      double r = MIN (4.0, bar_w / 2);

      cairo_new_sub_path (cr);
      cairo_arc (cr, g->bar_x + bar_w - r, bar_y + r, r, -G_PI / 2, 0);
      cairo_arc (cr, g->bar_x + bar_w - r, bar_y + BAR_HEIGHT - r, r, 0, G_PI / 2);
      cairo_line_to (cr, g->bar_x, bar_y + BAR_HEIGHT);
      cairo_line_to (cr, g->bar_x, bar_y);
      cairo_close_path (cr);
      cairo_fill (cr);
    }

  pango_layout_set_width (pango, -1);
  pango_layout_set_alignment (pango, PANGO_ALIGN_LEFT);
  pango_layout_set_text (pango, value, -1);
  rally_chart_set_source (cr, &style->foreground, 0.8);
  cairo_move_to (cr, g->bar_x + bar_w + GAP, bar_y + (BAR_HEIGHT - text_h) / 2);
  pango_cairo_show_layout (cr, pango);
}

static double
measure_text_height (PangoLayout *pango)
{
  int h;

  pango_layout_set_text (pango, "Ag0", -1);
  pango_layout_get_pixel_size (pango, NULL, &h);
  return h;
}

static void
draw (gpointer               data,
      cairo_t               *cr,
      int                    width,
      int                    height,
      const RallyChartStyle *style)
{
  RallyBarChart *self = data;
  g_autoptr(PangoLayout) pango = rally_chart_create_layout (cr, style);
  Geometry g;
  double text_h;

  text_h = measure_text_height (pango);

  if (self->items->len == 0)
    {
      pango_layout_set_width (pango, (int) ((width - 2 * MARGIN) * PANGO_SCALE));
      pango_layout_set_alignment (pango, PANGO_ALIGN_CENTER);
      pango_layout_set_wrap (pango, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_text (pango, self->empty_text, -1);
      rally_chart_set_source (cr, &style->foreground, 0.55);
      cairo_move_to (cr, MARGIN, (height - text_h) / 2);
      pango_cairo_show_layout (cr, pango);
      return;
    }

  compute_geometry (self, pango, text_h, width, &g);
  for (guint i = 0; i < self->items->len; i++)
    draw_row (self, cr, pango, &g, style, i, text_h);
}

static void
rally_bar_chart_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  RallyBarChart *self = RALLY_BAR_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  draw (self, cr, width, height, &self->style);
  cairo_destroy (cr);
}

/* Measured exactly as draw() will lay the text out. */
static double
widget_text_height (RallyBarChart *self)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(PangoLayout) pango = rally_chart_create_layout (cr, &self->style);
  double height = measure_text_height (pango);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return height;
}

static GtkSizeRequestMode
rally_bar_chart_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
rally_bar_chart_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  RallyBarChart *self = RALLY_BAR_CHART (widget);
  double text_h = widget_text_height (self);
  guint rows = MAX (1, self->items->len);
  gboolean wide = for_size < 0 || for_size >= WIDE_WIDTH;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 120;
      *natural = WIDE_WIDTH;
      return;
    }

  *minimum = (int) ceil (2 * MARGIN + rows * row_height (wide, text_h));
  *natural = *minimum;
}

/**
 * rally_bar_chart_get_item_at:
 *
 * Returns: the index of the item whose row is at (@x, @y), or -1
 */
gint
rally_bar_chart_get_item_at (RallyBarChart *self,
                             double         x,
                             double         y)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  double text_h = widget_text_height (self);
  double row_h;
  gint row;

  g_return_val_if_fail (RALLY_IS_BAR_CHART (self), -1);

  row_h = row_height (width >= WIDE_WIDTH, text_h);
  if (y < MARGIN || x < 0 || x > width)
    return -1;
  row = (gint) floor ((y - MARGIN) / row_h);
  return row < (gint) self->items->len ? row : -1;
}

static gboolean
query_tooltip_cb (GtkWidget     *widget,
                  int            x,
                  int            y,
                  gboolean       keyboard_mode,
                  GtkTooltip    *tooltip,
                  RallyBarChart *self)
{
  gint index = keyboard_mode ? -1 : rally_bar_chart_get_item_at (self, x, y);
  g_autofree char *value = NULL;
  g_autofree char *text = NULL;
  Item *item;

  if (keyboard_mode)
    {
      text = rally_bar_chart_dup_description (self);
      rally_tooltip_set_wrapped (tooltip, text);
      return TRUE;
    }
  if (index < 0)
    return FALSE;

  item = &g_array_index (self->items, Item, index);
  value = rally_chart_format_value (self->value_format, item->value, TRUE);
  /* Translators: a bar chart tooltip: item name and its exact value */
  text = g_strdup_printf (_("%s: %s"), item->label, value);
  rally_tooltip_set_wrapped (tooltip, text);
  return TRUE;
}

static void
update_accessible (RallyBarChart *self)
{
  g_autofree char *description = rally_bar_chart_dup_description (self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->title != NULL ? self->title : _("Bar chart"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static void
changed (RallyBarChart *self)
{
  gtk_widget_queue_resize (GTK_WIDGET (self));
  update_accessible (self);
}

static void
rally_bar_chart_css_changed (GtkWidget         *widget,
                             GtkCssStyleChange *change)
{
  RallyBarChart *self = RALLY_BAR_CHART (widget);

  GTK_WIDGET_CLASS (rally_bar_chart_parent_class)->css_changed (widget, change);

  rally_chart_style_clear (&self->style);
  rally_chart_style_init_widget (&self->style, widget);
  gtk_widget_queue_resize (widget);
}

static void
rally_bar_chart_finalize (GObject *object)
{
  RallyBarChart *self = RALLY_BAR_CHART (object);

  g_clear_pointer (&self->items, g_array_unref);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->empty_text, g_free);
  rally_chart_style_clear (&self->style);

  G_OBJECT_CLASS (rally_bar_chart_parent_class)->finalize (object);
}

static void
rally_bar_chart_class_init (RallyBarChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = rally_bar_chart_finalize;

  widget_class->snapshot = rally_bar_chart_snapshot;
  widget_class->measure = rally_bar_chart_measure;
  widget_class->get_request_mode = rally_bar_chart_get_request_mode;
  widget_class->css_changed = rally_bar_chart_css_changed;

  gtk_widget_class_set_css_name (widget_class, "rally-bar-chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
rally_bar_chart_init (RallyBarChart *self)
{
  self->items = g_array_new (FALSE, TRUE, sizeof (Item));
  g_array_set_clear_func (self->items, clear_item);
  self->empty_text = g_strdup (_("Nothing to compare yet"));
  rally_chart_style_init_widget (&self->style, GTK_WIDGET (self));

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), self);
  update_accessible (self);
}

GtkWidget *
rally_bar_chart_new (void)
{
  return g_object_new (RALLY_TYPE_BAR_CHART, NULL);
}

void
rally_bar_chart_clear (RallyBarChart *self)
{
  g_return_if_fail (RALLY_IS_BAR_CHART (self));

  g_array_set_size (self->items, 0);
  changed (self);
}

/**
 * rally_bar_chart_append:
 * @label: the item's name ("#ForClimate")
 * @value: its value; negative values draw no bar
 * @color: (nullable): "#rrggbb", the campaign colour
 */
void
rally_bar_chart_append (RallyBarChart *self,
                        const char    *label,
                        double         value,
                        const char    *color)
{
  Item item = { 0 };
  g_autoptr(RallySeries) parsed = NULL;

  g_return_if_fail (RALLY_IS_BAR_CHART (self));

  /* RallySeries already validates colours and falls back to blue. */
  parsed = rally_series_new (label, color);
  item.label = g_strdup (label != NULL ? label : "");
  item.value = isfinite (value) ? value : 0;
  item.color = g_strdup (rally_series_get_color (parsed));
  rally_series_get_rgb (parsed, &item.rgb[0], &item.rgb[1], &item.rgb[2]);
  g_array_append_val (self->items, item);
  changed (self);
}

guint
rally_bar_chart_get_n_items (RallyBarChart *self)
{
  g_return_val_if_fail (RALLY_IS_BAR_CHART (self), 0);

  return self->items->len;
}

RallyChartValueFormat
rally_bar_chart_get_value_format (RallyBarChart *self)
{
  g_return_val_if_fail (RALLY_IS_BAR_CHART (self), RALLY_CHART_VALUE_COUNT);

  return self->value_format;
}

void
rally_bar_chart_set_value_format (RallyBarChart         *self,
                                  RallyChartValueFormat  format)
{
  g_return_if_fail (RALLY_IS_BAR_CHART (self));

  self->value_format = format;
  changed (self);
}

/**
 * rally_bar_chart_set_title:
 *
 * The accessible name ("Views by challenge"); not drawn.
 */
void
rally_bar_chart_set_title (RallyBarChart *self,
                           const char    *title)
{
  g_return_if_fail (RALLY_IS_BAR_CHART (self));

  g_free (self->title);
  self->title = g_strdup (title);
  update_accessible (self);
}

void
rally_bar_chart_set_empty_text (RallyBarChart *self,
                                const char    *text)
{
  g_return_if_fail (RALLY_IS_BAR_CHART (self));

  g_free (self->empty_text);
  self->empty_text = g_strdup (text != NULL ? text : "");
  changed (self);
}

/**
 * rally_bar_chart_dup_description:
 *
 * Returns: (transfer full): every item and its value, for screen readers
 */
char *
rally_bar_chart_dup_description (RallyBarChart *self)
{
  GString *out;

  g_return_val_if_fail (RALLY_IS_BAR_CHART (self), NULL);

  if (self->items->len == 0)
    return g_strdup (self->empty_text);

  out = g_string_new (NULL);
  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = &g_array_index (self->items, Item, i);
      g_autofree char *value = rally_chart_format_value (self->value_format, item->value, FALSE);

      if (i > 0)
        g_string_append (out, "; ");
      /* Translators: one item of a bar chart's accessible description */
      g_string_append_printf (out, _("%s: %s"), item->label, value);
    }
  g_string_append_c (out, '.');
  return g_string_free (out, FALSE);
}

/**
 * rally_bar_chart_export:
 *
 * Like rally_time_chart_export(): the same drawing, light palette, atomic write.
 */
gboolean
rally_bar_chart_export (RallyBarChart     *self,
                        const char        *path,
                        RallyChartFormat   format,
                        int                width,
                        int                height,
                        GError           **error)
{
  RallyChartStyle style;
  gboolean ok;

  g_return_val_if_fail (RALLY_IS_BAR_CHART (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  rally_chart_style_init_light (&style, self->style.font);
  ok = rally_chart_export (draw, self, &style, path, format, width, height, self->title, NULL, error);
  rally_chart_style_clear (&style);
  return ok;
}

/**
 * rally_bar_chart_draw:
 * @self: a #RallyBarChart
 * @cr: where to draw, e.g. a page of a PDF report
 * @width: the area's width, from the current point of @cr
 * @height: its height
 * @style: colours and font, e.g. from rally_chart_style_init_light()
 *
 * Draws the chart as the widget shows it, without the widget being shown.
 */
void
rally_bar_chart_draw (RallyBarChart         *self,
                      cairo_t               *cr,
                      int                    width,
                      int                    height,
                      const RallyChartStyle *style)
{
  g_return_if_fail (RALLY_IS_BAR_CHART (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (style != NULL);

  draw (self, cr, width, height, style);
}
