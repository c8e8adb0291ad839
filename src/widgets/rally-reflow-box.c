/* rally-reflow-box.c
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

/* Two children side by side when there is room, the second below the first when
 * there is not: a form with its preview beside it on a laptop, under it on a phone.
 *
 * A GtkBox cannot do this: its minimum width is the sum of its children's, so the
 * window could never become narrow enough to flip it. This box asks only for the
 * wider child's minimum, and decides the arrangement from the width it is given:
 * side by side from `fold-threshold` pixels, the end child then `end-width` wide. */

#define G_LOG_DOMAIN "RallyReflowBox"

#include "config.h"

#include "rally-reflow-box.h"

struct _RallyReflowBox
{
  GtkWidget  parent_instance;

  GtkWidget *start_child;
  GtkWidget *end_child;
  int        end_width;
  int        fold_threshold;
  int        spacing;
  int        end_offset;
  gboolean   folded;
};

G_DEFINE_FINAL_TYPE (RallyReflowBox, rally_reflow_box, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_START_CHILD,
  PROP_END_CHILD,
  PROP_END_WIDTH,
  PROP_FOLD_THRESHOLD,
  PROP_SPACING,
  PROP_FOLDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
is_folded_at (RallyReflowBox *self,
              int             width)
{
  return width < 0 || width < self->fold_threshold;
}

static void
measure_child (GtkWidget      *child,
               GtkOrientation  orientation,
               int             for_size,
               int            *minimum,
               int            *natural)
{
  *minimum = *natural = 0;
  if (child != NULL && gtk_widget_should_layout (child))
    gtk_widget_measure (child, orientation, for_size, minimum, natural, NULL, NULL);
}

static void
measure_width (RallyReflowBox *self,
               int            *minimum,
               int            *natural)
{
  int start_min, start_nat, end_min, end_nat;

  measure_child (self->start_child, GTK_ORIENTATION_HORIZONTAL, -1, &start_min, &start_nat);
  measure_child (self->end_child, GTK_ORIENTATION_HORIZONTAL, -1, &end_min, &end_nat);

  *minimum = MAX (start_min, end_min);
  *natural = MAX (start_nat + self->spacing + MAX (end_nat, self->end_width), self->fold_threshold);
}

static void
measure_height (RallyReflowBox *self,
                int             width,
                int            *minimum,
                int            *natural)
{
  int start_min, start_nat, end_min, end_nat;

  if (is_folded_at (self, width))
    {
      measure_child (self->start_child, GTK_ORIENTATION_VERTICAL, width, &start_min, &start_nat);
      measure_child (self->end_child, GTK_ORIENTATION_VERTICAL, width, &end_min, &end_nat);
      *minimum = start_min + self->spacing + end_min;
      *natural = start_nat + self->spacing + end_nat;
      return;
    }

  measure_child (self->start_child, GTK_ORIENTATION_VERTICAL,
                 width - self->spacing - self->end_width, &start_min, &start_nat);
  measure_child (self->end_child, GTK_ORIENTATION_VERTICAL, self->end_width, &end_min, &end_nat);
  *minimum = MAX (start_min, end_min);
  *natural = MAX (start_nat, end_nat);
}

static void
rally_reflow_box_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  RallyReflowBox *self = RALLY_REFLOW_BOX (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    measure_width (self, minimum, natural);
  else
    measure_height (self, for_size, minimum, natural);
}

static GtkSizeRequestMode
rally_reflow_box_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
set_folded (RallyReflowBox *self,
            gboolean        folded)
{
  if (self->folded == folded)
    return;

  self->folded = folded;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLDED]);
}

static void
rally_reflow_box_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  RallyReflowBox *self = RALLY_REFLOW_BOX (widget);
  gboolean folded = is_folded_at (self, width);
  int start_width = folded ? width : width - self->spacing - self->end_width;
  int start_min, start_nat;

  measure_child (self->start_child, GTK_ORIENTATION_VERTICAL, start_width, &start_min, &start_nat);

  if (self->start_child != NULL && gtk_widget_should_layout (self->start_child))
    gtk_widget_size_allocate (self->start_child,
                              &(GtkAllocation) { 0, 0, start_width, folded ? start_nat : height },
                              -1);

  if (self->end_child != NULL && gtk_widget_should_layout (self->end_child))
    {
      GtkAllocation end;

      if (folded)
        end = (GtkAllocation) { 0, start_nat + self->spacing, width, MAX (0, height - start_nat - self->spacing) };
      else
        {
          int end_min, end_nat, top;

          /* Beside the start child, the end child follows the scroll offset down
           * but never past the bottom: it stays in view while the form scrolls. */
          measure_child (self->end_child, GTK_ORIENTATION_VERTICAL, self->end_width, &end_min, &end_nat);
          top = CLAMP (self->end_offset, 0, MAX (0, height - end_nat));
          end = (GtkAllocation) { width - self->end_width, top, self->end_width, MAX (end_nat, height - top) };
          if (top + end.height > height)
            end.height = MAX (end_nat, height - top);
        }

      gtk_widget_size_allocate (self->end_child, &end, -1);
    }

  /* Listeners must not change sizes from this notification: it comes mid-layout. */
  set_folded (self, folded);
}

static void
set_child (RallyReflowBox  *self,
           GtkWidget      **slot,
           GtkWidget       *child,
           GParamSpec      *pspec)
{
  if (*slot == child)
    return;

  g_clear_pointer (slot, gtk_widget_unparent);
  if (child != NULL)
    {
      *slot = child;
      gtk_widget_set_parent (child, GTK_WIDGET (self));
      /* Keep the focus and reading order: start child first. */
      if (slot == &self->start_child && self->end_child != NULL)
        gtk_widget_insert_before (child, GTK_WIDGET (self), self->end_child);
    }

  g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

static void
rally_reflow_box_dispose (GObject *object)
{
  RallyReflowBox *self = RALLY_REFLOW_BOX (object);

  g_clear_pointer (&self->start_child, gtk_widget_unparent);
  g_clear_pointer (&self->end_child, gtk_widget_unparent);

  G_OBJECT_CLASS (rally_reflow_box_parent_class)->dispose (object);
}

static void
rally_reflow_box_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  RallyReflowBox *self = RALLY_REFLOW_BOX (object);

  switch (prop_id)
    {
    case PROP_START_CHILD:
      g_value_set_object (value, self->start_child);
      break;
    case PROP_END_CHILD:
      g_value_set_object (value, self->end_child);
      break;
    case PROP_END_WIDTH:
      g_value_set_int (value, self->end_width);
      break;
    case PROP_FOLD_THRESHOLD:
      g_value_set_int (value, self->fold_threshold);
      break;
    case PROP_SPACING:
      g_value_set_int (value, self->spacing);
      break;
    case PROP_FOLDED:
      g_value_set_boolean (value, self->folded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_int (RallyReflowBox *self,
         int            *field,
         int             value,
         guint           prop_id)
{
  if (*field == value)
    return;

  *field = value;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
rally_reflow_box_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  RallyReflowBox *self = RALLY_REFLOW_BOX (object);

  switch (prop_id)
    {
    case PROP_START_CHILD:
      rally_reflow_box_set_start_child (self, g_value_get_object (value));
      break;
    case PROP_END_CHILD:
      rally_reflow_box_set_end_child (self, g_value_get_object (value));
      break;
    case PROP_END_WIDTH:
      set_int (self, &self->end_width, g_value_get_int (value), prop_id);
      break;
    case PROP_FOLD_THRESHOLD:
      set_int (self, &self->fold_threshold, g_value_get_int (value), prop_id);
      break;
    case PROP_SPACING:
      set_int (self, &self->spacing, g_value_get_int (value), prop_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rally_reflow_box_class_init (RallyReflowBoxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rally_reflow_box_dispose;
  object_class->get_property = rally_reflow_box_get_property;
  object_class->set_property = rally_reflow_box_set_property;

  widget_class->measure = rally_reflow_box_measure;
  widget_class->size_allocate = rally_reflow_box_size_allocate;
  widget_class->get_request_mode = rally_reflow_box_get_request_mode;

  properties[PROP_START_CHILD] =
    g_param_spec_object ("start-child", NULL, NULL, GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_END_CHILD] =
    g_param_spec_object ("end-child", NULL, NULL, GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_END_WIDTH] =
    g_param_spec_int ("end-width", NULL, NULL, 0, G_MAXINT, 360,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOLD_THRESHOLD] =
    g_param_spec_int ("fold-threshold", NULL, NULL, 0, G_MAXINT, 800,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SPACING] =
    g_param_spec_int ("spacing", NULL, NULL, 0, G_MAXINT, 24,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOLDED] =
    g_param_spec_boolean ("folded", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "reflowbox");
}

static void
rally_reflow_box_init (RallyReflowBox *self)
{
  self->end_width = 360;
  self->fold_threshold = 800;
  self->spacing = 24;
  self->folded = TRUE;
}

GtkWidget *
rally_reflow_box_new (void)
{
  return g_object_new (RALLY_TYPE_REFLOW_BOX, NULL);
}

GtkWidget *
rally_reflow_box_get_start_child (RallyReflowBox *self)
{
  g_return_val_if_fail (RALLY_IS_REFLOW_BOX (self), NULL);

  return self->start_child;
}

void
rally_reflow_box_set_start_child (RallyReflowBox *self,
                                  GtkWidget      *child)
{
  g_return_if_fail (RALLY_IS_REFLOW_BOX (self));
  g_return_if_fail (child == NULL || GTK_IS_WIDGET (child));

  set_child (self, &self->start_child, child, properties[PROP_START_CHILD]);
}

GtkWidget *
rally_reflow_box_get_end_child (RallyReflowBox *self)
{
  g_return_val_if_fail (RALLY_IS_REFLOW_BOX (self), NULL);

  return self->end_child;
}

void
rally_reflow_box_set_end_child (RallyReflowBox *self,
                                GtkWidget      *child)
{
  g_return_if_fail (RALLY_IS_REFLOW_BOX (self));
  g_return_if_fail (child == NULL || GTK_IS_WIDGET (child));

  set_child (self, &self->end_child, child, properties[PROP_END_CHILD]);
}

/**
 * rally_reflow_box_set_end_offset:
 * @offset: how far down, in pixels, the end child should sit when side by side
 *
 * Keeps the end child in view inside a scrolled window: pass the scroll position.
 * Only the allocation changes, so this is cheap to call on every scroll step.
 */
void
rally_reflow_box_set_end_offset (RallyReflowBox *self,
                                 int             offset)
{
  g_return_if_fail (RALLY_IS_REFLOW_BOX (self));

  if (self->end_offset == offset)
    return;

  self->end_offset = offset;
  if (!self->folded)
    gtk_widget_queue_allocate (GTK_WIDGET (self));
}

/**
 * rally_reflow_box_get_folded:
 *
 * Returns: %TRUE when the end child sits below the start child
 */
gboolean
rally_reflow_box_get_folded (RallyReflowBox *self)
{
  g_return_val_if_fail (RALLY_IS_REFLOW_BOX (self), TRUE);

  return self->folded;
}
