/* rally-overview.c
 *
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

/* The Analytics overview's arithmetic: from day series of videos, views,
 * engagement, money and new creators, the totals of a period and of the period of
 * the same length just before it, and the change from one to the other. */

#define G_LOG_DOMAIN "RallyOverview"

#include "config.h"

#include "rally-overview.h"

#define SECONDS_PER_DAY ((gint64) 86400)

static int
compare_days (gconstpointer a,
              gconstpointer b)
{
  const RallyOverviewDay *da = a, *db = b;

  return (da->day > db->day) - (da->day < db->day);
}

/**
 * rally_overview_merge_days:
 * @days: (element-type RallyOverviewDay): days in any order, some repeated
 *
 * Returns: (transfer full) (element-type RallyOverviewDay): one element per day,
 *   in order, with the figures of the elements of that day summed
 */
GArray *
rally_overview_merge_days (GArray *days)
{
  g_autoptr(GArray) sorted = g_array_copy (days);
  GArray *out = g_array_sized_new (FALSE, TRUE, sizeof (RallyOverviewDay), days->len);

  g_array_sort (sorted, compare_days);
  for (guint i = 0; i < sorted->len; i++)
    {
      const RallyOverviewDay *day = &g_array_index (sorted, RallyOverviewDay, i);
      RallyOverviewDay *last = out->len > 0 ? &g_array_index (out, RallyOverviewDay, out->len - 1) : NULL;

      if (last == NULL || last->day != day->day)
        {
          g_array_append_val (out, *day);
          continue;
        }
      for (guint f = 0; f < RALLY_OVERVIEW_N_FIGURES; f++)
        last->figures[f] += day->figures[f];
    }
  return out;
}

/**
 * rally_overview_compute:
 * @days: (element-type RallyOverviewDay): what each day added
 * @from: the first day of the period (UTC seconds, any time of the day)
 * @to: the last day of the period
 * @out: (out caller-allocates): the totals of the period and of the one before it
 *
 * The previous period is as many days long as [@from, @to] and ends the day
 * before @from.
 */
void
rally_overview_compute (GArray        *days,
                        gint64         from,
                        gint64         to,
                        RallyOverview *out)
{
  gint64 first = from - (from % SECONDS_PER_DAY + SECONDS_PER_DAY) % SECONDS_PER_DAY;
  gint64 last = to - (to % SECONDS_PER_DAY + SECONDS_PER_DAY) % SECONDS_PER_DAY;

  g_return_if_fail (days != NULL);
  g_return_if_fail (out != NULL);

  *out = (RallyOverview) { .from = MIN (first, last), .to = MAX (first, last) };
  out->previous_from = out->from - (out->to - out->from + SECONDS_PER_DAY);

  for (guint i = 0; i < days->len; i++)
    {
      const RallyOverviewDay *day = &g_array_index (days, RallyOverviewDay, i);
      gint64 *into;

      if (day->day >= out->from && day->day <= out->to)
        into = out->current;
      else if (day->day >= out->previous_from && day->day < out->from)
        {
          into = out->previous;
          out->has_previous = TRUE;
        }
      else
        continue;
      for (guint f = 0; f < RALLY_OVERVIEW_N_FIGURES; f++)
        into[f] += day->figures[f];
    }
}

/**
 * rally_overview_n_days:
 *
 * Returns: how many days the period (and the previous one) spans
 */
guint
rally_overview_n_days (const RallyOverview *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return (guint) ((self->to - self->from) / SECONDS_PER_DAY + 1);
}

/**
 * rally_overview_change:
 * @figure: which figure
 * @fraction: (out): its change against the previous period, 0.12 for +12%
 *
 * Returns: %FALSE when there is no change to tell: the previous period has no data,
 *   or none of that figure (a change from nothing is no percentage)
 */
gboolean
rally_overview_change (const RallyOverview *self,
                       RallyOverviewFigure  figure,
                       double              *fraction)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (figure < RALLY_OVERVIEW_N_FIGURES, FALSE);

  if (!self->has_previous || self->previous[figure] <= 0)
    return FALSE;
  *fraction = ((double) self->current[figure] - (double) self->previous[figure]) / (double) self->previous[figure];
  return TRUE;
}
