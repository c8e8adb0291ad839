/* rally-analytics-page-marks.c
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

/* What the analytics page's time chart shows besides reach: the events of the
 * campaigns and challenges charted (read on the reader's thread with their
 * figures), their goals as goal lines, and their donations: the sponsor's pledge
 * times each day's new videos, up to the cap, in the challenge's currency. */

#define G_LOG_DOMAIN "RallyAnalyticsPage"

#include "config.h"

#include <glib/gi18n.h>

#include "rally-analytics-page-private.h"
#include "rally-chart-marks.h"
#include "rally-donations.h"
#include "rally-format.h"
#include "rally-money.h"
#include "rally-store.h"

/* Donations */

static RallyChallenge *
find_challenge (RallyAnalyticsPage *self,
                gint64              id)
{
  for (guint i = 0; i < g_list_model_get_n_items (self->challenges); i++)
    {
      g_autoptr(RallyChallenge) challenge = g_list_model_get_item (self->challenges, i);

      if (rally_challenge_get_id (challenge) == id)
        return g_steal_pointer (&challenge);
    }
  return NULL;
}

static RallyCampaign *
find_campaign (RallyAnalyticsPage *self,
               gint64              id)
{
  for (guint i = 0; i < g_list_model_get_n_items (self->campaigns); i++)
    {
      g_autoptr(RallyCampaign) campaign = g_list_model_get_item (self->campaigns, i);

      if (rally_campaign_get_id (campaign) == id)
        return g_steal_pointer (&campaign);
    }
  return NULL;
}

/* What @challenge raised each day, in minor units of its currency. */
static RallyDonations *
challenge_donations (RallyAnalyticsPage *self,
                     RallyChallenge     *challenge)
{
  const Table *table = _rally_analytics_page_lookup_table (self, FALSE, rally_challenge_get_id (challenge));
  g_autoptr(GArray) videos = NULL;
  g_autoptr(RallySeries) daily = NULL;

  videos = table != NULL ? rally_reach_points (table->table, RALLY_METRIC_VIDEOS, FALSE)
                         : g_array_new (FALSE, FALSE, sizeof (RallyPoint));
  daily = rally_series_new_from_points ("", "#000000", videos);
  return rally_donations_compute (daily, rally_challenge_get_pledge_per_video (challenge),
                                  rally_challenge_get_pledge_cap (challenge), rally_challenge_get_currency (challenge));
}

static int
compare_points (gconstpointer a,
                gconstpointer b)
{
  const RallyPoint *pa = a, *pb = b;

  return (pa->t > pb->t) - (pa->t < pb->t);
}

/* Sums points of the same day; @points sorted by day. */
static GArray *
merge_days (GArray *points)
{
  GArray *out = g_array_sized_new (FALSE, FALSE, sizeof (RallyPoint), points->len);

  for (guint i = 0; i < points->len; i++)
    {
      RallyPoint *p = &g_array_index (points, RallyPoint, i);

      if (out->len > 0 && g_array_index (out, RallyPoint, out->len - 1).t == p->t)
        g_array_index (out, RallyPoint, out->len - 1).v += p->v;
      else
        g_array_append_val (out, *p);
    }
  return out;
}

/**
 * _rally_analytics_page_donation_points:
 * @currency: (out): the currency of the points
 *
 * Returns: (transfer full) (element-type RallyPoint): the money a challenge (or a
 *   campaign's challenges together) raised per day or so far, in major units
 */
GArray *
_rally_analytics_page_donation_points (RallyAnalyticsPage  *self,
                                       gboolean             is_campaign,
                                       gint64               id,
                                       gboolean             cumulative,
                                       const char         **currency)
{
  g_autoptr(GArray) daily = g_array_new (FALSE, FALSE, sizeof (RallyPoint));
  g_autoptr(RallyCampaign) campaign = is_campaign ? find_campaign (self, id) : NULL;
  GArray *merged;
  double total = 0;

  *currency = campaign != NULL ? rally_campaign_get_currency (campaign) : NULL;
  for (guint i = 0; i < g_list_model_get_n_items (self->challenges); i++)
    {
      g_autoptr(RallyChallenge) challenge = g_list_model_get_item (self->challenges, i);
      g_autoptr(RallyDonations) donations = NULL;
      const RallyPoint *points;
      guint n;

      if (is_campaign ? rally_challenge_get_campaign_id (challenge) != id : rally_challenge_get_id (challenge) != id)
        continue;
      donations = challenge_donations (self, challenge);
      if (*currency == NULL || **currency == '\0')
        *currency = g_intern_string (rally_challenge_get_currency (challenge));
      points = rally_series_get_points (donations->daily, &n);
      for (guint k = 0; k < n; k++)
        {
          RallyPoint major = { points[k].t, rally_money_to_major ((gint64) points[k].v, *currency) };

          g_array_append_val (daily, major);
        }
    }

  g_array_sort (daily, compare_points);
  merged = merge_days (daily);
  for (guint i = 0; cumulative && i < merged->len; i++)
    {
      total += g_array_index (merged, RallyPoint, i).v;
      g_array_index (merged, RallyPoint, i).v = total;
    }
  return merged;
}

/* Goals: each item's goal in the unit of its series, drawn when the series are
 * running totals (a goal is a total; a day's views are not compared with it). */

typedef struct
{
  GArray    *goals;    /* RallyChartGoal */
  GPtrArray *labels;   /* owns the goals' labels */
} Goals;

static void
add_goal (Goals      *goals,
          const char *owner,
          gint64      value,
          gboolean    money,
          const char *currency,
          gboolean    right_axis)
{
  g_autofree char *amount = NULL;
  char *label;
  RallyChartGoal goal;

  if (value <= 0)
    return;
  amount = money ? rally_format_money (value, currency) : rally_format_abbrev ((double) value);
  label = rally_format_goal (owner, amount);
  g_ptr_array_add (goals->labels, label);
  goal.value = money ? rally_money_to_major (value, currency) : (double) value;
  goal.label = label;
  goal.right_axis = right_axis;
  g_array_append_val (goals->goals, goal);
}

static void
add_item_goal (RallyAnalyticsPage *self,
               const Shown        *shown,
               const char         *owner,
               Goals              *goals)
{
  RallyMetric metric = shown->money ? RALLY_METRIC_DONATIONS : _rally_analytics_page_get_metric (self);
  gboolean right = shown->money && _rally_analytics_page_get_money_beside (self);
  g_autoptr(RallyChallenge) challenge = NULL;
  g_autoptr(RallyCampaign) campaign = NULL;

  if (shown->id == 0)
    return;
  if (shown->is_campaign)
    {
      campaign = find_campaign (self, shown->id);
      if (campaign == NULL)
        return;
      if (metric == RALLY_METRIC_VIEWS)
        add_goal (goals, owner, rally_campaign_get_goal_views (campaign), FALSE, NULL, right);
      else if (metric == RALLY_METRIC_VIDEOS)
        add_goal (goals, owner, rally_campaign_get_goal_videos (campaign), FALSE, NULL, right);
      else if (metric == RALLY_METRIC_DONATIONS)
        add_goal (goals, owner, rally_campaign_get_goal_donations (campaign), TRUE, self->money_currency, right);
      return;
    }

  challenge = find_challenge (self, shown->id);
  if (challenge == NULL)
    return;
  if (metric == RALLY_METRIC_VIEWS)
    add_goal (goals, owner, rally_challenge_get_goal_views (challenge), FALSE, NULL, right);
  else if (metric == RALLY_METRIC_VIDEOS)
    add_goal (goals, owner, rally_challenge_get_goal_videos (challenge), FALSE, NULL, right);
  else if (metric == RALLY_METRIC_DONATIONS && rally_challenge_get_pledge_per_video (challenge) > 0)
    /* the pledge's cap is the most it can raise: its goal line */
    add_goal (goals, owner, rally_challenge_get_pledge_cap (challenge), TRUE, self->money_currency, right);
}

static void
update_goals (RallyAnalyticsPage *self)
{
  Goals goals = {
    g_array_new (FALSE, FALSE, sizeof (RallyChartGoal)),
    g_ptr_array_new_with_free_func (g_free),
  };
  guint n_items = 0;

  for (guint i = 0; i < self->shown->len; i++)
    n_items += g_array_index (self->shown, Shown, i).money ? 0 : 1;
  if (n_items == 0)
    n_items = self->shown->len;

  for (guint i = 0; _rally_analytics_page_get_cumulative (self) && i < self->shown->len; i++)
    {
      const Shown *shown = &g_array_index (self->shown, Shown, i);

      /* with one item charted, "Goal 60M" says enough; else whose goal */
      add_item_goal (self, shown, n_items > 1 ? rally_series_get_name (shown->series) : NULL, &goals);
    }
  rally_time_chart_set_goals (self->time_chart, (const RallyChartGoal *) (gpointer) goals.goals->data,
                              goals.goals->len);
  g_array_unref (goals.goals);
  g_ptr_array_unref (goals.labels);
}

static gboolean
has_event (GArray                *events,
           const RallyChartEvent *event)
{
  for (guint i = 0; i < events->len; i++)
    {
      const RallyChartEvent *other = &g_array_index (events, RallyChartEvent, i);

      if (other->first_day == event->first_day && other->last_day == event->last_day &&
          g_strcmp0 (other->title, event->title) == 0)
        return TRUE;
    }
  return FALSE;
}

/* The events of every campaign and challenge charted, each once. */
static void
update_events (RallyAnalyticsPage *self)
{
  g_autoptr(GArray) events = g_array_new (FALSE, FALSE, sizeof (RallyChartEvent));

  for (guint i = 0; i < self->shown->len; i++)
    {
      const Shown *shown = &g_array_index (self->shown, Shown, i);
      const Table *table = shown->id != 0 ? _rally_analytics_page_lookup_table (self, shown->is_campaign, shown->id)
                                          : NULL;

      for (guint k = 0; table != NULL && table->events != NULL && k < table->events->len; k++)
        {
          RallyChartEvent event = g_array_index (table->events, RallyChartEvent, k);

          /* aligned, an event is on its own series' days since launch */
          if (_rally_analytics_page_get_aligned (self))
            {
              event.first_day -= shown->launch;
              event.last_day -= shown->launch;
            }
          if (!has_event (events, &event))
            g_array_append_val (events, event);
        }
    }
  rally_time_chart_set_events (self->time_chart, (const RallyChartEvent *) (gpointer) events->data, events->len);
}

static void
update_axes (RallyAnalyticsPage *self)
{
  g_autofree char *right_title = NULL;
  guint n_money = 0;

  for (guint i = 0; i < self->shown->len; i++)
    n_money += g_array_index (self->shown, Shown, i).money ? 1 : 0;

  if (!_rally_analytics_page_get_money_beside (self) || n_money == 0)
    {
      rally_time_chart_set_right_axis (self->time_chart, 0, NULL, NULL, NULL);
      rally_time_chart_set_currency (self->time_chart, self->money_currency);
      return;
    }
  /* Translators: the title of a chart's money axis; %s is a currency code, "GBP" */
  right_title = g_strdup_printf (_("Donations (%s)"), self->money_currency != NULL ? self->money_currency : "");
  rally_time_chart_set_currency (self->time_chart, NULL);
  rally_time_chart_set_right_axis (self->time_chart, n_money, _rally_analytics_page_metric_name (RALLY_METRIC_VIEWS),
                                   right_title, self->money_currency);
}

/**
 * _rally_analytics_page_update_marks:
 *
 * Gives the time chart the goals, events, axes and currency of what it shows.
 */
void
_rally_analytics_page_update_marks (RallyAnalyticsPage *self)
{
  update_axes (self);
  update_goals (self);
  update_events (self);
}
