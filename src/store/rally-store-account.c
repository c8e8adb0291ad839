/* rally-store-account.c
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

/* The charity's own TikTok account in the store (Display API): the profile's
 * figures, the account's public videos, and the position of the video list, so a
 * sync killed half-way resumes where it stopped. A page of own videos, the videos it
 * adds to challenges (those that carry a challenge's hashtag) and the position it
 * reached are written in one transaction. */

#define G_LOG_DOMAIN "RallyStore"

#include "config.h"

#include "rally-store-account.h"
#include "rally-metrics.h"
#include "rally-store-private.h"

/* The TikTok Studio snapshots of campaign ?1, or of the account when ?1 is 0. */
#define STUDIO_TARGET(t) \
  t ".source = 2 AND " t ".challenge_id IS NULL AND " t ".campaign_id IS NOT DISTINCT FROM NULLIF (?1, 0)"

#define UPSERT_ACCOUNT_SQL \
  "INSERT INTO account (open_id, username, display_name, followers, following, likes, videos, fetched_at)" \
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)" \
  " ON CONFLICT (open_id) DO UPDATE SET" \
  " username = CASE WHEN ?2 <> '' THEN ?2 ELSE account.username END," \
  " display_name = CASE WHEN ?3 <> '' THEN ?3 ELSE account.display_name END," \
  " followers = CASE WHEN ?4 >= 0 THEN ?4 ELSE account.followers END," \
  " following = CASE WHEN ?5 >= 0 THEN ?5 ELSE account.following END," \
  " likes = CASE WHEN ?6 >= 0 THEN ?6 ELSE account.likes END," \
  " videos = CASE WHEN ?7 >= 0 THEN ?7 ELSE account.videos END," \
  " fetched_at = ?8"

/* A counter missing from the reply (-1) keeps the stored value. */
#define UPSERT_ACCOUNT_VIDEO_SQL \
  "INSERT INTO account_videos (open_id, tiktok_id, posted_at, title, share_url, views, likes, comments," \
  " shares, first_seen, updated_at)" \
  " VALUES (?1, ?2, ?3, ?4, ?5, MAX (?6, 0), MAX (?7, 0), MAX (?8, 0), MAX (?9, 0), ?10, ?10)" \
  " ON CONFLICT (open_id, tiktok_id) DO UPDATE SET" \
  " updated_at = ?10," \
  " posted_at = CASE WHEN ?3 > 0 THEN ?3 ELSE account_videos.posted_at END," \
  " title = CASE WHEN ?4 <> '' THEN ?4 ELSE account_videos.title END," \
  " share_url = CASE WHEN ?5 <> '' THEN ?5 ELSE account_videos.share_url END," \
  " views = CASE WHEN ?6 >= 0 THEN ?6 ELSE account_videos.views END," \
  " likes = CASE WHEN ?7 >= 0 THEN ?7 ELSE account_videos.likes END," \
  " comments = CASE WHEN ?8 >= 0 THEN ?8 ELSE account_videos.comments END," \
  " shares = CASE WHEN ?9 >= 0 THEN ?9 ELSE account_videos.shares END"

static char *
column_dup (RallyDbStmt *stmt,
            int           column)
{
  const char *text = rally_db_stmt_column_text (stmt, column);

  return g_strdup (text != NULL ? text : "");
}

/**
 * rally_store_get_account:
 *
 * The account fetched most recently, with the totals of its stored videos.
 *
 * Returns: (transfer full) (nullable): the account, or %NULL when none was ever
 *   synced (@error unset) or on a database error (@error set)
 */
RallyAccount *
rally_store_get_account (RallyStore  *self,
                         GError     **error)
{
  g_autoptr(RallyAccount) account = NULL;
  g_autofree char *sql = NULL;
  RallyDbStmt *stmt;
  RallyDbStep rc;

  g_return_val_if_fail (RALLY_IS_STORE (self), NULL);

  /* of two fetches in the same second, the one written last */
  sql = g_strdup_printf ("SELECT a.open_id, a.username, a.display_name, a.followers, a.following, a.likes,"
                         " a.videos, a.fetched_at, COUNT(v.tiktok_id), TOTAL(v.views), TOTAL(v.likes),"
                         " TOTAL(v.comments), TOTAL(v.shares)"
                         " FROM (SELECT * FROM account ORDER BY fetched_at DESC, %s DESC LIMIT 1) a"
                         " LEFT JOIN account_videos v ON v.open_id = a.open_id GROUP BY a.open_id",
                         rally_db_dialect_write_order (_rally_store_get_dialect (self)));
  stmt = _rally_store_stmt (self, sql, error);
  if (stmt == NULL)
    return NULL;
  rc = rally_db_stmt_step (stmt, error);
  if (rc == RALLY_DB_ROW)
    {
      account = rally_account_new ();
      g_free (account->open_id);
      g_free (account->username);
      g_free (account->display_name);
      account->open_id = column_dup (stmt, 0);
      account->username = column_dup (stmt, 1);
      account->display_name = column_dup (stmt, 2);
      account->followers = rally_db_stmt_column_int64 (stmt, 3);
      account->following = rally_db_stmt_column_int64 (stmt, 4);
      account->likes = rally_db_stmt_column_int64 (stmt, 5);
      account->videos = rally_db_stmt_column_int64 (stmt, 6);
      account->fetched_at = rally_db_stmt_column_int64 (stmt, 7);
      account->stored = rally_db_stmt_column_int64 (stmt, 8);
      account->views = _rally_store_stmt_total (stmt, 9);
      account->video_likes = _rally_store_stmt_total (stmt, 10);
      account->comments = _rally_store_stmt_total (stmt, 11);
      account->shares = _rally_store_stmt_total (stmt, 12);
    }
  rally_db_stmt_reset (stmt);
  if (rc != RALLY_DB_ROW && rc != RALLY_DB_DONE)
    return NULL;
  return g_steal_pointer (&account);
}

/**
 * rally_store_save_account:
 * @account: the account's profile from the Display API; its open_id is required
 * @fetched_at: when it was fetched
 *
 * Adds or updates the account's profile. Figures TikTok left out (-1) and empty
 * texts keep their stored value; @account's fetched_at and stored-video totals are
 * not read (the store counts the videos itself).
 */
gboolean
rally_store_save_account (RallyStore          *self,
                          const RallyAccount  *account,
                          gint64               fetched_at,
                          GError             **error)
{
  RallyDbStmt *stmt;

  g_return_val_if_fail (RALLY_IS_STORE (self), FALSE);
  g_return_val_if_fail (account != NULL && account->open_id != NULL && *account->open_id != '\0', FALSE);

  if (!_rally_store_begin_sync (self, error))
    return FALSE;
  stmt = _rally_store_stmt (self, UPSERT_ACCOUNT_SQL, error);
  if (stmt == NULL)
    goto fail;
  rally_db_stmt_bind_text (stmt, 1, account->open_id, -1);
  rally_db_stmt_bind_text (stmt, 2, account->username != NULL ? account->username : "", -1);
  rally_db_stmt_bind_text (stmt, 3, account->display_name != NULL ? account->display_name : "", -1);
  rally_db_stmt_bind_int64 (stmt, 4, MAX (account->followers, -1));
  rally_db_stmt_bind_int64 (stmt, 5, MAX (account->following, -1));
  rally_db_stmt_bind_int64 (stmt, 6, MAX (account->likes, -1));
  rally_db_stmt_bind_int64 (stmt, 7, MAX (account->videos, -1));
  rally_db_stmt_bind_int64 (stmt, 8, fetched_at);
  if (!_rally_store_stmt_done (self, stmt, error))
    goto fail;
  _rally_store_queue_change (self, "account", 0);
  return _rally_store_commit (self, error);

fail:
  _rally_store_rollback (self);
  return FALSE;
}

/**
 * rally_store_get_account_cursor:
 * @cursor: (out): where the video list continues, 0 to start from the newest video
 *
 * Returns: %FALSE on a database error
 */
gboolean
rally_store_get_account_cursor (RallyStore  *self,
                                const char  *open_id,
                                gint64      *cursor,
                                GError     **error)
{
  RallyDbStmt *stmt;
  RallyDbStep rc;

  g_return_val_if_fail (RALLY_IS_STORE (self), FALSE);
  g_return_val_if_fail (open_id != NULL && cursor != NULL, FALSE);

  *cursor = 0;
  stmt = _rally_store_stmt (self, "SELECT list_cursor, list_done FROM account WHERE open_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  rally_db_stmt_bind_text (stmt, 1, open_id, -1);
  rc = rally_db_stmt_step (stmt, error);
  if (rc == RALLY_DB_ROW && rally_db_stmt_column_int64 (stmt, 1) == 0)
    *cursor = rally_db_stmt_column_int64 (stmt, 0);
  rally_db_stmt_reset (stmt);
  if (rc != RALLY_DB_ROW && rc != RALLY_DB_DONE)
    return FALSE;
  return TRUE;
}

/* Inserts or updates one of the account's own videos: a synced one, or one from a
 * TikTok Studio content export. What is unknown keeps the stored value: a posting
 * time of 0, an empty or missing title or link, a figure of -1. */
gboolean
_rally_store_write_account_video (RallyStore    *self,
                                  const char    *open_id,
                                  gint64         tiktok_id,
                                  gint64         posted_at,
                                  const char    *title,
                                  const char    *share_url,
                                  const gint64   figures[4],
                                  gint64         now,
                                  GError       **error)
{
  RallyDbStmt *stmt = _rally_store_stmt (self, UPSERT_ACCOUNT_VIDEO_SQL, error);

  if (stmt == NULL)
    return FALSE;
  rally_db_stmt_bind_text (stmt, 1, open_id, -1);
  rally_db_stmt_bind_int64 (stmt, 2, tiktok_id);
  rally_db_stmt_bind_int64 (stmt, 3, posted_at);
  rally_db_stmt_bind_text (stmt, 4, title != NULL ? title : "", -1);
  rally_db_stmt_bind_text (stmt, 5, share_url != NULL ? share_url : "", -1);
  for (guint i = 0; i < 4; i++)
    rally_db_stmt_bind_int64 (stmt, 6 + i, figures[i]);
  rally_db_stmt_bind_int64 (stmt, 10, now);
  return _rally_store_stmt_done (self, stmt, error);
}

static gboolean
write_account_video (RallyStore               *self,
                     const char               *open_id,
                     const RallyFetchedVideo  *video,
                     gint64                    now,
                     GError                  **error)
{
  const char *title = video->title != NULL && *video->title != '\0' ? video->title : video->description;
  const gint64 figures[4] = { video->views, video->likes, video->comments, video->shares };

  return _rally_store_write_account_video (self, open_id, video->id, MAX (video->create_time, 0),
                                           title, video->share_url, figures, now, error);
}

static gboolean
write_list_position (RallyStore  *self,
                     const char  *open_id,
                     gint64       cursor,
                     gboolean     done,
                     GError     **error)
{
  RallyDbStmt *stmt = _rally_store_stmt (self,
                                          "UPDATE account SET list_cursor = ?2, list_done = ?3"
                                          " WHERE open_id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  rally_db_stmt_bind_text (stmt, 1, open_id, -1);
  rally_db_stmt_bind_int64 (stmt, 2, done ? 0 : cursor);
  rally_db_stmt_bind_int64 (stmt, 3, done ? 1 : 0);
  return _rally_store_stmt_done (self, stmt, error);
}

/**
 * rally_store_save_account_page:
 * @open_id: a saved account (rally_store_save_account())
 * @videos: (element-type RallyFetchedVideo): a page of the account's video list
 * @matches: (element-type RallyAccountMatch) (nullable): videos of @videos that also
 *   count for a challenge
 * @cursor: where the list continues after this page
 * @done: %TRUE on the last page: the next sync lists from the newest video again
 *
 * Upserts the page's videos (by TikTok id, so a page fetched twice never counts
 * twice), adds the matched ones to their challenges and moves the list position,
 * all in one transaction.
 */
gboolean
rally_store_save_account_page (RallyStore  *self,
                               const char  *open_id,
                               GPtrArray   *videos,
                               GArray      *matches,
                               gint64       cursor,
                               gboolean     done,
                               GError     **error)
{
  gint64 now = _rally_store_now ();

  g_return_val_if_fail (RALLY_IS_STORE (self), FALSE);
  g_return_val_if_fail (open_id != NULL, FALSE);
  g_return_val_if_fail (videos != NULL, FALSE);

  if (!_rally_store_begin_sync (self, error))
    return FALSE;
  for (guint i = 0; i < videos->len; i++)
    {
      if (!write_account_video (self, open_id, g_ptr_array_index (videos, i), now, error))
        goto fail;
    }
  for (guint i = 0; matches != NULL && i < matches->len; i++)
    {
      const RallyAccountMatch *match = &g_array_index (matches, RallyAccountMatch, i);

      g_return_val_if_fail (match->video < videos->len, FALSE);
      if (!_rally_store_write_synced_video (self, match->challenge_id,
                                            g_ptr_array_index (videos, match->video), now, error))
        goto fail;
    }
  if (!write_list_position (self, open_id, cursor, done, error))
    goto fail;
  _rally_store_queue_change (self, "account", 0);
  if (matches != NULL && matches->len > 0)
    _rally_store_queue_change (self, "videos", 0);
  return _rally_store_commit (self, error);

fail:
  _rally_store_rollback (self);
  return FALSE;
}

/**
 * rally_store_add_account_snapshot:
 * @taken_at: the time of the snapshot
 *
 * Writes a Snapshot of the account's totals (challenge and campaign unset; source:
 * Display API): its stored videos and their summed counts.
 */
gboolean
rally_store_add_account_snapshot (RallyStore  *self,
                                  const char  *open_id,
                                  gint64       taken_at,
                                  GError     **error)
{
  RallyDbStmt *stmt;

  g_return_val_if_fail (RALLY_IS_STORE (self), FALSE);
  g_return_val_if_fail (open_id != NULL, FALSE);

  if (!_rally_store_begin_sync (self, error))
    return FALSE;
  stmt = _rally_store_stmt (self,
                            "INSERT INTO snapshots (created_at, updated_at, challenge_id, campaign_id, taken_at,"
                            " videos, views, likes, comments, shares, creators, source, fetched_at)"
                            " SELECT ?2, ?2, NULL, NULL, ?2, COUNT(*), TOTAL(views), TOTAL(likes),"
                            " TOTAL(comments), TOTAL(shares), 1, ?3, ?2"
                            " FROM account_videos WHERE open_id = ?1", error);
  if (stmt == NULL)
    goto fail;
  rally_db_stmt_bind_text (stmt, 1, open_id, -1);
  rally_db_stmt_bind_int64 (stmt, 2, taken_at);
  rally_db_stmt_bind_int64 (stmt, 3, RALLY_SOURCE_DISPLAY_API);
  if (!_rally_store_stmt_done (self, stmt, error))
    goto fail;
  _rally_store_queue_change (self, "snapshots", 0);
  return _rally_store_commit (self, error);

fail:
  _rally_store_rollback (self);
  return FALSE;
}

/**
 * rally_store_query_account_videos:
 * @limit: the most videos to return, 0 for all
 *
 * Returns: (transfer full) (element-type RallyFetchedVideo): the account's stored
 *   videos, most viewed first, or %NULL with @error set
 */
GPtrArray *
rally_store_query_account_videos (RallyStore  *self,
                                  const char  *open_id,
                                  guint        limit,
                                  GError     **error)
{
  g_autoptr(GPtrArray) videos = NULL;
  RallyDbStmt *stmt;
  RallyDbStep rc;

  g_return_val_if_fail (RALLY_IS_STORE (self), NULL);
  g_return_val_if_fail (open_id != NULL, NULL);

  stmt = _rally_store_stmt (self,
                            "SELECT tiktok_id, posted_at, title, share_url, views, likes, comments, shares"
                            " FROM account_videos WHERE open_id = ?1 ORDER BY views DESC, tiktok_id LIMIT ?2",
                            error);
  if (stmt == NULL)
    return NULL;
  rally_db_stmt_bind_text (stmt, 1, open_id, -1);
  rally_db_stmt_bind_int64 (stmt, 2, limit > 0 ? (gint64) limit : -1);

  videos = g_ptr_array_new_with_free_func ((GDestroyNotify) rally_fetched_video_free);
  while ((rc = rally_db_stmt_step (stmt, error)) == RALLY_DB_ROW)
    {
      RallyFetchedVideo *video = rally_fetched_video_new (rally_db_stmt_column_int64 (stmt, 0));

      video->create_time = rally_db_stmt_column_int64 (stmt, 1);
      video->title = column_dup (stmt, 2);
      video->share_url = column_dup (stmt, 3);
      video->views = rally_db_stmt_column_int64 (stmt, 4);
      video->likes = rally_db_stmt_column_int64 (stmt, 5);
      video->comments = rally_db_stmt_column_int64 (stmt, 6);
      video->shares = rally_db_stmt_column_int64 (stmt, 7);
      g_ptr_array_add (videos, video);
    }
  rally_db_stmt_reset (stmt);
  if (rc != RALLY_DB_DONE)
    return NULL;
  return g_steal_pointer (&videos);
}

/**
 * rally_store_get_studio_summary:
 * @campaign_id: a campaign, or 0 for the account
 * @summary: (out caller-allocates): the figures; @summary->days is 0 when nothing
 *   was imported
 *
 * Sums what the TikTok Studio overview exports imported for the account (or a
 * campaign): the latest Studio snapshot holds the running totals.
 *
 * Returns: %FALSE on a database error
 */
gboolean
rally_store_get_studio_summary (RallyStore          *self,
                                gint64               campaign_id,
                                RallyStudioSummary  *summary,
                                GError             **error)
{
  RallyDbStmt *stmt;
  RallyDbStep rc;

  g_return_val_if_fail (RALLY_IS_STORE (self), FALSE);
  g_return_val_if_fail (summary != NULL, FALSE);

  *summary = (RallyStudioSummary) { .followers = -1 };
  stmt = _rally_store_stmt (self,
                            "SELECT COUNT(*), MIN(s.taken_at), MAX(s.taken_at), MAX(s.fetched_at),"
                            " (SELECT followers FROM snapshots t WHERE " STUDIO_TARGET ("t")
                            "   AND t.followers >= 0 ORDER BY t.taken_at DESC LIMIT 1),"
                            " l.views, l.likes, l.comments, l.shares, l.profile_views"
                            " FROM snapshots s,"
                            " (SELECT * FROM snapshots t WHERE " STUDIO_TARGET ("t")
                            "   ORDER BY t.taken_at DESC LIMIT 1) l"
                            " WHERE " STUDIO_TARGET ("s"), error);
  if (stmt == NULL)
    return FALSE;
  rally_db_stmt_bind_int64 (stmt, 1, campaign_id);
  rc = rally_db_stmt_step (stmt, error);
  if (rc == RALLY_DB_ROW && rally_db_stmt_column_int64 (stmt, 0) > 0)
    *summary = (RallyStudioSummary) {
      .days = (guint) rally_db_stmt_column_int64 (stmt, 0),
      .first_day = rally_db_stmt_column_int64 (stmt, 1),
      .last_day = rally_db_stmt_column_int64 (stmt, 2),
      .fetched_at = rally_db_stmt_column_int64 (stmt, 3),
      .followers = rally_db_stmt_column_is_null (stmt, 4) ? -1 : rally_db_stmt_column_int64 (stmt, 4),
      .views = rally_db_stmt_column_int64 (stmt, 5),
      .likes = rally_db_stmt_column_int64 (stmt, 6),
      .comments = rally_db_stmt_column_int64 (stmt, 7),
      .shares = rally_db_stmt_column_int64 (stmt, 8),
      .profile_views = rally_db_stmt_column_int64 (stmt, 9),
    };
  rally_db_stmt_reset (stmt);
  if (rc != RALLY_DB_ROW && rc != RALLY_DB_DONE)
    return FALSE;
  return TRUE;
}

/**
 * rally_store_query_account_reach:
 *
 * The account's running totals, one element per UTC day (the latest snapshot of
 * the day), oldest first: from the imported TikTok Studio overviews when there are
 * any, otherwise from its other snapshots (Display API syncs, typed in). The two
 * count from different starting points, so they are never mixed in one series.
 *
 * Returns: (transfer full) (element-type RallyDayTotals): the totals, or %NULL
 *   with @error set
 */
GArray *
rally_store_query_account_reach (RallyStore  *self,
                                 GError     **error)
{
  g_autoptr(GArray) days = g_array_new (FALSE, TRUE, sizeof (RallyDayTotals));
  RallyDbStmt *stmt;
  RallyDbStep rc;

  g_return_val_if_fail (RALLY_IS_STORE (self), NULL);

  stmt = _rally_store_stmt (self,
                            "SELECT taken_at, videos, views, likes, comments, shares FROM snapshots"
                            " WHERE challenge_id IS NULL AND campaign_id IS NULL AND (source = ?1) ="
                            " EXISTS (SELECT 1 FROM snapshots WHERE challenge_id IS NULL"
                            "         AND campaign_id IS NULL AND source = ?1)"
                            " ORDER BY taken_at, id", error);
  if (stmt == NULL)
    return NULL;
  rally_db_stmt_bind_int64 (stmt, 1, RALLY_SOURCE_STUDIO_CSV);
  while ((rc = rally_db_stmt_step (stmt, error)) == RALLY_DB_ROW)
    {
      RallyDayTotals day = {
        .day = rally_day_start (rally_db_stmt_column_int64 (stmt, 0)),
        .videos = rally_db_stmt_column_int64 (stmt, 1),
        .views = rally_db_stmt_column_int64 (stmt, 2),
        .likes = rally_db_stmt_column_int64 (stmt, 3),
        .comments = rally_db_stmt_column_int64 (stmt, 4),
        .shares = rally_db_stmt_column_int64 (stmt, 5),
      };

      /* several snapshots on one day: the latest stands for it */
      if (days->len > 0 && g_array_index (days, RallyDayTotals, days->len - 1).day == day.day)
        g_array_index (days, RallyDayTotals, days->len - 1) = day;
      else
        g_array_append_val (days, day);
    }
  rally_db_stmt_reset (stmt);
  if (rc != RALLY_DB_DONE)
    return NULL;
  return g_steal_pointer (&days);
}
