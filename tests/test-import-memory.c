/* test-import-memory.c
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

/* `rally import` of a large TikTok Studio content export stays within a memory
 * bound: the file is read in chunks, so the peak resident size follows the rows
 * kept, not the bytes read (it used to be about six times the file). */

#include "config.h"

#include <glib.h>
#include <stdio.h>

#include "rally-test-util.h"

#define FILE_MB 50
#define SLACK_MB 60

#define QUIET (G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL)

/* A content export shaped like TikTok Studio's, of at least @mb MiB. */
static gsize
write_content_export (const char *path,
                      guint       mb)
{
  FILE *out = fopen (path, "w");
  gsize size = 0;

  g_assert_nonnull (out);
  size += fprintf (out, "Video title,Video link,Post time,Total views,Total likes,Total comments,Total shares\r\n");
  for (guint n = 1; size < (gsize) mb * 1024 * 1024; n++)
    size += fprintf (out, "\"Dancing for change, day %u #DanceForChange #fyp\","
                     "https://www.tiktok.com/@creator%u/video/%" G_GUINT64_FORMAT ","
                     "2024-%02u-%02u %02u:%02u,\"%u\",\"%u\",%u,%u\r\n",
                     n, n % 5000, G_GUINT64_CONSTANT (7000000000000000000) + n,
                     1 + n % 12, 1 + n % 28, n % 24, n % 60, 1000 + n * 7 % 1000000,
                     n % 50000, n % 900, n % 300);
  g_assert_cmpint (fclose (out), ==, 0);

  return size;
}

static void
test_large_content_export (void)
{
  const char *rally = g_getenv ("RALLY_BIN");
  g_autofree char *dir = g_dir_make_tmp ("rally-import-memory-XXXXXX", NULL);
  g_autofree char *workspace = g_build_filename (dir, "workspace", NULL);
  g_autofree char *csv = g_build_filename (dir, "content.csv", NULL);
  const char *sample[] = { rally, "sample", "--data-dir", workspace, NULL };
  const char *import[] = { rally, "import", csv, "--data-dir", workspace, "--challenge", "DanceForChange", NULL };
  gsize size;
  long peak_kb = 0, bound_kb;
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

  rally_test_run_measured (sample, QUIET, NULL, NULL);
  size = write_content_export (csv, FILE_MB);

  start = g_get_monotonic_time ();
  rally_test_run_measured (import, QUIET, &peak_kb, NULL);
  bound_kb = (long) (2 * size / 1024) + SLACK_MB * 1024;
  g_test_message ("%zu MB imported in %.1f s, peak RSS %ld MB (bound %ld MB)",
                  size / (1024 * 1024), (g_get_monotonic_time () - start) / 1e6,
                  peak_kb / 1024, bound_kb / 1024);
  g_assert_cmpint (peak_kb, <, bound_kb);

  rally_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/import-memory/large-content-export", test_large_content_export);

  return g_test_run ();
}
