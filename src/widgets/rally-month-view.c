/* rally-month-view.c
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

#define G_LOG_DOMAIN "RallyMonthView"

#include "config.h"

#include <glib/gi18n.h>

#include "rally-date-utils.h"
#include "rally-month-view.h"
#include "rally-tooltip.h"

/* A month of planned items. Wide, it is a grid of RallyMonthCell (4 to 6 weeks, the
 * first column being the locale's first weekday); narrow, a list of the days that have
 * items. Both show the same chips; the view knows nothing of posts beyond an id, a
 * label and a style class, and reports clicks, drops and key presses as signals.
 *
 * The grid's 42 cells (some 300 widgets) are built when first needed: when the view is
 * measured, or when a cell or an item is asked for. A hidden calendar costs nothing at
 * start-up. */

#define MAX_WEEKS 6

struct _RallyMonthView
{
  GtkWidget     parent_instance;

  /* Children */
  GtkWidget    *grid_box;
  GtkWidget    *weekday_box;
  GtkWidget    *grid;
  GtkWidget    *list_scroller;
  GtkListBox   *list;
  RallyMonthCell *cells[MAX_WEEKS * 7];

  /* State */
  GHashTable   *list_rows;   /* day (gint64*) → GtkListBoxRow */
  int           year;
  int           month;
  GDateWeekday  first_weekday;
  gint64        today;
  gint64        focus_day;
  gboolean      narrow;
  gboolean      immovable;   /* chips cannot be dragged to another day */
};

G_DEFINE_FINAL_TYPE (RallyMonthView, rally_month_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_YEAR,
  PROP_MONTH,
  PROP_FOCUS_DAY,
  PROP_NARROW,
  N_PROPS
};

enum {
  ACTIVATE_DAY,
  ACTIVATE_ITEM,
  MOVE_ITEM,
  RANGE_CHANGED,
  FOCUS_ITEM,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Auxiliary methods */

static gint64
get_item_id (GtkWidget *chip)
{
  gint64 *id = g_object_get_data (G_OBJECT (chip), "rally-item-id");

  return id ? *id : 0;
}

static void ensure_grid (RallyMonthView *self);

static void
update_weekday_labels (RallyMonthView *self)
{
  GtkWidget *child;
  /* 5 January 1970 was a Monday */
  gint64 day = rally_day_from_ymd (1970, 1, 5) + (self->first_weekday - 1) * RALLY_DAY_SECONDS;

  if (self->grid_box == NULL)
    return;

  for (child = gtk_widget_get_first_child (self->weekday_box); child != NULL;
       child = gtk_widget_get_next_sibling (child), day += RALLY_DAY_SECONDS)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (day);
      g_autofree char *abbr = g_date_time_format (dt, "%a");
      g_autofree char *full = g_date_time_format (dt, "%A");

      gtk_label_set_label (GTK_LABEL (child), abbr);
      gtk_widget_set_tooltip_text (child, full);
    }
}

static void
update_cells (RallyMonthView *self)
{
  guint n_weeks = rally_month_grid_n_weeks (self->year, self->month, self->first_weekday);

  if (self->grid_box == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (self->cells); i++)
    {
      gint64 day = rally_month_grid_day_at (self->year, self->month, self->first_weekday, i);
      int month;

      rally_day_to_ymd (day, NULL, &month, NULL);
      rally_month_cell_set_day (self->cells[i], day, month == self->month, day == self->today);
      gtk_widget_set_visible (GTK_WIDGET (self->cells[i]), i < n_weeks * 7);
    }
}

static void
drag_begin_cb (GtkDragSource *source,
               GdkDrag       *drag,
               GtkWidget     *chip)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (chip);

  gtk_drag_source_set_icon (source, paintable, 0, 0);
}

/* The chip's id, to drop on a day; none (no drag) when the items cannot move. */
static GdkContentProvider *
drag_prepare_cb (GtkDragSource *source,
                 double         x,
                 double         y,
                 GtkWidget     *chip)
{
  RallyMonthView *self = RALLY_MONTH_VIEW (gtk_widget_get_ancestor (chip, RALLY_TYPE_MONTH_VIEW));

  if (self == NULL || self->immovable)
    return NULL;
  return gdk_content_provider_new_typed (G_TYPE_INT64, get_item_id (chip));
}

static void
chip_clicked_cb (GtkWidget      *chip,
                 RallyMonthView *self)
{
  g_signal_emit (self, signals[ACTIVATE_ITEM], 0, get_item_id (chip));
}

/* GTK 4.8 shows no tooltip on keyboard focus: say the focused chip's text instead */
static void
chip_focus_enter_cb (GtkEventControllerFocus *focus,
                     RallyMonthView          *self)
{
  GtkWidget *chip = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (focus));

  g_signal_emit (self, signals[FOCUS_ITEM], 0, gtk_widget_get_tooltip_text (chip));
}

static void
chip_focus_leave_cb (GtkEventControllerFocus *focus,
                     RallyMonthView          *self)
{
  g_signal_emit (self, signals[FOCUS_ITEM], 0, NULL);
}

static GtkWidget *
make_chip (RallyMonthView *self,
           gint64          id,
           const char     *label,
           const char     *tooltip,
           const char     *css_class)
{
  GtkWidget *chip = gtk_button_new ();
  GtkWidget *text = gtk_label_new (label);
  GtkDragSource *source = gtk_drag_source_new ();
  GtkEventController *focus;

  gtk_label_set_ellipsize (GTK_LABEL (text), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_button_set_child (GTK_BUTTON (chip), text);
  gtk_widget_add_css_class (chip, "post-chip");
  if (css_class != NULL)
    gtk_widget_add_css_class (chip, css_class);
  rally_tooltip_set_text (chip, tooltip != NULL ? tooltip : label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (chip), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  tooltip != NULL ? tooltip : label, -1);
  g_object_set_data_full (G_OBJECT (chip), "rally-item-id", g_memdup2 (&id, sizeof id), g_free);
  g_signal_connect (chip, "clicked", G_CALLBACK (chip_clicked_cb), self);

  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (drag_prepare_cb), chip);
  g_signal_connect (source, "drag-begin", G_CALLBACK (drag_begin_cb), chip);
  gtk_widget_add_controller (chip, GTK_EVENT_CONTROLLER (source));
  focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (focus, "enter", G_CALLBACK (chip_focus_enter_cb), self, 0);
  g_signal_connect_object (focus, "leave", G_CALLBACK (chip_focus_leave_cb), self, 0);
  gtk_widget_add_controller (chip, focus);

  return chip;
}

static int
compare_rows (GtkListBoxRow *a,
              GtkListBoxRow *b,
              gpointer       user_data)
{
  gint64 da = *(gint64 *) g_object_get_data (G_OBJECT (a), "rally-day");
  gint64 db = *(gint64 *) g_object_get_data (G_OBJECT (b), "rally-day");

  return da < db ? -1 : da > db;
}

static GtkWidget *
ensure_list_row (RallyMonthView *self,
                 gint64          day)
{
  GtkWidget *row = g_hash_table_lookup (self->list_rows, &day);
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *title = NULL;
  GtkWidget *box, *heading, *chips;

  if (row != NULL)
    return row;

  dt = g_date_time_new_from_unix_utc (day);
  title = g_date_time_format (dt, _("%A %-d %B"));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_add_css_class (box, "day-row");
  heading = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  if (day == self->today)
    gtk_widget_add_css_class (heading, "accent");
  chips = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), chips);

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  g_object_set_data_full (G_OBJECT (row), "rally-day", g_memdup2 (&day, sizeof day), g_free);
  g_object_set_data (G_OBJECT (row), "rally-chips", chips);
  gtk_list_box_append (self->list, row);
  g_hash_table_insert (self->list_rows, g_memdup2 (&day, sizeof day), row);

  return row;
}

static void
focus_cell_for_day (RallyMonthView *self)
{
  RallyMonthCell *cell = rally_month_view_get_cell (self, self->focus_day);

  if (cell != NULL && !self->narrow && gtk_widget_get_mapped (GTK_WIDGET (cell)))
    gtk_widget_grab_focus (GTK_WIDGET (cell));
}

/* Signal callbacks */

static void
cell_activate_day_cb (RallyMonthCell *cell,
                      RallyMonthView *self)
{
  g_signal_emit (self, signals[ACTIVATE_DAY], 0, rally_month_cell_get_day (cell));
}

static void
cell_drop_item_cb (RallyMonthCell *cell,
                   gint64          id,
                   RallyMonthView *self)
{
  g_signal_emit (self, signals[MOVE_ITEM], 0, id, rally_month_cell_get_day (cell));
}

static void
cell_focus_cb (GtkEventControllerFocus *controller,
               RallyMonthView          *self)
{
  GtkWidget *cell = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  self->focus_day = rally_month_cell_get_day (RALLY_MONTH_CELL (cell));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOCUS_DAY]);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                RallyMonthView        *self)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self)));
  int step = 0;

  if (!RALLY_IS_MONTH_CELL (focus) || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Left: case GDK_KEY_KP_Left:
      step = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL ? 1 : -1; break;
    case GDK_KEY_Right: case GDK_KEY_KP_Right:
      step = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL ? -1 : 1; break;
    case GDK_KEY_Up: case GDK_KEY_KP_Up: step = -7; break;
    case GDK_KEY_Down: case GDK_KEY_KP_Down: step = 7; break;
    case GDK_KEY_Page_Up:
      rally_month_view_set_focus_day (self, rally_day_add_months (self->focus_day, -1));
      return TRUE;
    case GDK_KEY_Page_Down:
      rally_month_view_set_focus_day (self, rally_day_add_months (self->focus_day, 1));
      return TRUE;
    case GDK_KEY_Return: case GDK_KEY_KP_Enter: case GDK_KEY_ISO_Enter: case GDK_KEY_space:
      g_signal_emit (self, signals[ACTIVATE_DAY], 0, rally_month_cell_get_day (RALLY_MONTH_CELL (focus)));
      return TRUE;
    default:
      return FALSE;
    }

  rally_month_view_set_focus_day (self, rally_day_add_days (rally_month_cell_get_day (RALLY_MONTH_CELL (focus)), step));
  return TRUE;
}

/* GtkWidget overrides */

static void
rally_month_view_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  RallyMonthView *self = RALLY_MONTH_VIEW (widget);
  int grid_min, grid_nat, list_min, list_nat;

  ensure_grid (self);
  gtk_widget_measure (self->list_scroller, orientation, for_size, &list_min, &list_nat, NULL, NULL);

  if (orientation == GTK_ORIENTATION_VERTICAL && for_size >= 0 && for_size < RALLY_MONTH_VIEW_NARROW_WIDTH)
    {
      *minimum = list_min;
      *natural = list_nat;
      return;
    }

  gtk_widget_measure (self->grid_box, orientation,
                      orientation == GTK_ORIENTATION_VERTICAL ? MAX (for_size, -1) : for_size,
                      &grid_min, &grid_nat, NULL, NULL);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = list_min;
      *natural = MAX (grid_nat, RALLY_MONTH_VIEW_NARROW_WIDTH);
    }
  else
    {
      *minimum = MIN (grid_min, list_min);
      *natural = grid_nat;
    }
}

static void
rally_month_view_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  RallyMonthView *self = RALLY_MONTH_VIEW (widget);
  gboolean narrow = width < RALLY_MONTH_VIEW_NARROW_WIDTH;
  int grid_min;

  ensure_grid (self);
  gtk_widget_measure (self->grid_box, GTK_ORIENTATION_VERTICAL, width, &grid_min, NULL, NULL, NULL);
  narrow = narrow || height < grid_min;

  /* Switching children's visibility inside allocation is what GtkPaned does too:
   * set_child_visible() maps or unmaps without queueing a resize. */
  gtk_widget_set_child_visible (self->grid_box, !narrow);
  gtk_widget_set_child_visible (self->list_scroller, narrow);

  if (narrow)
    gtk_widget_allocate (self->list_scroller, width, height, baseline, NULL);
  else
    gtk_widget_allocate (self->grid_box, width, height, baseline, NULL);

  if (narrow != self->narrow)
    {
      self->narrow = narrow;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NARROW]);
    }
}

static void
rally_month_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  RallyMonthView *self = RALLY_MONTH_VIEW (object);

  switch (prop_id)
    {
    case PROP_YEAR:
      g_value_set_int (value, self->year);
      break;
    case PROP_MONTH:
      g_value_set_int (value, self->month);
      break;
    case PROP_FOCUS_DAY:
      g_value_set_int64 (value, self->focus_day);
      break;
    case PROP_NARROW:
      g_value_set_boolean (value, self->narrow);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rally_month_view_dispose (GObject *object)
{
  RallyMonthView *self = RALLY_MONTH_VIEW (object);

  g_clear_pointer (&self->grid_box, gtk_widget_unparent);
  g_clear_pointer (&self->list_scroller, gtk_widget_unparent);
  g_clear_pointer (&self->list_rows, g_hash_table_unref);

  G_OBJECT_CLASS (rally_month_view_parent_class)->dispose (object);
}

static void
rally_month_view_class_init (RallyMonthViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rally_month_view_dispose;
  object_class->get_property = rally_month_view_get_property;
  widget_class->measure = rally_month_view_measure;
  widget_class->size_allocate = rally_month_view_size_allocate;

  properties[PROP_YEAR] = g_param_spec_int ("year", NULL, NULL, 1, 9999, 1970,
                                            G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MONTH] = g_param_spec_int ("month", NULL, NULL, 1, 12, 1,
                                             G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOCUS_DAY] = g_param_spec_int64 ("focus-day", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* Whether the view shows the list of days instead of the grid */
  properties[PROP_NARROW] = g_param_spec_boolean ("narrow", NULL, NULL, FALSE,
                                                  G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A day was activated (its "+" button, a double click, Enter): plan a post on it. */
  signals[ACTIVATE_DAY] = g_signal_new ("activate-day", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  /* A chip was clicked: open item @id. */
  signals[ACTIVATE_ITEM] = g_signal_new ("activate-item", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  /* A chip was dropped on a day: move item @id to that day. */
  signals[MOVE_ITEM] = g_signal_new ("move-item", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);

  /* The days shown changed and the items were removed: add those of the new range. */
  signals[RANGE_CHANGED] = g_signal_new ("range-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* A chip took the keyboard focus (its whole text) or lost it (NULL). */
  signals[FOCUS_ITEM] = g_signal_new ("focus-item", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                      0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_css_name (widget_class, "monthview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

/* The grid goes before the list, as the first child. */
static void
ensure_grid (RallyMonthView *self)
{
  if (self->grid_box != NULL)
    return;

  self->grid_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_insert_after (self->grid_box, GTK_WIDGET (self), NULL);
  gtk_widget_set_child_visible (self->grid_box, !self->narrow);

  self->weekday_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_box_set_homogeneous (GTK_BOX (self->weekday_box), TRUE);
  gtk_widget_add_css_class (self->weekday_box, "weekdays");
  for (guint i = 0; i < 7; i++)
    {
      GtkWidget *label = gtk_label_new (NULL);

      gtk_widget_add_css_class (label, "caption-heading");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (self->weekday_box), label);
    }
  gtk_box_append (GTK_BOX (self->grid_box), self->weekday_box);

  self->grid = gtk_grid_new ();
  gtk_grid_set_row_homogeneous (GTK_GRID (self->grid), TRUE);
  gtk_grid_set_column_homogeneous (GTK_GRID (self->grid), TRUE);
  gtk_widget_set_vexpand (self->grid, TRUE);
  gtk_widget_add_css_class (self->grid, "days");
  gtk_box_append (GTK_BOX (self->grid_box), self->grid);

  for (guint i = 0; i < G_N_ELEMENTS (self->cells); i++)
    {
      GtkWidget *cell = rally_month_cell_new ();
      GtkEventController *focus = gtk_event_controller_focus_new ();

      self->cells[i] = RALLY_MONTH_CELL (cell);
      g_signal_connect (cell, "activate-day", G_CALLBACK (cell_activate_day_cb), self);
      g_signal_connect (cell, "drop-item", G_CALLBACK (cell_drop_item_cb), self);
      g_signal_connect (focus, "enter", G_CALLBACK (cell_focus_cb), self);
      gtk_widget_add_controller (cell, focus);
      gtk_grid_attach (GTK_GRID (self->grid), cell, i % 7, i / 7, 1, 1);
    }

  update_weekday_labels (self);
  update_cells (self);
}

static void
build_list (RallyMonthView *self)
{
  GtkWidget *placeholder = gtk_label_new (_("No posts planned this month"));

  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 24);
  gtk_widget_set_margin_bottom (placeholder, 24);

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_list_box_set_sort_func (self->list, compare_rows, NULL, NULL);
  gtk_list_box_set_placeholder (self->list, placeholder);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_widget_set_valign (GTK_WIDGET (self->list), GTK_ALIGN_START);
  gtk_widget_set_margin_start (GTK_WIDGET (self->list), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->list), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (self->list), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->list), 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Days with planned posts"), -1);

  self->list_scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->list_scroller),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->list_scroller), GTK_WIDGET (self->list));
  gtk_widget_set_parent (self->list_scroller, GTK_WIDGET (self));
  gtk_widget_set_child_visible (self->list_scroller, FALSE);
}

static void
rally_month_view_init (RallyMonthView *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();
  int y, m;

  self->list_rows = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->first_weekday = rally_locale_first_weekday ();
  self->today = rally_day_today_local ();
  self->focus_day = self->today;

  build_list (self);

  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Content calendar"), -1);

  rally_day_to_ymd (self->today, &y, &m, NULL);
  rally_month_view_set_month (self, y, m);
}

/* Public API */

GtkWidget *
rally_month_view_new (void)
{
  return g_object_new (RALLY_TYPE_MONTH_VIEW, NULL);
}

/**
 * rally_month_view_set_month:
 *
 * Shows @month of @year and removes every item, then emits
 * #RallyMonthView::range-changed so the owner adds the items of the new range
 * (see rally_month_view_get_range()).
 */
void
rally_month_view_set_month (RallyMonthView *self,
                            int             year,
                            int             month)
{
  g_return_if_fail (RALLY_IS_MONTH_VIEW (self));
  g_return_if_fail (month >= 1 && month <= 12);

  g_object_freeze_notify (G_OBJECT (self));
  rally_month_view_clear_items (self);
  if (self->year != year)
    {
      self->year = year;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_YEAR]);
    }
  if (self->month != month)
    {
      self->month = month;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MONTH]);
    }
  update_cells (self);
  g_object_thaw_notify (G_OBJECT (self));
  g_signal_emit (self, signals[RANGE_CHANGED], 0);
}

int
rally_month_view_get_year (RallyMonthView *self)
{
  g_return_val_if_fail (RALLY_IS_MONTH_VIEW (self), 0);

  return self->year;
}

int
rally_month_view_get_month (RallyMonthView *self)
{
  g_return_val_if_fail (RALLY_IS_MONTH_VIEW (self), 0);

  return self->month;
}

void
rally_month_view_set_first_weekday (RallyMonthView *self,
                                    GDateWeekday    first_weekday)
{
  g_return_if_fail (RALLY_IS_MONTH_VIEW (self));
  g_return_if_fail (first_weekday >= G_DATE_MONDAY && first_weekday <= G_DATE_SUNDAY);

  self->first_weekday = first_weekday;
  update_weekday_labels (self);
  rally_month_view_set_month (self, self->year, self->month);
}

/**
 * rally_month_view_set_today:
 *
 * Sets the day highlighted as today (the local date by default).
 */
void
rally_month_view_set_today (RallyMonthView *self,
                            gint64          today)
{
  g_return_if_fail (RALLY_IS_MONTH_VIEW (self));

  self->today = today;
  update_cells (self);
}

/**
 * rally_month_view_get_range:
 * @first_day: (out) (optional): the first day shown
 * @last_day: (out) (optional): the last day shown (inclusive)
 *
 * The days the grid shows, including those of the neighbouring months.
 */
void
rally_month_view_get_range (RallyMonthView *self,
                            gint64         *first_day,
                            gint64         *last_day)
{
  guint n_weeks;

  g_return_if_fail (RALLY_IS_MONTH_VIEW (self));

  n_weeks = rally_month_grid_n_weeks (self->year, self->month, self->first_weekday);
  if (first_day)
    *first_day = rally_month_grid_first_day (self->year, self->month, self->first_weekday);
  if (last_day)
    *last_day = rally_month_grid_day_at (self->year, self->month, self->first_weekday, n_weeks * 7 - 1);
}

guint
rally_month_view_get_n_weeks (RallyMonthView *self)
{
  g_return_val_if_fail (RALLY_IS_MONTH_VIEW (self), 0);

  return rally_month_grid_n_weeks (self->year, self->month, self->first_weekday);
}

/**
 * rally_month_view_get_cell:
 *
 * Returns: (transfer none) (nullable): the cell showing @day, %NULL when not shown
 */
RallyMonthCell *
rally_month_view_get_cell (RallyMonthView *self,
                           gint64          day)
{
  int index;

  g_return_val_if_fail (RALLY_IS_MONTH_VIEW (self), NULL);

  index = rally_month_grid_index_of (self->year, self->month, self->first_weekday, day);
  if (index < 0)
    return NULL;

  ensure_grid (self);
  return self->cells[index];
}

/**
 * rally_month_view_get_cell_at:
 * @index: 0 to 41, row by row
 *
 * Returns: (transfer none): the cell at @index (hidden past the month's weeks)
 */
RallyMonthCell *
rally_month_view_get_cell_at (RallyMonthView *self,
                              guint           index)
{
  g_return_val_if_fail (RALLY_IS_MONTH_VIEW (self), NULL);
  g_return_val_if_fail (index < G_N_ELEMENTS (self->cells), NULL);

  ensure_grid (self);
  return self->cells[index];
}

gint64
rally_month_view_get_focus_day (RallyMonthView *self)
{
  g_return_val_if_fail (RALLY_IS_MONTH_VIEW (self), 0);

  return self->focus_day;
}

/**
 * rally_month_view_set_focus_day:
 *
 * Moves the keyboard focus to @day, showing its month first when needed.
 */
void
rally_month_view_set_focus_day (RallyMonthView *self,
                                gint64          day)
{
  int y, m;

  g_return_if_fail (RALLY_IS_MONTH_VIEW (self));

  rally_day_to_ymd (day, &y, &m, NULL);
  if (y != self->year || m != self->month)
    rally_month_view_set_month (self, y, m);

  self->focus_day = day;
  focus_cell_for_day (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOCUS_DAY]);
}

gboolean
rally_month_view_get_narrow (RallyMonthView *self)
{
  g_return_val_if_fail (RALLY_IS_MONTH_VIEW (self), FALSE);

  return self->narrow;
}

/**
 * rally_month_view_get_list:
 *
 * Returns: (transfer none): the list of days shown when the view is narrow
 */
GtkListBox *
rally_month_view_get_list (RallyMonthView *self)
{
  g_return_val_if_fail (RALLY_IS_MONTH_VIEW (self), NULL);

  return self->list;
}

/**
 * rally_month_view_set_items_movable:
 * @movable: whether a chip may be dragged to another day
 *
 * A person who may not change the items (a viewer of a team workspace) can still
 * click them, but not drag them.
 */
void
rally_month_view_set_items_movable (RallyMonthView *self,
                                    gboolean        movable)
{
  g_return_if_fail (RALLY_IS_MONTH_VIEW (self));

  self->immovable = !movable;
}

gboolean
rally_month_view_get_items_movable (RallyMonthView *self)
{
  g_return_val_if_fail (RALLY_IS_MONTH_VIEW (self), FALSE);

  return !self->immovable;
}

void
rally_month_view_clear_items (RallyMonthView *self)
{
  GtkWidget *row;

  g_return_if_fail (RALLY_IS_MONTH_VIEW (self));

  for (guint i = 0; self->grid_box != NULL && i < G_N_ELEMENTS (self->cells); i++)
    rally_month_cell_clear_chips (self->cells[i]);

  while ((row = GTK_WIDGET (gtk_list_box_get_row_at_index (self->list, 0))) != NULL)
    gtk_list_box_remove (self->list, row);
  g_hash_table_remove_all (self->list_rows);
}

/**
 * rally_month_view_add_item:
 * @day: the day of the item; ignored when the grid does not show it
 * @id: the item's id, given back by #RallyMonthView::activate-item and ::move-item
 * @label: the chip's text
 * @tooltip: (nullable): a longer description
 * @css_class: (nullable): a style class for the chip, e.g. its status
 *
 * Adds a chip to @day's cell and, when @day is in the month, to the narrow list.
 */
void
rally_month_view_add_item (RallyMonthView *self,
                           gint64          day,
                           gint64          id,
                           const char     *label,
                           const char     *tooltip,
                           const char     *css_class)
{
  RallyMonthCell *cell;
  int m;

  g_return_if_fail (RALLY_IS_MONTH_VIEW (self));
  g_return_if_fail (label != NULL);

  cell = rally_month_view_get_cell (self, day);
  if (cell == NULL)
    return;

  rally_month_cell_add_chip (cell, make_chip (self, id, label, tooltip, css_class));

  rally_day_to_ymd (day, NULL, &m, NULL);
  if (m == self->month)
    {
      GtkWidget *row = ensure_list_row (self, day);
      GtkWidget *chips = g_object_get_data (G_OBJECT (row), "rally-chips");

      gtk_box_append (GTK_BOX (chips), make_chip (self, id, label, tooltip, css_class));
    }
}
