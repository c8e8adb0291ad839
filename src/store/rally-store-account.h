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
#include "rally-account.h"

G_BEGIN_DECLS

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

RallyAccount *rally_store_get_account            (RallyStore             *self,
                                                  GError                **error);
gboolean      rally_store_save_account           (RallyStore             *self,
                                                  const RallyAccount     *account,
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

G_END_DECLS
