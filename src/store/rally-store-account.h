/* rally-store-account.h
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

#include "rally-store.h"
#include "rally-tiktok-json.h"

G_BEGIN_DECLS

/**
 * RallyAccount:
 * @open_id: the account's id for this app (Display API `open_id`)
 * @username: the TikTok username, without '@'
 * @display_name: the profile's name
 * @followers: followers (likewise @following, @likes, @videos), -1 when TikTok did not say
 * @fetched_at: when the profile was last fetched, UTC unix seconds
 * @stored: the account's videos stored in Rally
 * @views: the sum of their views (likewise @video_likes, @comments, @shares)
 *
 * The charity's own TikTok account as the Display API last described it.
 */
typedef struct
{
  char   *open_id;
  char   *username;
  char   *display_name;
  gint64  followers;
  gint64  following;
  gint64  likes;
  gint64  videos;
  gint64  fetched_at;
  gint64  stored;
  gint64  views;
  gint64  video_likes;
  gint64  comments;
  gint64  shares;
} RallyAccount;

/**
 * RallyStudioSummary:
 * @days: the days imported from TikTok Studio overviews, 0 when none
 * @first_day: the first of them, UTC midnight (likewise @last_day)
 * @views: views over those days (likewise @likes, @comments, @shares, @profile_views)
 * @followers: the followers on the latest day that has them, or -1
 * @fetched_at: when the latest of those days was imported
 *
 * What TikTok Studio overview exports say about the account (or a campaign).
 */
typedef struct
{
  guint  days;
  gint64 first_day;
  gint64 last_day;
  gint64 views;
  gint64 likes;
  gint64 comments;
  gint64 shares;
  gint64 profile_views;
  gint64 followers;
  gint64 fetched_at;
} RallyStudioSummary;

/* One own video that carries a tracked challenge's hashtag. */
typedef struct
{
  guint  video;         /* index in the page */
  gint64 challenge_id;
} RallyAccountMatch;

void          rally_account_free                 (RallyAccount           *account);

RallyAccount *rally_store_get_account            (RallyStore             *self,
                                                  GError                **error);
gboolean      rally_store_save_account           (RallyStore             *self,
                                                  const RallyTiktokUser  *user,
                                                  gint64                  fetched_at,
                                                  GError                **error);
gboolean      rally_store_get_account_cursor     (RallyStore             *self,
                                                  const char             *open_id,
                                                  gint64                 *cursor,
                                                  GError                **error);
gboolean      rally_store_save_account_page      (RallyStore             *self,
                                                  const char             *open_id,
                                                  GPtrArray              *videos,
                                                  GArray                 *matches,
                                                  gint64                  cursor,
                                                  gboolean                done,
                                                  GError                **error);
gboolean      rally_store_add_account_snapshot   (RallyStore             *self,
                                                  const char             *open_id,
                                                  gint64                  taken_at,
                                                  GError                **error);
GPtrArray    *rally_store_query_account_videos   (RallyStore             *self,
                                                  const char             *open_id,
                                                  guint                   limit,
                                                  GError                **error);
gboolean      rally_store_get_studio_summary     (RallyStore             *self,
                                                  gint64                  campaign_id,
                                                  RallyStudioSummary     *summary,
                                                  GError                **error);
GArray       *rally_store_query_account_reach    (RallyStore             *self,
                                                  GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RallyAccount, rally_account_free)

G_END_DECLS
