/* rally-donations.h
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

#include "rally-series.h"

G_BEGIN_DECLS

/**
 * RallyDonations:
 * @daily: money raised each day, in minor units of @currency (a point per day of the
 *   videos series, at the same times)
 * @cumulative: money raised up to and including each day
 * @total: money raised over every day, never more than the cap
 * @cap: the pledge cap, 0 for none
 * @cap_reached_day: the first day the total reached the cap, 0 when it was not reached
 * @currency: ISO 4217 code of the amounts
 *
 * A challenge's donations over time: the sponsor pays its pledge for every video, up
 * to its cap. See rally_donations_compute().
 */
typedef struct
{
  RallySeries *daily;
  RallySeries *cumulative;
  gint64       total;
  gint64       cap;
  gint64       cap_reached_day;
  char        *currency;
} RallyDonations;

G_GNUC_WARN_UNUSED_RESULT
RallyDonations *rally_donations_compute (RallySeries    *daily_videos,
                                         gint64          pledge_per_video,
                                         gint64          pledge_cap,
                                         const char     *currency);
void            rally_donations_free    (RallyDonations *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RallyDonations, rally_donations_free)

G_END_DECLS
