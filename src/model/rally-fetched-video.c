/* rally-fetched-video.c
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

#define G_LOG_DOMAIN "RallyModel"

#include "config.h"

#include "rally-fetched-video.h"

G_DEFINE_BOXED_TYPE (RallyFetchedVideo, rally_fetched_video, rally_fetched_video_copy, rally_fetched_video_free)

/**
 * rally_fetched_video_new:
 * @id: the TikTok video id
 *
 * Returns: (transfer full): a video with no texts and every figure unknown (-1)
 */
RallyFetchedVideo *
rally_fetched_video_new (gint64 id)
{
  RallyFetchedVideo *video = g_new (RallyFetchedVideo, 1);

  rally_fetched_video_init (video, id);
  return video;
}

/**
 * rally_fetched_video_init:
 * @video: memory for a video, which the caller owns (and frees, texts and all)
 * @id: the TikTok video id
 *
 * Sets @video as rally_fetched_video_new() sets the videos it makes.
 */
void
rally_fetched_video_init (RallyFetchedVideo *video,
                          gint64             id)
{
  *video = (RallyFetchedVideo) { 0 };
  video->id = id;
  video->create_time = -1;
  video->views = video->likes = video->comments = video->shares = video->favorites = -1;
}

RallyFetchedVideo *
rally_fetched_video_copy (const RallyFetchedVideo *video)
{
  RallyFetchedVideo *copy;

  g_return_val_if_fail (video != NULL, NULL);

  copy = g_memdup2 (video, sizeof *video);
  copy->username = g_strdup (video->username);
  copy->region = g_strdup (video->region);
  copy->description = g_strdup (video->description);
  copy->title = g_strdup (video->title);
  copy->share_url = g_strdup (video->share_url);
  copy->hashtags = g_strdupv (video->hashtags);
  return copy;
}

void
rally_fetched_video_free (RallyFetchedVideo *video)
{
  if (video == NULL)
    return;
  g_free (video->username);
  g_free (video->region);
  g_free (video->description);
  g_free (video->title);
  g_free (video->share_url);
  g_strfreev (video->hashtags);
  g_free (video);
}

/* Whether TikTok sent all four counters that make up a video's reach. */
gboolean
rally_fetched_video_is_complete (const RallyFetchedVideo *video)
{
  return video->views >= 0 && video->likes >= 0 && video->comments >= 0 && video->shares >= 0;
}
