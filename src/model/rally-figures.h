/* rally-figures.h
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

#pragma once

#include <glib-object.h>

#include "rally-campaign.h"
#include "rally-challenge.h"
#include "rally-forecast.h"
#include "rally-metrics.h"
#include "rally-snapshot.h"

G_BEGIN_DECLS

/**
 * RallyTotals:
 * @videos: stored videos
 * @views: their views (likewise @likes, @comments, @shares)
 * @creators: distinct creators among them
 * @last_synced: the latest updated-at of the videos, or 0
 *
 * Totals of a challenge, computed by SQL from its stored videos.
 */
typedef struct
{
  gint64 videos;
  gint64 views;
  gint64 likes;
  gint64 comments;
  gint64 shares;
  gint64 creators;
  gint64 last_synced;
} RallyTotals;

/**
 * RallyDayTotals:
 * @day: UTC midnight of the day, unix seconds
 * @videos: videos posted that day (by #RallyVideo:posted-at)
 * @views: current views of those videos (likewise @likes, @comments, @shares)
 *
 * One element of rally_store_query_daily_videos() and of a reach table.
 */
typedef struct
{
  gint64 day;
  gint64 videos;
  gint64 views;
  gint64 likes;
  gint64 comments;
  gint64 shares;
} RallyDayTotals;

/**
 * RallyReachBasis:
 * @RALLY_REACH_FROM_NOTHING: no snapshots and no videos
 * @RALLY_REACH_FROM_SNAPSHOTS: the totals of each sync or import
 * @RALLY_REACH_FROM_POSTING_DAYS: the videos summed by the day they were posted, with
 *   the counts they hold now
 * @RALLY_REACH_FROM_BOTH: posting days where snapshots do not reach
 * @RALLY_REACH_FROM_STUDIO: the daily figures of TikTok Studio overview exports
 *
 * Where the days of a reach table come from (flags).
 */
typedef enum
{
  RALLY_REACH_FROM_NOTHING      = 0,
  RALLY_REACH_FROM_SNAPSHOTS    = 1 << 0,
  RALLY_REACH_FROM_POSTING_DAYS = 1 << 1,
  RALLY_REACH_FROM_BOTH         = RALLY_REACH_FROM_SNAPSHOTS | RALLY_REACH_FROM_POSTING_DAYS,
  RALLY_REACH_FROM_STUDIO       = 1 << 2,
} RallyReachBasis;

/**
 * RallyReachSource:
 * @basis: where the days come from
 * @counts_as_of: when the videos' counts were last fetched (posting days), else 0
 * @snapshots_from: the first snapshot day used, else 0
 * @snapshots_to: the last snapshot day used, else 0
 * @posted_until: the last posting day charted before the snapshots, else 0
 * @posted_after: videos posted after this day were added to the last snapshot, else 0
 * @scaled: the posting days before the snapshots were scaled down to meet the first
 * @merged: the source of a sum of several tables
 */
typedef struct
{
  RallyReachBasis basis;
  gint64          counts_as_of;
  gint64          snapshots_from;
  gint64          snapshots_to;
  gint64          posted_until;
  gint64          posted_after;
  gboolean        scaled;
  gboolean        merged;
} RallyReachSource;

double rally_reach_value (const RallyDayTotals *day,
                          RallyMetric           metric);

/**
 * RallyChallengeFigures:
 * @challenge_id: the challenge
 * @totals: the sums of its stored videos
 * @latest: (nullable): its latest snapshot
 * @has_median: whether @median_engagement is known (some video has views)
 * @median_engagement: the median of the engagement rates of its videos with views
 * @reach: (nullable) (element-type RallyDayTotals): its reach over time, running
 *   totals per day; %NULL when only the totals were read
 * @source: where the days of @reach come from
 *
 * What the store knows of a challenge's figures. Read by the figures reader, shown
 * by the views; what follows from them is computed by the functions below only.
 */
typedef struct
{
  gint64            challenge_id;
  RallyTotals       totals;
  RallySnapshot    *latest;
  gboolean          has_median;
  double            median_engagement;
  GArray           *reach;
  RallyReachSource  source;

  /*< private >*/
  gatomicrefcount   ref_count;
} RallyChallengeFigures;

#define RALLY_TYPE_CHALLENGE_FIGURES (rally_challenge_figures_get_type ())

GType                  rally_challenge_figures_get_type   (void) G_GNUC_CONST;
RallyChallengeFigures *rally_challenge_figures_new        (gint64                       challenge_id);
RallyChallengeFigures *rally_challenge_figures_ref        (RallyChallengeFigures       *self);
void                   rally_challenge_figures_unref      (RallyChallengeFigures       *self);
gint64                 rally_challenge_figures_get_views  (const RallyChallengeFigures *self);
gint64                 rally_challenge_figures_get_videos (const RallyChallengeFigures *self);
gint64                 rally_challenge_figures_get_raised (const RallyChallengeFigures *self,
                                                           RallyChallenge              *challenge);
gboolean               rally_challenge_figures_get_engagement (const RallyChallengeFigures *self,
                                                               double                      *rate);
RallyForecastState     rally_challenge_figures_forecast   (const RallyChallengeFigures *self,
                                                           RallyMetric                  metric,
                                                           gint64                       goal,
                                                           gint64                       now,
                                                           RallyForecast               *forecast);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RallyChallengeFigures, rally_challenge_figures_unref)

/**
 * RallyCampaignFigures:
 * @campaign_id: the campaign
 * @views: the views of its challenges, each from its videos or its latest snapshot,
 *   whichever says more
 * @videos: likewise, its videos
 * @raised: donations in the campaign's currency: each challenge's pledge × those
 *   videos, up to its cap
 * @other_currency: some challenge pledges in another currency (not in @raised)
 * @stored: the sums of the challenges' stored videos only
 * @challenges: (element-type RallyChallenge): its challenges
 * @figures: (element-type RallyChallengeFigures): their figures, in the same order
 */
typedef struct
{
  gint64       campaign_id;
  gint64       views;
  gint64       videos;
  gint64       raised;
  gboolean     other_currency;
  RallyTotals  stored;
  GPtrArray   *challenges;
  GPtrArray   *figures;

  /*< private >*/
  gatomicrefcount ref_count;
} RallyCampaignFigures;

#define RALLY_TYPE_CAMPAIGN_FIGURES (rally_campaign_figures_get_type ())

GType                 rally_campaign_figures_get_type    (void) G_GNUC_CONST;
RallyCampaignFigures *rally_campaign_figures_new         (RallyCampaign        *campaign,
                                                          GPtrArray            *challenges,
                                                          GPtrArray            *figures);
RallyCampaignFigures *rally_campaign_figures_ref         (RallyCampaignFigures *self);
void                  rally_campaign_figures_unref       (RallyCampaignFigures *self);
RallyChallengeFigures *rally_campaign_figures_lookup     (RallyCampaignFigures *self,
                                                          gint64                challenge_id);
gint64                rally_campaign_figures_get_stored_raised (RallyCampaignFigures *self,
                                                                RallyCampaign        *campaign);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RallyCampaignFigures, rally_campaign_figures_unref)

G_END_DECLS
