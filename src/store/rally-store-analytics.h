/* rally-store-analytics.h
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

#include "rally-series.h"
#include "rally-store.h"

G_BEGIN_DECLS

/**
 * RallyVideoColumn:
 *
 * What rally_store_list_videos_ordered() sorts by. Ties are broken by id, so the
 * order is stable from one query to the next.
 */
typedef enum
{
  RALLY_VIDEO_COLUMN_VIEWS,
  RALLY_VIDEO_COLUMN_LIKES,
  RALLY_VIDEO_COLUMN_COMMENTS,
  RALLY_VIDEO_COLUMN_SHARES,
  RALLY_VIDEO_COLUMN_POSTED,
  RALLY_VIDEO_COLUMN_CREATOR,
  RALLY_VIDEO_COLUMN_REGION,
} RallyVideoColumn;

#define RALLY_VIDEO_COLUMN_LAST RALLY_VIDEO_COLUMN_REGION

GListModel *rally_store_list_videos_ordered    (RallyStore        *self,
                                                gint64             challenge_id,
                                                RallyVideoColumn   column,
                                                gboolean           descending,
                                                guint              limit);
GArray     *rally_store_query_video_ids        (RallyStore        *self,
                                                gint64             challenge_id,
                                                RallyVideoColumn   column,
                                                gboolean           descending,
                                                guint              limit,
                                                GError           **error);
gboolean    rally_store_get_median_engagement  (RallyStore        *self,
                                                gint64             challenge_id,
                                                double            *median);

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

/* Reach over time: cumulative totals per UTC day (RallyDayTotals with running sums). */
GArray     *rally_store_query_reach            (RallyStore        *self,
                                                gint64             challenge_id);
GArray     *rally_store_query_reach_source     (RallyStore        *self,
                                                gint64             challenge_id,
                                                RallyReachSource  *source);
void        rally_reach_source_merge           (RallyReachSource       *into,
                                                const RallyReachSource *other);
char       *rally_reach_source_describe        (const RallyReachSource *source);
GArray     *rally_reach_sum                    (GPtrArray         *tables);
GArray     *rally_reach_points                 (GArray            *table,
                                                RallyMetric        metric,
                                                gboolean           cumulative);
double      rally_reach_value                  (const RallyDayTotals *day,
                                                RallyMetric        metric);

G_END_DECLS
