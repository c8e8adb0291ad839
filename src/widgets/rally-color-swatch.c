/* rally-color-swatch.c
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

#define G_LOG_DOMAIN "RallyColorSwatch"

#include "config.h"

#include "rally-color-swatch.h"

/* A filled circle of one colour, given as a CSS colour string ("#3584e4"). */

struct _RallyColorSwatch
{
  GtkWidget  parent_instance;

  char      *color;
  GdkRGBA    rgba;
};

G_DEFINE_FINAL_TYPE (RallyColorSwatch, rally_color_swatch, GTK_TYPE_WIDGET)

static void
rally_color_swatch_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  RallyColorSwatch *self = RALLY_COLOR_SWATCH (widget);
  float w = gtk_widget_get_width (widget);
  float h = gtk_widget_get_height (widget);
  float size = MIN (w, h);
  GskRoundedRect rect;

  gsk_rounded_rect_init_from_rect (&rect, &GRAPHENE_RECT_INIT ((w - size) / 2, (h - size) / 2, size, size),
                                   size / 2);
  gtk_snapshot_push_rounded_clip (snapshot, &rect);
  gtk_snapshot_append_color (snapshot, &self->rgba, &rect.bounds);
  gtk_snapshot_pop (snapshot);
}

static void
rally_color_swatch_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  *minimum = 12;
  *natural = 16;
}

static void
rally_color_swatch_finalize (GObject *object)
{
  RallyColorSwatch *self = RALLY_COLOR_SWATCH (object);

  g_clear_pointer (&self->color, g_free);

  G_OBJECT_CLASS (rally_color_swatch_parent_class)->finalize (object);
}

static void
rally_color_swatch_class_init (RallyColorSwatchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = rally_color_swatch_finalize;
  widget_class->snapshot = rally_color_swatch_snapshot;
  widget_class->measure = rally_color_swatch_measure;

  gtk_widget_class_set_css_name (widget_class, "colorswatch");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
rally_color_swatch_init (RallyColorSwatch *self)
{
  rally_color_swatch_set_color (self, NULL);
}

GtkWidget *
rally_color_swatch_new (const char *color)
{
  RallyColorSwatch *self = g_object_new (RALLY_TYPE_COLOR_SWATCH, NULL);

  rally_color_swatch_set_color (self, color);
  return GTK_WIDGET (self);
}

/**
 * rally_color_swatch_set_color:
 * @color: (nullable): a CSS colour; %NULL or an unparsable one shows grey
 */
void
rally_color_swatch_set_color (RallyColorSwatch *self,
                              const char       *color)
{
  g_return_if_fail (RALLY_IS_COLOR_SWATCH (self));

  g_free (self->color);
  self->color = g_strdup (color);
  if (color == NULL || !gdk_rgba_parse (&self->rgba, color))
    self->rgba = (GdkRGBA) { 0.6, 0.6, 0.6, 1.0 };

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const char *
rally_color_swatch_get_color (RallyColorSwatch *self)
{
  g_return_val_if_fail (RALLY_IS_COLOR_SWATCH (self), NULL);

  return self->color;
}
