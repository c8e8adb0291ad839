/* rally-metrics.h
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

#define RALLY_SECONDS_PER_DAY G_GINT64_CONSTANT (86400)

RallyChallengeStatus rally_challenge_get_status_at    (RallyChallenge *challenge,
                                                       gint64          now);
gint64               rally_challenge_donations_for    (RallyChallenge *challenge,
                                                       gint64          n_videos);
double               rally_engagement_rate            (gint64          likes,
                                                       gint64          comments,
                                                       gint64          shares,
                                                       gint64          views);
gint64               rally_day_start                  (gint64          time);

G_END_DECLS
