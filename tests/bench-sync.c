/* bench-sync.c
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

/* Benchmark (prints only): sync 100,000 videos from the loopback emulator into a
 * workspace with RallySyncEngine, then let a plain Python client (stdlib urllib,
 * json, sqlite3) fetch and store the same pages, and print both rates.
 *
 * Both keep the same guarantees: one SQLite transaction per page holding the page's
 * videos (upserted by TikTok id) and the position reached, WAL with
 * synchronous=NORMAL, the same video indexes. Rally does more per page (quota
 * row, roll-up triggers, two more indexes) and fetches several windows at once. */

#include "config.h"

#include <gio/gio.h>
#include <stdio.h>

#include "rally-emulator.h"
#include "rally-sync-engine.h"
#include "rally-test-util.h"

#define TAG "walkforwater"
#define START 1717200000 /* 2024-06-01 UTC */

/* RALLY_BENCH_VIDEOS overrides the size for quick runs by hand. */
static guint N_VIDEOS = 100000;
static guint DAYS = 300;

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static double
run_c (RallyEmulator *emu,
       const char    *dir,
       gint64        *n_videos)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RallyStore) store = rally_store_open (dir, &error);
  g_autoptr(RallyChallenge) challenge = rally_challenge_new ();
  g_autoptr(RallySyncClient) client = NULL;
  g_autoptr(RallySyncEngine) engine = NULL;
  GAsyncResult *result = NULL;
  RallyTotals totals;
  gint64 start;

  g_assert_no_error (error);
  rally_challenge_set_hashtag (challenge, TAG);
  rally_challenge_set_start_date (challenge, START);
  rally_challenge_set_end_date (challenge, START + (DAYS - 1) * 86400);
  rally_challenge_set_status (challenge, RALLY_CHALLENGE_STATUS_SCHEDULED);
  rally_challenge_set_audience (challenge, RALLY_AUDIENCE_18_PLUS);
  rally_store_save_challenge (store, challenge, &error);
  g_assert_no_error (error);

  client = rally_sync_client_new (rally_emulator_get_url (emu), rally_emulator_get_url (emu), &error);
  rally_sync_client_set_credentials (client, "rally-test-key", "rally-test-secret");
  engine = rally_sync_engine_new (store, client);
  rally_sync_engine_set_now (engine, START + 400 * 86400);
  rally_sync_engine_set_quota_limits (engine, 100000, 10000000);

  start = g_get_monotonic_time ();
  rally_sync_engine_run_async (engine, NULL, NULL, done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (rally_sync_engine_run_finish (engine, result, &error));
  g_assert_no_error (error);
  g_object_unref (result);

  rally_store_get_challenge_totals (store, rally_challenge_get_id (challenge), &totals);
  *n_videos = totals.videos;
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

static gboolean
run_python (RallyEmulator *emu,
            const char    *dir,
            gint64        *n_videos,
            double        *seconds)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "bench-sync-client.py", NULL);
  g_autofree char *db = g_build_filename (dir, "python.db", NULL);
  g_autofree char *start = g_strdup_printf ("%d", START);
  g_autofree char *days = g_strdup_printf ("%d", DAYS);
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = NULL;
  gint64 fetched;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, "python3", script,
                              rally_emulator_get_url (emu), TAG, start, days, db, NULL);
  if (process == NULL || !g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error) ||
      !g_subprocess_get_successful (process) || out == NULL ||
      sscanf (out, "videos=%" G_GINT64_FORMAT " fetched=%" G_GINT64_FORMAT " seconds=%lf",
              n_videos, &fetched, seconds) != 3)
    {
      g_print ("# python client failed: %s\n", error ? error->message : (out ? out : "no output"));
      return FALSE;
    }
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(RallyEmulator) emu = rally_emulator_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *loadavg = NULL;
  gint64 c_videos = 0, py_videos = 0;
  double c_seconds, py_seconds = 0;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  if (g_getenv ("RALLY_BENCH_VIDEOS") != NULL)
    {
      N_VIDEOS = (guint) CLAMP (g_ascii_strtoull (g_getenv ("RALLY_BENCH_VIDEOS"), NULL, 10), 100, 1000000);
      DAYS = MAX (30, N_VIDEOS / 333);
    }

  dir = g_dir_make_tmp ("rally-bench-sync-XXXXXX", &error);
  g_assert_no_error (error);
  rally_emulator_add_hashtag (emu, TAG, N_VIDEOS, START, START + DAYS * 86400 - 1);
  g_assert_true (rally_emulator_start (emu, &error));

  g_print ("1..1\n");
  if (g_file_get_contents ("/proc/loadavg", &loadavg, NULL, NULL))
    g_print ("# load average before: %s", loadavg);
  g_print ("# %u videos of one hashtag over %u days (%u windows of 30 days, pages of 100)\n",
           N_VIDEOS, DAYS, (DAYS + 29) / 30);
  g_print ("# rally: RallySyncEngine, up to %u windows in flight (pages of a window in order) over"
           " kept-alive HTTP, replies parsed on worker threads, each page one transaction (videos,"
           " position, quota) with roll-up triggers, WAL synchronous=NORMAL, checkpoints on a thread\n",
           RALLY_SYNC_DEFAULT_MAX_WINDOWS);
  g_print ("# python: one request at a time (urllib, a connection each), json.loads, each page one"
           " transaction (videos, position), WAL synchronous=NORMAL, SQLite's own checkpoints\n");
  c_seconds = run_c (emu, dir, &c_videos);
  g_print ("# rally sync (C, libsoup, SQLite): %" G_GINT64_FORMAT " videos in %.2f s = %.0f videos/s\n",
           c_videos, c_seconds, c_videos / c_seconds);
  if (run_python (emu, dir, &py_videos, &py_seconds))
    {
      g_print ("# python client (urllib, json, sqlite3): %" G_GINT64_FORMAT " videos in %.2f s = %.0f videos/s\n",
               py_videos, py_seconds, py_videos / py_seconds);
      g_print ("# ratio C / python: %.2f\n", (c_videos / c_seconds) / (py_videos / py_seconds));
    }
  g_print ("ok 1 sync %" G_GINT64_FORMAT " videos\n", c_videos);

  rally_test_remove_tree (dir);
  return 0;
}
