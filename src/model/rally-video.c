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
#include "rally-record.h"
#include "rally-video.h"

struct _RallyVideo
{
  GObject parent_instance;

  gint64             id;
  gint64             created_at;
  gint64             updated_at;
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
};

G_DEFINE_FINAL_TYPE (RallyVideo, rally_video, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
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
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
rally_video_finalize (GObject *object)
{
  RallyVideo *self = RALLY_VIDEO (object);

  g_clear_pointer (&self->creator, g_free);
  g_clear_pointer (&self->region, g_free);
  g_clear_pointer (&self->description, g_free);

  G_OBJECT_CLASS (rally_video_parent_class)->finalize (object);
}

static void
rally_video_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  RallyVideo *self = RALLY_VIDEO (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_CREATED_AT:
      g_value_set_int64 (value, self->created_at);
      break;

    case PROP_UPDATED_AT:
      g_value_set_int64 (value, self->updated_at);
      break;

    case PROP_CHALLENGE_ID:
      g_value_set_int64 (value, self->challenge_id);
      break;

    case PROP_TIKTOK_ID:
      g_value_set_int64 (value, self->tiktok_id);
      break;

    case PROP_CREATOR:
      g_value_set_string (value, self->creator);
      break;

    case PROP_REGION:
      g_value_set_string (value, self->region);
      break;

    case PROP_POSTED_AT:
      g_value_set_int64 (value, self->posted_at);
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;

    case PROP_VIEWS:
      g_value_set_int64 (value, self->views);
      break;

    case PROP_LIKES:
      g_value_set_int64 (value, self->likes);
      break;

    case PROP_COMMENTS:
      g_value_set_int64 (value, self->comments);
      break;

    case PROP_SHARES:
      g_value_set_int64 (value, self->shares);
      break;

    case PROP_ORIGIN:
      g_value_set_enum (value, self->origin);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rally_video_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  RallyVideo *self = RALLY_VIDEO (object);

  switch (prop_id)
    {
    case PROP_ID:
      rally_video_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_CREATED_AT:
      rally_video_set_created_at (self, g_value_get_int64 (value));
      break;

    case PROP_UPDATED_AT:
      rally_video_set_updated_at (self, g_value_get_int64 (value));
      break;

    case PROP_CHALLENGE_ID:
      rally_video_set_challenge_id (self, g_value_get_int64 (value));
      break;

    case PROP_TIKTOK_ID:
      rally_video_set_tiktok_id (self, g_value_get_int64 (value));
      break;

    case PROP_CREATOR:
      rally_video_set_creator (self, g_value_get_string (value));
      break;

    case PROP_REGION:
      rally_video_set_region (self, g_value_get_string (value));
      break;

    case PROP_POSTED_AT:
      rally_video_set_posted_at (self, g_value_get_int64 (value));
      break;

    case PROP_DESCRIPTION:
      rally_video_set_description (self, g_value_get_string (value));
      break;

    case PROP_VIEWS:
      rally_video_set_views (self, g_value_get_int64 (value));
      break;

    case PROP_LIKES:
      rally_video_set_likes (self, g_value_get_int64 (value));
      break;

    case PROP_COMMENTS:
      rally_video_set_comments (self, g_value_get_int64 (value));
      break;

    case PROP_SHARES:
      rally_video_set_shares (self, g_value_get_int64 (value));
      break;

    case PROP_ORIGIN:
      rally_video_set_origin (self, g_value_get_enum (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rally_video_class_init (RallyVideoClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rally_video_finalize;
  object_class->get_property = rally_video_get_property;
  object_class->set_property = rally_video_set_property;

  /* The row id in the store, 0 until the record is stored */
  properties [PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                             G_MININT64, G_MAXINT64, 0,
                             (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* When the record was first stored, UTC unix seconds */
  properties [PROP_CREATED_AT] =
    g_param_spec_int64 ("created-at", NULL, NULL,
                             G_MININT64, G_MAXINT64, 0,
                             (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* When the record was last stored, UTC unix seconds */
  properties [PROP_UPDATED_AT] =
    g_param_spec_int64 ("updated-at", NULL, NULL,
                             G_MININT64, G_MAXINT64, 0,
                             (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* The challenge the video belongs to */
  properties [PROP_CHALLENGE_ID] =
    g_param_spec_int64 ("challenge-id", NULL, NULL,
                             G_MININT64, G_MAXINT64, 0,
                             (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* The 64-bit TikTok video id */
  properties [PROP_TIKTOK_ID] =
    g_param_spec_int64 ("tiktok-id", NULL, NULL,
                             G_MININT64, G_MAXINT64, 0,
                             (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* The creator's username */
  properties [PROP_CREATOR] =
    g_param_spec_string ("creator", NULL, NULL,
                             "",
                             (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* ISO 3166-1 alpha-2 region code of the video, or empty */
  properties [PROP_REGION] =
    g_param_spec_string ("region", NULL, NULL,
                             "",
                             (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* When the video was posted, UTC unix seconds */
  properties [PROP_POSTED_AT] =
    g_param_spec_int64 ("posted-at", NULL, NULL,
                             G_MININT64, G_MAXINT64, 0,
                             (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* The video description */
  properties [PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL,
                             "",
                             (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* View count */
  properties [PROP_VIEWS] =
    g_param_spec_int64 ("views", NULL, NULL,
                             G_MININT64, G_MAXINT64, 0,
                             (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Like count */
  properties [PROP_LIKES] =
    g_param_spec_int64 ("likes", NULL, NULL,
                             G_MININT64, G_MAXINT64, 0,
                             (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Comment count */
  properties [PROP_COMMENTS] =
    g_param_spec_int64 ("comments", NULL, NULL,
                             G_MININT64, G_MAXINT64, 0,
                             (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Share count */
  properties [PROP_SHARES] =
    g_param_spec_int64 ("shares", NULL, NULL,
                             G_MININT64, G_MAXINT64, 0,
                             (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Organic, or seeded by a partner or a briefed creator */
  properties [PROP_ORIGIN] =
    g_param_spec_enum ("origin", NULL, NULL,
                            RALLY_TYPE_VIDEO_ORIGIN, RALLY_VIDEO_ORIGIN_ORGANIC,
                            (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rally_video_init (RallyVideo *self)
{
  self->creator = g_strdup ("");
  self->region = g_strdup ("");
  self->description = g_strdup ("");
  self->origin = RALLY_VIDEO_ORIGIN_ORGANIC;
}

RallyVideo *
rally_video_new (void)
{
  return g_object_new (RALLY_TYPE_VIDEO, NULL);
}

/**
 * rally_video_copy:
 * @self: a #RallyVideo
 *
 * Returns: (transfer full): a deep copy of @self, with the same id, to edit in a form.
 */
RallyVideo *
rally_video_copy (RallyVideo *self)
{
  g_return_val_if_fail (RALLY_IS_VIDEO (self), NULL);

  return _rally_record_copy (self);
}

gint64
rally_video_get_id (RallyVideo *self)
{
  g_return_val_if_fail (RALLY_IS_VIDEO (self), 0);

  return self->id;
}

void
rally_video_set_id (RallyVideo *self,
                    gint64      id)
{
  g_return_if_fail (RALLY_IS_VIDEO (self));

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ID]);
}

gint64
rally_video_get_created_at (RallyVideo *self)
{
  g_return_val_if_fail (RALLY_IS_VIDEO (self), 0);

  return self->created_at;
}

void
rally_video_set_created_at (RallyVideo *self,
                            gint64      created_at)
{
  g_return_if_fail (RALLY_IS_VIDEO (self));

  if (self->created_at == created_at)
    return;

  self->created_at = created_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CREATED_AT]);
}

gint64
rally_video_get_updated_at (RallyVideo *self)
{
  g_return_val_if_fail (RALLY_IS_VIDEO (self), 0);

  return self->updated_at;
}

void
rally_video_set_updated_at (RallyVideo *self,
                            gint64      updated_at)
{
  g_return_if_fail (RALLY_IS_VIDEO (self));

  if (self->updated_at == updated_at)
    return;

  self->updated_at = updated_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_UPDATED_AT]);
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

  if (self->challenge_id == challenge_id)
    return;

  self->challenge_id = challenge_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CHALLENGE_ID]);
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

  if (self->tiktok_id == tiktok_id)
    return;

  self->tiktok_id = tiktok_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TIKTOK_ID]);
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

  if (creator == NULL)
    creator = "";

  if (g_strcmp0 (self->creator, creator) == 0)
    return;

  g_free (self->creator);
  self->creator = g_strdup (creator);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CREATOR]);
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

  if (region == NULL)
    region = "";

  if (g_strcmp0 (self->region, region) == 0)
    return;

  g_free (self->region);
  self->region = g_strdup (region);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_REGION]);
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

  if (self->posted_at == posted_at)
    return;

  self->posted_at = posted_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_POSTED_AT]);
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

  if (description == NULL)
    description = "";

  if (g_strcmp0 (self->description, description) == 0)
    return;

  g_free (self->description);
  self->description = g_strdup (description);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_DESCRIPTION]);
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

  if (self->views == views)
    return;

  self->views = views;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_VIEWS]);
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

  if (self->likes == likes)
    return;

  self->likes = likes;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LIKES]);
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

  if (self->comments == comments)
    return;

  self->comments = comments;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_COMMENTS]);
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

  if (self->shares == shares)
    return;

  self->shares = shares;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SHARES]);
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

  if (self->origin == origin)
    return;

  self->origin = origin;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ORIGIN]);
}
