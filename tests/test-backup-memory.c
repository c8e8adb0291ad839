/* test-backup-memory.c
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

/* `rally import` of a large JSON backup stays within a memory bound: the file is
 * read a chunk at a time, so the peak resident size does not follow its size (the
 * whole file used to be mapped, and counted, at once). */

#include "config.h"

#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "rally-test-util.h"

#define N_VIDEOS 200000
#define GROWTH_MB 24

/* Restores @backup into a new workspace in @dir as `rally import`, returning its
 * peak resident size in KiB; what it printed goes to @log. */
static long
run_import (const char *rally,
            const char *backup,
            const char *dir,
            const char *log)
{
  g_autofree char *workspace = g_build_filename (dir, "workspace-XXXXXX", NULL);
  g_autofree char *command = NULL;
  const char *argv[] = { "/bin/sh", "-c", NULL, NULL };
  long peak_kb = 0;

  g_assert_nonnull (g_mkdtemp (workspace));
  /* exec: the process waited for is rally itself, so the peak is its own */
  command = g_strdup_printf ("exec '%s' import '%s' --data-dir '%s' >'%s' 2>&1", rally, backup, workspace, log);
  argv[2] = command;
  rally_test_run_measured (argv, 0, &peak_kb, NULL);

  return peak_kb;
}

/* A backup with one challenge and @n_videos videos, as export writes it. */
static gsize
write_backup (const char *path,
              guint       n_videos)
{
  FILE *out = fopen (path, "w");
  gsize size = 0;

  g_assert_nonnull (out);
  size += fprintf (out, "{\"format\":\"rally-backup\",\"version\":1,\"schema\":10,\n\"campaigns\":[],\n\"challenges\":[\n"
                   "{\"id\":1,\"created_at\":1700000000,\"updated_at\":1700000000,\"hashtag\":\"ForClimate\","
                   "\"hashtag_key\":\"forclimate\"}],\n\"posts\":[],\n\"videos\":[");
  for (guint n = 1; n <= n_videos; n++)
    size += fprintf (out, "%s\n{\"id\":%u,\"created_at\":1700000000,\"updated_at\":1700000000,\"challenge_id\":1,"
                     "\"tiktok_id\":%" G_GUINT64_FORMAT ",\"creator\":\"creator%u\",\"region\":\"KE\","
                     "\"posted_at\":%u,\"description\":\"Day %u of planting trees with my whole street, "
                     "the school and the bakery on the corner: join us! #ForClimate #fyp #trees\","
                     "\"views\":%u,\"likes\":%u,\"comments\":%u,\"shares\":%u}",
                     n > 1 ? "," : "", n, G_GUINT64_CONSTANT (7000000000000000000) + n, n % 5000,
                     1700000000 + n * 60, n, 1000 + n * 7 % 1000000, n % 50000, n % 900, n % 300);
  size += fprintf (out, "],\n\"snapshots\":[]}\n");
  g_assert_cmpint (fclose (out), ==, 0);

  return size;
}

static void
test_large_backup (void)
{
  const char *rally = g_getenv ("RALLY_BIN");
  g_autofree char *dir = g_dir_make_tmp ("rally-backup-memory-XXXXXX", NULL);
  g_autofree char *small = g_build_filename (dir, "small.json", NULL);
  g_autofree char *large = g_build_filename (dir, "large.json", NULL);
  g_autofree char *log = g_build_filename (dir, "import.log", NULL);
  g_autofree char *printed = NULL;
  long small_kb, large_kb;
  gsize size;
  gint64 start;

#if defined(__SANITIZE_ADDRESS__)
  g_test_skip ("AddressSanitizer changes how much memory a process holds");
  return;
#endif
  if (rally == NULL)
    {
      g_test_skip ("RALLY_BIN is not set");
      return;
    }

  /* what restoring anything at all takes */
  write_backup (small, 10);
  small_kb = run_import (rally, small, dir, log);

  size = write_backup (large, N_VIDEOS);
  start = g_get_monotonic_time ();
  large_kb = run_import (rally, large, dir, log);
  g_test_message ("%zu MB restored in %.1f s, peak RSS %ld MB (%ld MB restoring 10 videos)",
                  size / (1024 * 1024), (g_get_monotonic_time () - start) / 1e6,
                  large_kb / 1024, small_kb / 1024);
  g_assert_true (g_file_get_contents (log, &printed, NULL, NULL));
  g_assert_nonnull (strstr (printed, "Videos: 200000\n"));
  g_assert_cmpint (large_kb - small_kb, <, GROWTH_MB * 1024);

  rally_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/backup-memory/large-backup", test_large_backup);

  return g_test_run ();
}
