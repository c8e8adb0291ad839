/* rally-figures.c
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

#define G_LOG_DOMAIN "RallyFigures"

#include "config.h"

#include <math.h>

#include "rally-figures.h"

/* The figures of a challenge and of a campaign, from what the store read: the one
 * place that says how views, videos, donations and forecasts follow from the totals,
 * the latest snapshot and the reach over time. The figures reader
 * (store/rally-figures-reader.c) fills them; the pages and the report show them. */

G_DEFINE_BOXED_TYPE (RallyChallengeFigures, rally_challenge_figures,
                     rally_challenge_figures_ref, rally_challenge_figures_unref)
G_DEFINE_BOXED_TYPE (RallyCampaignFigures, rally_campaign_figures,
                     rally_campaign_figures_ref, rally_campaign_figures_unref)

/**
 * rally_reach_value:
 * @day: totals (running, or of one day)
 * @metric: which figure
 *
 * Returns: the figure; for engagement, (likes + comments + shares) / views, or NAN
 *   when there are no views
 */
double
rally_reach_value (const RallyDayTotals *day,
                   RallyMetric           metric)
{
  g_return_val_if_fail (day != NULL, NAN);

  switch (metric)
    {
    case RALLY_METRIC_VIEWS:
      return (double) day->views;
    case RALLY_METRIC_VIDEOS:
      return (double) day->videos;
    case RALLY_METRIC_LIKES:
      return (double) day->likes;
    case RALLY_METRIC_COMMENTS:
      return (double) day->comments;
    case RALLY_METRIC_SHARES:
      return (double) day->shares;
    case RALLY_METRIC_ENGAGEMENT:
      return day->views > 0 ? rally_engagement_rate (day->likes, day->comments, day->shares, day->views) : NAN;
    case RALLY_METRIC_DONATIONS:
      /* money depends on a challenge's pledge, not on a day's counts: rally_donations_compute() */
      return NAN;
    default:
      g_return_val_if_reached (NAN);
    }
}

/* Challenge figures */

/**
 * rally_challenge_figures_new:
 *
 * Returns: (transfer full): empty figures of @challenge_id, for the reader to fill
 */
RallyChallengeFigures *
rally_challenge_figures_new (gint64 challenge_id)
{
  RallyChallengeFigures *self = g_new0 (RallyChallengeFigures, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->challenge_id = challenge_id;

  return self;
}

RallyChallengeFigures *
rally_challenge_figures_ref (RallyChallengeFigures *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
rally_challenge_figures_unref (RallyChallengeFigures *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_clear_object (&self->latest);
  g_clear_pointer (&self->reach, g_array_unref);
  g_free (self);
}

/**
 * rally_challenge_figures_get_views:
 *
 * Returns: the views of the stored videos, or of the latest snapshot when that says
 *   more (figures typed in or imported without the videos behind them)
 */
gint64
rally_challenge_figures_get_views (const RallyChallengeFigures *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->latest != NULL ? MAX (self->totals.views, rally_snapshot_get_views (self->latest))
                              : self->totals.views;
}

/**
 * rally_challenge_figures_get_videos:
 *
 * Returns: the stored videos, or the latest snapshot's count when that says more
 */
gint64
rally_challenge_figures_get_videos (const RallyChallengeFigures *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->latest != NULL ? MAX (self->totals.videos, rally_snapshot_get_videos (self->latest))
                              : self->totals.videos;
}

/**
 * rally_challenge_figures_get_raised:
 * @challenge: the challenge of @self, for its pledge and cap
 *
 * Returns: the pledge × the stored videos, up to the cap, in the challenge's currency
 */
gint64
rally_challenge_figures_get_raised (const RallyChallengeFigures *self,
                                    RallyChallenge              *challenge)
{
  g_return_val_if_fail (self != NULL, 0);

  return rally_challenge_donations_for (challenge, self->totals.videos);
}

/**
 * rally_challenge_figures_get_engagement:
 * @rate: (out): (likes + comments + shares) ÷ views over the stored videos
 *
 * Returns: whether there are views to compute it from
 */
gboolean
rally_challenge_figures_get_engagement (const RallyChallengeFigures *self,
                                        double                      *rate)
{
  const RallyTotals *totals;

  g_return_val_if_fail (self != NULL, FALSE);

  totals = &self->totals;
  *rate = totals->views > 0 ? rally_engagement_rate (totals->likes, totals->comments, totals->shares, totals->views)
                            : 0;
  return totals->views > 0;
}

/**
 * rally_challenge_figures_forecast:
 * @metric: the figure the goal is set on
 * @goal: the goal
 * @now: UTC unix seconds
 * @forecast: (out caller-allocates): the forecast
 *
 * The goal's forecast from the reach. A posting-day history ends on the last day a
 * video was posted, but its counts are as of their fetch: nothing more had been posted
 * by then, so that day (with the same totals) is history too. A challenge that ended
 * long ago is then not "on track" at the pace of its last posting days.
 */
RallyForecastState
rally_challenge_figures_forecast (const RallyChallengeFigures *self,
                                  RallyMetric                  metric,
                                  gint64                       goal,
                                  gint64                       now,
                                  RallyForecast               *forecast)
{
  guint len;
  g_autofree RallyPoint *points = NULL;
  gsize n;
  gint64 as_of;

  g_return_val_if_fail (self != NULL, RALLY_FORECAST_NO_DATA);

  len = self->reach != NULL ? self->reach->len : 0;
  points = g_new0 (RallyPoint, len + 1);
  n = len;
  as_of = rally_day_start (self->source.counts_as_of);
  for (guint i = 0; i < len; i++)
    {
      const RallyDayTotals *day = &g_array_index (self->reach, RallyDayTotals, i);

      points[i].t = day->day;
      points[i].v = rally_reach_value (day, metric);
    }
  if (n > 0 && (self->source.basis & RALLY_REACH_FROM_POSTING_DAYS) && as_of > points[n - 1].t)
    {
      points[n].t = as_of;
      points[n].v = points[n - 1].v;
      n++;
    }

  return rally_forecast_goal (points, n, (double) goal, now, forecast);
}

/* Campaign figures */

static void
add_totals (RallyTotals       *sum,
            const RallyTotals *t)
{
  sum->videos += t->videos;
  sum->views += t->views;
  sum->likes += t->likes;
  sum->comments += t->comments;
  sum->shares += t->shares;
  sum->creators += t->creators;
  sum->last_synced = MAX (sum->last_synced, t->last_synced);
}

static gboolean
same_currency (RallyChallenge *challenge,
               RallyCampaign  *campaign)
{
  return g_ascii_strcasecmp (rally_challenge_get_currency (challenge), rally_campaign_get_currency (campaign)) == 0;
}

/**
 * rally_campaign_figures_new:
 * @campaign: the campaign
 * @challenges: (element-type RallyChallenge): its challenges
 * @figures: (element-type RallyChallengeFigures): their figures, in the same order
 *
 * Adds up the figures of a campaign's challenges.
 *
 * Returns: (transfer full): the campaign's figures
 */
RallyCampaignFigures *
rally_campaign_figures_new (RallyCampaign *campaign,
                            GPtrArray     *challenges,
                            GPtrArray     *figures)
{
  RallyCampaignFigures *self;

  g_return_val_if_fail (RALLY_IS_CAMPAIGN (campaign), NULL);
  g_return_val_if_fail (challenges != NULL && figures != NULL, NULL);
  g_return_val_if_fail (challenges->len == figures->len, NULL);

  self = g_new0 (RallyCampaignFigures, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->campaign_id = rally_campaign_get_id (campaign);
  self->challenges = g_ptr_array_ref (challenges);
  self->figures = g_ptr_array_ref (figures);

  for (guint i = 0; i < challenges->len; i++)
    {
      RallyChallenge *challenge = g_ptr_array_index (challenges, i);
      const RallyChallengeFigures *f = g_ptr_array_index (figures, i);
      gint64 videos = rally_challenge_figures_get_videos (f);

      self->views += rally_challenge_figures_get_views (f);
      self->videos += videos;
      add_totals (&self->stored, &f->totals);
      if (same_currency (challenge, campaign))
        self->raised += rally_challenge_donations_for (challenge, videos);
      else if (rally_challenge_get_pledge_per_video (challenge) > 0)
        self->other_currency = TRUE;
    }

  return self;
}

RallyCampaignFigures *
rally_campaign_figures_ref (RallyCampaignFigures *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
rally_campaign_figures_unref (RallyCampaignFigures *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_clear_pointer (&self->challenges, g_ptr_array_unref);
  g_clear_pointer (&self->figures, g_ptr_array_unref);
  g_free (self);
}

/**
 * rally_campaign_figures_lookup:
 *
 * Returns: (transfer none) (nullable): the figures of one of the campaign's challenges
 */
RallyChallengeFigures *
rally_campaign_figures_lookup (RallyCampaignFigures *self,
                               gint64                challenge_id)
{
  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->figures->len; i++)
    {
      RallyChallengeFigures *f = g_ptr_array_index (self->figures, i);

      if (f->challenge_id == challenge_id)
        return f;
    }

  return NULL;
}

/**
 * rally_campaign_figures_get_stored_raised:
 * @campaign: the campaign of @self, for its currency
 *
 * The money the report states: each challenge's pledge × its stored videos, up to its
 * cap, for the challenges pledging in the campaign's currency (the others are listed
 * apart with rally_challenge_figures_get_raised(), never added up with a made-up rate).
 *
 * Returns: the sum, in the campaign's currency
 */
gint64
rally_campaign_figures_get_stored_raised (RallyCampaignFigures *self,
                                          RallyCampaign        *campaign)
{
  gint64 raised = 0;

  g_return_val_if_fail (self != NULL, 0);

  for (guint i = 0; i < self->challenges->len; i++)
    {
      RallyChallenge *challenge = g_ptr_array_index (self->challenges, i);

      if (same_currency (challenge, campaign))
        raised += rally_challenge_figures_get_raised (g_ptr_array_index (self->figures, i), challenge);
    }

  return raised;
}
