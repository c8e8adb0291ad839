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
#include "rally-record-private.h"
#include "rally-planned-post.h"

struct _RallyPlannedPost
{
  RallyRecord parent_instance;

  gint64            scheduled_at;
  char             *channel;
  char             *caption;
  RallyPostStatus   status;
  gint64            challenge_id;
  gint64            campaign_id;
};

G_DEFINE_FINAL_TYPE (RallyPlannedPost, rally_planned_post, RALLY_TYPE_RECORD)

enum {
  PROP_0,
  PROP_SCHEDULED_AT,
  PROP_CHANNEL,
  PROP_CAPTION,
  PROP_STATUS,
  PROP_CHALLENGE_ID,
  PROP_CAMPAIGN_ID,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* Where each property is stored: RallyRecord gets, sets and frees the fields */
static const gsize offsets [N_PROPS] = {
  [PROP_SCHEDULED_AT] = G_STRUCT_OFFSET (RallyPlannedPost, scheduled_at),
  [PROP_CHANNEL]      = G_STRUCT_OFFSET (RallyPlannedPost, channel),
  [PROP_CAPTION]      = G_STRUCT_OFFSET (RallyPlannedPost, caption),
  [PROP_STATUS]       = G_STRUCT_OFFSET (RallyPlannedPost, status),
  [PROP_CHALLENGE_ID] = G_STRUCT_OFFSET (RallyPlannedPost, challenge_id),
  [PROP_CAMPAIGN_ID]  = G_STRUCT_OFFSET (RallyPlannedPost, campaign_id),
};

static void
rally_planned_post_class_init (RallyPlannedPostClass *klass)
{
  /* Date and time of the post, UTC unix seconds */
  properties [PROP_SCHEDULED_AT] = _rally_record_int64_param ("scheduled-at");

  /* Where it is posted, e.g. TikTok or Instagram */
  properties [PROP_CHANNEL] = _rally_record_string_param ("channel", "");

  /* The caption */
  properties [PROP_CAPTION] = _rally_record_string_param ("caption", "");

  /* Idea, draft, scheduled or published */
  properties [PROP_STATUS] =
    _rally_record_enum_param ("status", RALLY_TYPE_POST_STATUS, RALLY_POST_STATUS_IDEA);

  /* The challenge it promotes, 0 for none */
  properties [PROP_CHALLENGE_ID] = _rally_record_int64_param ("challenge-id");

  /* The campaign it belongs to, 0 for none */
  properties [PROP_CAMPAIGN_ID] = _rally_record_int64_param ("campaign-id");

  _rally_record_class_install_fields (RALLY_RECORD_CLASS (klass), N_PROPS, properties, offsets);
}

static void
rally_planned_post_init (RallyPlannedPost *self)
{
  _rally_record_init_fields (self);
}

RallyPlannedPost *
rally_planned_post_new (void)
{
  return g_object_new (RALLY_TYPE_PLANNED_POST, NULL);
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

  _rally_record_set_int64 (self, &self->scheduled_at, scheduled_at, properties [PROP_SCHEDULED_AT]);
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

  _rally_record_set_string (self, &self->channel, channel, properties [PROP_CHANNEL]);
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

  _rally_record_set_string (self, &self->caption, caption, properties [PROP_CAPTION]);
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

  _rally_record_set_enum (self, &self->status, status, properties [PROP_STATUS]);
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

  _rally_record_set_int64 (self, &self->challenge_id, challenge_id, properties [PROP_CHALLENGE_ID]);
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

  _rally_record_set_int64 (self, &self->campaign_id, campaign_id, properties [PROP_CAMPAIGN_ID]);
}
