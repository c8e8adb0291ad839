/* rally-video.h
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

#define RALLY_TYPE_VIDEO (rally_video_get_type ())

G_DECLARE_FINAL_TYPE (RallyVideo, rally_video, RALLY, VIDEO, RallyRecord)

RallyVideo       *rally_video_new              (void);
gint64            rally_video_get_challenge_id (RallyVideo *self);
void              rally_video_set_challenge_id (RallyVideo *self,
                                                gint64      challenge_id);
gint64            rally_video_get_tiktok_id    (RallyVideo *self);
void              rally_video_set_tiktok_id    (RallyVideo *self,
                                                gint64      tiktok_id);
const char       *rally_video_get_creator      (RallyVideo *self);
void              rally_video_set_creator      (RallyVideo *self,
                                                const char *creator);
const char       *rally_video_get_region       (RallyVideo *self);
void              rally_video_set_region       (RallyVideo *self,
                                                const char *region);
gint64            rally_video_get_posted_at    (RallyVideo *self);
void              rally_video_set_posted_at    (RallyVideo *self,
                                                gint64      posted_at);
const char       *rally_video_get_description  (RallyVideo *self);
void              rally_video_set_description  (RallyVideo *self,
                                                const char *description);
gint64            rally_video_get_views        (RallyVideo *self);
void              rally_video_set_views        (RallyVideo *self,
                                                gint64      views);
gint64            rally_video_get_likes        (RallyVideo *self);
void              rally_video_set_likes        (RallyVideo *self,
                                                gint64      likes);
gint64            rally_video_get_comments     (RallyVideo *self);
void              rally_video_set_comments     (RallyVideo *self,
                                                gint64      comments);
gint64            rally_video_get_shares       (RallyVideo *self);
void              rally_video_set_shares       (RallyVideo *self,
                                                gint64      shares);
RallyVideoOrigin  rally_video_get_origin       (RallyVideo *self);
void              rally_video_set_origin       (RallyVideo       *self,
                                                RallyVideoOrigin  origin);
gboolean          rally_video_get_origin_manual (RallyVideo *self);
void              rally_video_set_origin_manual (RallyVideo *self,
                                                 gboolean    origin_manual);
gboolean          rally_video_is_seeded        (RallyVideo *self);

/* Most callers want the id: a typed shorthand for rally_record_get_id() */
static inline gint64
rally_video_get_id (RallyVideo *self)
{
  return rally_record_get_id (RALLY_RECORD (self));
}

G_END_DECLS
