/* rally-store-analytics.c
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

/* Queries for the tracking and analytics views: any order of a challenge's videos (as
 * a lazy live list of ids) and the median engagement rate per video. Both run in SQL,
 * so a challenge of a million videos never loads its rows into memory. */

#define G_LOG_DOMAIN "RallyStore"

#include "config.h"

#include <math.h>

#include "rally-metrics.h"
#include "rally-store-analytics.h"
#include "rally-store-private.h"

#define VIDEO_IDS(order) "SELECT id FROM videos WHERE challenge_id = ?1 ORDER BY " order " LIMIT ?2"

/* [column][descending] */
static const char * const video_order_sql[][2] = {
  [RALLY_VIDEO_COLUMN_VIEWS] = { VIDEO_IDS ("views, id"), VIDEO_IDS ("views DESC, id") },
  [RALLY_VIDEO_COLUMN_LIKES] = { VIDEO_IDS ("likes, id"), VIDEO_IDS ("likes DESC, id") },
  [RALLY_VIDEO_COLUMN_COMMENTS] = { VIDEO_IDS ("comments, id"), VIDEO_IDS ("comments DESC, id") },
  [RALLY_VIDEO_COLUMN_SHARES] = { VIDEO_IDS ("shares, id"), VIDEO_IDS ("shares DESC, id") },
  [RALLY_VIDEO_COLUMN_POSTED] = { VIDEO_IDS ("posted_at, id"), VIDEO_IDS ("posted_at DESC, id DESC") },
  [RALLY_VIDEO_COLUMN_CREATOR] = { VIDEO_IDS ("creator COLLATE NOCASE, id"),
                                   VIDEO_IDS ("creator COLLATE NOCASE DESC, id") },
  [RALLY_VIDEO_COLUMN_REGION] = { VIDEO_IDS ("region, id"), VIDEO_IDS ("region DESC, id") },
};

/**
 * rally_store_list_videos_ordered:
 * @self: a #RallyStore
 * @challenge_id: a challenge
 * @column: what to sort by
 * @descending: largest (or last, for text and dates) first
 * @limit: the most videos to list, 0 for all
 *
 * Like rally_store_list_videos(), in any order of a table of videos: only the ids are
 * read up front, and each video is loaded when the list is asked for it.
 *
 * Returns: (transfer full): a live #GListModel of #RallyVideo
 */
GListModel *
rally_store_list_videos_ordered (RallyStore       *self,
                                 gint64            challenge_id,
                                 RallyVideoColumn  column,
                                 gboolean          descending,
                                 guint             limit)
{
  gint64 params[] = { challenge_id, limit > 0 ? (gint64) limit : -1 };

  g_return_val_if_fail (RALLY_IS_STORE (self), NULL);
  g_return_val_if_fail (column <= RALLY_VIDEO_COLUMN_LAST, NULL);

  return _rally_store_list_new (self, &rally_table_videos, video_order_sql[column][descending ? 1 : 0],
                                params, G_N_ELEMENTS (params));
}

/**
 * rally_store_query_video_ids:
 * @self: a #RallyStore
 * @challenge_id: a challenge
 * @column: what to sort by
 * @descending: largest (or last) first
 * @limit: the most ids to return, 0 for all
 * @error: return location for a #GError
 *
 * The ids of rally_store_list_videos_ordered(), as a plain array: for a worker
 * thread with its own store, so that sorting a large challenge never blocks the
 * window.
 *
 * Returns: (transfer full) (element-type gint64) (nullable): the ids in order, or
 *   %NULL on failure
 */
GArray *
rally_store_query_video_ids (RallyStore        *self,
                             gint64             challenge_id,
                             RallyVideoColumn   column,
                             gboolean           descending,
                             guint              limit,
                             GError           **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (RALLY_IS_STORE (self), NULL);
  g_return_val_if_fail (column <= RALLY_VIDEO_COLUMN_LAST, NULL);

  stmt = _rally_store_prepare (self, video_order_sql[column][descending ? 1 : 0], error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, challenge_id);
  sqlite3_bind_int64 (stmt, 2, limit > 0 ? (gint64) limit : -1);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _rally_store_set_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&ids);
}

static gint64
count_viewed_videos (RallyStore *self,
                     gint64      challenge_id)
{
  sqlite3_stmt *stmt;
  gint64 count = 0;

  stmt = _rally_store_prepare (self, "SELECT count(*) FROM videos WHERE challenge_id = ?1 AND views > 0", NULL);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_int64 (stmt, 1, challenge_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return count;
}

/**
 * rally_store_get_median_engagement:
 * @self: a #RallyStore
 * @challenge_id: a challenge
 * @median: (out): the median over the challenge's videos with views of
 *   (likes + comments + shares) / views
 *
 * SQLite sorts the rates and returns only the middle one or two.
 *
 * Returns: %TRUE when at least one video has views
 */
gboolean
rally_store_get_median_engagement (RallyStore *self,
                                   gint64      challenge_id,
                                   double     *median)
{
  sqlite3_stmt *stmt;
  gint64 n;
  gboolean ok = FALSE;

  g_return_val_if_fail (RALLY_IS_STORE (self), FALSE);
  g_return_val_if_fail (median != NULL, FALSE);

  *median = 0;
  n = count_viewed_videos (self, challenge_id);
  if (n == 0)
    return FALSE;

  stmt = _rally_store_prepare (self,
                               "SELECT avg (rate) FROM"
                               " (SELECT CAST (likes + comments + shares AS REAL) / views AS rate"
                               "  FROM videos WHERE challenge_id = ?1 AND views > 0"
                               "  ORDER BY rate LIMIT ?2 OFFSET ?3)", NULL);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, challenge_id);
  sqlite3_bind_int64 (stmt, 2, n % 2 == 0 ? 2 : 1);
  sqlite3_bind_int64 (stmt, 3, (n - 1) / 2);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    {
      *median = sqlite3_column_double (stmt, 0);
      ok = TRUE;
    }
  sqlite3_reset (stmt);

  return ok;
}

/* Reach over time */

static void
append_day (GArray               *days,
            const RallyDayTotals *day)
{
  RallyDayTotals *last = days->len > 0 ? &g_array_index (days, RallyDayTotals, days->len - 1) : NULL;

  /* Several snapshots on one day: the latest of them stands for the day. */
  if (last != NULL && last->day == day->day)
    *last = *day;
  else
    g_array_append_val (days, *day);
}

static GArray *
reach_from_snapshots (RallyStore *self,
                      gint64      challenge_id)
{
  g_autoptr(GPtrArray) snapshots = rally_store_query_snapshots (self, challenge_id, G_MININT64, 0);
  GArray *days = g_array_new (FALSE, TRUE, sizeof (RallyDayTotals));

  for (guint i = 0; i < snapshots->len; i++)
    {
      RallySnapshot *snapshot = g_ptr_array_index (snapshots, i);
      RallyDayTotals day = {
        .day = rally_day_start (rally_snapshot_get_taken_at (snapshot)),
        .videos = rally_snapshot_get_videos (snapshot),
        .views = rally_snapshot_get_views (snapshot),
        .likes = rally_snapshot_get_likes (snapshot),
        .comments = rally_snapshot_get_comments (snapshot),
        .shares = rally_snapshot_get_shares (snapshot),
      };

      append_day (days, &day);
    }

  return days;
}

static GArray *
reach_from_videos (RallyStore *self,
                   gint64      challenge_id)
{
  GArray *days = rally_store_query_daily_videos (self, challenge_id, G_MININT64, 0);
  RallyDayTotals sum = { 0 };

  for (guint i = 0; i < days->len; i++)
    {
      RallyDayTotals *day = &g_array_index (days, RallyDayTotals, i);

      sum.videos = _rally_add_saturating (sum.videos, day->videos);
      sum.views = _rally_add_saturating (sum.views, day->views);
      sum.likes = _rally_add_saturating (sum.likes, day->likes);
      sum.comments = _rally_add_saturating (sum.comments, day->comments);
      sum.shares = _rally_add_saturating (sum.shares, day->shares);
      sum.day = day->day;
      *day = sum;
    }

  return days;
}

/**
 * rally_store_query_reach:
 * @self: a #RallyStore
 * @challenge_id: a challenge
 *
 * The challenge's running totals, one element per UTC day, oldest first. They come
 * from its snapshots (the latest of each day), the real growth as synced; without
 * snapshots, from its stored videos summed by the day they were posted.
 *
 * Returns: (transfer full) (element-type RallyDayTotals): cumulative totals
 */
GArray *
rally_store_query_reach (RallyStore *self,
                         gint64      challenge_id)
{
  GArray *days;

  g_return_val_if_fail (RALLY_IS_STORE (self), NULL);

  days = reach_from_snapshots (self, challenge_id);
  if (days->len > 0)
    return days;

  g_array_unref (days);
  return reach_from_videos (self, challenge_id);
}

static gint64
earliest_day (GPtrArray *tables,
              guint     *cursors)
{
  gint64 day = G_MAXINT64;

  for (guint i = 0; i < tables->len; i++)
    {
      GArray *table = g_ptr_array_index (tables, i);

      if (cursors[i] < table->len)
        day = MIN (day, g_array_index (table, RallyDayTotals, cursors[i]).day);
    }

  return day;
}

/**
 * rally_reach_sum:
 * @tables: (element-type GArray): cumulative tables from rally_store_query_reach()
 *
 * Adds running totals day by day, e.g. a campaign's challenges. A table that has
 * no entry for a day counts with its latest earlier total.
 *
 * Returns: (transfer full) (element-type RallyDayTotals): the summed table
 */
GArray *
rally_reach_sum (GPtrArray *tables)
{
  GArray *sum = g_array_new (FALSE, TRUE, sizeof (RallyDayTotals));
  g_autofree guint *cursors = NULL;
  g_autofree RallyDayTotals *last = NULL;
  gint64 day;

  g_return_val_if_fail (tables != NULL, sum);

  cursors = g_new0 (guint, tables->len + 1);
  last = g_new0 (RallyDayTotals, tables->len + 1);
  while ((day = earliest_day (tables, cursors)) != G_MAXINT64)
    {
      RallyDayTotals total = { .day = day };

      for (guint i = 0; i < tables->len; i++)
        {
          GArray *table = g_ptr_array_index (tables, i);

          if (cursors[i] < table->len && g_array_index (table, RallyDayTotals, cursors[i]).day == day)
            last[i] = g_array_index (table, RallyDayTotals, cursors[i]++);
          total.videos = _rally_add_saturating (total.videos, last[i].videos);
          total.views = _rally_add_saturating (total.views, last[i].views);
          total.likes = _rally_add_saturating (total.likes, last[i].likes);
          total.comments = _rally_add_saturating (total.comments, last[i].comments);
          total.shares = _rally_add_saturating (total.shares, last[i].shares);
        }
      g_array_append_val (sum, total);
    }

  return sum;
}

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
    default:
      g_return_val_if_reached (NAN);
    }
}

static RallyDayTotals
day_difference (const RallyDayTotals *day,
                const RallyDayTotals *before)
{
  RallyDayTotals diff = { .day = day->day };

  if (before == NULL)
    return *day;

  diff.videos = MAX (0, day->videos - before->videos);
  diff.views = MAX (0, day->views - before->views);
  diff.likes = MAX (0, day->likes - before->likes);
  diff.comments = MAX (0, day->comments - before->comments);
  diff.shares = MAX (0, day->shares - before->shares);
  return diff;
}

/**
 * rally_reach_to_series:
 * @table: a cumulative table from rally_store_query_reach() or rally_reach_sum()
 * @metric: which figure to chart
 * @cumulative: running totals, or what each day added (negative corrections count as 0)
 * @name: the series' name
 * @color: (nullable): its colour, "#rrggbb"
 *
 * Days without a defined value (engagement without views) are left out.
 *
 * Returns: (transfer full): a series with one point per day, at UTC midnight
 */
RallySeries *
rally_reach_to_series (GArray      *table,
                       RallyMetric  metric,
                       gboolean     cumulative,
                       const char  *name,
                       const char  *color)
{
  RallySeries *series;

  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  series = rally_series_new (name, color);
  for (guint i = 0; i < table->len; i++)
    {
      const RallyDayTotals *day = &g_array_index (table, RallyDayTotals, i);
      const RallyDayTotals *before = i > 0 ? &g_array_index (table, RallyDayTotals, i - 1) : NULL;
      RallyDayTotals value = cumulative ? *day : day_difference (day, before);
      double v = rally_reach_value (&value, metric);

      if (!isnan (v))
        rally_series_append (series, day->day, v);
    }

  return series;
}
