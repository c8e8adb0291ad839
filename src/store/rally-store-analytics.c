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

#include <glib/gi18n.h>
#include <math.h>

#include "rally-format.h"
#include "rally-metrics.h"
#include "rally-store-analytics.h"
#include "rally-store-private.h"

/* ?2 is G_MAXINT64 for all: PostgreSQL refuses SQLite's LIMIT -1 */
#define VIDEO_IDS(order) "SELECT id FROM videos WHERE challenge_id = ?1 ORDER BY " order " LIMIT ?2"

/* [column][descending]: each descending order is its ascending one reversed, ties
 * included, so that one index (challenge_id, column, id) reads either a few entries */
#define VIDEO_ORDERS(key) { VIDEO_IDS (key ", id"), VIDEO_IDS (key " DESC, id DESC") }
static const char * const video_order_sql[][2] = {
  [RALLY_VIDEO_COLUMN_VIEWS] = VIDEO_ORDERS (RALLY_STORE_VIDEO_KEY_VIEWS),
  [RALLY_VIDEO_COLUMN_LIKES] = VIDEO_ORDERS (RALLY_STORE_VIDEO_KEY_LIKES),
  [RALLY_VIDEO_COLUMN_COMMENTS] = VIDEO_ORDERS (RALLY_STORE_VIDEO_KEY_COMMENTS),
  [RALLY_VIDEO_COLUMN_SHARES] = VIDEO_ORDERS (RALLY_STORE_VIDEO_KEY_SHARES),
  [RALLY_VIDEO_COLUMN_POSTED] = VIDEO_ORDERS (RALLY_STORE_VIDEO_KEY_POSTED),
  [RALLY_VIDEO_COLUMN_CREATOR] = VIDEO_ORDERS (RALLY_STORE_VIDEO_KEY_CREATOR),
  [RALLY_VIDEO_COLUMN_REGION] = VIDEO_ORDERS (RALLY_STORE_VIDEO_KEY_REGION),
};
#undef VIDEO_ORDERS

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
  gint64 params[] = { challenge_id, limit > 0 ? (gint64) limit : G_MAXINT64 };

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
  g_return_val_if_fail (RALLY_IS_STORE (self), NULL);
  g_return_val_if_fail (column <= RALLY_VIDEO_COLUMN_LAST, NULL);

  /* (not -1: see rally_store_list_videos ()) */
  return _rally_store_query_ids (self, video_order_sql[column][descending ? 1 : 0], challenge_id,
                                 limit > 0 ? (gint64) limit : G_MAXINT64, error);
}

/* The ids @sql selects, ?1 bound to @challenge_id and ?2 to @limit, in its order;
 * NULL on failure. */
GArray *
_rally_store_query_ids (RallyStore  *self,
                        const char  *sql,
                        gint64       challenge_id,
                        gint64       limit,
                        GError     **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  RallyDbStmt *stmt;
  RallyDbStep rc;

  stmt = _rally_store_stmt (self, sql, error);
  if (stmt == NULL)
    return NULL;

  rally_db_stmt_bind_int64 (stmt, 1, challenge_id);
  rally_db_stmt_bind_int64 (stmt, 2, limit);
  while ((rc = rally_db_stmt_step (stmt, error)) == RALLY_DB_ROW)
    {
      gint64 id = rally_db_stmt_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  rally_db_stmt_reset (stmt);

  if (rc != RALLY_DB_DONE)
    return NULL;

  return g_steal_pointer (&ids);
}

/* The one integer @sql (with ?1 = @challenge_id) selects, or 0. */
static gint64
query_challenge_int (RallyStore *self,
                     const char *sql,
                     gint64      challenge_id)
{
  RallyDbStmt *stmt;
  gint64 value = 0;

  stmt = _rally_store_stmt (self, sql, NULL);
  if (stmt == NULL)
    return 0;

  rally_db_stmt_bind_int64 (stmt, 1, challenge_id);
  if (rally_db_stmt_step (stmt, NULL) == RALLY_DB_ROW)
    value = rally_db_stmt_column_int64 (stmt, 0);
  rally_db_stmt_reset (stmt);

  return value;
}

static gint64
count_viewed_videos (RallyStore *self,
                     gint64      challenge_id)
{
  return query_challenge_int (self, "SELECT count(*) FROM videos WHERE challenge_id = ?1 AND views > 0",
                              challenge_id);
}

/* On PostgreSQL: into @rates, the rates at positions @from and @from + 1 (when @two)
 * from the start of bucket @bucket of the challenge's rates, read from the index
 * videos_rate over the bucket's range (widened a little: the bucket's own test
 * decides which rates are in it). Returns how many it read. */
static guint
read_bucket_rates (RallyStore *self,
                   gint64      challenge_id,
                   double      bucket,
                   gint64      from,
                   gboolean    two,
                   double     *rates)
{
  double low = bucket / RALLY_STORE_RATE_STEPS, high = (bucket + 1) / RALLY_STORE_RATE_STEPS;
  RallyDbStmt *stmt;
  guint n = 0;

  stmt = _rally_store_stmt (self,
                            "SELECT " RALLY_STORE_VIDEO_RATE " AS rate FROM videos"
                            " WHERE challenge_id = ?1 AND views > 0 AND " RALLY_STORE_VIDEO_RATE " >= ?2"
                            " AND " RALLY_STORE_VIDEO_RATE " <= ?3 AND " RALLY_STORE_VIDEO_RATE_BUCKET " = ?4"
                            " ORDER BY rate LIMIT ?5 OFFSET ?6", NULL);
  if (stmt == NULL)
    return 0;

  rally_db_stmt_bind_int64 (stmt, 1, challenge_id);
  rally_db_stmt_bind_double (stmt, 2, low - fabs (low) * 1e-9);
  rally_db_stmt_bind_double (stmt, 3, high + fabs (high) * 1e-9);
  rally_db_stmt_bind_double (stmt, 4, bucket);
  rally_db_stmt_bind_int64 (stmt, 5, two ? 2 : 1);
  rally_db_stmt_bind_int64 (stmt, 6, from);
  while (n < 2 && rally_db_stmt_step (stmt, NULL) == RALLY_DB_ROW)
    rates[n++] = rally_db_stmt_column_double (stmt, 0);
  rally_db_stmt_reset (stmt);

  return n;
}

typedef struct
{
  double bucket;
  gint64 videos;
} RateBucket;

/* The median on PostgreSQL: the counts of video_rate_buckets (schema 15) say which
 * bucket holds the middle rate or rates, which are read from the index in it alone.
 * The same value as the sort below: the average of the two middle rates is their
 * sum over 2, as avg() gives it. */
static gboolean
median_from_buckets (RallyStore *self,
                     gint64      challenge_id,
                     double     *median)
{
  g_autoptr(GArray) buckets = g_array_new (FALSE, FALSE, sizeof (RateBucket));
  RallyDbStmt *stmt;
  gint64 n = 0, start = 0, middle;
  double rates[2];
  guint i, got;

  stmt = _rally_store_stmt (self, "SELECT bucket, videos FROM video_rate_buckets"
                                  " WHERE challenge_id = ?1 AND videos > 0 ORDER BY bucket", NULL);
  if (stmt == NULL)
    return FALSE;
  rally_db_stmt_bind_int64 (stmt, 1, challenge_id);
  while (rally_db_stmt_step (stmt, NULL) == RALLY_DB_ROW)
    {
      RateBucket bucket = { rally_db_stmt_column_double (stmt, 0), rally_db_stmt_column_int64 (stmt, 1) };

      g_array_append_val (buckets, bucket);
      n += bucket.videos;
    }
  rally_db_stmt_reset (stmt);
  if (n == 0)
    return FALSE;

  middle = (n - 1) / 2;
  for (i = 0; start + g_array_index (buckets, RateBucket, i).videos <= middle; i++)
    start += g_array_index (buckets, RateBucket, i).videos;

  if (n % 2 == 1 || middle + 1 < start + g_array_index (buckets, RateBucket, i).videos)
    {
      got = read_bucket_rates (self, challenge_id, g_array_index (buckets, RateBucket, i).bucket,
                               middle - start, n % 2 == 0, rates);
      if (got != (n % 2 == 0 ? 2u : 1u))
        return FALSE;
    }
  else
    {
      /* the two middle rates: the last of this bucket and the first of the next */
      if (read_bucket_rates (self, challenge_id, g_array_index (buckets, RateBucket, i).bucket,
                             middle - start, FALSE, rates) != 1 ||
          read_bucket_rates (self, challenge_id, g_array_index (buckets, RateBucket, i + 1).bucket,
                             0, FALSE, rates + 1) != 1)
        return FALSE;
      got = 2;
    }

  *median = got == 2 ? (rates[0] + rates[1]) / 2 : rates[0];
  return TRUE;
}

/**
 * rally_store_get_median_engagement:
 * @self: a #RallyStore
 * @challenge_id: a challenge
 * @median: (out): the median over the challenge's videos with views of
 *   (likes + comments + shares) / views
 *
 * SQLite sorts the rates and returns only the middle one or two; PostgreSQL reads
 * them from the bucket of rates that holds them.
 *
 * Returns: %TRUE when at least one video has views
 */
gboolean
rally_store_get_median_engagement (RallyStore *self,
                                   gint64      challenge_id,
                                   double     *median)
{
  RallyDbStmt *stmt;
  gint64 n;
  gboolean ok = FALSE;

  g_return_val_if_fail (RALLY_IS_STORE (self), FALSE);
  g_return_val_if_fail (median != NULL, FALSE);

  *median = 0;
  if (self->db == NULL)
    return median_from_buckets (self, challenge_id, median);

  n = count_viewed_videos (self, challenge_id);
  if (n == 0)
    return FALSE;

  stmt = _rally_store_stmt (self,
                            "SELECT avg (rate) FROM"
                            " (SELECT " RALLY_STORE_VIDEO_RATE " AS rate"
                            "  FROM videos WHERE challenge_id = ?1 AND views > 0"
                            "  ORDER BY rate LIMIT ?2 OFFSET ?3) AS rates", NULL);
  if (stmt == NULL)
    return FALSE;

  rally_db_stmt_bind_int64 (stmt, 1, challenge_id);
  rally_db_stmt_bind_int64 (stmt, 2, n % 2 == 0 ? 2 : 1);
  rally_db_stmt_bind_int64 (stmt, 3, (n - 1) / 2);
  if (rally_db_stmt_step (stmt, NULL) == RALLY_DB_ROW && !rally_db_stmt_column_is_null (stmt, 0))
    {
      *median = rally_db_stmt_column_double (stmt, 0);
      ok = TRUE;
    }
  rally_db_stmt_reset (stmt);

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

/* Adds one day's figures to running totals. */
static void
accumulate (RallyDayTotals       *sum,
            const RallyDayTotals *day)
{
  /* held at the largest number: two huge counts must not wrap into a negative one */
  sum->videos = _rally_add_saturating (sum->videos, day->videos);
  sum->views = _rally_add_saturating (sum->views, day->views);
  sum->likes = _rally_add_saturating (sum->likes, day->likes);
  sum->comments = _rally_add_saturating (sum->comments, day->comments);
  sum->shares = _rally_add_saturating (sum->shares, day->shares);
  sum->day = day->day;
}

static GArray *
running_totals (GArray *daily)
{
  RallyDayTotals sum = { 0 };

  for (guint i = 0; i < daily->len; i++)
    {
      RallyDayTotals *day = &g_array_index (daily, RallyDayTotals, i);

      accumulate (&sum, day);
      *day = sum;
    }

  return daily;
}

/* When the videos' counts were last fetched: the latest video written. */
static gint64
counts_fetched_at (RallyStore *self,
                   gint64      challenge_id)
{
  return query_challenge_int (self, "SELECT max(updated_at) FROM videos WHERE challenge_id = ?1", challenge_id);
}

/* @value × @target ÷ @total, never above @target: a posting-day figure brought down
 * to the first snapshot's scale. */
static gint64
scale_down (gint64 value,
            gint64 total,
            gint64 target)
{
  if (total <= target || total <= 0)
    return value;
  return MIN (target, (gint64) floor ((double) value * (double) target / (double) total));
}

/* The posting-day running totals of the days before @first (the first snapshot day),
 * scaled so that none exceeds that snapshot: see rally_store_query_reach_source(). */
static void
append_posting_prefix (GArray               *out,
                       GArray               *daily,
                       const RallyDayTotals *first,
                       RallyReachSource     *source)
{
  RallyDayTotals upto = { 0 };
  RallyDayTotals sum = { 0 };

  /* the videos posted up to and including the first snapshot's day, as counted now */
  for (guint i = 0; i < daily->len && g_array_index (daily, RallyDayTotals, i).day <= first->day; i++)
    accumulate (&upto, &g_array_index (daily, RallyDayTotals, i));

  for (guint i = 0; i < daily->len && g_array_index (daily, RallyDayTotals, i).day < first->day; i++)
    {
      RallyDayTotals day;

      accumulate (&sum, &g_array_index (daily, RallyDayTotals, i));
      day.day = sum.day;
      day.videos = scale_down (sum.videos, upto.videos, first->videos);
      day.views = scale_down (sum.views, upto.views, first->views);
      day.likes = scale_down (sum.likes, upto.likes, first->likes);
      day.comments = scale_down (sum.comments, upto.comments, first->comments);
      day.shares = scale_down (sum.shares, upto.shares, first->shares);
      g_array_append_val (out, day);
      source->posted_until = day.day;
    }
  source->scaled = source->posted_until != 0 &&
                   (upto.videos > first->videos || upto.views > first->views || upto.likes > first->likes ||
                    upto.comments > first->comments || upto.shares > first->shares);
}

/* Videos posted after the last snapshot's day were in no snapshot: they add to it. */
static void
append_posting_tail (GArray               *out,
                     GArray               *daily,
                     const RallyDayTotals *last,
                     RallyReachSource     *source)
{
  RallyDayTotals sum = *last;

  for (guint i = 0; i < daily->len; i++)
    {
      const RallyDayTotals *day = &g_array_index (daily, RallyDayTotals, i);

      if (day->day <= last->day)
        continue;
      if (source->posted_after == 0)
        source->posted_after = last->day;
      accumulate (&sum, day);
      g_array_append_val (out, sum);
    }
}

static GArray *
join_reach (GArray           *snapshots,
            GArray           *daily,
            RallyReachSource *source)
{
  const RallyDayTotals *first = &g_array_index (snapshots, RallyDayTotals, 0);
  const RallyDayTotals *last = &g_array_index (snapshots, RallyDayTotals, snapshots->len - 1);
  GArray *out = g_array_sized_new (FALSE, TRUE, sizeof (RallyDayTotals), snapshots->len + daily->len);

  source->snapshots_from = first->day;
  source->snapshots_to = last->day;
  append_posting_prefix (out, daily, first, source);
  g_array_append_vals (out, snapshots->data, snapshots->len);
  append_posting_tail (out, daily, last, source);
  source->basis = RALLY_REACH_FROM_SNAPSHOTS;
  if (source->posted_until != 0 || source->posted_after != 0)
    source->basis |= RALLY_REACH_FROM_POSTING_DAYS;

  return out;
}

/**
 * rally_store_query_reach_source:
 * @self: a #RallyStore
 * @challenge_id: a challenge
 * @source: (out caller-allocates) (optional): where the days came from
 *
 * The challenge's running totals, one element per UTC day, oldest first.
 *
 * Two histories exist. Snapshots (the latest of each day) are the real growth, as
 * synced or imported, but only from the first sync on. The stored videos summed by
 * the day they were posted reach back to the first video, but with the counts they
 * hold now (as of their last fetch). The rule that joins them:
 *
 * - Snapshots on fewer than two days show no growth, so the posting-day series alone
 *   is the history (a first sync of a 75-day challenge charts those 75 days, not one
 *   dot on the day of the sync). Without videos, the snapshots are all there is.
 * - Otherwise snapshots cover the days from the first snapshot day to the last.
 *   Before them come the posting-day running totals of the earlier days. Those count
 *   views fetched later than the first snapshot, so they could exceed it and the line
 *   would fall at the join: each figure of the prefix is scaled by (first snapshot ÷
 *   posting-day total up to and including that day) when that is below 1, keeping
 *   its shape and ending at or below the snapshot. A video is counted once: the
 *   prefix holds only days before the first snapshot day, which the snapshots'
 *   totals already include.
 * - Videos posted after the last snapshot day were in no snapshot: their per-day
 *   figures are added on top of the last snapshot, day by day.
 *
 * So the running totals never fall at a join, and never count a video twice.
 *
 * Returns: (transfer full) (element-type RallyDayTotals): cumulative totals
 */
GArray *
rally_store_query_reach_source (RallyStore       *self,
                                gint64            challenge_id,
                                RallyReachSource *source)
{
  g_autoptr(GArray) snapshots = NULL;
  g_autoptr(GArray) daily = NULL;
  RallyReachSource found = { RALLY_REACH_FROM_NOTHING, };
  GArray *days;

  g_return_val_if_fail (RALLY_IS_STORE (self), NULL);

  snapshots = reach_from_snapshots (self, challenge_id);
  daily = rally_store_query_daily_videos (self, challenge_id, G_MININT64, 0);

  if (daily->len == 0)
    {
      found.basis = snapshots->len > 0 ? RALLY_REACH_FROM_SNAPSHOTS : RALLY_REACH_FROM_NOTHING;
      if (snapshots->len > 0)
        {
          found.snapshots_from = g_array_index (snapshots, RallyDayTotals, 0).day;
          found.snapshots_to = g_array_index (snapshots, RallyDayTotals, snapshots->len - 1).day;
        }
      days = g_steal_pointer (&snapshots);
    }
  else if (snapshots->len < 2)
    {
      found.basis = RALLY_REACH_FROM_POSTING_DAYS;
      days = running_totals (g_steal_pointer (&daily));
    }
  else
    days = join_reach (snapshots, daily, &found);

  if (found.basis & RALLY_REACH_FROM_POSTING_DAYS)
    found.counts_as_of = counts_fetched_at (self, challenge_id);
  if (source != NULL)
    *source = found;
  return days;
}

/**
 * rally_store_query_reach:
 * @self: a #RallyStore
 * @challenge_id: a challenge
 *
 * rally_store_query_reach_source() without saying where the days came from.
 *
 * Returns: (transfer full) (element-type RallyDayTotals): cumulative totals
 */
GArray *
rally_store_query_reach (RallyStore *self,
                         gint64      challenge_id)
{
  return rally_store_query_reach_source (self, challenge_id, NULL);
}

/**
 * rally_reach_source_merge:
 * @into: the source of a sum so far (zeroed to start)
 * @other: the source of one more table in the sum
 *
 * The source of a sum of tables, e.g. a campaign's challenges.
 */
void
rally_reach_source_merge (RallyReachSource       *into,
                          const RallyReachSource *other)
{
  g_return_if_fail (into != NULL && other != NULL);

  if (other->basis == RALLY_REACH_FROM_NOTHING)
    return;
  into->merged = into->basis != RALLY_REACH_FROM_NOTHING || other->merged;
  into->basis |= other->basis;
  into->counts_as_of = MAX (into->counts_as_of, other->counts_as_of);
  into->scaled = into->scaled || other->scaled;
  if (other->snapshots_from != 0)
    into->snapshots_from = into->snapshots_from != 0 ? MIN (into->snapshots_from, other->snapshots_from)
                                                     : other->snapshots_from;
  into->snapshots_to = MAX (into->snapshots_to, other->snapshots_to);
  into->posted_until = into->merged ? 0 : other->posted_until;
  into->posted_after = into->merged ? 0 : other->posted_after;
}

static char *
describe_joined (const RallyReachSource *source,
                 const char             *as_of)
{
  g_autofree char *until = rally_format_date (source->posted_until);
  g_autofree char *after = rally_format_date (source->posted_after);

  if (source->merged)
    /* Translators: %s is a day, "Sat 5 Dec 2026" */
    return g_strdup_printf (_("Partly by posting day, counts as of %s; partly from snapshots."), as_of);
  if (source->posted_until != 0 && source->posted_after != 0)
    /* Translators: "By posting day until Thu 3 Dec 2026 and after Sat 12 Dec 2026, counts as of …" */
    return g_strdup_printf (_("By posting day until %s and after %s, counts as of %s; from snapshots in between."),
                            until, after, as_of);
  if (source->posted_until != 0)
    return g_strdup_printf (_("By posting day until %s, counts as of %s; then from snapshots."), until, as_of);
  return g_strdup_printf (_("From snapshots until %s; then by posting day, counts as of %s."), after, as_of);
}

/**
 * rally_reach_source_describe:
 * @source: where a reach table came from
 *
 * Returns: (transfer full) (nullable): a sentence for the chart and its accessible
 *   description, "By posting day, counts as of Sat 5 Dec 2026.", or %NULL when
 *   there is nothing to chart
 */
char *
rally_reach_source_describe (const RallyReachSource *source)
{
  g_autofree char *as_of = NULL;

  g_return_val_if_fail (source != NULL, NULL);

  as_of = rally_format_date (source->counts_as_of);
  switch (source->basis)
    {
    case RALLY_REACH_FROM_POSTING_DAYS:
      /* Translators: the history of a chart built from the days the videos were posted,
       * with the counts they hold now; %s is the day they were fetched */
      return g_strdup_printf (_("By posting day, counts as of %s."), as_of);
    case RALLY_REACH_FROM_SNAPSHOTS:
      return g_strdup (_("From snapshots of the totals as they stood on each day."));
    case RALLY_REACH_FROM_BOTH:
      return describe_joined (source, as_of);
    case RALLY_REACH_FROM_STUDIO:
      /* Translators: %s is the day the latest export was imported */
      return g_strdup_printf (_("From your TikTok Studio exports, day by day as TikTok reported them; imported %s."),
                              as_of);
    case RALLY_REACH_FROM_NOTHING:
    default:
      return NULL;
    }
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
 * rally_reach_points:
 * @table: a cumulative table from rally_store_query_reach() or rally_reach_sum()
 * @metric: which figure to chart
 * @cumulative: running totals, or what each day added (negative corrections count as 0)
 *
 * Days without a defined value (engagement without views) are left out. The
 * caller names and colours the series (rally_series_new_from_points()).
 *
 * Returns: (transfer full) (element-type RallyPoint): one point per day, at UTC
 *   midnight
 */
GArray *
rally_reach_points (GArray      *table,
                    RallyMetric  metric,
                    gboolean     cumulative)
{
  GArray *points;

  g_return_val_if_fail (table != NULL, NULL);

  points = g_array_sized_new (FALSE, FALSE, sizeof (RallyPoint), table->len);
  for (guint i = 0; i < table->len; i++)
    {
      const RallyDayTotals *day = &g_array_index (table, RallyDayTotals, i);
      const RallyDayTotals *before = i > 0 ? &g_array_index (table, RallyDayTotals, i - 1) : NULL;
      RallyDayTotals value = cumulative ? *day : day_difference (day, before);
      double v = rally_reach_value (&value, metric);

      if (!isnan (v))
        {
          RallyPoint point = { day->day, v };

          g_array_append_val (points, point);
        }
    }

  return points;
}
