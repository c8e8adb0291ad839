/* rally-sync-engine-windows.c
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

/* The window planning of RallySyncEngine (rally-sync-engine.c pages and writes):
 * a challenge's dates cut into a fixed grid of 30-day windows, the stored positions
 * of each cell with any gap filled, the settling tail fetched again, the biggest
 * windows cut in two while the run may fetch several at once, the requests the plan
 * will take, and a failing window restarted or halved. */

#define G_LOG_DOMAIN "RallySyncEngine"

#include "config.h"

#include "rally-sync-engine-private.h"

Window *
_rally_sync_window_new (RallySyncPosition *position)
{
  Window *window = g_new0 (Window, 1);

  window->position = position;
  return window;
}

void
_rally_sync_window_free (Window *window)
{
  rally_sync_position_free (window->position);
  g_free (window->search_id);
  g_free (window);
}

/* ------------------------------------------------------------------ */
/* Windows                                                             */

static RallySyncPosition *
position_new (gint64 challenge_id,
              gint64 start,
              gint64 end)
{
  RallySyncPosition *position = g_new0 (RallySyncPosition, 1);

  position->challenge_id = challenge_id;
  position->window_start = start;
  position->window_end = end;
  return position;
}

/* The stored windows of one grid cell, with any gap filled by a new window, so
 * they always partition the cell. */
static GPtrArray *
cell_windows (RallySyncEngine  *self,
              gint64            challenge_id,
              gint64            cell_start,
              gint64            cell_end,
              GError          **error)
{
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(GPtrArray) cover = g_ptr_array_new_with_free_func ((GDestroyNotify) rally_sync_position_free);
  gint64 expected = cell_start;

  stored = rally_store_list_sync_positions (self->pages, challenge_id, cell_start, cell_end, error);
  if (stored == NULL)
    return NULL;
  for (guint i = 0; i < stored->len; i++)
    {
      RallySyncPosition *position = g_ptr_array_index (stored, i);

      if (position->window_start < expected)
        continue;  /* overlaps a window kept already: left over from other dates */
      if (position->window_start > expected)
        g_ptr_array_add (cover, position_new (challenge_id, expected, position->window_start - DAY));
      expected = position->window_end + DAY;
      g_ptr_array_add (cover, g_steal_pointer (&stored->pdata[i]));
    }
  if (expected <= cell_end)
    g_ptr_array_add (cover, position_new (challenge_id, expected, cell_end));
  return g_steal_pointer (&cover);
}

/* Whether @position straddles @day: it starts before and ends on or after it. */
static gboolean
straddles (const RallySyncPosition *position,
           gint64                   day)
{
  return position->window_start < day && position->window_end >= day;
}

/* Whether nothing of @position was fetched yet. */
static gboolean
is_fresh (const RallySyncPosition *position)
{
  return !position->done && position->cursor == 0 && position->search_id == NULL;
}

/* The first day of @position to fetch (again): the settling tail, and any day that
 * had not settled yet when the window was last fetched (a sync some days ago). */
static gint64
tail_start (RallySyncEngine         *self,
            const RallySyncPosition *position,
            gint64                   refetch_from)
{
  if (!position->done || position->fetched_at <= 0)
    return refetch_from;
  return MIN (refetch_from, day_of (position->fetched_at) - (gint64) self->refetch_days * DAY);
}

/* Fills run->windows with the windows of @challenge still to fetch. Counts settle
 * over refetch_days: the days since then (the settling tail) are their own windows,
 * fetched again on every sync; older days are fetched once. */
gboolean
_rally_sync_plan_windows (RallySyncEngine  *self,
                          Run              *run,
                          RallyChallenge   *challenge,
                          GError          **error)
{
  gint64 id = rally_challenge_get_id (challenge);
  gint64 today = day_of (engine_now (self));
  gint64 start = day_of (rally_challenge_get_start_date (challenge));
  gint64 end = rally_challenge_get_end_date (challenge) > 0 ? day_of (rally_challenge_get_end_date (challenge)) : today;
  /* a day settles refetch_days after the next: fetch it until then */
  gint64 refetch_from = today - ((gint64) self->refetch_days + 1) * DAY;

  g_ptr_array_set_size (run->windows, 0);
  for (gint64 cell = start; cell <= end && cell <= today; cell += WINDOW_DAYS * DAY)
    {
      g_autoptr(GPtrArray) cover = cell_windows (self, id, cell, MIN (cell + (WINDOW_DAYS - 1) * DAY, end), error);

      if (cover == NULL)
        return FALSE;
      for (guint i = 0; i < cover->len; i++)
        {
          RallySyncPosition *position = g_ptr_array_index (cover, i);
          gint64 tail = tail_start (self, position, refetch_from);

          if (position->window_start > today)
            continue;
          if ((position->done || is_fresh (position)) && straddles (position, tail))
            {
              /* the settled days stay as they are (or are fetched once); the tail
               * becomes a window of its own */
              gboolean settled = position->done;

              if (!rally_store_cut_sync_position (self->pages, position, tail - DAY, settled, error))
                return FALSE;
              if (!settled)
                g_ptr_array_add (run->windows, _rally_sync_window_new (position_new (id, position->window_start, tail - DAY)));
              position->window_start = tail;
            }
          if (position->done && position->window_end >= tail)
            {
              /* recent counts still move: fetch again */
              position->done = FALSE;
              position->cursor = 0;
              g_clear_pointer (&position->search_id, g_free);
            }
          if (position->done)
            continue;
          if (!rally_store_save_sync_position (self->pages, position, error))
            return FALSE;
          g_ptr_array_add (run->windows, _rally_sync_window_new (g_steal_pointer (&cover->pdata[i])));
        }
    }
  return TRUE;
}

/* About how many videos @position holds: those stored for its days (a re-sync),
 * else the challenge's goal spread evenly over its days (a first sync); 0 when
 * there is nothing to go by. */
static gint64
estimate_videos (RallySyncEngine         *self,
                 RallyChallenge          *challenge,
                 const RallySyncPosition *position)
{
  gint64 start = day_of (rally_challenge_get_start_date (challenge));
  gint64 end = MAX (start, day_of (rally_challenge_get_end_date (challenge)));
  gint64 last = MIN (position->window_end, day_of (engine_now (self)));
  g_autoptr(GArray) days = rally_store_query_daily_videos (self->pages, rally_challenge_get_id (challenge),
                                                           position->window_start, last + DAY);
  gint64 videos = 0;

  for (guint d = 0; d < days->len; d++)
    videos += g_array_index (days, RallyDayTotals, d).videos;
  if (videos == 0 && last >= position->window_start)
    videos = rally_challenge_get_goal_videos (challenge) * ((last - position->window_start) / DAY + 1) /
             ((end - start) / DAY + 1);
  return videos;
}

/* Cuts the biggest windows not started yet in two until none holds more than a
 * quarter of the videos expected, an eighth from BALANCE_PAGES pages on (twice as
 * many windows as are fetched at once, so that they finish close together: a
 * challenge of less than 4 × 30 days would otherwise wait on its longest window),
 * as long as each half is likely to take SPLIT_PAGES pages or more: every window
 * ends with a part page, and the quota counts it. */
gboolean
_rally_sync_widen_plan (RallySyncEngine  *self,
                        Run              *run,
                        RallyChallenge   *challenge,
                        GError          **error)
{
  gint64 total = 0;

  for (guint i = 0; i < run->windows->len; i++)
    total += estimate_videos (self, challenge, ((Window *) g_ptr_array_index (run->windows, i))->position);

  for (;;)
    {
      Window *biggest = NULL;
      guint parts = MAX (1, self->max_windows) * (total >= BALANCE_PAGES * PAGE_SIZE ? 2 : 1);
      gint64 biggest_videos = MAX (2 * SPLIT_PAGES * PAGE_SIZE - 1, total / parts);
      guint at = 0;
      gint64 first_end;
      RallySyncPosition *position;

      for (guint i = 0; i < run->windows->len; i++)
        {
          Window *window = g_ptr_array_index (run->windows, i);
          gint64 videos;

          if (!is_fresh (window->position) || window->position->window_end <= window->position->window_start)
            continue;
          videos = estimate_videos (self, challenge, window->position);
          if (videos > biggest_videos)
            {
              biggest = window;
              biggest_videos = videos;
              at = i;
            }
        }
      if (biggest == NULL)
        return TRUE;
      position = biggest->position;
      first_end = position->window_start +
                  ((MIN (position->window_end, day_of (engine_now (self))) - position->window_start) / DAY / 2) * DAY;
      if (first_end >= position->window_end)
        return TRUE;
      if (!rally_store_split_sync_position (self->pages, position, first_end, error))
        return FALSE;
      g_ptr_array_insert (run->windows, at + 1,
                          _rally_sync_window_new (position_new (position->challenge_id, first_end + DAY, position->window_end)));
      position->window_end = first_end;
    }
  return TRUE;
}

/* Pages @videos videos take, at least one. */
static guint
pages_for (gint64 videos)
{
  return (guint) MAX (1, (videos + PAGE_SIZE - 1) / PAGE_SIZE);
}

/* About how many requests the windows planned for @challenge will take, one a
 * window at the least. */
guint
_rally_sync_estimate_requests (RallySyncEngine *self,
                               Run             *run,
                               RallyChallenge  *challenge)
{
  guint requests = 0;

  self->planned_minimum = FALSE;
  for (guint i = 0; i < run->windows->len; i++)
    {
      gint64 videos = estimate_videos (self, challenge, ((Window *) g_ptr_array_index (run->windows, i))->position);

      if (videos == 0)
        self->planned_minimum = TRUE;
      requests += pages_for (videos);
    }
  return requests;
}

gboolean
_rally_sync_restart_window (RallySyncEngine    *self,
                            RallySyncPosition  *window,
                            GError            **error)
{
  window->cursor = 0;
  g_clear_pointer (&window->search_id, g_free);
  window->done = FALSE;
  return rally_store_save_sync_position (self->pages, window, error);
}

/* Cuts @window in two halves that start over, queued first. */
gboolean
_rally_sync_split_window (RallySyncEngine  *self,
                          Run              *run,
                          Window           *window,
                          GError          **error)
{
  RallySyncPosition *position = window->position;
  gint64 days = (position->window_end - position->window_start) / DAY + 1;
  gint64 first_end = position->window_start + ((days - 1) / 2) * DAY;
  gint64 start = position->window_start, end = position->window_end, id = position->challenge_id;

  if (!rally_store_split_sync_position (self->pages, position, first_end, error))
    return FALSE;
  g_ptr_array_insert (run->windows, 0, _rally_sync_window_new (position_new (id, first_end + DAY, end)));
  g_ptr_array_insert (run->windows, 0, _rally_sync_window_new (position_new (id, start, first_end)));
  _rally_sync_window_free (window);
  return TRUE;
}
