/* bench-analytics.c
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

/* What the tracking widget and the analytics page ask of the store, on a sample
 * workspace at scale 5 (#rednoseday has about 110K videos): the ordered id list for
 * each column of the table (one per header click), loading the first screenful of
 * rows, totals, the median engagement and the reach series. Prints figures only. */

#include "config.h"

#include <stdio.h>

#include "rally-sample.h"
#include "rally-store-analytics.h"
#include "rally-store.h"
#include "rally-test-util.h"

#define SCALE 5

static double
elapsed_ms (gint64 start)
{
  return (double) (g_get_monotonic_time () - start) / 1000.0;
}

static void
bench_orders (RallyStore *store,
              gint64      challenge_id)
{
  static const char * const names[] = { "views", "likes", "comments", "shares", "posted", "creator", "region" };

  for (RallyVideoColumn column = 0; column <= RALLY_VIDEO_COLUMN_LAST; column++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(GListModel) videos = rally_store_list_videos_ordered (store, challenge_id, column, TRUE, 0);
      double list_ms = elapsed_ms (start);

      start = g_get_monotonic_time ();
      for (guint i = 0; i < 40; i++)
        g_object_unref (g_list_model_get_item (videos, i));
      printf ("sort by %-8s  %u ids in %6.1f ms; first 40 rows loaded in %5.2f ms\n",
              names[column], g_list_model_get_n_items (videos), list_ms, elapsed_ms (start));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tmp = rally_test_isolate_user_dirs ();
  g_autofree char *data_dir = g_build_filename (tmp, "sample", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RallyStore) store = rally_store_open (data_dir, &error);
  g_autoptr(RallyChallenge) challenge = NULL;
  g_autoptr(GArray) reach = NULL;
  RallyTotals totals;
  double median;
  gint64 start;

  g_assert_no_error (error);
  start = g_get_monotonic_time ();
  if (!rally_sample_create (store, SCALE, &error))
    g_error ("%s", error->message);
  printf ("sample at scale %d created in %.0f ms\n", SCALE, elapsed_ms (start));

  challenge = rally_store_find_challenge (store, "rednoseday");
  bench_orders (store, rally_challenge_get_id (challenge));

  start = g_get_monotonic_time ();
  rally_store_get_challenge_totals (store, rally_challenge_get_id (challenge), &totals);
  printf ("totals of %" G_GINT64_FORMAT " videos in %.1f ms\n", totals.videos, elapsed_ms (start));

  start = g_get_monotonic_time ();
  rally_store_get_median_engagement (store, rally_challenge_get_id (challenge), &median);
  printf ("median engagement %.4f in %.1f ms\n", median, elapsed_ms (start));

  start = g_get_monotonic_time ();
  reach = rally_store_query_reach (store, rally_challenge_get_id (challenge));
  printf ("reach: %u days in %.1f ms\n", reach->len, elapsed_ms (start));

  g_clear_object (&store);
  rally_test_remove_tree (tmp);
  return 0;
}
