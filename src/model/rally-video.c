/* rally-video.c
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

/* A TikTok video posted to a challenge. For videos, #RallyVideo:created-at is when the video was first seen and #RallyVideo:updated-at when its counts were last updated. */

#define G_LOG_DOMAIN "RallyVideo"

#include "config.h"

#include "rally-enums.h"
#include "rally-record-private.h"
#include "rally-video.h"

struct _RallyVideo
{
  RallyRecord parent_instance;

  gint64             challenge_id;
  gint64             tiktok_id;
  char              *creator;
  char              *region;
  gint64             posted_at;
  char              *description;
  gint64             views;
  gint64             likes;
  gint64             comments;
  gint64             shares;
  RallyVideoOrigin   origin;
  gboolean           origin_manual;
};

G_DEFINE_FINAL_TYPE (RallyVideo, rally_video, RALLY_TYPE_RECORD)

enum {
  PROP_0,
  PROP_CHALLENGE_ID,
  PROP_TIKTOK_ID,
  PROP_CREATOR,
  PROP_REGION,
  PROP_POSTED_AT,
  PROP_DESCRIPTION,
  PROP_VIEWS,
  PROP_LIKES,
  PROP_COMMENTS,
  PROP_SHARES,
  PROP_ORIGIN,
  PROP_ORIGIN_MANUAL,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* Where each property is stored: RallyRecord gets, sets and frees the fields */
static const gsize offsets [N_PROPS] = {
  [PROP_CHALLENGE_ID] = G_STRUCT_OFFSET (RallyVideo, challenge_id),
  [PROP_TIKTOK_ID]    = G_STRUCT_OFFSET (RallyVideo, tiktok_id),
  [PROP_CREATOR]      = G_STRUCT_OFFSET (RallyVideo, creator),
  [PROP_REGION]       = G_STRUCT_OFFSET (RallyVideo, region),
  [PROP_POSTED_AT]    = G_STRUCT_OFFSET (RallyVideo, posted_at),
  [PROP_DESCRIPTION]  = G_STRUCT_OFFSET (RallyVideo, description),
  [PROP_VIEWS]        = G_STRUCT_OFFSET (RallyVideo, views),
  [PROP_LIKES]        = G_STRUCT_OFFSET (RallyVideo, likes),
  [PROP_COMMENTS]     = G_STRUCT_OFFSET (RallyVideo, comments),
  [PROP_SHARES]       = G_STRUCT_OFFSET (RallyVideo, shares),
  [PROP_ORIGIN]       = G_STRUCT_OFFSET (RallyVideo, origin),
  [PROP_ORIGIN_MANUAL] = G_STRUCT_OFFSET (RallyVideo, origin_manual),
};

static void
rally_video_class_init (RallyVideoClass *klass)
{
  /* The challenge the video belongs to */
  properties [PROP_CHALLENGE_ID] = _rally_record_int64_param ("challenge-id");

  /* The 64-bit TikTok video id */
  properties [PROP_TIKTOK_ID] = _rally_record_int64_param ("tiktok-id");

  /* The creator's username */
  properties [PROP_CREATOR] = _rally_record_string_param ("creator", "");

  /* ISO 3166-1 alpha-2 region code of the video, or empty */
  properties [PROP_REGION] = _rally_record_string_param ("region", "");

  /* When the video was posted, UTC unix seconds */
  properties [PROP_POSTED_AT] = _rally_record_int64_param ("posted-at");

  /* The video description */
  properties [PROP_DESCRIPTION] = _rally_record_string_param ("description", "");

  /* View count */
  properties [PROP_VIEWS] = _rally_record_int64_param ("views");

  /* Like count */
  properties [PROP_LIKES] = _rally_record_int64_param ("likes");

  /* Comment count */
  properties [PROP_COMMENTS] = _rally_record_int64_param ("comments");

  /* Share count */
  properties [PROP_SHARES] = _rally_record_int64_param ("shares");

  /* Organic, or seeded by a partner or a briefed creator */
  properties [PROP_ORIGIN] =
    _rally_record_enum_param ("origin", RALLY_TYPE_VIDEO_ORIGIN, RALLY_VIDEO_ORIGIN_ORGANIC);

  /* The origin was set by hand: the challenge's partner roster no longer decides it */
  properties [PROP_ORIGIN_MANUAL] =
    g_param_spec_boolean ("origin-manual", NULL, NULL, FALSE, RALLY_RECORD_PARAM_FLAGS);

  _rally_record_class_install_fields (RALLY_RECORD_CLASS (klass), N_PROPS, properties, offsets);
}

static void
rally_video_init (RallyVideo *self)
{
  _rally_record_init_fields (self);
}

RallyVideo *
rally_video_new (void)
{
  return g_object_new (RALLY_TYPE_VIDEO, NULL);
}

gint64
rally_video_get_challenge_id (RallyVideo *self)
{
  g_return_val_if_fail (RALLY_IS_VIDEO (self), 0);

  return self->challenge_id;
}

void
rally_video_set_challenge_id (RallyVideo *self,
                              gint64      challenge_id)
{
  g_return_if_fail (RALLY_IS_VIDEO (self));

  _rally_record_set_int64 (self, &self->challenge_id, challenge_id, properties [PROP_CHALLENGE_ID]);
}

gint64
rally_video_get_tiktok_id (RallyVideo *self)
{
  g_return_val_if_fail (RALLY_IS_VIDEO (self), 0);

  return self->tiktok_id;
}

void
rally_video_set_tiktok_id (RallyVideo *self,
                           gint64      tiktok_id)
{
  g_return_if_fail (RALLY_IS_VIDEO (self));

  _rally_record_set_int64 (self, &self->tiktok_id, tiktok_id, properties [PROP_TIKTOK_ID]);
}

const char *
rally_video_get_creator (RallyVideo *self)
{
  g_return_val_if_fail (RALLY_IS_VIDEO (self), NULL);

  return self->creator;
}

void
rally_video_set_creator (RallyVideo *self,
                         const char *creator)
{
  g_return_if_fail (RALLY_IS_VIDEO (self));

  _rally_record_set_string (self, &self->creator, creator, properties [PROP_CREATOR]);
}

const char *
rally_video_get_region (RallyVideo *self)
{
  g_return_val_if_fail (RALLY_IS_VIDEO (self), NULL);

  return self->region;
}

void
rally_video_set_region (RallyVideo *self,
                        const char *region)
{
  g_return_if_fail (RALLY_IS_VIDEO (self));

  _rally_record_set_string (self, &self->region, region, properties [PROP_REGION]);
}

gint64
rally_video_get_posted_at (RallyVideo *self)
{
  g_return_val_if_fail (RALLY_IS_VIDEO (self), 0);

  return self->posted_at;
}

void
rally_video_set_posted_at (RallyVideo *self,
                           gint64      posted_at)
{
  g_return_if_fail (RALLY_IS_VIDEO (self));

  _rally_record_set_int64 (self, &self->posted_at, posted_at, properties [PROP_POSTED_AT]);
}

const char *
rally_video_get_description (RallyVideo *self)
{
  g_return_val_if_fail (RALLY_IS_VIDEO (self), NULL);

  return self->description;
}

void
rally_video_set_description (RallyVideo *self,
                             const char *description)
{
  g_return_if_fail (RALLY_IS_VIDEO (self));

  _rally_record_set_string (self, &self->description, description, properties [PROP_DESCRIPTION]);
}

gint64
rally_video_get_views (RallyVideo *self)
{
  g_return_val_if_fail (RALLY_IS_VIDEO (self), 0);

  return self->views;
}

void
rally_video_set_views (RallyVideo *self,
                       gint64      views)
{
  g_return_if_fail (RALLY_IS_VIDEO (self));

  _rally_record_set_int64 (self, &self->views, views, properties [PROP_VIEWS]);
}

gint64
rally_video_get_likes (RallyVideo *self)
{
  g_return_val_if_fail (RALLY_IS_VIDEO (self), 0);

  return self->likes;
}

void
rally_video_set_likes (RallyVideo *self,
                       gint64      likes)
{
  g_return_if_fail (RALLY_IS_VIDEO (self));

  _rally_record_set_int64 (self, &self->likes, likes, properties [PROP_LIKES]);
}

gint64
rally_video_get_comments (RallyVideo *self)
{
  g_return_val_if_fail (RALLY_IS_VIDEO (self), 0);

  return self->comments;
}

void
rally_video_set_comments (RallyVideo *self,
                          gint64      comments)
{
  g_return_if_fail (RALLY_IS_VIDEO (self));

  _rally_record_set_int64 (self, &self->comments, comments, properties [PROP_COMMENTS]);
}

gint64
rally_video_get_shares (RallyVideo *self)
{
  g_return_val_if_fail (RALLY_IS_VIDEO (self), 0);

  return self->shares;
}

void
rally_video_set_shares (RallyVideo *self,
                        gint64      shares)
{
  g_return_if_fail (RALLY_IS_VIDEO (self));

  _rally_record_set_int64 (self, &self->shares, shares, properties [PROP_SHARES]);
}

RallyVideoOrigin
rally_video_get_origin (RallyVideo *self)
{
  g_return_val_if_fail (RALLY_IS_VIDEO (self), 0);

  return self->origin;
}

void
rally_video_set_origin (RallyVideo       *self,
                        RallyVideoOrigin  origin)
{
  g_return_if_fail (RALLY_IS_VIDEO (self));

  _rally_record_set_enum (self, &self->origin, origin, properties [PROP_ORIGIN]);
}

gboolean
rally_video_get_origin_manual (RallyVideo *self)
{
  g_return_val_if_fail (RALLY_IS_VIDEO (self), FALSE);

  return self->origin_manual;
}

void
rally_video_set_origin_manual (RallyVideo *self,
                               gboolean    origin_manual)
{
  g_return_if_fail (RALLY_IS_VIDEO (self));

  _rally_record_set_boolean (self, &self->origin_manual, origin_manual, properties [PROP_ORIGIN_MANUAL]);
}

/**
 * rally_video_is_seeded:
 * @self: a #RallyVideo
 *
 * Returns: %TRUE when a partner or a briefed creator made the video, %FALSE when it is organic
 */
gboolean
rally_video_is_seeded (RallyVideo *self)
{
  g_return_val_if_fail (RALLY_IS_VIDEO (self), FALSE);

  return self->origin != RALLY_VIDEO_ORIGIN_ORGANIC;
}
