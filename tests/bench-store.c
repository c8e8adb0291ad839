/* bench-store.c
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

/* Store benchmark (suite 'bench'; prints figures, asserts nothing about time):
 * the sample at --scale N (default 30, about 1.7 million videos) in a temporary folder,
 * then the time to open the store, to show the first page of the top videos, to sum a
 * challenge's totals and to query a year of daily figures. */

#include "config.h"

#include <glib/gstdio.h>
#include <time.h>

#include "rally-sample.h"
#include "rally-store.h"
#include "rally-test-util.h"

static double
elapsed_ms (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static gint64
largest_challenge (RallyStore *store)
{
  g_autoptr(GListModel) challenges = rally_store_list_challenges (store, 0);
  gint64 best = 0, best_videos = -1;

  for (guint i = 0; i < g_list_model_get_n_items (challenges); i++)
    {
      g_autoptr(RallyChallenge) challenge = g_list_model_get_item (challenges, i);
      RallyTotals totals;

      rally_store_get_challenge_totals (store, rally_challenge_get_id (challenge), &totals);
      if (totals.videos > best_videos)
        {
          best = rally_challenge_get_id (challenge);
          best_videos = totals.videos;
        }
    }

  return best;
}

static void
bench_queries (const char *dir)
{
  g_autoptr(RallyStore) store = NULL;
  g_autoptr(GListModel) top = NULL;
  g_autoptr(GArray) days = NULL;
  g_autoptr(RallyChallenge) challenge = NULL;
  g_autoptr(GError) error = NULL;
  RallyTotals totals;
  gint64 start, challenge_id, first_day;
  guint n_items;

  start = g_get_monotonic_time ();
  store = rally_store_open (dir, &error);
  g_assert_no_error (error);
  g_print ("# open store: %.1f ms\n", elapsed_ms (start));

  challenge_id = largest_challenge (store);
  challenge = rally_store_get_challenge (store, challenge_id);

  start = g_get_monotonic_time ();
  rally_store_get_challenge_totals (store, challenge_id, &totals);
  g_print ("# totals of #%s (%" G_GINT64_FORMAT " videos, %" G_GINT64_FORMAT " views, %" G_GINT64_FORMAT
           " creators): %.1f ms\n", rally_challenge_get_hashtag (challenge), totals.videos, totals.views,
           totals.creators, elapsed_ms (start));

  start = g_get_monotonic_time ();
  top = rally_store_list_videos (store, challenge_id, RALLY_VIDEO_SORT_VIEWS, 50);
  for (guint i = 0; i < g_list_model_get_n_items (top); i++)
    g_object_unref (g_list_model_get_item (top, i));
  g_print ("# first page (50) of the top videos: %.1f ms\n", elapsed_ms (start));
  g_clear_object (&top);

  start = g_get_monotonic_time ();
  top = rally_store_list_videos (store, challenge_id, RALLY_VIDEO_SORT_LIKES, 0);
  n_items = g_list_model_get_n_items (top);
  for (guint i = 0; i < MIN (n_items, 50); i++)
    g_object_unref (g_list_model_get_item (top, i));
  g_print ("# all %u videos by likes, then the first page of 50: %.1f ms\n", n_items, elapsed_ms (start));

  first_day = rally_challenge_get_start_date (challenge);
  start = g_get_monotonic_time ();
  days = rally_store_query_daily_videos (store, challenge_id, first_day, first_day + 365 * 86400);
  g_print ("# 1-year daily time series (%u days with videos): %.1f ms\n", days->len, elapsed_ms (start));

  start = g_get_monotonic_time ();
  g_ptr_array_unref (rally_store_query_snapshots (store, challenge_id, first_day, first_day + 365 * 86400));
  g_print ("# 1-year snapshot history: %.1f ms\n", elapsed_ms (start));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = g_dir_make_tmp ("rally-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "rally.db", NULL);
  g_autoptr(RallyStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;
  clock_t cpu_start;
  gint64 start;
  int scale = 30;

  if (argc > 2 && g_strcmp0 (argv[1], "--scale") == 0)
    scale = MAX (1, atoi (argv[2]));

  g_print ("1..1\n");

  store = rally_store_open (dir, &error);
  g_assert_no_error (error);
  start = g_get_monotonic_time ();
  cpu_start = clock ();
  g_assert_true (rally_sample_create (store, scale, &error));
  g_assert_no_error (error);
  /* CPU time too: on a shared machine the wall time mostly measures the neighbours. */
  g_print ("# create sample at scale %d: %.2f s (%.2f s of CPU)\n", scale, elapsed_ms (start) / 1000.0,
           (double) (clock () - cpu_start) / CLOCKS_PER_SEC);
  g_clear_object (&store);

  if (g_stat (path, &st) == 0)
    g_print ("# database size: %.1f MB\n", st.st_size / 1e6);

  bench_queries (dir);
  rally_test_remove_tree (dir);
  g_print ("ok 1 bench-store\n");

  return 0;
}
