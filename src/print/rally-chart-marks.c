/* rally-chart-marks.c
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

/* Events as charts draw them, read from the store: for the analytics page and the
 * challenge tracking (on a figures reader's thread) and for the campaign report. */

#define G_LOG_DOMAIN "RallyChartMarks"

#include "config.h"

#include "rally-chart-marks.h"
#include "rally-store-events.h"

static void
event_clear (gpointer data)
{
  g_free ((char *) ((RallyChartEvent *) data)->title);
}

static void
append_events (GArray     *out,
               GListModel *events)
{
  for (guint i = 0; events != NULL && i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(RallyEvent) event = g_list_model_get_item (events, i);
      RallyChartEvent chart_event = {
        rally_event_get_first_day (event),
        rally_event_is_period (event) ? rally_event_get_last_day (event) : rally_event_get_first_day (event),
        g_strdup (rally_event_get_title (event)),
      };

      g_array_append_val (out, chart_event);
    }
}

/* A challenge's events; a campaign's own and its challenges'. */
GArray *
rally_chart_marks_read_events (RallyStore *store,
                               gboolean    is_campaign,
                               gint64      id)
{
  GArray *out = g_array_new (FALSE, TRUE, sizeof (RallyChartEvent));
  g_autoptr(GListModel) own = NULL;

  g_array_set_clear_func (out, event_clear);
  own = is_campaign ? rally_store_list_campaign_events (store, id) : rally_store_list_challenge_events (store, id);
  append_events (out, own);
  if (is_campaign)
    {
      g_autoptr(GListModel) challenges = rally_store_list_challenges (store, id);

      for (guint i = 0; i < g_list_model_get_n_items (challenges); i++)
        {
          g_autoptr(RallyChallenge) challenge = g_list_model_get_item (challenges, i);
          g_autoptr(GListModel) events = rally_store_list_challenge_events (store, rally_challenge_get_id (challenge));

          append_events (out, events);
        }
    }
  return out;
}

