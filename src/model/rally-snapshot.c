/* rally-snapshot.c
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

/* The totals of a challenge (or of the account) at one time, with their provenance. */

#define G_LOG_DOMAIN "RallySnapshot"

#include "config.h"

#include "rally-enums.h"
#include "rally-record.h"
#include "rally-snapshot.h"

struct _RallySnapshot
{
  GObject parent_instance;

  gint64        id;
  gint64        created_at;
  gint64        updated_at;
  gint64        challenge_id;
  gint64        taken_at;
  gint64        videos;
  gint64        views;
  gint64        likes;
  gint64        comments;
  gint64        shares;
  gint64        creators;
  RallySource   source;
  gint64        fetched_at;
};

G_DEFINE_FINAL_TYPE (RallySnapshot, rally_snapshot, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  PROP_CHALLENGE_ID,
  PROP_TAKEN_AT,
  PROP_VIDEOS,
  PROP_VIEWS,
  PROP_LIKES,
  PROP_COMMENTS,
  PROP_SHARES,
  PROP_CREATORS,
  PROP_SOURCE,
  PROP_FETCHED_AT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
rally_snapshot_finalize (GObject *object)
{
  G_OBJECT_CLASS (rally_snapshot_parent_class)->finalize (object);
}

static void
rally_snapshot_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  RallySnapshot *self = RALLY_SNAPSHOT (object);

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

    case PROP_TAKEN_AT:
      g_value_set_int64 (value, self->taken_at);
      break;

    case PROP_VIDEOS:
      g_value_set_int64 (value, self->videos);
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

    case PROP_CREATORS:
      g_value_set_int64 (value, self->creators);
      break;

    case PROP_SOURCE:
      g_value_set_enum (value, self->source);
      break;

    case PROP_FETCHED_AT:
      g_value_set_int64 (value, self->fetched_at);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rally_snapshot_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  RallySnapshot *self = RALLY_SNAPSHOT (object);

  switch (prop_id)
    {
    case PROP_ID:
      rally_snapshot_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_CREATED_AT:
      rally_snapshot_set_created_at (self, g_value_get_int64 (value));
      break;

    case PROP_UPDATED_AT:
      rally_snapshot_set_updated_at (self, g_value_get_int64 (value));
      break;

    case PROP_CHALLENGE_ID:
      rally_snapshot_set_challenge_id (self, g_value_get_int64 (value));
      break;

    case PROP_TAKEN_AT:
      rally_snapshot_set_taken_at (self, g_value_get_int64 (value));
      break;

    case PROP_VIDEOS:
      rally_snapshot_set_videos (self, g_value_get_int64 (value));
      break;

    case PROP_VIEWS:
      rally_snapshot_set_views (self, g_value_get_int64 (value));
      break;

    case PROP_LIKES:
      rally_snapshot_set_likes (self, g_value_get_int64 (value));
      break;

    case PROP_COMMENTS:
      rally_snapshot_set_comments (self, g_value_get_int64 (value));
      break;

    case PROP_SHARES:
      rally_snapshot_set_shares (self, g_value_get_int64 (value));
      break;

    case PROP_CREATORS:
      rally_snapshot_set_creators (self, g_value_get_int64 (value));
      break;

    case PROP_SOURCE:
      rally_snapshot_set_source (self, g_value_get_enum (value));
      break;

    case PROP_FETCHED_AT:
      rally_snapshot_set_fetched_at (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rally_snapshot_class_init (RallySnapshotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rally_snapshot_finalize;
  object_class->get_property = rally_snapshot_get_property;
  object_class->set_property = rally_snapshot_set_property;

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

  /* The challenge, 0 for the account */
  properties [PROP_CHALLENGE_ID] =
    g_param_spec_int64 ("challenge-id", NULL, NULL,
                             G_MININT64, G_MAXINT64, 0,
                             (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* The time the figures describe, UTC unix seconds */
  properties [PROP_TAKEN_AT] =
    g_param_spec_int64 ("taken-at", NULL, NULL,
                             G_MININT64, G_MAXINT64, 0,
                             (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Video count */
  properties [PROP_VIDEOS] =
    g_param_spec_int64 ("videos", NULL, NULL,
                             G_MININT64, G_MAXINT64, 0,
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

  /* Distinct creators */
  properties [PROP_CREATORS] =
    g_param_spec_int64 ("creators", NULL, NULL,
                             G_MININT64, G_MAXINT64, 0,
                             (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Where the figures came from */
  properties [PROP_SOURCE] =
    g_param_spec_enum ("source", NULL, NULL,
                            RALLY_TYPE_SOURCE, RALLY_SOURCE_TYPED,
                            (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* When the figures were fetched or typed, UTC unix seconds */
  properties [PROP_FETCHED_AT] =
    g_param_spec_int64 ("fetched-at", NULL, NULL,
                             G_MININT64, G_MAXINT64, 0,
                             (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rally_snapshot_init (RallySnapshot *self)
{
  self->source = RALLY_SOURCE_TYPED;
}

RallySnapshot *
rally_snapshot_new (void)
{
  return g_object_new (RALLY_TYPE_SNAPSHOT, NULL);
}

/**
 * rally_snapshot_copy:
 * @self: a #RallySnapshot
 *
 * Returns: (transfer full): a deep copy of @self, with the same id, to edit in a form.
 */
RallySnapshot *
rally_snapshot_copy (RallySnapshot *self)
{
  g_return_val_if_fail (RALLY_IS_SNAPSHOT (self), NULL);

  return _rally_record_copy (self);
}

gint64
rally_snapshot_get_id (RallySnapshot *self)
{
  g_return_val_if_fail (RALLY_IS_SNAPSHOT (self), 0);

  return self->id;
}

void
rally_snapshot_set_id (RallySnapshot *self,
                       gint64         id)
{
  g_return_if_fail (RALLY_IS_SNAPSHOT (self));

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ID]);
}

gint64
rally_snapshot_get_created_at (RallySnapshot *self)
{
  g_return_val_if_fail (RALLY_IS_SNAPSHOT (self), 0);

  return self->created_at;
}

void
rally_snapshot_set_created_at (RallySnapshot *self,
                               gint64         created_at)
{
  g_return_if_fail (RALLY_IS_SNAPSHOT (self));

  if (self->created_at == created_at)
    return;

  self->created_at = created_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CREATED_AT]);
}

gint64
rally_snapshot_get_updated_at (RallySnapshot *self)
{
  g_return_val_if_fail (RALLY_IS_SNAPSHOT (self), 0);

  return self->updated_at;
}

void
rally_snapshot_set_updated_at (RallySnapshot *self,
                               gint64         updated_at)
{
  g_return_if_fail (RALLY_IS_SNAPSHOT (self));

  if (self->updated_at == updated_at)
    return;

  self->updated_at = updated_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_UPDATED_AT]);
}

gint64
rally_snapshot_get_challenge_id (RallySnapshot *self)
{
  g_return_val_if_fail (RALLY_IS_SNAPSHOT (self), 0);

  return self->challenge_id;
}

void
rally_snapshot_set_challenge_id (RallySnapshot *self,
                                 gint64         challenge_id)
{
  g_return_if_fail (RALLY_IS_SNAPSHOT (self));

  if (self->challenge_id == challenge_id)
    return;

  self->challenge_id = challenge_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CHALLENGE_ID]);
}

gint64
rally_snapshot_get_taken_at (RallySnapshot *self)
{
  g_return_val_if_fail (RALLY_IS_SNAPSHOT (self), 0);

  return self->taken_at;
}

void
rally_snapshot_set_taken_at (RallySnapshot *self,
                             gint64         taken_at)
{
  g_return_if_fail (RALLY_IS_SNAPSHOT (self));

  if (self->taken_at == taken_at)
    return;

  self->taken_at = taken_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TAKEN_AT]);
}

gint64
rally_snapshot_get_videos (RallySnapshot *self)
{
  g_return_val_if_fail (RALLY_IS_SNAPSHOT (self), 0);

  return self->videos;
}

void
rally_snapshot_set_videos (RallySnapshot *self,
                           gint64         videos)
{
  g_return_if_fail (RALLY_IS_SNAPSHOT (self));

  if (self->videos == videos)
    return;

  self->videos = videos;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_VIDEOS]);
}

gint64
rally_snapshot_get_views (RallySnapshot *self)
{
  g_return_val_if_fail (RALLY_IS_SNAPSHOT (self), 0);

  return self->views;
}

void
rally_snapshot_set_views (RallySnapshot *self,
                          gint64         views)
{
  g_return_if_fail (RALLY_IS_SNAPSHOT (self));

  if (self->views == views)
    return;

  self->views = views;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_VIEWS]);
}

gint64
rally_snapshot_get_likes (RallySnapshot *self)
{
  g_return_val_if_fail (RALLY_IS_SNAPSHOT (self), 0);

  return self->likes;
}

void
rally_snapshot_set_likes (RallySnapshot *self,
                          gint64         likes)
{
  g_return_if_fail (RALLY_IS_SNAPSHOT (self));

  if (self->likes == likes)
    return;

  self->likes = likes;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LIKES]);
}

gint64
rally_snapshot_get_comments (RallySnapshot *self)
{
  g_return_val_if_fail (RALLY_IS_SNAPSHOT (self), 0);

  return self->comments;
}

void
rally_snapshot_set_comments (RallySnapshot *self,
                             gint64         comments)
{
  g_return_if_fail (RALLY_IS_SNAPSHOT (self));

  if (self->comments == comments)
    return;

  self->comments = comments;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_COMMENTS]);
}

gint64
rally_snapshot_get_shares (RallySnapshot *self)
{
  g_return_val_if_fail (RALLY_IS_SNAPSHOT (self), 0);

  return self->shares;
}

void
rally_snapshot_set_shares (RallySnapshot *self,
                           gint64         shares)
{
  g_return_if_fail (RALLY_IS_SNAPSHOT (self));

  if (self->shares == shares)
    return;

  self->shares = shares;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SHARES]);
}

gint64
rally_snapshot_get_creators (RallySnapshot *self)
{
  g_return_val_if_fail (RALLY_IS_SNAPSHOT (self), 0);

  return self->creators;
}

void
rally_snapshot_set_creators (RallySnapshot *self,
                             gint64         creators)
{
  g_return_if_fail (RALLY_IS_SNAPSHOT (self));

  if (self->creators == creators)
    return;

  self->creators = creators;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CREATORS]);
}

RallySource
rally_snapshot_get_source (RallySnapshot *self)
{
  g_return_val_if_fail (RALLY_IS_SNAPSHOT (self), 0);

  return self->source;
}

void
rally_snapshot_set_source (RallySnapshot *self,
                           RallySource    source)
{
  g_return_if_fail (RALLY_IS_SNAPSHOT (self));

  if (self->source == source)
    return;

  self->source = source;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SOURCE]);
}

gint64
rally_snapshot_get_fetched_at (RallySnapshot *self)
{
  g_return_val_if_fail (RALLY_IS_SNAPSHOT (self), 0);

  return self->fetched_at;
}

void
rally_snapshot_set_fetched_at (RallySnapshot *self,
                               gint64         fetched_at)
{
  g_return_if_fail (RALLY_IS_SNAPSHOT (self));

  if (self->fetched_at == fetched_at)
    return;

  self->fetched_at = fetched_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_FETCHED_AT]);
}
