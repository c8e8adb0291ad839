/* rally-store-origins.c
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

/* Organic and seeded videos: the roster applied to a challenge's videos, and the split
 * of its figures. The split reads the per-day roll-up for everything and the seeded
 * videos alone (a partial index holds them); organic is the difference, so the query
 * stays as fast as the totals however many organic videos a sync brings. */

#define G_LOG_DOMAIN "RallyStore"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rally-date-utils.h"
#include "rally-store-origins.h"
#include "rally-store-private.h"

/* Every day with videos and, for each, its seeded part (0 on days without any). */
#define DAILY_SPLIT_SQL \
  "SELECT d.day, d.videos, d.views, d.likes, d.comments, d.shares," \
  " coalesce (s.videos, 0), coalesce (s.views, 0), coalesce (s.likes, 0)," \
  " coalesce (s.comments, 0), coalesce (s.shares, 0)" \
  " FROM video_days d LEFT JOIN (" \
  "   SELECT posted_at - ((posted_at % 86400) + 86400) % 86400 AS day, count(*) AS videos," \
  "   total(views) AS views, total(likes) AS likes, total(comments) AS comments, total(shares) AS shares" \
  "   FROM videos WHERE challenge_id = ?1 AND origin <> 0 GROUP BY 1) s ON s.day = d.day" \
  " WHERE d.challenge_id = ?1 AND d.day >= ?2 AND d.day < ?3 ORDER BY d.day"

/* Called by rally_store_save_challenge() inside its transaction, before the challenge
 * is written: when the roster differs from the stored one, gives the challenge's videos
 * not marked by hand the origin of the new roster. */
gboolean
_rally_store_apply_roster (RallyStore      *self,
                           RallyChallenge  *challenge,
                           GError         **error)
{
  g_autofree char *roster = g_strjoinv (",", (char **) rally_challenge_get_partners (challenge));
  gint64 id = rally_challenge_get_id (challenge);
  RallyDbStmt *stmt;
  gboolean same;

  if (id == 0)
    return TRUE;

  stmt = _rally_store_stmt (self, "SELECT partners = ?2 FROM challenges WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  rally_db_stmt_bind_int64 (stmt, 1, id);
  rally_db_stmt_bind_text (stmt, 2, roster, -1);
  /* An unknown id is left to the write, which reports it */
  same = rally_db_stmt_step (stmt, NULL) != RALLY_DB_ROW || rally_db_stmt_column_int64 (stmt, 0) != 0;
  rally_db_stmt_reset (stmt);
  if (same)
    return TRUE;

  stmt = _rally_store_stmt (self, rally_store_apply_roster_sql, error);
  if (stmt == NULL)
    return FALSE;
  rally_db_stmt_bind_int64 (stmt, 1, id);
  rally_db_stmt_bind_text (stmt, 2, roster, -1);
  if (!_rally_store_stmt_done (self, stmt, error))
    return FALSE;

  if (rally_db_changes (self->conn) > 0)
    _rally_store_queue_change (self, "videos", 0);

  return TRUE;
}

/**
 * rally_store_reset_video_origin:
 * @self: a #RallyStore
 * @id: a video
 * @error: return location for a %RALLY_STORE_ERROR
 *
 * Lifts the origin set by hand on the video: its challenge's roster decides it again.
 *
 * Returns: %TRUE on success
 */
gboolean
rally_store_reset_video_origin (RallyStore  *self,
                                gint64       id,
                                GError     **error)
{
  g_return_val_if_fail (RALLY_IS_STORE (self), FALSE);

  return _rally_store_change_one_row (self, "videos", rally_store_reset_origin_sql, id,
                                      _("The video no longer exists"), error);
}

static void
read_totals (RallyDbStmt    *stmt,
             int             column,
             RallyDayTotals *out)
{
  out->videos = _rally_store_stmt_total (stmt, column);
  out->views = _rally_store_stmt_total (stmt, column + 1);
  out->likes = _rally_store_stmt_total (stmt, column + 2);
  out->comments = _rally_store_stmt_total (stmt, column + 3);
  out->shares = _rally_store_stmt_total (stmt, column + 4);
}

static void
subtract_totals (RallyDayTotals       *all,
                 const RallyDayTotals *part)
{
  all->videos = MAX (all->videos - part->videos, 0);
  all->views = MAX (all->views - part->views, 0);
  all->likes = MAX (all->likes - part->likes, 0);
  all->comments = MAX (all->comments - part->comments, 0);
  all->shares = MAX (all->shares - part->shares, 0);
}

/**
 * rally_store_get_origin_split:
 * @self: a #RallyStore
 * @challenge_id: a challenge
 * @out: (out caller-allocates): the organic and seeded figures
 *
 * Returns: %TRUE on success; on failure @out is zeroed
 */
gboolean
rally_store_get_origin_split (RallyStore       *self,
                              gint64            challenge_id,
                              RallyOriginSplit *out)
{
  RallyDbStmt *stmt;
  gboolean ok = FALSE;

  g_return_val_if_fail (RALLY_IS_STORE (self), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  memset (out, 0, sizeof *out);
  stmt = _rally_store_stmt (self,
                            "SELECT d.*, s.* FROM"
                            " (SELECT total(videos), total(views), total(likes), total(comments), total(shares)"
                            "  FROM video_days WHERE challenge_id = ?1) d,"
                            " (SELECT count(*), total(views), total(likes), total(comments), total(shares)"
                            "  FROM videos WHERE challenge_id = ?1 AND origin <> 0) s", NULL);
  if (stmt == NULL)
    return FALSE;

  rally_db_stmt_bind_int64 (stmt, 1, challenge_id);
  if (rally_db_stmt_step (stmt, NULL) == RALLY_DB_ROW)
    {
      read_totals (stmt, 0, &out->organic);
      read_totals (stmt, 5, &out->seeded);
      subtract_totals (&out->organic, &out->seeded);
      ok = TRUE;
    }
  rally_db_stmt_reset (stmt);

  return ok;
}

/**
 * rally_store_query_daily_origin:
 * @self: a #RallyStore
 * @challenge_id: a challenge
 * @from: UTC unix seconds; the day holding it is the first day
 * @to: UTC unix seconds (exclusive); 0 or less for no limit
 *
 * The organic and seeded videos posted each day, for two series. Days without videos
 * are left out; each element's organic and seeded @day are the day.
 *
 * Returns: (transfer full) (element-type RallyOriginSplit): one element per day, in order
 */
GArray *
rally_store_query_daily_origin (RallyStore *self,
                                gint64      challenge_id,
                                gint64      from,
                                gint64      to)
{
  GArray *days = g_array_new (FALSE, TRUE, sizeof (RallyOriginSplit));
  RallyDbStmt *stmt;

  g_return_val_if_fail (RALLY_IS_STORE (self), days);

  stmt = _rally_store_stmt (self, DAILY_SPLIT_SQL, NULL);
  if (stmt == NULL)
    return days;

  rally_db_stmt_bind_int64 (stmt, 1, challenge_id);
  rally_db_stmt_bind_int64 (stmt, 2, rally_day_start (from));
  rally_db_stmt_bind_int64 (stmt, 3, to > 0 ? to : G_MAXINT64);
  while (rally_db_stmt_step (stmt, NULL) == RALLY_DB_ROW)
    {
      RallyOriginSplit split = { { .day = rally_db_stmt_column_int64 (stmt, 0) } };

      read_totals (stmt, 1, &split.organic);
      read_totals (stmt, 6, &split.seeded);
      subtract_totals (&split.organic, &split.seeded);
      split.seeded.day = split.organic.day;
      g_array_append_val (days, split);
    }
  rally_db_stmt_reset (stmt);

  return days;
}
