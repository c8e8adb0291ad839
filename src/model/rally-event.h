/* rally-event.h
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

#define RALLY_TYPE_EVENT (rally_event_get_type ())

G_DECLARE_FINAL_TYPE (RallyEvent, rally_event, RALLY, EVENT, RallyRecord)

RallyEvent     *rally_event_new             (void);
gint64          rally_event_get_challenge_id (RallyEvent     *self);
void            rally_event_set_challenge_id (RallyEvent     *self,
                                              gint64          challenge_id);
gint64          rally_event_get_campaign_id (RallyEvent     *self);
void            rally_event_set_campaign_id (RallyEvent     *self,
                                             gint64          campaign_id);
RallyEventKind  rally_event_get_kind        (RallyEvent     *self);
void            rally_event_set_kind        (RallyEvent     *self,
                                             RallyEventKind  kind);
const char     *rally_event_get_title       (RallyEvent     *self);
void            rally_event_set_title       (RallyEvent     *self,
                                             const char     *title);
const char     *rally_event_get_note        (RallyEvent     *self);
void            rally_event_set_note        (RallyEvent     *self,
                                             const char     *note);
gint64          rally_event_get_first_day   (RallyEvent     *self);
void            rally_event_set_first_day   (RallyEvent     *self,
                                             gint64          first_day);
gint64          rally_event_get_last_day    (RallyEvent     *self);
void            rally_event_set_last_day    (RallyEvent     *self,
                                             gint64          last_day);
gboolean        rally_event_is_period       (RallyEvent     *self);

/* Most callers want the id: a typed shorthand for rally_record_get_id() */
static inline gint64
rally_event_get_id (RallyEvent *self)
{
  return rally_record_get_id (RALLY_RECORD (self));
}

G_END_DECLS
