/* rally-store-video-pages.c
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

/* A challenge's videos a page at a time, in the orders of rally_store_query_video_ids():
 * All Videos reads only the rows on screen. A page next to one already read starts
 * from that page's edge row (a keyset seek: (key, id) after the edge's, which the
 * index (challenge_id, key, id) finds in a few pages); a page far from any read one
 * skips rows with OFFSET, counted from whichever end of the list is nearer. The count
 * comes from the roll-ups, not from the rows. A local workspace keeps no index per sort
 * (step 8 of the migrations: they slowed every sync), so there each page would scan the
 * challenge: its list reads the ordered ids once instead, off the main thread. */

#define G_LOG_DOMAIN "RallyStore"

#include "config.h"

#include <glib/gi18n.h>

#include "rally-store-analytics.h"
#include "rally-store-private.h"

/* The sort key of each column (rally-store-private.h), and whether it is text */
static const struct
{
  const char *key;
  const char *anchor;   /* the edge row's value, bound as ?4, as the key computes it */
  gboolean    text;
} video_keys[] = {
  [RALLY_VIDEO_COLUMN_VIEWS] = { RALLY_STORE_VIDEO_KEY_VIEWS, "?4", FALSE },
  [RALLY_VIDEO_COLUMN_LIKES] = { RALLY_STORE_VIDEO_KEY_LIKES, "?4", FALSE },
  [RALLY_VIDEO_COLUMN_COMMENTS] = { RALLY_STORE_VIDEO_KEY_COMMENTS, "?4", FALSE },
  [RALLY_VIDEO_COLUMN_SHARES] = { RALLY_STORE_VIDEO_KEY_SHARES, "?4", FALSE },
  [RALLY_VIDEO_COLUMN_POSTED] = { RALLY_STORE_VIDEO_KEY_POSTED, "?4", FALSE },
  /* the store's own lower(), so that the edge compares as the index does */
  [RALLY_VIDEO_COLUMN_CREATOR] = { RALLY_STORE_VIDEO_KEY_CREATOR, "lower (CAST (?4 AS TEXT))", TRUE },
  [RALLY_VIDEO_COLUMN_REGION] = { RALLY_STORE_VIDEO_KEY_REGION, "?4", TRUE },
};

static const char * const shown_where[] = {
  [RALLY_VIDEO_SHOWN_ALL] = "",
  [RALLY_VIDEO_SHOWN_ORGANIC] = " AND origin = 0",
  [RALLY_VIDEO_SHOWN_SEEDED] = " AND origin <> 0",
};

/**
 * rally_store_count_videos_shown:
 * @self: a #RallyStore
 * @challenge_id: a challenge
 * @shown: which of its videos
 * @count: (out): return location for the number of videos
 * @error: return location for a #GError
 *
 * How many rows rally_store_read_video_page() pages through, from the per-day
 * roll-ups and the seeded videos' own index: a few hundred rows read, not the
 * challenge's videos.
 *
 * Returns: %TRUE on success
 */
gboolean
rally_store_count_videos_shown (RallyStore       *self,
                                gint64            challenge_id,
                                RallyVideoShown   shown,
                                guint            *count,
                                GError          **error)
{
  RallyDbStmt *stmt;
  gint64 all, seeded;

  g_return_val_if_fail (RALLY_IS_STORE (self), FALSE);
  g_return_val_if_fail (shown <= RALLY_VIDEO_SHOWN_SEEDED, FALSE);
  g_return_val_if_fail (count != NULL, FALSE);

  *count = 0;
  /* the seeded count reads only the entries of their partial index (videos_seeded) */
  stmt = _rally_store_stmt (self,
                            "SELECT (SELECT total (videos) FROM video_days WHERE challenge_id = ?1),"
                            " (SELECT count(*) FROM videos WHERE challenge_id = ?1 AND origin <> 0)", error);
  if (stmt == NULL)
    return FALSE;

  rally_db_stmt_bind_int64 (stmt, 1, challenge_id);
  if (rally_db_stmt_step (stmt, error) != RALLY_DB_ROW)
    {
      rally_db_stmt_reset (stmt);
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The videos could not be counted"));
      return FALSE;
    }
  all = (gint64) rally_db_stmt_column_double (stmt, 0);
  seeded = rally_db_stmt_column_int64 (stmt, 1);
  rally_db_stmt_reset (stmt);

  if (shown == RALLY_VIDEO_SHOWN_ALL)
    *count = (guint) MAX (all, 0);
  else if (shown == RALLY_VIDEO_SHOWN_SEEDED)
    *count = (guint) MAX (seeded, 0);
  else
    *count = (guint) MAX (all - seeded, 0);

  return TRUE;
}

static char *
page_sql (RallyVideoColumn column,
          gboolean         descending,
          RallyVideoShown  shown,
          gboolean         anchored)
{
  const char *dir = descending ? " DESC" : "";
  g_autofree char *where = NULL;

  /* the rows skipped are walked in the index alone (an index-only scan on PostgreSQL),
   * and only the page's rows are read from the table */
  where = g_strdup_printf ("WHERE id IN (SELECT id FROM videos WHERE challenge_id = ?1%s%s%s%s%s%s"
                           " ORDER BY %s%s, id%s LIMIT ?2 OFFSET ?3) ORDER BY %s%s, id%s",
                           shown_where[shown],
                           anchored ? " AND (" : "", anchored ? video_keys[column].key : "",
                           anchored ? (descending ? ", id) < (" : ", id) > (") : "",
                           anchored ? video_keys[column].anchor : "", anchored ? ", ?5)" : "",
                           video_keys[column].key, dir, dir, video_keys[column].key, dir, dir);

  return _rally_store_select_sql (&rally_table_videos, where);
}

static void
bind_anchor (RallyDbStmt      *stmt,
             RallyVideoColumn  column,
             RallyVideo       *anchor)
{
  switch (column)
    {
    case RALLY_VIDEO_COLUMN_VIEWS:
      rally_db_stmt_bind_int64 (stmt, 4, rally_video_get_views (anchor));
      break;
    case RALLY_VIDEO_COLUMN_LIKES:
      rally_db_stmt_bind_int64 (stmt, 4, rally_video_get_likes (anchor));
      break;
    case RALLY_VIDEO_COLUMN_COMMENTS:
      rally_db_stmt_bind_int64 (stmt, 4, rally_video_get_comments (anchor));
      break;
    case RALLY_VIDEO_COLUMN_SHARES:
      rally_db_stmt_bind_int64 (stmt, 4, rally_video_get_shares (anchor));
      break;
    case RALLY_VIDEO_COLUMN_POSTED:
      rally_db_stmt_bind_int64 (stmt, 4, rally_video_get_posted_at (anchor));
      break;
    case RALLY_VIDEO_COLUMN_CREATOR:
      rally_db_stmt_bind_text (stmt, 4, rally_video_get_creator (anchor), -1);
      break;
    case RALLY_VIDEO_COLUMN_REGION:
      rally_db_stmt_bind_text (stmt, 4, rally_video_get_region (anchor), -1);
      break;
    default:
      g_assert_not_reached ();
    }
  rally_db_stmt_bind_int64 (stmt, 5, rally_video_get_id (anchor));
}

static gboolean
read_rows (RallyDbStmt  *stmt,
           GPtrArray    *videos,
           GError      **error)
{
  RallyDbStep rc;

  while ((rc = rally_db_stmt_step (stmt, error)) == RALLY_DB_ROW)
    {
      RallyVideo *video = g_object_new (RALLY_TYPE_VIDEO, NULL);

      _rally_store_read_row (G_OBJECT (video), &rally_table_videos, stmt);
      g_ptr_array_add (videos, video);
    }
  rally_db_stmt_reset (stmt);

  return rc == RALLY_DB_DONE;
}

/**
 * rally_store_read_video_page:
 * @self: a #RallyStore
 * @challenge_id: a challenge
 * @column: the order, as rally_store_query_video_ids() sorts
 * @descending: largest (or last) first
 * @shown: which of its videos
 * @anchor: (nullable): a video of the list: the page starts right after it
 *   (right before it when @backwards)
 * @backwards: read towards the start of the list: the page ends right before
 *   @anchor, or (without one) @offset rows before the end of the list
 * @offset: how many rows to skip (from the start, or the end when @backwards)
 *   before the page; costs a walk over as many index entries, where @anchor costs
 *   a seek
 * @limit: the most videos in the page
 * @error: return location for a #GError
 *
 * Reads one page of a challenge's videos, rows and all, in list order whichever
 * way it was read. Ties break by id as in rally_store_query_video_ids(), so the
 * pages laid end to end are that list exactly.
 *
 * Returns: (transfer full) (element-type RallyVideo) (nullable): the videos, or
 *   %NULL on failure
 */
GPtrArray *
rally_store_read_video_page (RallyStore        *self,
                             gint64             challenge_id,
                             RallyVideoColumn   column,
                             gboolean           descending,
                             RallyVideoShown    shown,
                             RallyVideo        *anchor,
                             gboolean           backwards,
                             guint              offset,
                             guint              limit,
                             GError           **error)
{
  g_autoptr(GPtrArray) videos = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *sql = NULL;
  RallyDbStmt *stmt;

  g_return_val_if_fail (RALLY_IS_STORE (self), NULL);
  g_return_val_if_fail (column <= RALLY_VIDEO_COLUMN_LAST, NULL);
  g_return_val_if_fail (shown <= RALLY_VIDEO_SHOWN_SEEDED, NULL);
  g_return_val_if_fail (anchor == NULL || RALLY_IS_VIDEO (anchor), NULL);

  /* backwards: the same order reversed, ties included, then the page turned round */
  sql = page_sql (column, descending != backwards, shown, anchor != NULL);
  stmt = _rally_store_stmt (self, sql, error);
  if (stmt == NULL)
    return NULL;

  rally_db_stmt_bind_int64 (stmt, 1, challenge_id);
  rally_db_stmt_bind_int64 (stmt, 2, limit);
  rally_db_stmt_bind_int64 (stmt, 3, offset);
  if (anchor != NULL)
    bind_anchor (stmt, column, anchor);
  if (!read_rows (stmt, videos, error))
    return NULL;

  if (backwards)
    for (guint i = 0; i < videos->len / 2; i++)
      {
        gpointer first = videos->pdata[i];

        videos->pdata[i] = videos->pdata[videos->len - 1 - i];
        videos->pdata[videos->len - 1 - i] = first;
      }

  return g_steal_pointer (&videos);
}

/**
 * rally_store_seeks_video_pages:
 * @self: a #RallyStore
 *
 * Returns: %TRUE when rally_store_read_video_page() finds a page from an index of its
 *   order (a team workspace); %FALSE when each page scans the challenge's videos (a
 *   local workspace, which has no index per sort), where a list of many videos is
 *   better read once with rally_store_query_video_ids_shown()
 */
gboolean
rally_store_seeks_video_pages (RallyStore *self)
{
  g_return_val_if_fail (RALLY_IS_STORE (self), FALSE);

  return _rally_store_get_dialect (self) == RALLY_DB_DIALECT_POSTGRESQL;
}

/**
 * rally_store_query_video_ids_shown:
 * @self: a #RallyStore
 * @challenge_id: a challenge
 * @column: the order
 * @descending: largest (or last) first
 * @shown: which of its videos
 * @error: return location for a #GError
 *
 * The ids of every row of rally_store_read_video_page(), in order.
 *
 * Returns: (transfer full) (element-type gint64) (nullable): the ids, or %NULL on failure
 */
GArray *
rally_store_query_video_ids_shown (RallyStore        *self,
                                   gint64             challenge_id,
                                   RallyVideoColumn   column,
                                   gboolean           descending,
                                   RallyVideoShown    shown,
                                   GError           **error)
{
  const char *dir = descending ? " DESC" : "";
  g_autofree char *sql = NULL;

  g_return_val_if_fail (RALLY_IS_STORE (self), NULL);
  g_return_val_if_fail (column <= RALLY_VIDEO_COLUMN_LAST, NULL);
  g_return_val_if_fail (shown <= RALLY_VIDEO_SHOWN_SEEDED, NULL);

  sql = g_strdup_printf ("SELECT id FROM videos WHERE challenge_id = ?1%s ORDER BY %s%s, id%s LIMIT ?2",
                         shown_where[shown], video_keys[column].key, dir, dir);
  return _rally_store_query_ids (self, sql, challenge_id, G_MAXINT64, error);
}
