/* rally-planned-post.h
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

#include "rally-record.h"
#include "rally-types.h"

G_BEGIN_DECLS

#define RALLY_TYPE_PLANNED_POST (rally_planned_post_get_type ())

G_DECLARE_FINAL_TYPE (RallyPlannedPost, rally_planned_post, RALLY, PLANNED_POST, RallyRecord)

RallyPlannedPost *rally_planned_post_new              (void);
gint64            rally_planned_post_get_scheduled_at (RallyPlannedPost *self);
void              rally_planned_post_set_scheduled_at (RallyPlannedPost *self,
                                                       gint64            scheduled_at);
const char       *rally_planned_post_get_channel      (RallyPlannedPost *self);
void              rally_planned_post_set_channel      (RallyPlannedPost *self,
                                                       const char       *channel);
const char       *rally_planned_post_get_caption      (RallyPlannedPost *self);
void              rally_planned_post_set_caption      (RallyPlannedPost *self,
                                                       const char       *caption);
RallyPostStatus   rally_planned_post_get_status       (RallyPlannedPost *self);
void              rally_planned_post_set_status       (RallyPlannedPost *self,
                                                       RallyPostStatus   status);
gint64            rally_planned_post_get_challenge_id (RallyPlannedPost *self);
void              rally_planned_post_set_challenge_id (RallyPlannedPost *self,
                                                       gint64            challenge_id);
gint64            rally_planned_post_get_campaign_id  (RallyPlannedPost *self);
void              rally_planned_post_set_campaign_id  (RallyPlannedPost *self,
                                                       gint64            campaign_id);

/* Most callers want the id: a typed shorthand for rally_record_get_id() */
static inline gint64
rally_planned_post_get_id (RallyPlannedPost *self)
{
  return rally_record_get_id (RALLY_RECORD (self));
}

G_END_DECLS
