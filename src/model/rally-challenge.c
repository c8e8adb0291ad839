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
#include "rally-record-private.h"
#include "rally-challenge.h"

struct _RallyChallenge
{
  RallyRecord parent_instance;

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
  char                 **partners;
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

G_DEFINE_FINAL_TYPE (RallyChallenge, rally_challenge, RALLY_TYPE_RECORD)

enum {
  PROP_0,
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
  PROP_PARTNERS,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* Where each property is stored: RallyRecord gets, sets and frees the fields */
static const gsize offsets [N_PROPS] = {
  [PROP_CAMPAIGN_ID]      = G_STRUCT_OFFSET (RallyChallenge, campaign_id),
  [PROP_HASHTAG]          = G_STRUCT_OFFSET (RallyChallenge, hashtag),
  [PROP_TITLE]            = G_STRUCT_OFFSET (RallyChallenge, title),
  [PROP_BRIEF]            = G_STRUCT_OFFSET (RallyChallenge, brief),
  [PROP_CALL_TO_ACTION]   = G_STRUCT_OFFSET (RallyChallenge, call_to_action),
  [PROP_RULES]            = G_STRUCT_OFFSET (RallyChallenge, rules),
  [PROP_SOUND_NOTES]      = G_STRUCT_OFFSET (RallyChallenge, sound_notes),
  [PROP_START_DATE]       = G_STRUCT_OFFSET (RallyChallenge, start_date),
  [PROP_END_DATE]         = G_STRUCT_OFFSET (RallyChallenge, end_date),
  [PROP_GOAL_VIDEOS]      = G_STRUCT_OFFSET (RallyChallenge, goal_videos),
  [PROP_GOAL_VIEWS]       = G_STRUCT_OFFSET (RallyChallenge, goal_views),
  [PROP_REGIONS]          = G_STRUCT_OFFSET (RallyChallenge, regions),
  [PROP_PLEDGE_PER_VIDEO] = G_STRUCT_OFFSET (RallyChallenge, pledge_per_video),
  [PROP_PLEDGE_CAP]       = G_STRUCT_OFFSET (RallyChallenge, pledge_cap),
  [PROP_CURRENCY]         = G_STRUCT_OFFSET (RallyChallenge, currency),
  [PROP_SPONSOR]          = G_STRUCT_OFFSET (RallyChallenge, sponsor),
  [PROP_STATUS]           = G_STRUCT_OFFSET (RallyChallenge, status),
  [PROP_AUDIENCE]         = G_STRUCT_OFFSET (RallyChallenge, audience),
  [PROP_CONSENT_WORDING]  = G_STRUCT_OFFSET (RallyChallenge, consent_wording),
  [PROP_NO_PERSONAL_DATA] = G_STRUCT_OFFSET (RallyChallenge, no_personal_data),
  [PROP_MODERATION_PLAN]  = G_STRUCT_OFFSET (RallyChallenge, moderation_plan),
  [PROP_REPORTING_ROUTE]  = G_STRUCT_OFFSET (RallyChallenge, reporting_route),
  [PROP_PARTNERS]         = G_STRUCT_OFFSET (RallyChallenge, partners),
};

static void
rally_challenge_class_init (RallyChallengeClass *klass)
{
  /* The campaign it belongs to, 0 for none */
  properties [PROP_CAMPAIGN_ID] = _rally_record_int64_param ("campaign-id");

  /* The hashtag without its leading # */
  properties [PROP_HASHTAG] = _rally_record_string_param ("hashtag", "");

  /* The title shown to creators */
  properties [PROP_TITLE] = _rally_record_string_param ("title", "");

  /* What participants do */
  properties [PROP_BRIEF] = _rally_record_string_param ("brief", "");

  /* The call to action */
  properties [PROP_CALL_TO_ACTION] = _rally_record_string_param ("call-to-action", "");

  /* The rules of the challenge */
  properties [PROP_RULES] = _rally_record_string_param ("rules", "");

  /* Notes on the sound or effect to use */
  properties [PROP_SOUND_NOTES] = _rally_record_string_param ("sound-notes", "");

  /* First day, UTC midnight as unix seconds, 0 when unset */
  properties [PROP_START_DATE] = _rally_record_int64_param ("start-date");

  /* Last day (inclusive), UTC midnight as unix seconds, 0 when unset */
  properties [PROP_END_DATE] = _rally_record_int64_param ("end-date");

  /* Videos to reach, 0 when there is no goal */
  properties [PROP_GOAL_VIDEOS] = _rally_record_int64_param ("goal-videos");

  /* Views to reach, 0 when there is no goal */
  properties [PROP_GOAL_VIEWS] = _rally_record_int64_param ("goal-views");

  /* ISO 3166-1 alpha-2 codes of the regions to track */
  properties [PROP_REGIONS] =
    g_param_spec_boxed ("regions", NULL, NULL, G_TYPE_STRV, RALLY_RECORD_PARAM_FLAGS);

  /* Donation pledged per video, in minor units of currency */
  properties [PROP_PLEDGE_PER_VIDEO] = _rally_record_int64_param ("pledge-per-video");

  /* Most the pledge pays in total, in minor units of currency, 0 for no cap */
  properties [PROP_PLEDGE_CAP] = _rally_record_int64_param ("pledge-cap");

  /* ISO 4217 code of the pledge */
  properties [PROP_CURRENCY] = _rally_record_string_param ("currency", "USD");

  /* Who pledges the donation */
  properties [PROP_SPONSOR] = _rally_record_string_param ("sponsor", "");

  /* Stored status: draft, or scheduled once it leaves draft (see rally_challenge_get_status_at()) */
  properties [PROP_STATUS] =
    _rally_record_enum_param ("status", RALLY_TYPE_CHALLENGE_STATUS, RALLY_CHALLENGE_STATUS_DRAFT);

  /* Who can take part */
  properties [PROP_AUDIENCE] =
    _rally_record_enum_param ("audience", RALLY_TYPE_AUDIENCE, RALLY_AUDIENCE_13_PLUS);

  /* Safeguarding: the consent wording shown to minors and parents */
  properties [PROP_CONSENT_WORDING] = _rally_record_string_param ("consent-wording", "");

  /* Safeguarding: participants are asked for no personal data */
  properties [PROP_NO_PERSONAL_DATA] =
    g_param_spec_boolean ("no-personal-data", NULL, NULL, FALSE, RALLY_RECORD_PARAM_FLAGS);

  /* Safeguarding: how entries are moderated */
  properties [PROP_MODERATION_PLAN] = _rally_record_string_param ("moderation-plan", "");

  /* Safeguarding: where concerns are reported */
  properties [PROP_REPORTING_ROUTE] = _rally_record_string_param ("reporting-route", "");

  /* The partner roster: TikTok usernames (no "@", lower case) of the creators and
   * partners the charity briefed; their videos are seeded, the others organic */
  properties [PROP_PARTNERS] =
    g_param_spec_boxed ("partners", NULL, NULL, G_TYPE_STRV, RALLY_RECORD_PARAM_FLAGS);

  _rally_record_class_install_fields (RALLY_RECORD_CLASS (klass), N_PROPS, properties, offsets);
}

static void
rally_challenge_init (RallyChallenge *self)
{
  _rally_record_init_fields (self);
}

RallyChallenge *
rally_challenge_new (void)
{
  return g_object_new (RALLY_TYPE_CHALLENGE, NULL);
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

  _rally_record_set_int64 (self, &self->campaign_id, campaign_id, properties [PROP_CAMPAIGN_ID]);
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

  _rally_record_set_string (self, &self->hashtag, hashtag, properties [PROP_HASHTAG]);
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

  _rally_record_set_string (self, &self->title, title, properties [PROP_TITLE]);
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

  _rally_record_set_string (self, &self->brief, brief, properties [PROP_BRIEF]);
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

  _rally_record_set_string (self, &self->call_to_action, call_to_action,
                            properties [PROP_CALL_TO_ACTION]);
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

  _rally_record_set_string (self, &self->rules, rules, properties [PROP_RULES]);
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

  _rally_record_set_string (self, &self->sound_notes, sound_notes, properties [PROP_SOUND_NOTES]);
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

  _rally_record_set_int64 (self, &self->start_date, start_date, properties [PROP_START_DATE]);
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

  _rally_record_set_int64 (self, &self->end_date, end_date, properties [PROP_END_DATE]);
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

  _rally_record_set_int64 (self, &self->goal_videos, goal_videos, properties [PROP_GOAL_VIDEOS]);
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

  _rally_record_set_int64 (self, &self->goal_views, goal_views, properties [PROP_GOAL_VIEWS]);
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

  _rally_record_set_strv (self, &self->regions, regions, properties [PROP_REGIONS]);
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

  _rally_record_set_int64 (self, &self->pledge_per_video, pledge_per_video,
                           properties [PROP_PLEDGE_PER_VIDEO]);
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

  _rally_record_set_int64 (self, &self->pledge_cap, pledge_cap, properties [PROP_PLEDGE_CAP]);
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

  _rally_record_set_string (self, &self->currency, currency, properties [PROP_CURRENCY]);
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

  _rally_record_set_string (self, &self->sponsor, sponsor, properties [PROP_SPONSOR]);
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

  _rally_record_set_enum (self, &self->status, status, properties [PROP_STATUS]);
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

  _rally_record_set_enum (self, &self->audience, audience, properties [PROP_AUDIENCE]);
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

  _rally_record_set_string (self, &self->consent_wording, consent_wording,
                            properties [PROP_CONSENT_WORDING]);
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

  _rally_record_set_boolean (self, &self->no_personal_data, no_personal_data,
                             properties [PROP_NO_PERSONAL_DATA]);
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

  _rally_record_set_string (self, &self->moderation_plan, moderation_plan,
                            properties [PROP_MODERATION_PLAN]);
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

  _rally_record_set_string (self, &self->reporting_route, reporting_route,
                            properties [PROP_REPORTING_ROUTE]);
}

const char * const *
rally_challenge_get_partners (RallyChallenge *self)
{
  g_return_val_if_fail (RALLY_IS_CHALLENGE (self), NULL);

  return (const char * const *) self->partners;
}

void
rally_challenge_set_partners (RallyChallenge     *self,
                              const char * const *partners)
{
  g_return_if_fail (RALLY_IS_CHALLENGE (self));

  _rally_record_set_strv (self, &self->partners, partners, properties [PROP_PARTNERS]);
}
