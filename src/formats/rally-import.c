/* rally-import.c
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

/* Storing what rally_studio_csv_parse() understood.
 *
 * Overview rows (one per day) become snapshots of the account (campaign 0) or of a
 * campaign, with source RALLY_SOURCE_STUDIO_CSV, taken at UTC midnight of the day.
 * A snapshot holds running totals (views, likes, comments, shares, profile views)
 * and the followers of its day, while TikTok Studio gives each day's own figures:
 * the days are merged with those imported before, then summed day by day.
 *
 * Content rows become videos of a challenge (natural key: challenge + TikTok id), or
 * the account's own videos (natural key: account + TikTok id) — the synced account's,
 * or else RALLY_IMPORT_STUDIO_ACCOUNT's. Figures the file does not have are left as
 * they were.
 *
 * Everything happens in one transaction; importing the same file twice changes
 * nothing (rows whose values are already stored are not touched, not even their
 * updated-at).
 */

#define G_LOG_DOMAIN "RallyImport"

#include "config.h"

#include <glib/gi18n.h>

#include "rally-import.h"
#include "rally-store-private.h"

G_DEFINE_QUARK (rally-import-error-quark, rally_import_error)

typedef enum
{
  UPSERT_FAILED,
  UPSERT_INSERTED,
  UPSERT_UPDATED,
  UPSERT_UNCHANGED,
} UpsertResult;

/* Auxiliary methods */

static void
count_result (RallyImportCounts *counts,
              UpsertResult       result)
{
  if (result == UPSERT_INSERTED)
    counts->inserted++;
  else if (result == UPSERT_UPDATED)
    counts->updated++;
  else if (result == UPSERT_UNCHANGED)
    counts->unchanged++;
}

static gboolean
row_exists (RallyStore *store,
            const char *sql,
            gint64      id)
{
  RallyDbStmt *stmt = _rally_store_stmt (store, sql, NULL);
  gboolean found;

  if (stmt == NULL)
    return FALSE;

  rally_db_stmt_bind_int64 (stmt, 1, id);
  found = rally_db_stmt_step (stmt, NULL) == RALLY_DB_ROW;
  rally_db_stmt_reset (stmt);

  return found;
}

/* Runs @stmt, a look-up of one stored row answering its id and whether it already
 * holds the new values (columns 0 and 1). */
static gboolean
find_stored (RallyStore   *store,
             RallyDbStmt  *stmt,
             gint64       *id,
             gboolean     *same,
             GError      **error)
{
  RallyDbStep rc = rally_db_stmt_step (stmt, error);

  if (rc == RALLY_DB_ROW)
    {
      *id = rally_db_stmt_column_int64 (stmt, 0);
      *same = rally_db_stmt_column_int64 (stmt, 1) != 0;
    }
  if (rc == RALLY_DB_ERROR)
    {
      rally_db_stmt_reset (stmt);
      return FALSE;
    }
  return _rally_store_stmt_done (store, stmt, error);
}

static gint64
day_start (const GDate *date)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (g_date_get_year (date), g_date_get_month (date),
                                                 g_date_get_day (date), 0, 0, 0);

  return g_date_time_to_unix (dt);
}

/* Overview → snapshots, merged by day
 *
 * The days already imported for the target are read back from its Studio snapshots
 * (each day's own figures are the difference between consecutive running totals),
 * the file's days replace them (a figure the file lacks keeps its stored value), and
 * the running totals are written again for every day, so files may come in any
 * order and the totals never go down. Followers are a count on the day, not summed. */

typedef struct
{
  gint64 day;
  gint64 figures[RALLY_STUDIO_CSV_N_FIGURES];  /* the day's own; followers: the count, or -1 */
} Day;

#define SNAPSHOT_TARGET "source = 2 AND challenge_id IS NULL AND campaign_id IS NOT DISTINCT FROM NULLIF (?1, 0)"
#define N_SUMMED RALLY_STUDIO_CSV_FOLLOWERS

static int
compare_days (gconstpointer a,
              gconstpointer b)
{
  gint64 x = ((const Day *) a)->day, y = ((const Day *) b)->day;

  return x < y ? -1 : x > y;
}

/* Reads the target's imported days into @days (day → Day). */
static gboolean
load_days (RallyStore  *store,
           gint64       campaign_id,
           GHashTable  *days,
           GError     **error)
{
  RallyDbStmt *stmt = _rally_store_stmt (store,
                                         "SELECT taken_at, views, likes, comments, shares, profile_views,"
                                         " followers FROM snapshots WHERE " SNAPSHOT_TARGET
                                         " ORDER BY taken_at",
                                         error);
  gint64 previous[N_SUMMED] = { 0 };
  RallyDbStep rc;

  if (stmt == NULL)
    return FALSE;

  rally_db_stmt_bind_int64 (stmt, 1, campaign_id);
  while ((rc = rally_db_stmt_step (stmt, error)) == RALLY_DB_ROW)
    {
      Day *day = g_new0 (Day, 1);

      day->day = rally_db_stmt_column_int64 (stmt, 0);
      for (guint i = 0; i < N_SUMMED; i++)
        {
          gint64 total = rally_db_stmt_column_int64 (stmt, 1 + i);

          day->figures[i] = MAX (0, total - previous[i]);
          previous[i] = MAX (previous[i], total);
        }
      day->figures[RALLY_STUDIO_CSV_FOLLOWERS] = rally_db_stmt_column_int64 (stmt, 1 + N_SUMMED);
      g_hash_table_replace (days, &day->day, day);
    }
  rally_db_stmt_reset (stmt);

  return rc == RALLY_DB_DONE;
}

static UpsertResult
merge_row (GHashTable                   *days,
           const RallyStudioOverviewRow *row)
{
  gint64 key = day_start (&row->date);
  Day *day = g_hash_table_lookup (days, &key);
  gboolean changed = FALSE;

  if (day == NULL)
    {
      day = g_new0 (Day, 1);
      day->day = key;
      for (guint i = 0; i < RALLY_STUDIO_CSV_N_FIGURES; i++)
        day->figures[i] = i < N_SUMMED ? MAX (0, row->figures[i]) : row->figures[i];
      g_hash_table_replace (days, &day->day, day);
      return UPSERT_INSERTED;
    }

  for (guint i = 0; i < RALLY_STUDIO_CSV_N_FIGURES; i++)
    {
      if (row->figures[i] >= 0 && row->figures[i] != day->figures[i])
        {
          day->figures[i] = row->figures[i];
          changed = TRUE;
        }
    }

  return changed ? UPSERT_UPDATED : UPSERT_UNCHANGED;
}

static gint64
add_figure (gint64 total,
            gint64 figure)
{
  if (figure <= 0)
    return total;

  return total > G_MAXINT64 - figure ? G_MAXINT64 : total + figure;
}

static void
bind_totals (RallyDbStmt  *stmt,
             const gint64 *totals)
{
  for (guint i = 0; i < RALLY_STUDIO_CSV_N_FIGURES; i++)
    rally_db_stmt_bind_int64 (stmt, 3 + i, totals[i]);
}

/* ?3–?8: views, likes, comments, shares, profile views, followers */
#define SNAPSHOT_SAME \
  "views = ?3 AND likes = ?4 AND comments = ?5 AND shares = ?6 AND profile_views = ?7 AND followers = ?8"

static UpsertResult
upsert_snapshot (RallyStore    *store,
                 gint64         campaign_id,
                 gint64         taken_at,
                 const gint64  *totals,
                 gint64         now,
                 GError       **error)
{
  RallyDbStmt *stmt;
  gint64 id = 0;
  gboolean same = FALSE;

  stmt = _rally_store_stmt (store,
                            "SELECT id, " SNAPSHOT_SAME " FROM snapshots WHERE " SNAPSHOT_TARGET " AND taken_at = ?2",
                            error);
  if (stmt == NULL)
    return UPSERT_FAILED;
  rally_db_stmt_bind_int64 (stmt, 1, campaign_id);
  rally_db_stmt_bind_int64 (stmt, 2, taken_at);
  bind_totals (stmt, totals);
  if (!find_stored (store, stmt, &id, &same, error))
    return UPSERT_FAILED;

  if (same)
    return UPSERT_UNCHANGED;

  if (id != 0)
    stmt = _rally_store_stmt (store,
                              "UPDATE snapshots SET updated_at = ?9, fetched_at = ?9, views = ?3, likes = ?4,"
                              " comments = ?5, shares = ?6, profile_views = ?7, followers = ?8 WHERE id = ?1",
                              error);
  else
    stmt = _rally_store_stmt (store,
                              "INSERT INTO snapshots (created_at, updated_at, fetched_at, views, likes, comments,"
                              " shares, profile_views, followers, videos, creators, source, challenge_id,"
                              " campaign_id, taken_at)"
                              " VALUES (?9, ?9, ?9, ?3, ?4, ?5, ?6, ?7, ?8, 0, 0, 2, NULL, NULLIF (?1, 0), ?2)",
                              error);
  if (stmt == NULL)
    return UPSERT_FAILED;

  rally_db_stmt_bind_int64 (stmt, 1, id != 0 ? id : campaign_id);
  rally_db_stmt_bind_int64 (stmt, 2, taken_at);
  bind_totals (stmt, totals);
  rally_db_stmt_bind_int64 (stmt, 9, now);

  if (!_rally_store_stmt_done (store, stmt, error))
    return UPSERT_FAILED;

  return id != 0 ? UPSERT_UPDATED : UPSERT_INSERTED;
}

/* Writes the running totals of @days, oldest first; sets *@written when one changed. */
static gboolean
write_days (RallyStore  *store,
            gint64       campaign_id,
            GHashTable  *days,
            gint64       now,
            gboolean    *written,
            GError     **error)
{
  g_autoptr(GList) sorted = g_list_sort (g_hash_table_get_values (days), compare_days);
  gint64 totals[RALLY_STUDIO_CSV_N_FIGURES] = { 0 };

  for (GList *l = sorted; l != NULL; l = l->next)
    {
      const Day *day = l->data;
      UpsertResult upserted;

      for (guint j = 0; j < N_SUMMED; j++)
        totals[j] = add_figure (totals[j], day->figures[j]);
      totals[RALLY_STUDIO_CSV_FOLLOWERS] = day->figures[RALLY_STUDIO_CSV_FOLLOWERS];

      upserted = upsert_snapshot (store, campaign_id, day->day, totals, now, error);
      if (upserted == UPSERT_FAILED)
        return FALSE;
      *written |= upserted != UPSERT_UNCHANGED;
    }

  return TRUE;
}

static gboolean
import_overview (RallyStore                 *store,
                 const RallyStudioCsvResult *result,
                 gint64                      campaign_id,
                 gint64                      now,
                 RallyImportCounts          *counts,
                 GError                    **error)
{
  g_autoptr(GHashTable) days = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  gboolean written = FALSE;

  if (!load_days (store, campaign_id, days, error))
    return FALSE;

  for (guint i = 0; i < result->overview_rows->len; i++)
    count_result (counts, merge_row (days, &g_array_index (result->overview_rows, RallyStudioOverviewRow, i)));

  if (!write_days (store, campaign_id, days, now, &written, error))
    return FALSE;

  if (written)
    _rally_store_queue_change (store, "snapshots", 0);

  return TRUE;
}

/* Content → videos */

static void
bind_optional_text (RallyDbStmt *stmt,
                    int          param,
                    const char   *text)
{
  if (text != NULL && text[0] != '\0')
    rally_db_stmt_bind_text (stmt, param, text, -1);
  else
    rally_db_stmt_bind_null (stmt, param);
}

static void
bind_optional_int (RallyDbStmt *stmt,
                   int          param,
                   gint64        value)
{
  if (value >= 0)
    rally_db_stmt_bind_int64 (stmt, param, value);
  else
    rally_db_stmt_bind_null (stmt, param);
}

static void
bind_video (RallyDbStmt                 *stmt,
            gint64                       challenge_id,
            const RallyStudioContentRow *row)
{
  rally_db_stmt_bind_int64 (stmt, 1, challenge_id);
  rally_db_stmt_bind_int64 (stmt, 2, row->video_id);
  bind_optional_text (stmt, 3, row->username);
  bind_optional_int (stmt, 4, row->posted_at);
  bind_optional_text (stmt, 5, row->title);
  bind_optional_int (stmt, 6, row->figures[RALLY_STUDIO_CSV_VIEWS]);
  bind_optional_int (stmt, 7, row->figures[RALLY_STUDIO_CSV_LIKES]);
  bind_optional_int (stmt, 8, row->figures[RALLY_STUDIO_CSV_COMMENTS]);
  bind_optional_int (stmt, 9, row->figures[RALLY_STUDIO_CSV_SHARES]);
}

/* Whether the stored video already has every value the row gives (?1–?9). A
 * parameter is compared with its column before it is tested for NULL: PostgreSQL
 * takes its type from where it first appears. */
#define VIDEO_SAME \
  "(creator = ?3 OR ?3 IS NULL) AND (posted_at = ?4 OR ?4 IS NULL) AND" \
  " (description = ?5 OR ?5 IS NULL) AND (views = ?6 OR ?6 IS NULL) AND (likes = ?7 OR ?7 IS NULL)" \
  " AND (comments = ?8 OR ?8 IS NULL) AND (shares = ?9 OR ?9 IS NULL)"

static UpsertResult
upsert_video (RallyStore                  *store,
              gint64                       challenge_id,
              const RallyStudioContentRow *row,
              gint64                       now,
              GError                     **error)
{
  RallyDbStmt *stmt;
  gint64 id = 0;
  gboolean same = FALSE;

  stmt = _rally_store_stmt (store,
                            "SELECT id, " VIDEO_SAME " FROM videos WHERE challenge_id = ?1 AND tiktok_id = ?2",
                            error);
  if (stmt == NULL)
    return UPSERT_FAILED;
  bind_video (stmt, challenge_id, row);
  if (!find_stored (store, stmt, &id, &same, error))
    return UPSERT_FAILED;

  if (same)
    return UPSERT_UNCHANGED;

  if (id != 0)
    stmt = _rally_store_stmt (store,
                              "UPDATE videos SET updated_at = ?10, creator = coalesce (?3, creator),"
                              " posted_at = coalesce (?4, posted_at), description = coalesce (?5, description),"
                              " views = coalesce (?6, views), likes = coalesce (?7, likes),"
                              " comments = coalesce (?8, comments), shares = coalesce (?9, shares)"
                              " WHERE challenge_id = ?1 AND tiktok_id = ?2",
                              error);
  else
    stmt = _rally_store_stmt (store,
                              "INSERT INTO videos (created_at, updated_at, challenge_id, tiktok_id, creator,"
                              " posted_at, description, views, likes, comments, shares, origin)"
                              " VALUES (?10, ?10, ?1, ?2, coalesce (?3, ''), coalesce (?4, 0), coalesce (?5, ''),"
                              " coalesce (?6, 0), coalesce (?7, 0), coalesce (?8, 0), coalesce (?9, 0), 0)",
                              error);
  if (stmt == NULL)
    return UPSERT_FAILED;

  bind_video (stmt, challenge_id, row);
  rally_db_stmt_bind_int64 (stmt, 10, now);
  if (!_rally_store_stmt_done (store, stmt, error))
    return UPSERT_FAILED;

  return id != 0 ? UPSERT_UPDATED : UPSERT_INSERTED;
}

static gboolean
import_content (RallyStore                 *store,
                const RallyStudioCsvResult *result,
                gint64                      challenge_id,
                gint64                      now,
                RallyImportCounts          *counts,
                GError                    **error)
{
  for (guint i = 0; i < result->content_rows->len; i++)
    {
      UpsertResult upserted = upsert_video (store, challenge_id,
                                            g_ptr_array_index (result->content_rows, i), now, error);

      if (upserted == UPSERT_FAILED)
        return FALSE;
      count_result (counts, upserted);
    }

  if (counts->inserted + counts->updated > 0)
    _rally_store_queue_change (store, "videos", 0);

  return TRUE;
}

/* Content → the account's own videos */

/* ?1 open id, ?2 TikTok id, ?3 posted (or -1), ?4 title, ?5 link, ?6–?9 figures (or -1), ?10 now */
#define OWN_VIDEO_SAME \
  "(?3 < 0 OR posted_at = ?3) AND (title = ?4 OR ?4 IS NULL) AND (share_url = ?5 OR ?5 IS NULL)" \
  " AND (?6 < 0 OR views = ?6) AND (?7 < 0 OR likes = ?7) AND (?8 < 0 OR comments = ?8)" \
  " AND (?9 < 0 OR shares = ?9)"

static void
bind_own_video (RallyDbStmt                 *stmt,
                const char                  *open_id,
                const RallyStudioContentRow *row,
                gint64                       now)
{
  rally_db_stmt_bind_text (stmt, 1, open_id, -1);
  rally_db_stmt_bind_int64 (stmt, 2, row->video_id);
  rally_db_stmt_bind_int64 (stmt, 3, row->posted_at);
  bind_optional_text (stmt, 4, row->title);
  bind_optional_text (stmt, 5, row->link);
  for (guint i = 0; i < 4; i++)
    rally_db_stmt_bind_int64 (stmt, 6 + i, row->figures[RALLY_STUDIO_CSV_VIEWS + i]);
  rally_db_stmt_bind_int64 (stmt, 10, now);
}

static UpsertResult
upsert_own_video (RallyStore                  *store,
                  const char                  *open_id,
                  const RallyStudioContentRow *row,
                  gint64                       now,
                  GError                     **error)
{
  RallyDbStmt *stmt = _rally_store_stmt (store,
                                         "SELECT " OWN_VIDEO_SAME " FROM account_videos"
                                         " WHERE open_id = ?1 AND tiktok_id = ?2", error);
  RallyDbStep rc;
  int found = -1;

  if (stmt == NULL)
    return UPSERT_FAILED;
  bind_own_video (stmt, open_id, row, now);
  rc = rally_db_stmt_step (stmt, error);
  if (rc == RALLY_DB_ROW)
    found = (int) rally_db_stmt_column_int64 (stmt, 0);
  if (rc == RALLY_DB_ERROR)
    rally_db_stmt_reset (stmt);
  if (rc == RALLY_DB_ERROR || !_rally_store_stmt_done (store, stmt, error))
    return UPSERT_FAILED;
  if (found == 1)
    return UPSERT_UNCHANGED;

  /* a posting time the file lacks is 0 there: the stored one stays */
  if (!_rally_store_write_account_video (store, open_id, row->video_id, MAX (row->posted_at, 0), row->title,
                                         row->link, &row->figures[RALLY_STUDIO_CSV_VIEWS], now, error))
    return UPSERT_FAILED;

  return found == 0 ? UPSERT_UPDATED : UPSERT_INSERTED;
}

/* The synced account, or else the Studio one, made now if need be. */
static char *
own_account (RallyStore  *store,
             GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT open_id FROM account WHERE fetched_at > 0"
                                          " ORDER BY fetched_at DESC, %s DESC LIMIT 1",
                                          rally_db_dialect_write_order (_rally_store_get_dialect (store)));
  RallyDbStmt *stmt = _rally_store_stmt (store, sql, error);
  RallyDbStep rc;
  g_autofree char *open_id = NULL;

  if (stmt == NULL)
    return NULL;
  rc = rally_db_stmt_step (stmt, error);
  if (rc == RALLY_DB_ROW)
    open_id = g_strdup (rally_db_stmt_column_text (stmt, 0));
  if (rc == RALLY_DB_ERROR)
    rally_db_stmt_reset (stmt);
  if (rc == RALLY_DB_ERROR || !_rally_store_stmt_done (store, stmt, error))
    return NULL;
  if (open_id != NULL)
    return g_steal_pointer (&open_id);

  stmt = _rally_store_stmt (store, "INSERT INTO account (open_id) VALUES ('"
                            RALLY_IMPORT_STUDIO_ACCOUNT "') ON CONFLICT DO NOTHING", error);
  if (stmt == NULL || !_rally_store_stmt_done (store, stmt, error))
    return NULL;
  return g_strdup (RALLY_IMPORT_STUDIO_ACCOUNT);
}

static gboolean
import_own_videos (RallyStore                 *store,
                   const RallyStudioCsvResult *result,
                   gint64                      now,
                   RallyImportCounts          *counts,
                   GError                    **error)
{
  g_autofree char *open_id = own_account (store, error);

  if (open_id == NULL)
    return FALSE;

  for (guint i = 0; i < result->content_rows->len; i++)
    {
      UpsertResult upserted = upsert_own_video (store, open_id, g_ptr_array_index (result->content_rows, i),
                                                now, error);

      if (upserted == UPSERT_FAILED)
        return FALSE;
      count_result (counts, upserted);
    }

  _rally_store_queue_change (store, "account", 0);
  return TRUE;
}

static gboolean
check_import (RallyStore                 *store,
              const RallyStudioCsvResult *result,
              gint64                      campaign_id,
              gint64                      challenge_id,
              RallyImportFlags            flags,
              GError                    **error)
{
  if (result->n_rejected > 0 && (flags & RALLY_IMPORT_SKIP_REJECTED) == 0)
    {
      const RallyStudioCsvRejection *first = g_ptr_array_index (result->rejections, 0);

      g_set_error (error, RALLY_IMPORT_ERROR, RALLY_IMPORT_ERROR_REJECTED_ROWS,
                   ngettext ("%u row cannot be read, so nothing was imported. %s",
                             "%u rows cannot be read, so nothing was imported. First: %s",
                             result->n_rejected),
                   result->n_rejected, first->message);
      return FALSE;
    }

  if (rally_studio_csv_n_rows (result) == 0)
    {
      g_set_error_literal (error, RALLY_IMPORT_ERROR, RALLY_IMPORT_ERROR_NOTHING,
                           _("The file holds no row that can be imported"));
      return FALSE;
    }

  if (result->kind == RALLY_STUDIO_CSV_KIND_CONTENT && (flags & RALLY_IMPORT_OWN_VIDEOS))
    return TRUE;

  if (result->kind == RALLY_STUDIO_CSV_KIND_CONTENT && challenge_id <= 0)
    {
      g_set_error_literal (error, RALLY_IMPORT_ERROR, RALLY_IMPORT_ERROR_NO_CHALLENGE,
                           _("This is a list of videos: choose the challenge they belong to"));
      return FALSE;
    }

  if ((result->kind == RALLY_STUDIO_CSV_KIND_CONTENT &&
       !row_exists (store, "SELECT 1 FROM challenges WHERE id = ?1 AND deleted_at IS NULL", challenge_id)) ||
      (result->kind == RALLY_STUDIO_CSV_KIND_OVERVIEW && campaign_id != 0 &&
       !row_exists (store, "SELECT 1 FROM campaigns WHERE id = ?1 AND deleted_at IS NULL", campaign_id)))
    {
      g_set_error_literal (error, RALLY_IMPORT_ERROR, RALLY_IMPORT_ERROR_NOT_FOUND,
                           result->kind == RALLY_STUDIO_CSV_KIND_CONTENT ? _("The challenge no longer exists")
                                                                        : _("The campaign no longer exists"));
      return FALSE;
    }

  return TRUE;
}

/* Public API */

/**
 * rally_import_studio_csv:
 * @store: the workspace
 * @result: what rally_studio_csv_parse() read
 * @campaign_id: for an overview file, the campaign its days belong to, or 0 for the account
 * @challenge_id: for a content file, the challenge its videos belong to
 * @flags: %RALLY_IMPORT_SKIP_REJECTED to import the readable rows of a file with
 *   rejected rows (after the user saw them); otherwise such a file imports nothing
 * @counts: (out) (optional): rows inserted, updated and already up to date
 * @error: return location for a %RALLY_IMPORT_ERROR or %RALLY_STORE_ERROR
 *
 * Stores the rows in one transaction: on failure nothing is written.
 *
 * Returns: %TRUE on success
 */
gboolean
rally_import_studio_csv (RallyStore                 *store,
                         const RallyStudioCsvResult *result,
                         gint64                      campaign_id,
                         gint64                      challenge_id,
                         RallyImportFlags            flags,
                         RallyImportCounts          *counts,
                         GError                    **error)
{
  RallyImportCounts local = { 0 };
  gint64 now = _rally_store_now ();
  gboolean ok;

  g_return_val_if_fail (RALLY_IS_STORE (store), FALSE);
  g_return_val_if_fail (result != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_import (store, result, campaign_id, challenge_id, flags, error))
    return FALSE;

  if (!_rally_store_begin_exclusive (store, error))
    return FALSE;

  if (result->kind == RALLY_STUDIO_CSV_KIND_OVERVIEW)
    ok = import_overview (store, result, campaign_id, now, &local, error);
  else if (flags & RALLY_IMPORT_OWN_VIDEOS)
    ok = import_own_videos (store, result, now, &local, error);
  else
    ok = import_content (store, result, challenge_id, now, &local, error);

  if (!ok)
    {
      _rally_store_rollback (store);
      return FALSE;
    }

  if (!_rally_store_commit (store, error))
    return FALSE;

  if (counts != NULL)
    *counts = local;

  return TRUE;
}

/**
 * rally_import_find_campaign:
 * @store: the workspace
 * @name: a campaign name, in any case
 *
 * Returns: the id of the live campaign called @name, or 0
 */
gint64
rally_import_find_campaign (RallyStore *store,
                            const char *name)
{
  g_autofree char *key = NULL;
  RallyDbStmt *stmt;
  gint64 id = 0;

  g_return_val_if_fail (RALLY_IS_STORE (store), 0);
  g_return_val_if_fail (name != NULL, 0);

  stmt = _rally_store_stmt (store, "SELECT id, name FROM campaigns WHERE deleted_at IS NULL ORDER BY id", NULL);
  if (stmt == NULL)
    return 0;

  key = g_utf8_casefold (name, -1);
  while (id == 0 && rally_db_stmt_step (stmt, NULL) == RALLY_DB_ROW)
    {
      g_autofree char *other = g_utf8_casefold (rally_db_stmt_column_text (stmt, 1), -1);

      if (g_str_equal (g_strstrip (other), g_strstrip (key)))
        id = rally_db_stmt_column_int64 (stmt, 0);
    }
  rally_db_stmt_reset (stmt);

  return id;
}

/**
 * rally_import_query_campaign_snapshots:
 * @store: the workspace
 * @campaign_id: a campaign
 * @from: UTC unix seconds, included
 * @to: UTC unix seconds, excluded; 0 for no end
 *
 * The snapshots of a campaign (imported TikTok Studio overviews), oldest first.
 * rally_store_query_snapshots() covers challenges and the account.
 *
 * Returns: (transfer full) (element-type RallySnapshot): the snapshots
 */
GPtrArray *
rally_import_query_campaign_snapshots (RallyStore *store,
                                       gint64      campaign_id,
                                       gint64      from,
                                       gint64      to)
{
  GPtrArray *snapshots = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  RallyDbStmt *stmt;

  g_return_val_if_fail (RALLY_IS_STORE (store), snapshots);

  stmt = _rally_store_stmt (store,
                            "SELECT id FROM snapshots WHERE campaign_id = ?1 AND taken_at >= ?2 AND taken_at < ?3"
                            " ORDER BY taken_at, id",
                            NULL);
  if (stmt == NULL)
    return snapshots;

  rally_db_stmt_bind_int64 (stmt, 1, campaign_id);
  rally_db_stmt_bind_int64 (stmt, 2, from);
  rally_db_stmt_bind_int64 (stmt, 3, to > 0 ? to : G_MAXINT64);
  while (rally_db_stmt_step (stmt, NULL) == RALLY_DB_ROW)
    {
      gint64 id = rally_db_stmt_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  rally_db_stmt_reset (stmt);

  for (guint i = 0; i < ids->len; i++)
    {
      gpointer snapshot = _rally_store_load_record (store, &rally_table_snapshots, g_array_index (ids, gint64, i));

      if (snapshot != NULL)
        g_ptr_array_add (snapshots, snapshot);
    }

  return snapshots;
}
