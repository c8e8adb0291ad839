/* test-cli.c
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

/* The command line: rally --version and rally --help answer and exit 0. */

#include "config.h"

#include <glib.h>
#include <string.h>
#include <sys/wait.h>

#include "rally-test-util.h"

static void
run_rally (const char  *arg,
           char       **out,
           int         *status)
{
  const char *bin = g_getenv ("RALLY_BIN");
  const char *argv[] = { bin, arg, NULL };
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (bin);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, NULL, status, &error);
  g_assert_no_error (error);
}

/* Runs rally with @args (NULL-terminated); returns its exit status. */
static int
run_rally_args (const char * const  *args,
                char               **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = -1;

  g_ptr_array_add (argv, (gpointer) g_getenv ("RALLY_BIN"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));

  return WEXITSTATUS (status);
}

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "csv", name, NULL);
}

static void
test_cli_import_csv (void)
{
  g_autofree char *dir = g_dir_make_tmp ("rally-cli-XXXXXX", NULL);
  g_autofree char *basic = fixture_path ("overview-basic.csv");
  g_autofree char *bad = fixture_path ("overview-bad-dates.csv");
  g_autofree char *content = fixture_path ("content-quoted.csv");
  g_autofree char *binary = fixture_path ("binary.csv");
  g_autofree char *err = NULL;

  g_assert_cmpint (run_rally_args ((const char *[]) { "import", basic, "--data-dir", dir, NULL }, &err), ==, 0);
  g_assert_nonnull (strstr (err, "3 new"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_rally_args ((const char *[]) { "import", basic, "--data-dir", dir, NULL }, &err), ==, 0);
  g_assert_nonnull (strstr (err, "3 already up to date"));
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_rally_args ((const char *[]) { "import", bad, "--data-dir", dir, NULL }, &err), ==, 1);
  g_assert_nonnull (strstr (err, "Line 3, column 1 (Date)"));
  g_assert_nonnull (strstr (err, "nothing was imported"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_rally_args ((const char *[]) { "import", bad, "--skip-bad-rows", "--data-dir", dir, NULL }, &err), ==, 0);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_rally_args ((const char *[]) { "import", binary, "--data-dir", dir, NULL }, &err), ==, 1);
  g_assert_nonnull (strstr (err, "Line 2, column 2"));
  g_clear_pointer (&err, g_free);

  /* A video list needs a challenge: a usage error. */
  g_assert_cmpint (run_rally_args ((const char *[]) { "import", content, "--skip-bad-rows", "--data-dir", dir, NULL }, &err), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_rally_args ((const char *[]) { "import", content, "--skip-bad-rows", "--challenge", "nope", "--data-dir", dir, NULL }, &err), ==, 1);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_rally_args ((const char *[]) { "import", basic, "--campaign", "nope", "--data-dir", dir, NULL }, &err), ==, 1);
  g_assert_nonnull (strstr (err, "no campaign called"));
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_rally_args ((const char *[]) { "import", "--data-dir", dir, NULL }, &err), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_rally_args ((const char *[]) { "import", "/no/such/file.csv", "--data-dir", dir, NULL }, &err), ==, 1);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_rally_args ((const char *[]) { "import", basic, "--no-such-option", NULL }, &err), ==, 2);

  rally_test_remove_tree (dir);
}

static void
test_cli_export_restore (void)
{
  g_autofree char *dir = g_dir_make_tmp ("rally-cli-XXXXXX", NULL);
  g_autofree char *one = g_build_filename (dir, "one", NULL);
  g_autofree char *two = g_build_filename (dir, "two", NULL);
  g_autofree char *backup = g_build_filename (dir, "backup.json", NULL);
  g_autofree char *videos = g_build_filename (dir, "videos.csv", NULL);
  g_autofree char *again = g_build_filename (dir, "again.json", NULL);
  g_autofree char *basic = fixture_path ("overview-basic.csv");
  g_autofree char *err = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  g_assert_cmpint (run_rally_args ((const char *[]) { "export", "--format", "json", "--data-dir", one, NULL }, &err), ==, 1);
  g_assert_nonnull (strstr (err, "no workspace"));
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_rally_args ((const char *[]) { "import", basic, "--data-dir", one, NULL }, &err), ==, 0);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_rally_args ((const char *[]) { "export", "--format", "json", "-o", backup, "--data-dir", one, NULL }, &err), ==, 0);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_rally_args ((const char *[]) { "export", "--format", "csv", "-o", videos, "--data-dir", one, NULL }, &err), ==, 0);
  g_assert_true (g_file_test (videos, G_FILE_TEST_EXISTS));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_rally_args ((const char *[]) { "export", "--format", "csv", "--challenge", "nope", "--data-dir", one, NULL }, &err), ==, 1);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_rally_args ((const char *[]) { "export", "--format", "xml", "--data-dir", one, NULL }, &err), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_rally_args ((const char *[]) { "export", "--data-dir", one, NULL }, &err), ==, 2);
  g_clear_pointer (&err, g_free);

  /* Restore into a fresh workspace, then refuse to mix, then replace. */
  g_assert_cmpint (run_rally_args ((const char *[]) { "import", backup, "--data-dir", two, NULL }, &err), ==, 0);
  g_assert_nonnull (strstr (err, "Snapshots: 3\n"));
  g_assert_nonnull (strstr (err, "Own videos: 0\n"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_rally_args ((const char *[]) { "import", backup, "--data-dir", two, NULL }, &err), ==, 1);
  g_assert_nonnull (strstr (err, "--replace"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_rally_args ((const char *[]) { "import", backup, "--replace", "--data-dir", two, NULL }, &err), ==, 0);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_rally_args ((const char *[]) { "import", backup, "--campaign", "x", "--data-dir", two, NULL }, &err), ==, 2);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_rally_args ((const char *[]) { "export", "--format", "json", "-o", again, "--data-dir", two, NULL }, &err), ==, 0);
  g_assert_true (g_file_get_contents (backup, &a, NULL, NULL));
  g_assert_true (g_file_get_contents (again, &b, NULL, NULL));
  /* Same records; only the export time may differ. */
  g_assert_cmpstr (strstr (a, "\"campaigns\""), ==, strstr (b, "\"campaigns\""));

  rally_test_remove_tree (dir);
}

static void
test_cli_version (void)
{
  g_autofree char *out = NULL;
  int status = -1;

  run_rally ("--version", &out, &status);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_cmpstr (out, ==, "rally " PACKAGE_VERSION "\n");
}

static void
test_cli_help (void)
{
  g_autofree char *out = NULL;
  int status = -1;

  run_rally ("--help", &out, &status);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (out, "Usage:"));
  g_assert_nonnull (strstr (out, "--data-dir"));
  g_assert_nonnull (strstr (out, "--version"));
  g_assert_nonnull (strstr (out, "Commands:"));
}

static void
test_cli_unknown_option (void)
{
  g_autofree char *out = NULL;
  int status = -1;

  run_rally ("--no-such-option", &out, &status);
  g_assert_false (g_spawn_check_wait_status (status, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cli/version", test_cli_version);
  g_test_add_func ("/cli/help", test_cli_help);
  g_test_add_func ("/cli/unknown-option", test_cli_unknown_option);
  g_test_add_func ("/cli/import-csv", test_cli_import_csv);
  g_test_add_func ("/cli/export-restore", test_cli_export_restore);

  return g_test_run ();
}
