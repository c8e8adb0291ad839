/* rally-challenge.c
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

/* A TikTok hashtag challenge. */

#define G_LOG_DOMAIN "RallyChallenge"

#include "config.h"

#include "rally-enums.h"
#include "rally-record.h"
#include "rally-challenge.h"

struct _RallyChallenge
{
  GObject parent_instance;

  gint64                 id;
  gint64                 created_at;
  gint64                 updated_at;
  gint64                 campaign_id;
  char                  *hashtag;
  char                  *title;
  char                  *brief;
  char                  *call_to_action;
  char                  *rules;
  char                  *sound_notes;
  gint64                 start_date;
  gint64                 end_date;
  gint64                 goal_videos;
  gint64                 goal_views;
  char                 **regions;
  gint64                 pledge_per_video;
  gint64                 pledge_cap;
  char                  *currency;
  char                  *sponsor;
  RallyChallengeStatus   status;
  RallyAudience          audience;
  char                  *consent_wording;
  gboolean               no_personal_data;
  char                  *moderation_plan;
  char                  *reporting_route;
};

G_DEFINE_FINAL_TYPE (RallyChallenge, rally_challenge, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  PROP_CAMPAIGN_ID,
  PROP_HASHTAG,
  PROP_TITLE,
  PROP_BRIEF,
  PROP_CALL_TO_ACTION,
  PROP_RULES,
  PROP_SOUND_NOTES,
  PROP_START_DATE,
  PROP_END_DATE,
  PROP_GOAL_VIDEOS,
  PROP_GOAL_VIEWS,
  PROP_REGIONS,
  PROP_PLEDGE_PER_VIDEO,
  PROP_PLEDGE_CAP,
  PROP_CURRENCY,
  PROP_SPONSOR,
  PROP_STATUS,
  PROP_AUDIENCE,
  PROP_CONSENT_WORDING,
  PROP_NO_PERSONAL_DATA,
  PROP_MODERATION_PLAN,
  PROP_REPORTING_ROUTE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
rally_challenge_finalize (GObject *object)
{
  RallyChallenge *self = RALLY_CHALLENGE (object);

  g_clear_pointer (&self->hashtag, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->brief, g_free);
  g_clear_pointer (&self->call_to_action, g_free);
  g_clear_pointer (&self->rules, g_free);
  g_clear_pointer (&self->sound_notes, g_free);
  g_clear_pointer (&self->regions, g_strfreev);
  g_clear_pointer (&self->currency, g_free);
  g_clear_pointer (&self->sponsor, g_free);
  g_clear_pointer (&self->consent_wording, g_free);
  g_clear_pointer (&self->moderation_plan, g_free);
  g_clear_pointer (&self->reporting_route, g_free);

  G_OBJECT_CLASS (rally_challenge_parent_class)->finalize (object);
}

static void
rally_challenge_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  RallyChallenge *self = RALLY_CHALLENGE (object);

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

    case PROP_CAMPAIGN_ID:
      g_value_set_int64 (value, self->campaign_id);
      break;

    case PROP_HASHTAG:
      g_value_set_string (value, self->hashtag);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_BRIEF:
      g_value_set_string (value, self->brief);
      break;

    case PROP_CALL_TO_ACTION:
      g_value_set_string (value, self->call_to_action);
      break;

    case PROP_RULES:
      g_value_set_string (value, self->rules);
      break;

    case PROP_SOUND_NOTES:
      g_value_set_string (value, self->sound_notes);
      break;

    case PROP_START_DATE:
      g_value_set_int64 (value, self->start_date);
      break;

    case PROP_END_DATE:
      g_value_set_int64 (value, self->end_date);
      break;

    case PROP_GOAL_VIDEOS:
      g_value_set_int64 (value, self->goal_videos);
      break;

    case PROP_GOAL_VIEWS:
      g_value_set_int64 (value, self->goal_views);
      break;

    case PROP_REGIONS:
      g_value_set_boxed (value, self->regions);
      break;

    case PROP_PLEDGE_PER_VIDEO:
      g_value_set_int64 (value, self->pledge_per_video);
      break;

    case PROP_PLEDGE_CAP:
      g_value_set_int64 (value, self->pledge_cap);
      break;

    case PROP_CURRENCY:
      g_value_set_string (value, self->currency);
      break;

    case PROP_SPONSOR:
      g_value_set_string (value, self->sponsor);
      break;

    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;

    case PROP_AUDIENCE:
      g_value_set_enum (value, self->audience);
      break;

    case PROP_CONSENT_WORDING:
      g_value_set_string (value, self->consent_wording);
      break;

    case PROP_NO_PERSONAL_DATA:
      g_value_set_boolean (value, self->no_personal_data);
      break;

    case PROP_MODERATION_PLAN:
      g_value_set_string (value, self->moderation_plan);
      break;

    case PROP_REPORTING_ROUTE:
      g_value_set_string (value, self->reporting_route);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rally_challenge_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  RallyChallenge *self = RALLY_CHALLENGE (object);

  switch (prop_id)
    {
    case PROP_ID:
      rally_challenge_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_CREATED_AT:
      rally_challenge_set_created_at (self, g_value_get_int64 (value));
      break;

    case PROP_UPDATED_AT:
      rally_challenge_set_updated_at (self, g_value_get_int64 (value));
      break;

    case PROP_CAMPAIGN_ID:
      rally_challenge_set_campaign_id (self, g_value_get_int64 (value));
      break;

    case PROP_HASHTAG:
      rally_challenge_set_hashtag (self, g_value_get_string (value));
      break;

    case PROP_TITLE:
      rally_challenge_set_title (self, g_value_get_string (value));
      break;

    case PROP_BRIEF:
      rally_challenge_set_brief (self, g_value_get_string (value));
      break;

    case PROP_CALL_TO_ACTION:
      rally_challenge_set_call_to_action (self, g_value_get_string (value));
      break;

    case PROP_RULES:
      rally_challenge_set_rules (self, g_value_get_string (value));
      break;

    case PROP_SOUND_NOTES:
      rally_challenge_set_sound_notes (self, g_value_get_string (value));
      break;

    case PROP_START_DATE:
      rally_challenge_set_start_date (self, g_value_get_int64 (value));
      break;

    case PROP_END_DATE:
      rally_challenge_set_end_date (self, g_value_get_int64 (value));
      break;

    case PROP_GOAL_VIDEOS:
      rally_challenge_set_goal_videos (self, g_value_get_int64 (value));
      break;

    case PROP_GOAL_VIEWS:
      rally_challenge_set_goal_views (self, g_value_get_int64 (value));
      break;

    case PROP_REGIONS:
      rally_challenge_set_regions (self, g_value_get_boxed (value));
      break;

    case PROP_PLEDGE_PER_VIDEO:
      rally_challenge_set_pledge_per_video (self, g_value_get_int64 (value));
      break;

    case PROP_PLEDGE_CAP:
      rally_challenge_set_pledge_cap (self, g_value_get_int64 (value));
      break;

    case PROP_CURRENCY:
      rally_challenge_set_currency (self, g_value_get_string (value));
      break;

    case PROP_SPONSOR:
      rally_challenge_set_sponsor (self, g_value_get_string (value));
      break;

    case PROP_STATUS:
      rally_challenge_set_status (self, g_value_get_enum (value));
      break;

    case PROP_AUDIENCE:
      rally_challenge_set_audience (self, g_value_get_enum (value));
      break;

    case PROP_CONSENT_WORDING:
      rally_challenge_set_consent_wording (self, g_value_get_string (value));
      break;

    case PROP_NO_PERSONAL_DATA:
      rally_challenge_set_no_personal_data (self, g_value_get_boolean (value));
      break;

    case PROP_MODERATION_PLAN:
      rally_challenge_set_moderation_plan (self, g_value_get_string (value));
      break;

    case PROP_REPORTING_ROUTE:
      rally_challenge_set_reporting_route (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rally_challenge_class_init (RallyChallengeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rally_challenge_finalize;
  object_class->get_property = rally_challenge_get_property;
  object_class->set_property = rally_challenge_set_property;

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

  /* The campaign it belongs to, 0 for none */
  properties [PROP_CAMPAIGN_ID] =
    g_param_spec_int64 ("campaign-id", NULL, NULL,
                             G_MININT64, G_MAXINT64, 0,
                             (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* The hashtag without its leading # */
  properties [PROP_HASHTAG] =
    g_param_spec_string ("hashtag", NULL, NULL,
                             "",
                             (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* The title shown to creators */
  properties [PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                             "",
                             (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* What participants do */
  properties [PROP_BRIEF] =
    g_param_spec_string ("brief", NULL, NULL,
                             "",
                             (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* The call to action */
  properties [PROP_CALL_TO_ACTION] =
    g_param_spec_string ("call-to-action", NULL, NULL,
                             "",
                             (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* The rules of the challenge */
  properties [PROP_RULES] =
    g_param_spec_string ("rules", NULL, NULL,
                             "",
                             (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Notes on the sound or effect to use */
  properties [PROP_SOUND_NOTES] =
    g_param_spec_string ("sound-notes", NULL, NULL,
                             "",
                             (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* First day, UTC midnight as unix seconds, 0 when unset */
  properties [PROP_START_DATE] =
    g_param_spec_int64 ("start-date", NULL, NULL,
                             G_MININT64, G_MAXINT64, 0,
                             (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Last day (inclusive), UTC midnight as unix seconds, 0 when unset */
  properties [PROP_END_DATE] =
    g_param_spec_int64 ("end-date", NULL, NULL,
                             G_MININT64, G_MAXINT64, 0,
                             (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Videos to reach, 0 when there is no goal */
  properties [PROP_GOAL_VIDEOS] =
    g_param_spec_int64 ("goal-videos", NULL, NULL,
                             G_MININT64, G_MAXINT64, 0,
                             (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Views to reach, 0 when there is no goal */
  properties [PROP_GOAL_VIEWS] =
    g_param_spec_int64 ("goal-views", NULL, NULL,
                             G_MININT64, G_MAXINT64, 0,
                             (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* ISO 3166-1 alpha-2 codes of the regions to track */
  properties [PROP_REGIONS] =
    g_param_spec_boxed ("regions", NULL, NULL,
                            G_TYPE_STRV,
                            (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Donation pledged per video, in minor units of currency */
  properties [PROP_PLEDGE_PER_VIDEO] =
    g_param_spec_int64 ("pledge-per-video", NULL, NULL,
                             G_MININT64, G_MAXINT64, 0,
                             (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Most the pledge pays in total, in minor units of currency, 0 for no cap */
  properties [PROP_PLEDGE_CAP] =
    g_param_spec_int64 ("pledge-cap", NULL, NULL,
                             G_MININT64, G_MAXINT64, 0,
                             (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* ISO 4217 code of the pledge */
  properties [PROP_CURRENCY] =
    g_param_spec_string ("currency", NULL, NULL,
                             "USD",
                             (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Who pledges the donation */
  properties [PROP_SPONSOR] =
    g_param_spec_string ("sponsor", NULL, NULL,
                             "",
                             (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Stored status: draft, or scheduled once it leaves draft (see rally_challenge_get_status_at()) */
  properties [PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL,
                            RALLY_TYPE_CHALLENGE_STATUS, RALLY_CHALLENGE_STATUS_DRAFT,
                            (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Who can take part */
  properties [PROP_AUDIENCE] =
    g_param_spec_enum ("audience", NULL, NULL,
                            RALLY_TYPE_AUDIENCE, RALLY_AUDIENCE_13_PLUS,
                            (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Safeguarding: the consent wording shown to minors and parents */
  properties [PROP_CONSENT_WORDING] =
    g_param_spec_string ("consent-wording", NULL, NULL,
                             "",
                             (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Safeguarding: participants are asked for no personal data */
  properties [PROP_NO_PERSONAL_DATA] =
    g_param_spec_boolean ("no-personal-data", NULL, NULL,
                              FALSE,
                              (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Safeguarding: how entries are moderated */
  properties [PROP_MODERATION_PLAN] =
    g_param_spec_string ("moderation-plan", NULL, NULL,
                             "",
                             (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Safeguarding: where concerns are reported */
  properties [PROP_REPORTING_ROUTE] =
    g_param_spec_string ("reporting-route", NULL, NULL,
                             "",
                             (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rally_challenge_init (RallyChallenge *self)
{
  self->hashtag = g_strdup ("");
  self->title = g_strdup ("");
  self->brief = g_strdup ("");
  self->call_to_action = g_strdup ("");
  self->rules = g_strdup ("");
  self->sound_notes = g_strdup ("");
  self->regions = g_new0 (char *, 1);
  self->currency = g_strdup ("USD");
  self->sponsor = g_strdup ("");
  self->status = RALLY_CHALLENGE_STATUS_DRAFT;
  self->audience = RALLY_AUDIENCE_13_PLUS;
  self->consent_wording = g_strdup ("");
  self->moderation_plan = g_strdup ("");
  self->reporting_route = g_strdup ("");
}

RallyChallenge *
rally_challenge_new (void)
{
  return g_object_new (RALLY_TYPE_CHALLENGE, NULL);
}

/**
 * rally_challenge_copy:
 * @self: a #RallyChallenge
 *
 * Returns: (transfer full): a deep copy of @self, with the same id, to edit in a form.
 */
RallyChallenge *
rally_challenge_copy (RallyChallenge *self)
{
  g_return_val_if_fail (RALLY_IS_CHALLENGE (self), NULL);

  return _rally_record_copy (self);
}

gint64
rally_challenge_get_id (RallyChallenge *self)
{
  g_return_val_if_fail (RALLY_IS_CHALLENGE (self), 0);

  return self->id;
}

void
rally_challenge_set_id (RallyChallenge *self,
                        gint64          id)
{
  g_return_if_fail (RALLY_IS_CHALLENGE (self));

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ID]);
}

gint64
rally_challenge_get_created_at (RallyChallenge *self)
{
  g_return_val_if_fail (RALLY_IS_CHALLENGE (self), 0);

  return self->created_at;
}

void
rally_challenge_set_created_at (RallyChallenge *self,
                                gint64          created_at)
{
  g_return_if_fail (RALLY_IS_CHALLENGE (self));

  if (self->created_at == created_at)
    return;

  self->created_at = created_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CREATED_AT]);
}

gint64
rally_challenge_get_updated_at (RallyChallenge *self)
{
  g_return_val_if_fail (RALLY_IS_CHALLENGE (self), 0);

  return self->updated_at;
}

void
rally_challenge_set_updated_at (RallyChallenge *self,
                                gint64          updated_at)
{
  g_return_if_fail (RALLY_IS_CHALLENGE (self));

  if (self->updated_at == updated_at)
    return;

  self->updated_at = updated_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_UPDATED_AT]);
}

gint64
rally_challenge_get_campaign_id (RallyChallenge *self)
{
  g_return_val_if_fail (RALLY_IS_CHALLENGE (self), 0);

  return self->campaign_id;
}

void
rally_challenge_set_campaign_id (RallyChallenge *self,
                                 gint64          campaign_id)
{
  g_return_if_fail (RALLY_IS_CHALLENGE (self));

  if (self->campaign_id == campaign_id)
    return;

  self->campaign_id = campaign_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CAMPAIGN_ID]);
}

const char *
rally_challenge_get_hashtag (RallyChallenge *self)
{
  g_return_val_if_fail (RALLY_IS_CHALLENGE (self), NULL);

  return self->hashtag;
}

void
rally_challenge_set_hashtag (RallyChallenge *self,
                             const char     *hashtag)
{
  g_return_if_fail (RALLY_IS_CHALLENGE (self));

  if (hashtag == NULL)
    hashtag = "";

  if (g_strcmp0 (self->hashtag, hashtag) == 0)
    return;

  g_free (self->hashtag);
  self->hashtag = g_strdup (hashtag);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_HASHTAG]);
}

const char *
rally_challenge_get_title (RallyChallenge *self)
{
  g_return_val_if_fail (RALLY_IS_CHALLENGE (self), NULL);

  return self->title;
}

void
rally_challenge_set_title (RallyChallenge *self,
                           const char     *title)
{
  g_return_if_fail (RALLY_IS_CHALLENGE (self));

  if (title == NULL)
    title = "";

  if (g_strcmp0 (self->title, title) == 0)
    return;

  g_free (self->title);
  self->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TITLE]);
}

const char *
rally_challenge_get_brief (RallyChallenge *self)
{
  g_return_val_if_fail (RALLY_IS_CHALLENGE (self), NULL);

  return self->brief;
}

void
rally_challenge_set_brief (RallyChallenge *self,
                           const char     *brief)
{
  g_return_if_fail (RALLY_IS_CHALLENGE (self));

  if (brief == NULL)
    brief = "";

  if (g_strcmp0 (self->brief, brief) == 0)
    return;

  g_free (self->brief);
  self->brief = g_strdup (brief);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_BRIEF]);
}

const char *
rally_challenge_get_call_to_action (RallyChallenge *self)
{
  g_return_val_if_fail (RALLY_IS_CHALLENGE (self), NULL);

  return self->call_to_action;
}

void
rally_challenge_set_call_to_action (RallyChallenge *self,
                                    const char     *call_to_action)
{
  g_return_if_fail (RALLY_IS_CHALLENGE (self));

  if (call_to_action == NULL)
    call_to_action = "";

  if (g_strcmp0 (self->call_to_action, call_to_action) == 0)
    return;

  g_free (self->call_to_action);
  self->call_to_action = g_strdup (call_to_action);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CALL_TO_ACTION]);
}

const char *
rally_challenge_get_rules (RallyChallenge *self)
{
  g_return_val_if_fail (RALLY_IS_CHALLENGE (self), NULL);

  return self->rules;
}

void
rally_challenge_set_rules (RallyChallenge *self,
                           const char     *rules)
{
  g_return_if_fail (RALLY_IS_CHALLENGE (self));

  if (rules == NULL)
    rules = "";

  if (g_strcmp0 (self->rules, rules) == 0)
    return;

  g_free (self->rules);
  self->rules = g_strdup (rules);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_RULES]);
}

const char *
rally_challenge_get_sound_notes (RallyChallenge *self)
{
  g_return_val_if_fail (RALLY_IS_CHALLENGE (self), NULL);

  return self->sound_notes;
}

void
rally_challenge_set_sound_notes (RallyChallenge *self,
                                 const char     *sound_notes)
{
  g_return_if_fail (RALLY_IS_CHALLENGE (self));

  if (sound_notes == NULL)
    sound_notes = "";

  if (g_strcmp0 (self->sound_notes, sound_notes) == 0)
    return;

  g_free (self->sound_notes);
  self->sound_notes = g_strdup (sound_notes);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SOUND_NOTES]);
}

gint64
rally_challenge_get_start_date (RallyChallenge *self)
{
  g_return_val_if_fail (RALLY_IS_CHALLENGE (self), 0);

  return self->start_date;
}

void
rally_challenge_set_start_date (RallyChallenge *self,
                                gint64          start_date)
{
  g_return_if_fail (RALLY_IS_CHALLENGE (self));

  if (self->start_date == start_date)
    return;

  self->start_date = start_date;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_START_DATE]);
}

gint64
rally_challenge_get_end_date (RallyChallenge *self)
{
  g_return_val_if_fail (RALLY_IS_CHALLENGE (self), 0);

  return self->end_date;
}

void
rally_challenge_set_end_date (RallyChallenge *self,
                              gint64          end_date)
{
  g_return_if_fail (RALLY_IS_CHALLENGE (self));

  if (self->end_date == end_date)
    return;

  self->end_date = end_date;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_END_DATE]);
}

gint64
rally_challenge_get_goal_videos (RallyChallenge *self)
{
  g_return_val_if_fail (RALLY_IS_CHALLENGE (self), 0);

  return self->goal_videos;
}

void
rally_challenge_set_goal_videos (RallyChallenge *self,
                                 gint64          goal_videos)
{
  g_return_if_fail (RALLY_IS_CHALLENGE (self));

  if (self->goal_videos == goal_videos)
    return;

  self->goal_videos = goal_videos;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_GOAL_VIDEOS]);
}

gint64
rally_challenge_get_goal_views (RallyChallenge *self)
{
  g_return_val_if_fail (RALLY_IS_CHALLENGE (self), 0);

  return self->goal_views;
}

void
rally_challenge_set_goal_views (RallyChallenge *self,
                                gint64          goal_views)
{
  g_return_if_fail (RALLY_IS_CHALLENGE (self));

  if (self->goal_views == goal_views)
    return;

  self->goal_views = goal_views;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_GOAL_VIEWS]);
}

const char * const *
rally_challenge_get_regions (RallyChallenge *self)
{
  g_return_val_if_fail (RALLY_IS_CHALLENGE (self), NULL);

  return (const char * const *) self->regions;
}

void
rally_challenge_set_regions (RallyChallenge     *self,
                             const char * const *regions)
{
  g_return_if_fail (RALLY_IS_CHALLENGE (self));

  if (_rally_strv_equal ((const char * const *) self->regions, regions))
    return;

  g_strfreev (self->regions);
  self->regions = regions != NULL ? g_strdupv ((char **) regions) : g_new0 (char *, 1);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_REGIONS]);
}

gint64
rally_challenge_get_pledge_per_video (RallyChallenge *self)
{
  g_return_val_if_fail (RALLY_IS_CHALLENGE (self), 0);

  return self->pledge_per_video;
}

void
rally_challenge_set_pledge_per_video (RallyChallenge *self,
                                      gint64          pledge_per_video)
{
  g_return_if_fail (RALLY_IS_CHALLENGE (self));

  if (self->pledge_per_video == pledge_per_video)
    return;

  self->pledge_per_video = pledge_per_video;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PLEDGE_PER_VIDEO]);
}

gint64
rally_challenge_get_pledge_cap (RallyChallenge *self)
{
  g_return_val_if_fail (RALLY_IS_CHALLENGE (self), 0);

  return self->pledge_cap;
}

void
rally_challenge_set_pledge_cap (RallyChallenge *self,
                                gint64          pledge_cap)
{
  g_return_if_fail (RALLY_IS_CHALLENGE (self));

  if (self->pledge_cap == pledge_cap)
    return;

  self->pledge_cap = pledge_cap;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PLEDGE_CAP]);
}

const char *
rally_challenge_get_currency (RallyChallenge *self)
{
  g_return_val_if_fail (RALLY_IS_CHALLENGE (self), NULL);

  return self->currency;
}

void
rally_challenge_set_currency (RallyChallenge *self,
                              const char     *currency)
{
  g_return_if_fail (RALLY_IS_CHALLENGE (self));

  if (currency == NULL)
    currency = "";

  if (g_strcmp0 (self->currency, currency) == 0)
    return;

  g_free (self->currency);
  self->currency = g_strdup (currency);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CURRENCY]);
}

const char *
rally_challenge_get_sponsor (RallyChallenge *self)
{
  g_return_val_if_fail (RALLY_IS_CHALLENGE (self), NULL);

  return self->sponsor;
}

void
rally_challenge_set_sponsor (RallyChallenge *self,
                             const char     *sponsor)
{
  g_return_if_fail (RALLY_IS_CHALLENGE (self));

  if (sponsor == NULL)
    sponsor = "";

  if (g_strcmp0 (self->sponsor, sponsor) == 0)
    return;

  g_free (self->sponsor);
  self->sponsor = g_strdup (sponsor);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SPONSOR]);
}

RallyChallengeStatus
rally_challenge_get_status (RallyChallenge *self)
{
  g_return_val_if_fail (RALLY_IS_CHALLENGE (self), 0);

  return self->status;
}

void
rally_challenge_set_status (RallyChallenge       *self,
                            RallyChallengeStatus  status)
{
  g_return_if_fail (RALLY_IS_CHALLENGE (self));

  if (self->status == status)
    return;

  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STATUS]);
}

RallyAudience
rally_challenge_get_audience (RallyChallenge *self)
{
  g_return_val_if_fail (RALLY_IS_CHALLENGE (self), 0);

  return self->audience;
}

void
rally_challenge_set_audience (RallyChallenge *self,
                              RallyAudience   audience)
{
  g_return_if_fail (RALLY_IS_CHALLENGE (self));

  if (self->audience == audience)
    return;

  self->audience = audience;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_AUDIENCE]);
}

const char *
rally_challenge_get_consent_wording (RallyChallenge *self)
{
  g_return_val_if_fail (RALLY_IS_CHALLENGE (self), NULL);

  return self->consent_wording;
}

void
rally_challenge_set_consent_wording (RallyChallenge *self,
                                     const char     *consent_wording)
{
  g_return_if_fail (RALLY_IS_CHALLENGE (self));

  if (consent_wording == NULL)
    consent_wording = "";

  if (g_strcmp0 (self->consent_wording, consent_wording) == 0)
    return;

  g_free (self->consent_wording);
  self->consent_wording = g_strdup (consent_wording);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CONSENT_WORDING]);
}

gboolean
rally_challenge_get_no_personal_data (RallyChallenge *self)
{
  g_return_val_if_fail (RALLY_IS_CHALLENGE (self), FALSE);

  return self->no_personal_data;
}

void
rally_challenge_set_no_personal_data (RallyChallenge *self,
                                      gboolean        no_personal_data)
{
  g_return_if_fail (RALLY_IS_CHALLENGE (self));

  no_personal_data = !!no_personal_data;

  if (self->no_personal_data == no_personal_data)
    return;

  self->no_personal_data = no_personal_data;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_NO_PERSONAL_DATA]);
}

const char *
rally_challenge_get_moderation_plan (RallyChallenge *self)
{
  g_return_val_if_fail (RALLY_IS_CHALLENGE (self), NULL);

  return self->moderation_plan;
}

void
rally_challenge_set_moderation_plan (RallyChallenge *self,
                                     const char     *moderation_plan)
{
  g_return_if_fail (RALLY_IS_CHALLENGE (self));

  if (moderation_plan == NULL)
    moderation_plan = "";

  if (g_strcmp0 (self->moderation_plan, moderation_plan) == 0)
    return;

  g_free (self->moderation_plan);
  self->moderation_plan = g_strdup (moderation_plan);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_MODERATION_PLAN]);
}

const char *
rally_challenge_get_reporting_route (RallyChallenge *self)
{
  g_return_val_if_fail (RALLY_IS_CHALLENGE (self), NULL);

  return self->reporting_route;
}

void
rally_challenge_set_reporting_route (RallyChallenge *self,
                                     const char     *reporting_route)
{
  g_return_if_fail (RALLY_IS_CHALLENGE (self));

  if (reporting_route == NULL)
    reporting_route = "";

  if (g_strcmp0 (self->reporting_route, reporting_route) == 0)
    return;

  g_free (self->reporting_route);
  self->reporting_route = g_strdup (reporting_route);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_REPORTING_ROUTE]);
}
