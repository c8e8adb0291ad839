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

/* Benchmark (prints only): `rally sync` against a plain Python client
 * (bench-sync-baseline.py: http.client, json, sqlite3, one transaction per page),
 * both as child processes fetching the same hashtag from the loopback emulator,
 * interleaved (A B A B …) so that a busy machine slows both alike. Two phases:
 * replies at once (90,000 videos) and replies held back 150 ms (20,000 videos).
 * For each run: videos/s over the child's whole life (start-up included for both),
 * and the bytes it made the kernel write (/proc/PID/io write_bytes, read by a
 * shell around the child after it has reaped it). The load average is printed
 * before each phase and at the end: other work on the machine shows there.
 *
 * Python is /usr/bin/python3 when there is one (RALLY_BENCH_PYTHON to choose).
 * RALLY_BENCH_VIDEOS, RALLY_BENCH_LATENCY_VIDEOS and RALLY_BENCH_ROUNDS resize it
 * for quick runs by hand. */

#include "config.h"

#include <gio/gio.h>
#include <stdio.h>
#include <string.h>

#include "rally-emulator.h"
#include "rally-store.h"
#include "rally-test-util.h"

#define START 1717200000 /* 2024-06-01 UTC */

/* The shell reaps the child, so the child's I/O counters are in its own. */
#define IO_WRAPPER "\"$@\" > \"$RALLY_BENCH_OUT\" 2>&1; s=$?; cat /proc/$$/io > \"$RALLY_BENCH_IO\"; exit $s"

typedef struct
{
  const char *tag;
  guint       n_videos;
  guint       days;
  guint       delay_ms;
  guint       rounds;
} Phase;

typedef struct
{
  double  seconds;
  gint64  videos;
  guint64 write_bytes;
  guint   runs;
} Tally;

static guint64
read_write_bytes (const char *io_path)
{
  g_autofree char *text = NULL;
  const char *line;

  if (!g_file_get_contents (io_path, &text, NULL, NULL) ||
      (line = strstr (text, "\nwrite_bytes: ")) == NULL)
    return 0;
  return g_ascii_strtoull (line + strlen ("\nwrite_bytes: "), NULL, 10);
}

static char *
day_string (gint64 unix_time)
{
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_utc (unix_time);

  return g_date_time_format (date, "%Y%m%d");
}

/* Runs argv under the I/O wrapper; returns its wall time, or a negative number
 * when it failed (its output is printed then). */
static double
run_child (const char         *dir,
           const char * const *argv,
           guint64            *write_bytes,
           char              **output)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autofree char *io_path = g_build_filename (dir, "io", NULL);
  g_autofree char *out_path = g_build_filename (dir, "out", NULL);
  g_autofree char *config = g_build_filename (dir, "config", NULL);
  g_autofree char *keyfile_dir = g_build_filename (config, "glib-2.0", "settings", NULL);
  g_autofree char *keyfile = g_build_filename (keyfile_dir, "keyfile", NULL);
  gint64 start;
  double seconds;

  g_assert_cmpint (g_mkdir_with_parents (keyfile_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (keyfile, "[io/github/rallyapp/Rally]\nresearch-api=true\n", -1, NULL));

  g_ptr_array_add (args, (gpointer) "sh");
  g_ptr_array_add (args, (gpointer) "-c");
  g_ptr_array_add (args, (gpointer) IO_WRAPPER);
  g_ptr_array_add (args, (gpointer) "sh");
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (args, (gpointer) argv[i]);
  g_ptr_array_add (args, NULL);

  g_subprocess_launcher_setenv (launcher, "RALLY_BENCH_IO", io_path, TRUE);
  g_subprocess_launcher_setenv (launcher, "RALLY_BENCH_OUT", out_path, TRUE);
  g_subprocess_launcher_setenv (launcher, "RALLY_CLIENT_KEY", "k", TRUE);
  g_subprocess_launcher_setenv (launcher, "RALLY_CLIENT_SECRET", "s", TRUE);
  /* The Research API is off until a person turns it on in Preferences: turned on in
   * a settings file of the child's own, as test-sync does. */
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "keyfile", TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", config, TRUE);
  start = g_get_monotonic_time ();
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait (process, NULL, &error));
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  g_file_get_contents (out_path, output, NULL, NULL);
  *write_bytes = read_write_bytes (io_path);
  if (!g_subprocess_get_successful (process))
    {
      g_print ("# %s failed: %s\n", argv[0], *output ? *output : "");
      return -1;
    }
  return seconds;
}

static gint64
count_rally_videos (const char *dir,
                    gint64      challenge_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RallyStore) store = rally_store_open (dir, &error);
  RallyTotals totals;

  g_assert_no_error (error);
  rally_store_get_challenge_totals (store, challenge_id, &totals);
  return totals.videos;
}

static double
run_rally (RallyEmulator *emu,
           const Phase   *phase,
           const char    *dir,
           Tally         *tally)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RallyStore) store = rally_store_open (dir, &error);
  g_autoptr(RallyChallenge) challenge = rally_challenge_new ();
  g_autofree char *output = NULL;
  const char *argv[] = { g_getenv ("RALLY_BIN"), "sync", "--data-dir", dir, "--challenge", phase->tag,
                         "--api-url", rally_emulator_get_url (emu), NULL };
  guint64 write_bytes = 0;
  gint64 id;
  double seconds;

  g_assert_no_error (error);
  rally_challenge_set_hashtag (challenge, phase->tag);
  rally_challenge_set_start_date (challenge, START);
  rally_challenge_set_end_date (challenge, START + (phase->days - 1) * 86400);
  rally_challenge_set_status (challenge, RALLY_CHALLENGE_STATUS_ENDED);
  rally_challenge_set_audience (challenge, RALLY_AUDIENCE_18_PLUS);
  /* what the charity aims for: the engine cuts a short challenge into more windows
   * when it expects enough videos */
  rally_challenge_set_goal_videos (challenge, phase->n_videos);
  rally_store_save_challenge (store, challenge, &error);
  g_assert_no_error (error);
  id = rally_challenge_get_id (challenge);
  g_clear_object (&store);

  seconds = run_child (dir, argv, &write_bytes, &output);
  if (seconds < 0)
    return -1;
  tally->videos += count_rally_videos (dir, id);
  tally->seconds += seconds;
  tally->write_bytes += write_bytes;
  tally->runs++;
  return seconds;
}

static double
run_python (RallyEmulator *emu,
            const Phase   *phase,
            const char    *dir,
            Tally         *tally)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "bench-sync-baseline.py", NULL);
  g_autofree char *db = g_build_filename (dir, "python.db", NULL);
  g_autoptr(GUri) uri = g_uri_parse (rally_emulator_get_url (emu), G_URI_FLAGS_NONE, NULL);
  g_autofree char *port = g_strdup_printf ("%d", g_uri_get_port (uri));
  g_autofree char *first = day_string (START);
  g_autofree char *last = day_string (START + (phase->days - 1) * 86400);
  g_autofree char *output = NULL;
  /* the system's Python, as a researcher's script runs: a version manager's shim
   * first on PATH would add its own start-up to every run (RALLY_BENCH_PYTHON
   * chooses another) */
  const char *python = g_getenv ("RALLY_BENCH_PYTHON") != NULL ? g_getenv ("RALLY_BENCH_PYTHON")
                       : g_file_test ("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE) ? "/usr/bin/python3" : "python3";
  const char *argv[] = { python, script, port, phase->tag, first, last, db, NULL };
  guint64 write_bytes = 0;
  const char *videos;
  double seconds;

  seconds = run_child (dir, argv, &write_bytes, &output);
  if (seconds < 0 || output == NULL || (videos = strstr (output, "\"videos\": ")) == NULL)
    return -1;
  tally->videos += g_ascii_strtoll (videos + strlen ("\"videos\": "), NULL, 10);
  tally->seconds += seconds;
  tally->write_bytes += write_bytes;
  tally->runs++;
  return seconds;
}

static void
print_loadavg (const char *when)
{
  g_autofree char *loadavg = NULL;

  if (g_file_get_contents ("/proc/loadavg", &loadavg, NULL, NULL))
    g_print ("# load average %s: %s", when, loadavg);
}

static double
rate (const Tally *tally)
{
  return tally->seconds > 0 ? tally->videos / tally->seconds : 0;
}

static gboolean
run_phase (RallyEmulator *emu,
           const Phase   *phase,
           guint          number)
{
  Tally rally = { 0 }, python = { 0 };
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;

  rally_emulator_set_delay (emu, phase->delay_ms);
  print_loadavg ("before");
  g_print ("# %u videos of #%s over %u days, replies after %u ms, %u rounds rally/python interleaved\n",
           phase->n_videos, phase->tag, phase->days, phase->delay_ms, phase->rounds);
  for (guint round = 0; round < phase->rounds && ok; round++)
    for (guint who = 0; who < 2 && ok; who++)
      {
        g_autofree char *dir = g_dir_make_tmp ("rally-bench-sync-XXXXXX", &error);
        Tally *tally = who == 0 ? &rally : &python;
        gint64 before = tally->videos;
        guint64 bytes_before = tally->write_bytes;
        double seconds;

        g_assert_no_error (error);
        seconds = who == 0 ? run_rally (emu, phase, dir, tally) : run_python (emu, phase, dir, tally);
        ok = seconds > 0 && tally->videos - before == phase->n_videos;
        if (ok)
          g_print ("#   %-6s round %u: %.2f s, %.0f videos/s, %.1f MiB written\n", who == 0 ? "rally" : "python",
                   round + 1, seconds, phase->n_videos / seconds, (tally->write_bytes - bytes_before) / 1048576.0);
        else
          g_print ("#   %s round %u: %" G_GINT64_FORMAT " videos, expected %u\n", who == 0 ? "rally" : "python",
                   round + 1, tally->videos - before, phase->n_videos);
        if (g_getenv ("RALLY_BENCH_KEEP") == NULL)
          rally_test_remove_tree (dir);
        else
          g_print ("#   kept %s\n", dir);
      }
  if (ok)
    {
      g_print ("# | %u ms | rally %.0f videos/s | python %.0f videos/s | ratio %.2fx |"
               " written %.1f MiB vs %.1f MiB, ratio %.2fx |\n",
               phase->delay_ms, rate (&rally), rate (&python), rate (&rally) / rate (&python),
               rally.write_bytes / 1048576.0 / rally.runs, python.write_bytes / 1048576.0 / python.runs,
               (double) rally.write_bytes / rally.runs / MAX (1.0, (double) python.write_bytes / python.runs));
    }
  g_print ("%s %u sync %u videos at %u ms\n", ok ? "ok" : "not ok", number, phase->n_videos, phase->delay_ms);
  return ok;
}

static guint
env_uint (const char *name,
          guint       fallback)
{
  const char *value = g_getenv (name);

  return value != NULL ? (guint) CLAMP (g_ascii_strtoull (value, NULL, 10), 1, 1000000) : fallback;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(RallyEmulator) emu = rally_emulator_new ();
  g_autoptr(GError) error = NULL;
  guint rounds = env_uint ("RALLY_BENCH_ROUNDS", 3);
  Phase phases[] = {
    { "walkforwater", env_uint ("RALLY_BENCH_VIDEOS", 90000), 300, 0, rounds },
    { "rednoseday", env_uint ("RALLY_BENCH_LATENCY_VIDEOS", 20000), 75, 150, MAX (1, rounds - 1) },
  };

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  if (g_getenv ("RALLY_BIN") == NULL)
    {
      g_print ("1..0 # SKIP RALLY_BIN is not set: run it with meson test --benchmark\n");
      return 0;
    }
  rally_emulator_set_credentials (emu, "k", "s"); /* the baseline's own */
  for (guint i = 0; i < G_N_ELEMENTS (phases); i++)
    rally_emulator_add_hashtag (emu, phases[i].tag, phases[i].n_videos, START,
                                START + phases[i].days * 86400 - 1);
  g_assert_true (rally_emulator_start (emu, &error));
  g_assert_no_error (error);

  g_print ("1..%u\n", (guint) G_N_ELEMENTS (phases));
  g_print ("# rally: `rally sync` (C, libsoup, SQLite); python: bench-sync-baseline.py (http.client,"
           " json, sqlite3, one transaction per page); videos/s over each process's whole life\n");
  for (guint i = 0; i < G_N_ELEMENTS (phases); i++)
    run_phase (emu, &phases[i], i + 1);
  print_loadavg ("after");
  return 0;
}
