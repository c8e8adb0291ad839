/* rally-time-plot-marks.c
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

/* What a RallyTimePlot draws besides its series: goal lines (dashed, labelled,
 * on top), events (a day as a labelled vertical marker, a period as a shaded band
 * behind the series) and a right-hand value axis for series of another unit, money
 * beside reach. Their positions are computed with the rest of the layout
 * (rally-time-plot.c), so a repaint only strokes a few lines and shows a few labels;
 * the tooltip and the description name them too. */

#define G_LOG_DOMAIN "RallyTimePlot"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "rally-format.h"
#include "rally-money.h"
#include "rally-time-plot-private.h"

#define LABEL_GAP       8.0
#define PILL_PAD        3.0
#define MAX_EVENT_LABEL 180.0
#define EVENT_ROWS      2
#define HALF_DAY        43200

static void
goal_clear (gpointer data)
{
  g_free (((PlotGoal *) data)->label);
}

static void
event_clear (gpointer data)
{
  g_free (((PlotEvent *) data)->title);
}

void
_rally_time_plot_marks_init (RallyTimePlot *self)
{
  self->goals = g_array_new (FALSE, TRUE, sizeof (PlotGoal));
  g_array_set_clear_func (self->goals, goal_clear);
  self->events = g_array_new (FALSE, TRUE, sizeof (PlotEvent));
  g_array_set_clear_func (self->events, event_clear);
}

void
_rally_time_plot_marks_free (RallyTimePlot *self)
{
  g_clear_pointer (&self->goals, g_array_unref);
  g_clear_pointer (&self->events, g_array_unref);
  g_clear_pointer (&self->left_title, g_free);
  g_clear_pointer (&self->right_title, g_free);
  g_clear_pointer (&self->right_currency, g_free);
  g_clear_pointer (&self->currency, g_free);
}

/**
 * rally_time_plot_set_goals:
 * @goals: (array length=n_goals) (nullable): the goals of the series shown
 *
 * Draws each goal as a dashed horizontal line labelled with its label; the value
 * axis reaches up to the highest goal, so every line is in sight.
 */
void
rally_time_plot_set_goals (RallyTimePlot        *self,
                           const RallyChartGoal *goals,
                           guint                 n_goals)
{
  g_return_if_fail (self != NULL);

  g_array_set_size (self->goals, 0);
  for (guint i = 0; i < n_goals; i++)
    {
      PlotGoal goal = { goals[i].value, g_strdup (goals[i].label), goals[i].right_axis };

      if (isfinite (goal.value))
        g_array_append_val (self->goals, goal);
      else
        g_free (goal.label);
    }
  rally_time_plot_invalidate (self);
}

static int
compare_events (gconstpointer a,
                gconstpointer b)
{
  const PlotEvent *ea = a, *eb = b;

  return (ea->first_day > eb->first_day) - (ea->first_day < eb->first_day);
}

/**
 * rally_time_plot_set_events:
 * @events: (array length=n_events) (nullable): the events of the series shown
 *
 * Draws a one-day event as a labelled vertical marker and a period as a shaded
 * band behind the series.
 */
void
rally_time_plot_set_events (RallyTimePlot         *self,
                            const RallyChartEvent *events,
                            guint                  n_events)
{
  g_return_if_fail (self != NULL);

  g_array_set_size (self->events, 0);
  for (guint i = 0; i < n_events; i++)
    {
      PlotEvent event = {
        events[i].first_day,
        MAX (events[i].first_day, events[i].last_day),
        g_strdup (events[i].title != NULL ? events[i].title : ""),
      };

      g_array_append_val (self->events, event);
    }
  g_array_sort (self->events, compare_events);
  rally_time_plot_invalidate (self);
}

/**
 * rally_time_plot_set_right_axis:
 * @n_right: how many series, the last ones, are drawn against a right-hand axis;
 *   0 for none
 * @left_title: (nullable): what the left axis counts, "Views"
 * @right_title: (nullable): what the right axis counts, "Donations (GBP)"
 * @right_currency: (nullable): the ISO 4217 code of the right axis' values (in
 *   major units), for exact amounts in the tooltip
 *
 * Two units on one chart: the titles are drawn above their axes.
 */
void
rally_time_plot_set_right_axis (RallyTimePlot *self,
                                guint          n_right,
                                const char    *left_title,
                                const char    *right_title,
                                const char    *right_currency)
{
  g_return_if_fail (self != NULL);

  self->n_right = n_right;
  g_free (self->left_title);
  self->left_title = g_strdup (left_title);
  g_free (self->right_title);
  self->right_title = g_strdup (right_title);
  g_free (self->right_currency);
  self->right_currency = g_strdup (right_currency);
  rally_time_plot_invalidate (self);
}

/**
 * rally_time_plot_set_currency:
 * @currency: (nullable): the ISO 4217 code of the left axis' values, in major units
 */
void
rally_time_plot_set_currency (RallyTimePlot *self,
                              const char    *currency)
{
  g_return_if_fail (self != NULL);

  g_free (self->currency);
  self->currency = currency != NULL && *currency != '\0' ? g_strdup (currency) : NULL;
  rally_time_plot_invalidate (self);
}

/**
 * rally_time_plot_copy_marks:
 *
 * Gives @self the goals, events, axes and currency of @from, for an export.
 */
void
rally_time_plot_copy_marks (RallyTimePlot *self,
                            RallyTimePlot *from)
{
  g_array_set_size (self->goals, 0);
  for (guint i = 0; i < from->goals->len; i++)
    {
      PlotGoal goal = g_array_index (from->goals, PlotGoal, i);

      goal.label = g_strdup (goal.label);
      g_array_append_val (self->goals, goal);
    }
  g_array_set_size (self->events, 0);
  for (guint i = 0; i < from->events->len; i++)
    {
      PlotEvent event = g_array_index (from->events, PlotEvent, i);

      event.title = g_strdup (event.title);
      g_array_append_val (self->events, event);
    }
  rally_time_plot_set_currency (self, from->currency);
  rally_time_plot_set_right_axis (self, from->n_right, from->left_title, from->right_title, from->right_currency);
  _rally_time_plot_days_copy (self, from);
}

/* ---- Layout ------------------------------------------------------------ */

void
_rally_time_plot_goal_bounds (RallyTimePlot *self,
                              gboolean       right_axis,
                              double        *v_min,
                              double        *v_max)
{
  for (guint i = 0; i < self->goals->len; i++)
    {
      const PlotGoal *goal = &g_array_index (self->goals, PlotGoal, i);

      if (!goal->right_axis != !right_axis)
        continue;
      *v_min = MIN (*v_min, goal->value);
      *v_max = MAX (*v_max, goal->value);
    }
}

/* The smallest of 1, 2, 2.5 and 5 times a power of ten that is at least @raw. */
static double
nice_step (double raw)
{
  static const double steps[] = { 1, 2, 2.5, 5, 10 };
  double magnitude;

  if (!(raw > 0) || !isfinite (raw))
    return 1;
  magnitude = pow (10, floor (log10 (raw)));
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (steps[i] * magnitude >= raw * (1 - 1e-9))
      return steps[i] * magnitude;
  return 10 * magnitude;
}

/* The right axis has a tick on each of the left axis' grid lines, so one grid serves
 * both; it starts from zero as the left one does. */
void
_rally_time_plot_layout_right (RallyTimePlot *self,
                               PangoLayout   *pango,
                               Layout        *layout,
                               double         v_min,
                               double         v_max)
{
  guint count = MAX (2, layout->y_labels->len);
  ValueAxis *axis = &layout->right;

  _rally_time_plot_goal_bounds (self, TRUE, &v_min, &v_max);
  if (!isfinite (v_max) || v_max <= 0)
    v_max = 1;
  axis->lo = 0;
  axis->step = nice_step (v_max / (count - 1));
  axis->hi = axis->step * (count - 1);
  axis->labels = g_ptr_array_new_with_free_func (g_free);
  axis->width = 0;
  for (guint i = 0; i < count; i++)
    {
      char *label = rally_chart_format_value (RALLY_CHART_VALUE_COUNT, axis->lo + i * axis->step, FALSE);

      axis->width = MAX (axis->width, rally_chart_text_width (pango, label));
      g_ptr_array_add (axis->labels, label);
    }
  layout->plot_w = MAX (1.0, layout->plot_w - axis->width - LABEL_GAP);
}

static gboolean
event_visible (RallyTimePlot   *self,
               const PlotEvent *event)
{
  return event->last_day + HALF_DAY >= self->from && event->first_day - (event->last_day > event->first_day ? HALF_DAY : 0) <= self->to;
}

/* Where a period's band starts and ends, or a day's marker stands (both the same). */
static void
event_span (RallyTimePlot   *self,
            const Layout    *layout,
            const PlotEvent *event,
            double          *x0,
            double          *x1)
{
  if (event->last_day == event->first_day)
    {
      *x0 = *x1 = round (x_for_time (self, layout, (double) event->first_day)) + 0.5;
      return;
    }
  *x0 = x_for_time (self, layout, (double) MAX (event->first_day - HALF_DAY, self->from));
  *x1 = x_for_time (self, layout, (double) MIN (event->last_day + HALF_DAY, self->to));
}

static gboolean
boxes_overlap (const LabelBox *a,
               const LabelBox *b,
               double          text_h)
{
  return !isnan (a->x) && !isnan (b->x) && a->x < b->x + b->w && b->x < a->x + a->w
      && a->y < b->y + text_h && b->y < a->y + text_h;
}

/* Each event's title at the top of the plot, beside its marker or at the start of
 * its band, in the first of two rows where it touches no other; else it is left
 * out (the tooltip and the description still name it). */
static void
layout_event_labels (RallyTimePlot *self,
                     PangoLayout   *pango,
                     Layout        *layout)
{
  double row_right[EVENT_ROWS];
  double right_edge = layout->plot_x + layout->plot_w;

  for (guint r = 0; r < EVENT_ROWS; r++)
    row_right[r] = -INFINITY;
  layout->event_labels = g_array_sized_new (FALSE, FALSE, sizeof (LabelBox), self->events->len);
  for (guint i = 0; i < self->events->len; i++)
    {
      const PlotEvent *event = &g_array_index (self->events, PlotEvent, i);
      LabelBox box = { NAN, NAN, 0 };
      double x0, x1;

      if (event_visible (self, event))
        {
          event_span (self, layout, event, &x0, &x1);
          box.w = MIN (MAX_EVENT_LABEL, rally_chart_text_width (pango, event->title)) + 2 * PILL_PAD;
          x0 = MAX (x0 + PILL_PAD + 1, layout->plot_x);
          if (x0 + box.w > right_edge)
            x0 = MAX (layout->plot_x, x1 - box.w - PILL_PAD - 1);
          for (guint r = 0; r < EVENT_ROWS && isnan (box.x); r++)
            if (x0 >= row_right[r] + LABEL_GAP && x0 + box.w <= right_edge + 0.5)
              {
                box.x = x0;
                box.y = layout->plot_y + PILL_PAD + r * (layout->text_h + 2 * PILL_PAD + 2);
                row_right[r] = x0 + box.w;
              }
        }
      g_array_append_val (layout->event_labels, box);
    }
}

static double
goal_y (const Layout   *layout,
        const PlotGoal *goal)
{
  return round (goal->right_axis && layout->right.labels != NULL ? y_for_right (layout, goal->value)
                                                                 : y_for_value (layout, goal->value)) + 0.5;
}

/* Each goal's label at the right end of its line: above it, unless that leaves
 * the plot or hides an event's title. */
static void
layout_goal_labels (RallyTimePlot *self,
                    PangoLayout   *pango,
                    Layout        *layout)
{
  double right = layout->plot_x + layout->plot_w;

  layout->goal_labels = g_array_sized_new (FALSE, FALSE, sizeof (LabelBox), self->goals->len);
  for (guint i = 0; i < self->goals->len; i++)
    {
      const PlotGoal *goal = &g_array_index (self->goals, PlotGoal, i);
      double y = goal_y (layout, goal);
      LabelBox box = { NAN, NAN, 0 };
      gboolean covers = FALSE;

      if (goal->label != NULL && *goal->label != '\0')
        {
          box.w = MIN (rally_chart_text_width (pango, goal->label), layout->plot_w / 2) + 2 * PILL_PAD;
          box.x = right - box.w - 4;
          box.y = y - layout->text_h - 3;
          for (guint k = 0; k < layout->event_labels->len && !covers; k++)
            covers = boxes_overlap (&box, &g_array_index (layout->event_labels, LabelBox, k), layout->text_h);
          if (box.y < layout->plot_y || covers)
            box.y = y + 3;
        }
      g_array_append_val (layout->goal_labels, box);
    }
}

void
_rally_time_plot_layout_events (RallyTimePlot *self,
                                PangoLayout   *pango,
                                Layout        *layout)
{
  layout_event_labels (self, pango, layout);
  layout_goal_labels (self, pango, layout);
}

/* ---- Drawing ----------------------------------------------------------- */

/* A label on a rounded patch of the background, readable over lines and bands. */
static void
draw_pill_label (cairo_t               *cr,
                 PangoLayout           *pango,
                 const RallyChartStyle *style,
                 const char            *text,
                 double                 x,
                 double                 y,
                 double                 max_width)
{
  int w, h;

  pango_layout_set_text (pango, text, -1);
  pango_layout_set_width (pango, (int) (max_width * PANGO_SCALE));
  pango_layout_set_ellipsize (pango, PANGO_ELLIPSIZE_END);
  pango_layout_get_pixel_size (pango, &w, &h);

  rally_chart_set_source (cr, &style->background, 0.85);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + 4, y + 4, 4, G_PI, 1.5 * G_PI);
  cairo_arc (cr, x + w + 2 * PILL_PAD - 4, y + 4, 4, 1.5 * G_PI, 2 * G_PI);
  cairo_arc (cr, x + w + 2 * PILL_PAD - 4, y + h - 4, 4, 0, 0.5 * G_PI);
  cairo_arc (cr, x + 4, y + h - 4, 4, 0.5 * G_PI, G_PI);
  cairo_close_path (cr);
  cairo_fill (cr);

  rally_chart_set_source (cr, &style->foreground, 0.9);
  cairo_move_to (cr, x + PILL_PAD, y);
  pango_cairo_show_layout (cr, pango);
  pango_layout_set_width (pango, -1);
  pango_layout_set_ellipsize (pango, PANGO_ELLIPSIZE_NONE);
}

/* Adds a rectangle for each period in sight (@periods), or a vertical line for each day. */
static void
trace_events (RallyTimePlot *self,
              cairo_t       *cr,
              gboolean       periods)
{
  const Layout *layout = &self->layout;

  for (guint i = 0; i < self->events->len; i++)
    {
      const PlotEvent *event = &g_array_index (self->events, PlotEvent, i);
      double x0, x1;

      if ((event->last_day > event->first_day) != !!periods || !event_visible (self, event))
        continue;
      event_span (self, layout, event, &x0, &x1);
      if (periods)
        cairo_rectangle (cr, x0, layout->plot_y, MAX (1.0, x1 - x0), layout->plot_h);
      else
        {
          cairo_move_to (cr, x0, layout->plot_y);
          cairo_line_to (cr, x0, layout->plot_y + layout->plot_h);
        }
    }
}

/* Periods: a band of the accent colour, light enough for the series to read over it. */
void
_rally_time_plot_draw_bands (RallyTimePlot         *self,
                             cairo_t               *cr,
                             const RallyChartStyle *style)
{
  trace_events (self, cr, TRUE);
  rally_chart_set_source (cr, &style->accent, 0.14);
  cairo_fill (cr);
}

static void
draw_day_markers (RallyTimePlot         *self,
                  cairo_t               *cr,
                  const RallyChartStyle *style)
{
  trace_events (self, cr, FALSE);
  cairo_set_line_width (cr, 1.5);
  rally_chart_set_source (cr, &style->accent, 0.85);
  cairo_stroke (cr);
}

static void
draw_goals (RallyTimePlot         *self,
            cairo_t               *cr,
            PangoLayout           *pango,
            const RallyChartStyle *style)
{
  static const double dashes[] = { 6.0, 4.0 };
  const Layout *layout = &self->layout;

  cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
  for (guint i = 0; i < self->goals->len; i++)
    {
      double y = goal_y (layout, &g_array_index (self->goals, PlotGoal, i));

      cairo_move_to (cr, layout->plot_x, y);
      cairo_line_to (cr, layout->plot_x + layout->plot_w, y);
    }
  cairo_set_line_width (cr, 1.5);
  rally_chart_set_source (cr, &style->foreground, 0.7);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  for (guint i = 0; i < self->goals->len; i++)
    {
      const LabelBox *box = &g_array_index (layout->goal_labels, LabelBox, i);

      if (!isnan (box->x))
        draw_pill_label (cr, pango, style, g_array_index (self->goals, PlotGoal, i).label,
                         box->x, box->y, box->w - 2 * PILL_PAD + 1);
    }
}

/* On top of the series: day markers, goal lines and every label. */
void
_rally_time_plot_draw_marks (RallyTimePlot         *self,
                             cairo_t               *cr,
                             PangoLayout           *pango,
                             const RallyChartStyle *style)
{
  const Layout *layout = &self->layout;

  draw_day_markers (self, cr, style);
  draw_goals (self, cr, pango, style);
  for (guint i = 0; i < self->events->len; i++)
    {
      const LabelBox *box = &g_array_index (layout->event_labels, LabelBox, i);

      if (!isnan (box->x))
        draw_pill_label (cr, pango, style, g_array_index (self->events, PlotEvent, i).title,
                         box->x, box->y, box->w - 2 * PILL_PAD + 1);
    }
}

/* The right axis' labels on the left axis' grid lines, and both axes' titles. */
void
_rally_time_plot_draw_right (RallyTimePlot         *self,
                             cairo_t               *cr,
                             PangoLayout           *pango,
                             const RallyChartStyle *style)
{
  const Layout *layout = &self->layout;
  double left = layout->plot_x + layout->plot_w + LABEL_GAP;

  if (layout->right.labels == NULL)
    return;

  rally_chart_set_source (cr, &style->foreground, 0.7);
  for (guint i = 0; i < layout->right.labels->len; i++)
    {
      double y = round (y_for_right (layout, layout->right.lo + i * layout->right.step)) + 0.5;

      pango_layout_set_text (pango, g_ptr_array_index (layout->right.labels, i), -1);
      cairo_move_to (cr, left, y - layout->text_h / 2);
      pango_cairo_show_layout (cr, pango);
    }

  rally_chart_set_source (cr, &style->foreground, 1);
  if (self->left_title != NULL)
    {
      pango_layout_set_text (pango, self->left_title, -1);
      cairo_move_to (cr, 8, layout->titles_y);
      pango_cairo_show_layout (cr, pango);
    }
  if (self->right_title != NULL)
    {
      double w = rally_chart_text_width (pango, self->right_title);

      cairo_move_to (cr, MAX (layout->width / 2.0, layout->width - 8 - w), layout->titles_y);
      pango_cairo_show_layout (cr, pango);
    }
}

/* ---- Words ------------------------------------------------------------- */

/**
 * _rally_time_plot_format_value:
 * @series_index: the series the value belongs to, for its axis' unit
 *
 * Returns: (transfer full): the value as its axis writes it: "$2,450" in a
 *   tooltip, "2.5K" on a label, for money
 */
char *
_rally_time_plot_format_value (RallyTimePlot *self,
                               guint          series_index,
                               double         value,
                               gboolean       exact)
{
  gboolean right = self->n_right > 0 && series_on_right (self, series_index);
  const char *currency = right ? self->right_currency : self->currency;

  if (currency != NULL && exact)
    return rally_format_money (rally_money_to_minor (value, currency), currency);
  return rally_chart_format_value (right ? RALLY_CHART_VALUE_COUNT : self->value_format, value, exact);
}

static gboolean
event_at (const PlotEvent *event,
          gint64           t)
{
  return t >= event->first_day - HALF_DAY && t < event->last_day + HALF_DAY;
}

/* Each event at @t, one line each: "Joke-Ha-Thon, 12 Mar – 19 Mar 2021". */
void
_rally_time_plot_tooltip_events (RallyTimePlot *self,
                                 gint64         t,
                                 GString       *markup)
{
  for (guint i = 0; i < self->events->len; i++)
    {
      const PlotEvent *event = &g_array_index (self->events, PlotEvent, i);
      g_autofree char *days = NULL;
      g_autofree char *title = NULL;

      if (!event_at (event, t))
        continue;
      days = rally_format_event_days (event->first_day, event->last_day);
      title = g_markup_escape_text (event->title, -1);
      /* Translators: an event in a chart tooltip: its title and its days */
      g_string_append_printf (markup, _("\n⚑ <i>%s</i>, %s"), title, days);
    }
}

/* " Goals: Goal 60M. Events: Joke-Ha-Thon 12 Mar – 19 Mar 2021; Launch 1 Mar 2021." */
void
_rally_time_plot_describe_marks (RallyTimePlot *self,
                                 GString       *out)
{
  g_autoptr(GString) list = g_string_new (NULL);

  if (self->n_right > 0 && self->right_title != NULL)
    /* Translators: accessible description of a chart with a second value axis */
    g_string_append_printf (out, _(" Right axis: %s."), self->right_title);

  for (guint i = 0; i < self->goals->len; i++)
    {
      const PlotGoal *goal = &g_array_index (self->goals, PlotGoal, i);

      if (goal->label != NULL)
        g_string_append_printf (list, "%s%s", list->len > 0 ? "; " : "", goal->label);
    }
  if (list->len > 0)
    /* Translators: accessible description of a chart's goal lines, "Goal 60M; Goal 2K" */
    g_string_append_printf (out, _(" Goals: %s."), list->str);

  g_string_truncate (list, 0);
  for (guint i = 0; i < self->events->len; i++)
    {
      const PlotEvent *event = &g_array_index (self->events, PlotEvent, i);
      g_autofree char *days = NULL;

      if (!event_visible (self, event))
        continue;
      days = rally_format_event_days (event->first_day, event->last_day);
      if (list->len > 0)
        g_string_append (list, "; ");
      /* Translators: one event in a chart's description: its title and its days */
      g_string_append_printf (list, _("%s %s"), event->title, days);
    }
  if (list->len > 0)
    /* Translators: accessible description of a chart's events */
    g_string_append_printf (out, _(" Events: %s."), list->str);
}
