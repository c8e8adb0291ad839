/* rally-store-sync.c
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

/* Sync bookkeeping in the store: query positions, quota, and the one-transaction
 * write of a page of videos. Videos are written with direct SQL rather than through
 * RallyVideo objects: a sync may bring 100,000 of them. */

#define G_LOG_DOMAIN "RallyStore"

#include "config.h"

#include <string.h>

#include "rally-store-private.h"
#include "rally-store-sync.h"

/* A counter missing from the reply (-1) keeps the stored value. The origin is left
 * as is: research results are organic unless someone said otherwise. */
#define UPSERT_SYNCED_VIDEO_SQL \
  "INSERT INTO videos (created_at, updated_at, challenge_id, tiktok_id, creator, region, posted_at," \
  " description, views, likes, comments, shares, origin)" \
  " VALUES (?1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, MAX (?8, 0), MAX (?9, 0), MAX (?10, 0), MAX (?11, 0), 0)" \
  " ON CONFLICT (challenge_id, tiktok_id) DO UPDATE SET" \
  " updated_at = ?1," \
  " creator = CASE WHEN ?4 <> '' THEN ?4 ELSE videos.creator END," \
  " region = CASE WHEN ?5 <> '' THEN ?5 ELSE videos.region END," \
  " posted_at = CASE WHEN ?6 > 0 THEN ?6 ELSE videos.posted_at END," \
  " description = CASE WHEN ?7 <> '' THEN ?7 ELSE videos.description END," \
  " views = CASE WHEN ?8 >= 0 THEN ?8 ELSE videos.views END," \
  " likes = CASE WHEN ?9 >= 0 THEN ?9 ELSE videos.likes END," \
  " comments = CASE WHEN ?10 >= 0 THEN ?10 ELSE videos.comments END," \
  " shares = CASE WHEN ?11 >= 0 THEN ?11 ELSE videos.shares END"

#define SAVE_POSITION_SQL \
  "INSERT INTO sync_position (challenge_id, window_start, window_end, cursor, search_id, done, updated_at)" \
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)" \
  " ON CONFLICT (challenge_id, window_start, window_end) DO UPDATE SET" \
  " cursor = excluded.cursor, search_id = excluded.search_id, done = excluded.done," \
  " updated_at = excluded.updated_at"

#define ADD_QUOTA_SQL \
  "INSERT INTO quota (day, requests, records) VALUES (?1, ?2, ?3)" \
  " ON CONFLICT (day) DO UPDATE SET requests = requests + excluded.requests," \
  " records = records + excluded.records"

void
rally_sync_position_free (RallySyncPosition *position)
{
  if (position == NULL)
    return;
  g_free (position->search_id);
  g_free (position);
}

static gboolean
write_position (RallyStore               *self,
                const RallySyncPosition  *position,
                GError                  **error)
{
  sqlite3_stmt *stmt = _rally_store_prepare (self, SAVE_POSITION_SQL, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, position->challenge_id);
  sqlite3_bind_int64 (stmt, 2, position->window_start);
  sqlite3_bind_int64 (stmt, 3, position->window_end);
  sqlite3_bind_int64 (stmt, 4, position->cursor);
  if (position->search_id != NULL)
    sqlite3_bind_text (stmt, 5, position->search_id, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 5);
  sqlite3_bind_int (stmt, 6, position->done ? 1 : 0);
  sqlite3_bind_int64 (stmt, 7, _rally_store_now ());
  return _rally_store_step_done (self, stmt, error);
}

static gboolean
write_quota (RallyStore  *self,
             gint64       day,
             guint        requests,
             guint        records,
             GError     **error)
{
  sqlite3_stmt *stmt;

  if (requests == 0 && records == 0)
    return TRUE;
  stmt = _rally_store_prepare (self, ADD_QUOTA_SQL, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, day);
  sqlite3_bind_int64 (stmt, 2, requests);
  sqlite3_bind_int64 (stmt, 3, records);
  return _rally_store_step_done (self, stmt, error);
}

/* Binds without copying: the video outlives the step. */
static void
bind_static (sqlite3_stmt *stmt,
             int           index,
             const char   *text)
{
  sqlite3_bind_text (stmt, index, text != NULL ? text : "", -1, SQLITE_STATIC);
}

/* @stmt: the prepared UPSERT_SYNCED_VIDEO_SQL, kept for the whole page */
static gboolean
write_video (RallyStore             *self,
             sqlite3_stmt           *stmt,
             gint64                  challenge_id,
             const RallyTiktokVideo *video,
             gint64                  now,
             GError                **error)
{
  sqlite3_bind_int64 (stmt, 1, now);
  sqlite3_bind_int64 (stmt, 2, challenge_id);
  sqlite3_bind_int64 (stmt, 3, video->id);
  bind_static (stmt, 4, video->username);
  bind_static (stmt, 5, video->region);
  sqlite3_bind_int64 (stmt, 6, video->has_create_time ? video->create_time : 0);
  bind_static (stmt, 7, video->description != NULL ? video->description : video->title);
  sqlite3_bind_int64 (stmt, 8, video->has_views ? video->views : -1);
  sqlite3_bind_int64 (stmt, 9, video->has_likes ? video->likes : -1);
  sqlite3_bind_int64 (stmt, 10, video->has_comments ? video->comments : -1);
  sqlite3_bind_int64 (stmt, 11, video->has_shares ? video->shares : -1);
  return _rally_store_step_done (self, stmt, error);
}

/**
 * rally_store_list_sync_positions:
 * @challenge_id: a challenge
 * @from: windows starting at or after this time…
 * @to: …and ending at or before this one
 *
 * Returns: (transfer full) (element-type RallySyncPosition): the windows, by start,
 *   or %NULL with @error set
 */
GPtrArray *
rally_store_list_sync_positions (RallyStore  *self,
                                 gint64       challenge_id,
                                 gint64       from,
                                 gint64       to,
                                 GError     **error)
{
  g_autoptr(GPtrArray) positions = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (RALLY_IS_STORE (self), NULL);

  stmt = _rally_store_prepare (self,
                               "SELECT window_start, window_end, cursor, search_id, done FROM sync_position"
                               " WHERE challenge_id = ?1 AND window_start >= ?2 AND window_end <= ?3"
                               " ORDER BY window_start", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, challenge_id);
  sqlite3_bind_int64 (stmt, 2, from);
  sqlite3_bind_int64 (stmt, 3, to);

  positions = g_ptr_array_new_with_free_func ((GDestroyNotify) rally_sync_position_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RallySyncPosition *position = g_new0 (RallySyncPosition, 1);
      const char *search_id = (const char *) sqlite3_column_text (stmt, 3);

      position->challenge_id = challenge_id;
      position->window_start = sqlite3_column_int64 (stmt, 0);
      position->window_end = sqlite3_column_int64 (stmt, 1);
      position->cursor = sqlite3_column_int64 (stmt, 2);
      position->search_id = g_strdup (search_id);
      position->done = sqlite3_column_int (stmt, 4) != 0;
      g_ptr_array_add (positions, position);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _rally_store_set_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&positions);
}

gboolean
rally_store_save_sync_position (RallyStore               *self,
                                const RallySyncPosition  *position,
                                GError                  **error)
{
  g_return_val_if_fail (RALLY_IS_STORE (self), FALSE);
  g_return_val_if_fail (position != NULL, FALSE);

  if (!_rally_store_begin (self, error))
    return FALSE;
  if (!write_position (self, position, error))
    {
      _rally_store_rollback (self);
      return FALSE;
    }
  return _rally_store_commit (self, error);
}

/**
 * rally_store_split_sync_position:
 * @position: a stored window of at least two days
 * @first_end: the last day of the first half
 *
 * Replaces @position by two windows that start over, in one transaction.
 */
gboolean
rally_store_split_sync_position (RallyStore               *self,
                                 const RallySyncPosition  *position,
                                 gint64                    first_end,
                                 GError                  **error)
{
  RallySyncPosition first = { position->challenge_id, position->window_start, first_end, 0, NULL, FALSE };
  RallySyncPosition second = { position->challenge_id, first_end + 86400, position->window_end, 0, NULL, FALSE };
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RALLY_IS_STORE (self), FALSE);
  g_return_val_if_fail (first_end >= position->window_start && first_end < position->window_end, FALSE);

  if (!_rally_store_begin (self, error))
    return FALSE;
  stmt = _rally_store_prepare (self,
                               "DELETE FROM sync_position WHERE challenge_id = ?1 AND window_start = ?2"
                               " AND window_end = ?3", error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, position->challenge_id);
      sqlite3_bind_int64 (stmt, 2, position->window_start);
      sqlite3_bind_int64 (stmt, 3, position->window_end);
    }
  if (stmt == NULL || !_rally_store_step_done (self, stmt, error) ||
      !write_position (self, &first, error) || !write_position (self, &second, error))
    {
      _rally_store_rollback (self);
      return FALSE;
    }
  return _rally_store_commit (self, error);
}

/**
 * rally_store_save_sync_page:
 * @position: the position reached after this page
 * @videos: (element-type RallyTiktokVideo): the page's videos for the challenge
 * @day: the UTC day the quota is counted on
 * @requests: requests spent on this page (retries included)
 * @records: records the page delivered (repeats and unusable ones included)
 *
 * Upserts the videos (by challenge and TikTok id, so a page fetched twice never
 * counts twice), moves the position and adds to the day's quota, all in one
 * transaction: either all of it is written or none.
 */
gboolean
rally_store_save_sync_page (RallyStore               *self,
                            const RallySyncPosition  *position,
                            GPtrArray                *videos,
                            gint64                    day,
                            guint                     requests,
                            guint                     records,
                            GError                  **error)
{
  gint64 now = _rally_store_now ();
  sqlite3_stmt *upsert;

  g_return_val_if_fail (RALLY_IS_STORE (self), FALSE);
  g_return_val_if_fail (position != NULL, FALSE);
  g_return_val_if_fail (videos != NULL, FALSE);

  if (!_rally_store_begin (self, error))
    return FALSE;
  upsert = _rally_store_prepare (self, UPSERT_SYNCED_VIDEO_SQL, error);
  if (upsert == NULL)
    goto fail;
  for (guint i = 0; i < videos->len; i++)
    {
      if (!write_video (self, upsert, position->challenge_id, g_ptr_array_index (videos, i), now, error))
        {
          sqlite3_clear_bindings (upsert);
          goto fail;
        }
    }
  sqlite3_clear_bindings (upsert);
  if (!write_position (self, position, error) ||
      !write_quota (self, day, requests, records, error))
    goto fail;
  if (videos->len > 0)
    _rally_store_queue_change (self, "videos", 0);
  return _rally_store_commit (self, error);

fail:
  _rally_store_rollback (self);
  return FALSE;
}

gboolean
rally_store_add_quota (RallyStore  *self,
                       gint64       day,
                       guint        requests,
                       guint        records,
                       GError     **error)
{
  g_return_val_if_fail (RALLY_IS_STORE (self), FALSE);

  if (!_rally_store_begin (self, error))
    return FALSE;
  if (!write_quota (self, day, requests, records, error))
    {
      _rally_store_rollback (self);
      return FALSE;
    }
  return _rally_store_commit (self, error);
}

/* Requests and records counted on @day (0 when none). */
gboolean
rally_store_get_quota (RallyStore  *self,
                       gint64       day,
                       guint       *requests,
                       guint       *records,
                       GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (RALLY_IS_STORE (self), FALSE);

  *requests = *records = 0;
  stmt = _rally_store_prepare (self, "SELECT requests, records FROM quota WHERE day = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, day);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *requests = (guint) sqlite3_column_int64 (stmt, 0);
      *records = (guint) sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _rally_store_set_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}
