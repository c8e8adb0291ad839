/* rally-metrics.c
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

/* Figures derived from records, never stored. */

#define G_LOG_DOMAIN "RallyMetrics"

#include "config.h"

#include "rally-challenge.h"
#include "rally-metrics.h"

/**
 * rally_day_start:
 * @time: UTC unix seconds
 *
 * Returns: UTC midnight of the day holding @time (also for times before 1970)
 */
gint64
rally_day_start (gint64 time)
{
  gint64 into_day = time % RALLY_SECONDS_PER_DAY;

  if (into_day < 0)
    into_day += RALLY_SECONDS_PER_DAY;

  /* Callers pass G_MININT64 for "from the beginning": stay in range instead of overflowing. */
  if (time < G_MININT64 + into_day)
    return G_MININT64;

  return time - into_day;
}

/**
 * rally_challenge_get_status_at:
 * @challenge: a #RallyChallenge
 * @now: UTC unix seconds
 *
 * A draft stays a draft. Once it has left draft, a challenge is scheduled before its
 * start date, live from its start date through its end date (inclusive: the whole
 * last day), and ended after. A missing start date counts as started, a missing end
 * date as never ending.
 *
 * Returns: the status at @now
 */
RallyChallengeStatus
rally_challenge_get_status_at (RallyChallenge *challenge,
                               gint64          now)
{
  gint64 start, end;

  g_return_val_if_fail (RALLY_IS_CHALLENGE (challenge), RALLY_CHALLENGE_STATUS_DRAFT);

  if (rally_challenge_get_status (challenge) == RALLY_CHALLENGE_STATUS_DRAFT)
    return RALLY_CHALLENGE_STATUS_DRAFT;

  start = rally_challenge_get_start_date (challenge);
  end = rally_challenge_get_end_date (challenge);

  if (start != 0 && now < start)
    return RALLY_CHALLENGE_STATUS_SCHEDULED;

  if (end != 0 && now >= rally_day_start (end) + RALLY_SECONDS_PER_DAY)
    return RALLY_CHALLENGE_STATUS_ENDED;

  return RALLY_CHALLENGE_STATUS_LIVE;
}

/**
 * rally_challenge_donations_for:
 * @challenge: a #RallyChallenge
 * @n_videos: videos made for the challenge
 *
 * Returns: min(@n_videos × pledge per video, pledge cap) in minor units of the
 *   challenge's currency; no cap when the cap is 0
 */
gint64
rally_challenge_donations_for (RallyChallenge *challenge,
                               gint64          n_videos)
{
  gint64 pledge, cap, total;

  g_return_val_if_fail (RALLY_IS_CHALLENGE (challenge), 0);

  pledge = rally_challenge_get_pledge_per_video (challenge);
  cap = rally_challenge_get_pledge_cap (challenge);
  if (pledge <= 0 || n_videos <= 0)
    return 0;

  if (n_videos > G_MAXINT64 / pledge)
    total = G_MAXINT64;
  else
    total = n_videos * pledge;

  return cap > 0 ? MIN (total, cap) : total;
}

/**
 * rally_engagement_rate:
 *
 * Returns: (likes + comments + shares) / views, or 0 when there are no views
 */
double
rally_engagement_rate (gint64 likes,
                       gint64 comments,
                       gint64 shares,
                       gint64 views)
{
  if (views <= 0)
    return 0.0;

  return ((double) likes + (double) comments + (double) shares) / (double) views;
}
