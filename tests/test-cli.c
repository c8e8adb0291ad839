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
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

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
  return rally_test_run_rally (args, err);
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
  g_assert_nonnull (strstr (out, "--workspace"));
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

/* A word that is no command is refused by name, not handed to GApplication. */
static void
test_cli_unknown_command (void)
{
  g_autofree char *err = NULL;

  g_assert_cmpint (run_rally_args ((const char *[]) { "frobnicate", NULL }, &err), ==, 1);
  g_assert_nonnull (strstr (err, "unknown command “frobnicate”; see rally --help"));
  g_assert_null (strstr (err, "CRITICAL"));
  g_assert_null (strstr (err, "WARNING"));
}

/* Only sample and import create a workspace: sync with a mistyped folder says so. */
static void
test_cli_sync_no_workspace (void)
{
  g_autofree char *dir = g_dir_make_tmp ("rally-cli-XXXXXX", NULL);
  g_autofree char *typo = g_build_filename (dir, "typo", NULL);
  g_autofree char *err = NULL;

  g_setenv ("RALLY_CLIENT_KEY", "key", TRUE);
  g_setenv ("RALLY_CLIENT_SECRET", "secret", TRUE);
  g_assert_cmpint (run_rally_args ((const char *[]) { "sync", "--api-url", "http://127.0.0.1:9", "--data-dir", typo, NULL },
                                   &err), ==, 1);
  g_unsetenv ("RALLY_CLIENT_KEY");
  g_unsetenv ("RALLY_CLIENT_SECRET");
  g_assert_nonnull (strstr (err, "no workspace"));
  g_assert_false (g_file_test (typo, G_FILE_TEST_EXISTS));
  rally_test_remove_tree (dir);
}

static char *
restore_fixture_workspace (const char *dir)
{
  g_autofree char *backup = g_test_build_filename (G_TEST_DIST, "fixtures", "backup", "workspace.json", NULL);
  char *ws = g_build_filename (dir, "ws", NULL);
  g_autofree char *err = NULL;

  g_assert_cmpint (run_rally_args ((const char *[]) { "import", backup, "--data-dir", ws, NULL }, &err), ==, 0);
  return ws;
}

static guint
count_lines (const char *path)
{
  g_autofree char *text = NULL;
  guint n = 0;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  for (const char *p = text; *p != '\0'; p++)
    n += *p == '\n';
  return n;
}

/* The same challenge twice is exported once. */
static void
test_cli_export_challenge_twice (void)
{
  g_autofree char *dir = g_dir_make_tmp ("rally-cli-XXXXXX", NULL);
  g_autofree char *ws = restore_fixture_workspace (dir);
  g_autofree char *out = g_build_filename (dir, "videos.csv", NULL);
  g_autofree char *err = NULL;

  g_assert_cmpint (run_rally_args ((const char *[]) { "export", "--format", "csv", "--challenge", "DanceForChange",
                                                      "--challenge", "#danceforchange", "-o", out, "--data-dir", ws,
                                                      NULL }, &err), ==, 0);
  g_assert_cmpuint (count_lines (out), ==, 2);
  g_assert_nonnull (strstr (err, "Exported 1 video"));
  rally_test_remove_tree (dir);
}

static guint
count_entries (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  g_assert_nonnull (d);
  while (g_dir_read_name (d) != NULL)
    n++;
  return n;
}

/* Devices and the process's own descriptors are written in place, never replaced. */
static void
test_cli_export_special_files (void)
{
  g_autofree char *dir = g_dir_make_tmp ("rally-cli-XXXXXX", NULL);
  g_autofree char *ws = restore_fixture_workspace (dir);
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autofree char *backup = g_build_filename (out, "backup.json", NULL);
  g_autofree char *err = NULL;
  const char *targets[] = { "/dev/null", "/dev/stdout", "/dev/fd/1", "-" };

  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      g_test_message ("-o %s", targets[i]);
      g_assert_cmpint (run_rally_args ((const char *[]) { "export", "--format", "json", "-o", targets[i],
                                                          "--data-dir", ws, NULL }, &err), ==, 0);
      g_assert_nonnull (strstr (err, "Exported 5 records"));
      g_clear_pointer (&err, g_free);
    }

  /* a regular file: written whole, nothing left beside it */
  g_assert_cmpint (g_mkdir (out, 0700), ==, 0);
  g_assert_true (g_file_set_contents (backup, "old", -1, NULL));
  g_assert_cmpint (g_chmod (backup, 0640), ==, 0);
  g_assert_cmpint (run_rally_args ((const char *[]) { "export", "--format", "json", "-o", backup, "--data-dir", ws,
                                                      NULL }, &err), ==, 0);
  g_assert_cmpuint (count_entries (out), ==, 1);
  g_assert_cmpuint (count_lines (backup), >, 5);
  {
    GStatBuf st;

    g_assert_cmpint (g_stat (backup, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0640);
  }
  rally_test_remove_tree (dir);
}

/* Starts `rally export` into @target, waits until something appears in @dir beside
 * what was there, and sends @signum. */
static void
kill_export (const char *ws,
             const char *dir,
             const char *target,
             guint       entries_before,
             int         signum)
{
  const char *argv[] = { g_getenv ("RALLY_BIN"), "export", "--format", "json", "-o", target, "--data-dir", ws, NULL };
  g_autoptr(GError) error = NULL;
  GPid pid;
  int status;
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  g_assert_true (g_spawn_async (NULL, (char **) argv, NULL,
                                G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                                NULL, NULL, &pid, &error));
  g_assert_no_error (error);
  while (count_entries (dir) == entries_before && g_get_monotonic_time () < deadline)
    g_usleep (500);
  g_usleep (20000);  /* some of it written */
  kill (pid, signum);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_spawn_close_pid (pid);
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (WTERMSIG (status), ==, signum);
}

/* An export cut off leaves either the old file or none, never a truncated one;
 * SIGINT and SIGTERM also remove the temporary file. */
static void
test_cli_export_killed (void)
{
  g_autofree char *dir = g_dir_make_tmp ("rally-cli-XXXXXX", NULL);
  g_autofree char *ws = g_build_filename (dir, "ws", NULL);
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autofree char *backup = g_build_filename (out, "backup.json", NULL);
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;
  const int signals[] = { SIGTERM, SIGINT };

  g_assert_cmpint (run_rally_args ((const char *[]) { "sample", "--data-dir", ws, NULL }, &err), ==, 0);
  g_assert_cmpint (g_mkdir (out, 0700), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
    {
      kill_export (ws, out, backup, 0, signals[i]);
      g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));
      g_assert_cmpuint (count_entries (out), ==, 0);
    }
  kill_export (ws, out, backup, 0, SIGKILL);
  g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));

  rally_test_remove_tree (out);
  g_assert_cmpint (g_mkdir (out, 0700), ==, 0);
  g_assert_true (g_file_set_contents (backup, "old", -1, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
    {
      kill_export (ws, out, backup, 1, signals[i]);
      g_assert_true (g_file_get_contents (backup, &text, NULL, NULL));
      g_assert_cmpstr (text, ==, "old");
      g_clear_pointer (&text, g_free);
      g_assert_cmpuint (count_entries (out), ==, 1);
    }
  rally_test_remove_tree (dir);
}

/* --workspace before or after the command name, --data-dir as its alias, and
 * $RALLY_WORKSPACE, all name the same folder; a server address is refused with a
 * sentence that does not repeat it (it may hold a password), and no folder is made. */
static void
test_cli_workspace_option (void)
{
  g_autofree char *dir = g_dir_make_tmp ("rally-cli-XXXXXX", NULL);
  g_autofree char *before = g_build_filename (dir, "before", NULL);
  g_autofree char *after = g_build_filename (dir, "after", NULL);
  g_autofree char *alias = g_build_filename (dir, "alias", NULL);
  g_autofree char *env = g_build_filename (dir, "env", NULL);
  g_autofree char *env_db = g_build_filename (env, "rally.db", NULL);
  g_autofree char *server_dir = g_build_filename (dir, "postgresql:", NULL);
  const char *server = "postgresql://ann:s3cret@db.invalid/rally";
  g_autofree char *old_env = g_strdup (g_getenv ("RALLY_WORKSPACE"));
  g_autofree char *err = NULL;

  g_assert_cmpint (run_rally_args ((const char *[]) { "--workspace", before, "sample", NULL }, &err), ==, 0);
  g_assert_nonnull (strstr (err, before));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_rally_args ((const char *[]) { "sample", "--workspace", after, NULL }, &err), ==, 0);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_rally_args ((const char *[]) { "--data-dir", alias, "sample", NULL }, &err), ==, 0);
  g_clear_pointer (&err, g_free);
  /* The workspace made before the command name is the one read after it. */
  g_assert_cmpint (run_rally_args ((const char *[]) { "export", "--format", "json", "-w", before, "-o", "/dev/null", NULL }, &err), ==, 0);
  g_clear_pointer (&err, g_free);

  g_setenv ("RALLY_WORKSPACE", env, TRUE);
  g_assert_cmpint (run_rally_args ((const char *[]) { "sample", NULL }, &err), ==, 0);
  g_clear_pointer (&err, g_free);
  g_assert_true (g_file_test (env_db, G_FILE_TEST_EXISTS));

  g_chdir (dir);
  g_assert_cmpint (run_rally_args ((const char *[]) { "--workspace", server, "sync", NULL }, &err), ==, 1);
  g_assert_nonnull (strstr (err, "team server"));
  g_assert_null (strstr (err, "s3cret"));
  g_assert_false (g_file_test (server_dir, G_FILE_TEST_EXISTS));
  g_clear_pointer (&err, g_free);

  if (old_env != NULL)
    g_setenv ("RALLY_WORKSPACE", old_env, TRUE);
  else
    g_unsetenv ("RALLY_WORKSPACE");
  rally_test_remove_tree (dir);
}

/* libpq, and the libraries it brings (Kerberos, LDAP, TLS), are loaded only when a
 * team server is asked for: the dynamic loader's own log (LD_DEBUG=libs) names every
 * library it maps. */
static void
test_cli_libpq_on_demand (void)
{
  g_autofree char *dir = g_dir_make_tmp ("rally-cli-XXXXXX", NULL);
  g_autofree char *local = g_build_filename (dir, "local", NULL);
  g_autofree char *server = g_strdup_printf ("postgresql://nobody@/rally?host=%s", dir);
  g_autofree char *basic = fixture_path ("overview-basic.csv");
  g_autofree char *old_debug = g_strdup (g_getenv ("LD_DEBUG"));
  g_autofree char *err = NULL;
  /* what would send the loader's log elsewhere, or libpq to another server */
  const char *unset[] = { "LD_DEBUG_OUTPUT", "PGHOST", "PGHOSTADDR", "PGSERVICE", "PGSERVICEFILE", "PGPORT" };

  g_assert_cmpint (run_rally_args ((const char *[]) { "import", basic, "--data-dir", local, NULL }, &err), ==, 0);
  g_clear_pointer (&err, g_free);

  for (guint i = 0; i < G_N_ELEMENTS (unset); i++)
    g_unsetenv (unset[i]);
  g_setenv ("LD_DEBUG", "libs", TRUE);
  g_assert_cmpint (run_rally_args ((const char *[]) { "export", "--format", "json", "-o", "/dev/null", "-w", local, NULL },
                                   &err), ==, 0);
  /* the log is there, and libpq is not in it */
  g_assert_nonnull (strstr (err, "libsqlite3.so"));
  g_assert_null (strstr (err, "libpq.so"));
  g_clear_pointer (&err, g_free);

  /* no server listens in @dir: libpq is loaded, and says so */
  g_assert_cmpint (run_rally_args ((const char *[]) { "export", "--format", "json", "-o", "/dev/null", "-w", server, NULL },
                                   &err), ==, 1);
  g_assert_nonnull (strstr (err, "libpq.so.5"));
  g_assert_nonnull (strstr (err, "Could not connect to the team server"));
  if (old_debug != NULL)
    g_setenv ("LD_DEBUG", old_debug, TRUE);
  else
    g_unsetenv ("LD_DEBUG");

  rally_test_remove_tree (dir);
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
  g_test_add_func ("/cli/unknown-command", test_cli_unknown_command);
  g_test_add_func ("/cli/sync-no-workspace", test_cli_sync_no_workspace);
  g_test_add_func ("/cli/export-challenge-twice", test_cli_export_challenge_twice);
  g_test_add_func ("/cli/export-special-files", test_cli_export_special_files);
  g_test_add_func ("/cli/export-killed", test_cli_export_killed);
  g_test_add_func ("/cli/workspace-option", test_cli_workspace_option);
  g_test_add_func ("/cli/libpq-on-demand", test_cli_libpq_on_demand);

  return g_test_run ();
}
