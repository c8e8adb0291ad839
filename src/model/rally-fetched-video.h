/* rally-fetched-video.h
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

#include <glib-object.h>

G_BEGIN_DECLS

#define RALLY_TYPE_FETCHED_VIDEO (rally_fetched_video_get_type ())

/**
 * RallyFetchedVideo:
 * @id: the TikTok video id, positive
 * @create_time: when it was posted, UTC unix seconds; -1 when unknown
 * @username: (nullable): the creator, without '@'
 * @region: (nullable): the region code
 * @description: (nullable): the video's description
 * @title: (nullable): its title (the account's own videos)
 * @share_url: (nullable): its link
 * @hashtags: (nullable): its hashtags, without '#'
 * @views: views (likewise @likes, @comments, @shares, @favorites); -1 when
 *   TikTok did not say
 *
 * A video as a sync fetched it from TikTok (a Research API query or the
 * account's own video list), or as the store lists the account's videos. A
 * plain struct, not a record: a sync writes 100,000 of them.
 */
typedef struct
{
  gint64   id;
  gint64   create_time;
  char    *username;
  char    *region;
  char    *description;
  char    *title;
  char    *share_url;
  char   **hashtags;
  gint64   views;
  gint64   likes;
  gint64   comments;
  gint64   shares;
  gint64   favorites;
} RallyFetchedVideo;

GType              rally_fetched_video_get_type (void) G_GNUC_CONST;
G_GNUC_WARN_UNUSED_RESULT
RallyFetchedVideo *rally_fetched_video_new      (gint64                   id);
void               rally_fetched_video_init     (RallyFetchedVideo       *video,
                                                 gint64                   id);
G_GNUC_WARN_UNUSED_RESULT
RallyFetchedVideo *rally_fetched_video_copy     (const RallyFetchedVideo *video);
void               rally_fetched_video_free     (RallyFetchedVideo       *video);
gboolean           rally_fetched_video_is_complete (const RallyFetchedVideo *video);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RallyFetchedVideo, rally_fetched_video_free)

G_END_DECLS
