/* test-sample.c
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

/* The sample workspace: deterministic, close to the public figures it is modelled on,
 * its snapshot history settling on the totals, and the `rally sample` command. */

#include "config.h"

#include <math.h>
#include <string.h>
#include <sys/wait.h>

#include "rally-sample.h"
#include "rally-store.h"
#include "rally-test-util.h"

typedef struct
{
  guint position, removed, added, count;
} ItemsChanged;

static void
items_changed_cb (GListModel   *model,
                  guint         position,
                  guint         removed,
                  guint         added,
                  ItemsChanged *last)
{
  last->position = position;
  last->removed = removed;
  last->added = added;
  last->count++;
}

static void
get_sample_totals (RallyStore  *store,
                   RallyTotals  totals[3])
{
  g_autoptr(GListModel) challenges = rally_store_list_challenges (store, 0);

  g_assert_cmpuint (g_list_model_get_n_items (challenges), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(RallyChallenge) challenge = g_list_model_get_item (challenges, i);

      g_assert_true (rally_store_get_challenge_totals (store, rally_challenge_get_id (challenge), &totals[i]));
      totals[i].last_synced = 0;
    }
}

static void
assert_close (gint64 value,
              gint64 expected,
              double tolerance)
{
  if (fabs ((double) value - (double) expected) > tolerance * (double) expected)
    g_error ("%" G_GINT64_FORMAT " is not within %.0f%% of %" G_GINT64_FORMAT,
             value, tolerance * 100, expected);
}

static void
test_sample_create (void)
{
  g_autofree char *dir1 = g_dir_make_tmp ("rally-sample-XXXXXX", NULL);
  g_autofree char *dir2 = g_dir_make_tmp ("rally-sample-XXXXXX", NULL);
  g_autoptr(RallyStore) store = rally_store_open (dir1, NULL);
  g_autoptr(RallyStore) store2 = NULL;
  g_autoptr(GListModel) campaigns = rally_store_list_campaigns (store);
  g_autoptr(GListModel) posts = rally_store_list_posts (store, 0, 0);
  g_autoptr(RallyChallenge) red_nose = NULL;
  g_autoptr(RallySnapshot) latest = NULL;
  g_autoptr(GError) error = NULL;
  RallyTotals a[3], b[3];
  ItemsChanged last = { 0 };

  g_signal_connect (campaigns, "items-changed", G_CALLBACK (items_changed_cb), &last);
  g_assert_true (rally_sample_create (store, 1, &error));
  g_assert_no_error (error);
  /* One items-changed for the whole workspace, not one per row. */
  g_assert_cmpuint (last.count, ==, 1);
  g_assert_cmpuint (last.position, ==, 0);
  g_assert_cmpuint (last.removed, ==, 0);
  g_assert_cmpuint (last.added, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (posts), >=, 5);

  store2 = rally_store_open (dir2, &error);
  g_assert_no_error (error);
  g_assert_true (rally_sample_create (store2, 1, &error));
  g_assert_no_error (error);

  /* Deterministic: two runs give the same totals. */
  get_sample_totals (store, a);
  get_sample_totals (store2, b);
  g_assert_cmpmem (a, sizeof a, b, sizeof b);

  /* Close to the public figures: #DanceForChange ~33K videos and 81M views,
   * #rednoseday ~22K videos and 20M views. */
  assert_close (a[0].videos, 33000, 0.05);
  assert_close (a[0].views, 81000000, 0.02);
  assert_close (a[1].videos, 22000, 0.05);
  assert_close (a[1].views, 20000000, 0.02);
  g_assert_cmpint (a[0].creators, >, 1000);
  g_assert_cmpint (a[0].creators, <, a[0].videos);

  /* $2 a video, capped at $100,000. */
  red_nose = rally_store_find_challenge (store, "RedNoseDay");
  g_assert_nonnull (red_nose);
  g_assert_cmpint (rally_challenge_donations_for (red_nose, a[1].videos), ==, 200 * a[1].videos);
  g_assert_cmpint (rally_challenge_get_pledge_cap (red_nose), ==, 10000000);
  g_assert_cmpint (rally_challenge_get_status_at (red_nose, g_get_real_time () / G_USEC_PER_SEC), ==,
                   RALLY_CHALLENGE_STATUS_ENDED);

  /* The last snapshot has settled on the totals. */
  latest = rally_store_get_latest_snapshot (store, rally_challenge_get_id (red_nose));
  g_assert_cmpint (rally_snapshot_get_source (latest), ==, RALLY_SOURCE_SAMPLE);
  g_assert_cmpint (rally_snapshot_get_videos (latest), ==, a[1].videos);
  g_assert_cmpint (rally_snapshot_get_views (latest), ==, a[1].views);
  g_assert_cmpint (rally_snapshot_get_creators (latest), ==, a[1].creators);

  /* Only into an empty workspace. */
  g_assert_false (rally_sample_create (store, 1, &error));
  g_assert_error (error, RALLY_STORE_ERROR, RALLY_STORE_ERROR_CONSTRAINT);

  g_clear_object (&store2);
  g_clear_object (&posts);
  g_clear_object (&campaigns);
  g_clear_object (&store);
  rally_test_remove_tree (dir1);
  rally_test_remove_tree (dir2);
}

static void
run_rally_sample (const char *dir,
                  char      **err,
                  int        *status)
{
  const char *argv[] = { g_getenv ("RALLY_BIN"), "sample", "--data-dir", dir, NULL };
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (argv[0]);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, err, status, &error);
  g_assert_no_error (error);
}

static void
test_sample_cli (void)
{
  g_autofree char *dir = g_dir_make_tmp ("rally-sample-XXXXXX", NULL);
  g_autofree char *err = NULL;
  g_autoptr(RallyStore) store = NULL;
  g_autoptr(GError) error = NULL;
  int status = -1;

  run_rally_sample (dir, &err, &status);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_clear_pointer (&err, g_free);

  store = rally_store_open (dir, &error);
  g_assert_no_error (error);
  g_assert_false (rally_store_is_empty (store));
  g_clear_object (&store);

  /* A second time the workspace is not empty: a clear message and exit status 1. */
  run_rally_sample (dir, &err, &status);
  g_assert_false (g_spawn_check_wait_status (status, NULL));
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 1);
  g_assert_nonnull (strstr (err, "empty workspace"));
  rally_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  /* No G_TEST_OPTION_ISOLATE_DIRS: no user directory is used (each workspace is in its
   * own temporary folder), and with it LeakSanitizer reported a small leak inside GLib
   * when both tests ran in one process. */
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sample/create", test_sample_create);
  g_test_add_func ("/sample/cli", test_sample_cli);

  return g_test_run ();
}
