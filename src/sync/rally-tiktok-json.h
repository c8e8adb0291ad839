/* rally-tiktok-json.h
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

#pragma once

#include <glib.h>

#include "rally-account.h"
#include "rally-fetched-video.h"
#include "rally-sync-error.h"

G_BEGIN_DECLS

/* Plain structs for TikTok API replies (Research and Display): the wire concerns
 * (pages, cursors, tokens, log ids) stay in sync/. Videos and users are parsed
 * straight into the model's RallyFetchedVideo and RallyAccount (-1 for a counter
 * the reply left out). */

typedef struct
{
  GPtrArray    *videos;        /* RallyFetchedVideo, without duplicates */
  gint64        cursor;
  gboolean      has_cursor;
  gboolean      has_more;
  char         *search_id;
  char         *log_id;
  guint         n_duplicates;  /* removed because the id was already in this page */
  guint         n_invalid;     /* skipped: no usable id */
  GStringChunk *texts;         /* nullable: the videos' texts, and… */
  GPtrArray    *storage;       /* …the blocks of the videos themselves (a scanned
                                * page's: then videos frees nothing) */
} RallyTiktokPage;

typedef struct
{
  char   *access_token;
  char   *refresh_token;
  char   *open_id;
  char   *scope;
  gint64  expires_in;           /* seconds; 0 when missing */
  gint64  refresh_expires_in;
} RallyTiktokToken;

void              rally_tiktok_page_free        (RallyTiktokPage  *page);
void              rally_tiktok_page_drop_videos (RallyTiktokPage  *page);
void              rally_tiktok_token_free       (RallyTiktokToken *token);

RallyTiktokToken *rally_tiktok_parse_token      (guint             http_status,
                                                 const char       *data,
                                                 gsize             length,
                                                 GError          **error);
RallyTiktokPage  *rally_tiktok_parse_video_page (guint             http_status,
                                                 const char       *data,
                                                 gsize             length,
                                                 GError          **error);
RallyAccount     *rally_tiktok_parse_user_info  (guint             http_status,
                                                 const char       *data,
                                                 gsize             length,
                                                 GError          **error);
gboolean          rally_tiktok_parse_status     (guint             http_status,
                                                 const char       *data,
                                                 gsize             length,
                                                 GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RallyTiktokPage, rally_tiktok_page_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RallyTiktokToken, rally_tiktok_token_free)

G_END_DECLS
