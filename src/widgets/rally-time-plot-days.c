/* rally-time-plot-days.c
 *
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

/* Two things a time plot can say about each series: the day it was launched, when
 * the series are aligned by days since launch (a point's time is then the seconds
 * since its series' launch, the axis reads "Day 0", "Day 30", and the hover names
 * each series' own date), and where its figures come from, for the hover. */

#define G_LOG_DOMAIN "RallyTimePlot"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "rally-format.h"
#include "rally-ticks.h"
#include "rally-time-plot-private.h"

#define SECONDS_PER_DAY ((gint64) 86400)

/**
 * rally_time_plot_set_launches:
 * @launches: (nullable) (array length=n): each series' launch day, UTC seconds; %NULL
 *   for dates on the axis
 *
 * With launches, the series' times are seconds since each one's launch.
 */
void
rally_time_plot_set_launches (RallyTimePlot *self,
                              const gint64  *launches,
                              guint          n)
{
  g_return_if_fail (self != NULL);

  g_clear_pointer (&self->launches, g_array_unref);
  if (launches != NULL)
    {
      self->launches = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n);
      g_array_append_vals (self->launches, launches, n);
    }
  rally_time_plot_invalidate (self);
}

gboolean
rally_time_plot_get_aligned (RallyTimePlot *self)
{
  return self->launches != NULL;
}

/**
 * rally_time_plot_set_notes:
 * @notes: (nullable) (element-type utf8): where each series' figures come from,
 *   %NULL or "" where nothing is known
 */
void
rally_time_plot_set_notes (RallyTimePlot *self,
                           GPtrArray     *notes)
{
  g_return_if_fail (self != NULL);

  g_clear_pointer (&self->notes, g_ptr_array_unref);
  if (notes != NULL)
    {
      self->notes = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < notes->len; i++)
        g_ptr_array_add (self->notes, g_strdup (g_ptr_array_index (notes, i)));
    }
}

void
_rally_time_plot_days_copy (RallyTimePlot *self,
                            RallyTimePlot *from)
{
  rally_time_plot_set_launches (self, from->launches != NULL ? (const gint64 *) (gpointer) from->launches->data : NULL,
                                from->launches != NULL ? from->launches->len : 0);
  rally_time_plot_set_notes (self, from->notes);
}

void
_rally_time_plot_days_free (RallyTimePlot *self)
{
  g_clear_pointer (&self->launches, g_array_unref);
  g_clear_pointer (&self->notes, g_ptr_array_unref);
}

static gint64
day_number (gint64 t)
{
  return t >= 0 ? t / SECONDS_PER_DAY : -((-t + SECONDS_PER_DAY - 1) / SECONDS_PER_DAY);
}

/* "Day 12" */
char *
_rally_time_plot_format_day (gint64 t)
{
  /* Translators: a day counted from a challenge's launch, "Day 0", "Day 30" */
  return g_strdup_printf (_("Day %d"), (int) day_number (t));
}

static void
tick_clear (gpointer data)
{
  g_free (((RallyDateTick *) data)->label);
}

/**
 * _rally_time_plot_day_ticks:
 *
 * Returns: (element-type RallyDateTick): ticks of whole days since launch, "Day 0",
 *   "Day 30", at most about @target of them, at a round step
 */
GArray *
_rally_time_plot_day_ticks (gint64 from,
                            gint64 to,
                            guint  target)
{
  static const gint64 steps[] = { 1, 2, 5, 7, 10, 14, 30, 60, 90, 180, 365, 730 };
  gint64 first = day_number (from), last = day_number (to);
  gint64 step = steps[G_N_ELEMENTS (steps) - 1];
  GArray *ticks = g_array_new (FALSE, FALSE, sizeof (RallyDateTick));

  g_array_set_clear_func (ticks, tick_clear);
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if ((last - first) / steps[i] + 1 <= (gint64) MAX (target, 2))
      {
        step = steps[i];
        break;
      }

  for (gint64 day = first - (first % step + step) % step; day <= last; day += step)
    {
      RallyDateTick tick = { .time = day * SECONDS_PER_DAY };

      if (day < first)
        continue;
      tick.label = _rally_time_plot_format_day (tick.time);
      g_array_append_val (ticks, tick);
    }
  return ticks;
}

/* The tooltip's heading: the date, or the day since launch. */
char *
_rally_time_plot_format_stop (RallyTimePlot *self,
                              gint64         t)
{
  return self->launches != NULL ? _rally_time_plot_format_day (t) : rally_format_date (t);
}

/* After a series' value in the tooltip: " · 13 May 2020", its own date when aligned. */
void
_rally_time_plot_tooltip_date (RallyTimePlot *self,
                               guint          index,
                               gint64         t,
                               GString       *markup)
{
  g_autofree char *date = NULL;

  if (self->launches == NULL || index >= self->launches->len)
    return;
  date = rally_format_date (g_array_index (self->launches, gint64, index) + day_number (t) * SECONDS_PER_DAY);
  g_string_append_printf (markup, " · %s", date);
}

static const char *
note_of (RallyTimePlot *self,
         guint          index)
{
  const char *note = self->notes != NULL && index < self->notes->len ? g_ptr_array_index (self->notes, index) : NULL;

  return note != NULL && *note != '\0' ? note : NULL;
}

static gboolean
notes_same (RallyTimePlot *self)
{
  for (guint i = 1; i < self->series->len; i++)
    if (g_strcmp0 (note_of (self, i), note_of (self, 0)) != 0)
      return FALSE;
  return TRUE;
}

static void
append_note (const char *note,
             GString    *markup)
{
  g_autofree char *escaped = g_markup_escape_text (note, -1);

  g_string_append_printf (markup, "\n<small>%s</small>", escaped);
}

/* Where series @index's figures come from, under its value, when the series shown
 * do not all say the same. */
void
_rally_time_plot_tooltip_series_note (RallyTimePlot *self,
                                      guint          index,
                                      GString       *markup)
{
  if (note_of (self, index) != NULL && !notes_same (self))
    append_note (note_of (self, index), markup);
}

/* Where the figures come from, once, when every series says the same. */
void
_rally_time_plot_tooltip_common_note (RallyTimePlot *self,
                                      GString       *markup)
{
  if (self->series->len > 0 && note_of (self, 0) != NULL && notes_same (self))
    append_note (note_of (self, 0), markup);
}

/* The description's first sentence. */
void
_rally_time_plot_describe_range (RallyTimePlot *self,
                                 GString       *out)
{
  g_autofree char *from = _rally_time_plot_format_stop (self, self->from);
  g_autofree char *to = _rally_time_plot_format_stop (self, self->to);

  if (self->launches != NULL)
    /* Translators: accessible description of a chart whose axis counts days since each series' launch */
    g_string_append_printf (out, _("Chart of days since each series’ launch, from %s to %s."), from, to);
  else
    /* Translators: accessible description of a chart's time range */
    g_string_append_printf (out, _("Chart from %s to %s."), from, to);
}

/**
 * rally_time_plot_dup_x_labels:
 *
 * Returns: (transfer full): the labels of the time axis as last laid out, empty
 *   before the first draw
 */
GStrv
rally_time_plot_dup_x_labels (RallyTimePlot *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; self->layout.valid && self->layout.x_ticks != NULL && i < self->layout.x_ticks->len; i++)
    g_strv_builder_add (builder, g_array_index (self->layout.x_ticks, RallyDateTick, i).label);
  return g_strv_builder_end (builder);
}
