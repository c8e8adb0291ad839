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
 * its own. Each is run RALLY_BENCH_RUNS times (default 2), one after the other, and
 * the best time of each compared; their processor times are compared too, which the
 * machine's load changes less. */

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

/* One of each, one after the other, so that both see the same load: Rally's restore
 * as `rally import` into a new workspace, then `sqlite3 SRC .dump | sqlite3 DST`. */
typedef struct
{
  double restore_s, restore_cpu_s;
  double sqlite_s, sqlite_cpu_s;
  long   peak_kb;
} Run;

static void
run_both (const char *rally,
          const char *sqlite3,
          const char *dir,
          const char *backup,
          const char *source_db,
          guint       n,
          Run        *run)
{
  g_autofree char *workspace = g_strdup_printf ("%s/restored-%u", dir, n);
  g_autofree char *copy = g_strdup_printf ("%s/copy-%u.db", dir, n);
  g_autofree char *dump = g_strdup_printf ("'%s' '%s' .dump | '%s' '%s'", sqlite3, source_db, sqlite3, copy);
  const char *import[] = { rally, "import", backup, "--data-dir", workspace, NULL };
  const char *sh[] = { "/bin/sh", "-c", dump, NULL };

  g_assert_null (strchr (dir, '\''));
  run->restore_s = rally_test_run_measured (import, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                                           &run->peak_kb, &run->restore_cpu_s);
  run->sqlite_s = rally_test_run_measured (sh, 0, NULL, &run->sqlite_cpu_s);
  g_print ("# run %u: restore %.2f s (processor %.2f s), peak RSS %.1f MB; "
           "sqlite3 .dump | sqlite3 %.2f s (processor %.2f s)\n",
           n, run->restore_s, run->restore_cpu_s, run->peak_kb / 1024.0, run->sqlite_s, run->sqlite_cpu_s);
}

int
main (int   argc,
      char *argv[])
{
  const char *env = g_getenv ("RALLY_BENCH_VIDEOS");
  const char *runs_env = g_getenv ("RALLY_BENCH_RUNS");
  const char *rally = g_getenv ("RALLY_BIN");
  guint n_videos = env != NULL ? (guint) atoi (env) : 1000000;
  guint n_runs = runs_env != NULL ? (guint) MAX (atoi (runs_env), 1) : 2;
  g_autofree char *dir = g_dir_make_tmp ("rally-bench-XXXXXX", NULL);
  g_autofree char *one = g_build_filename (dir, "one", NULL);
  g_autofree char *path = g_build_filename (dir, "backup.json", NULL);
  g_autofree char *source_db = g_build_filename (one, "rally.db", NULL);
  g_autofree char *sqlite3 = g_find_program_in_path ("sqlite3");
  g_autofree char *load_before = NULL;
  g_autofree char *load_after = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  RallyBackupCounts counts = { 0 };
  Run best = { G_MAXDOUBLE, G_MAXDOUBLE, G_MAXDOUBLE, G_MAXDOUBLE, 0 };
  RallyStore *source;

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

  if (rally == NULL || sqlite3 == NULL)
    g_print ("# %s: no restore measured\n", rally == NULL ? "RALLY_BIN is not set" : "sqlite3 is not installed");

  /* The best of a few runs of each: the machine's other work only ever slows one down. */
  for (guint n = 1; rally != NULL && sqlite3 != NULL && n <= n_runs; n++)
    {
      Run run;

      run_both (rally, sqlite3, dir, path, source_db, n, &run);
      best.restore_s = MIN (best.restore_s, run.restore_s);
      best.restore_cpu_s = MIN (best.restore_cpu_s, run.restore_cpu_s);
      best.sqlite_s = MIN (best.sqlite_s, run.sqlite_s);
      best.sqlite_cpu_s = MIN (best.sqlite_cpu_s, run.sqlite_cpu_s);
      best.peak_kb = MAX (best.peak_kb, run.peak_kb);
    }
  if (best.peak_kb > 0)
    {
      g_print ("# restore: %u videos, best %.2f s, peak RSS %.1f MB\n", n_videos, best.restore_s, best.peak_kb / 1024.0);
      g_print ("# sqlite3 .dump | sqlite3: best %.2f s\n", best.sqlite_s);
      g_print ("# restore / sqlite3 round trip: %.2f (processor time: %.2f)\n",
               best.restore_s / best.sqlite_s, best.restore_cpu_s / best.sqlite_cpu_s);
    }
  load_after = load_average ();
  g_print ("# load average: %s before, %s after\n", load_before, load_after);
  g_print ("1..0 # figures only\n");

  rally_test_remove_tree (dir);

  return 0;
}
