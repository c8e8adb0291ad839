/* rally-time-chart.c
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

/* RallyTimeChart: reach over time for one or several challenges or campaigns.
 *
 * The drawing lives in RallyTimePlot; this widget adds the theme, the pointer and
 * the keyboard. The static picture (axes, series, legend) is recorded once into a
 * render node and replayed while the crosshair moves, so hovering redraws only the
 * crosshair. The crosshair rests on "stops", the times at which any series has a
 * point; Left and Right step through them, Home and End jump to the ends, Escape
 * hides it. The accessible description says what the chart shows in words. */

#define G_LOG_DOMAIN "RallyTimeChart"

#include "config.h"

#include <glib/gi18n.h>

#include "rally-time-chart.h"
#include "rally-time-plot.h"

#define MIN_WIDTH  160
#define MIN_HEIGHT 160

struct _RallyTimeChart
{
  GtkWidget        parent_instance;

  RallyTimePlot   *plot;
  RallyChartStyle  style;
  GskRenderNode   *static_node;   /* axes, series and legend at the current size */
  char            *title;
  char            *note;          /* where the figures come from, said after the description */
  gboolean         fill;
  RallyChartValueFormat value_format;
  gint             cursor;        /* index into the plot's stops, -1 for none */
};

G_DEFINE_FINAL_TYPE (RallyTimeChart, rally_time_chart, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_FILL,
  PROP_TITLE,
  PROP_VALUE_FORMAT,
  PROP_CURSOR_INDEX,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
invalidate_static (RallyTimeChart *self)
{
  g_clear_pointer (&self->static_node, gsk_render_node_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
scale_factor_changed_cb (RallyTimeChart *self,
                         GParamSpec     *pspec,
                         gpointer        user_data)
{
  invalidate_static (self);
}

static void
update_description (RallyTimeChart *self)
{
  g_autofree char *description = rally_time_chart_dup_description (self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->title != NULL ? self->title : _("Chart"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static void
data_changed (RallyTimeChart *self)
{
  rally_time_chart_set_cursor_index (self, -1);
  invalidate_static (self);
  update_description (self);
}

static void
move_cursor_to_pointer (RallyTimeChart *self,
                        double          x,
                        double          y)
{
  gint64 t;

  if (rally_time_plot_time_at (self->plot, x, y, &t))
    rally_time_chart_set_cursor_index (self, rally_time_plot_nearest_stop (self->plot, t));
  else
    rally_time_chart_set_cursor_index (self, -1);
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           RallyTimeChart           *self)
{
  move_cursor_to_pointer (self, x, y);
}

static void
leave_cb (GtkEventControllerMotion *controller,
          RallyTimeChart           *self)
{
  if (!gtk_widget_has_focus (GTK_WIDGET (self)))
    rally_time_chart_set_cursor_index (self, -1);
}

static void
pressed_cb (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            RallyTimeChart  *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                RallyTimeChart        *self)
{
  guint n = 0;
  gint next = self->cursor;

  rally_time_plot_get_stops (self->plot, &n);
  if (n == 0 || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      next = self->cursor < 0 ? (gint) n - 1 : MAX (0, self->cursor - 1);
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      next = self->cursor < 0 ? 0 : MIN ((gint) n - 1, self->cursor + 1);
      break;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      next = 0;
      break;
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      next = (gint) n - 1;
      break;
    case GDK_KEY_Escape:
      if (self->cursor < 0)
        return FALSE;
      next = -1;
      break;
    default:
      return FALSE;
    }

  rally_time_chart_set_cursor_index (self, next);
  gtk_widget_trigger_tooltip_query (GTK_WIDGET (self));
  return TRUE;
}

static gboolean
query_tooltip_cb (GtkWidget      *widget,
                  int             x,
                  int             y,
                  gboolean        keyboard_mode,
                  GtkTooltip     *tooltip,
                  RallyTimeChart *self)
{
  g_autofree char *markup = NULL;

  if (!keyboard_mode)
    move_cursor_to_pointer (self, x, y);
  markup = rally_time_chart_dup_tooltip_markup (self);
  if (markup == NULL)
    return FALSE;
  gtk_tooltip_set_markup (tooltip, markup);
  return TRUE;
}

/**
 * rally_time_chart_dup_tooltip_markup:
 *
 * Returns: (transfer full) (nullable): what the hover says at the crosshair, %NULL
 *   when it is hidden
 */
char *
rally_time_chart_dup_tooltip_markup (RallyTimeChart *self)
{
  RallyChartStyle tooltip_style;

  g_return_val_if_fail (RALLY_IS_TIME_CHART (self), NULL);

  if (self->cursor < 0)
    return NULL;
  /* Adwaita's tooltips are light text on a dark background in both styles. */
  tooltip_style = self->style;
  tooltip_style.foreground = (RallyChartColor) { 1, 1, 1, 1 };
  tooltip_style.background = (RallyChartColor) { 0, 0, 0, 1 };
  return rally_time_plot_tooltip_markup (self->plot, &tooltip_style, rally_time_chart_get_cursor_time (self));
}

/**
 * rally_time_chart_dup_axis_labels:
 *
 * Returns: (transfer full): the time axis' labels as last drawn
 */
GStrv
rally_time_chart_dup_axis_labels (RallyTimeChart *self)
{
  g_return_val_if_fail (RALLY_IS_TIME_CHART (self), NULL);

  return rally_time_plot_dup_x_labels (self->plot);
}

static void
draw_static (RallyTimeChart *self,
             int             width,
             int             height)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  cairo_t *cr;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  rally_time_plot_draw (self->plot, cr, width, height,
                        gtk_widget_get_scale_factor (GTK_WIDGET (self)), &self->style);
  cairo_destroy (cr);
  self->static_node = gtk_snapshot_free_to_node (snapshot);
}

static void
draw_focus (RallyTimeChart *self,
            cairo_t        *cr,
            int             width,
            int             height)
{
  rally_chart_set_source (cr, &self->style.accent, 0.5);
  cairo_set_line_width (cr, 2);
  cairo_rectangle (cr, 1, 1, width - 2, height - 2);
  cairo_stroke (cr);
}

static void
rally_time_chart_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  RallyTimeChart *self = RALLY_TIME_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  gboolean focus = gtk_widget_has_visible_focus (widget);
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;

  if (self->static_node == NULL)
    draw_static (self, width, height);
  if (self->static_node != NULL)
    gtk_snapshot_append_node (snapshot, self->static_node);

  if (self->cursor < 0 && !focus)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (self->cursor >= 0)
    rally_time_plot_draw_cursor (self->plot, cr, &self->style, rally_time_chart_get_cursor_time (self));
  if (focus)
    draw_focus (self, cr, width, height);
  cairo_destroy (cr);
}

static void
rally_time_chart_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  RallyTimeChart *self = RALLY_TIME_CHART (widget);

  /* The plot rebuilds its layout itself when the size differs; drop the node. */
  g_clear_pointer (&self->static_node, gsk_render_node_unref);
}

static void
rally_time_chart_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = MIN_WIDTH;
      *natural = 480;
    }
  else
    {
      *minimum = MIN_HEIGHT;
      *natural = 300;
    }
}

static void
rally_time_chart_css_changed (GtkWidget         *widget,
                              GtkCssStyleChange *change)
{
  RallyTimeChart *self = RALLY_TIME_CHART (widget);

  GTK_WIDGET_CLASS (rally_time_chart_parent_class)->css_changed (widget, change);

  rally_chart_style_clear (&self->style);
  rally_chart_style_init_widget (&self->style, widget);
  invalidate_static (self);
}

static void
rally_time_chart_state_flags_changed (GtkWidget     *widget,
                                      GtkStateFlags  previous)
{
  GTK_WIDGET_CLASS (rally_time_chart_parent_class)->state_flags_changed (widget, previous);

  /* The focus ring follows :focus-visible. */
  if ((previous ^ gtk_widget_get_state_flags (widget)) & GTK_STATE_FLAG_FOCUS_VISIBLE)
    gtk_widget_queue_draw (widget);
}

static void
rally_time_chart_finalize (GObject *object)
{
  RallyTimeChart *self = RALLY_TIME_CHART (object);

  g_clear_pointer (&self->plot, rally_time_plot_free);
  g_clear_pointer (&self->static_node, gsk_render_node_unref);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->note, g_free);
  rally_chart_style_clear (&self->style);

  G_OBJECT_CLASS (rally_time_chart_parent_class)->finalize (object);
}

static void
rally_time_chart_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  RallyTimeChart *self = RALLY_TIME_CHART (object);

  switch (prop_id)
    {
    case PROP_FILL:
      g_value_set_boolean (value, self->fill);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_VALUE_FORMAT:
      g_value_set_int (value, self->value_format);
      break;
    case PROP_CURSOR_INDEX:
      g_value_set_int (value, self->cursor);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rally_time_chart_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  RallyTimeChart *self = RALLY_TIME_CHART (object);

  switch (prop_id)
    {
    case PROP_FILL:
      rally_time_chart_set_fill (self, g_value_get_boolean (value));
      break;
    case PROP_TITLE:
      rally_time_chart_set_title (self, g_value_get_string (value));
      break;
    case PROP_VALUE_FORMAT:
      rally_time_chart_set_value_format (self, g_value_get_int (value));
      break;
    case PROP_CURSOR_INDEX:
      rally_time_chart_set_cursor_index (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rally_time_chart_class_init (RallyTimeChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = rally_time_chart_finalize;
  object_class->get_property = rally_time_chart_get_property;
  object_class->set_property = rally_time_chart_set_property;

  widget_class->snapshot = rally_time_chart_snapshot;
  widget_class->size_allocate = rally_time_chart_size_allocate;
  widget_class->measure = rally_time_chart_measure;
  widget_class->css_changed = rally_time_chart_css_changed;
  widget_class->state_flags_changed = rally_time_chart_state_flags_changed;

  properties[PROP_FILL] =
    g_param_spec_boolean ("fill", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VALUE_FORMAT] =
    g_param_spec_int ("value-format", NULL, NULL,
                      RALLY_CHART_VALUE_COUNT, RALLY_CHART_VALUE_PERCENT, RALLY_CHART_VALUE_COUNT,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CURSOR_INDEX] =
    g_param_spec_int ("cursor-index", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "rally-time-chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
rally_time_chart_init (RallyTimeChart *self)
{
  GtkEventController *controller;

  self->plot = rally_time_plot_new ();
  rally_time_plot_set_raster_cache (self->plot, TRUE);
  self->fill = TRUE;
  self->cursor = -1;
  rally_chart_style_init_widget (&self->style, GTK_WIDGET (self));

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), self);

  /* Moving to a HiDPI monitor needs a sharper picture. */
  g_signal_connect (self, "notify::scale-factor", G_CALLBACK (scale_factor_changed_cb), NULL);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (controller, "enter", G_CALLBACK (motion_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = GTK_EVENT_CONTROLLER (gtk_gesture_click_new ());
  g_signal_connect (controller, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  update_description (self);
}

GtkWidget *
rally_time_chart_new (void)
{
  return g_object_new (RALLY_TYPE_TIME_CHART, NULL);
}

/**
 * rally_time_chart_set_series:
 * @series: (element-type RallySeries) (nullable): the series to draw, in legend order
 *
 * The chart keeps a reference to each series and treats them as immutable: to
 * show new data, build new series and set them again.
 */
void
rally_time_chart_set_series (RallyTimeChart *self,
                             GPtrArray      *series)
{
  g_return_if_fail (RALLY_IS_TIME_CHART (self));

  rally_time_plot_set_series (self->plot, series);
  data_changed (self);
}

/**
 * rally_time_chart_get_series:
 *
 * Returns: (transfer none) (element-type RallySeries): the series shown
 */
GPtrArray *
rally_time_chart_get_series (RallyTimeChart *self)
{
  g_return_val_if_fail (RALLY_IS_TIME_CHART (self), NULL);

  return rally_time_plot_get_series (self->plot);
}

/**
 * rally_time_chart_set_range:
 * @from: first time shown (UTC seconds)
 * @to: last time shown
 *
 * Shows [@from, @to] ("last 30 days"); 0 and 0 show all the data.
 */
void
rally_time_chart_set_range (RallyTimeChart *self,
                            gint64          from,
                            gint64          to)
{
  g_return_if_fail (RALLY_IS_TIME_CHART (self));

  rally_time_plot_set_range (self->plot, from, to);
  data_changed (self);
}

gboolean
rally_time_chart_get_fill (RallyTimeChart *self)
{
  g_return_val_if_fail (RALLY_IS_TIME_CHART (self), FALSE);

  return self->fill;
}

/**
 * rally_time_chart_set_fill:
 *
 * Whether the area under each line is shaded (the default).
 */
void
rally_time_chart_set_fill (RallyTimeChart *self,
                           gboolean        fill)
{
  g_return_if_fail (RALLY_IS_TIME_CHART (self));

  fill = !!fill;
  if (self->fill == fill)
    return;
  self->fill = fill;
  rally_time_plot_set_fill (self->plot, fill);
  invalidate_static (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILL]);
}

RallyChartValueFormat
rally_time_chart_get_value_format (RallyTimeChart *self)
{
  g_return_val_if_fail (RALLY_IS_TIME_CHART (self), RALLY_CHART_VALUE_COUNT);

  return self->value_format;
}

/**
 * rally_time_chart_set_value_format:
 *
 * %RALLY_CHART_VALUE_PERCENT for ratios such as the engagement rate.
 */
void
rally_time_chart_set_value_format (RallyTimeChart        *self,
                                   RallyChartValueFormat  format)
{
  g_return_if_fail (RALLY_IS_TIME_CHART (self));

  if (self->value_format == format)
    return;
  self->value_format = format;
  rally_time_plot_set_value_format (self->plot, format);
  invalidate_static (self);
  update_description (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE_FORMAT]);
}

const char *
rally_time_chart_get_title (RallyTimeChart *self)
{
  g_return_val_if_fail (RALLY_IS_TIME_CHART (self), NULL);

  return self->title;
}

/**
 * rally_time_chart_set_title:
 *
 * The chart's accessible name ("Views over time"); not drawn.
 */
void
rally_time_chart_set_title (RallyTimeChart *self,
                            const char     *title)
{
  g_return_if_fail (RALLY_IS_TIME_CHART (self));

  if (g_strcmp0 (self->title, title) == 0)
    return;
  g_free (self->title);
  self->title = g_strdup (title);
  update_description (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

/**
 * rally_time_chart_set_note:
 * @note: (nullable): where the figures come from, "By posting day, counts as of …"
 *
 * A sentence added to the accessible description while the chart has data; the
 * view shows it beside the chart too.
 */
void
rally_time_chart_set_note (RallyTimeChart *self,
                           const char     *note)
{
  g_return_if_fail (RALLY_IS_TIME_CHART (self));

  if (g_strcmp0 (self->note, note) == 0)
    return;
  g_free (self->note);
  self->note = g_strdup (note);
  update_description (self);
}

/**
 * rally_time_chart_set_empty_text:
 *
 * What the chart says when there is nothing to draw.
 */
void
rally_time_chart_set_empty_text (RallyTimeChart *self,
                                 const char     *text)
{
  g_return_if_fail (RALLY_IS_TIME_CHART (self));

  rally_time_plot_set_empty_text (self->plot, text);
  invalidate_static (self);
  update_description (self);
}

/**
 * rally_time_chart_set_goals:
 * @goals: (array length=n_goals) (nullable): the goals of the series shown
 *
 * Draws each goal as a dashed line labelled "Goal 60M", names it in the
 * description, and keeps it in exports. Call after rally_time_chart_set_series().
 */
void
rally_time_chart_set_goals (RallyTimeChart       *self,
                            const RallyChartGoal *goals,
                            guint                 n_goals)
{
  g_return_if_fail (RALLY_IS_TIME_CHART (self));
  g_return_if_fail (goals != NULL || n_goals == 0);

  rally_time_plot_set_goals (self->plot, goals, n_goals);
  invalidate_static (self);
  update_description (self);
}

/**
 * rally_time_chart_set_events:
 * @events: (array length=n_events) (nullable): the events of the series shown
 *
 * Draws days as labelled markers and periods as bands behind the series, names
 * them in the tooltip and the description, and keeps them in exports.
 */
void
rally_time_chart_set_events (RallyTimeChart        *self,
                             const RallyChartEvent *events,
                             guint                  n_events)
{
  g_return_if_fail (RALLY_IS_TIME_CHART (self));
  g_return_if_fail (events != NULL || n_events == 0);

  rally_time_plot_set_events (self->plot, events, n_events);
  invalidate_static (self);
  update_description (self);
}

/**
 * rally_time_chart_set_right_axis:
 * @n_right: how many of the series, the last ones, use a right-hand axis; 0 for none
 * @left_title: (nullable): the left axis' title, "Views"
 * @right_title: (nullable): the right axis' title, "Donations (GBP)"
 * @right_currency: (nullable): the currency of the right axis' values, major units
 */
void
rally_time_chart_set_right_axis (RallyTimeChart *self,
                                 guint           n_right,
                                 const char     *left_title,
                                 const char     *right_title,
                                 const char     *right_currency)
{
  g_return_if_fail (RALLY_IS_TIME_CHART (self));

  rally_time_plot_set_right_axis (self->plot, n_right, left_title, right_title, right_currency);
  invalidate_static (self);
  update_description (self);
}

/**
 * rally_time_chart_set_currency:
 * @currency: (nullable): the ISO 4217 code of the (left) values, in major units,
 *   when they are money; the tooltip then says "$2,450"
 */
void
rally_time_chart_set_currency (RallyTimeChart *self,
                               const char     *currency)
{
  g_return_if_fail (RALLY_IS_TIME_CHART (self));

  rally_time_plot_set_currency (self->plot, currency);
  invalidate_static (self);
  update_description (self);
}

/**
 * rally_time_chart_set_launches:
 * @launches: (nullable) (array length=n): each series' launch day (UTC seconds), the
 *   series' times being seconds since it; %NULL for dates on the axis
 *
 * Aligns the series by days since their launch: the axis reads "Day 0", "Day 30",
 * the hover gives each series' own date.
 */
void
rally_time_chart_set_launches (RallyTimeChart *self,
                               const gint64   *launches,
                               guint           n)
{
  g_return_if_fail (RALLY_IS_TIME_CHART (self));

  rally_time_plot_set_launches (self->plot, launches, n);
  invalidate_static (self);
  update_description (self);
}

/**
 * rally_time_chart_set_notes:
 * @notes: (nullable) (element-type utf8): where each series' figures come from, for
 *   the hover: "Last updated 5 Dec 2026 from TikTok Research API · …"
 */
void
rally_time_chart_set_notes (RallyTimeChart *self,
                            GPtrArray      *notes)
{
  g_return_if_fail (RALLY_IS_TIME_CHART (self));

  rally_time_plot_set_notes (self->plot, notes);
}

/**
 * rally_time_chart_get_cursor_index:
 *
 * Returns: which stop (distinct time with data, in order) the crosshair is on,
 *   or -1 when it is hidden
 */
gint
rally_time_chart_get_cursor_index (RallyTimeChart *self)
{
  g_return_val_if_fail (RALLY_IS_TIME_CHART (self), -1);

  return self->cursor;
}

/**
 * rally_time_chart_get_cursor_time:
 *
 * Returns: the time under the crosshair, or %RALLY_TIME_PLOT_NO_CURSOR
 */
gint64
rally_time_chart_get_cursor_time (RallyTimeChart *self)
{
  const gint64 *stops;
  guint n;

  g_return_val_if_fail (RALLY_IS_TIME_CHART (self), RALLY_TIME_PLOT_NO_CURSOR);

  if (self->cursor < 0)
    return RALLY_TIME_PLOT_NO_CURSOR;
  stops = rally_time_plot_get_stops (self->plot, &n);
  return (guint) self->cursor < n ? stops[self->cursor] : RALLY_TIME_PLOT_NO_CURSOR;
}

/**
 * rally_time_chart_set_cursor_index:
 * @index: a stop, or -1 to hide the crosshair
 */
void
rally_time_chart_set_cursor_index (RallyTimeChart *self,
                                   gint            index)
{
  guint n = 0;

  g_return_if_fail (RALLY_IS_TIME_CHART (self));

  if (index >= 0)
    rally_time_plot_get_stops (self->plot, &n);
  if (index < 0 || (guint) index >= n)
    index = -1;
  if (self->cursor == index)
    return;
  self->cursor = index;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURSOR_INDEX]);
}

/**
 * rally_time_chart_dup_description:
 *
 * Returns: (transfer full): the accessible description: range, latest values, peaks
 */
char *
rally_time_chart_dup_description (RallyTimeChart *self)
{
  g_autofree char *description = NULL;

  g_return_val_if_fail (RALLY_IS_TIME_CHART (self), NULL);

  description = rally_time_plot_describe (self->plot);
  if (self->note == NULL || !rally_time_plot_has_data (self->plot))
    return g_steal_pointer (&description);
  return g_strconcat (description, " ", self->note, NULL);
}

static void
draw_export (gpointer               data,
             cairo_t               *cr,
             int                    width,
             int                    height,
             const RallyChartStyle *style)
{
  rally_time_plot_draw (data, cr, width, height, 1, style);
}

/**
 * rally_time_chart_export:
 * @path: the file to write (replaced atomically)
 * @format: PNG or SVG
 * @width: width in pixels (PNG) or points (SVG)
 * @height: height
 *
 * Draws the chart as on screen, but always in the light palette on white, since
 * exports end up in reports.
 *
 * Returns: %TRUE on success
 */
gboolean
rally_time_chart_export (RallyTimeChart    *self,
                         const char        *path,
                         RallyChartFormat   format,
                         int                width,
                         int                height,
                         GError           **error)
{
  RallyTimePlot *plot;
  RallyChartStyle style;
  g_autofree char *description = NULL;
  gint64 from, to;
  gboolean ok;

  g_return_val_if_fail (RALLY_IS_TIME_CHART (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* A plot of its own, so the on-screen layout cache survives the export. */
  plot = rally_time_plot_new ();
  rally_time_plot_set_series (plot, rally_time_plot_get_series (self->plot));
  rally_time_plot_get_range (self->plot, &from, &to);
  if (rally_time_plot_has_data (self->plot))
    rally_time_plot_set_range (plot, from, to);
  rally_time_plot_set_fill (plot, self->fill);
  rally_time_plot_set_value_format (plot, self->value_format);
  rally_time_plot_copy_marks (plot, self->plot);

  rally_chart_style_init_light (&style, self->style.font);
  description = rally_time_chart_dup_description (self);
  ok = rally_chart_export (draw_export, plot, &style, path, format, width, height,
                           self->title, description, error);
  rally_chart_style_clear (&style);
  rally_time_plot_free (plot);

  return ok;
}
