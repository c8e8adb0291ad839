/* rally-video-csv.c
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

/* The videos of one or more challenges as CSV (RFC 4180, UTF-8, CRLF).
 *
 * The first columns use TikTok Studio's content-export headers (Video ID, Video
 * link, Video title, Post time, Total views…), so the file can be imported back;
 * Challenge, Creator, Region and Origin follow. Post times are UTC. Text fields are
 * written by rally_csv_append_field(): quoted, and neutralized when a spreadsheet
 * would run them as a formula.
 */

#define G_LOG_DOMAIN "RallyVideoCsv"

#include "config.h"

#include <string.h>

#include "rally-csv-field.h"
#include "rally-enums.h"
#include "rally-store-private.h"
#include "rally-video-csv.h"

#define HEADER "Video ID,Video link,Video title,Post time,Total views,Total likes,Total comments," \
               "Total shares,Challenge,Creator,Region,Origin\r\n"

/* %s: the collation that sorts hashtags by their bytes on both engines */
#define SELECT_VIDEOS \
  "SELECT v.tiktok_id, v.creator, v.description, v.posted_at, v.views, v.likes, v.comments," \
  " v.shares, c.hashtag, v.region, v.origin FROM videos v JOIN challenges c ON c.id = v.challenge_id" \
  " WHERE c.deleted_at IS NULL AND (?1 = 0 OR c.id = ?1) ORDER BY c.hashtag_key%s, v.views DESC, v.id"

static void
append_text (GString    *line,
             const char *text)
{
  rally_csv_append_field (line, text);
  g_string_append_c (line, ',');
}

/* The video's address, when the creator's name can be part of one. */
static void
append_link (GString    *line,
             const char *creator,
             gint64      id)
{
  g_autofree char *link = NULL;
  gboolean usable = creator[0] != '\0' && strpbrk (creator, "/?#,\" ") == NULL;

  for (const char *p = creator; usable && *p != '\0'; p++)
    usable = !g_ascii_iscntrl (*p);
  if (usable)
    link = g_strdup_printf ("https://www.tiktok.com/@%s/video/%" G_GINT64_FORMAT, creator, id);
  append_text (line, link);
}

static void
append_time (GString *line,
             gint64   unix_time)
{
  g_autoptr(GDateTime) dt = unix_time > 0 ? g_date_time_new_from_unix_utc (unix_time) : NULL;

  if (dt != NULL)
    {
      g_autofree char *text = g_date_time_format (dt, "%Y-%m-%d %H:%M:%S");

      g_string_append (line, text);
    }
  g_string_append_c (line, ',');
}

static void
format_row (GString     *line,
            RallyDbStmt *stmt)
{
  g_autoptr(GEnumClass) origins = g_type_class_ref (RALLY_TYPE_VIDEO_ORIGIN);
  GEnumValue *origin = g_enum_get_value (origins, (int) rally_db_stmt_column_int64 (stmt, 10));
  gint64 id = rally_db_stmt_column_int64 (stmt, 0);
  const char *creator = rally_db_stmt_column_text (stmt, 1);

  g_string_truncate (line, 0);
  g_string_append_printf (line, "%" G_GINT64_FORMAT ",", id);
  append_link (line, creator, id);
  append_text (line, rally_db_stmt_column_text (stmt, 2));
  append_time (line, rally_db_stmt_column_int64 (stmt, 3));
  for (int i = 4; i < 8; i++)
    g_string_append_printf (line, "%" G_GINT64_FORMAT ",", rally_db_stmt_column_int64 (stmt, i));
  append_text (line, rally_db_stmt_column_text (stmt, 8));
  append_text (line, creator);
  append_text (line, rally_db_stmt_column_text (stmt, 9));
  g_string_append (line, origin != NULL ? origin->value_nick : "");
  g_string_append (line, "\r\n");
}

static gboolean
export_challenge (RallyStore     *store,
                  gint64          challenge_id,
                  GOutputStream  *stream,
                  guint64        *n_videos,
                  GCancellable   *cancellable,
                  GError        **error)
{
  g_autoptr(GString) line = g_string_new (NULL);
  g_autofree char *sql = g_strdup_printf (SELECT_VIDEOS,
                                          rally_db_dialect_binary_collation (_rally_store_get_dialect (store)));
  RallyDbStmt *stmt = _rally_store_stmt (store, sql, error);
  RallyDbStep rc;

  if (stmt == NULL)
    return FALSE;

  rally_db_stmt_bind_int64 (stmt, 1, challenge_id);
  while ((rc = rally_db_stmt_step (stmt, error)) == RALLY_DB_ROW)
    {
      format_row (line, stmt);
      if (!g_output_stream_write_all (stream, line->str, line->len, NULL, cancellable, error))
        {
          rally_db_stmt_reset (stmt);
          return FALSE;
        }
      (*n_videos)++;
    }

  rally_db_stmt_reset (stmt);

  return rc == RALLY_DB_DONE;
}

/**
 * rally_video_csv_export:
 * @store: the workspace
 * @challenge_ids: (array length=n_challenge_ids) (nullable): the challenges, or
 *   %NULL for every challenge
 * @n_challenge_ids: how many
 * @stream: where to write
 * @n_videos: (out) (optional): how many videos were written
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Returns: %TRUE on success
 */
gboolean
rally_video_csv_export (RallyStore     *store,
                        const gint64   *challenge_ids,
                        guint           n_challenge_ids,
                        GOutputStream  *stream,
                        guint64        *n_videos,
                        GCancellable   *cancellable,
                        GError        **error)
{
  static const gint64 all[] = { 0 };
  guint64 n = 0;

  g_return_val_if_fail (RALLY_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  if (challenge_ids == NULL || n_challenge_ids == 0)
    {
      challenge_ids = all;
      n_challenge_ids = 1;
    }

  if (!g_output_stream_write_all (stream, HEADER, strlen (HEADER), NULL, cancellable, error))
    return FALSE;

  for (guint i = 0; i < n_challenge_ids; i++)
    {
      if (!export_challenge (store, challenge_ids[i], stream, &n, cancellable, error))
        return FALSE;
    }

  if (n_videos != NULL)
    *n_videos = n;

  return TRUE;
}
