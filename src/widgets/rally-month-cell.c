/* rally-month-cell.c
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

#define G_LOG_DOMAIN "RallyMonthCell"

#include "config.h"

#include <glib/gi18n.h>

#include "rally-date-utils.h"
#include "rally-month-cell.h"

/* One day of the month grid: its number, a "+" button that plans a post on it, and
 * the chips of the posts planned that day. Posts are dropped onto the cell. */

struct _RallyMonthCell
{
  GtkWidget  parent_instance;

  GtkWidget *header;
  GtkWidget *day_label;
  GtkWidget *add_button;
  GtkWidget *chips_box;
  GtkWidget *more_label;

  GPtrArray *chips;    /* all chips, also those hidden past the limit */
  gint64     day;
};

G_DEFINE_FINAL_TYPE (RallyMonthCell, rally_month_cell, GTK_TYPE_WIDGET)

enum {
  ACTIVATE_DAY,
  DROP_ITEM,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_more_label (RallyMonthCell *self)
{
  guint hidden = self->chips->len > RALLY_MONTH_CELL_MAX_CHIPS
                 ? self->chips->len - RALLY_MONTH_CELL_MAX_CHIPS : 0;
  g_autofree char *text = NULL;

  gtk_widget_set_visible (self->more_label, hidden > 0);
  if (hidden == 0)
    return;

  /* Translators: posts of a day that do not fit in its calendar cell */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u more", "%u more", hidden), hidden);
  gtk_label_set_label (GTK_LABEL (self->more_label), text);
}

static void
add_clicked_cb (RallyMonthCell *self)
{
  g_signal_emit (self, signals[ACTIVATE_DAY], 0);
}

static void
pressed_cb (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            RallyMonthCell  *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (n_press == 2)
    g_signal_emit (self, signals[ACTIVATE_DAY], 0);
}

static gboolean
drop_cb (GtkDropTarget  *target,
         const GValue   *value,
         double          x,
         double          y,
         RallyMonthCell *self)
{
  if (!G_VALUE_HOLDS_INT64 (value))
    return FALSE;

  g_signal_emit (self, signals[DROP_ITEM], 0, g_value_get_int64 (value));
  return TRUE;
}

static void
rally_month_cell_dispose (GObject *object)
{
  RallyMonthCell *self = RALLY_MONTH_CELL (object);
  GtkWidget *child;

  g_clear_pointer (&self->chips, g_ptr_array_unref);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (rally_month_cell_parent_class)->dispose (object);
}

static void
rally_month_cell_class_init (RallyMonthCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rally_month_cell_dispose;

  /**
   * RallyMonthCell::activate-day:
   *
   * The person asked to plan a post on this day (the "+" button, a double click, Enter).
   */
  signals[ACTIVATE_DAY] = g_signal_new ("activate-day", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 0);
  /**
   * RallyMonthCell::drop-item:
   * @id: the id carried by the dropped chip
   *
   * A chip was dropped on this day.
   */
  signals[DROP_ITEM] = g_signal_new ("drop-item", G_TYPE_FROM_CLASS (klass),
                                     G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                     G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "monthcell");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
build_header (RallyMonthCell *self)
{
  self->header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_set_parent (self->header, GTK_WIDGET (self));

  self->day_label = gtk_label_new (NULL);
  gtk_widget_set_halign (self->day_label, GTK_ALIGN_START);
  gtk_widget_add_css_class (self->day_label, "day-number");
  gtk_widget_add_css_class (self->day_label, "numeric");
  gtk_box_append (GTK_BOX (self->header), self->day_label);

  self->add_button = gtk_button_new_from_icon_name ("list-add-symbolic");
  gtk_widget_set_hexpand (self->add_button, TRUE);
  gtk_widget_set_halign (self->add_button, GTK_ALIGN_END);
  gtk_widget_set_focus_on_click (self->add_button, FALSE);
  gtk_widget_add_css_class (self->add_button, "flat");
  gtk_widget_add_css_class (self->add_button, "circular");
  gtk_widget_add_css_class (self->add_button, "add-post");
  g_signal_connect_swapped (self->add_button, "clicked", G_CALLBACK (add_clicked_cb), self);
  gtk_box_append (GTK_BOX (self->header), self->add_button);
}

static void
rally_month_cell_init (RallyMonthCell *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  GtkGesture *click = gtk_gesture_click_new ();
  GtkDropTarget *drop = gtk_drop_target_new (G_TYPE_INT64, GDK_ACTION_MOVE);

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 2);
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  self->chips = g_ptr_array_new ();

  build_header (self);

  self->chips_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_parent (self->chips_box, GTK_WIDGET (self));

  self->more_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->more_label), 0);
  gtk_widget_add_css_class (self->more_label, "caption");
  gtk_widget_add_css_class (self->more_label, "dim-label");
  gtk_widget_set_visible (self->more_label, FALSE);
  gtk_widget_set_parent (self->more_label, GTK_WIDGET (self));

  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect (drop, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}

GtkWidget *
rally_month_cell_new (void)
{
  return g_object_new (RALLY_TYPE_MONTH_CELL, NULL);
}

gint64
rally_month_cell_get_day (RallyMonthCell *self)
{
  g_return_val_if_fail (RALLY_IS_MONTH_CELL (self), 0);

  return self->day;
}

/**
 * rally_month_cell_set_day:
 * @day: the day shown (see rally-date-utils.h)
 * @in_month: whether @day is in the month the grid shows (others are dimmed)
 * @is_today: whether @day is today
 */
void
rally_month_cell_set_day (RallyMonthCell *self,
                          gint64          day,
                          gboolean        in_month,
                          gboolean        is_today)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *number = NULL;
  g_autofree char *full = NULL;
  g_autofree char *add_tip = NULL;

  g_return_if_fail (RALLY_IS_MONTH_CELL (self));

  self->day = day;
  dt = g_date_time_new_from_unix_utc (day);
  number = g_strdup_printf ("%d", g_date_time_get_day_of_month (dt));
  /* Translators: a day in the calendar, see the strftime manual */
  full = g_date_time_format (dt, _("%A %-d %B %Y"));
  /* Translators: %s is a day, such as "Wednesday 25 November 2026" */
  add_tip = g_strdup_printf (_("Plan a Post on %s"), full);

  gtk_label_set_label (GTK_LABEL (self->day_label), number);
  gtk_widget_set_tooltip_text (self->add_button, add_tip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, full, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->add_button), GTK_ACCESSIBLE_PROPERTY_LABEL, add_tip, -1);

  if (in_month)
    gtk_widget_remove_css_class (GTK_WIDGET (self), "other-month");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self), "other-month");

  if (is_today)
    gtk_widget_add_css_class (GTK_WIDGET (self), "today");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "today");
}

/**
 * rally_month_cell_add_chip:
 * @chip: a widget standing for one post
 *
 * Appends @chip; past %RALLY_MONTH_CELL_MAX_CHIPS it is kept but hidden and counted
 * in the "N more" line.
 */
void
rally_month_cell_add_chip (RallyMonthCell *self,
                           GtkWidget      *chip)
{
  g_return_if_fail (RALLY_IS_MONTH_CELL (self));
  g_return_if_fail (GTK_IS_WIDGET (chip));

  g_ptr_array_add (self->chips, chip);
  gtk_box_append (GTK_BOX (self->chips_box), chip);
  gtk_widget_set_visible (chip, self->chips->len <= RALLY_MONTH_CELL_MAX_CHIPS);
  update_more_label (self);
}

void
rally_month_cell_clear_chips (RallyMonthCell *self)
{
  g_return_if_fail (RALLY_IS_MONTH_CELL (self));

  for (guint i = 0; i < self->chips->len; i++)
    gtk_box_remove (GTK_BOX (self->chips_box), g_ptr_array_index (self->chips, i));
  g_ptr_array_set_size (self->chips, 0);
  update_more_label (self);
}

guint
rally_month_cell_get_n_chips (RallyMonthCell *self)
{
  g_return_val_if_fail (RALLY_IS_MONTH_CELL (self), 0);

  return self->chips->len;
}

/**
 * rally_month_cell_get_chip:
 *
 * Returns: (transfer none): the chip at @index
 */
GtkWidget *
rally_month_cell_get_chip (RallyMonthCell *self,
                           guint           index)
{
  g_return_val_if_fail (RALLY_IS_MONTH_CELL (self), NULL);
  g_return_val_if_fail (index < self->chips->len, NULL);

  return g_ptr_array_index (self->chips, index);
}
