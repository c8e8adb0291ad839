/* bench-backup.c
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

/* Benchmark: JSON export and restore of a large workspace, beside SQLite's own round
 * trip of the same database (`sqlite3 SRC .dump | sqlite3 DST`) in the same run, so
 * the ratio holds whatever else the machine is doing. Prints figures only.
 * RALLY_BENCH_VIDEOS sets the number of videos (default 1,000,000). The restore runs
 * as `rally import` in a child process (RALLY_BIN) so that its peak resident size is
 * its own. */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "rally-backup.h"
#include "rally-test-util.h"

static void
fill (RallyStore *store,
      guint       n_videos)
{
  g_autoptr(RallyChallenge) challenge = rally_challenge_new ();
  g_autoptr(GError) error = NULL;
  const guint batch = 10000;

  rally_challenge_set_hashtag (challenge, "ForClimate");
  g_assert_true (rally_store_save_challenge (store, challenge, &error));

  for (guint done = 0; done < n_videos; done += batch)
    {
      g_autoptr(GPtrArray) videos = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = done; i < MIN (done + batch, n_videos); i++)
        {
          RallyVideo *video = rally_video_new ();

          rally_video_set_tiktok_id (video, G_GINT64_CONSTANT (7000000000000000000) + i);
          rally_video_set_creator (video, "creator");
          rally_video_set_region (video, "KE");
          rally_video_set_posted_at (video, 1700000000 + i);
          rally_video_set_description (video, "A video for the climate #ForClimate");
          rally_video_set_views (video, 1000 + i);
          rally_video_set_likes (video, i % 1000);
          g_ptr_array_add (videos, video);
        }
      g_assert_true (rally_store_upsert_videos (store, rally_challenge_get_id (challenge),
                                                (RallyVideo **) videos->pdata, videos->len, &error));
      g_assert_no_error (error);
    }
}

/* The first three fields of /proc/loadavg: the 1, 5 and 15 minute load averages. */
static char *
load_average (void)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) fields = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &text, NULL, NULL))
    return g_strdup ("unknown");
  fields = g_strsplit (text, " ", 4);
  if (g_strv_length (fields) < 3)
    return g_strdup ("unknown");

  return g_strjoin (" ", fields[0], fields[1], fields[2], NULL);
}

int
main (int   argc,
      char *argv[])
{
  const char *env = g_getenv ("RALLY_BENCH_VIDEOS");
  const char *rally = g_getenv ("RALLY_BIN");
  guint n_videos = env != NULL ? (guint) atoi (env) : 1000000;
  g_autofree char *dir = g_dir_make_tmp ("rally-bench-XXXXXX", NULL);
  g_autofree char *one = g_build_filename (dir, "one", NULL);
  g_autofree char *two = g_build_filename (dir, "two", NULL);
  g_autofree char *three = g_build_filename (dir, "three.db", NULL);
  g_autofree char *path = g_build_filename (dir, "backup.json", NULL);
  g_autofree char *source_db = g_build_filename (one, "rally.db", NULL);
  g_autofree char *dump = NULL;
  g_autofree char *sqlite3 = g_find_program_in_path ("sqlite3");
  g_autofree char *load_before = NULL;
  g_autofree char *load_after = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  RallyBackupCounts counts = { 0 };
  RallyStore *source, *target;
  double restore_s, sqlite_s;
  long peak_kb = 0;

  source = rally_store_open (one, &error);
  g_assert_no_error (error);
  fill (source, n_videos);
  g_print ("# filled %u videos in %.1f s\n", n_videos, g_timer_elapsed (timer, NULL));

  load_before = load_average ();
  g_timer_start (timer);
  g_assert_true (rally_backup_export_file (source, file, &counts, NULL, &error));
  g_assert_no_error (error);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, 0, NULL, NULL);
  g_print ("# export: %" G_GUINT64_FORMAT " videos, %.1f MB, %.2f s\n", counts.videos,
           g_file_info_get_size (info) / 1e6, g_timer_elapsed (timer, NULL));
  g_object_unref (source);

  if (rally != NULL)
    {
      const char *import[] = { rally, "import", path, "--data-dir", two, NULL };

      restore_s = rally_test_run_measured (import, G_SPAWN_STDOUT_TO_DEV_NULL, &peak_kb);
    }
  else
    {
      /* without the command line: in this process, its peak unknown */
      target = rally_store_open (two, &error);
      g_assert_no_error (error);
      g_timer_start (timer);
      g_assert_true (rally_backup_restore_file (target, file, RALLY_BACKUP_RESTORE_DEFAULT, &counts, NULL, &error));
      g_assert_no_error (error);
      restore_s = g_timer_elapsed (timer, NULL);
      g_object_unref (target);
    }
  g_print ("# restore: %u videos, %.2f s, peak RSS %.1f MB%s\n", n_videos, restore_s, peak_kb / 1024.0,
           rally != NULL ? "" : " (unknown: RALLY_BIN is not set)");

  /* SQLite's own round trip of the same database, as text */
  g_assert_null (strchr (dir, '\''));
  dump = g_strdup_printf ("'%s' '%s' .dump | '%s' '%s'", sqlite3, source_db, sqlite3, three);
  if (sqlite3 != NULL)
    {
      const char *sh[] = { "/bin/sh", "-c", dump, NULL };

      sqlite_s = rally_test_run_measured (sh, 0, NULL);
      g_print ("# sqlite3 .dump | sqlite3: %.2f s\n", sqlite_s);
      g_print ("# restore / sqlite3 round trip: %.2f\n", restore_s / sqlite_s);
    }
  else
    g_print ("# sqlite3 is not installed: no round trip to compare with\n");
  load_after = load_average ();
  g_print ("# load average: %s before, %s after\n", load_before, load_after);
  g_print ("1..0 # figures only\n");

  rally_test_remove_tree (dir);

  return 0;
}
