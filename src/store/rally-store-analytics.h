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

/**
 * RallyVideoShown:
 * @RALLY_VIDEO_SHOWN_ALL: every video of the challenge
 * @RALLY_VIDEO_SHOWN_ORGANIC: the organic ones
 * @RALLY_VIDEO_SHOWN_SEEDED: the seeded ones (by partners, or marked so by hand)
 *
 * Which videos rally_store_read_video_page() pages through.
 */
typedef enum
{
  RALLY_VIDEO_SHOWN_ALL,
  RALLY_VIDEO_SHOWN_ORGANIC,
  RALLY_VIDEO_SHOWN_SEEDED,
} RallyVideoShown;

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
gboolean    rally_store_count_videos_shown     (RallyStore        *self,
                                                gint64             challenge_id,
                                                RallyVideoShown    shown,
                                                guint             *count,
                                                GError           **error);
GPtrArray  *rally_store_read_video_page        (RallyStore        *self,
                                                gint64             challenge_id,
                                                RallyVideoColumn   column,
                                                gboolean           descending,
                                                RallyVideoShown    shown,
                                                RallyVideo        *anchor,
                                                gboolean           backwards,
                                                guint              offset,
                                                guint              limit,
                                                GError           **error);
gboolean    rally_store_seeks_video_pages      (RallyStore        *self);
GArray     *rally_store_query_video_ids_shown  (RallyStore        *self,
                                                gint64             challenge_id,
                                                RallyVideoColumn   column,
                                                gboolean           descending,
                                                RallyVideoShown    shown,
                                                GError           **error);
gboolean    rally_store_get_median_engagement  (RallyStore        *self,
                                                gint64             challenge_id,
                                                double            *median);


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

G_END_DECLS
