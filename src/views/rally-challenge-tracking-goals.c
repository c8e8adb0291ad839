/* rally-challenge-tracking-goals.c
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

#define G_LOG_DOMAIN "RallyChallengeTracking"

#include "config.h"

#include <glib/gi18n.h>

#include "rally-challenge-tracking-private.h"
#include "rally-format.h"
#include "rally-store-analytics.h"
#include "rally-tooltip.h"

/* The tracking's goals: each goal's progress, and when the figures layer's forecast
 * says it is (or was) reached, with how the forecast is made. */

/* Goals */

/* Does the history begin with snapshots? Then a goal met at its first point may have
 * been met before it; a posting-day history starts from nothing. */
static gboolean
starts_with_snapshots (const RallyReachSource *source)
{
  return (source->basis & RALLY_REACH_FROM_SNAPSHOTS) && source->posted_until == 0;
}

static char *
describe_forecast (const RallyForecast    *forecast,
                   const RallyReachSource *source)
{
  g_autofree char *date = forecast->date > 0 ? rally_format_date (forecast->date) : NULL;

  switch (forecast->state)
    {
    case RALLY_FORECAST_REACHED:
      if (forecast->at_first_point && starts_with_snapshots (source))
        /* Translators: the goal was met on or before that day (the first day with figures) */
        return g_strdup_printf (_("Reached by %s"), date);
      return g_strdup_printf (_("Reached on %s"), date);
    case RALLY_FORECAST_ON_TRACK:
      return g_strdup_printf (_("Expected around %s at the current pace"), date);
    case RALLY_FORECAST_NOT_AT_PACE:
      return g_strdup (_("Not reached at the current pace"));
    case RALLY_FORECAST_TOO_LITTLE_HISTORY:
    case RALLY_FORECAST_NO_DATA:
    default:
      return g_strdup (_("Not enough history yet"));
    }
}

static char *
describe_method (const RallyForecast    *forecast,
                 const RallyReachSource *source)
{
  g_autofree char *per_day = rally_format_abbrev (forecast->per_day);

  if (source->basis == RALLY_REACH_FROM_POSTING_DAYS)
    return g_strdup_printf (_("Forecast: a least-squares line through the last %d posting days (the videos posted "
                              "each day, with the counts they hold now) gives the pace (%s a day), extended to "
                              "the goal. It needs at least %d days of history."),
                            RALLY_FORECAST_WINDOW_DAYS, per_day, RALLY_FORECAST_MIN_DAYS);
  return g_strdup_printf (_("Forecast: a least-squares line through the last %d days of the reach history gives "
                            "the current pace (%s a day), extended to the goal. It needs at least %d days of "
                            "history."),
                          RALLY_FORECAST_WINDOW_DAYS, per_day, RALLY_FORECAST_MIN_DAYS);
}

static GtkWidget *
create_goal_row (const char             *title,
                 gint64                  value,
                 gint64                  goal,
                 const RallyForecast    *forecast,
                 const RallyReachSource *source)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *name = gtk_label_new (title);
  g_autofree char *value_text = rally_format_abbrev ((double) value);
  g_autofree char *goal_text = rally_format_abbrev ((double) goal);
  g_autofree char *amount = rally_format_progress (value_text, goal_text, (double) value / (double) goal);
  g_autofree char *when = describe_forecast (forecast, source);
  g_autofree char *method = describe_method (forecast, source);
  GtkWidget *amount_label = gtk_label_new (amount);
  GtkWidget *bar = gtk_progress_bar_new ();
  GtkWidget *forecast_label = gtk_label_new (when);

  gtk_widget_set_hexpand (name, TRUE);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_widget_add_css_class (amount_label, "numeric");
  gtk_box_append (GTK_BOX (top), name);
  gtk_box_append (GTK_BOX (top), amount_label);
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (bar), CLAMP ((double) value / (double) goal, 0, 1));
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_label_set_xalign (GTK_LABEL (forecast_label), 0);
  gtk_label_set_wrap (GTK_LABEL (forecast_label), TRUE);
  gtk_widget_add_css_class (forecast_label, "dim-label");
  rally_tooltip_set_text (forecast_label, method);
  gtk_box_append (GTK_BOX (box), top);
  gtk_box_append (GTK_BOX (box), bar);
  gtk_box_append (GTK_BOX (box), forecast_label);

  return box;
}

void
_rally_challenge_tracking_show_goals (GtkBox                      *goals_box,
                                      RallyChallenge              *challenge,
                                      const RallyChallengeFigures *figures)
{
  const RallyTotals *totals = &figures->totals;
  struct { const char *title; RallyMetric metric; gint64 value; gint64 goal; } goals[] = {
    { _("Videos"), RALLY_METRIC_VIDEOS, totals->videos, rally_challenge_get_goal_videos (challenge) },
    { _("Views"), RALLY_METRIC_VIEWS, totals->views, rally_challenge_get_goal_views (challenge) },
  };
  GtkWidget *child;
  guint shown = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (goals_box))) != NULL)
    gtk_box_remove (goals_box, child);

  for (guint i = 0; i < G_N_ELEMENTS (goals); i++)
    {
      RallyForecast forecast = { 0 };

      if (goals[i].goal <= 0)
        continue;
      rally_challenge_figures_forecast (figures, goals[i].metric, goals[i].goal, g_get_real_time () / G_USEC_PER_SEC,
                                        &forecast);
      gtk_box_append (goals_box, create_goal_row (goals[i].title, goals[i].value, goals[i].goal, &forecast,
                                                        &figures->source));
      shown++;
    }

  if (shown == 0)
    {
      GtkWidget *none = gtk_label_new (_("No goals set for this challenge"));

      gtk_label_set_xalign (GTK_LABEL (none), 0);
      gtk_widget_add_css_class (none, "dim-label");
      gtk_box_append (goals_box, none);
    }
}
