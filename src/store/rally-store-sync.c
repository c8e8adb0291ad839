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

/* The origin a creator new to a video gives it, as the origin triggers of the schema
 * give it (a sync writer runs without them): research results are organic unless
 * their creator is a partner of the challenge, or someone said otherwise. */
#define UPSERT_ORIGIN \
  " origin = CASE WHEN videos.origin_manual = 0 AND excluded.creator <> ''" \
  " AND excluded.creator <> videos.creator THEN excluded.origin ELSE videos.origin END"

/* A counter missing from the reply (-1) keeps the stored value. */
#define UPSERT_SYNCED_VIDEO_SQL \
  "INSERT INTO videos (created_at, updated_at, challenge_id, tiktok_id, creator, region, posted_at," \
  " description, views, likes, comments, shares, origin)" \
  " VALUES (?1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, MAX (?8, 0), MAX (?9, 0), MAX (?10, 0), MAX (?11, 0), " \
  RALLY_STORE_PARTNER_ORIGIN ("?4", "(SELECT partners FROM challenges WHERE id = ?2)") ")" \
  " ON CONFLICT (challenge_id, tiktok_id) DO UPDATE SET" \
  " updated_at = ?1," \
  " creator = CASE WHEN ?4 <> '' THEN ?4 ELSE videos.creator END," \
  " region = CASE WHEN ?5 <> '' THEN ?5 ELSE videos.region END," \
  " posted_at = CASE WHEN ?6 > 0 THEN ?6 ELSE videos.posted_at END," \
  " description = CASE WHEN ?7 <> '' THEN ?7 ELSE videos.description END," \
  " views = CASE WHEN ?8 >= 0 THEN ?8 ELSE videos.views END," \
  " likes = CASE WHEN ?9 >= 0 THEN ?9 ELSE videos.likes END," \
  " comments = CASE WHEN ?10 >= 0 THEN ?10 ELSE videos.comments END," \
  " shares = CASE WHEN ?11 >= 0 THEN ?11 ELSE videos.shares END," \
  UPSERT_ORIGIN

/* The same for rows that carry all four counters, several rows a statement: one
 * statement per page instead of one per video spares SQLite a statement journal
 * entry for every page each row touches (the roll-up triggers make every
 * statement keep one). On SQLite the rows share ?1 the time, ?2 the challenge and
 * ?3 its roster, and each row's origin is in it; on PostgreSQL the statement's
 * trigger gives the origin (step 14 of the migrations). */
#define UPSERT_COMPLETE_ROW "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)"
#define UPSERT_COMPLETE_PARAMS 12
#define UPSERT_SHARED_PARAMS 3
#define UPSERT_ROW_PARAMS 9
#define UPSERT_SHARED_ROW \
  "(?1, ?1, ?2, ?%u, ?%u, ?%u, ?%u, ?%u, ?%u, ?%u, ?%u, ?%u, " RALLY_STORE_PARTNER_ORIGIN ("?%u", "?3") ")"
#define UPSERT_COMPLETE_HEAD \
  "INSERT INTO videos (created_at, updated_at, challenge_id, tiktok_id, creator, region, posted_at," \
  " description, views, likes, comments, shares, origin) VALUES "
#define UPSERT_COMPLETE_TAIL \
  " ON CONFLICT (challenge_id, tiktok_id) DO UPDATE SET" \
  " updated_at = excluded.updated_at," \
  " creator = CASE WHEN excluded.creator <> '' THEN excluded.creator ELSE videos.creator END," \
  " region = CASE WHEN excluded.region <> '' THEN excluded.region ELSE videos.region END," \
  " posted_at = CASE WHEN excluded.posted_at > 0 THEN excluded.posted_at ELSE videos.posted_at END," \
  " description = CASE WHEN excluded.description <> '' THEN excluded.description ELSE videos.description END," \
  " views = excluded.views, likes = excluded.likes, comments = excluded.comments, shares = excluded.shares"
/* statements of 64, 32, …, 2 rows; on PostgreSQL, statements of up to 128 rows, a
 * multiple of 16 (then 8, 4, 2): every statement costs the server an executor start
 * and a run of the insert trigger (step 14), and every length is prepared once per
 * connection */
#define UPSERT_MAX_ROWS_LOG2 6
#define UPSERT_PG_MAX_ROWS 128

#define SAVE_POSITION_SQL \
  "INSERT INTO sync_position (challenge_id, window_start, window_end, cursor, search_id, done, updated_at)" \
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)" \
  " ON CONFLICT (challenge_id, window_start, window_end) DO UPDATE SET" \
  " cursor = excluded.cursor, search_id = excluded.search_id, done = excluded.done," \
  " updated_at = excluded.updated_at"

/* A page's days, counted again from the videos (rally_store_migrations step 12):
 * ?1 the challenge, ?2 the day, ?3 the next day. Days with no videos have no row. */
#define DAY_SECONDS 86400
#define MAX_PAGE_DAYS 4
#define RECOUNT_DAY_DELETE_SQL \
  "DELETE FROM video_days WHERE challenge_id = ?1 AND day >= ?2 AND day < ?3"
#define RECOUNT_DAY_SELECT(counts) \
  "INSERT INTO video_days (challenge_id, day, videos, views, likes, comments, shares)" \
  " SELECT challenge_id, posted_at - posted_at % 86400, " counts " FROM videos" \
  " WHERE challenge_id = ?1 AND posted_at >= ?2 AND posted_at < ?3"
#define RECOUNT_DAY_SUMS "count(*), sum(views), sum(likes), sum(comments), sum(shares)"
#define RECOUNT_DAY_SUM_SQL \
  RECOUNT_DAY_SELECT (RECOUNT_DAY_SUMS) " GROUP BY challenge_id, posted_at - posted_at % 86400"
/* SQLite: the range is one day (?2 ≥ 0 a multiple of 86400), so one group without
 * sorting the day's videos; no row when it has none */
#define RECOUNT_DAY_ONE_SQL \
  "INSERT INTO video_days (challenge_id, day, videos, views, likes, comments, shares)" \
  " SELECT ?1, ?2, " RECOUNT_DAY_SUMS " FROM videos" \
  " WHERE challenge_id = ?1 AND posted_at >= ?2 AND posted_at < ?3 HAVING count(*) > 0"
/* SQLite only: row by row, as the triggers add (past the largest integer too) */
#define RECOUNT_DAY_ADD_SQL \
  RECOUNT_DAY_SELECT ("1, views, likes, comments, shares") \
  " ON CONFLICT (challenge_id, day) DO UPDATE SET videos = videos + 1, views = views + excluded.views," \
  " likes = likes + excluded.likes, comments = comments + excluded.comments, shares = shares + excluded.shares"

#define ADD_QUOTA_SQL \
  "INSERT INTO quota (day, requests, records) VALUES (?1, ?2, ?3)" \
  " ON CONFLICT (day) DO UPDATE SET requests = quota.requests + excluded.requests," \
  " records = quota.records + excluded.records"

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
  RallyDbStmt *stmt = _rally_store_stmt (self, SAVE_POSITION_SQL, error);

  if (stmt == NULL)
    return FALSE;
  rally_db_stmt_bind_int64 (stmt, 1, position->challenge_id);
  rally_db_stmt_bind_int64 (stmt, 2, position->window_start);
  rally_db_stmt_bind_int64 (stmt, 3, position->window_end);
  rally_db_stmt_bind_int64 (stmt, 4, position->cursor);
  if (position->search_id != NULL)
    rally_db_stmt_bind_text (stmt, 5, position->search_id, -1);
  else
    rally_db_stmt_bind_null (stmt, 5);
  rally_db_stmt_bind_int64 (stmt, 6, position->done ? 1 : 0);
  rally_db_stmt_bind_int64 (stmt, 7, position->fetched_at != 0 ? position->fetched_at : _rally_store_now ());
  return _rally_store_stmt_done (self, stmt, error);
}

static gboolean
write_quota (RallyStore  *self,
             gint64       day,
             guint        requests,
             guint        records,
             GError     **error)
{
  RallyDbStmt *stmt;

  if (requests == 0 && records == 0)
    return TRUE;
  stmt = _rally_store_stmt (self, ADD_QUOTA_SQL, error);
  if (stmt == NULL)
    return FALSE;
  rally_db_stmt_bind_int64 (stmt, 1, day);
  rally_db_stmt_bind_int64 (stmt, 2, requests);
  rally_db_stmt_bind_int64 (stmt, 3, records);
  return _rally_store_stmt_done (self, stmt, error);
}

/* A text of a video, NULL as empty */
static void
bind_video_text (RallyDbStmt *stmt,
                 int           index,
                 const char   *text)
{
  rally_db_stmt_bind_text (stmt, index, text != NULL ? text : "", -1);
}

/* The same without copying: the video outlives the step, and the bindings are
 * cleared right after it */
static void
bind_static (RallyDbStmt *stmt,
             int           index,
             const char   *text)
{
  rally_db_stmt_bind_static_text (stmt, index, text != NULL ? text : "", -1);
}

/* @stmt: the prepared UPSERT_SYNCED_VIDEO_SQL, kept for the whole page */
static gboolean
write_video (RallyStore               *self,
             RallyDbStmt              *stmt,
             gint64                    challenge_id,
             const RallyFetchedVideo  *video,
             gint64                    now,
             GError                  **error)
{
  rally_db_stmt_bind_int64 (stmt, 1, now);
  rally_db_stmt_bind_int64 (stmt, 2, challenge_id);
  rally_db_stmt_bind_int64 (stmt, 3, video->id);
  bind_video_text (stmt, 4, video->username);
  bind_video_text (stmt, 5, video->region);
  rally_db_stmt_bind_int64 (stmt, 6, MAX (video->create_time, 0));
  bind_video_text (stmt, 7, video->description != NULL ? video->description : video->title);
  rally_db_stmt_bind_int64 (stmt, 8, video->views);
  rally_db_stmt_bind_int64 (stmt, 9, video->likes);
  rally_db_stmt_bind_int64 (stmt, 10, video->comments);
  rally_db_stmt_bind_int64 (stmt, 11, video->shares);
  return _rally_store_stmt_done (self, stmt, error);
}

/* The text of the upsert of @n_rows complete rows, SQLite's (@shared) or
 * PostgreSQL's. */
static char *
complete_sql (guint    n_rows,
              gboolean shared)
{
  GString *text = g_string_new (UPSERT_COMPLETE_HEAD);

  for (guint i = 0; i < n_rows; i++)
    {
      guint p = UPSERT_SHARED_PARAMS + i * UPSERT_ROW_PARAMS;

      if (i > 0)
        g_string_append (text, ", ");
      if (!shared)
        g_string_append (text, UPSERT_COMPLETE_ROW);
      else
        g_string_append_printf (text, UPSERT_SHARED_ROW, p + 1, p + 2, p + 3, p + 4, p + 5, p + 6, p + 7, p + 8,
                                p + 9, p + 2, p + 2);
    }
  g_string_append (text, UPSERT_COMPLETE_TAIL);
  if (shared)
    g_string_append (text, "," UPSERT_ORIGIN);
  return g_string_free (text, FALSE);
}

/* The upsert of @n_rows complete rows: on SQLite a power of two, at least 2; on
 * PostgreSQL also a multiple of 16 up to UPSERT_PG_MAX_ROWS. */
static RallyDbStmt *
prepare_complete (RallyStore  *self,
                  guint        n_rows,
                  GError     **error)
{
  static gsize sql[UPSERT_MAX_ROWS_LOG2 + 1];  /* const char *, built once */
  g_autofree char *any = NULL;
  guint log2 = g_bit_nth_msf (n_rows, -1);

  g_assert (n_rows >= 2);
  if (self->db == NULL)
    {
      g_assert (n_rows <= UPSERT_PG_MAX_ROWS);
      any = complete_sql (n_rows, FALSE);
      return _rally_store_stmt (self, any, error);
    }
  g_assert ((n_rows & (n_rows - 1)) == 0 && log2 <= UPSERT_MAX_ROWS_LOG2);
  if (g_once_init_enter (&sql[log2]))
    g_once_init_leave (&sql[log2], (gsize) complete_sql (n_rows, TRUE));
  return _rally_store_stmt (self, (const char *) sql[log2], error);
}

/* The roster of @challenge_id (its partners joined by ","), for SQLite's upserts. */
static char *
read_roster (RallyStore  *self,
             gint64       challenge_id,
             GError     **error)
{
  RallyDbStmt *stmt = _rally_store_stmt (self, "SELECT partners FROM challenges WHERE id = ?1", error);
  char *roster = NULL;
  RallyDbStep rc;

  if (stmt == NULL)
    return NULL;
  rally_db_stmt_bind_int64 (stmt, 1, challenge_id);
  rc = rally_db_stmt_step (stmt, error);
  if (rc == RALLY_DB_ROW)
    roster = g_strdup (rally_db_stmt_column_text (stmt, 0));
  else if (rc == RALLY_DB_DONE)
    roster = g_strdup ("");  /* its rows will be refused by the foreign key */
  rally_db_stmt_reset (stmt);
  return roster;
}

/* Binds @video's values, the tiktok_id to the shares of an upsert's row, after
 * parameter @before. */
static void
bind_row (RallyDbStmt             *stmt,
          int                      before,
          const RallyFetchedVideo *video)
{
  rally_db_stmt_bind_int64 (stmt, before + 1, video->id);
  bind_static (stmt, before + 2, video->username);
  bind_static (stmt, before + 3, video->region);
  rally_db_stmt_bind_int64 (stmt, before + 4, MAX (video->create_time, 0));
  bind_static (stmt, before + 5, video->description != NULL ? video->description : video->title);
  rally_db_stmt_bind_int64 (stmt, before + 6, video->views);
  rally_db_stmt_bind_int64 (stmt, before + 7, video->likes);
  rally_db_stmt_bind_int64 (stmt, before + 8, video->comments);
  rally_db_stmt_bind_int64 (stmt, before + 9, video->shares);
}

/* Writes @n_rows complete videos in one statement (@roster: SQLite's ?3). */
static gboolean
write_complete_videos (RallyStore               *self,
                       gint64                    challenge_id,
                       const char               *roster,
                       RallyFetchedVideo *const *videos,
                       guint                     n_rows,
                       gint64                    now,
                       GError                  **error)
{
  RallyDbStmt *stmt = prepare_complete (self, n_rows, error);
  gboolean ok;

  if (stmt == NULL)
    return FALSE;
  if (self->db != NULL)
    {
      rally_db_stmt_bind_int64 (stmt, 1, now);
      rally_db_stmt_bind_int64 (stmt, 2, challenge_id);
      bind_static (stmt, 3, roster);
    }
  for (guint i = 0; i < n_rows; i++)
    {
      int p;

      if (self->db != NULL)
        p = UPSERT_SHARED_PARAMS + i * UPSERT_ROW_PARAMS;
      else
        {
          p = i * UPSERT_COMPLETE_PARAMS;
          rally_db_stmt_bind_int64 (stmt, p + 1, now);
          rally_db_stmt_bind_int64 (stmt, p + 2, now);
          rally_db_stmt_bind_int64 (stmt, p + 3, challenge_id);
          p += 3;
        }
      bind_row (stmt, p, videos[i]);
    }
  ok = _rally_store_stmt_done (self, stmt, error);
  rally_db_stmt_clear_bindings (stmt);
  return ok;
}

/* Writes @videos in their order: runs of complete ones several at a statement, the
 * others (a counter missing keeps the stored one) one by one. */
static gboolean
write_videos (RallyStore  *self,
              gint64       challenge_id,
              GPtrArray   *videos,
              gint64       now,
              GError     **error)
{
  RallyFetchedVideo **all = (RallyFetchedVideo **) videos->pdata;
  gboolean any_rows = _rally_store_get_dialect (self) == RALLY_DB_DIALECT_POSTGRESQL;
  guint max_rows = any_rows ? UPSERT_PG_MAX_ROWS : 1u << UPSERT_MAX_ROWS_LOG2;
  g_autofree char *roster = NULL;
  RallyDbStmt *single = NULL;
  guint i = 0;

  if (self->db != NULL && (roster = read_roster (self, challenge_id, error)) == NULL)
    return FALSE;
  while (i < videos->len)
    {
      guint run = 0;

      while (i + run < videos->len && run < max_rows && rally_fetched_video_is_complete (all[i + run]))
        run++;
      if (run >= 2)
        {
          /* on a server, whole sixteens (a page of 100 is 96 + 4): at most a dozen
           * statements prepared on each connection, not one per length */
          guint n_rows = any_rows && run >= 16 ? run - run % 16 : 1u << g_bit_nth_msf (run, -1);

          if (!write_complete_videos (self, challenge_id, roster, all + i, n_rows, now, error))
            return FALSE;
          i += n_rows;
          continue;
        }
      if (single == NULL && (single = _rally_store_stmt (self, UPSERT_SYNCED_VIDEO_SQL, error)) == NULL)
        return FALSE;
      if (!write_video (self, single, challenge_id, all[i], now, error))
        {
          rally_db_stmt_clear_bindings (single);
          return FALSE;
        }
      i++;
    }
  if (single != NULL)
    rally_db_stmt_clear_bindings (single);
  return TRUE;
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
  RallyDbStmt *stmt;
  RallyDbStep rc;

  g_return_val_if_fail (RALLY_IS_STORE (self), NULL);

  stmt = _rally_store_stmt (self,
                            "SELECT window_start, window_end, cursor, search_id, done, updated_at FROM sync_position"
                            " WHERE challenge_id = ?1 AND window_start >= ?2 AND window_end <= ?3"
                            " ORDER BY window_start", error);
  if (stmt == NULL)
    return NULL;
  rally_db_stmt_bind_int64 (stmt, 1, challenge_id);
  rally_db_stmt_bind_int64 (stmt, 2, from);
  rally_db_stmt_bind_int64 (stmt, 3, to);

  positions = g_ptr_array_new_with_free_func ((GDestroyNotify) rally_sync_position_free);
  while ((rc = rally_db_stmt_step (stmt, error)) == RALLY_DB_ROW)
    {
      RallySyncPosition *position = g_new0 (RallySyncPosition, 1);
      const char *search_id = rally_db_stmt_column_text (stmt, 3);

      position->challenge_id = challenge_id;
      position->window_start = rally_db_stmt_column_int64 (stmt, 0);
      position->window_end = rally_db_stmt_column_int64 (stmt, 1);
      position->cursor = rally_db_stmt_column_int64 (stmt, 2);
      position->search_id = g_strdup (search_id);
      position->done = rally_db_stmt_column_int64 (stmt, 4) != 0;
      position->fetched_at = rally_db_stmt_column_int64 (stmt, 5);
      g_ptr_array_add (positions, position);
    }
  rally_db_stmt_reset (stmt);
  if (rc != RALLY_DB_DONE)
    return NULL;
  return g_steal_pointer (&positions);
}

gboolean
rally_store_save_sync_position (RallyStore               *self,
                                const RallySyncPosition  *position,
                                GError                  **error)
{
  g_return_val_if_fail (RALLY_IS_STORE (self), FALSE);
  g_return_val_if_fail (position != NULL, FALSE);

  if (!_rally_store_begin_sync (self, error))
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
  return rally_store_cut_sync_position (self, position, first_end, FALSE, error);
}

/**
 * rally_store_cut_sync_position:
 * @position: a window of at least two days, stored or not
 * @first_end: the last day of the first part
 * @first_done: whether the first part is complete (its days were fetched already)
 *
 * Replaces @position by two windows, in one transaction: the first done or starting
 * over, the second always starting over.
 */
gboolean
rally_store_cut_sync_position (RallyStore               *self,
                               const RallySyncPosition  *position,
                               gint64                    first_end,
                               gboolean                  first_done,
                               GError                  **error)
{
  RallySyncPosition first = { position->challenge_id, position->window_start, first_end, 0, NULL, first_done,
                              first_done ? position->fetched_at : 0 };
  RallySyncPosition second = { position->challenge_id, first_end + 86400, position->window_end, 0, NULL, FALSE };
  RallyDbStmt *stmt;

  g_return_val_if_fail (RALLY_IS_STORE (self), FALSE);
  g_return_val_if_fail (first_end >= position->window_start && first_end < position->window_end, FALSE);

  if (!_rally_store_begin_sync (self, error))
    return FALSE;
  stmt = _rally_store_stmt (self,
                            "DELETE FROM sync_position WHERE challenge_id = ?1 AND window_start = ?2"
                            " AND window_end = ?3", error);
  if (stmt != NULL)
    {
      rally_db_stmt_bind_int64 (stmt, 1, position->challenge_id);
      rally_db_stmt_bind_int64 (stmt, 2, position->window_start);
      rally_db_stmt_bind_int64 (stmt, 3, position->window_end);
    }
  if (stmt == NULL || !_rally_store_stmt_done (self, stmt, error) ||
      !write_position (self, &first, error) || !write_position (self, &second, error))
    {
      _rally_store_rollback (self);
      return FALSE;
    }
  return _rally_store_commit (self, error);
}

/* Leaves the creators of @challenge_id to rally_store_settle_rollups(). */
static gboolean
defer_creators (RallyStore  *self,
                gint64       challenge_id,
                GError     **error)
{
  RallyDbStmt *stmt = _rally_store_stmt (self, "INSERT INTO rollup_pending (challenge_id) VALUES (?1)"
                                          " ON CONFLICT DO NOTHING", error);

  if (stmt == NULL)
    return FALSE;
  rally_db_stmt_bind_int64 (stmt, 1, challenge_id);
  return _rally_store_stmt_done (self, stmt, error);
}

/* The UTC days of @videos (at most MAX_PAGE_DAYS); FALSE when the page is better
 * left to the per-row day trigger: it spans more days, or a video without a time
 * keeps a stored one this code does not know. */
static gboolean
page_days (GPtrArray *videos,
           gint64    *days,
           guint     *n_days)
{
  *n_days = 0;
  for (guint i = 0; i < videos->len; i++)
    {
      const RallyFetchedVideo *video = g_ptr_array_index (videos, i);
      gint64 day = video->create_time - video->create_time % DAY_SECONDS;
      guint d = 0;

      if (video->create_time <= 0)
        return FALSE;
      while (d < *n_days && days[d] != day)
        d++;
      if (d == *n_days)
        {
          if (*n_days == MAX_PAGE_DAYS)
            return FALSE;
          days[(*n_days)++] = day;
        }
    }
  return *n_days > 0;
}

/* Puts @challenge_id in rollup_paused (the day triggers leave it alone) or takes it
 * out; inside the page's transaction, so no one else ever sees it there. */
static gboolean
pause_days (RallyStore  *self,
            gint64       challenge_id,
            gboolean     paused,
            GError     **error)
{
  RallyDbStmt *stmt = _rally_store_stmt (self, paused ? "INSERT INTO rollup_paused (challenge_id) VALUES (?1)"
                                                        " ON CONFLICT DO NOTHING"
                                                      : "DELETE FROM rollup_paused WHERE challenge_id = ?1",
                                         error);

  if (stmt == NULL)
    return FALSE;
  rally_db_stmt_bind_int64 (stmt, 1, challenge_id);
  return _rally_store_stmt_done (self, stmt, error);
}

/* Runs @sql (?1 the challenge, ?2 and ?3 the day's first and last second + 1). */
static gboolean
run_day_sql (RallyStore  *self,
             const char  *sql,
             gint64       challenge_id,
             gint64       day,
             GError     **error)
{
  RallyDbStmt *stmt = _rally_store_stmt (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  rally_db_stmt_bind_int64 (stmt, 1, challenge_id);
  rally_db_stmt_bind_int64 (stmt, 2, day);
  rally_db_stmt_bind_int64 (stmt, 3, day + DAY_SECONDS);
  return _rally_store_stmt_done (self, stmt, error);
}

/* Counts day @day of @challenge_id again from its videos, as the triggers count it. */
static gboolean
recount_day (RallyStore  *self,
             gint64       challenge_id,
             gint64       day,
             GError     **error)
{
  g_autoptr(GError) sum_error = NULL;

  if (!run_day_sql (self, RECOUNT_DAY_DELETE_SQL, challenge_id, day, error))
    return FALSE;
  if (run_day_sql (self, self->db != NULL ? RECOUNT_DAY_ONE_SQL : RECOUNT_DAY_SUM_SQL, challenge_id, day,
                   &sum_error))
    return TRUE;
  /* sum() stops at the largest integer where the triggers' addition goes on (into a
   * double); PostgreSQL stops in both, and its transaction with it */
  if (self->db == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&sum_error));
      return FALSE;
    }
  return run_day_sql (self, RECOUNT_DAY_ADD_SQL, challenge_id, day, error);
}

/* The days a transaction's pages wrote with the day triggers paused, counted once
 * at its end whichever pages touched them (a day of 300 videos comes in 3 pages) */
typedef struct
{
  gint64 challenge_id;
  gint64 day;
} PausedDay;

/* Adds day @day of @challenge_id to @paused, once. */
static void
add_paused_day (GArray *paused,
                gint64  challenge_id,
                gint64  day)
{
  PausedDay add = { challenge_id, day };

  /* a page's videos mostly share their day, and so the last one added */
  for (guint i = paused->len; i > 0; i--)
    {
      const PausedDay *d = &g_array_index (paused, PausedDay, i - 1);

      if (d->challenge_id == challenge_id && d->day == day)
        return;
    }
  g_array_append_val (paused, add);
}

/* A sync writer's (triggers_off): adds to @paused the days its upserts took videos
 * from, which the TEMP trigger noted (RALLY_STORE_SYNC_DAYS_SQL), and forgets them. */
static gboolean
take_updated_days (RallyStore  *self,
                   GArray      *paused,
                   GError     **error)
{
  RallyDbStmt *stmt = _rally_store_stmt (self, "SELECT challenge_id, day FROM temp.sync_days", error);
  RallyDbStep rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = rally_db_stmt_step (stmt, error)) == RALLY_DB_ROW)
    add_paused_day (paused, rally_db_stmt_column_int64 (stmt, 0), rally_db_stmt_column_int64 (stmt, 1));
  rally_db_stmt_reset (stmt);
  if (rc != RALLY_DB_DONE)
    return FALSE;
  stmt = _rally_store_stmt (self, "DELETE FROM temp.sync_days", error);
  return stmt != NULL && _rally_store_stmt_done (self, stmt, error);
}

/* Counts the days of @paused again and lets their challenges' triggers count again,
 * leaving @paused empty. */
static gboolean
recount_paused (RallyStore  *self,
                GArray      *paused,
                GError     **error)
{
  if (self->triggers_off && !take_updated_days (self, paused, error))
    return FALSE;
  for (guint i = 0; i < paused->len; i++)
    {
      const PausedDay *d = &g_array_index (paused, PausedDay, i);

      if (!recount_day (self, d->challenge_id, d->day, error))
        return FALSE;
    }
  for (guint i = 0; i < paused->len; i++)
    {
      gint64 challenge_id = g_array_index (paused, PausedDay, i).challenge_id;
      gboolean seen = FALSE;

      for (guint j = 0; j < i && !seen; j++)
        seen = g_array_index (paused, PausedDay, j).challenge_id == challenge_id;
      if (!seen && !self->triggers_off && !pause_days (self, challenge_id, FALSE, error))
        return FALSE;
    }
  g_array_set_size (paused, 0);
  return TRUE;
}

/* Writes the page's videos. When they span a few days, the day triggers of the
 * challenge are paused and the days added to @paused (for recount_paused()); a page
 * left to the triggers first has the days paused so far counted. */
static gboolean
write_page_videos (RallyStore               *self,
                   const RallySyncPageWrite *page,
                   gint64                    now,
                   GArray                   *paused,
                   GError                  **error)
{
  gint64 challenge_id = page->position->challenge_id;
  gint64 days[MAX_PAGE_DAYS];
  guint n_days = 0;
  gboolean is_paused = FALSE;

  if (page->videos->len == 0)
    return TRUE;
  if (!defer_creators (self, challenge_id, error))
    return FALSE;
  if (self->triggers_off)
    {
      /* every page is as if paused: its videos' days (a new video without a time
       * goes on day 0), and the days a stored one had (take_updated_days()) */
      for (guint i = 0; i < page->videos->len; i++)
        {
          const RallyFetchedVideo *video = g_ptr_array_index (page->videos, i);
          gint64 day = video->create_time > 0 ? video->create_time - video->create_time % DAY_SECONDS : 0;

          add_paused_day (paused, challenge_id, day);
        }
      return write_videos (self, challenge_id, page->videos, now, error);
    }
  if (!page_days (page->videos, days, &n_days))
    return recount_paused (self, paused, error) && write_videos (self, challenge_id, page->videos, now, error);
  for (guint i = 0; i < paused->len && !is_paused; i++)
    is_paused = g_array_index (paused, PausedDay, i).challenge_id == challenge_id;
  if (!is_paused && !pause_days (self, challenge_id, TRUE, error))
    return FALSE;
  for (guint d = 0; d < n_days; d++)
    add_paused_day (paused, challenge_id, days[d]);
  return write_videos (self, challenge_id, page->videos, now, error);
}

/* A page whose commit is lost is fetched and written again (its position goes with
 * it), so on a server a sync's commits need not wait for the disk: a crash of the
 * server may undo the last of them, whole, never a part of one. */
static gboolean
relax_commit (RallyStore  *self,
              GError     **error)
{
  RallyDbStmt *stmt;

  if (_rally_store_get_dialect (self) != RALLY_DB_DIALECT_POSTGRESQL)
    return TRUE;
  stmt = _rally_store_stmt (self, "SELECT set_config ('synchronous_commit', 'off', TRUE)", error);
  return stmt != NULL && _rally_store_stmt_done (self, stmt, error);
}

/* Writes one page inside the transaction; @now is the rows' updated_at. */
static gboolean
write_page (RallyStore               *self,
            const RallySyncPageWrite *page,
            gint64                    now,
            GArray                   *paused,
            GError                  **error)
{
  return write_page_videos (self, page, now, paused, error) &&
         write_position (self, page->position, error) &&
         write_quota (self, page->day, page->requests, page->records, error);
}

/**
 * rally_store_save_sync_pages:
 * @pages: (array length=n_pages): pages in the order they are to be written
 *
 * Like rally_store_save_sync_page() for several pages (of one or more windows) in
 * one transaction: each page's videos go with the position it reached, so a kill
 * leaves every page written whole with its position, or not at all. Fewer commits
 * rewrite the pages the rows share fewer times.
 */
gboolean
rally_store_save_sync_pages (RallyStore               *self,
                             const RallySyncPageWrite *pages,
                             guint                     n_pages,
                             GError                  **error)
{
  g_autoptr(GArray) paused = g_array_new (FALSE, FALSE, sizeof (PausedDay));
  gint64 now = _rally_store_now ();
  gboolean any_videos = FALSE;
  gboolean ok = TRUE;

  g_return_val_if_fail (RALLY_IS_STORE (self), FALSE);
  g_return_val_if_fail (pages != NULL || n_pages == 0, FALSE);
  for (guint i = 0; i < n_pages; i++)
    g_return_val_if_fail (pages[i].position != NULL && pages[i].videos != NULL, FALSE);

  if (!_rally_store_begin_sync (self, error))
    return FALSE;
  /* on a server, the pages' statements go without waiting for each reply */
  rally_db_pipeline_begin (self->conn);
  ok = relax_commit (self, error);
  for (guint i = 0; i < n_pages && ok; i++)
    {
      ok = write_page (self, &pages[i], now, paused, error);
      any_videos |= pages[i].videos->len > 0;
    }
  if (ok)
    ok = recount_paused (self, paused, error);
  if (!rally_db_pipeline_end (self->conn, ok ? error : NULL) || !ok)
    {
      _rally_store_rollback (self);
      return FALSE;
    }
  if (any_videos)
    _rally_store_queue_change (self, "videos", 0);
  return _rally_store_commit (self, error);
}

/**
 * rally_store_save_sync_page:
 * @position: the position reached after this page
 * @videos: (element-type RallyFetchedVideo): the page's videos for the challenge
 * @day: the UTC day the quota is counted on
 * @requests: requests spent on this page (retries included)
 * @records: records the page delivered (repeats and unusable ones included)
 *
 * Upserts the videos (by challenge and TikTok id, so a page fetched twice never
 * counts twice), moves the position and adds to the day's quota, all in one
 * transaction: either all of it is written or none. The per-day roll-up follows
 * row by row; the challenge's creators are counted by rally_store_settle_rollups().
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
  RallySyncPageWrite page = { position, videos, day, requests, records };

  g_return_val_if_fail (position != NULL, FALSE);
  g_return_val_if_fail (videos != NULL, FALSE);

  return rally_store_save_sync_pages (self, &page, 1, error);
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
  RallyDbStmt *stmt;
  RallyDbStep rc;

  g_return_val_if_fail (RALLY_IS_STORE (self), FALSE);

  *requests = *records = 0;
  stmt = _rally_store_stmt (self, "SELECT requests, records FROM quota WHERE day = ?1", error);
  if (stmt == NULL)
    return FALSE;
  rally_db_stmt_bind_int64 (stmt, 1, day);
  rc = rally_db_stmt_step (stmt, error);
  if (rc == RALLY_DB_ROW)
    {
      *requests = (guint) rally_db_stmt_column_int64 (stmt, 0);
      *records = (guint) rally_db_stmt_column_int64 (stmt, 1);
    }
  rally_db_stmt_reset (stmt);
  if (rc != RALLY_DB_ROW && rc != RALLY_DB_DONE)
    return FALSE;
  return TRUE;
}

/* For the Display API account sync (rally-store-account.c): the charity's own videos
 * that carry a challenge's hashtag count for that challenge, upserted like any other.
 * Must be called inside a transaction. */
gboolean
_rally_store_write_synced_video (RallyStore               *self,
                                 gint64                    challenge_id,
                                 const RallyFetchedVideo  *video,
                                 gint64                    now,
                                 GError                  **error)
{
  RallyDbStmt *stmt = _rally_store_stmt (self, UPSERT_SYNCED_VIDEO_SQL, error);

  return stmt != NULL && write_video (self, stmt, challenge_id, video, now, error);
}
