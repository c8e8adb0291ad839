/* rally-donations.c
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

/* Donations as a series: a challenge's sponsor pledges an amount per video, up to a
 * cap. From the new videos of each day this gives the money raised that day and so
 * far, in minor units (exact in a double up to 2^53), with the day the cap is hit. */

#define G_LOG_DOMAIN "RallyDonations"

#include "config.h"

#include <glib/gi18n.h>

#include "rally-donations.h"

/* pledge × videos, saturating instead of overflowing */
static gint64
pledge_for (gint64 pledge_per_video,
            gint64 videos)
{
  if (videos <= 0 || pledge_per_video <= 0)
    return 0;
  if (videos > G_MAXINT64 / pledge_per_video)
    return G_MAXINT64;

  return videos * pledge_per_video;
}

/**
 * rally_donations_compute:
 * @daily_videos: new videos per day (as rally_store_query_daily_videos() counts them),
 *   in time order
 * @pledge_per_video: amount per video, minor units; 0 or less raises nothing
 * @pledge_cap: most the pledge pays in total, minor units; 0 or less for no cap
 * @currency: (nullable): ISO 4217 code of the amounts, named in the series
 *
 * Returns: (transfer full): the money raised per day and so far, with the cap respected
 */
RallyDonations *
rally_donations_compute (RallySeries *daily_videos,
                         gint64       pledge_per_video,
                         gint64       pledge_cap,
                         const char  *currency)
{
  RallyDonations *self;
  g_autofree char *name = NULL;
  const RallyPoint *points;
  guint n = 0;
  gint64 cap = pledge_cap > 0 ? pledge_cap : G_MAXINT64;

  g_return_val_if_fail (daily_videos != NULL, NULL);

  self = g_new0 (RallyDonations, 1);
  self->currency = g_strdup (currency != NULL ? currency : "");
  self->cap = MAX (pledge_cap, 0);
  /* TRANSLATORS: a chart series; %s is a currency code such as GBP */
  name = self->currency[0] != '\0' ? g_strdup_printf (_("Donations (%s)"), self->currency)
                                   : g_strdup (_("Donations"));
  self->daily = rally_series_new (name, rally_series_get_color (daily_videos));
  self->cumulative = rally_series_new (name, rally_series_get_color (daily_videos));

  points = rally_series_get_points (daily_videos, &n);
  for (guint i = 0; i < n; i++)
    {
      gint64 raised = MIN (pledge_for (pledge_per_video, (gint64) points[i].v), cap - self->total);

      self->total += raised;
      if (self->cap > 0 && self->cap_reached_day == 0 && self->total >= self->cap)
        self->cap_reached_day = points[i].t;
      rally_series_append (self->daily, points[i].t, (double) raised);
      rally_series_append (self->cumulative, points[i].t, (double) self->total);
    }

  return self;
}

void
rally_donations_free (RallyDonations *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->daily, rally_series_unref);
  g_clear_pointer (&self->cumulative, rally_series_unref);
  g_free (self->currency);
  g_free (self);
}
