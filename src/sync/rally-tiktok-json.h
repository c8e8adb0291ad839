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
 * (pages, cursors, tokens, log ids) stay in sync/. Videos are parsed straight into
 * the model's RallyFetchedVideo (-1 for a counter the reply left out); a user keeps
 * has_* flags until rally_tiktok_user_to_account() makes it a RallyAccount. */

typedef struct
{
  GPtrArray *videos;        /* RallyFetchedVideo, without duplicates */
  gint64     cursor;
  gboolean   has_cursor;
  gboolean   has_more;
  char      *search_id;
  char      *log_id;
  guint      n_duplicates;  /* removed because the id was already in this page */
  guint      n_invalid;     /* skipped: no usable id */
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

typedef struct
{
  char     *open_id;
  char     *username;
  char     *display_name;
  gboolean  is_verified;
  gint64    followers;
  gint64    following;
  gint64    likes;
  gint64    videos;
  guint     has_followers : 1;
  guint     has_following : 1;
  guint     has_likes : 1;
  guint     has_videos : 1;
} RallyTiktokUser;

void              rally_tiktok_page_free        (RallyTiktokPage  *page);
void              rally_tiktok_token_free       (RallyTiktokToken *token);
void              rally_tiktok_user_free        (RallyTiktokUser  *user);
RallyAccount     *rally_tiktok_user_to_account  (const RallyTiktokUser *user);

RallyTiktokToken *rally_tiktok_parse_token      (guint             http_status,
                                                 const char       *data,
                                                 gsize             length,
                                                 GError          **error);
RallyTiktokPage  *rally_tiktok_parse_video_page (guint             http_status,
                                                 const char       *data,
                                                 gsize             length,
                                                 GError          **error);
RallyTiktokUser  *rally_tiktok_parse_user_info  (guint             http_status,
                                                 const char       *data,
                                                 gsize             length,
                                                 GError          **error);
RallyAccount     *rally_tiktok_parse_account    (guint             http_status,
                                                 const char       *data,
                                                 gsize             length,
                                                 GError          **error);
gboolean          rally_tiktok_parse_status     (guint             http_status,
                                                 const char       *data,
                                                 gsize             length,
                                                 GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RallyTiktokPage, rally_tiktok_page_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RallyTiktokToken, rally_tiktok_token_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RallyTiktokUser, rally_tiktok_user_free)

G_END_DECLS
