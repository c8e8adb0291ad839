/* rally-event.c
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

/* An event on the timeline of a challenge or a campaign: one day (a launch, a partner
 * or a celebrity joining, press coverage, an AR effect released) or a period (a
 * promoted hashtag running from one day to another). It belongs to exactly one owner:
 * its challenge id or its campaign id is set, the other is 0. */

#define G_LOG_DOMAIN "RallyEvent"

#include "config.h"

#include "rally-enums.h"
#include "rally-record-private.h"
#include "rally-event.h"

struct _RallyEvent
{
  RallyRecord parent_instance;

  gint64          challenge_id;
  gint64          campaign_id;
  RallyEventKind  kind;
  char           *title;
  char           *note;
  gint64          first_day;
  gint64          last_day;
};

G_DEFINE_FINAL_TYPE (RallyEvent, rally_event, RALLY_TYPE_RECORD)

enum {
  PROP_0,
  PROP_CHALLENGE_ID,
  PROP_CAMPAIGN_ID,
  PROP_KIND,
  PROP_TITLE,
  PROP_NOTE,
  PROP_FIRST_DAY,
  PROP_LAST_DAY,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* Where each property is stored: RallyRecord gets, sets and frees the fields */
static const gsize offsets [N_PROPS] = {
  [PROP_CHALLENGE_ID] = G_STRUCT_OFFSET (RallyEvent, challenge_id),
  [PROP_CAMPAIGN_ID]  = G_STRUCT_OFFSET (RallyEvent, campaign_id),
  [PROP_KIND]         = G_STRUCT_OFFSET (RallyEvent, kind),
  [PROP_TITLE]        = G_STRUCT_OFFSET (RallyEvent, title),
  [PROP_NOTE]         = G_STRUCT_OFFSET (RallyEvent, note),
  [PROP_FIRST_DAY]    = G_STRUCT_OFFSET (RallyEvent, first_day),
  [PROP_LAST_DAY]     = G_STRUCT_OFFSET (RallyEvent, last_day),
};

static void
rally_event_class_init (RallyEventClass *klass)
{
  /* The challenge the event belongs to, 0 when it belongs to a campaign */
  properties [PROP_CHALLENGE_ID] = _rally_record_int64_param ("challenge-id");

  /* The campaign the event belongs to, 0 when it belongs to a challenge */
  properties [PROP_CAMPAIGN_ID] = _rally_record_int64_param ("campaign-id");

  /* What happened */
  properties [PROP_KIND] =
    _rally_record_enum_param ("kind", RALLY_TYPE_EVENT_KIND, RALLY_EVENT_KIND_OTHER);

  /* A short title shown on the chart (required) */
  properties [PROP_TITLE] = _rally_record_string_param ("title", "");

  /* Free notes */
  properties [PROP_NOTE] = _rally_record_string_param ("note", "");

  /* First day, UTC midnight as unix seconds (required) */
  properties [PROP_FIRST_DAY] = _rally_record_int64_param ("first-day");

  /* Last day (inclusive), UTC midnight as unix seconds: the first day for a one-day event */
  properties [PROP_LAST_DAY] = _rally_record_int64_param ("last-day");

  _rally_record_class_install_fields (RALLY_RECORD_CLASS (klass), N_PROPS, properties, offsets);
}

static void
rally_event_init (RallyEvent *self)
{
  _rally_record_init_fields (self);
}

RallyEvent *
rally_event_new (void)
{
  return g_object_new (RALLY_TYPE_EVENT, NULL);
}

gint64
rally_event_get_challenge_id (RallyEvent *self)
{
  g_return_val_if_fail (RALLY_IS_EVENT (self), 0);

  return self->challenge_id;
}

void
rally_event_set_challenge_id (RallyEvent *self,
                              gint64      challenge_id)
{
  g_return_if_fail (RALLY_IS_EVENT (self));

  _rally_record_set_int64 (self, &self->challenge_id, challenge_id, properties [PROP_CHALLENGE_ID]);
}

gint64
rally_event_get_campaign_id (RallyEvent *self)
{
  g_return_val_if_fail (RALLY_IS_EVENT (self), 0);

  return self->campaign_id;
}

void
rally_event_set_campaign_id (RallyEvent *self,
                             gint64      campaign_id)
{
  g_return_if_fail (RALLY_IS_EVENT (self));

  _rally_record_set_int64 (self, &self->campaign_id, campaign_id, properties [PROP_CAMPAIGN_ID]);
}

RallyEventKind
rally_event_get_kind (RallyEvent *self)
{
  g_return_val_if_fail (RALLY_IS_EVENT (self), RALLY_EVENT_KIND_OTHER);

  return self->kind;
}

void
rally_event_set_kind (RallyEvent     *self,
                      RallyEventKind  kind)
{
  g_return_if_fail (RALLY_IS_EVENT (self));

  _rally_record_set_enum (self, &self->kind, kind, properties [PROP_KIND]);
}

const char *
rally_event_get_title (RallyEvent *self)
{
  g_return_val_if_fail (RALLY_IS_EVENT (self), NULL);

  return self->title;
}

void
rally_event_set_title (RallyEvent *self,
                       const char *title)
{
  g_return_if_fail (RALLY_IS_EVENT (self));

  _rally_record_set_string (self, &self->title, title, properties [PROP_TITLE]);
}

const char *
rally_event_get_note (RallyEvent *self)
{
  g_return_val_if_fail (RALLY_IS_EVENT (self), NULL);

  return self->note;
}

void
rally_event_set_note (RallyEvent *self,
                      const char *note)
{
  g_return_if_fail (RALLY_IS_EVENT (self));

  _rally_record_set_string (self, &self->note, note, properties [PROP_NOTE]);
}

gint64
rally_event_get_first_day (RallyEvent *self)
{
  g_return_val_if_fail (RALLY_IS_EVENT (self), 0);

  return self->first_day;
}

void
rally_event_set_first_day (RallyEvent *self,
                           gint64      first_day)
{
  g_return_if_fail (RALLY_IS_EVENT (self));

  _rally_record_set_int64 (self, &self->first_day, first_day, properties [PROP_FIRST_DAY]);
}

gint64
rally_event_get_last_day (RallyEvent *self)
{
  g_return_val_if_fail (RALLY_IS_EVENT (self), 0);

  return self->last_day;
}

void
rally_event_set_last_day (RallyEvent *self,
                          gint64      last_day)
{
  g_return_if_fail (RALLY_IS_EVENT (self));

  _rally_record_set_int64 (self, &self->last_day, last_day, properties [PROP_LAST_DAY]);
}

/**
 * rally_event_is_period:
 * @self: a #RallyEvent
 *
 * Returns: %TRUE when the event runs over several days (a band on a chart), %FALSE
 *   for a one-day event (a marker)
 */
gboolean
rally_event_is_period (RallyEvent *self)
{
  g_return_val_if_fail (RALLY_IS_EVENT (self), FALSE);

  return self->last_day > self->first_day;
}
