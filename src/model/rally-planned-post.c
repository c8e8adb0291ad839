/* rally-planned-post.c
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

/* A post planned in the content calendar. */

#define G_LOG_DOMAIN "RallyPlannedPost"

#include "config.h"

#include "rally-enums.h"
#include "rally-record.h"
#include "rally-planned-post.h"

struct _RallyPlannedPost
{
  GObject parent_instance;

  gint64            id;
  gint64            created_at;
  gint64            updated_at;
  gint64            scheduled_at;
  char             *channel;
  char             *caption;
  RallyPostStatus   status;
  gint64            challenge_id;
  gint64            campaign_id;
};

G_DEFINE_FINAL_TYPE (RallyPlannedPost, rally_planned_post, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  PROP_SCHEDULED_AT,
  PROP_CHANNEL,
  PROP_CAPTION,
  PROP_STATUS,
  PROP_CHALLENGE_ID,
  PROP_CAMPAIGN_ID,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
rally_planned_post_finalize (GObject *object)
{
  RallyPlannedPost *self = RALLY_PLANNED_POST (object);

  g_clear_pointer (&self->channel, g_free);
  g_clear_pointer (&self->caption, g_free);

  G_OBJECT_CLASS (rally_planned_post_parent_class)->finalize (object);
}

static void
rally_planned_post_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  RallyPlannedPost *self = RALLY_PLANNED_POST (object);

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

    case PROP_SCHEDULED_AT:
      g_value_set_int64 (value, self->scheduled_at);
      break;

    case PROP_CHANNEL:
      g_value_set_string (value, self->channel);
      break;

    case PROP_CAPTION:
      g_value_set_string (value, self->caption);
      break;

    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;

    case PROP_CHALLENGE_ID:
      g_value_set_int64 (value, self->challenge_id);
      break;

    case PROP_CAMPAIGN_ID:
      g_value_set_int64 (value, self->campaign_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rally_planned_post_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  RallyPlannedPost *self = RALLY_PLANNED_POST (object);

  switch (prop_id)
    {
    case PROP_ID:
      rally_planned_post_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_CREATED_AT:
      rally_planned_post_set_created_at (self, g_value_get_int64 (value));
      break;

    case PROP_UPDATED_AT:
      rally_planned_post_set_updated_at (self, g_value_get_int64 (value));
      break;

    case PROP_SCHEDULED_AT:
      rally_planned_post_set_scheduled_at (self, g_value_get_int64 (value));
      break;

    case PROP_CHANNEL:
      rally_planned_post_set_channel (self, g_value_get_string (value));
      break;

    case PROP_CAPTION:
      rally_planned_post_set_caption (self, g_value_get_string (value));
      break;

    case PROP_STATUS:
      rally_planned_post_set_status (self, g_value_get_enum (value));
      break;

    case PROP_CHALLENGE_ID:
      rally_planned_post_set_challenge_id (self, g_value_get_int64 (value));
      break;

    case PROP_CAMPAIGN_ID:
      rally_planned_post_set_campaign_id (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rally_planned_post_class_init (RallyPlannedPostClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rally_planned_post_finalize;
  object_class->get_property = rally_planned_post_get_property;
  object_class->set_property = rally_planned_post_set_property;

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

  /* Date and time of the post, UTC unix seconds */
  properties [PROP_SCHEDULED_AT] =
    g_param_spec_int64 ("scheduled-at", NULL, NULL,
                             G_MININT64, G_MAXINT64, 0,
                             (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Where it is posted, e.g. TikTok or Instagram */
  properties [PROP_CHANNEL] =
    g_param_spec_string ("channel", NULL, NULL,
                             "",
                             (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* The caption */
  properties [PROP_CAPTION] =
    g_param_spec_string ("caption", NULL, NULL,
                             "",
                             (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Idea, draft, scheduled or published */
  properties [PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL,
                            RALLY_TYPE_POST_STATUS, RALLY_POST_STATUS_IDEA,
                            (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* The challenge it promotes, 0 for none */
  properties [PROP_CHALLENGE_ID] =
    g_param_spec_int64 ("challenge-id", NULL, NULL,
                             G_MININT64, G_MAXINT64, 0,
                             (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* The campaign it belongs to, 0 for none */
  properties [PROP_CAMPAIGN_ID] =
    g_param_spec_int64 ("campaign-id", NULL, NULL,
                             G_MININT64, G_MAXINT64, 0,
                             (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rally_planned_post_init (RallyPlannedPost *self)
{
  self->channel = g_strdup ("");
  self->caption = g_strdup ("");
  self->status = RALLY_POST_STATUS_IDEA;
}

RallyPlannedPost *
rally_planned_post_new (void)
{
  return g_object_new (RALLY_TYPE_PLANNED_POST, NULL);
}

/**
 * rally_planned_post_copy:
 * @self: a #RallyPlannedPost
 *
 * Returns: (transfer full): a deep copy of @self, with the same id, to edit in a form.
 */
RallyPlannedPost *
rally_planned_post_copy (RallyPlannedPost *self)
{
  g_return_val_if_fail (RALLY_IS_PLANNED_POST (self), NULL);

  return _rally_record_copy (self);
}

gint64
rally_planned_post_get_id (RallyPlannedPost *self)
{
  g_return_val_if_fail (RALLY_IS_PLANNED_POST (self), 0);

  return self->id;
}

void
rally_planned_post_set_id (RallyPlannedPost *self,
                           gint64            id)
{
  g_return_if_fail (RALLY_IS_PLANNED_POST (self));

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ID]);
}

gint64
rally_planned_post_get_created_at (RallyPlannedPost *self)
{
  g_return_val_if_fail (RALLY_IS_PLANNED_POST (self), 0);

  return self->created_at;
}

void
rally_planned_post_set_created_at (RallyPlannedPost *self,
                                   gint64            created_at)
{
  g_return_if_fail (RALLY_IS_PLANNED_POST (self));

  if (self->created_at == created_at)
    return;

  self->created_at = created_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CREATED_AT]);
}

gint64
rally_planned_post_get_updated_at (RallyPlannedPost *self)
{
  g_return_val_if_fail (RALLY_IS_PLANNED_POST (self), 0);

  return self->updated_at;
}

void
rally_planned_post_set_updated_at (RallyPlannedPost *self,
                                   gint64            updated_at)
{
  g_return_if_fail (RALLY_IS_PLANNED_POST (self));

  if (self->updated_at == updated_at)
    return;

  self->updated_at = updated_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_UPDATED_AT]);
}

gint64
rally_planned_post_get_scheduled_at (RallyPlannedPost *self)
{
  g_return_val_if_fail (RALLY_IS_PLANNED_POST (self), 0);

  return self->scheduled_at;
}

void
rally_planned_post_set_scheduled_at (RallyPlannedPost *self,
                                     gint64            scheduled_at)
{
  g_return_if_fail (RALLY_IS_PLANNED_POST (self));

  if (self->scheduled_at == scheduled_at)
    return;

  self->scheduled_at = scheduled_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SCHEDULED_AT]);
}

const char *
rally_planned_post_get_channel (RallyPlannedPost *self)
{
  g_return_val_if_fail (RALLY_IS_PLANNED_POST (self), NULL);

  return self->channel;
}

void
rally_planned_post_set_channel (RallyPlannedPost *self,
                                const char       *channel)
{
  g_return_if_fail (RALLY_IS_PLANNED_POST (self));

  if (channel == NULL)
    channel = "";

  if (g_strcmp0 (self->channel, channel) == 0)
    return;

  g_free (self->channel);
  self->channel = g_strdup (channel);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CHANNEL]);
}

const char *
rally_planned_post_get_caption (RallyPlannedPost *self)
{
  g_return_val_if_fail (RALLY_IS_PLANNED_POST (self), NULL);

  return self->caption;
}

void
rally_planned_post_set_caption (RallyPlannedPost *self,
                                const char       *caption)
{
  g_return_if_fail (RALLY_IS_PLANNED_POST (self));

  if (caption == NULL)
    caption = "";

  if (g_strcmp0 (self->caption, caption) == 0)
    return;

  g_free (self->caption);
  self->caption = g_strdup (caption);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CAPTION]);
}

RallyPostStatus
rally_planned_post_get_status (RallyPlannedPost *self)
{
  g_return_val_if_fail (RALLY_IS_PLANNED_POST (self), 0);

  return self->status;
}

void
rally_planned_post_set_status (RallyPlannedPost *self,
                               RallyPostStatus   status)
{
  g_return_if_fail (RALLY_IS_PLANNED_POST (self));

  if (self->status == status)
    return;

  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STATUS]);
}

gint64
rally_planned_post_get_challenge_id (RallyPlannedPost *self)
{
  g_return_val_if_fail (RALLY_IS_PLANNED_POST (self), 0);

  return self->challenge_id;
}

void
rally_planned_post_set_challenge_id (RallyPlannedPost *self,
                                     gint64            challenge_id)
{
  g_return_if_fail (RALLY_IS_PLANNED_POST (self));

  if (self->challenge_id == challenge_id)
    return;

  self->challenge_id = challenge_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CHALLENGE_ID]);
}

gint64
rally_planned_post_get_campaign_id (RallyPlannedPost *self)
{
  g_return_val_if_fail (RALLY_IS_PLANNED_POST (self), 0);

  return self->campaign_id;
}

void
rally_planned_post_set_campaign_id (RallyPlannedPost *self,
                                    gint64            campaign_id)
{
  g_return_if_fail (RALLY_IS_PLANNED_POST (self));

  if (self->campaign_id == campaign_id)
    return;

  self->campaign_id = campaign_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CAMPAIGN_ID]);
}
