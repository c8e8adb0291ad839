/* bench-startup.c
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

/* Benchmark: time from exec to the first painted frame, for Rally (on the workspace in
 * RALLY_BENCH_DATA_DIR, e.g. a `rally sample --scale 30` one) and for a blank libadwaita
 * window, alternating, several runs each. Prints the medians and their ratio; gates nothing.
 * Run under a display: xvfb-run -a dbus-run-session -- meson test -C _build --suite bench */

#include "config.h"

#include <gio/gio.h>
#include <stdlib.h>
#include <string.h>

#define RUNS 7

static double
time_to_first_frame (const char * const *argv)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  const char *line;
  gint64 start;

  g_subprocess_launcher_setenv (launcher, "RALLY_REPORT_FIRST_FRAME", "1", TRUE);
  start = g_get_monotonic_time ();
  proc = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);

  line = out != NULL ? strstr (out, "first-frame ") : NULL;
  if (line == NULL)
    return -1;

  return (g_ascii_strtoll (line + strlen ("first-frame "), NULL, 10) - start) / 1000.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

int
main (int   argc,
      char *argv[])
{
  const char *rally = g_getenv ("RALLY_BIN");
  const char *blank = g_getenv ("RALLY_BLANK_BIN");
  const char *data_dir = g_getenv ("RALLY_BENCH_DATA_DIR");
  g_autofree char *data_arg = NULL;
  double rally_ms[RUNS], blank_ms[RUNS];

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }

  data_arg = g_strdup_printf ("--data-dir=%s", data_dir != NULL ? data_dir : g_get_tmp_dir ());

  for (guint i = 0; i < RUNS; i++)
    {
      const char *rally_argv[] = { rally, data_arg, NULL };
      const char *blank_argv[] = { blank, NULL };

      rally_ms[i] = time_to_first_frame (rally_argv);
      blank_ms[i] = time_to_first_frame (blank_argv);
    }

  qsort (rally_ms, RUNS, sizeof (double), compare_doubles);
  qsort (blank_ms, RUNS, sizeof (double), compare_doubles);

  g_print ("# workspace: %s\n", data_dir != NULL ? data_dir : "(empty)");
  g_print ("# time to first frame, median of %d: rally %.1f ms, blank libadwaita window %.1f ms, ratio %.2fx\n",
           RUNS, rally_ms[RUNS / 2], blank_ms[RUNS / 2], rally_ms[RUNS / 2] / blank_ms[RUNS / 2]);
  g_print ("1..1\nok 1 startup\n");

  return 0;
}
