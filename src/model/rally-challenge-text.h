/* rally-challenge-text.h
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

#include "rally-types.h"

G_BEGIN_DECLS

G_GNUC_WARN_UNUSED_RESULT
char  *rally_money_format                 (gint64          minor,
                                           const char     *currency);
guint  rally_currency_get_decimals        (const char     *currency);
const char * const *rally_currency_get_common (void);
G_GNUC_WARN_UNUSED_RESULT
char  *rally_pledge_sentence_format       (const char     *sponsor,
                                           gint64          pledge_per_video,
                                           gint64          pledge_cap,
                                           const char     *currency);

G_GNUC_WARN_UNUSED_RESULT
char       *rally_challenge_pledge_sentence (RallyChallenge      *challenge);
G_GNUC_WARN_UNUSED_RESULT
char       *rally_challenge_dates_text      (RallyChallenge      *challenge);
const char *rally_audience_to_text          (RallyAudience        audience);
const char *rally_challenge_status_to_text  (RallyChallengeStatus status);
gboolean    rally_audience_includes_minors  (RallyAudience        audience);

G_END_DECLS
