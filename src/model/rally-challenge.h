/* rally-challenge.h
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

#define RALLY_TYPE_CHALLENGE (rally_challenge_get_type ())

G_DECLARE_FINAL_TYPE (RallyChallenge, rally_challenge, RALLY, CHALLENGE, RallyRecord)

RallyChallenge       *rally_challenge_new                  (void);
gint64                rally_challenge_get_campaign_id      (RallyChallenge *self);
void                  rally_challenge_set_campaign_id      (RallyChallenge *self,
                                                            gint64          campaign_id);
const char           *rally_challenge_get_hashtag          (RallyChallenge *self);
void                  rally_challenge_set_hashtag          (RallyChallenge *self,
                                                            const char     *hashtag);
const char           *rally_challenge_get_title            (RallyChallenge *self);
void                  rally_challenge_set_title            (RallyChallenge *self,
                                                            const char     *title);
const char           *rally_challenge_get_brief            (RallyChallenge *self);
void                  rally_challenge_set_brief            (RallyChallenge *self,
                                                            const char     *brief);
const char           *rally_challenge_get_call_to_action   (RallyChallenge *self);
void                  rally_challenge_set_call_to_action   (RallyChallenge *self,
                                                            const char     *call_to_action);
const char           *rally_challenge_get_rules            (RallyChallenge *self);
void                  rally_challenge_set_rules            (RallyChallenge *self,
                                                            const char     *rules);
const char           *rally_challenge_get_sound_notes      (RallyChallenge *self);
void                  rally_challenge_set_sound_notes      (RallyChallenge *self,
                                                            const char     *sound_notes);
gint64                rally_challenge_get_start_date       (RallyChallenge *self);
void                  rally_challenge_set_start_date       (RallyChallenge *self,
                                                            gint64          start_date);
gint64                rally_challenge_get_end_date         (RallyChallenge *self);
void                  rally_challenge_set_end_date         (RallyChallenge *self,
                                                            gint64          end_date);
gint64                rally_challenge_get_goal_videos      (RallyChallenge *self);
void                  rally_challenge_set_goal_videos      (RallyChallenge *self,
                                                            gint64          goal_videos);
gint64                rally_challenge_get_goal_views       (RallyChallenge *self);
void                  rally_challenge_set_goal_views       (RallyChallenge *self,
                                                            gint64          goal_views);
const char * const   *rally_challenge_get_regions          (RallyChallenge *self);
void                  rally_challenge_set_regions          (RallyChallenge     *self,
                                                            const char * const *regions);
gint64                rally_challenge_get_pledge_per_video (RallyChallenge *self);
void                  rally_challenge_set_pledge_per_video (RallyChallenge *self,
                                                            gint64          pledge_per_video);
gint64                rally_challenge_get_pledge_cap       (RallyChallenge *self);
void                  rally_challenge_set_pledge_cap       (RallyChallenge *self,
                                                            gint64          pledge_cap);
const char           *rally_challenge_get_currency         (RallyChallenge *self);
void                  rally_challenge_set_currency         (RallyChallenge *self,
                                                            const char     *currency);
const char           *rally_challenge_get_sponsor          (RallyChallenge *self);
void                  rally_challenge_set_sponsor          (RallyChallenge *self,
                                                            const char     *sponsor);
RallyChallengeStatus  rally_challenge_get_status           (RallyChallenge *self);
void                  rally_challenge_set_status           (RallyChallenge       *self,
                                                            RallyChallengeStatus  status);
RallyAudience         rally_challenge_get_audience         (RallyChallenge *self);
void                  rally_challenge_set_audience         (RallyChallenge *self,
                                                            RallyAudience   audience);
const char           *rally_challenge_get_consent_wording  (RallyChallenge *self);
void                  rally_challenge_set_consent_wording  (RallyChallenge *self,
                                                            const char     *consent_wording);
gboolean              rally_challenge_get_no_personal_data (RallyChallenge *self);
void                  rally_challenge_set_no_personal_data (RallyChallenge *self,
                                                            gboolean        no_personal_data);
const char           *rally_challenge_get_moderation_plan  (RallyChallenge *self);
void                  rally_challenge_set_moderation_plan  (RallyChallenge *self,
                                                            const char     *moderation_plan);
const char           *rally_challenge_get_reporting_route  (RallyChallenge *self);
void                  rally_challenge_set_reporting_route  (RallyChallenge *self,
                                                            const char     *reporting_route);
const char * const   *rally_challenge_get_partners         (RallyChallenge *self);
void                  rally_challenge_set_partners         (RallyChallenge     *self,
                                                            const char * const *partners);

/* Most callers want the id: a typed shorthand for rally_record_get_id() */
static inline gint64
rally_challenge_get_id (RallyChallenge *self)
{
  return rally_record_get_id (RALLY_RECORD (self));
}

G_END_DECLS
