/* rally-store-videos.c
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

/* Videos and snapshots in the store: upserts, origins, the latest snapshot, the
 * aggregates of a challenge and the live lists the pages show. */

#define G_LOG_DOMAIN "RallyStore"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rally-store-private.h"

#define UPSERT_VIDEO_SQL \
  "INSERT INTO videos (created_at, updated_at, challenge_id, tiktok_id, creator, region, posted_at," \
  " description, views, likes, comments, shares, origin, origin_manual)" \
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)" \
  " ON CONFLICT (challenge_id, tiktok_id) DO UPDATE SET" \
  " updated_at = excluded.updated_at, creator = excluded.creator, region = excluded.region," \
  " posted_at = excluded.posted_at, description = excluded.description, views = excluded.views," \
  " likes = excluded.likes, comments = excluded.comments, shares = excluded.shares," \
  " origin = CASE WHEN excluded.origin_manual <> 0 THEN excluded.origin" \
  "  WHEN videos.origin_manual <> 0 THEN videos.origin" \
  "  WHEN excluded.origin <> 0 THEN excluded.origin ELSE videos.origin END," \
  " origin_manual = max (videos.origin_manual, excluded.origin_manual)" \
  " RETURNING id, created_at, origin, origin_manual"

static gboolean
upsert_video (RallyStore  *self,
              RallyVideo  *video,
              gint64       now,
              GError     **error)
{
  RallyDbStmt *stmt = _rally_store_stmt (self, UPSERT_VIDEO_SQL, error);
  gint64 created_at = rally_record_get_created_at (RALLY_RECORD (video));
  int param = 3, rc;

  if (stmt == NULL)
    return FALSE;

  rally_db_stmt_bind_int64 (stmt, 1, created_at > 0 ? created_at : now);
  rally_db_stmt_bind_int64 (stmt, 2, now);
  for (const RallyColumn *c = rally_table_videos.columns; c->name != NULL; c++)
    _rally_store_bind_column (stmt, param++, G_OBJECT (video), c);

  rc = rally_db_stmt_step (stmt, error);
  if (rc == RALLY_DB_ERROR)
    {
      rally_db_stmt_reset (stmt);
      return FALSE;
    }
  if (rc == RALLY_DB_ROW)
    {
      rally_record_set_id (RALLY_RECORD (video), rally_db_stmt_column_int64 (stmt, 0));
      rally_record_set_created_at (RALLY_RECORD (video), rally_db_stmt_column_int64 (stmt, 1));
      rally_video_set_origin (video, rally_db_stmt_column_int64 (stmt, 2));
      rally_video_set_origin_manual (video, rally_db_stmt_column_int64 (stmt, 3));
      rally_record_set_updated_at (RALLY_RECORD (video), now);
    }

  return _rally_store_stmt_done (self, stmt, error);
}

/**
 * rally_store_upsert_videos:
 * @self: a #RallyStore
 * @challenge_id: the challenge the videos belong to (set on each video)
 * @videos: (array length=n_videos): the videos
 * @n_videos: how many
 * @error: return location for a %RALLY_STORE_ERROR
 *
 * Inserts new videos and updates known ones (same challenge and TikTok id) in one
 * transaction; sets each video's id. An organic origin never overwrites a partner or
 * creator origin set before, and an origin set by hand (#RallyVideo:origin-manual)
 * is overwritten only by another one (see rally_store_set_video_origin()). A new
 * organic video by a partner of the challenge comes in seeded.
 *
 * Returns: %TRUE on success; on failure nothing is written
 */
gboolean
rally_store_upsert_videos (RallyStore  *self,
                           gint64       challenge_id,
                           RallyVideo **videos,
                           guint        n_videos,
                           GError     **error)
{
  gint64 now = _rally_store_now ();

  g_return_val_if_fail (RALLY_IS_STORE (self), FALSE);
  g_return_val_if_fail (videos != NULL || n_videos == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_rally_store_check_challenge_exists (self, challenge_id, error))
    return FALSE;
  if (challenge_id == 0)
    {
      _rally_store_set_not_found (error, _("Videos need a challenge"));
      return FALSE;
    }

  for (guint i = 0; i < n_videos; i++)
    g_return_val_if_fail (RALLY_IS_VIDEO (videos[i]), FALSE);

  if (!_rally_store_begin (self, error))
    return FALSE;

  for (guint i = 0; i < n_videos; i++)
    {
      rally_video_set_challenge_id (videos[i], challenge_id);
      if (!upsert_video (self, videos[i], now, error))
        {
          _rally_store_rollback (self);
          return FALSE;
        }
    }

  _rally_store_queue_change (self, "videos", n_videos == 1 ? rally_video_get_id (videos[0]) : 0);

  return _rally_store_commit (self, error);
}

/**
 * rally_store_get_video:
 *
 * Returns: (transfer full) (nullable): a new object for the video, or %NULL
 */
RallyVideo *
rally_store_get_video (RallyStore *self,
                       gint64      id)
{
  g_return_val_if_fail (RALLY_IS_STORE (self), NULL);

  return _rally_store_load_record (self, &rally_table_videos, id);
}

/**
 * rally_store_set_video_origin:
 * @self: a #RallyStore
 * @id: a video
 * @origin: its origin, set by hand
 * @error: return location for a %RALLY_STORE_ERROR
 *
 * Marks the video's origin as set by hand: the challenge's partner roster no longer
 * changes it (see rally_store_reset_video_origin()).
 *
 * Returns: %TRUE on success
 */
gboolean
rally_store_set_video_origin (RallyStore        *self,
                              gint64             id,
                              RallyVideoOrigin   origin,
                              GError           **error)
{
  g_return_val_if_fail (RALLY_IS_STORE (self), FALSE);

  return _rally_store_update_one_row (self, "videos", "UPDATE videos SET origin = ?2, origin_manual = 1 WHERE id = ?1", id, origin,
                         _("The video no longer exists"), error);
}

/**
 * rally_store_add_snapshot:
 * @self: a #RallyStore
 * @snapshot: a new snapshot (id 0); its id is set
 * @error: return location for a %RALLY_STORE_ERROR
 *
 * Returns: %TRUE on success
 */
gboolean
rally_store_add_snapshot (RallyStore     *self,
                          RallySnapshot  *snapshot,
                          GError        **error)
{
  g_return_val_if_fail (RALLY_IS_STORE (self), FALSE);
  g_return_val_if_fail (RALLY_IS_SNAPSHOT (snapshot), FALSE);
  g_return_val_if_fail (rally_snapshot_get_id (snapshot) == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_rally_store_check_challenge_exists (self, rally_snapshot_get_challenge_id (snapshot), error))
    return FALSE;

  return _rally_store_save_record (self, &rally_table_snapshots, G_OBJECT (snapshot), NULL, NULL, error);
}

static GPtrArray *
query_records (RallyStore       *self,
               const RallyTable *table,
               const char       *where,
               const gint64     *params,
               guint             n_params)
{
  g_autofree char *sql = _rally_store_select_sql (table, where);
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  RallyDbStmt *stmt = _rally_store_stmt (self, sql, &error);
  RallyDbStep rc;

  if (stmt == NULL)
    {
      _rally_store_read_failed ("query", table->name, error);
      return g_steal_pointer (&records);
    }

  for (guint i = 0; i < n_params; i++)
    rally_db_stmt_bind_int64 (stmt, i + 1, params[i]);

  while ((rc = rally_db_stmt_step (stmt, &error)) == RALLY_DB_ROW)
    {
      GObject *record = g_object_new (table->get_type (), NULL);

      _rally_store_read_row (record, table, stmt);
      g_ptr_array_add (records, record);
    }
  if (rc != RALLY_DB_DONE)
    _rally_store_read_failed ("query", table->name, error);
  rally_db_stmt_reset (stmt);

  return g_steal_pointer (&records);
}

/**
 * rally_store_get_latest_snapshot:
 * @self: a #RallyStore
 * @challenge_id: a challenge, or 0 for the account
 *
 * Returns: (transfer full) (nullable): the snapshot with the latest taken-at, or %NULL
 */
RallySnapshot *
rally_store_get_latest_snapshot (RallyStore *self,
                                 gint64      challenge_id)
{
  g_autoptr(GPtrArray) found = NULL;
  gint64 params[] = { challenge_id };

  g_return_val_if_fail (RALLY_IS_STORE (self), NULL);

  found = query_records (self, &rally_table_snapshots,
                         "WHERE challenge_id IS NOT DISTINCT FROM NULLIF (?1, 0) AND campaign_id IS NULL ORDER BY taken_at DESC, id DESC LIMIT 1",
                         params, 1);

  return found->len > 0 ? g_object_ref (g_ptr_array_index (found, 0)) : NULL;
}

/**
 * rally_store_query_snapshots:
 * @self: a #RallyStore
 * @challenge_id: a challenge, or 0 for the account
 * @from: earliest taken-at, UTC unix seconds (inclusive)
 * @to: latest taken-at (exclusive); 0 or less for no limit
 *
 * Returns: (transfer container) (element-type RallySnapshot): the snapshots, oldest first
 */
GPtrArray *
rally_store_query_snapshots (RallyStore *self,
                             gint64      challenge_id,
                             gint64      from,
                             gint64      to)
{
  gint64 params[] = { challenge_id, from, to > 0 ? to : G_MAXINT64 };

  g_return_val_if_fail (RALLY_IS_STORE (self), NULL);

  return query_records (self, &rally_table_snapshots,
                        "WHERE challenge_id IS NOT DISTINCT FROM NULLIF (?1, 0) AND campaign_id IS NULL AND taken_at >= ?2 AND taken_at < ?3"
                        " ORDER BY taken_at, id",
                        params, G_N_ELEMENTS (params));
}

/* Aggregates */

/**
 * rally_store_get_challenge_totals:
 * @self: a #RallyStore
 * @challenge_id: a challenge
 * @out: (out caller-allocates): the totals
 *
 * Sums the challenge's stored videos, from roll-ups the database keeps up to date
 * (never reading every video).
 *
 * Returns: %TRUE on success; on failure @out is zeroed
 */
gboolean
rally_store_get_challenge_totals (RallyStore  *self,
                                  gint64       challenge_id,
                                  RallyTotals *out)
{
  RallyDbStmt *stmt;
  gboolean ok = FALSE;

  g_return_val_if_fail (RALLY_IS_STORE (self), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  memset (out, 0, sizeof *out);

  /* The roll-ups the triggers keep, and one index lookup. */
#define TOTALS(creators) \
  "SELECT total(videos), total(views), total(likes), total(comments), total(shares)," \
  " (SELECT max(updated_at) FROM videos WHERE challenge_id = ?1), " creators \
  " FROM video_days WHERE challenge_id = ?1"

  stmt = _rally_store_stmt (self, RALLY_STORE_CREATORS_SQL (self, TOTALS (RALLY_STORE_CREATORS_SQLITE ("?1")),
                                                            TOTALS (RALLY_STORE_CREATORS_PG ("?1"))), NULL);
#undef TOTALS
  if (stmt == NULL)
    return FALSE;

  rally_db_stmt_bind_int64 (stmt, 1, challenge_id);
  if (rally_db_stmt_step (stmt, NULL) == RALLY_DB_ROW)
    {
      out->videos = _rally_store_stmt_total (stmt, 0);
      out->views = _rally_store_stmt_total (stmt, 1);
      out->likes = _rally_store_stmt_total (stmt, 2);
      out->comments = _rally_store_stmt_total (stmt, 3);
      out->shares = _rally_store_stmt_total (stmt, 4);
      out->last_synced = rally_db_stmt_column_int64 (stmt, 5);
      out->creators = rally_db_stmt_column_int64 (stmt, 6);
      ok = TRUE;
    }
  rally_db_stmt_reset (stmt);

  return ok;
}

/**
 * rally_store_query_daily_videos:
 * @self: a #RallyStore
 * @challenge_id: a challenge
 * @from: UTC unix seconds; the day holding it is the first day
 * @to: UTC unix seconds (exclusive: the last day is the one starting before it);
 *   0 or less for no limit
 *
 * Groups the challenge's videos by the UTC day they were posted, from a roll-up the
 * database keeps up to date, so a year is at most 366 rows whatever the number of
 * videos. Days without videos are left out.
 *
 * Returns: (transfer full) (element-type RallyDayTotals): one element per day, in order
 */
GArray *
rally_store_query_daily_videos (RallyStore *self,
                                gint64      challenge_id,
                                gint64      from,
                                gint64      to)
{
  GArray *days = g_array_new (FALSE, TRUE, sizeof (RallyDayTotals));
  RallyDbStmt *stmt;

  g_return_val_if_fail (RALLY_IS_STORE (self), days);

  stmt = _rally_store_stmt (self,
                            "SELECT day, videos, views, likes, comments, shares FROM video_days"
                            " WHERE challenge_id = ?1 AND day >= ?2 AND day < ?3 ORDER BY day", NULL);
  if (stmt == NULL)
    return days;

  rally_db_stmt_bind_int64 (stmt, 1, challenge_id);
  rally_db_stmt_bind_int64 (stmt, 2, rally_day_start (from));
  rally_db_stmt_bind_int64 (stmt, 3, to > 0 ? to : G_MAXINT64);
  while (rally_db_stmt_step (stmt, NULL) == RALLY_DB_ROW)
    {
      RallyDayTotals day = {
        .day = rally_db_stmt_column_int64 (stmt, 0),
        .videos = rally_db_stmt_column_int64 (stmt, 1),
        .views = rally_db_stmt_column_int64 (stmt, 2),
        .likes = rally_db_stmt_column_int64 (stmt, 3),
        .comments = rally_db_stmt_column_int64 (stmt, 4),
        .shares = rally_db_stmt_column_int64 (stmt, 5),
      };

      g_array_append_val (days, day);
    }
  rally_db_stmt_reset (stmt);

  return days;
}

/* Live lists */

/**
 * rally_store_list_campaigns:
 *
 * Returns: (transfer full): a live #GListModel of every #RallyCampaign, by id
 */
GListModel *
rally_store_list_campaigns (RallyStore *self)
{
  g_return_val_if_fail (RALLY_IS_STORE (self), NULL);

  return _rally_store_list_new (self, &rally_table_campaigns,
                                "SELECT id FROM campaigns WHERE deleted_at IS NULL ORDER BY id", NULL, 0);
}

/**
 * rally_store_list_challenges:
 * @self: a #RallyStore
 * @campaign_id: a campaign, or 0 for every challenge
 *
 * Returns: (transfer full): a live #GListModel of #RallyChallenge, by id
 */
GListModel *
rally_store_list_challenges (RallyStore *self,
                             gint64      campaign_id)
{
  gint64 params[] = { campaign_id };

  g_return_val_if_fail (RALLY_IS_STORE (self), NULL);

  return _rally_store_list_new (self, &rally_table_challenges,
                                "SELECT id FROM challenges WHERE deleted_at IS NULL"
                                " AND (?1 = 0 OR campaign_id = ?1) ORDER BY id", params, 1);
}

/**
 * rally_store_list_posts:
 * @self: a #RallyStore
 * @from: UTC unix seconds (inclusive)
 * @to: UTC unix seconds (exclusive); 0 or less for no limit
 *
 * Returns: (transfer full): a live #GListModel of #RallyPlannedPost, by time
 */
GListModel *
rally_store_list_posts (RallyStore *self,
                        gint64      from,
                        gint64      to)
{
  gint64 params[] = { from, to > 0 ? to : G_MAXINT64 };

  g_return_val_if_fail (RALLY_IS_STORE (self), NULL);

  return _rally_store_list_new (self, &rally_table_planned_posts,
                                "SELECT id FROM planned_posts WHERE deleted_at IS NULL"
                                " AND scheduled_at >= ?1 AND scheduled_at < ?2 ORDER BY scheduled_at, id",
                                params, 2);
}

/**
 * rally_store_list_videos:
 * @self: a #RallyStore
 * @challenge_id: a challenge
 * @sort: the order
 * @limit: the most videos to list, 0 for all
 *
 * Items are loaded when asked for, so a list of a million videos is cheap.
 *
 * Returns: (transfer full): a live #GListModel of #RallyVideo
 */
GListModel *
rally_store_list_videos (RallyStore     *self,
                         gint64          challenge_id,
                         RallyVideoSort  sort,
                         guint           limit)
{
  static const char * const sql[] = {
    [RALLY_VIDEO_SORT_VIEWS] = "SELECT id FROM videos WHERE challenge_id = ?1 ORDER BY views DESC, id LIMIT ?2",
    [RALLY_VIDEO_SORT_LIKES] = "SELECT id FROM videos WHERE challenge_id = ?1 ORDER BY likes DESC, id LIMIT ?2",
    [RALLY_VIDEO_SORT_SHARES] = "SELECT id FROM videos WHERE challenge_id = ?1 ORDER BY shares DESC, id LIMIT ?2",
    [RALLY_VIDEO_SORT_POSTED] = "SELECT id FROM videos WHERE challenge_id = ?1 ORDER BY posted_at DESC, id DESC LIMIT ?2",
  };
  /* (no limit: the largest, which both engines take; PostgreSQL refuses SQLite's -1) */
  gint64 params[] = { challenge_id, limit > 0 ? (gint64) limit : G_MAXINT64 };

  g_return_val_if_fail (RALLY_IS_STORE (self), NULL);
  g_return_val_if_fail (sort <= RALLY_VIDEO_SORT_POSTED, NULL);

  return _rally_store_list_new (self, &rally_table_videos, sql[sort], params, 2);
}
