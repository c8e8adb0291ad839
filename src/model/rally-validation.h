/* rally-validation.h
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

#include <glib.h>

#include "rally-model-error.h"
#include "rally-types.h"

G_BEGIN_DECLS

/* Longest accepted values, in characters. */
#define RALLY_HASHTAG_MAX_CHARS 100
#define RALLY_NAME_MAX_CHARS    200
#define RALLY_CAPTION_MAX_CHARS 2200
#define RALLY_TEXT_MAX_CHARS    20000
#define RALLY_EVENT_TITLE_MAX_CHARS 120

/* TikTok usernames: letters, digits, "_" and "." */
#define RALLY_USERNAME_MIN_CHARS 2
#define RALLY_USERNAME_MAX_CHARS 24

/* The years an event's days may fall in */
#define RALLY_FIRST_YEAR 2000
#define RALLY_LAST_YEAR  2099

gboolean rally_hashtag_validate      (const char        *text,
                                      char             **normalized_out,
                                      GError           **error);
char    *rally_hashtag_key           (const char        *normalized);
gboolean rally_currency_validate     (const char        *code,
                                      GError           **error);
gboolean rally_region_validate       (const char        *code,
                                      GError           **error);
gboolean rally_campaign_validate     (RallyCampaign     *campaign,
                                      GError           **error);
gboolean rally_challenge_validate    (RallyChallenge    *challenge,
                                      GError           **error);
gboolean rally_planned_post_validate (RallyPlannedPost  *post,
                                      GError           **error);
gboolean rally_event_validate        (RallyEvent        *event,
                                      GError           **error);
gboolean rally_username_validate     (const char        *text,
                                      char             **normalized_out,
                                      GError           **error);
char   **rally_partners_normalize    (const char * const *partners,
                                      GError           **error);

G_END_DECLS
