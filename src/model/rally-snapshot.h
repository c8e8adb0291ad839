/* rally-snapshot.h
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

#define RALLY_TYPE_SNAPSHOT (rally_snapshot_get_type ())

G_DECLARE_FINAL_TYPE (RallySnapshot, rally_snapshot, RALLY, SNAPSHOT, RallyRecord)

RallySnapshot *rally_snapshot_new              (void);
gint64         rally_snapshot_get_challenge_id (RallySnapshot *self);
void           rally_snapshot_set_challenge_id (RallySnapshot *self,
                                                gint64         challenge_id);
gint64         rally_snapshot_get_taken_at     (RallySnapshot *self);
void           rally_snapshot_set_taken_at     (RallySnapshot *self,
                                                gint64         taken_at);
gint64         rally_snapshot_get_videos       (RallySnapshot *self);
void           rally_snapshot_set_videos       (RallySnapshot *self,
                                                gint64         videos);
gint64         rally_snapshot_get_views        (RallySnapshot *self);
void           rally_snapshot_set_views        (RallySnapshot *self,
                                                gint64         views);
gint64         rally_snapshot_get_likes        (RallySnapshot *self);
void           rally_snapshot_set_likes        (RallySnapshot *self,
                                                gint64         likes);
gint64         rally_snapshot_get_comments     (RallySnapshot *self);
void           rally_snapshot_set_comments     (RallySnapshot *self,
                                                gint64         comments);
gint64         rally_snapshot_get_shares       (RallySnapshot *self);
void           rally_snapshot_set_shares       (RallySnapshot *self,
                                                gint64         shares);
gint64         rally_snapshot_get_creators     (RallySnapshot *self);
void           rally_snapshot_set_creators     (RallySnapshot *self,
                                                gint64         creators);
RallySource    rally_snapshot_get_source       (RallySnapshot *self);
void           rally_snapshot_set_source       (RallySnapshot *self,
                                                RallySource    source);
gint64         rally_snapshot_get_fetched_at   (RallySnapshot *self);
void           rally_snapshot_set_fetched_at   (RallySnapshot *self,
                                                gint64         fetched_at);

/* Most callers want the id: a typed shorthand for rally_record_get_id() */
static inline gint64
rally_snapshot_get_id (RallySnapshot *self)
{
  return rally_record_get_id (RALLY_RECORD (self));
}

const char    *rally_source_name              (RallySource    source);
char          *rally_snapshot_describe_fetch  (RallySnapshot *self);

G_END_DECLS
