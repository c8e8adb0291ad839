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

/* Benchmark: JSON export and restore of a large workspace. Prints figures only.
 * RALLY_BENCH_VIDEOS sets the number of videos (default 1,000,000). */

#include "config.h"

#include <stdlib.h>

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

int
main (int   argc,
      char *argv[])
{
  const char *env = g_getenv ("RALLY_BENCH_VIDEOS");
  guint n_videos = env != NULL ? (guint) atoi (env) : 1000000;
  g_autofree char *dir = g_dir_make_tmp ("rally-bench-XXXXXX", NULL);
  g_autofree char *one = g_build_filename (dir, "one", NULL);
  g_autofree char *two = g_build_filename (dir, "two", NULL);
  g_autofree char *path = g_build_filename (dir, "backup.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  RallyBackupCounts counts = { 0 };
  RallyStore *source, *target;

  source = rally_store_open (one, &error);
  g_assert_no_error (error);
  fill (source, n_videos);
  g_print ("# filled %u videos in %.1f s\n", n_videos, g_timer_elapsed (timer, NULL));

  g_timer_start (timer);
  g_assert_true (rally_backup_export_file (source, file, &counts, NULL, &error));
  g_assert_no_error (error);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, 0, NULL, NULL);
  g_print ("# export: %" G_GUINT64_FORMAT " videos, %.1f MB, %.2f s\n", counts.videos,
           g_file_info_get_size (info) / 1e6, g_timer_elapsed (timer, NULL));

  target = rally_store_open (two, &error);
  g_assert_no_error (error);
  g_timer_start (timer);
  g_assert_true (rally_backup_restore_file (target, file, RALLY_BACKUP_RESTORE_DEFAULT, &counts, NULL, &error));
  g_assert_no_error (error);
  g_print ("# restore: %" G_GUINT64_FORMAT " videos, %.2f s\n", counts.videos, g_timer_elapsed (timer, NULL));
  g_print ("1..0 # figures only\n");

  g_object_unref (source);
  g_object_unref (target);
  rally_test_remove_tree (dir);

  return 0;
}
